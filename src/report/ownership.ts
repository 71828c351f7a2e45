/**
 * Which parts of a workbook TierPlan owns, and where this run's outputs go.
 *
 * The registry is TierPlan's bookkeeping, kept in a very hidden sheet inside the workbook
 * itself (so it travels with the file and works in every host). Both hosts call
 * `planPlacement` (or `planUndo`) with the facts they read and then carry out the same plan,
 * so a re-run replaces TierPlan's previous outputs instead of adding copies, a cell a person
 * typed is never written over, and the last run can be undone.
 *
 * The registry sheet holds four columns, each a JSON or text payload cut into chunks of
 * 30,000 characters down the column (a cell holds ≤ 32,767):
 *   A  the registry of this run (sheets and column ranges TierPlan owns);
 *   B  this run's outputs: the WorkbookPatch that produced them (deflated, base64). It is what
 *      the next run compares the owned column ranges with, cell for cell, to find what a person
 *      typed there, and what "undo" re-creates;
 *   C  the undo snapshot's registry: column A as it was before this run ("null" when there were
 *      no TierPlan outputs before this run; empty when there is nothing to undo);
 *   D  the undo snapshot's outputs: column B as it was before this run.
 * TierPlan's outputs are a pure function of their patch and placement, so restoring the
 * previous patch at the previous placement restores the previous outputs cell for cell.
 */
import { strFromU8, strToU8 } from "fflate";
import { deflateRaw, inflateRaw } from "./deflate";
import type { Issue } from "../domain/issues";
import { cellAddress, type CellValue } from "../sheets/grid";
import type { PatchValue, SheetPatch, WorkbookPatch } from "./patch";

export const REGISTRY_SHEET = "_tierplan";

// ---------------------------------------------------------------------------------------------
// Sheet names, as Excel compares them: without regard to case, at most 31 characters.

export const MAX_SHEET_NAME = 31;

/** Sheet names Excel accepts: ≤ 31 characters, none of []:*?/\, no leading/trailing apostrophe. */
export function validSheetName(n: string): string {
  let s = n.replace(/[[\]:*?/\\]/g, "_").replace(/^'+|'+$/g, "");
  if (!s.trim()) s = "Sheet";
  return s.length > MAX_SHEET_NAME ? s.slice(0, MAX_SHEET_NAME) : s;
}

/** The key under which Excel compares sheet names (case-insensitive). */
export function sheetKey(n: string): string {
  return n.toLowerCase();
}

export function sameSheetName(a: string, b: string): boolean {
  return sheetKey(a) === sheetKey(b);
}

/** A valid name whose key is not in `takenKeys` (see sheetKey); the name's key is added. */
export function uniqueSheetName(base: string, takenKeys: Set<string>): string {
  let name = validSheetName(base);
  let k = 2;
  while (takenKeys.has(sheetKey(name))) {
    const suffix = ` (${k++})`;
    name = validSheetName(base).slice(0, MAX_SHEET_NAME - suffix.length) + suffix;
  }
  takenKeys.add(sheetKey(name));
  return name;
}

// ---------------------------------------------------------------------------------------------
// The registry

export interface OwnedColumns {
  id: string;
  sheet: string;
  headerRow: number;
  firstCol: number;
  headers: string[];
}

export interface Registry {
  version: 1;
  /** ISO timestamp of the run that wrote the outputs. */
  writtenAt: string;
  sheets: string[];
  columns: OwnedColumns[];
}

/** A non-empty cell found in a column range. */
export interface FoundCell {
  row: number;
  col: number;
  value: CellValue;
}

