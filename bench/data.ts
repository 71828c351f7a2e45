/**
 * Deterministic synthetic data for the benchmark: a sales-lines sheet (销售记录) and a
 * customers sheet (客户资料) shaped like a channel-sales export. Everything comes from one
 * seeded PRNG, so every run (and every tool) sees the same values.
 *
 * Sales columns (8): 日期 (Excel serial), 客户编号, 客户名称, 型号, 数量, 单价, 金额, 类型.
 * About 3% of lines are returns (类型 退货, negative quantity and amount). Customers are picked
 * with a skewed distribution (a few big accounts, a long tail) so ABC has real A/B/C classes.
 */
import { dayFromYmd } from "../src/domain/calendar";
import type { CellValue, SheetGrid, WorkbookGrids } from "../src/sheets/grid";

export const SALES_HEADER = ["日期", "客户编号", "客户名称", "型号", "数量", "单价", "金额", "类型"] as const;
export const CUSTOMER_HEADER = ["客户编号", "客户名称", "渠道类型", "办事处", "销售代表", "销售进程", "客户温度", "合同状态", "上次联系", "信用额度", "欠款"] as const;

/** mulberry32: small, fast, good enough for synthetic data. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const OFFICES = ["华东办事处", "华南办事处", "华北办事处", "西南办事处", "西北办事处", "东北办事处", "华中办事处", "总部直营"];
const CHANNELS = ["社会渠道直供", "分销", "大客户", "联通渠道"];
const TEMPS = ["Hot", "Warm", "Cold", "Denial"];
const CONTRACTS = ["无合同", "合同中", "合同已到期"];
const CITY = ["上海", "杭州", "广州", "深圳", "北京", "成都", "西安", "沈阳", "武汉", "南京", "苏州", "重庆"];

export interface Dataset {
  customers: number;
  ids: string[];
  names: string[];
  models: string[];
  prices: number[];
  /** First and last day (Excel serials) of the sales dates. */
  from: number;
  to: number;
}

export function dataset(customers = 50_000, months = 12): Dataset {
  const r = prng(7);
  const ids: string[] = [];
  const names: string[] = [];
  for (let i = 0; i < customers; i++) {
    ids.push(`C${String(i + 1).padStart(6, "0")}`);
    names.push(`${CITY[i % CITY.length]}${String(i + 1).padStart(5, "0")}商贸有限公司`);
  }
  const models: string[] = [];
  const prices: number[] = [];
  for (let m = 0; m < 200; m++) {
    models.push(`TP-${String.fromCharCode(65 + (m % 26))}${100 + m}`);
    prices.push(Math.round((299 + r() * 4700) * 100) / 100);
  }
  // The period ends on 2024-12-31 (a Tuesday, so December counts as a full month) and spans
  // `months` whole months: with 12, every line is inside the default analysis period.
  const to = dayFromYmd(2024, 12, 31);
  const from = dayFromYmd(2025 - Math.ceil(months / 12), 1 + ((12 - (months % 12)) % 12), 1);
  // Flat strings, as Office.js (JSON) and the .xlsx reader deliver them, not template-literal ropes.
  const flat = (xs: string[]) => JSON.parse(JSON.stringify(xs)) as string[];
  return { customers, ids: flat(ids), names: flat(names), models: flat(models), prices, from, to };
}

/**
 * Sales lines, produced row by row into `emit(date, customerIndex, model, qty, price, amount, isReturn)`.
 * The last line is always on the last day, so the period is the same for every size.
 */
export function forEachSalesLine(
  ds: Dataset,
  lines: number,
  emit: (date: number, customer: number, model: number, qty: number, price: number, amount: number, isReturn: boolean) => void,
  seed = 42,
): void {
  const r = prng(seed);
  const span = ds.to - ds.from + 1;
  const n = ds.customers;
  for (let i = 0; i < lines; i++) {
    const date = i === lines - 1 ? ds.to : ds.from + Math.floor(r() * span);
    // Skewed pick (u^3 piles up near 0), spread over the id space by a fixed permutation
    // (7919 is prime and does not divide the customer count) so ids do not follow revenue.
    const k = Math.floor(n * r() ** 3);
    const customer = (k * 7919 + 13) % n;
    const model = Math.floor(r() * ds.models.length);
    const isReturn = r() < 0.03;
    let qty = 1 + Math.floor(r() * 20);
    if (isReturn) qty = -qty;
    const price = ds.prices[model];
    const amount = Math.round(qty * price * 100) / 100;
    emit(date, customer, model, qty, price, amount, isReturn);
  }
}

export function salesGrid(ds: Dataset, lines: number): SheetGrid {
  const rows: CellValue[][] = new Array(lines + 1);
  rows[0] = [...SALES_HEADER];
  let i = 1;
  forEachSalesLine(ds, lines, (date, c, m, qty, price, amount, isReturn) => {
    rows[i++] = [date, ds.ids[c], ds.names[c], ds.models[m], qty, price, amount, isReturn ? "退货" : "提货"];
  });
  return { name: "销售记录", rows, origin: { row: 0, col: 0 } };
}

export function customerRow(ds: Dataset, i: number): CellValue[] {
  // Cheap integer hash instead of the PRNG so that a row can be produced on its own.
  const h = Math.imul(i + 1, 2654435761) >>> 0;
  return [
    ds.ids[i],
    ds.names[i],
    CHANNELS[h % 4],
    OFFICES[(h >>> 3) % OFFICES.length],
    `代表${String((h >>> 6) % 120).padStart(3, "0")}`,
    (h >>> 9) % 8,
    TEMPS[(h >>> 12) % 4],
    CONTRACTS[(h >>> 14) % 3],
    ds.to - ((h >>> 16) % 120),
    ((h >>> 8) % 50) * 10000,
    ((h >>> 4) % 40) * 5000,
  ];
}

export function customersGrid(ds: Dataset): SheetGrid {
  const rows: CellValue[][] = [[...CUSTOMER_HEADER]];
  for (let i = 0; i < ds.customers; i++) rows.push(customerRow(ds, i));
  return { name: "客户资料", rows, origin: { row: 0, col: 0 } };
}

export function workbookGrids(ds: Dataset, lines: number): WorkbookGrids {
  return { sheets: [customersGrid(ds), salesGrid(ds, lines)] };
}
