/**
 * Applies a WorkbookPatch to an .xlsx file, in Node and in the browser.
 *
 * The host edits the package in place instead of loading and saving the workbook through a
 * spreadsheet library: ExcelJS 4.4 writes no charts and drops a workbook's existing charts,
 * pivot tables' drawings and more on a read–write round trip (ENGINEERING.md), and a user's
 * workbook with charts is normal. So every part of the original package that TierPlan does
 * not own (user sheets it does not touch, charts, pivot tables, images, comments, defined
 * names, data validation, conditional formats, VBA-free macros, custom XML…) is copied byte
 * for byte; the parts TierPlan edits (the workbook part, its relationships, the content
 * types, the styles part — append only — and the user sheets that receive columns) are
 * edited as text, leaving everything else in them as it was.
 *
 * Steps: read the facts (sheet names, the registry, last used columns, owned headers) →
 * planPlacement (report/ownership.ts, shared with the Excel host) → remove TierPlan's previous
 * sheets and the registry with everything only they referenced → write the columns into the
 * user sheets → append the patch's sheets and the registry at the end of the tab order.
 */
import { cellAt, type CellValue, type WorkbookGrids } from "../../sheets/grid";
import {
  REGISTRY_COLUMNS,
  REGISTRY_SHEET,
  carryOverOutputs,
  parseRegistry,
  planPlacement,
  planUndo,
  registrySheetAfter,
  runUpdate,
  sameSheetName,
  type FoundCell,
  type PlacementPlan,
  type WorkbookFacts,
} from "../../report/ownership";
import type { Block, ColumnsPatch, PatchValue, SheetPatch, WorkbookPatch } from "../../report/patch";
import {
  CT,
  NS,
  REL,
  checkSignature,
  contentTypesXml,
  findEntry,
  nextRelId,
  parseContentTypes,
  parseRels,
  relTypeIs,
  relativeTarget,
  relsPathFor,
  relsXml,
  openPackage,
  originalEntry,
  resolveTarget,
  unchangedEntry,
  type ContentTypes,
  type Relationship,
  type SheetEntry,
  type WorkbookInfo,
} from "./opc";
import { packageProblems } from "./verify";
import { WorkbookSource, asReadError } from "./read";
import { ReadLimitError } from "./limits";
import { DAYS_1904, GridLimitError } from "./sheetScan";
import { ByteSink } from "./byteSink";
import { BYTES_PER_CELL, CellPlan, blockSource, type RectSource } from "./cellPlan";
import { buildSheet, conditionalFormats, rangeRef, validTableName, type NewPart } from "./sheetWriter";
import { MINIMAL_STYLES, StyleBook } from "./styles";
import { editUserSheet, type ClearRange, type UserSheetEdit } from "./userSheet";
import { attrsOf, childElements, decodeXml, encodeUtf8, escapeAttr, escapeXml, nextTag, prefixed, rootPrefix, rootTag, setAttr } from "./xml";
import { compressEntry, deflateLevel, writeZip, type ZipEntry, type ZipItem } from "./zipRaw";

export interface XlsxPatchResult {
  bytes: Uint8Array;
  plan: PlacementPlan;
}

export interface XlsxPatchOptions {
  /** ISO timestamp stored in the registry (and used as the ZIP entries' time). */
  writtenAt: string;
  /**
   * What readWorkbook returned for this same `original`, if the caller still has it: the
   * plan's questions (last used column, owned cells) are then answered from these grids
   * instead of scanning the sheets again (the bench's customer sheet: ~140 ms). Sheets are
   * matched by name; a sheet missing from them is scanned.
   */
  grids?: WorkbookGrids;
}

// ---------------------------------------------------------------------------------------------
// A new, empty package

