/**
 * Which sheet is what, and which column is which field: detection by evidence (issue 16).
 *
 * The scoring rule, in one place:
 *
 * 1. Header rows. Each of the first HEADER_SCAN rows is tried as the header, alone and (when
 *    the row above has two or more cells) as the lower half of a two-row header whose upper
 *    cells are carried right across their merged span ("商品" over 名称/数量/单价 gives
 *    商品名称, 商品数量, 商品单价). Title rows and metadata rows (编制单位：…) score nothing and
 *    lose by themselves.
 * 2. Columns. A column is a candidate for a field when its header CONTAINS one of the field's
 *    words (words.ts) and none of its "not" words. Its score is
 *        2 (header word) + preference points (实收 > 应收, 本币 > 原币, …) + 2 × content fit,
 *    where the content fit (evidence.ts) is the share of the values under it that look right
 *    (dates, numbers, whole numbers, text codes). Candidates with a fit below MIN_FIT are
 *    dropped. Fields are filled greedily, best score first, one column per field; a runner-up
 *    within CLOSE points is named as the alternative.
 * 3. Roles. A sheet with date, customer, model and quantity or amount is a list of sales lines.
 *    A sheet with customer ID and name whose IDs do not repeat is a customer master; IDs that
 *    repeat make it a line list, never a master. Months across with customers down is a summary;
 *    months across without customers (a forecast) and model + price without customers (a price
 *    list) are other data; pivot labels (求和项, 行标签) mark a pivot.
 * 4. Rows. Data rows end at the first footer row (制表日期, 页次, 审核 …); totals and subtotal
 *    rows are skipped by the row reader. A customer column that is blank below a filled cell
 *    within a block (merged cells down a block of lines) is filled down.
 * 5. The sheet's score is the sum of its fields' scores; the best header row wins. Two sales
 *    sheets with the same lines are one ledger and a copy: the copy is not read.
 *
 * `--map` (field=Header, sales.field=Header, sales=Sheet) overrides any of this.
 */
import { normalizeHeader } from "../fields";
import { CellValue, SheetGrid, WorkbookGrids, columnLetter } from "../grid";
import { isTotalsOrSubtotalLabel } from "../rows";
import { ColumnProfile, contentFit, evidenceText, profileColumn, repeatShare, SAMPLE } from "./evidence";
import { CoreSalesField, CUSTOMER_ID_WORD, CUSTOMER_NAME_WORD, FOOTER_WORD, MONTH_HEADER, PIVOT_WORD, SALES_WORDS } from "./words";

export type Role = "sales" | "customers" | "summary" | "pivot" | "other";

export interface Text { en: string; zh: string }

export interface FieldChoice {
  field: CoreSalesField;
  /** Sheet column, 0-based. */
  col: number;
  /** The header as it reads (two-row headers joined). */
  header: string;
  score: number;
  evidence: Text;
  /** A close runner-up, named in the run's first lines. */
  alternative?: { col: number; header: string; score: number };
  /** Chosen by --map. */
  mapped?: boolean;
}

export interface SheetDetection {
  sheet: string;
  role: Role;
  /** Why this role, for the "what was read" line and refusals. */
  reason: Text;
  /** 0-based sheet row of the (lower) header row. */
  headerRow: number;
  headerRows: 1 | 2;
  /** Header text per sheet column (index = sheet column − columnOffset). */
  headers: string[];
  /** Sheet column of headers[0] (the grid's origin). */
  columnOffset: number;
  /** Content evidence per column (same index as headers). */
  profiles?: ColumnProfile[];
  /** 0-based sheet row of the last data row (above any footer). */
  lastRow: number;
  fields: Partial<Record<CoreSalesField, FieldChoice>>;
  /** Sales fields needed and not found (for a sales or partial sheet). */
  missing: CoreSalesField[];
  /** Columns to fill down (merged cells down a block). */
  fillDown: CoreSalesField[];
  notes: Text[];
  /** For a copy of another sales sheet: that sheet. */
  duplicateOf?: string;
  score: number;
}

