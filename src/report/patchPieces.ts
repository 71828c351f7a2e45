/**
 * A WorkbookPatch cut into pieces of bounded size, and put together again. The engine's worker
 * sends a run's patch to the task pane this way (Excel writes it from the pane's thread, where
 * Office.js lives): the pane takes each message apart as one task, and at 50,000 customers the
 * whole patch (20 MB) took 220–260 ms to take apart, far over the 100 ms a pane may block. Each
 * piece holds at most `maxCells` cells.
 *
 * The first piece is the patch with its bulk emptied (block rows, the rows and values of
 * columns beside a user's table); the others carry that bulk, slice by slice, in order.
 */
import type { PatchValue, WorkbookPatch } from "./patch";

export type PatchPiece =
  | { kind: "skeleton"; patch: WorkbookPatch }
  | { kind: "blockRows"; sheet: number; block: number; rows: PatchValue[][] }
  | { kind: "columnRows"; columns: number; rows: number[] }
  | { kind: "columnValues"; columns: number; column: number; values: PatchValue[] };

/** About 1 MB of structured-clone data for typical report cells: 5–15 ms to take apart. */
export const PIECE_CELLS = 50_000;

/** Slices of `list` whose weights (cells per item) sum to at most `max` (at least one item each). */
function* slices<T>(list: T[], weight: number, max: number): Generator<T[]> {
  const per = Math.max(1, Math.floor(max / Math.max(1, weight)));
  for (let i = 0; i < list.length; i += per) yield list.slice(i, i + per);
}

export function splitPatch(patch: WorkbookPatch, maxCells = PIECE_CELLS): PatchPiece[] {
  const bulk: PatchPiece[] = [];
  const skeleton: WorkbookPatch = {
    ...patch,
    sheets: patch.sheets.map((sheet, s) => ({
      ...sheet,
      blocks: sheet.blocks.map((block, b) => {
        for (const rows of slices(block.rows, block.columns.length, maxCells)) bulk.push({ kind: "blockRows", sheet: s, block: b, rows });
        return { ...block, rows: [] };
      }),
    })),
    columns: patch.columns.map((cp, c) => {
      for (const rows of slices(cp.rows, 1, maxCells)) bulk.push({ kind: "columnRows", columns: c, rows });
      return {
        ...cp,
        rows: [],
        columns: cp.columns.map((col, k) => {
          for (const values of slices(col.values, 1, maxCells)) bulk.push({ kind: "columnValues", columns: c, column: k, values });
          return { ...col, values: [] };
        }),
      };
    }),
  };
  return [{ kind: "skeleton", patch: skeleton }, ...bulk];
}

/** The patch the pieces were cut from (splitPatch's order). The pieces' arrays are reused. */
export function joinPatch(pieces: readonly PatchPiece[]): WorkbookPatch {
  const first = pieces[0];
  if (first?.kind !== "skeleton") throw new Error("a patch's pieces start with its skeleton");
  const patch = first.patch;
  for (const p of pieces.slice(1)) {
    if (p.kind === "skeleton") throw new Error("a patch has one skeleton");
    if (p.kind === "blockRows") append(patch.sheets[p.sheet].blocks[p.block].rows, p.rows);
    else if (p.kind === "columnRows") append(patch.columns[p.columns].rows, p.rows);
    else append(patch.columns[p.columns].columns[p.column].values, p.values);
  }
  return patch;
}

/** push(...items) without passing a large slice as arguments (the call stack has a limit). */
function append<T>(into: T[], items: readonly T[]): void {
  for (let i = 0; i < items.length; i++) into.push(items[i]);
}