function blankPackage(writtenAt: string): Record<string, Uint8Array> {
  const decl = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
  const created = /^\d{4}-\d{2}-\d{2}T/.test(writtenAt) ? writtenAt.replace(/\.\d+Z$/, "Z") : "";
  const files: Record<string, string> = {
    "[Content_Types].xml": contentTypesXml({
      defaults: new Map([
        ["rels", CT.rels],
        ["xml", "application/xml"],
      ]),
      overrides: new Map([
        ["xl/workbook.xml", CT.workbook],
        ["xl/styles.xml", CT.styles],
        ["docProps/core.xml", CT.core],
        ["docProps/app.xml", CT.app],
      ]),
    }),
    "_rels/.rels": relsXml([
      { id: "rId1", type: REL.officeDocument, target: "xl/workbook.xml", external: false },
      { id: "rId2", type: REL.coreProps, target: "docProps/core.xml", external: false },
      { id: "rId3", type: REL.extendedProps, target: "docProps/app.xml", external: false },
    ]),
    "docProps/core.xml":
      decl +
      '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
      "<dc:creator>TierPlan</dc:creator>" +
      (created ? `<dcterms:created xsi:type="dcterms:W3CDTF">${created}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${created}</dcterms:modified>` : "") +
      "</cp:coreProperties>",
    "docProps/app.xml":
      decl + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>TierPlan</Application></Properties>',
    "xl/workbook.xml":
      decl +
      `<workbook xmlns="${NS.main}" xmlns:r="${NS.rel}"><workbookPr/><bookViews><workbookView/></bookViews><sheets></sheets><calcPr calcId="191029"/></workbook>`,
    "xl/_rels/workbook.xml.rels": relsXml([{ id: "rId1", type: REL.styles, target: "styles.xml", external: false }]),
    "xl/styles.xml": MINIMAL_STYLES,
  };
  const out: Record<string, Uint8Array> = {};
  for (const [k, v] of Object.entries(files)) out[k] = encodeUtf8(v);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Package helpers

/** Every part reachable from the package relationships (including the .rels parts themselves). */
function reachableParts(files: Record<string, Uint8Array>): Set<string> {
  const seen = new Set<string>();
  const stack: string[] = [""];
  while (stack.length) {
    const source = stack.pop()!;
    const entry = findEntry(files, source ? relsPathFor(source) : "_rels/.rels");
    if (!entry) continue;
    seen.add(entry);
    for (const r of parseRels(decodeXml(files[entry]))) {
      if (r.external) continue;
      const t = findEntry(files, resolveTarget(source, r.target));
      if (t && !seen.has(t)) {
        seen.add(t);
        stack.push(t);
      }
    }
  }
  return seen;
}

/**
 * A ColumnsPatch as a block (so that its cells are laid out exactly like a block's), with its
 * data rows supplied a chunk at a time from the column values (see cellPlan.ts).
 */
function columnsSource(cp: ColumnsPatch, firstCol: number): RectSource {
  const block: Block = {
    id: cp.id,
    at: { row: cp.headerRow, col: firstCol },
    columns: cp.columns.map(({ values: _values, ...spec }) => spec),
    rows: [],
  };
  const rows = (from: number, to: number): PatchValue[][] => {
    const out: PatchValue[][] = [];
    for (let j = from; j < to; j++) out.push(cp.columns.map((c) => (c.values[j] === undefined ? null : c.values[j])));
    return out;
  };
  return blockSource(block, (k) => (k === 0 ? cp.headerRow : cp.rows[k - 1]), { count: cp.rows.length, rows });
}

const STORED = /\.(png|jpe?g|gif|tiff?|wdp|hdp|mp[34]|zip|gz)$/i;

/** Upper bound of the up-front reservation of the output buffer (it still grows past it if needed). */
const MAX_RESERVE = 512 * 1024 * 1024;

/** Stands in `files` for a part already compressed (see `ready`): keeps its place in the ZIP order. */
const COMPRESSED = new Uint8Array(0);

// ---------------------------------------------------------------------------------------------
// The host

/**
 * Apply a patch to an .xlsx file (or, with `original === null`, create a new workbook holding
 * just the patch's sheets). Returns the new file and the placement plan that was carried out.
 * Throws WorkbookReadError if `original` is not a readable workbook.
 */
export function applyPatchToXlsx(original: Uint8Array | null, patch: WorkbookPatch, opts: XlsxPatchOptions): XlsxPatchResult {
  return guarded(() => carryOut(
    original,
    opts,
    (facts) => {
      const full = carryOverOutputs(patch, facts.registryCells);
      const plan = planPlacement(full, facts, opts.writtenAt);
      return { patch: full, plan, registry: (utf8) => registrySheetAfter(runUpdate(plan, full, facts, utf8), facts.registryCells) };
    },
    (partSize) => {
      // The largest user sheet with its new cells, the largest part this run builds as a rule.
      const bySheet = new Map<string, number>();
      for (const cp of patch.columns) {
        const key = cp.sheet.toLowerCase();
        const cells = (cp.rows.length + 1) * cp.columns.length * BYTES_PER_CELL;
        bySheet.set(key, (bySheet.get(key) ?? partSize(cp.sheet)) + cells);
      }
      return Math.max(0, ...bySheet.values());
    },
  ));
}

/** Limits broken while writing (styles over Excel's cap, a reference past the grid) as WorkbookReadError. */
function guarded<T>(run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (e instanceof ReadLimitError || e instanceof GridLimitError) throw asReadError(e);
    throw e;
  }
}

/**
 * Undo the last run on an .xlsx file: its outputs go, the outputs it replaced come back where
 * they were (from the history the runs stored in the registry sheet). Repeated, it walks back
 * through the last MAX_UNDO runs. Throws NothingToUndoError (report/ownership) when the file
 * holds nothing (more) to undo, and WorkbookReadError when it is not a readable workbook.
 */
export function undoLastRunXlsx(original: Uint8Array, opts: XlsxPatchOptions): XlsxPatchResult {
  return guarded(() =>
    carryOut(original, opts, (facts) => {
      const { patch, plan, update } = planUndo(facts, opts.writtenAt);
      return { patch, plan, registry: () => registrySheetAfter(update, facts.registryCells) };
    }),
  );
}

/** `registry(utf8)`: the registry sheet, its JSON encoded with `utf8` (see encodeOutputs). */
type Decision = { patch: WorkbookPatch; plan: PlacementPlan; registry: (utf8: (text: string) => Uint8Array) => SheetPatch | null };

/** What the steps of one write share. */
interface Job {
  files: Record<string, Uint8Array>;
  wb: WorkbookInfo;
  byName: Map<string, SheetEntry>;
  /** Builds the parts written in this run, one at a time (see compress). */
  sink: ByteSink;
  /** Parts already compressed, by path. */
  ready: Map<string, ZipEntry>;
  mtime: Date;
  styles: StyleBook;
  needsRecalc: boolean;
  /** Sheets removed: TierPlan's previous ones and the registry. */
  removed: Set<string>;
}