/** What a host knows about the workbook before it applies a patch. */
export interface WorkbookFacts {
  sheetNames: string[];
  registry: Registry | null;
  /** Raw values of the registry sheet (row 0 is the header), for outputs and the undo snapshot. */
  registryCells?: CellValue[][] | null;
  /** Last used column (0-based) of a sheet, or -1 when empty. */
  lastUsedCol(sheet: string): number;
  /** Value of a cell (used to check that owned columns are still where the registry says). */
  valueAt(sheet: string, row: number, col: number): CellValue;
  /**
   * Non-empty cells of columns c0..c1 from row r0 down. Hosts answer it for every range
   * `rangesToInspect` names; without it, owned ranges are trusted as TierPlan's.
   */
  cellsBelow?(sheet: string, r0: number, c0: number, c1: number): FoundCell[];
}

export interface ColumnPlacement {
  id: string;
  sheet: string;
  headerRow: number;
  firstCol: number;
  count: number;
}

export interface PlacementPlan {
  /** TierPlan sheets from the previous run to delete before writing (includes names this run recreates). */
  removeSheets: string[];
  /** Previously owned column ranges to clear (values and formats) before writing. */
  clearColumns: ColumnPlacement[];
  /** Where each ColumnsPatch goes (count 0: skipped, nothing written). */
  columns: ColumnPlacement[];
  /** Sheets in the patch written under another name (a person's sheet has the name, or it is not valid in Excel). */
  renamedSheets: Record<string, string>;
  /** Final name of each patch sheet, in patch order. */
  sheetNames: string[];
  /** The registry to store after the run (null: none, e.g. after undoing the first run). */
  registry: Registry;
  /** patch.userSheets that will be created (those whose name is free), under valid names. */
  createUserSheets: SheetPatch[];
  /** patch.userSheets skipped because a sheet of that name exists (the person's copy wins). */
  skippedUserSheets: string[];
  /** Problems met while placing: cells a person typed into TierPlan's columns, and what was done. */
  issues: Issue[];
  /** Whether a registry sheet is written at all (false after undoing a workbook's first run). */
  keepRegistry: boolean;
}

function findSheet(facts: WorkbookFacts, name: string): string | undefined {
  return facts.sheetNames.find((n) => sameSheetName(n, name));
}

function ownedStillThere(o: OwnedColumns, facts: WorkbookFacts): boolean {
  const sheet = findSheet(facts, o.sheet);
  if (!sheet) return false;
  return o.headers.every((h, i) => String(facts.valueAt(sheet, o.headerRow, o.firstCol + i) ?? "") === h);
}

// ---------------------------------------------------------------------------------------------
// Outputs and the undo snapshot, stored in the registry sheet

const OUTPUTS_TAG = "z1:";
const CHUNK = 30000;

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const B64_CODES = Uint8Array.from(B64, (c) => c.charCodeAt(0));
const B64_VALUES = (() => {
  const t = new Int16Array(128).fill(-1);
  for (let i = 0; i < 64; i++) t[B64.charCodeAt(i)] = i;
  return t;
})();
// Made on first use: jsdom (the task pane's tests) has no TextDecoder at module load, and
// some hosts may lack it altogether, hence the fallback in asciiText.
let asciiDecoder: TextDecoder | null | undefined;
function asciiText(bytes: Uint8Array): string {
  if (asciiDecoder === undefined) asciiDecoder = typeof TextDecoder === "function" ? new TextDecoder() : null;
  if (asciiDecoder) return asciiDecoder.decode(bytes);
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    s += String.fromCharCode.apply(null, Array.from(bytes.subarray(i, i + 0x8000)));
  }
  return s;
}

/**
 * Standard base64 with padding (what btoa writes), built as bytes and decoded once. The
 * previous String.fromCharCode.apply over 32 KB slices + btoa took 57 ms for the bench's 2.5 MB
 * payload (500,000-line bench, docs/PERFORMANCE.md); this takes a few ms.
 */