export interface Overrides {
  sales: Partial<Record<string, string>>;
  customers: Partial<Record<string, string>>;
  salesSheet?: string;
  customersSheet?: string;
}

const HEADER_SCAN = 15;
const MIN_FIT = 0.6;
const CLOSE = 1;

const SALES_ORDER: CoreSalesField[] = ["date", "quantity", "amount", "unitPrice", "customerId", "customerName", "model"];
/** The order fields are named in, as a person reads a ledger. */
const DISPLAY_ORDER: CoreSalesField[] = ["date", "customerId", "customerName", "model", "quantity", "unitPrice", "amount"];
export const SALES_REQUIRED: CoreSalesField[] = ["date", "customerId", "model", "quantity"];

export const FIELD_LABEL: Record<CoreSalesField, Text> = {
  date: { zh: "日期", en: "date" },
  customerId: { zh: "客户", en: "customer" },
  customerName: { zh: "客户名称", en: "customer name" },
  model: { zh: "型号", en: "model" },
  quantity: { zh: "数量", en: "quantity" },
  unitPrice: { zh: "单价", en: "unit price" },
  amount: { zh: "金额", en: "amount" },
};

function textOf(v: CellValue | undefined): string {
  return typeof v === "string" ? v.trim() : typeof v === "number" ? String(v) : "";
}

/** Header texts of row r (grid index), joined with the row above when `twoRow`. */
function composeHeaders(grid: SheetGrid, r: number, twoRow: boolean): string[] {
  const row = grid.rows[r] ?? [];
  if (!twoRow) return row.map(textOf);
  const upper = grid.rows[r - 1] ?? [];
  const width = Math.max(row.length, upper.length);
  const out: string[] = [];
  let carried = "";
  for (let c = 0; c < width; c++) {
    const u = textOf(upper[c]);
    const own = textOf(row[c]);
    // A merged parent leaves its text in the first cell only: carry it right while the
    // cells under it have text; a blank lower cell is a header merged down (日期 over two rows).
    if (u) carried = u;
    else if (!own) carried = "";
    const parent = u || (own ? carried : "");
    out.push(own ? (parent && parent !== own ? parent + own : own) : u);
  }
  return out;
}

function isMonthHeader(v: CellValue | undefined, text: string): boolean {
  if (typeof v === "number") return v >= 36526 && v <= 73051; // a date cell used as a month caption
  return MONTH_HEADER.test(normalizeHeader(text));
}

interface Candidate { col: number; header: string; score: number; fit: number; profile: ColumnProfile }

/**
 * Last row of the table (grid index): footer rows (制表日期, 页次, 审核 …) and blank rows at the
 * bottom are left out. Only the bottom FOOTER_SCAN rows are looked at, so that a million-line
 * ledger costs nothing here.
 */
const FOOTER_SCAN = 30;

function tableEnd(grid: SheetGrid): number {
  let last = grid.rows.length - 1;
  for (let seen = 0; last >= 0 && seen < FOOTER_SCAN; seen++) {
    const row = grid.rows[last] ?? [];
    const first = row.find((v) => textOf(v) !== "");
    if (first === undefined || (typeof first === "string" && FOOTER_WORD.test(normalizeHeader(first)))) last--;
    else break;
  }
  return last;
}

/** Rows below the header used as evidence: up to SAMPLE rows, totals left out. */
function dataRows(grid: SheetGrid, r: number, end: number): CellValue[][] {
  const out: CellValue[][] = [];
  for (let i = r + 1; i <= end && out.length < SAMPLE; i++) {
    const row = grid.rows[i] ?? [];
    if (!row.some((v) => isTotalsOrSubtotalLabel(v))) out.push(row);
  }
  return out;
}

