/**
 * The registry sheet: TierPlan's bookkeeping, kept in a very hidden sheet inside the workbook
 * itself (so it travels with the file and works in every host). It records where each of the
 * last runs put its outputs and what they were, so that a re-run replaces TierPlan's previous
 * outputs instead of adding copies, a cell a person typed is never written over, and the last
 * runs can be undone one by one back to the workbook as it was.
 *
 * Layout (row 0: headers; a text longer than a cell holds is cut into chunks of 30,000
 * characters down its column, a cell holds ≤ 32,767):
 *   A    the index, JSON `RegistryIndex`: `runs[0]` is the current run, `runs[k]` the run k
 *        undos back; each names the placement of its outputs (a `Registry`) and the column
 *        holding them. A run whose registry is null stands for "no TierPlan outputs": undoing
 *        back to it removes the registry sheet too;
 *   B–D  only in workbooks written before the history existed (version 1: A the registry, B
 *        its outputs, C the previous registry, D the previous outputs). Read, never written;
 *        they go once no run of the history refers to them;
 *   E–J  six outputs columns, each the WorkbookPatch of one run (deflated JSON, base64). A
 *        run writes only its own column and the index; the others are left as they are.
 * TierPlan's outputs are a pure function of their patch and placement, so re-creating a run's
 * patch at its placement restores its outputs cell for cell (values, formats, widths, sheets,
 * charts).
 *
 * Size bound: the history keeps MAX_UNDO = 5 runs besides the current one, so the sheet holds
 * at most 6 runs' outputs plus an index of 7 placements (a few KB). One run's outputs take
 * about a third of its patch's JSON after deflate and base64: ~3.4 MB for 500,000 sales lines
 * (bench), so at most ~21 MB there; the demo's are ~0.1 MB.
 */
import { strFromU8, strToU8 } from "fflate";
import { deflateRaw, inflateRaw, inflateRawAsync } from "../deflate";
import type { CellValue } from "../../sheets/grid";
import type { PatchValue, SheetPatch, WorkbookPatch } from "../patch";
import { fromBase64, toBase64 } from "./base64";
import { REGISTRY_SHEET, type OwnedColumns, type PlacementPlan, type Registry, type WorkbookFacts } from "./types";

/** Runs that can be undone one after the other (the history besides the current run). */
export const MAX_UNDO = 5;
/** Column of the first outputs slot (E). */
export const FIRST_SLOT_COL = 4;
const SLOT_COUNT = MAX_UNDO + 1;
/** Columns the registry sheet may use (A..J). */
export const REGISTRY_COLUMNS = FIRST_SLOT_COL + SLOT_COUNT;
/** Characters of stored text per cell. */
export const CHUNK = 30000;
/** Legacy column C: the previous registry of a version 1 registry sheet. */
const LEGACY_PREVIOUS_REGISTRY = 2;

const OUTPUTS_TAG = "z1:";

/** One run of the history. */
export interface RunRecord {
  /** Where the run's outputs are (null: no TierPlan outputs, the workbook as it was). */
  registry: Registry | null;
  /** Registry sheet column holding the run's outputs (null with a null registry). */
  col: number | null;
  /** Length of the stored outputs text (absent in version 1 sheets: unknown). */
  chars?: number;
}

export interface RegistryIndex {
  version: 2;
  /** runs[0]: the current run; runs[k]: the state k undos back. */
  runs: RunRecord[];
  /** Read from a version 1 registry sheet (columns B–D). */
  legacy?: boolean;
}

/** What a run or an undo changes in the registry sheet. */
export interface RegistryUpdate {
  /** Remove the registry sheet (undoing a workbook's first TierPlan run). */
  remove: boolean;
  index: RegistryIndex;
  /** The new run's outputs and the column they go to (cleared first); null for undo. */
  outputs: { col: number; text: string } | null;
  /** Columns to clear: the undone run's, runs that fell off the history, legacy column C. */
  clearCols: number[];
}

// ---------------------------------------------------------------------------------------------
// Outputs as stored text

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

/** The outputs stored as `text` (see encodeOutputs); null when unreadable. */
export function decodeOutputs(text: string | null | undefined): WorkbookPatch | null {
  if (!text || !text.startsWith(OUTPUTS_TAG)) return null;
  try {
    return asPatch(JSON.parse(strFromU8(inflateRaw(fromBase64(text.slice(OUTPUTS_TAG.length))))));
  } catch {
    return null;
  }
}

function asPatch(p: WorkbookPatch | null): WorkbookPatch | null {
  return p && Array.isArray(p.sheets) && Array.isArray(p.columns) ? p : null;
}

