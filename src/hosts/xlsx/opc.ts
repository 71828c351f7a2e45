/**
 * The package layer of an .xlsx file (Open Packaging Conventions): the ZIP, relationships,
 * content types and the workbook part's sheet list. Shared by the reader and the writer.
 */
import { ZipIntegrityError, inflateEntry, inflateEntryChecked, inflateEntryCheckedAsync, readZip, type ZipEntry } from "./zipRaw";
import { checkDeclaredSizes } from "./limits";
import { attrByLocal, attrsOf, decodeXml, encodeUtf8, escapeAttr, nextTag } from "./xml";

// ---------------------------------------------------------------------------------------------
// Errors

export type WorkbookReadErrorCode = "notZip" | "notWorkbook" | "encrypted" | "corrupt" | "tooLarge" | "unsafe";

/**
 * A workbook that cannot be read, with a message for users in English and Simplified Chinese.
 * The stack is reduced to the message: this error is shown to people, not debugged.
 */
export class WorkbookReadError extends Error {
  readonly code: WorkbookReadErrorCode;
  readonly messageZh: string;

  constructor(code: WorkbookReadErrorCode, message: string, messageZh: string) {
    super(message);
    this.name = "WorkbookReadError";
    this.code = code;
    this.messageZh = messageZh;
    Object.defineProperty(this, "stack", { value: `WorkbookReadError: ${message}`, enumerable: false, configurable: true, writable: true });
  }
}

const ERR = {
  notZip: () =>
    new WorkbookReadError(
      "notZip",
      "This file is not an Excel workbook (.xlsx): it is not a ZIP package.",
      "该文件不是 Excel 工作簿（.xlsx）：它不是 ZIP 格式的文件包。",
    ),
  corrupt: (detail?: string) =>
    new WorkbookReadError(
      "corrupt",
      `The workbook is damaged or incomplete and cannot be read${detail ? ` (${detail})` : ""}. Open it in Excel, save it again and retry.`,
      `工作簿已损坏或不完整，无法读取${detail ? `（${detail}）` : ""}。请在 Excel 中打开并重新保存后再试。`,
    ),
  notWorkbook: () =>
    new WorkbookReadError(
      "notWorkbook",
      "The file is a ZIP package but not an Excel workbook (it has no xl/workbook.xml).",
      "该文件是 ZIP 包，但不是 Excel 工作簿（缺少 xl/workbook.xml）。",
    ),
  xlsb: () =>
    new WorkbookReadError(
      "notWorkbook",
      "This is a binary Excel workbook (.xlsb). Open it in Excel and save it as an .xlsx workbook.",
      "这是二进制 Excel 工作簿（.xlsb）。请在 Excel 中打开并另存为 .xlsx 工作簿。",
    ),
  xls: () =>
    new WorkbookReadError(
      "notWorkbook",
      "This is an old Excel 97–2003 workbook (.xls). Open it in Excel and save it as an .xlsx workbook.",
      "这是旧版 Excel 97–2003 工作簿（.xls）。请在 Excel 中打开并另存为 .xlsx 工作簿。",
    ),
  tooLarge: (en: string, zh: string) =>
    new WorkbookReadError("tooLarge", `TierPlan will not read this workbook: ${en}. Nothing was changed.`, `TierPlan 不读取此工作簿：${zh}。未做任何修改。`),
  damagedPart: (detail: string) =>
    new WorkbookReadError(
      "corrupt",
      `The workbook is damaged: ${detail}. Open it in Excel, save it again and retry. Nothing was changed.`,
      `工作簿已损坏：${detail}。请在 Excel 中打开并重新保存后再试。未做任何修改。`,
    ),
  doctype: (part: string) =>
    new WorkbookReadError(
      "unsafe",
      `The part ${part} declares a DTD (<!DOCTYPE>), which Excel never writes and which can hide entity bombs or external entities: TierPlan will not read it.`,
      `部件 ${part} 声明了 DTD（<!DOCTYPE>）。Excel 从不写入 DTD，它可能隐藏实体炸弹或外部实体：TierPlan 不读取该文件。`,
    ),
  missingPart: (part: string, sheet: string) =>
    new WorkbookReadError(
      "corrupt",
      `The workbook is damaged: sheet "${sheet}" points to the part ${part}, which is not in the file. Open it in Excel, save it again and retry.`,
      `工作簿已损坏：工作表“${sheet}”指向的部件 ${part} 不在文件中。请在 Excel 中打开并重新保存后再试。`,
    ),
  ods: () =>
    new WorkbookReadError(
      "notWorkbook",
      "This is an OpenDocument spreadsheet (.ods). Save it as an Excel workbook (.xlsx) and try again.",
      "这是 OpenDocument 电子表格（.ods）。请另存为 Excel 工作簿（.xlsx）后重试。",
    ),
  csv: () =>
    new WorkbookReadError(
      "notWorkbook",
      "This file is not an Excel workbook (.xlsx): it is a text file (CSV). Open it in Excel and save it as an Excel workbook (.xlsx), then try again.",
      "该文件不是 Excel 工作簿（.xlsx），而是文本文件（CSV）。请在 Excel 中打开并另存为 Excel 工作簿（.xlsx）后重试。",
    ),
  encrypted: () =>
    new WorkbookReadError(
      "encrypted",
      "The workbook is protected with a password to open (encrypted). Remove the password in Excel (File › Info › Protect Workbook › Encrypt with Password) and try again.",
      "工作簿设置了打开密码（已加密）。请在 Excel 中取消密码（文件 › 信息 › 保护工作簿 › 用密码进行加密）后重试。",
    ),
};
export { ERR as readErrors };