function candidatesFor(field: CoreSalesField, headers: string[], norms: string[], profiles: ColumnProfile[], mapped: string | undefined): Candidate[] {
  const out: Candidate[] = [];
  const rule = SALES_WORDS[field];
  // --map: the user's header wins where this sheet has it; a sheet without it is read as usual.
  if (mapped !== undefined) {
    const want = normalizeHeader(mapped);
    headers.forEach((h, c) => {
      if (norms[c] && (norms[c] === want || normalizeHeader(h.split(/[/|]/).pop()) === want)) out.push({ col: c, header: h, score: 100, fit: 1, profile: profiles[c] });
    });
    if (out.length) return out;
  }
  headers.forEach((h, c) => {
    const n = norms[c];
    if (!n) return;
    if (!rule.any.test(n) || rule.not?.test(n)) return;
    if (field === "customerId" && (!CUSTOMER_ID_WORD.test(n) || (CUSTOMER_NAME_WORD.test(n) && !/卡号|编号|编码/.test(n)))) return;
    if (field === "customerName" && CUSTOMER_ID_WORD.test(n) && !CUSTOMER_NAME_WORD.test(n)) return;
    const fit = contentFit(field, profiles[c]);
    if (fit < MIN_FIT) return;
    let score = 2 + 2 * fit;
    for (const [re, pts] of rule.prefer ?? []) if (re.test(n)) score += pts;
    out.push({ col: c, header: h, score, fit, profile: profiles[c] });
  });
  return out.sort((a, b) => b.score - a.score || a.col - b.col);
}

/** Greedy assignment of the sales fields to the columns of one header reading. */
function assign(headers: string[], profiles: ColumnProfile[], map: Overrides["sales"], origin: number) {
  const norms = headers.map(normalizeHeader);
  const used = new Set<number>();
  const fields: Partial<Record<CoreSalesField, FieldChoice>> = {};
  for (const f of SALES_ORDER) {
    const cands = candidatesFor(f, headers, norms, profiles, map[f]).filter((c) => !used.has(c.col));
    if (!cands.length) continue;
    const [best, next] = cands;
    used.add(best.col);
    fields[f] = {
      field: f,
      col: best.col + origin,
      header: best.header,
      score: best.score,
      evidence: evidenceText(f, best.profile),
      mapped: best.score === 100 && map[f] !== undefined,
      // Competing amounts (实收/应收, 本币/原币, 含税/未税) are always named, close or not.
      alternative: next && (best.score - next.score <= CLOSE || f === "amount") ? { col: next.col + origin, header: next.header, score: next.score } : undefined,
    };
  }
  return { fields, used };
}

function scoreOf(fields: Partial<Record<CoreSalesField, FieldChoice>>): number {
  return Object.values(fields).reduce((s, f) => s + Math.min(f!.score, 8), 0);
}

/** The reading of one sheet: best header row, fields, role. */
export function detectSheet(grid: SheetGrid, ov: Overrides): SheetDetection {
  let best: SheetDetection | null = null;
  const origin = grid.origin.col;
  const scan = Math.min(grid.rows.length, HEADER_SCAN);
  let pivot = false;
  const end = tableEnd(grid);
  for (let r = 0; r < scan; r++) {
    // Once a row reads as a table, only the row below it can still do better (as the lower
    // half of a two-row header); rows further down are data.
    if (best && (best.role === "sales" || best.role === "customers") && r > best.headerRow - grid.origin.row + 1) break;
    const row = grid.rows[r] ?? [];
    if (row.some((v) => typeof v === "string" && PIVOT_WORD.test(normalizeHeader(v)))) pivot = true;
    if (!row.some((v) => typeof v === "string" && v.trim() !== "")) continue;
    const upperCount = r > 0 ? (grid.rows[r - 1] ?? []).filter((v) => textOf(v) !== "").length : 0;
    for (const twoRow of upperCount >= 2 ? [false, true] : [false]) {
      const headers = composeHeaders(grid, r, twoRow);
      const rows = dataRows(grid, r, end);
      const last = Math.max(end, r);
      const profiles = headers.map((_, c) => profileColumn(rows, c));
      const forced = ov.salesSheet === grid.name || ov.customersSheet === grid.name;
      const map = ov.customersSheet === grid.name ? { ...ov.customers, ...ov.sales } : { ...ov.sales, ...ov.customers };
      const { fields } = assign(headers, profiles, map, origin);
      const months = headers.filter((h, c) => isMonthHeader(row[c], h)).length;
      const d = classify(grid, r, twoRow, headers, fields, profiles, months, last, pivot && !forced);
      // The two-row reading must earn its place: it wins only when it reads more.
      d.score = scoreOf(fields) + (d.role === "sales" ? 20 : d.role === "customers" ? 10 : d.role === "summary" ? 6 : 0) - (twoRow ? 0.5 : 0);
      if (!best || d.score > best.score) best = d;
    }
  }
  return best ?? emptyDetection(grid, pivot);
}