export function toBase64(bytes: Uint8Array): string {
  const n = bytes.length;
  const out = new Uint8Array(Math.ceil(n / 3) * 4);
  const T = B64_CODES;
  let p = 0;
  let i = 0;
  for (; i + 2 < n; i += 3) {
    const v = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out[p++] = T[v >> 18];
    out[p++] = T[(v >> 12) & 63];
    out[p++] = T[(v >> 6) & 63];
    out[p++] = T[v & 63];
  }
  if (i < n) {
    const two = i + 1 < n;
    const v = (bytes[i] << 16) | (two ? bytes[i + 1] << 8 : 0);
    out[p++] = T[v >> 18];
    out[p++] = T[(v >> 12) & 63];
    out[p++] = two ? T[(v >> 6) & 63] : 61;
    out[p++] = 61; // =
  }
  return asciiText(out);
}

/** Bytes of base64 text as atob reads it (whitespace ignored); throws on any other character. */
export function fromBase64(s: string): Uint8Array {
  const out = new Uint8Array(Math.floor((s.length * 3) / 4) + 3);
  let p = 0;
  let acc = 0;
  let bits = 0;
  let end = s.length;
  while (end > 0 && (s.charCodeAt(end - 1) === 61 || s.charCodeAt(end - 1) <= 32)) end--;
  for (let i = 0; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 12 || c === 13) continue;
    const v = c < 128 ? B64_VALUES[c] : -1;
    if (v < 0) throw new Error("invalid base64");
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[p++] = (acc >> bits) & 0xff;
    }
  }
  return out.subarray(0, p);
}

/**
 * A patch as stored text (deflated JSON, base64). Sheets made once for people are not TierPlan's: left out.
 *
 * Deflate level 1: on the bench's 17 MB of patch JSON level 6 took 182 ms for 2.0 MB, level 1
 * 45 ms for 2.5 MB (Node's zlib, 500,000-line bench). Any level reads back the same.
 * `utf8` may encode the JSON into a buffer of the caller's (the xlsx host reuses its output
 * buffer: one 19 MB allocation less); its result is only read before the function returns.
 */
export function encodeOutputs(patch: WorkbookPatch, utf8: (text: string) => Uint8Array = strToU8): string {
  const { userSheets: _people, ...own } = patch;
  return OUTPUTS_TAG + toBase64(deflateRaw(utf8(JSON.stringify(own)), 1));
}

export function decodeOutputs(text: string | null | undefined): WorkbookPatch | null {
  if (!text || !text.startsWith(OUTPUTS_TAG)) return null;
  try {
    const p = JSON.parse(strFromU8(inflateRaw(fromBase64(text.slice(OUTPUTS_TAG.length))))) as WorkbookPatch;
    return p && Array.isArray(p.sheets) && Array.isArray(p.columns) ? p : null;
  } catch {
    return null;
  }
}

/** The four payloads of the registry sheet, as stored text (empty string when absent). */
export interface RegistryPayloads {
  registry: string;
  outputs: string;
  previousRegistry: string;
  previousOutputs: string;
}

function columnText(values: CellValue[][] | null | undefined, col: number): string {
  if (!values) return "";
  let s = "";
  for (let r = 1; r < values.length; r++) {
    const v = values[r]?.[col];
    if (typeof v === "string") s += v;
  }
  return s;
}

export function readPayloads(values: CellValue[][] | null | undefined): RegistryPayloads {
  return { registry: columnText(values, 0), outputs: columnText(values, 1), previousRegistry: columnText(values, 2), previousOutputs: columnText(values, 3) };
}

function parseRegistryText(json: string): Registry | null {
  try {
    const reg = JSON.parse(json) as Registry;
    return reg && reg.version === 1 && Array.isArray(reg.sheets) && Array.isArray(reg.columns) ? reg : null;
  } catch {
    return null;
  }
}

/** Read the registry back from the values of the registry sheet (column A from row 2). */
export function parseRegistry(values: CellValue[][] | null): Registry | null {
  if (!values || values.length < 2) return null;
  return parseRegistryText(columnText(values, 0));
}