function containsUtf16(bytes: Uint8Array, text: string): boolean {
  const pat: number[] = [];
  for (const ch of text) pat.push(ch.charCodeAt(0), 0);
  const first = pat[0];
  const n = bytes.length - pat.length;
  outer: for (let i = 0; i <= n; i++) {
    if (bytes[i] !== first) continue;
    for (let k = 1; k < pat.length; k++) if (bytes[i + k] !== pat[k]) continue outer;
    return true;
  }
  return false;
}

/** Throw the right WorkbookReadError for bytes that are not an .xlsx ZIP. */
export function checkSignature(bytes: Uint8Array): void {
  if (bytes.length >= 8 && bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    // An OLE compound file: either an encrypted OOXML package or a BIFF .xls.
    if (containsUtf16(bytes, "EncryptedPackage") || containsUtf16(bytes, "EncryptionInfo")) throw ERR.encrypted();
    throw ERR.xls();
  }
  const zipLocal = bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 3 && bytes[3] === 4;
  const zipEmpty = bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 5 && bytes[3] === 6;
  if (!zipLocal && !zipEmpty) throw looksLikeText(bytes) ? ERR.csv() : ERR.notZip();
}

/** The first 4 KB decode as text with line breaks and a separator (a CSV or TSV export). */
function looksLikeText(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 4096);
  if (head.length === 0) return false;
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(head.subarray(0, head.length - 3 > 0 && head.length === 4096 ? head.length - 3 : head.length));
  } catch {
    try {
      text = new TextDecoder("gb18030", { fatal: true }).decode(head);
    } catch {
      return false;
    }
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000e-\u001f]/.test(text)) return false;
  return /[,;\t]/.test(text);
}

const packages = new WeakMap<Record<string, Uint8Array>, Map<string, ZipEntry>>();
/** The getters of openPackage's parts that have not inflated their part yet. */
const lazyGetters = new WeakSet<() => Uint8Array>();

/**
 * Open a package without unzipping it: every entry is a property of the returned record that
 * inflates its part on first read (and keeps it). Assigning a property replaces the part;
 * `unchangedEntry` tells which entries can still be copied compressed as they are (zipRaw.ts).
 * A damaged ZIP, or a part that cannot be inflated, becomes WorkbookReadError("corrupt").
 */