function emptyDetection(grid: SheetGrid, pivot: boolean): SheetDetection {
  return {
    sheet: grid.name, role: pivot ? "pivot" : "other", reason: pivot ? { en: "a pivot table", zh: "数据透视表" } : { en: "no table found", zh: "未找到表格" },
    headerRow: grid.origin.row, headerRows: 1, headers: [], columnOffset: grid.origin.col, lastRow: grid.origin.row, fields: {}, missing: [...SALES_REQUIRED], fillDown: [], notes: [], score: 0,
  };
}

function classify(
  grid: SheetGrid, r: number, twoRow: boolean, headers: string[], fields: Partial<Record<CoreSalesField, FieldChoice>>,
  profiles: ColumnProfile[], months: number, last: number, pivot: boolean,
): SheetDetection {
  const notes: Text[] = [];
  const has = (f: CoreSalesField) => fields[f] !== undefined;
  const customer = has("customerId") || has("customerName");
  const base = { sheet: grid.name, headerRow: r + grid.origin.row, headerRows: (twoRow ? 2 : 1) as 1 | 2, headers, columnOffset: grid.origin.col, profiles, lastRow: last + grid.origin.row, fields, fillDown: [] as CoreSalesField[], notes, score: 0 };
  const missingSales = SALES_REQUIRED.filter((f) => !(f === "customerId" ? customer : has(f)));
  if (pivot) return { ...base, role: "pivot", reason: { en: "a pivot table (求和项/行标签)", zh: "数据透视表（求和项/行标签）" }, missing: missingSales };
  const idProfile = fields.customerId ? profiles[fields.customerId.col - grid.origin.col] : fields.customerName ? profiles[fields.customerName.col - grid.origin.col] : null;
  if (!has("date") && months >= 3) {
    if (customer) return { ...base, role: "summary", reason: { en: `a summary: customers down, ${months} months across`, zh: `汇总表：客户纵列，${months} 个月份横列` }, missing: missingSales };
    return { ...base, role: "other", reason: { en: `months across (${months}) without customers: a forecast or plan`, zh: `月份横列（${months} 个）且无客户：预测或计划表` }, missing: missingSales };
  }
  if (missingSales.length === 0) {
    if (!has("customerId")) {
      notes.push({ en: `no customer ID column: customer names (${fields.customerName!.header}) used as IDs`, zh: `无客户编号列：以客户名称（${fields.customerName!.header}）作为编号` });
    }
    // Merged customer cells down a block: blanks right below filled cells while the line's
    // model is filled.
    for (const f of ["customerId", "customerName", "date"] as CoreSalesField[]) {
      const fc = fields[f];
      if (!fc) continue;
      const p = profiles[fc.col - grid.origin.col];
      const lines = profiles[fields.model!.col - grid.origin.col].filled;
      // Block-shaped only: every filled value is a new one (each customer one block). A column
      // whose values repeat with gaps between them has missing cells, which are reported, never guessed.
      const oneBlockEach = p.distinct === p.filled;
      if (p.blanksAfterValue > 0 && p.filled < lines && p.filled >= 1 && oneBlockEach) {
        base.fillDown.push(f);
        notes.push({ en: `${fc.header}: blank cells below a value (merged cells) take the value above`, zh: `${fc.header}：值下方的空单元格（合并单元格）沿用上方的值` });
      }
    }
    return { ...base, role: "sales", reason: { en: "sales lines", zh: "销售明细" }, missing: [] };
  }
  // A third of the IDs repeating is a line list; a master with a stray duplicate is still a master.
  const idRepeats = idProfile ? repeatShare(idProfile) > 0.34 : false;
  if (has("customerId") && !(has("date") && has("quantity"))) {
    if (idRepeats) return { ...base, role: "other", reason: { en: "customer IDs repeat across rows: a line list, not a customer master", zh: "客户编号跨行重复：是明细表，不是客户资料表" }, missing: missingSales };
    return { ...base, role: "customers", reason: { en: "a customer master (one row per customer)", zh: "客户资料（每客户一行）" }, missing: missingSales };
  }
  if (!customer && has("model") && has("unitPrice") && !has("date")) return { ...base, role: "other", reason: { en: "a price list (model and price, no customers)", zh: "价格表（型号和价格，无客户）" }, missing: missingSales };
  return { ...base, role: "other", reason: { en: "not a table TierPlan reads", zh: "不是 TierPlan 读取的表" }, missing: missingSales };
}