/** The undo snapshot stored by the last run, or null when there is nothing to undo. */
export interface UndoSnapshot {
  /** The registry before the last run (null: TierPlan had no outputs in the workbook). */
  registry: Registry | null;
  /** The outputs before the last run. */
  outputs: WorkbookPatch;
}

export function readUndoSnapshot(values: CellValue[][] | null | undefined): UndoSnapshot | null {
  const p = readPayloads(values);
  if (!p.previousRegistry) return null;
  if (p.previousRegistry === "null") return { registry: null, outputs: { schemaVersion: 1, sheets: [], columns: [] } };
  const registry = parseRegistryText(p.previousRegistry);
  const outputs = decodeOutputs(p.previousOutputs);
  return registry && outputs ? { registry, outputs } : null;
}

/** Column ranges whose cells a host must read (answer `cellsBelow` for) before planning. */
export function rangesToInspect(values: CellValue[][] | null | undefined): OwnedColumns[] {
  const p = readPayloads(values);
  const out: OwnedColumns[] = [];
  const cur = p.registry ? parseRegistryText(p.registry) : null;
  if (cur) out.push(...cur.columns);
  const prev = p.previousRegistry && p.previousRegistry !== "null" ? parseRegistryText(p.previousRegistry) : null;
  if (prev) out.push(...prev.columns);
  return out;
}

/** The registry as a very hidden sheet (see the file comment for its four columns). */
export function registrySheet(reg: Registry, payloads: Partial<Omit<RegistryPayloads, "registry">> = {}): SheetPatch {
  const cols = [JSON.stringify(reg), payloads.outputs ?? "", payloads.previousRegistry ?? "", payloads.previousOutputs ?? ""];
  const chunks = cols.map((t) => {
    const out: string[] = [];
    for (let i = 0; i < t.length; i += CHUNK) out.push(t.slice(i, i + CHUNK));
    return out;
  });
  const height = Math.max(...chunks.map((c) => c.length));
  const rows: PatchValue[][] = [];
  for (let r = 0; r < height; r++) rows.push(chunks.map((c) => c[r] ?? null));
  return {
    name: REGISTRY_SHEET,
    visibility: "veryHidden",
    blocks: [
      {
        id: "registry",
        at: { row: 0, col: 0 },
        columns: [
          { key: "json", header: "TierPlan registry (do not edit)", format: "text" },
          { key: "outputs", header: "Outputs of this run", format: "text" },
          { key: "undoJson", header: "Undo: registry before this run", format: "text" },
          { key: "undoOutputs", header: "Undo: outputs before this run", format: "text" },
        ],
        rows,
      },
    ],
    charts: [],
  };
}

/**
 * The registry sheet to store after `plan` was carried out for `patch` (null: store none).
 * `utf8`: see encodeOutputs.
 */
export function registrySheetFor(plan: PlacementPlan, patch: WorkbookPatch, facts: WorkbookFacts, undo = false, utf8?: (text: string) => Uint8Array): SheetPatch | null {
  if (!plan.keepRegistry) return null;
  if (undo) return registrySheet(plan.registry, { outputs: encodeOutputs(patch, utf8) });
  const before = readPayloads(facts.registryCells);
  return registrySheet(plan.registry, {
    outputs: encodeOutputs(patch, utf8),
    previousRegistry: before.registry && facts.registry ? before.registry : "null",
    previousOutputs: before.registry && facts.registry ? before.outputs : "",
  });
}

// ---------------------------------------------------------------------------------------------
// Cells a person typed into TierPlan's columns

function sameValue(expected: PatchValue | undefined, actual: CellValue): boolean {
  if (expected === undefined || expected === null) return actual === null || actual === "";
  if (typeof expected === "object") return true; // a formula of TierPlan's: its result may have changed
  if (typeof expected === "number") {
    if (!Number.isFinite(expected)) return actual === null || actual === "";
    if (typeof actual !== "number") return false;
    return Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected));
  }
  return expected === actual;
}

