/**
 * Payload budgeting for Office.js round trips.
 *
 * Excel on the web rejects a request or a response above 5 MB (RequestPayloadSizeLimitExceeded /
 * ResponsePayloadSizeLimitExceeded) and every platform caps a read at 5,000,000 cells. The host
 * therefore estimates the JSON size of everything it queues and syncs when the next operation
 * would push the batch past a 4 MB budget, keeping 1 MB for the envelope and object paths.
 */

import { numberTextLength } from "../../report/numberText";
import { Pace } from "./pace";

/** What the host lets one batch (or one read response) grow to. */
export const BATCH_BUDGET_BYTES = 4 * 1024 * 1024;
/** Excel's cap on the cells of one range read. */
export const MAX_CELLS_PER_READ = 5_000_000;
/** First guess at the response size of one cell read through `Range.values`. */
export const READ_BYTES_PER_CELL = 32;
/** Estimated request bytes of one queued action without its arguments (action + object path). */
export const OP_BYTES = 200;
/**
 * A sync after more host work than this first lets the pane have a task: Office.js writes the
 * request's JSON (4 MB: 40–80 ms on the bench's machine) in the task that sends it (pace.ts).
 */
const FRESH_TASK_BEFORE_SYNC_MS = 2;

/**
 * UTF-8 bytes of a string written as JSON: quotes, escapes (\" \\ \n… and \u00XX, \uDXXX for
 * a lone surrogate) and multi-byte characters counted in one pass. Measuring
 * JSON.stringify(s) instead made a new string per cell: with 50,000 customers that was about
 * 0.5 s of the pane's thread at every write (every cell is sized before it is queued).
 */
export function jsonStringBytes(s: string): number {
  let n = 2;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) {
      if (c === 34 || c === 92) n += 2;
      else if (c >= 0x20) n += 1;
      else n += c === 8 || c === 9 || c === 10 || c === 12 || c === 13 ? 2 : 6;
    } else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      const d = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else n += 6;
    } else if (c >= 0xdc00 && c <= 0xdfff) n += 6;
    else n += 3;
  }
  return n;
}

/** JSON bytes of one cell value as it travels in a request or response. */
export function cellJsonBytes(v: unknown): number {
  if (v === null || v === undefined) return 4;
  switch (typeof v) {
    case "number":
      return Number.isFinite(v) ? numberTextLength(v) : 4;
    case "boolean":
      return v ? 4 : 5;
    case "string":
      return jsonStringBytes(v);
    default:
      return utf8Length(JSON.stringify(v) ?? "null");
  }
}

/** UTF-8 length of a JavaScript string. */
function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** JSON bytes of one row of a 2-D array, including brackets and the separator after it. */
export function rowJsonBytes(row: readonly unknown[]): number {
  let n = 3;
  for (const v of row) n += cellJsonBytes(v) + 1;
  return n;
}

/**
 * Queues operations into batches that stay under the budget: `reserve(bytes)` before queueing
 * an operation syncs first when the operation would not fit. `flush()` sends what is queued.
 * The optional `onBatchStart` runs before the first operation of every batch (used for
 * `suspendApiCalculationUntilNextSync`, which lasts one sync).
 */
export class SyncBatcher {
  private used = 0;
  private ops = 0;
  /** Round trips this batcher made. */
  syncs = 0;
  /** Estimated request bytes of everything queued through it. */
  totalBytes = 0;
  /** Days added to numbers written with a date format (-1,462 in a 1904 workbook; applyPatch sets it). */
  dateShift = 0;

  constructor(
    private readonly context: Excel.RequestContext,
    private readonly budget: number = BATCH_BUDGET_BYTES,
    private readonly onBatchStart?: () => void,
    /** The slices of work on the pane's thread between two syncs (pace.ts). */
    readonly pace: Pace = new Pace(),
  ) {}

  /** Bytes still free in the current batch. */
  get remaining(): number {
    return this.budget - this.used;
  }

  get isEmpty(): boolean {
    return this.ops === 0;
  }

  get budgetBytes(): number {
    return this.budget;
  }

  /** Make room for an operation of about `bytes`; call it before queueing the operation. */
  async reserve(bytes: number): Promise<void> {
    if (this.ops > 0 && this.used + bytes > this.budget) await this.flush();
    this.charge(bytes);
  }

  /** Account for an operation that the caller has already sized to fit (see `remaining`). */
  charge(bytes: number): void {
    if (this.ops === 0 && this.onBatchStart) {
      this.onBatchStart();
      this.used += OP_BYTES;
    }
    this.used += bytes;
    this.totalBytes += bytes;
    this.ops++;
  }

  async flush(): Promise<void> {
    if (this.ops === 0) return;
    this.used = 0;
    this.ops = 0;
    this.syncs++;
    if (this.pace.used > FRESH_TASK_BEFORE_SYNC_MS) await this.pace.breathe();
    await this.context.sync();
    this.pace.restart();
  }
}
