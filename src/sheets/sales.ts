/**
 * Reading the sales-lines sheet (销售记录 / 提货明细, SPEC §1.2). One pass straight into the
 * columns of a SalesLedger, with no object per line or per cell: this runs on a million lines.
 */
import type { IssueLog } from "../domain/issues";
import { channelCode, lineFlags, SalesLedger } from "../domain/ledger";
import type { Channel, Customer } from "../domain/model";
import { toMoney } from "../domain/money";
import type { SalesField } from "./fields";
import type { HeaderMatch } from "./headers";
import type { CellValue, SheetGrid } from "./grid";
import { dataRows, noteTotalsRow, rowReader } from "./rows";
import { BAD, isBlank, parseChannel, parseDate, parseMoney, parseNumber, parseText, parseYesNo } from "./values";

const RETURN_WORDS = new Set(["退货", "退", "return", "returns", "红字", "销售退货"]);
const PICKUP_WORDS = new Set(["提货", "进货", "销售", "pickup", "pick-up", "sale", "销售出库", "出库"]);

const WHAT_DATE = { en: "date", zh: "日期" };
const WHAT_QUANTITY = { en: "quantity", zh: "数量" };
const WHAT_UNIT_PRICE = { en: "unit price", zh: "单价" };
const WHAT_AMOUNT = { en: "amount", zh: "金额" };
const WHAT_CHANNEL = { en: "channel type", zh: "渠道类型" };
const WHAT_YES_NO = { en: "yes/no", zh: "是/否" };

// Excel serials for 1900-03-01 … 9999-12-31 (the range parseDate accepts).
const MIN_SERIAL = 61;
const MAX_SERIAL = 2958465;

/**
 * Fen of a number cell, the same value parseMoney gives, without toMoney's toPrecision(15)
 * string round trip (~1.5 s of 8.5 s on 1,048,576 lines, node --cpu-prof). For |yuan| < 1e6,
 * toPrecision(15) moves yuan × 100 by at most 1e-7 and the parse back by < 1e-8, so when
 * yuan × 100 lies within 1e-7 of a non-zero integer n, toMoney gives exactly n. Anything
 * else (text, large or zero amounts, more than 2 decimals) returns undefined: the caller
 * falls back to parseMoney.
 */
function fastMoney(v: unknown): number | undefined {
  if (typeof v !== "number" || !(v > -1e6 && v < 1e6)) return undefined;
  const s = v * 100;
  const n = Math.round(s);
  return n !== 0 && Math.abs(s - n) < 1e-7 ? n : undefined;
}

export interface SalesRead {
  /** The lines read, appended to the ledger given (or a new one). */
  ledger: SalesLedger;
  /**
   * Customers not in `known`, in the order of their first line. A line's customer index is
   * into `known` for the customers given, then known.length + k for the k-th of these.
   */
  unknown: { customerId: string; name: string | null; channel: Channel | null }[];
}

/** Each customer's position in `known`, by ID (what readSales numbers lines with when the loader has no index of its own). */
function indexOfCustomers(known: readonly Customer[]): Map<string, number> {
  const indexOf = new Map<string, number>();
  for (let i = 0; i < known.length; i++) indexOf.set(known[i].customerId, i);
  return indexOf;
}

/** List price for a line whose sheet has neither amount nor unit price (SPEC §1.2); `channel` is the line's or else its customer's. */
export type ListPrice = (model: string, channel: Channel | null, customerId: string) => number | null;

/**
 * Reads the lines. `known` are the customer sheet's customers: a line without a channel takes
 * its customer's (SPEC §1.2), and customers missing from it are collected in `unknown` with
 * their first name and first line's channel. One map lookup per line does all of this.
 * `indexOf` maps every known customer's ID to its position in `known` (the loader's, shared with
 * the customer reader; built here when absent) and gains the unknown ones' indexes.
 */