export function openPackage(bytes: Uint8Array): Record<string, Uint8Array> {
  let entries: ZipEntry[];
  try {
    entries = readZip(bytes);
  } catch (e) {
    throw ERR.corrupt(e instanceof Error ? e.message : undefined);
  }
  const breach = checkDeclaredSizes(entries);
  if (breach) throw ERR.tooLarge(breach.en, breach.zh);
  if (!entries.some((e) => /^\[content_types\]\.xml$/i.test(e.name))) {
    const mime = entries.find((e) => e.name === "mimetype");
    if (mime && /opendocument\.spreadsheet/.test(new TextDecoder().decode(mime.method === 0 ? mime.raw : new Uint8Array(0)))) throw ERR.ods();
  }
  const files: Record<string, Uint8Array> = {};
  const byName = new Map<string, ZipEntry>();
  for (const entry of entries) {
    const name = entry.name;
    if (name.endsWith("/") && entry.size === 0) continue; // a folder entry
    byName.set(name, entry); // a duplicate name: the last one wins, as with unzipSync
    const set = (v: Uint8Array) => {
      Object.defineProperty(files, name, { value: v, writable: true, enumerable: true, configurable: true });
    };
    const get = () => {
      let v: Uint8Array;
      try {
        v = inflateEntry(entry);
      } catch (e) {
        if (e instanceof ZipIntegrityError) throw ERR.damagedPart(e.message);
        throw ERR.damagedPart(`part ${name} cannot be inflated${e instanceof Error ? ` (${e.message})` : ""}`);
      }
      v = normalizeXmlPart(name, v);
      // Read but not changed: still copied compressed.
      Object.defineProperty(files, name, { get: () => v, set, enumerable: true, configurable: true });
      return v;
    };
    lazyGetters.add(get);
    Object.defineProperty(files, name, { enumerable: true, configurable: true, get, set });
  }
  packages.set(files, byName);
  return files;
}

/** The original compressed entry of `name` if the part was not replaced since openPackage. */
export function unchangedEntry(files: Record<string, Uint8Array>, name: string): ZipEntry | undefined {
  const e = packages.get(files)?.get(name);
  if (!e) return undefined;
  const d = Object.getOwnPropertyDescriptor(files, name);
  return d && d.get ? e : undefined;
}

/**
 * The compressed entry of `name` if openPackage's record has neither inflated nor replaced the
 * part yet: a reader that needs the part once can then inflate it in chunks
 * (inflateEntryChunks) instead of keeping it whole in the record.
 */
export function pendingEntry(files: Record<string, Uint8Array>, name: string): ZipEntry | undefined {
  const e = packages.get(files)?.get(name);
  if (!e) return undefined;
  const d = Object.getOwnPropertyDescriptor(files, name);
  return d && d.get && lazyGetters.has(d.get) ? e : undefined;
}

/**
 * Hand the uncompressed bytes of an entry to `onChunk` piece by piece (report/deflate.ts
 * inflateRawChunks: in pieces with fflate, whole with a codec that has no chunked inflate).
 * A part that cannot be inflated becomes WorkbookReadError("corrupt"); errors thrown by
 * `onChunk` pass through.
 */
export function inflateEntryChunks(entry: ZipEntry, onChunk: (chunk: Uint8Array) => void): void {
  const part = guardedPart(entry, onChunk);
  if (!part) return;
  try {
    inflateEntryChecked(entry, part.take);
  } catch (e) {
    throw part.failure(e);
  }
}

/** inflateEntryChunks with the platform's native inflate where there is one (zipRaw.inflateEntryCheckedAsync). */
export async function inflateEntryChunksAsync(entry: ZipEntry, onChunk: (chunk: Uint8Array) => void): Promise<void> {
  const part = guardedPart(entry, onChunk);
  if (!part) return;
  try {
    await inflateEntryCheckedAsync(entry, part.take);
  } catch (e) {
    throw part.failure(e);
  }
}

/**
 * What both inflateEntryChunks share: a stored part goes to `onChunk` at once (null returned);
 * otherwise the first chunk's XML prolog is checked, and a failure is told apart from an error
 * of `onChunk`'s (which passes through) and named.
 */
function guardedPart(entry: ZipEntry, onChunk: (chunk: Uint8Array) => void): { take: (chunk: Uint8Array) => void; failure: (e: unknown) => unknown } | null {
  if (entry.method === 0) {
    onChunk(entry.raw);
    return null;
  }
  if (entry.method !== 8) throw ERR.corrupt(`unknown compression type ${entry.method} (${entry.name})`);
  let inCallback = false;
  let first = true;
  return {
    take: (chunk) => {
      if (first) {
        first = false;
        checkProlog(entry.name, chunk);
      }
      inCallback = true;
      onChunk(chunk);
      inCallback = false;
    },
    failure: (e) => {
      if (inCallback || e instanceof WorkbookReadError) return e;
      if (e instanceof ZipIntegrityError) return ERR.damagedPart(e.message);
      const why = (e as { message?: unknown } | null)?.message;
      return ERR.damagedPart(`part ${entry.name} cannot be inflated${typeof why === "string" && why ? ` (${why})` : ""}`);
    },
  };
}