/** What TierPlan wrote into an owned column range, by "row:col". */
function expectedCells(outputs: WorkbookPatch | null, o: OwnedColumns): Map<string, PatchValue> | null {
  const cp = outputs?.columns.find((c) => c.id === o.id && sameSheetName(c.sheet, o.sheet));
  if (!cp) return null;
  const m = new Map<string, PatchValue>();
  o.headers.forEach((h, j) => m.set(`${o.headerRow}:${o.firstCol + j}`, h));
  cp.rows.forEach((row, k) => {
    if (row <= o.headerRow) return;
    cp.columns.forEach((c, j) => {
      const v = c.values[k];
      if (v !== undefined && v !== null) m.set(`${row}:${o.firstCol + j}`, v);
    });
  });
  return m;
}

/** Cells in an owned range that hold something else than what TierPlan wrote (A1 addresses). */
export function typedCells(o: OwnedColumns, outputs: WorkbookPatch | null, facts: WorkbookFacts): string[] | null {
  const sheet = findSheet(facts, o.sheet);
  if (!sheet || !facts.cellsBelow) return null;
  const expected = expectedCells(outputs, o);
  if (!expected) return null;
  const out: string[] = [];
  for (const c of facts.cellsBelow(sheet, o.headerRow, o.firstCol, o.firstCol + o.headers.length - 1)) {
    if (c.value === null || c.value === "") continue;
    if (!sameValue(expected.get(`${c.row}:${c.col}`), c.value)) out.push(cellAddress(c.row, c.col));
  }
  return out;
}

function typedIssue(sheet: string, cells: string[], moved: boolean): Issue {
  const first = cells.slice(0, 10).join(", ");
  const more = cells.length > 10 ? ` and ${cells.length - 10} more` : "";
  const moreZh = cells.length > 10 ? ` 等 ${cells.length} 个单元格` : "";
  return {
    severity: "warning",
    code: "output.cellsTyped",
    sheet,
    cell: cells[0],
    count: cells.length > 1 ? cells.length : undefined,
    firstCells: cells.slice(0, 10),
    message: moved
      ? `Someone typed into TierPlan's columns (${first}${more}): kept as they are; TierPlan's columns were written further right`
      : `Someone typed into the columns TierPlan would restore (${first}${more}): kept as they are`,
    messageZh: moved ? `有人在 TierPlan 的列中输入了内容（${first}${moreZh}）：已保留；TierPlan 的列改写在右侧` : `有人在 TierPlan 要恢复的列中输入了内容（${first}${moreZh}）：已保留`,
  };
}

// ---------------------------------------------------------------------------------------------
// Planning

/** Names of patch sheets and sheets made for people, given the sheets that stay. */
function nameSheets(
  patch: WorkbookPatch,
  keptNames: string[],
  plan: Pick<PlacementPlan, "renamedSheets" | "sheetNames" | "createUserSheets" | "skippedUserSheets">,
  wanted?: string[],
): void {
  const taken = new Set(keptNames.map(sheetKey));
  taken.add(sheetKey(REGISTRY_SHEET));
  for (const us of patch.userSheets ?? []) {
    const name = validSheetName(us.name);
    if (taken.has(sheetKey(name))) plan.skippedUserSheets.push(us.name);
    else {
      taken.add(sheetKey(name));
      plan.createUserSheets.push(name === us.name ? us : { ...us, name });
    }
  }
  patch.sheets.forEach((s, i) => {
    const name = uniqueSheetName(wanted?.[i] ?? s.name, taken);
    if (name !== s.name) plan.renamedSheets[s.name] = name;
    plan.sheetNames.push(name);
  });
}

/**
 * A patch that only makes sheets for people (init's policy sheets, plan templates) must not
 * take TierPlan's outputs away: it carries the stored outputs over unchanged, so both hosts
 * re-create them where they were and only add the people's sheets.
 */