export function readSales(
  grid: SheetGrid, match: HeaderMatch<SalesField>, issues: IssueLog, listPrice: ListPrice, known: readonly Customer[] = [], ledger = new SalesLedger(grid.rows.length),
  indexOf: Map<string, number> = indexOfCustomers(known),
): SalesRead {
  // Channels copied into compact arrays: reading known[ci].channel jumped to a random customer
  // object per line (cache misses, ~110 ms on 1,048,576 lines over 50,000 customers), and the
  // ledger's code per customer spares a search of the channel list per line.
  const knownChannel: (Channel | null)[] = new Array(known.length);
  const knownChannelCode = new Int8Array(known.length);
  for (let i = 0; i < known.length; i++) {
    knownChannel[i] = known[i].channel;
    knownChannelCode[i] = channelCode(known[i].channel);
  }
  const unknown: SalesRead["unknown"] = [];
  const sheetCode = ledger.sheetCode(grid.name);
  // Column positions within a row's cells, -1 when the column is absent: the hot loop below
  // reads cells by index (a keyed lookup per field per row was ~10% of reading 1,048,576 lines).
  const at = (f: SalesField) => (match.columns[f] === undefined ? -1 : match.columns[f]! - grid.origin.col);
  const cDate = at("date"), cId = at("customerId"), cModel = at("model"), cQty = at("quantity");
  const cPrice = at("unitPrice"), cAmount = at("amount"), cType = at("orderType"), cName = at("customerName");
  const cChannel = at("channel"), cContract = at("contractPlan");
  const cell = (cells: readonly CellValue[], c: number): CellValue => (c < 0 ? null : (cells[c] ?? null));
  // Line types repeat ("提货", "退货"…): the answer per distinct text, like isTotalsLabel's.
  // Consecutive lines mostly share a type: the last text is compared before the map.
  const typeMemo = new Map<string, "pickup" | "return" | null>();
  let lastTypeText: string | null = null;
  let lastType: "pickup" | "return" | null | undefined = undefined;
  // Merged cells down a block of lines leave the value in the block's first row only.
  const fill = match.fillDown ?? [];
  const fillId = fill.includes("customerId"), fillName = fill.includes("customerName"), fillDate = fill.includes("date");
  let lastId: CellValue = null, lastName: CellValue = null, lastDate: CellValue = null;
  // One loop over the data rows with every per-line step inlined into it (a visit per row
  // through forEachDataRow, shared by every table's reader, is a call V8 cannot inline).
  const rows = dataRows(grid, match);
  const r = rowReader(grid, match, issues);
  for (let k = 0; k < rows.length; k++) {
    if (rows[k] < 0) {
      noteTotalsRow(grid, match, issues, rows[k]);
      continue;
    }
    r.moveTo(rows[k]);
    let cells = r.cells;
    if (fillId || fillName || fillDate) {
      const own = cells;
      cells = own.slice();
      const take = (c: number, prev: CellValue): CellValue => {
        const v = c < 0 ? null : (own[c] ?? null);
        if (c >= 0 && isBlank(v)) (cells as CellValue[])[c] = prev;
        return isBlank(v) ? prev : v;
      };
      if (fillId) lastId = take(cId, lastId);
      if (fillName) lastName = take(cName, lastName);
      if (fillDate) lastDate = take(cDate, lastDate);
    }
    // Number cells (what both hosts deliver for dates, quantities and money) take the fast
    // paths below; anything else goes through the full parsers, which report bad cells.
    const dateCell = cell(cells, cDate);
    const date = typeof dateCell === "number" && dateCell >= MIN_SERIAL && dateCell <= MAX_SERIAL ? Math.floor(dateCell) : fillDate && dateCell !== r.raw("date") ? parseDate(dateCell) : r.get("date", parseDate, WHAT_DATE);
    const customerId = parseText(cell(cells, cId));
    const model = parseText(cell(cells, cModel));
    const qtyCell = cell(cells, cQty);
    let quantity = typeof qtyCell === "number" && Number.isFinite(qtyCell) ? qtyCell : r.get("quantity", parseNumber, WHAT_QUANTITY);
    const unitPrice = cPrice < 0 ? null : fastMoney(cells[cPrice]) ?? r.get("unitPrice", parseMoney, WHAT_UNIT_PRICE, "warning");
    let amount = cAmount < 0 ? null : fastMoney(cells[cAmount]) ?? r.get("amount", parseMoney, WHAT_AMOUNT);
    const channel = cChannel < 0 ? null : r.get("channel", parseChannel, WHAT_CHANNEL, "warning");
    const contractPlan = cContract < 0 ? null : r.get("contractPlan", parseYesNo, WHAT_YES_NO, "warning");
    if (!customerId) {
      issues.error("sales.noCustomer", "Sales line without a customer ID: skipped", "销售行缺少客户编号，已跳过", { sheet: r.sheet, cell: r.address("customerId") });
      continue;
    }
    if (!model) {
      issues.error("sales.noModel", "Sales line without a model: skipped", "销售行缺少型号，已跳过", { sheet: r.sheet, cell: r.address("model") });
      continue;
    }
    if (date === null) {
      issues.error("sales.noDate", "Sales line without a date: skipped", "销售行缺少日期，已跳过", { sheet: r.sheet, cell: r.address("date") });
      continue;
    }
    if (quantity === null) {
      issues.error("sales.noQuantity", "Sales line without a quantity: skipped", "销售行缺少数量，已跳过", { sheet: r.sheet, cell: r.address("quantity") });
      continue;
    }
    if (date === BAD || quantity === BAD || amount === BAD) continue; // already reported with its cell
    const typeText = parseText(cell(cells, cType));
    let orderType: "pickup" | "return" = quantity < 0 ? "return" : "pickup";
    if (typeText !== null) {
      let kind: "pickup" | "return" | null | undefined = typeText === lastTypeText ? lastType : typeMemo.get(typeText);
      if (kind === undefined) {
        const word = typeText.toLowerCase();
        kind = RETURN_WORDS.has(word) ? "return" : PICKUP_WORDS.has(word) ? "pickup" : null;
        typeMemo.set(typeText, kind);
      }
      lastTypeText = typeText;
      lastType = kind;
      if (kind === "return") orderType = "return";
      else if (kind === null) {
        issues.warn("sales.unknownType", `Unknown line type "${typeText}": read from the sign of the quantity`, `未知单据类型"${typeText}"，按数量正负判断`, { sheet: r.sheet, cell: r.address("orderType") });
      }
    }
    // A return written with a positive quantity still reduces sales.
    if (orderType === "return" && quantity > 0) quantity = -quantity;
    const price = unitPrice === BAD ? null : unitPrice;
    let ci = indexOf.get(customerId);
    if (ci === undefined) {
      ci = known.length + unknown.length;
      indexOf.set(customerId, ci);
      unknown.push({ customerId, name: null, channel: channel === BAD ? null : channel });
    }
    const ownChannel = channel !== null && channel !== BAD;
    const lineChannel = ownChannel ? channel : ci < known.length ? knownChannel[ci] : null;
    if (amount === null) {
      const p = price ?? listPrice(model, lineChannel, customerId);
      if (p === null) {
        issues.warn("sales.noPrice", `No amount, unit price or list price for ${model}: amount counted as 0`, `型号 ${model} 无金额、单价或价格体系价格，金额按 0 计`, { sheet: r.sheet, cell: r.address("model") });
        amount = 0;
      } else {
        amount = toMoney((quantity * p) / 100);
      }
    } else if (orderType === "return" && amount > 0) {
      amount = -amount;
    }
    if (ci >= known.length && cName >= 0) {
      const u = unknown[ci - known.length];
      if (u.name === null) u.name = parseText(cells[cName]);
    }
    const lineChannelCode = !ownChannel && ci < known.length ? knownChannelCode[ci] : channelCode(lineChannel);
    ledger.append(date, ci, ledger.modelCode(model), quantity, price, amount, lineChannelCode, lineFlags(contractPlan === true, orderType), sheetCode, r.row);
  }
  return { ledger, unknown };
}