/** Lines of a sales sheet as text keys (the first SAMPLE rows), to find copies. */
function lineKeys(grid: SheetGrid, d: SheetDetection): string[] {
  const cols = SALES_ORDER.map((f) => d.fields[f]?.col).filter((c): c is number => c !== undefined).map((c) => c - grid.origin.col);
  const keys: string[] = [];
  for (let i = d.headerRow - grid.origin.row + 1; i <= d.lastRow - grid.origin.row && keys.length < SAMPLE; i++) {
    const row = grid.rows[i] ?? [];
    keys.push(cols.map((c) => textOf(row[c])).join("\u0000"));
  }
  return keys;
}

/** A copy: at least 90% of the sampled lines equal and the same number of lines give or take 5%. */
function isCopy(a: string[], b: string[], rowsA: number, rowsB: number): boolean {
  if (!a.length || Math.abs(rowsA - rowsB) > 0.05 * Math.max(rowsA, rowsB)) return false;
  const set = new Set(a);
  const same = b.filter((k) => set.has(k)).length;
  return same >= 0.9 * Math.max(a.length, b.length);
}

const COPY_NAME = /(副本|备份|copy|\(\d+\)|（\d+）|\s\d+$)/i;

export interface WorkbookDetection {
  sheets: SheetDetection[];
  /** Sales sheets to read, in tab order (copies left out). */
  sales: SheetDetection[];
  customers: SheetDetection | null;
}