/**
 * `expectedSize` estimates the largest part the run will build, given the uncompressed size of
 * a sheet's part by name (0 when unknown).
 */
function carryOut(
  original: Uint8Array | null,
  opts: XlsxPatchOptions,
  decide: (facts: WorkbookFacts) => Decision,
  expectedSize?: (partSize: (sheet: string) => number) => number,
): XlsxPatchResult {
  const files = openOriginal(original, opts);
  // Dropped once the plan is made: the grids it scanned (the customer sheet's) need not stay alive.
  const source: { src: WorkbookSource | null } = { src: WorkbookSource.fromFiles(files) };
  const src = source.src!;
  const job: Job = {
    files,
    wb: src.wb,
    byName: new Map(src.wb.sheets.map((s) => [s.name, s])),
    sink: new ByteSink(1 << 20),
    ready: new Map(),
    mtime: zipTime(opts.writtenAt),
    styles: new StyleBook(null),
    needsRecalc: false,
    removed: new Set(),
  };
  const zipBuffer = reserveBuffers(job, original, expectedSize);
  const decision = decide(readFacts(job, source, opts.grids));
  const { patch, plan } = decision;
  source.src = null;

  job.removed = new Set(plan.removeSheets);
  if (job.byName.has(REGISTRY_SHEET)) job.removed.add(REGISTRY_SHEET);
  job.styles = new StyleBook(job.wb.stylesPath ? decodeXml(files[job.wb.stylesPath]) : null);
  // TierPlan's dates are 1900-system serials; a 1904 workbook gets them in its own system.
  if (job.wb.date1904) job.styles.dateShift = -DAYS_1904;

  editUserSheets(job, patch, plan);
  const { wbRels, ct } = dropRemovedParts(job, plan);
  const added = addSheets(job, plan, patch, decision, wbRels);
  files[job.wb.path] = encodeUtf8(editWorkbookXml(job, added));
  writeStylesAndTypes(job, added, wbRels, ct);
  const written = new Set<string>();
  const bytes = zipPackage(job, zipBuffer, original !== null, written);
  checkResult(original, bytes, written);
  return { bytes, plan };
}

function openOriginal(original: Uint8Array | null, opts: XlsxPatchOptions): Record<string, Uint8Array> {
  if (!original) return blankPackage(opts.writtenAt);
  checkSignature(original);
  // Parts are inflated when read; unchanged ones are written back still compressed.
  return openPackage(original);
}

function zipTime(writtenAt: string): Date {
  const t = Date.parse(writtenAt);
  return Number.isFinite(t) && t > Date.UTC(1980, 1, 1) ? new Date(t) : new Date(Date.UTC(2000, 0, 1));
}

function worksheetOf(job: Job, name: string): SheetEntry | null {
  const e = job.byName.get(name) ?? job.wb.sheets.find((s) => sameSheetName(s.name, name));
  return e && e.kind === "worksheet" ? e : null;
}

function actualName(job: Job, name: string): string {
  return job.byName.has(name) ? name : job.wb.sheets.find((s) => sameSheetName(s.name, name))?.name ?? name;
}

/**
 * The buffer parts are built in (see below), sized before the sheets are scanned for the
 * plan. Why so early: V8 collects the whole heap when ~64 MB of new buffers appear between two
 * full collections; the scan is where the pipeline's garbage gets collected anyway, and a
 * buffer that exists by then is counted in. Reserved later (or grown by doubling), the
 * bench's 70 MB buffer set off a second full collection of ~130–200 ms inside the writer
 * (500,000-line bench: the live heap there is ~330 MB of the caller's grids and results).
 * Returns the buffer for the resulting ZIP, when it could be sized.
 */
function reserveBuffers(job: Job, original: Uint8Array | null, expectedSize?: (partSize: (sheet: string) => number) => number): Uint8Array | undefined {
  if (!expectedSize) return undefined;
  const size = expectedSize((sheet) => {
    const e = worksheetOf(job, sheet);
    return (e?.path && unchangedEntry(job.files, e.path)?.size) || 0;
  });
  job.sink.reserve(Math.min(size, MAX_RESERVE));
  // The result too: the original's bytes (unchanged parts are copied) and the new parts,
  // deflated to ~1/7 of their XML (the bench: 60 MB → 8.8 MB, 31 MB → 3.5 MB).
  return original && size > 0 ? new Uint8Array(original.length + Math.ceil(size / 5)) : undefined;
}

/**
 * The facts the plan needs, answered from the package in memory (every range can be read).
 * The grids it scans (the customer sheet's) go with `source.src` once the plan is made.
 */