export type PackageKind = "plain" | "macro";

/**
 * Whether a package is a macro-enabled workbook (.xlsm/.xltm): its workbook part's content type
 * says macroEnabled, or it carries a VBA project. Reads only the directory and the content types;
 * a package that cannot be read is "plain" here (the reader reports it properly).
 */
export function packageKind(bytes: Uint8Array): PackageKind {
  try {
    const entries = readZip(bytes);
    if (entries.some((e) => /(^|\/)vbaproject\.bin$/i.test(e.name))) return "macro";
    const ct = entries.find((e) => /^\[content_types\]\.xml$/i.test(e.name));
    if (!ct || checkDeclaredSizes([ct])) return "plain";
    return /macroEnabled/i.test(decodeXml(inflateEntry(ct))) ? "macro" : "plain";
  } catch {
    return "plain";
  }
}

/** The original central-directory record of a part of an openPackage record. */
export function originalEntry(files: Record<string, Uint8Array>, name: string): ZipEntry | undefined {
  return packages.get(files)?.get(name);
}

const XML_PART = /\.(xml|rels|vml)$/i;

/**
 * Refuse a DTD in an XML part. OOXML parts never carry one (ECMA-376 Part 2, 8.1.4: a package
 * with a DTD is invalid), and TierPlan's scanners expand no entity but the five predefined and
 * numeric ones, so billion-laughs and external entities are inert anyway; refusing says so
 * plainly instead of reading a file built to attack XML parsers.
 */
function checkProlog(name: string, head: Uint8Array): void {
  if (!XML_PART.test(name)) return;
  const n = Math.min(head.length, 4096);
  const text = head[0] === 0xff || head[0] === 0xfe ? decodeXml(head.subarray(0, n - (n % 2))) : new TextDecoder().decode(head.subarray(0, n));
  if (/<!DOCTYPE/i.test(text)) throw ERR.doctype(name);
}

/**
 * An XML part as UTF-8: a part in UTF-16 (with its byte-order mark, as the XML spec allows) is
 * decoded and re-encoded, its encoding declaration corrected, so that every reader and every
 * edit downstream sees UTF-8 and a part TierPlan rewrites comes back well-formed. A part read
 * but not changed is still copied from the input byte for byte (unchangedEntry).
 */
function normalizeXmlPart(name: string, v: Uint8Array): Uint8Array {
  if (!XML_PART.test(name)) return v;
  checkProlog(name, v);
  const bom16 = v.length >= 2 && ((v[0] === 0xff && v[1] === 0xfe) || (v[0] === 0xfe && v[1] === 0xff));
  if (!bom16) return v;
  return encodeUtf8(utf8Declaration(decodeXml(v)));
}

/** Text with its XML declaration's encoding made UTF-8. */
function utf8Declaration(xml: string): string {
  const m = /^\s*<\?xml\b[^?]*\?>/.exec(xml);
  if (!m) return xml;
  // Without an encoding pseudo-attribute the part is read as UTF-8 already (the XML default).
  const decl = m[0].replace(/\bencoding\s*=\s*["'][^"']*["']/, 'encoding="UTF-8"');
  return decl.trimStart() + xml.slice(m[0].length);
}

// ---------------------------------------------------------------------------------------------
// Part names

/** `xl/workbook.xml` → `xl/_rels/workbook.xml.rels`; the package root ("") → `_rels/.rels`. */
export function relsPathFor(part: string): string {
  const slash = part.lastIndexOf("/");
  const dir = slash < 0 ? "" : part.slice(0, slash + 1);
  return `${dir}_rels/${part.slice(slash + 1)}.rels`;
}

