/**
 * The two large things that cross between the task pane and the engine's worker, cut into
 * pieces of bounded size and put together again: the grids Excel's sheets were read into (pane
 * → worker) and a run's patch (worker → pane, which writes it through Office.js). A message is
 * packed and unpacked as one task of the thread that handles it, and the pane's thread may not
 * block for more than 100 ms: at 500,000 lines and 50,000 customers, packing the grids took
 * ~490 ms and unpacking the patch 220–260 ms; a piece of PIECE_CELLS cells takes 5–35 ms.
 *
 * The first piece is the whole with its bulk emptied (the skeleton); the others carry the bulk
 * (rows of cells, column values), slice by slice, in order. engineRemote.ts sends them.
 */
import type { PatchValue, WorkbookPatch } from "../../report/patch";
import type { CellValue, WorkbookGrids } from "../../sheets/grid";

/** About 1–2 MB of structured-clone data for report cells or sheet rows. */
const PIECE_CELLS = 50_000;

export type PatchPiece =
  | { kind: "skeleton"; patch: WorkbookPatch }
  | { kind: "blockRows"; sheet: number; block: number; rows: PatchValue[][] }
  | { kind: "columnRows"; columns: number; rows: number[] }
  | { kind: "columnValues"; columns: number; column: number; values: PatchValue[] };

export type GridsPiece = { kind: "skeleton"; grids: WorkbookGrids } | { kind: "rows"; sheet: number; rows: CellValue[][] };

/** Slices of `list` of at most `max` cells, `weight` cells an item (at least one item a slice). */
function* slices<T>(list: T[], weight: number, max: number): Generator<T[]> {
  const per = Math.max(1, Math.floor(max / Math.max(1, weight)));
  for (let i = 0; i < list.length; i += per) yield list.slice(i, i + per);
}

/** The widest row of a sheet: rows are ragged, a slice is sized by its widest. */
function widest(rows: readonly unknown[][]): number {
  let w = 0;
  for (const r of rows) if (r.length > w) w = r.length;
  return w;
}

export function splitPatch(patch: WorkbookPatch, maxCells = PIECE_CELLS): PatchPiece[] {
  const bulk: PatchPiece[] = [];
  const skeleton: WorkbookPatch = {
    ...patch,
    sheets: patch.sheets.map((sheet, s) => ({
      ...sheet,
      blocks: sheet.blocks.map((block, b) => {
        for (const rows of slices(block.rows, widest(block.rows), maxCells)) bulk.push({ kind: "blockRows", sheet: s, block: b, rows });
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

/**
 * Puts a patch together as its pieces arrive, one piece per message: appending all of them at
 * the end took 80–100 ms of the pane's thread as one task at 50,000 customers (a million
 * values pushed), one piece takes 1–3 ms.
 */
export class PatchJoiner {
  private patch: WorkbookPatch | null = null;

  /** The next piece, in splitPatch's order. The piece's arrays are reused. */
  add(p: PatchPiece): void {
    if (p.kind === "skeleton") {
      if (this.patch) throw new Error("pieces hold one skeleton");
      this.patch = p.patch;
      return;
    }
    const patch = this.patch;
    if (!patch) throw new Error("pieces start with their skeleton");
    // The first piece of an array is taken as it is (a column's 50,000 values come in one piece).
    if (p.kind === "blockRows") {
      const block = patch.sheets[p.sheet].blocks[p.block];
      if (block.rows.length) append(block.rows, p.rows);
      else block.rows = p.rows;
    } else if (p.kind === "columnRows") {
      const cp = patch.columns[p.columns];
      if (cp.rows.length) append(cp.rows, p.rows);
      else cp.rows = p.rows;
    } else {
      const column = patch.columns[p.columns].columns[p.column];
      if (column.values.length) append(column.values, p.values);
      else column.values = p.values;
    }
  }

  result(): WorkbookPatch {
    if (!this.patch) throw new Error("pieces start with their skeleton");
    return this.patch;
  }
}

/** The patch the pieces were cut from (splitPatch's order). The pieces' arrays are reused. */
export function joinPatch(pieces: readonly PatchPiece[]): WorkbookPatch {
  const joiner = new PatchJoiner();
  for (const p of pieces) joiner.add(p);
  return joiner.result();
}

export function splitGrids(grids: WorkbookGrids, maxCells = PIECE_CELLS): GridsPiece[] {
  const bulk: GridsPiece[] = [];
  const skeleton: WorkbookGrids = {
    ...grids,
    sheets: grids.sheets.map((sheet, s) => {
      for (const rows of slices(sheet.rows, widest(sheet.rows), maxCells)) bulk.push({ kind: "rows", sheet: s, rows });
      return { ...sheet, rows: [] };
    }),
  };
  return [{ kind: "skeleton", grids: skeleton }, ...bulk];
}

export function joinGrids(pieces: readonly GridsPiece[]): WorkbookGrids {
  const grids = skeletonOf(pieces).grids;
  for (const p of pieces.slice(1)) {
    if (p.kind === "skeleton") throw new Error("pieces hold one skeleton");
    append(grids.sheets[p.sheet].rows, p.rows);
  }
  return grids;
}

function skeletonOf<P extends { kind: string }>(pieces: readonly P[]): Extract<P, { kind: "skeleton" }> {
  const first = pieces[0];
  if (first?.kind !== "skeleton") throw new Error("pieces start with their skeleton");
  return first as Extract<P, { kind: "skeleton" }>;
}

/** push(...items) without passing a large slice as arguments (the call stack has a limit). */
function append<T>(into: T[], items: readonly T[]): void {
  for (let i = 0; i < items.length; i++) into.push(items[i]);
}