function readFacts(job: Job, source: { src: WorkbookSource | null }, grids: WorkbookGrids | undefined): WorkbookFacts {
  const given = new Map((grids?.sheets ?? []).map((g) => [g.name, g]));
  const gridOf = (name: string) => {
    const e = worksheetOf(job, name);
    if (!e) return null;
    return given.get(e.name) ?? (source.src ? source.src.grid(e) : null);
  };
  const regGrid = gridOf(REGISTRY_SHEET);
  let registryValues: CellValue[][] | null = null;
  if (regGrid) {
    registryValues = [];
    const last = regGrid.origin.row + regGrid.rows.length;
    for (let r = 0; r < last; r++) {
      const row: CellValue[] = [];
      for (let c = 0; c < REGISTRY_COLUMNS; c++) row.push(cellAt(regGrid, r, c));
      registryValues.push(row);
    }
  }
  return {
    sheetNames: job.wb.sheets.map((s) => s.name),
    registry: parseRegistry(registryValues),
    registryCells: registryValues,
    lastUsedCol(sheet) {
      const g = gridOf(sheet);
      if (!g) return -1;
      let w = 0;
      for (const r of g.rows) if (r.length > w) w = r.length;
      return w === 0 ? -1 : g.origin.col + w - 1;
    },
    valueAt(sheet, row, col) {
      const g = gridOf(sheet);
      return g ? cellAt(g, row, col) : null;
    },
    cellsBelow(sheet, r0, c0, c1) {
      const g = gridOf(sheet);
      const out: FoundCell[] = [];
      if (!g) return out;
      for (let i = Math.max(0, r0 - g.origin.row); i < g.rows.length; i++) {
        const row = g.rows[i];
        for (let c = Math.max(c0, g.origin.col); c <= c1 && c - g.origin.col < row.length; c++) {
          const v = row[c - g.origin.col];
          if (v !== null && v !== undefined && v !== "") out.push({ row: g.origin.row + i, col: c, value: v });
        }
      }
      return out;
    },
  };
}

/**
 * Compress the part just built in the sink. Parts written in this run are built in one reusable
 * buffer and compressed at once (their XML is never alive all together: the bench's customer
 * and call-list sheets are 60 and 31 MB).
 */
function compress(job: Job, path: string, level?: number): void {
  const data = job.sink.bytes();
  job.ready.set(path, compressEntry(path, data, level ?? (STORED.test(path) ? 0 : deflateLevel(data.length)), job.mtime));
  job.sink.reset();
  job.files[path] = COMPRESSED;
}

/** Conditional formats of the colours of one placed ColumnsPatch. */
function columnColours(job: Job, cp: ColumnsPatch, firstCol: number): ((p: { next: number }) => string) | null {
  if (!cp.colours?.length || !cp.rows.length) return null;
  // (a loop, not Math.min(...rows): a spread of 500,000 arguments overflows the stack)
  let r0 = Infinity;
  let r1 = -Infinity;
  for (const r of cp.rows) {
    if (r < r0) r0 = r;
    if (r > r1) r1 = r;
  }
  const colours = cp.colours;
  return (p) =>
    conditionalFormats(
      colours,
      (key) => {
        const k = cp.columns.findIndex((c) => c.key === key);
        return k < 0 ? null : rangeRef(r0, firstCol + k, r1, firstCol + k);
      },
      job.styles,
      p,
    );
}

/** User sheets that receive (or lose) TierPlan's columns: cleared, then written, then compressed. */
function editUserSheets(job: Job, patch: WorkbookPatch, plan: PlacementPlan): void {
  const edits = new Map<string, UserSheetEdit & { grid: CellPlan; colours: ((p: { next: number }) => string)[] }>();
  const editFor = (sheet: string) => {
    let e = edits.get(sheet);
    if (!e) {
      const grid = new CellPlan(job.styles);
      e = { clear: [], cells: grid, widths: new Map(), grid, colours: [] };
      edits.set(sheet, e);
    }
    return e;
  };
  const target = (sheet: string) => (worksheetOf(job, sheet) && !job.removed.has(actualName(job, sheet)) ? actualName(job, sheet) : null);
  for (const c of plan.clearColumns) {
    const sheet = target(c.sheet);
    if (!sheet) continue;
    const e = editFor(sheet);
    e.clear.push({ c0: c.firstCol, c1: c.firstCol + c.count - 1, fromRow: c.headerRow } satisfies ClearRange);
    // The widths TierPlan set go with its columns (a column written again below gets its own).
    for (let col = c.firstCol; col < c.firstCol + c.count; col++) e.widths.set(col, null);
  }
  patch.columns.forEach((cp, i) => {
    const place = plan.columns[i];
    const sheet = target(cp.sheet);
    if (!sheet || cp.columns.length === 0 || place.count === 0) return;
    const e = editFor(sheet);
    e.grid.add(columnsSource(cp, place.firstCol));
    cp.columns.forEach((c, k) => e.widths.set(place.firstCol + k, typeof c.width === "number" && c.width > 0 ? c.width : undefined));
    const colours = columnColours(job, cp, place.firstCol);
    if (colours) e.colours.push(colours);
  });
  for (const [sheet, e] of edits) {
    const entry = job.byName.get(sheet)!;
    if (!entry.path || !job.files[entry.path]) continue;
    if (e.grid.needsRecalc) job.needsRecalc = true;
    const cfs = e.colours;
    if (cfs.length) {
      e.conditionalFormats = (first) => {
        const p = { next: first };
        return cfs.map((f) => f(p)).join("");
      };
    }
    const part = job.files[entry.path];
    job.sink.reserve(part.length + e.grid.cellCount * BYTES_PER_CELL);
    editUserSheet(part, e, job.sink);
    compress(job, entry.path);
  }
}