/** decodeOutputs with the inflate done by the platform, off the caller's thread where it can (deflate.ts inflateRawAsync). */
async function decodeOutputsAsync(text: string | null | undefined): Promise<WorkbookPatch | null> {
  if (!text || !text.startsWith(OUTPUTS_TAG)) return null;
  try {
    const json = new TextDecoder().decode(await inflateRawAsync(fromBase64(text.slice(OUTPUTS_TAG.length))));
    return asPatch(JSON.parse(json));
  } catch {
    return null;
  }
}

const EMPTY_PATCH: WorkbookPatch = { schemaVersion: 1, sheets: [], columns: [] };

// ---------------------------------------------------------------------------------------------
// Reading the registry sheet

function columnText(values: CellValue[][] | null | undefined, col: number): string {
  if (!values) return "";
  let s = "";
  for (let r = 1; r < values.length; r++) {
    const v = values[r]?.[col];
    if (typeof v === "string") s += v;
  }
  return s;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function asRegistry(v: unknown): Registry | null {
  const reg = v as Registry | null;
  return reg && reg.version === 1 && Array.isArray(reg.sheets) && Array.isArray(reg.columns) ? reg : null;
}

function asIndex(v: unknown): RegistryIndex | null {
  const ix = v as RegistryIndex | null;
  if (!ix || ix.version !== 2 || !Array.isArray(ix.runs) || ix.runs.length === 0) return null;
  const ok = ix.runs.every((r) => r && (r.registry === null ? r.col === null : asRegistry(r.registry) !== null && typeof r.col === "number"));
  return ok && ix.runs[0].registry !== null ? ix : null;
}

/** The history stored in the registry sheet's values (column A; column C for version 1 sheets). */
export function readIndex(values: CellValue[][] | null | undefined): RegistryIndex | null {
  if (!values || values.length < 2) return null;
  const a = parseJson(columnText(values, 0));
  const index = asIndex(a);
  if (index) return index;
  const current = asRegistry(a);
  if (!current) return null;
  // Version 1: one level of undo, in columns C (registry, "null" for none) and D (outputs).
  const runs: RunRecord[] = [{ registry: current, col: 1 }];
  const prevText = columnText(values, LEGACY_PREVIOUS_REGISTRY);
  if (prevText === "null") runs.push({ registry: null, col: null });
  else {
    const prev = asRegistry(parseJson(prevText));
    if (prev) runs.push({ registry: prev, col: 3 });
  }
  return { version: 2, runs, legacy: true };
}

/** The current run's registry (column A from row 2). */
export function parseRegistry(values: CellValue[][] | null | undefined): Registry | null {
  return readIndex(values)?.runs[0].registry ?? null;
}

/**
 * The outputs a run of the history stored (an empty patch for "no outputs"; null when unreadable),
 * from `decoded` when a host decoded them ahead (decodeOutputsAhead).
 */
export function outputsOf(values: CellValue[][] | null | undefined, run: RunRecord | undefined, decoded?: ReadonlyMap<number, WorkbookPatch | null>): WorkbookPatch | null {
  if (!run) return null;
  if (run.col === null) return EMPTY_PATCH;
  if (decoded?.has(run.col)) return decoded.get(run.col)!;
  return decodeOutputs(columnText(values, run.col));
}

/**
 * The stored outputs a run (or, `forUndo`, an undo) will read, decoded ahead: for
 * WorkbookFacts.decodedOutputs. The Excel host calls it between its reads and its plan with
 * `decode` from the task pane's engine worker (the JSON parsed there, ~13 MB at 50,000
 * customers), or by default with the platform's inflate, so that the pane's thread is not kept
 * busy decoding them.
 */
export async function decodeOutputsAhead(
  values: CellValue[][] | null | undefined,
  forUndo: boolean,
  decode: (text: string) => Promise<WorkbookPatch | null> = decodeOutputsAsync,
): Promise<Map<number, WorkbookPatch | null>> {
  const out = new Map<number, WorkbookPatch | null>();
  for (const run of runsNeeded(readIndex(values), forUndo)) {
    if (run.col === null) continue;
    try {
      out.set(run.col, await decode(columnText(values, run.col)));
    } catch {
      // A decoder that failed (a worker that stopped): outputsOf decodes this run itself.
    }
  }
  return out;
}

/** The runs whose outputs and column ranges a run (the current one) or an undo (the current and the previous) needs. */
function runsNeeded(index: RegistryIndex | null, forUndo: boolean): RunRecord[] {
  return index ? index.runs.slice(0, forUndo ? 2 : 1) : [];
}

/** Registry sheet columns (outputs) a host must read, with their rows (header included) and characters when known. */
export function registryColumnsToRead(index: RegistryIndex | null, forUndo = false): { col: number; rows?: number; chars?: number }[] {
  return runsNeeded(index, forUndo)
    .filter((r) => r.col !== null)
    .map((r) => ({ col: r.col!, rows: r.chars === undefined ? undefined : 1 + Math.ceil(r.chars / CHUNK), chars: r.chars }));
}

/** Column ranges whose cells a host must read (answer `cellsBelow` for) before planning. */
export function rangesToInspect(index: RegistryIndex | null, forUndo = false): OwnedColumns[] {
  return runsNeeded(index, forUndo).flatMap((r) => r.registry?.columns ?? []);
}

// ---------------------------------------------------------------------------------------------
// Writing the registry sheet

/**
 * The history after `plan` was carried out for `patch` as a new run. `utf8`: see encodeOutputs.
 * `encoded`: encodeOutputs(patch) when it was made elsewhere (the task pane's engine worker
 * makes it with the patch, off the pane's thread: about 0.6 s at 50,000 customers).
 */
export function runUpdate(plan: PlacementPlan, patch: WorkbookPatch, facts: WorkbookFacts, utf8?: (text: string) => Uint8Array, encoded?: string): RegistryUpdate {
  const before = readIndex(facts.registryCells);
  const kept = before ? before.runs.slice(0, MAX_UNDO) : [{ registry: null, col: null }];
  const used = new Set(kept.map((r) => r.col));
  let col = FIRST_SLOT_COL;
  while (used.has(col)) col++;
  const text = encoded ?? encodeOutputs(patch, utf8);
  const clearCols = (before?.runs.slice(MAX_UNDO) ?? []).flatMap((r) => (r.col === null ? [] : [r.col]));
  if (before?.legacy) clearCols.push(LEGACY_PREVIOUS_REGISTRY);
  return {
    remove: false,
    index: { version: 2, runs: [{ registry: plan.registry, col, chars: text.length }, ...kept] },
    outputs: { col, text },
    clearCols: clearCols.filter((c) => c !== col && !kept.some((r) => r.col === c)),
  };
}

/** The history after undoing its current run, whose outputs are now those of `plan`. */
export function undoUpdate(before: RegistryIndex, plan: PlacementPlan): RegistryUpdate {
  const [undone, target, ...rest] = before.runs;
  const clearCols = undone.col === null ? [] : [undone.col];
  if (before.legacy) clearCols.push(LEGACY_PREVIOUS_REGISTRY);
  const runs = [{ ...target, registry: target.registry && plan.registry }, ...rest];
  return { remove: target.registry === null, index: { version: 2, runs }, outputs: null, clearCols };
}

export const REGISTRY_HEADERS: Record<number, string> = { 0: "TierPlan registry (do not edit)" };
for (let c = FIRST_SLOT_COL; c < REGISTRY_COLUMNS; c++) REGISTRY_HEADERS[c] = "TierPlan outputs of one run (do not edit)";

/** Index JSON as stored (no `legacy` marker: what is written is version 2). */
export function indexText(index: RegistryIndex): string {
  return JSON.stringify({ version: 2, runs: index.runs });
}

export function chunks(text: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += CHUNK) out.push(text.slice(i, i + CHUNK));
  return out;
}