export function carryOverOutputs(patch: WorkbookPatch, registryCells: CellValue[][] | null | undefined): WorkbookPatch {
  if (patch.sheets.length || patch.columns.length || !patch.userSheets?.length) return patch;
  const stored = decodeOutputs(readPayloads(registryCells).outputs);
  return stored ? { ...stored, userSheets: patch.userSheets } : patch;
}

export function planPlacement(patch: WorkbookPatch, facts: WorkbookFacts, writtenAt: string): PlacementPlan {
  const prev = facts.registry;
  const prevSheets = new Set((prev?.sheets ?? []).map(sheetKey));
  const removeSheets = facts.sheetNames.filter((n) => prevSheets.has(sheetKey(n)));
  const keptNames = facts.sheetNames.filter((n) => !prevSheets.has(sheetKey(n)) && !sameSheetName(n, REGISTRY_SHEET));
  const issues: Issue[] = [];
  const prevOutputs = decodeOutputs(readPayloads(facts.registryCells).outputs);

  const clearColumns: ColumnPlacement[] = [];
  const reusable = new Map<string, OwnedColumns>();
  for (const o of prev?.columns ?? []) {
    if (!ownedStillThere(o, facts)) continue;
    const typed = typedCells(o, prevOutputs, facts);
    if (typed && typed.length) {
      // A person typed here: the range is theirs now. Nothing in it is cleared or written.
      issues.push(typedIssue(findSheet(facts, o.sheet)!, typed, true));
      continue;
    }
    clearColumns.push({ id: o.id, sheet: o.sheet, headerRow: o.headerRow, firstCol: o.firstCol, count: o.headers.length });
    reusable.set(`${o.id}\u0000${sheetKey(o.sheet)}`, o);
  }

  // The user's data ends before TierPlan's own columns: never count those as user data.
  const ownedBySheet = new Map<string, ColumnPlacement[]>();
  for (const c of clearColumns) ownedBySheet.set(sheetKey(c.sheet), [...(ownedBySheet.get(sheetKey(c.sheet)) ?? []), c]);
  const userLastCol = (sheet: string): number => {
    const last = facts.lastUsedCol(sheet);
    const owned = ownedBySheet.get(sheetKey(sheet)) ?? [];
    let end = last;
    // Owned ranges sit at the right edge; peel them off while they are the last columns.
    for (const o of [...owned].sort((a, b) => b.firstCol - a.firstCol)) {
      if (o.firstCol + o.count - 1 >= end && o.firstCol <= end) end = o.firstCol - 1;
    }
    return end;
  };

  const columns: ColumnPlacement[] = [];
  const nextFree = new Map<string, number>();
  for (const cp of patch.columns) {
    const count = cp.columns.length;
    const key = sheetKey(cp.sheet);
    const old = reusable.get(`${cp.id}\u0000${key}`);
    let firstCol: number;
    if (old && old.headerRow === cp.headerRow && old.headers.length === count) {
      firstCol = old.firstCol;
    } else {
      const start = nextFree.get(key) ?? userLastCol(cp.sheet) + 1;
      // Leave one blank column between the user's data and ours, so the user's table is not extended.
      firstCol = old ? old.firstCol : start + (nextFree.has(key) ? 0 : 1);
    }
    nextFree.set(key, Math.max(nextFree.get(key) ?? 0, firstCol + count));
    columns.push({ id: cp.id, sheet: cp.sheet, headerRow: cp.headerRow, firstCol, count });
  }

  const plan: PlacementPlan = {
    removeSheets,
    clearColumns,
    columns,
    renamedSheets: {},
    sheetNames: [],
    registry: { version: 1, writtenAt, sheets: [], columns: [] },
    createUserSheets: [],
    skippedUserSheets: [],
    issues,
    keepRegistry: true,
  };
  nameSheets(patch, keptNames, plan);
  plan.registry.sheets = [...plan.sheetNames];
  plan.registry.columns = patch.columns.map((cp, i) => ({
    id: cp.id,
    sheet: cp.sheet,
    headerRow: cp.headerRow,
    firstCol: columns[i].firstCol,
    headers: cp.columns.map((c) => c.header),
  }));
  return plan;
}