/** Remove TierPlan's previous sheets (and the registry) with every part only they reached. */
function dropRemovedParts(job: Job, plan: PlacementPlan): { wbRels: Relationship[]; ct: ContentTypes } {
  const { files, wb } = job;
  const relsEntry = relsPathFor(wb.path);
  const before = reachableParts(files);
  const removedRelIds = new Set(wb.sheets.filter((s) => job.removed.has(s.name)).map((s) => s.relId));
  let wbRels = wb.rels.filter((r) => !removedRelIds.has(r.id));
  if (removedRelIds.size || plan.clearColumns.length) {
    // The calculation chain lists formula cells by sheet; Excel rebuilds it when it is absent.
    wbRels = wbRels.filter((r) => !relTypeIs(r.type, REL.calcChain));
  }
  files[relsEntry] = encodeUtf8(relsXml(wbRels));
  const after = reachableParts(files);
  const ct = parseContentTypes(decodeXml(files[findEntry(files, "[Content_Types].xml") ?? "[Content_Types].xml"] ?? encodeUtf8("<Types/>")));
  for (const p of before) {
    if (after.has(p)) continue;
    delete files[p];
    ct.overrides.delete(p);
  }
  return { wbRels, ct };
}

/** The sheets this run adds: parts, relationships and the workbook's <sheet> entries. */
interface AddedSheets {
  kept: SheetEntry[];
  sheets: { patch: SheetPatch; name: string }[];
  entries: string[];
  parts: NewPart[];
  /** The rows each added sheet repeats on printed pages, by its final index in <sheets>. */
  printTitles: PrintTitles[];
}

/** One sheet's _xlnm.Print_Titles: `localSheetId` is its 0-based position in <sheets>. */
interface PrintTitles {
  localSheetId: number;
  sheet: string;
  /** What repeats, columns first: ["$A:$B", "$1:$3"] or ["$1:$3"]. */
  refs: string[];
}

/** Table ids and names already in the package (names also against defined names): new ones must differ. */
function tableAllocator(job: Job): (wanted: string) => { id: number; name: string } {
  let maxTableId = 0;
  const tableNames = new Set<string>();
  for (const k of Object.keys(job.files)) {
    if (!/^xl\/tables\/[^/]+\.xml$/i.test(k)) continue;
    const xml = decodeXml(job.files[k]);
    const t = rootTag(xml);
    if (!t) continue;
    const a = attrsOf(xml, t);
    maxTableId = Math.max(maxTableId, Number(a.id) || 0);
    if (a.name) tableNames.add(a.name.toLowerCase());
    if (a.displayName) tableNames.add(a.displayName.toLowerCase());
  }
  for (const m of job.wb.xml.matchAll(/<(?:\w+:)?definedName\b[^>]*\sname="([^"]*)"/g)) tableNames.add(m[1].toLowerCase());
  return (wanted) => {
    const base = validTableName(wanted || "Table");
    let name = base;
    let k = 2;
    while (tableNames.has(name.toLowerCase())) name = `${base}_${k++}`;
    tableNames.add(name.toLowerCase());
    return { id: ++maxTableId, name };
  };
}

/** New part names, unused in the package (case-insensitively): ("xl/charts/chart", ".xml") → "xl/charts/chart3.xml". */
function partAllocator(files: Record<string, Uint8Array>): (prefix: string, ext: string) => string {
  const lowerParts = new Set(Object.keys(files).map((k) => k.toLowerCase()));
  return (prefix, ext) => {
    let n = 1;
    while (lowerParts.has(`${prefix}${n}${ext}`.toLowerCase())) n++;
    const p = `${prefix}${n}${ext}`;
    lowerParts.add(p.toLowerCase());
    return p;
  };
}

/** The relationship attribute of a <sheet> entry, with the prefix the workbook part binds (or its own binding). */
function sheetRelAttr(wbXml: string): (id: string) => string {
  const root = rootTag(wbXml)!;
  const rootOpen = wbXml.slice(root.start, root.end);
  const relNs = new RegExp(`xmlns:([A-Za-z_][\\w.-]*)="(${NS.rel.replace(/[./]/g, "\\$&")}|http://purl\\.oclc\\.org/ooxml/officeDocument/relationships)"`).exec(rootOpen);
  return (id) => (relNs ? `${relNs[1]}:id="${escapeAttr(id)}"` : `xmlns:r="${NS.rel}" r:id="${escapeAttr(id)}"`);
}

/**
 * The sheets to add, in tab order: sheets made for people, TierPlan's sheets, the registry.
 * Final names come from the plan (report/ownership: case-insensitive, ≤ 31 characters).
 */
function sheetsToAdd(job: Job, plan: PlacementPlan, patch: WorkbookPatch, decision: Decision, kept: SheetEntry[]): { sheets: { patch: SheetPatch; name: string }[]; registry: SheetPatch | null } {
  const { sink } = job;
  const sheets: { patch: SheetPatch; name: string }[] = [
    ...plan.createUserSheets.map((s) => ({ patch: s, name: s.name })),
    ...patch.sheets.map((s, i) => ({ patch: s, name: plan.sheetNames[i] })),
  ];
  // The registry's JSON is encoded in the output buffer, free between two parts.
  const registry = decision.registry((text) => {
    sink.reset();
    sink.utf8(text);
    return sink.bytes();
  });
  sink.reset();
  if (registry) sheets.push({ patch: registry, name: REGISTRY_SHEET });
  // Excel refuses a workbook without a visible sheet (e.g. a new workbook from an empty patch).
  const anyVisible = kept.some((s) => s.state === "visible") || sheets.some((s) => (s.patch.visibility ?? "visible") === "visible");
  if (!anyVisible) sheets[0] = { ...sheets[0], patch: { ...sheets[0].patch, visibility: "visible" } };
  return { sheets, registry };
}