/**
 * The whole registry sheet after `update`, for a host that rewrites it (the .xlsx host):
 * column A, and the outputs column of every run still in the history. Null: no registry sheet.
 */
export function registrySheetAfter(update: RegistryUpdate, values: CellValue[][] | null | undefined): SheetPatch | null {
  if (update.remove) return null;
  const texts = new Map<number, string>([[0, indexText(update.index)]]);
  for (const r of update.index.runs) {
    if (r.col === null) continue;
    texts.set(r.col, update.outputs?.col === r.col ? update.outputs.text : columnText(values, r.col));
  }
  const width = Math.max(...texts.keys()) + 1;
  const cols = Array.from({ length: width }, (_, c) => chunks(texts.get(c) ?? ""));
  const height = Math.max(...cols.map((c) => c.length));
  const rows: PatchValue[][] = [];
  for (let r = 0; r < height; r++) rows.push(cols.map((c) => c[r] ?? null));
  return {
    name: REGISTRY_SHEET,
    visibility: "veryHidden",
    blocks: [
      {
        id: "registry",
        at: { row: 0, col: 0 },
        columns: cols.map((_, c) => ({ key: `c${c}`, header: texts.has(c) ? (REGISTRY_HEADERS[c] ?? "TierPlan outputs of one run (do not edit)") : "", format: "text" as const })),
        rows,
      },
    ],
    charts: [],
  };
}