/** Resolve a relationship target against its source part; returns a zip entry name (no leading slash). */
export function resolveTarget(sourcePart: string, target: string): string {
  let t = target;
  try {
    t = decodeURIComponent(t);
  } catch {
    /* keep as written */
  }
  const hash = t.indexOf("#");
  if (hash >= 0) t = t.slice(0, hash);
  let segs: string[];
  if (t.startsWith("/")) segs = t.slice(1).split("/");
  else {
    const slash = sourcePart.lastIndexOf("/");
    const dir = slash < 0 ? [] : sourcePart.slice(0, slash).split("/");
    segs = [...dir, ...t.split("/")];
  }
  const out: string[] = [];
  for (const s of segs) {
    if (s === "" || s === ".") continue;
    if (s === "..") out.pop();
    else out.push(s);
  }
  return out.join("/");
}

/** A target for `part` relative to the folder of `sourcePart`, as Excel writes them. */
export function relativeTarget(sourcePart: string, part: string): string {
  const from = sourcePart.split("/").slice(0, -1);
  const to = part.split("/");
  let k = 0;
  while (k < from.length && k < to.length - 1 && from[k] === to[k]) k++;
  return [...from.slice(k).map(() => ".."), ...to.slice(k)].join("/");
}

/** Find an entry: exact name, else case-insensitively (some writers vary the case). */
export function findEntry(files: Record<string, unknown>, name: string): string | undefined {
  if (name in files) return name;
  const lower = name.toLowerCase();
  for (const k of Object.keys(files)) if (k.toLowerCase() === lower) return k;
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Relationships

export const REL = {
  officeDocument: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
  worksheet: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet",
  styles: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles",
  sharedStrings: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings",
  drawing: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing",
  chart: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart",
  table: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/table",
  calcChain: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain",
  coreProps: "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
  extendedProps: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties",
} as const;

export const NS = {
  main: "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
  rel: "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
  pkgRel: "http://schemas.openxmlformats.org/package/2006/relationships",
  contentTypes: "http://schemas.openxmlformats.org/package/2006/content-types",
} as const;

export const CT = {
  workbook: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
  worksheet: "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
  styles: "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml",
  table: "application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml",
  drawing: "application/vnd.openxmlformats-officedocument.drawing+xml",
  chart: "application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
  rels: "application/vnd.openxmlformats-package.relationships+xml",
  core: "application/vnd.openxmlformats-package.core-properties+xml",
  app: "application/vnd.openxmlformats-officedocument.extended-properties+xml",
} as const;

/** Same relationship type in transitional or strict OOXML (compare by the last path segment). */
export function relTypeIs(type: string, wanted: string): boolean {
  return type === wanted || type.slice(type.lastIndexOf("/")) === wanted.slice(wanted.lastIndexOf("/"));
}

export interface Relationship {
  id: string;
  type: string;
  /** As written in the file. */
  target: string;
  external: boolean;
}

export function parseRels(xml: string): Relationship[] {
  const out: Relationship[] = [];
  let pos = 0;
  for (;;) {
    const t = nextTag(xml, pos);
    if (!t) break;
    pos = t.end;
    if (t.local !== "Relationship" || t.close) continue;
    const a = attrsOf(xml, t);
    out.push({ id: a.Id ?? "", type: a.Type ?? "", target: a.Target ?? "", external: (a.TargetMode ?? "").toLowerCase() === "external" });
  }
  return out;
}

export function relsXml(rels: Relationship[]): string {
  const body = rels
    .map((r) => `<Relationship Id="${escapeAttr(r.id)}" Type="${escapeAttr(r.type)}" Target="${escapeAttr(r.target)}"${r.external ? ' TargetMode="External"' : ""}/>`)
    .join("");
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${NS.pkgRel}">${body}</Relationships>`;
}

/** An unused "rIdN". */
export function nextRelId(rels: Relationship[]): string {
  const used = new Set(rels.map((r) => r.id));
  let n = rels.length + 1;
  while (used.has(`rId${n}`)) n++;
  return `rId${n}`;
}

// ---------------------------------------------------------------------------------------------
// Content types

export interface ContentTypes {
  defaults: Map<string, string>;
  overrides: Map<string, string>;
}

export function parseContentTypes(xml: string): ContentTypes {
  const defaults = new Map<string, string>();
  const overrides = new Map<string, string>();
  let pos = 0;
  for (;;) {
    const t = nextTag(xml, pos);
    if (!t) break;
    pos = t.end;
    if (t.close) continue;
    if (t.local === "Default") {
      const a = attrsOf(xml, t);
      if (a.Extension) defaults.set(a.Extension.toLowerCase(), a.ContentType ?? "");
    } else if (t.local === "Override") {
      const a = attrsOf(xml, t);
      if (a.PartName) overrides.set(a.PartName.replace(/^\//, ""), a.ContentType ?? "");
    }
  }
  return { defaults, overrides };
}

export function contentTypesXml(ct: ContentTypes): string {
  const d = [...ct.defaults].map(([e, t]) => `<Default Extension="${escapeAttr(e)}" ContentType="${escapeAttr(t)}"/>`).join("");
  const o = [...ct.overrides].map(([p, t]) => `<Override PartName="/${escapeAttr(p)}" ContentType="${escapeAttr(t)}"/>`).join("");
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="${NS.contentTypes}">${d}${o}</Types>`;
}

// ---------------------------------------------------------------------------------------------
// The workbook part

export interface SheetEntry {
  name: string;
  sheetId: number;
  relId: string;
  state: "visible" | "hidden" | "veryHidden";
  /** Zip entry of the sheet part ("" when the relationship is missing). */
  path: string;
  kind: "worksheet" | "chartsheet" | "other";
  /** Start and end index of the <sheet> element in the workbook XML. */
  start: number;
  end: number;
}

export interface WorkbookInfo {
  /** Zip entry of the workbook part. */
  path: string;
  xml: string;
  rels: Relationship[];
  sheets: SheetEntry[];
  date1904: boolean;
  /** Zip entry of the shared strings / styles parts, if the workbook has one. */
  sharedStringsPath?: string;
  stylesPath?: string;
}

/** The workbook part named by the package relationships (it may not be unzipped yet). */
function officeDocumentTarget(files: Record<string, Uint8Array>): string | undefined {
  const rootRels = findEntry(files, "_rels/.rels");
  if (!rootRels) return undefined;
  const rel = parseRels(decodeXml(files[rootRels])).find((r) => relTypeIs(r.type, REL.officeDocument) && !r.external);
  return rel ? resolveTarget("", rel.target) : undefined;
}

/** Location of the workbook part from the package relationships (falls back to xl/workbook.xml). */
export function workbookPartName(files: Record<string, Uint8Array>): string | undefined {
  const target = officeDocumentTarget(files);
  const p = target ? findEntry(files, target) : undefined;
  return p ?? findEntry(files, "xl/workbook.xml");
}

export function parseWorkbook(path: string, xml: string, relsXmlText: string | undefined, files: Record<string, unknown>): WorkbookInfo {
  const rels = relsXmlText ? parseRels(relsXmlText) : [];
  const byId = new Map(rels.map((r) => [r.id, r]));
  const sheets: SheetEntry[] = [];
  let date1904 = false;
  let pos = 0;
  for (;;) {
    const t = nextTag(xml, pos);
    if (!t) break;
    pos = t.end;
    if (t.close) continue;
    if (t.local === "workbookPr") {
      const v = attrsOf(xml, t).date1904;
      date1904 = v === "1" || v === "true";
    } else if (t.local === "sheet") {
      const a = attrsOf(xml, t);
      const relId = attrByLocal(a, "id") ?? "";
      const rel = byId.get(relId);
      const st = a.state;
      const kind: SheetEntry["kind"] = !rel ? "other" : relTypeIs(rel.type, REL.worksheet) ? "worksheet" : /chartsheet$/.test(rel.type) ? "chartsheet" : "other";
      const target = rel && !rel.external ? resolveTarget(path, rel.target) : "";
      sheets.push({
        name: a.name ?? "",
        sheetId: Number(a.sheetId ?? 0),
        relId,
        state: st === "hidden" ? "hidden" : st === "veryHidden" ? "veryHidden" : "visible",
        path: target ? findEntry(files, target) ?? target : "",
        kind,
        start: t.start,
        end: t.selfClose ? t.end : xml.indexOf(">", xml.indexOf("</" + t.name, t.end)) + 1,
      });
    }
  }
  const relPath = (type: string) => {
    const r = rels.find((x) => relTypeIs(x.type, type) && !x.external);
    return r ? findEntry(files, resolveTarget(path, r.target)) : undefined;
  };
  return { path, xml, rels, sheets, date1904, sharedStringsPath: relPath(REL.sharedStrings), stylesPath: relPath(REL.styles) };
}