/**
 * Sheets made for people, TierPlan's sheets and the registry, built and compressed one by one.
 * They are appended after every kept sheet: TierPlan never inserts a sheet before a user's,
 * so the user's sheet-scoped names keep their localSheetId (except for removed sheets before them).
 */
function addSheets(job: Job, plan: PlacementPlan, patch: WorkbookPatch, decision: Decision, wbRels: Relationship[]): AddedSheets {
  const { wb } = job;
  const kept = wb.sheets.filter((s) => !job.removed.has(s.name));
  const P = rootPrefix(wb.xml);
  const rAttr = sheetRelAttr(wb.xml);
  const alloc = partAllocator(job.files);
  const table = tableAllocator(job);

  // Ids of removed sheets may be reused (the calculation chain that refers to them is dropped),
  // so that re-runs produce the same workbook part.
  let nextSheetId = Math.max(0, ...kept.map((s) => s.sheetId)) + 1;
  const entries: string[] = [];
  const parts: NewPart[] = [];
  const printTitles: PrintTitles[] = [];
  const { sheets, registry } = sheetsToAdd(job, plan, patch, decision, kept);
  sheets.forEach(({ patch: sp, name }, k) => {
    const path = alloc("xl/worksheets/sheet", ".xml");
    const built = buildSheet(sp, name, path, { styles: job.styles, alloc, table }, job.sink);
    // The registry sheet is mostly base64 of deflated JSON: zlib gains ~30% on it at any level,
    // for 52–59 ms on the bench's 3.4 MB (500,000-line bench). Stored instead.
    compress(job, path, sp === registry ? 0 : undefined);
    if (built.needsRecalc) job.needsRecalc = true;
    if (built.printTitles) printTitles.push({ localSheetId: kept.length + k, sheet: name, refs: built.printTitles });
    parts.push({ path, content: "", contentType: CT.worksheet }, ...built.parts);
    if (built.rels.length) parts.push({ path: relsPathFor(path), content: relsXml(built.rels), contentType: "" });
    const rid = nextRelId(wbRels);
    wbRels.push({ id: rid, type: REL.worksheet, target: relativeTarget(wb.path, path), external: false });
    const state = sp.visibility && sp.visibility !== "visible" ? ` state="${sp.visibility}"` : "";
    entries.push(`<${P}sheet name="${escapeAttr(name)}" sheetId="${nextSheetId++}"${state} ${rAttr(rid)}/>`);
  });
  return { kept, sheets, entries, parts, printTitles };
}

type TextEdit = { at: number; end: number; text: string };

/** Index of every kept sheet after the removal (TierPlan's sheets are normally last, so nothing moves). */
function keptIndex(job: Job): Map<number, number> {
  const newIndex = new Map<number, number>();
  job.wb.sheets.forEach((s, i) => {
    if (!job.removed.has(s.name)) newIndex.set(i, newIndex.size);
  });
  return newIndex;
}

/** workbook.xml with the removed sheets gone, the new ones listed, names, views and calculation fixed. */
function editWorkbookXml(job: Job, added: AddedSheets): string {
  const wbXml = job.wb.xml;
  const P = rootPrefix(wbXml);
  const kids = childElements(wbXml, rootTag(wbXml)!);
  const edits: TextEdit[] = job.wb.sheets.filter((s) => job.removed.has(s.name)).map((s) => ({ at: s.start, end: s.end, text: "" }));
  edits.push(sheetListEdit(wbXml, P, kids, added.entries));
  const newIndex = keptIndex(job);
  edits.push(...definedNameEdits(wbXml, P, kids, newIndex, job.removed.size > 0, added.printTitles));
  edits.push(...bookViewEdits(wbXml, kids, newIndex, added));
  if (job.needsRecalc) edits.push(recalcEdit(wbXml, P, kids));

  edits.sort((a, b) => a.at - b.at || a.end - b.end);
  let out = "";
  let last = 0;
  for (const e of edits) {
    if (e.at < last) continue;
    out += wbXml.slice(last, e.at) + e.text;
    last = e.end;
  }
  return out + wbXml.slice(last);
}

type Element = ReturnType<typeof childElements>[number];

function sheetListEdit(wbXml: string, P: string, kids: Element[], entries: string[]): TextEdit {
  const sheetsEl = kids.find((k) => k.local === "sheets");
  if (!sheetsEl) {
    const at = wbXml.lastIndexOf("</");
    return { at, end: at, text: `<${P}sheets>${entries.join("")}</${P}sheets>` };
  }
  if (sheetsEl.tag.selfClose) return { at: sheetsEl.start, end: sheetsEl.end, text: `<${P}sheets>${entries.join("")}</${P}sheets>` };
  const closeAt = wbXml.lastIndexOf("</", sheetsEl.end - 1);
  return { at: closeAt, end: closeAt, text: entries.join("") };
}

/**
 * definedNames: those scoped to removed sheets go (TierPlan's previous sheets, so also their
 * print titles), the others are renumbered, and each added sheet's print titles are defined.
 * A user's names are otherwise left as they are, byte for byte.
 */
