/**
 * The sales ledger held column by column: one typed array per field and an index per line
 * into the customer list, with no object per line.
 *
 * Why: a million `SalesLine` objects were the largest single cost of a 1,048,576-line run
 * (the allocation in the reader, then young- and old-generation garbage collection of ~750 MB,
 * docs/PERFORMANCE.md). The analyses that touch every line (revenue totals, XYZ, the period)
 * read these columns; the few that need line objects (rebates, plan, stock, cards) get them from
 * `lines()`, built once, on demand, and only in runs that have those inputs.
 */
import type { Day } from "./calendar";
import type { Channel, OrderType, SalesLine } from "./model";
import type { Money } from "./money";

const CHANNELS: readonly Channel[] = ["direct", "distribution", "keyAccount", "operator"];
const CONTRACT_PLAN = 1;
const RETURN = 2;

/** The code SalesLedger.append() takes for a line's channel. */
export function channelCode(channel: Channel | null): number {
  return channel === null ? -1 : CHANNELS.indexOf(channel);
}

/** The flags SalesLedger.append() takes for a line. */
export function lineFlags(contractPlan: boolean, orderType: OrderType): number {
  return (contractPlan ? CONTRACT_PLAN : 0) | (orderType === "return" ? RETURN : 0);
}

/** One line's fields as the reader has them, with its customer's index. */
export interface LedgerEntry {
  date: Day;
  customer: number;
  model: string;
  quantity: number;
  unitPrice: Money | null;
  amount: Money;
  channel: Channel | null;
  contractPlan: boolean;
  orderType: OrderType;
  sheet: string;
  row: number;
}

export class SalesLedger {
  length = 0;
  /** Day serial of each line. */
  date = new Int32Array(0);
  /** Index into `customerIds` of each line's customer. */
  customer = new Int32Array(0);
  /** Signed amount in fen (negative for returns). */
  amount = new Float64Array(0);
  /** Signed units (negative for returns). */
  quantity = new Float64Array(0);
  private unitPrice = new Float64Array(0);
  private model = new Int32Array(0);
  private channel = new Int8Array(0);
  private flags = new Uint8Array(0);
  private sheet = new Uint16Array(0);
  private row = new Int32Array(0);
  private readonly models: string[] = [];
  private readonly modelIndex = new Map<string, number>();
  private readonly sheets: string[] = [];
  private materialised: SalesLine[] | null = null;
  /** The customer IDs the `customer` column indexes (set by the loader once every sheet is read). */
  customerIds: readonly string[] = [];

  constructor(capacity = 16) {
    this.grow(Math.max(16, capacity));
  }

  /**
   * True when customer index i is `customers[i]` for every customer of the list (the loader's
   * ledger: it numbers the customer sheet's customers first, in order, then those only the
   * lines name). Analyses then read per-customer figures by position, with no map by ID.
   */
  numbersLike(customers: readonly { customerId: string }[]): boolean {
    if (this.customerIds.length < customers.length) return false;
    for (let i = 0; i < customers.length; i++) if (this.customerIds[i] !== customers[i].customerId) return false;
    return true;
  }

  /** A ledger of lines already built as objects (tests, small callers): customers indexed in order of first appearance after `knownIds`. */
  static fromLines(lines: readonly SalesLine[], knownIds: readonly string[] = []): SalesLedger {
    const ledger = new SalesLedger(lines.length);
    const ids = [...knownIds];
    const at = new Map(ids.map((id, i) => [id, i]));
    for (const l of lines) {
      let ci = at.get(l.customerId);
      if (ci === undefined) {
        ci = ids.length;
        ids.push(l.customerId);
        at.set(l.customerId, ci);
      }
      ledger.push({ ...l, customer: ci });
    }
    ledger.customerIds = ids;
    ledger.trim();
    return ledger;
  }

  /** Cuts the columns to the lines read (views on the same memory, no copy): readers may then loop over `date.length`. */
  trim(): void {
    const n = this.length;
    this.date = this.date.subarray(0, n);
    this.customer = this.customer.subarray(0, n);
    this.amount = this.amount.subarray(0, n);
    this.quantity = this.quantity.subarray(0, n);
  }

  push(e: LedgerEntry): void {
    this.append(e.date, e.customer, this.modelCode(e.model), e.quantity, e.unitPrice, e.amount, channelCode(e.channel), lineFlags(e.contractPlan, e.orderType), this.sheetCode(e.sheet), e.row);
  }