export class NothingToUndoError extends Error {
  readonly messageZh = "没有可撤销的运行：此工作簿中没有 TierPlan 上次运行的记录。";
  constructor() {
    super("Nothing to undo: this workbook has no record of a TierPlan run to undo.");
  }
}

/**
 * Undo the last run: remove its outputs and put back the outputs it replaced, at their old
 * places and under their old names. Returns the patch to apply (the previous outputs) and
 * the plan. Throws NothingToUndoError when the workbook holds no undo snapshot.
 */
export function planUndo(facts: WorkbookFacts, writtenAt: string): { patch: WorkbookPatch; plan: PlacementPlan } {
  const snap = readUndoSnapshot(facts.registryCells);
  if (!snap || !facts.registry) throw new NothingToUndoError();
  const cur = facts.registry;
  const curSheets = new Set(cur.sheets.map(sheetKey));
  const removeSheets = facts.sheetNames.filter((n) => curSheets.has(sheetKey(n)));
  const keptNames = facts.sheetNames.filter((n) => !curSheets.has(sheetKey(n)) && !sameSheetName(n, REGISTRY_SHEET));
  const issues: Issue[] = [];
  const curOutputs = decodeOutputs(readPayloads(facts.registryCells).outputs);

  // This run's columns go, unless a person typed into them since.
  const clearColumns: ColumnPlacement[] = [];
  for (const o of cur.columns) {
    if (!ownedStillThere(o, facts)) continue;
    const typed = typedCells(o, curOutputs, facts);
    if (typed && typed.length) {
      issues.push(typedIssue(findSheet(facts, o.sheet)!, typed, false));
      continue;
    }
    clearColumns.push({ id: o.id, sheet: o.sheet, headerRow: o.headerRow, firstCol: o.firstCol, count: o.headers.length });
  }
  const cleared = (sheet: string, row: number, col: number) =>
    clearColumns.some((c) => sameSheetName(c.sheet, sheet) && row >= c.headerRow && col >= c.firstCol && col < c.firstCol + c.count);

  const patch = snap.outputs;
  const prev = snap.registry;
  const columns: ColumnPlacement[] = patch.columns.map((cp, i) => {
    const o = prev?.columns[i];
    const at: ColumnPlacement = { id: cp.id, sheet: cp.sheet, headerRow: cp.headerRow, firstCol: o?.firstCol ?? 0, count: cp.columns.length };
    const sheet = findSheet(facts, cp.sheet);
    if (!o || !sheet) return { ...at, count: 0 };
    // The range was left alone by the last run if it holds anything not TierPlan's: then it is
    // already as it was, and writing it would overwrite what a person typed.
    const expected = expectedCells(patch, o);
    const conflict = (facts.cellsBelow?.(sheet, o.headerRow, o.firstCol, o.firstCol + o.headers.length - 1) ?? []).filter(
      (c) => c.value !== null && c.value !== "" && !cleared(sheet, c.row, c.col) && !sameValue(expected?.get(`${c.row}:${c.col}`), c.value),
    );
    return conflict.length ? { ...at, count: 0 } : at;
  });

  const plan: PlacementPlan = {
    removeSheets,
    clearColumns,
    columns,
    renamedSheets: {},
    sheetNames: [],
    registry: prev ?? { version: 1, writtenAt, sheets: [], columns: [] },
    createUserSheets: [],
    skippedUserSheets: [],
    issues,
    keepRegistry: prev !== null,
  };
  nameSheets({ ...patch, userSheets: [] }, keptNames, plan, prev?.sheets);
  if (prev) plan.registry = { ...prev, sheets: [...plan.sheetNames] };
  return { patch: { ...patch, userSheets: [] }, plan };
}