function definedNameEdits(wbXml: string, P: string, kids: Element[], newIndex: Map<number, number>, anyRemoved: boolean, titles: PrintTitles[]): TextEdit[] {
  const dn = kids.find((k) => k.local === "definedNames");
  if (!dn || dn.tag.selfClose) {
    if (!titles.length) return [];
    const text = `<${P}definedNames>${titles.map((t) => printTitlesName(P, t)).join("")}</${P}definedNames>`;
    if (dn) return [{ at: dn.start, end: dn.end, text }];
    const at = workbookChildAt(wbXml, kids, "definedNames");
    return [{ at, end: at, text }];
  }
  const { edits, keptNames } = renumberedNames(wbXml, dn, newIndex, anyRemoved);
  // A name of the same scope already there (a dangling localSheetId in the input) must not be doubled: Excel rejects the file.
  const fresh = titles.filter((t) => !keptNames.has(`_xlnm.print_titles\u0000${t.localSheetId}`));
  if (fresh.length) {
    const closeAt = wbXml.lastIndexOf("</", dn.end - 1);
    edits.push({ at: closeAt, end: closeAt, text: fresh.map((t) => printTitlesName(P, t)).join("") });
  }
  return keptNames.size === 0 && !fresh.length ? [{ at: dn.start, end: dn.end, text: "" }] : edits;
}

/**
 * The existing names: dropped when scoped to a removed sheet, their localSheetId renumbered
 * when sheets before theirs were removed. `keptNames`: "lower-case name\0scope" of the others.
 */
function renumberedNames(wbXml: string, dn: Element, newIndex: Map<number, number>, anyRemoved: boolean): { edits: TextEdit[]; keptNames: Set<string> } {
  let pos = dn.tag.end;
  const keptNames = new Set<string>();
  const edits: TextEdit[] = [];
  for (;;) {
    const t = nextTag(wbXml, pos);
    if (!t || t.start >= dn.end) break;
    if (t.local !== "definedName" || t.close) {
      pos = t.end;
      continue;
    }
    const end = t.selfClose ? t.end : wbXml.indexOf(">", wbXml.indexOf("</" + t.name, t.end)) + 1;
    const a = attrsOf(wbXml, t);
    pos = end;
    const name = (a.name ?? "").toLowerCase();
    if (a.localSheetId === undefined) {
      keptNames.add(name);
      continue;
    }
    const ni = anyRemoved ? newIndex.get(Number(a.localSheetId)) : Number(a.localSheetId);
    if (ni === undefined) edits.push({ at: t.start, end, text: "" });
    else {
      keptNames.add(`${name}\u0000${ni}`);
      if (ni !== Number(a.localSheetId)) edits.push({ at: t.start, end: t.end, text: setAttr(wbXml.slice(t.start, t.end), "localSheetId", String(ni)) });
    }
  }
  return { edits, keptNames };
}

/**
 * The sheet's header rows repeated on every printed page: Excel's built-in name, scoped to
 * the sheet. The sheet name is always quoted ('' for an apostrophe), which Excel accepts for any name.
 */
function printTitlesName(P: string, t: PrintTitles): string {
  const sheet = `'${t.sheet.replace(/'/g, "''")}'`;
  const ref = t.refs.map((r) => `${sheet}!${r}`).join(",");
  return `<${P}definedName name="_xlnm.Print_Titles" localSheetId="${t.localSheetId}">${escapeXml(ref)}</${P}definedName>`;
}

/** Where a missing child of <workbook> goes: before the first child the schema orders after it. */
function workbookChildAt(wbXml: string, kids: Element[], local: string): number {
  const order = ["fileVersion", "fileSharing", "workbookPr", "workbookProtection", "bookViews", "sheets", "functionGroups", "externalReferences", "definedNames", "calcPr"];
  const before = order.slice(0, order.indexOf(local) + 1);
  const next = kids.find((k) => !before.includes(k.local) && k.local !== "AlternateContent" && k.local !== "absPath");
  return next ? next.start : wbXml.lastIndexOf("</");
}

/** bookViews: the active and first tab must point at existing, visible sheets. */
function bookViewEdits(wbXml: string, kids: Element[], newIndex: Map<number, number>, added: AddedSheets): TextEdit[] {
  const bv = kids.find((k) => k.local === "bookViews");
  if (!bv) return [];
  const { kept, sheets } = added;
  const total = kept.length + sheets.length;
  const firstVisible = (() => {
    const i = kept.findIndex((s) => s.state === "visible");
    if (i >= 0) return i;
    const j = sheets.findIndex((s) => !s.patch.visibility || s.patch.visibility === "visible");
    return j >= 0 ? kept.length + j : 0;
  })();
  const edits: TextEdit[] = [];
  let pos = bv.tag.end;
  for (;;) {
    const t = nextTag(wbXml, pos);
    if (!t || t.start >= bv.end) break;
    pos = t.end;
    if (t.local !== "workbookView" || t.close) continue;
    const a = attrsOf(wbXml, t);
    let open = wbXml.slice(t.start, t.end);
    const at = a.activeTab !== undefined ? newIndex.get(Number(a.activeTab)) : 0;
    const activeOk = at !== undefined && at < total && (at >= kept.length || kept[at].state === "visible");
    if (!activeOk || (a.activeTab !== undefined && at !== Number(a.activeTab))) open = setAttr(open, "activeTab", String(activeOk ? at! : firstVisible));
    if (a.firstSheet !== undefined) open = setAttr(open, "firstSheet", String(newIndex.get(Number(a.firstSheet)) ?? 0));
    if (open !== wbXml.slice(t.start, t.end)) edits.push({ at: t.start, end: t.end, text: open });
  }
  return edits;
}