  /**
   * One line from numbers only, for the reader's hot loop: models, channels and sheets as the
   * codes of modelCode, channelCode and sheetCode, flags from lineFlags. Why not push(): filling
   * and reading back an entry object per line was ~200 ms of 1,048,576 lines against ~30 ms
   * for this (bench of the two on the same lines).
   */
  append(date: Day, customer: number, model: number, quantity: number, unitPrice: Money | null, amount: Money, channel: number, flags: number, sheet: number, row: number): void {
    if (this.length === this.date.length) this.grow(this.length * 2);
    const i = this.length++;
    this.date[i] = date;
    this.customer[i] = customer;
    this.amount[i] = amount;
    this.quantity[i] = quantity;
    this.unitPrice[i] = unitPrice === null ? NaN : unitPrice;
    this.model[i] = model;
    this.channel[i] = channel;
    this.flags[i] = flags;
    this.sheet[i] = sheet;
    this.row[i] = row;
    this.materialised = null;
  }

  /** Line i as the object the domain rules take. */
  line(i: number): SalesLine {
    const price = this.unitPrice[i];
    const ch = this.channel[i];
    const f = this.flags[i];
    return {
      date: this.date[i],
      customerId: this.customerIds[this.customer[i]],
      model: this.models[this.model[i]],
      quantity: this.quantity[i],
      unitPrice: Number.isNaN(price) ? null : price,
      amount: this.amount[i],
      channel: ch < 0 ? null : CHANNELS[ch],
      contractPlan: (f & CONTRACT_PLAN) !== 0,
      orderType: f & RETURN ? "return" : "pickup",
      sheet: this.sheets[this.sheet[i]],
      row: this.row[i],
    };
  }

  /** Every line as an object, built once on first use (runs with rebate rules, plans, stock or cards). */
  lines(): SalesLine[] {
    if (this.materialised === null) {
      const out: SalesLine[] = new Array(this.length);
      for (let i = 0; i < this.length; i++) out[i] = this.line(i);
      this.materialised = out;
    }
    return this.materialised;
  }

  /** The lines dated on or after `day`, as objects, in ledger order. */
  linesFrom(day: Day): SalesLine[] {
    let all = true;
    for (let i = 0; i < this.length && all; i++) if (this.date[i] < day) all = false;
    if (all) return this.lines();
    const out: SalesLine[] = [];
    for (let i = 0; i < this.length; i++) if (this.date[i] >= day) out.push(this.line(i));
    return out;
  }

  /** The sheet and 0-based row line i was read from. */
  sourceOf(i: number): { sheet: string; row: number } {
    return { sheet: this.sheets[this.sheet[i]], row: this.row[i] };
  }

  /** The last day with a line, or null for an empty ledger. */
  lastDay(): Day | null {
    if (this.length === 0) return null;
    let last = this.date[0];
    for (let i = 1; i < this.length; i++) if (this.date[i] > last) last = this.date[i];
    return last;
  }

  /** The code append() takes for a model (models are numbered in order of first use). */
  modelCode(model: string): number {
    let m = this.modelIndex.get(model);
    if (m === undefined) {
      m = this.models.length;
      this.models.push(model);
      this.modelIndex.set(model, m);
    }
    return m;
  }

  /** The code append() takes for a sheet name. */
  sheetCode(sheet: string): number {
    const last = this.sheets.length - 1;
    if (last >= 0 && this.sheets[last] === sheet) return last;
    const k = this.sheets.indexOf(sheet);
    if (k >= 0) return k;
    this.sheets.push(sheet);
    return this.sheets.length - 1;
  }

  private grow(capacity: number): void {
    const copy = <T extends Int32Array | Float64Array | Int8Array | Uint8Array | Uint16Array>(a: T, make: (n: number) => T): T => {
      const b = make(capacity);
      b.set(a.subarray(0, this.length) as never);
      return b;
    };
    this.date = copy(this.date, (n) => new Int32Array(n));
    this.customer = copy(this.customer, (n) => new Int32Array(n));
    this.amount = copy(this.amount, (n) => new Float64Array(n));
    this.quantity = copy(this.quantity, (n) => new Float64Array(n));
    this.unitPrice = copy(this.unitPrice, (n) => new Float64Array(n));
    this.model = copy(this.model, (n) => new Int32Array(n));
    this.channel = copy(this.channel, (n) => new Int8Array(n));
    this.flags = copy(this.flags, (n) => new Uint8Array(n));
    this.sheet = copy(this.sheet, (n) => new Uint16Array(n));
    this.row = copy(this.row, (n) => new Int32Array(n));
  }
}