/** Reads every visible sheet not in `exclude` and decides what each one is. */
export function detectWorkbook(wb: WorkbookGrids, ov: Overrides, exclude: Set<string> = new Set(), customerSheetNames: string[] = []): WorkbookDetection {
  const grids = wb.sheets.filter((s) => !s.hidden && !exclude.has(s.name));
  const sheets = grids.map((g) => {
    const d = detectSheet(g, ov);
    // A sheet named by --map takes the role it was given, with what it lacks.
    if (ov.salesSheet === g.name && d.role !== "sales") return { ...d, role: "other" as Role };
    if (ov.customersSheet === g.name && d.role !== "customers" && d.fields.customerId) return { ...d, role: "customers" as Role };
    return d;
  });
  let sales = sheets.filter((d) => d.role === "sales" && (!ov.salesSheet || ov.salesSheet === d.sheet));
  // Copies: the sheet named like a copy (or the later one) is left out.
  const keys = new Map(sales.map((d) => [d.sheet, lineKeys(grids.find((g) => g.name === d.sheet)!, d)]));
  for (let i = 0; i < sales.length; i++) {
    for (let j = i + 1; j < sales.length; j++) {
      const a = sales[i], b = sales[j];
      if (a.duplicateOf || b.duplicateOf) continue;
      if (!isCopy(keys.get(a.sheet)!, keys.get(b.sheet)!, a.lastRow - a.headerRow, b.lastRow - b.headerRow)) continue;
      const [keep, copy] = COPY_NAME.test(a.sheet) && !COPY_NAME.test(b.sheet) ? [b, a] : [a, b];
      copy.duplicateOf = keep.sheet;
      copy.notes.push({ en: `the same lines as ${keep.sheet}: a copy, not counted twice`, zh: `与 ${keep.sheet} 的明细相同：视为副本，不重复计算` });
    }
  }
  sales = sales.filter((d) => !d.duplicateOf);
  const linesOnly = new Set(grids.filter((g) => g.linesOnly).map((g) => g.name));
  const customerCands = sheets.filter((d) => d.role === "customers" && !linesOnly.has(d.sheet) && (!ov.customersSheet || ov.customersSheet === d.sheet));
  // A sheet named like a customer master (客户资料) wins over other one-row-per-customer sheets.
  const named = (d: SheetDetection) => customerSheetNames.some((n) => normalizeHeader(n) === normalizeHeader(d.sheet));
  const customers = customerCands.sort((a, b) => Number(named(b)) - Number(named(a)) || b.score - a.score)[0] ?? null;
  return { sheets, sales, customers };
}

/** `出库明细 → sales lines: 日期=发货日期, 客户=往来单位编码, …` plus close-call notes. */
export function describeSheet(d: SheetDetection, lang: "zh" | "en"): string[] {
  const role = lang === "zh"
    ? { sales: "销售明细", customers: "客户资料", summary: "汇总表", pivot: "数据透视表", other: "其他" }[d.role]
    : { sales: "sales lines", customers: "customer master", summary: "summary", pivot: "pivot", other: "other" }[d.role];
  const fields = (Object.values(d.fields) as FieldChoice[]).sort((a, b) => DISPLAY_ORDER.indexOf(a.field) - DISPLAY_ORDER.indexOf(b.field));
  const shown = d.role === "sales" || d.role === "customers" ? fields.filter((f) => d.role === "sales" || f.field === "customerId" || f.field === "customerName") : [];
  const cols = shown.map((f) => `${FIELD_LABEL[f.field][lang]}=${f.header}`).join(", ");
  const rows = lang === "zh" ? `（表头第 ${d.headerRow + 1} 行${d.headerRows === 2 ? "，两行表头" : ""}）` : ` (header row ${d.headerRow + 1}${d.headerRows === 2 ? ", two-row header" : ""})`;
  const lines = [`${d.sheet} → ${role}${cols ? ": " + cols : ""}${shown.length ? rows : lang === "zh" ? `（${d.reason.zh}）` : ` (${d.reason.en})`}`];
  for (const f of shown) {
    if (f.alternative) {
      lines.push(lang === "zh"
        ? `  ${FIELD_LABEL[f.field].zh}：取「${f.header}」，接近的另一列是「${f.alternative.header}」（${columnLetter(f.alternative.col)} 列；如需改用：--map ${f.field}=${f.alternative.header}）`
        : `  ${FIELD_LABEL[f.field].en}: took "${f.header}"; a close alternative is "${f.alternative.header}" (column ${columnLetter(f.alternative.col)}; to use it: --map ${f.field}=${f.alternative.header})`);
    }
  }
  for (const n of d.notes) lines.push(`  ${n[lang]}`);
  return lines;
}