/** Formulas written without cached values: Excel recalculates on load. */
function recalcEdit(wbXml: string, P: string, kids: Element[]): TextEdit {
  const cp = kids.find((k) => k.local === "calcPr");
  if (cp) return { at: cp.tag.start, end: cp.tag.end, text: setAttr(wbXml.slice(cp.tag.start, cp.tag.end), "fullCalcOnLoad", "1") };
  const at = workbookChildAt(wbXml, kids, "calcPr");
  return { at, end: at, text: prefixed('<calcPr fullCalcOnLoad="1"/>', P) };
}

/** The styles part (appended to only), the new parts, the workbook's relationships and the content types. */
function writeStylesAndTypes(job: Job, added: AddedSheets, wbRels: Relationship[], ct: ContentTypes): void {
  const { files, wb } = job;
  let stylesPath = wb.stylesPath;
  if (!stylesPath) {
    const taken = new Set(Object.keys(files).map((k) => k.toLowerCase()));
    let n = 1;
    while (taken.has(`xl/styles${n}.xml`)) n++;
    stylesPath = taken.has("xl/styles.xml") ? `xl/styles${n}.xml` : "xl/styles.xml";
    wbRels.push({ id: nextRelId(wbRels), type: REL.styles, target: relativeTarget(wb.path, stylesPath), external: false });
    ct.overrides.set(stylesPath, CT.styles);
  }
  if (job.styles.changed || !wb.stylesPath) files[stylesPath] = encodeUtf8(job.styles.toXml());
  for (const p of added.parts) {
    files[p.path] = job.ready.has(p.path) ? COMPRESSED : encodeUtf8(p.content);
    if (p.contentType) ct.overrides.set(p.path, p.contentType);
  }
  files[relsPathFor(wb.path)] = encodeUtf8(relsXml(wbRels));
  if (!ct.defaults.has("rels")) ct.defaults.set("rels", CT.rels);
  if (!ct.defaults.has("xml")) ct.defaults.set("xml", "application/xml");
  files[findEntry(files, "[Content_Types].xml") ?? "[Content_Types].xml"] = encodeUtf8(contentTypesXml(ct));
}

/**
 * The ZIP: [Content_Types].xml first, then the original order, new parts last. Unchanged
 * parts keep their compressed bytes (zipRaw.ts); parts built in the sink were compressed
 * already; other changed and new parts are deflated now. A part of the input keeps its
 * name's bytes (backslashes, a non-UTF-8 name): never renamed. `written` collects the parts
 * this run (re)wrote, for the read-back check.
 */
function zipPackage(job: Job, zipBuffer: Uint8Array | undefined, fromInput: boolean, written: Set<string>): Uint8Array {
  const { files } = job;
  const ctEntry = findEntry(files, "[Content_Types].xml") ?? "[Content_Types].xml";
  const item = (k: string): ZipItem => {
    const orig = fromInput ? originalEntry(files, k) : undefined;
    const name = orig?.nameBytes ? { nameBytes: orig.nameBytes, nameUtf8: orig.nameUtf8 } : {};
    const unchanged = unchangedEntry(files, k);
    if (!unchanged) written.add(k);
    const entry = job.ready.get(k) ?? unchanged;
    if (entry) return { name: k, entry, ...name };
    const data = files[k];
    return { name: k, data, level: STORED.test(k) ? 0 : deflateLevel(data.length), ...name };
  };
  const items: ZipItem[] = [item(ctEntry)];
  for (const k of Object.keys(files)) if (k !== ctEntry) items.push(item(k));
  return writeZip(items, job.mtime, zipBuffer);
}

/** The result failed its read-back check (verify.ts): nothing may be written. */
export class WriteCheckError extends Error {
  readonly messageZh: string;
  constructor(readonly problems: string[]) {
    const list = problems.slice(0, 3).join("; ");
    super(`TierPlan did not write the result: checking it before saving found that it would be damaged (${list}). The input was not changed. Please report this file.`);
    this.messageZh = `TierPlan 未写入结果：保存前检查发现结果文件会损坏（${list}）。输入文件未被修改。请反馈此文件。`;
    Object.defineProperty(this, "stack", { value: `WriteCheckError: ${this.message}`, enumerable: false, configurable: true, writable: true });
  }
}

/**
 * Read the finished package back (verify.ts): the parts this run wrote must inflate and be
 * well-formed, relationships must resolve and content types cover every part, except for
 * problems the input already had.
 */
function checkResult(original: Uint8Array | null, bytes: Uint8Array, written: Set<string>): void {
  const problems = packageProblems(bytes, (name) => written.has(name));
  if (problems.length === 0) return;
  const before = new Set(original ? packageProblems(original) : []);
  const fresh = problems.filter((p) => !before.has(p));
  if (fresh.length) throw new WriteCheckError(fresh);
}
