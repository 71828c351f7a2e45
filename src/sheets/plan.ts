/**
 * Reading monthly plans (SPEC §4.1). Two shapes are accepted:
 *
 * - the long format, always: a sheet named `计划 YYYY-MM` / `Plan YYYY-MM`, or any sheet with
 *   a 月份 / Month column, one row per account and model with 客户编号, 型号, 目标数量 and
 *   optionally 销售代表 and 目标金额;
 * - TierPlan's own template (report/planTemplate.ts), wide: one sheet per rep named
 *   `计划 YYYY-MM <rep>`, one row per account, and per model the columns
 *   `<model> 单价`, `<model> 目标数量`, `<model> 目标金额` (and `<model> 建议数量`). It is
 *   recognised by its `<model> 目标数量` headers and mapped back to one PlanEntry per filled
 *   target cell. The target amount is recomputed as quantity × the row's price, because the
 *   formula's cached result is stale until Excel recalculates (a file filled by a script).
 *
 * A blank target cell means "no target for this model"; 0 is a plan of zero units. Bad cells
 * are reported with their address and skipped; the rest of the sheet is still read.
 */
import { monthIndex, monthIndexFromKey, monthKeyFromIndex } from "../domain/calendar";
import type { IssueLog } from "../domain/issues";
import type { PlanEntry } from "../domain/model";
import { PLAN_FIELDS, PlanField, normalizeHeader } from "./fields";
import { CellValue, SheetGrid, WorkbookGrids, cellAddress, cellAt } from "./grid";
import { HeaderMatch, detectHeader, matchHeaderRow } from "./headers";
import { forEachDataRow, isTotalsLabel } from "./rows";
import { BAD, Parsed, isBlank, parseMoney, parseNumber, parseText } from "./values";

/** Column captions of the wide template, per language; the reader accepts both. */
export const TEMPLATE_WORDS = {
  zh: { price: "单价", suggested: "建议数量", qty: "目标数量", amount: "目标金额" },
  en: { price: "Price", suggested: "Suggested qty", qty: "Target qty", amount: "Target amount" },
} as const;

const QTY_SUFFIX = /^(.+?)\s*[|/·:：-]?\s*(目标数量|计划数量|target\s*qty|target\s*quantity|planned\s*qty)$/i;
const PRICE_SUFFIX = /^(.+?)\s*[|/·:：-]?\s*(单价|价格|price|unit\s*price)$/i;
/** Any per-model column of the template (kept out of the search for the fixed columns). */
const MODEL_COLUMN = /^(.+?)\s*[|/·:：-]?\s*(单价|价格|price|unit\s*price|目标数量|计划数量|target\s*qty|target\s*quantity|planned\s*qty|目标金额|target\s*amount|建议数量|suggested\s*qty)$/i;

/** A "<word> 目标数量" header that is a total, not a model. */
const TOTAL_WORDS = new Set(["合计", "总计", "total", "sum", "all"]);

/** Words after the month in a template sheet name that mean "no rep". */
const NO_REP = new Set(["未分配", "unassigned"]);

const SHEET_NAME = /^\s*(计划|plan)\s*[-_]?\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?(?:\s+(.+?))?\s*$/i;

/** `计划 2024-12` / `Plan 2024-12 王伟` → month "2024-12" and the words after it. */
export function parsePlanSheetName(name: string): { month: string; suffix: string | null } | null {
  const m = SHEET_NAME.exec(name.normalize("NFKC"));
  if (!m) return null;
  const idx = monthIndexFromKey(`${m[2]}-${m[3]}`);
  if (idx === null) return null;
  return { month: monthKeyFromIndex(idx), suffix: m[4]?.trim() || null };
}

/** Sheet name of a template for a month and rep (Excel: ≤ 31 characters, no []:*?/\). */
export function planSheetName(month: string, rep: string | null, lang: "zh" | "en"): string {
  const base = `${lang === "en" ? "Plan" : "计划"} ${month}`;
  if (rep === null) return base;
  const clean = rep.replace(/[[\]:*?/\\]/g, "").trim();
  return `${base} ${clean}`.slice(0, 31).trim();
}

/** A month from a 月份 cell: "2024-12", "2024/12", "2024年12月", a date, or 1–12 with the year of the sheet name. */
export function parseMonthCell(v: CellValue, defaultYear: number | null): Parsed<string> {
  if (isBlank(v)) return null;
  if (typeof v === "number") {
    if (Number.isInteger(v) && v >= 1 && v <= 12) return defaultYear === null ? BAD : monthKeyFromIndex(defaultYear * 12 + v - 1);
    if (Number.isInteger(v) && v >= 190001 && v <= 999912 && v % 100 >= 1 && v % 100 <= 12) return monthKeyFromIndex(Math.floor(v / 100) * 12 + (v % 100) - 1);
    if (v >= 61 && v < 2958466) return monthKeyFromIndex(monthIndex(Math.floor(v)));
    return BAD;
  }
  if (typeof v === "boolean") return BAD;
  const s = String(v).normalize("NFKC").trim();
  let m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?(?:\s*[-/.]\s*\d{1,2}\s*日?)?$/.exec(s) ?? /^(\d{4})(\d{2})$/.exec(s);
  if (m) {
    const idx = monthIndexFromKey(`${m[1]}-${m[2]}`);
    return idx === null ? BAD : monthKeyFromIndex(idx);
  }
  m = /^(\d{1,2})\s*月?$/.exec(s);
  if (m && defaultYear !== null && +m[1] >= 1 && +m[1] <= 12) return monthKeyFromIndex(defaultYear * 12 + +m[1] - 1);
  return BAD;
}

// Cell addresses of entries, for issues raised later (e.g. an unknown customer).
const CELLS = new WeakMap<PlanEntry, string>();

/** Address of the customer-id cell a plan entry was read from. */
export function planEntryCell(e: PlanEntry): string | undefined {
  return CELLS.get(e);
}

interface WideColumns {
  headerRow: number;
  id: number;
  rep: number | null;
  month: number | null;
  /** model → qty column, price column (or null). */
  models: { model: string; qty: number; price: number | null }[];
}

const SCAN_ROWS = 30;

/** The template's header row: a customer-id column, no model column, and `<model> 目标数量` columns. */
function detectWide(grid: SheetGrid): WideColumns | null {
  const fields = PLAN_FIELDS.filter((f) => f.key === "customerId" || f.key === "rep" || f.key === "month" || f.key === "model");
  for (let r = 0; r < Math.min(grid.rows.length, SCAN_ROWS); r++) {
    const row = grid.rows[r] ?? [];
    const qtyCols: { model: string; col: number }[] = [];
    const priceCols = new Map<string, number>();
    row.forEach((v, i) => {
      if (typeof v !== "string") return;
      const s = v.normalize("NFKC").trim();
      const q = QTY_SUFFIX.exec(s);
      if (q && !TOTAL_WORDS.has(normalizeHeader(q[1]))) qtyCols.push({ model: q[1].trim(), col: i });
      const p = PRICE_SUFFIX.exec(s);
      if (p) priceCols.set(normalizeHeader(p[1]), i);
    });
    if (!qtyCols.length) continue;
    const { columns } = matchHeaderRow(row.map((v) => (typeof v === "string" && MODEL_COLUMN.test(v.normalize("NFKC").trim()) ? null : v)), fields);
    if (columns.customerId === undefined || columns.model !== undefined) continue;
    const o = grid.origin.col;
    return {
      headerRow: r + grid.origin.row,
      id: columns.customerId + o,
      rep: columns.rep === undefined ? null : columns.rep + o,
      month: columns.month === undefined ? null : columns.month + o,
      models: qtyCols.map((q) => {
        const pc = priceCols.get(normalizeHeader(q.model));
        return { model: q.model, qty: q.col + o, price: pc === undefined ? null : pc + o };
      }),
    };
  }
  return null;
}

function targetQty(v: CellValue, sheet: string, cell: string, issues: IssueLog): number | null {
  const n = parseNumber(v);
  if (n === null) return null;
  if (n === BAD || n < 0) {
    const shown = String(v).slice(0, 40);
    issues.error("plan.badTarget", `Target quantity "${shown}" must be a whole number ≥ 0: skipped`, `目标数量"${shown}"须为 ≥ 0 的整数，已跳过`, { sheet, cell });
    return null;
  }
  if (!Number.isInteger(n)) {
    issues.warn("plan.fractionTarget", `Target quantity ${n} is not a whole number: used as it is`, `目标数量 ${n} 不是整数，按原值使用`, { sheet, cell });
  }
  return n;
}

class Entries {
  readonly list: PlanEntry[] = [];
  private readonly seen = new Map<string, string>();
  constructor(private readonly issues: IssueLog) {}

  add(e: PlanEntry, cell: string): void {
    const k = `${e.month}\u0000${e.customerId}\u0000${e.model}`;
    const first = this.seen.get(k);
    if (first) {
      this.issues.warn(
        "plan.duplicate",
        `A second target for ${e.customerId} / ${e.model} in ${e.month} (first at ${first}): ignored`,
        `${e.month} ${e.customerId} / ${e.model} 的目标重复（首次在 ${first}），已忽略`,
        { sheet: e.source.sheet, cell },
      );
      return;
    }
    this.seen.set(k, `${e.source.sheet}!${cell}`);
    CELLS.set(e, cell);
    this.list.push(e);
  }
}

function readWide(grid: SheetGrid, w: WideColumns, named: { month: string; suffix: string | null } | null, issues: IssueLog, out: Entries): void {
  const nameRep = named?.suffix && !NO_REP.has(named.suffix.toLowerCase()) ? named.suffix : null;
  const defaultYear = named ? Math.floor(monthIndexFromKey(named.month)! / 12) : null;
  const last = grid.origin.row + grid.rows.length - 1;
  for (let row = w.headerRow + 1; row <= last; row++) {
    const idCell = cellAt(grid, row, w.id);
    if (isTotalsLabel(idCell)) continue;
    const customerId = parseText(idCell);
    const filled = w.models.filter((m) => !isBlank(cellAt(grid, row, m.qty)));
    if (!customerId) {
      if (filled.length) issues.error("plan.noCustomer", "Targets without a customer ID: skipped", "目标行缺少客户编号，已跳过", { sheet: grid.name, cell: cellAddress(row, w.id) });
      continue;
    }
    if (!filled.length) continue;
    let month: string | null = named?.month ?? null;
    if (w.month !== null) {
      const m = parseMonthCell(cellAt(grid, row, w.month), defaultYear);
      if (m === BAD) {
        issues.error("plan.badMonth", `"${String(cellAt(grid, row, w.month)).slice(0, 20)}" is not a month (YYYY-MM): row skipped`, `"${String(cellAt(grid, row, w.month)).slice(0, 20)}" 不是月份（YYYY-MM），已跳过该行`, { sheet: grid.name, cell: cellAddress(row, w.month) });
        continue;
      }
      if (m !== null) month = m;
    }
    if (month === null) {
      issues.error("plan.noMonth", "Plan row without a month (name the sheet 计划 YYYY-MM or add a 月份 column): skipped", "计划行没有月份（工作表命名为 计划 YYYY-MM 或添加 月份 列），已跳过", { sheet: grid.name, cell: cellAddress(row, w.id) });
      continue;
    }
    const rep = (w.rep === null ? null : parseText(cellAt(grid, row, w.rep))) ?? nameRep;
    for (const m of filled) {
      const cell = cellAddress(row, m.qty);
      const qty = targetQty(cellAt(grid, row, m.qty), grid.name, cell, issues);
      if (qty === null) continue;
      const price = m.price === null ? null : parseMoney(cellAt(grid, row, m.price));
      const targetAmount = price === null || price === BAD ? null : Math.round(qty * price);
      out.add({ month, customerId, model: m.model, targetQty: qty, targetAmount, rep, source: { sheet: grid.name, row } }, cell);
    }
  }
}

function readLong(grid: SheetGrid, match: HeaderMatch<PlanField>, named: { month: string; suffix: string | null } | null, issues: IssueLog, out: Entries): void {
  const defaultYear = named ? Math.floor(monthIndexFromKey(named.month)! / 12) : null;
  forEachDataRow(grid, match, issues, (r) => {
    const customerId = parseText(r.raw("customerId"));
    const model = parseText(r.raw("model"));
    const rawQty = r.raw("targetQty");
    if (!customerId) {
      issues.error("plan.noCustomer", "Plan row without a customer ID: skipped", "计划行缺少客户编号，已跳过", { sheet: r.sheet, cell: r.address("customerId") });
      return;
    }
    if (!model) {
      issues.error("plan.noModel", "Plan row without a model: skipped", "计划行缺少型号，已跳过", { sheet: r.sheet, cell: r.address("model") });
      return;
    }
    if (isBlank(rawQty)) {
      issues.error("plan.noTarget", "Plan row without a target quantity: skipped", "计划行缺少目标数量，已跳过", { sheet: r.sheet, cell: r.address("targetQty") });
      return;
    }
    let month = named?.month ?? null;
    if (match.columns.month !== undefined) {
      const m = parseMonthCell(r.raw("month"), defaultYear);
      if (m === BAD) {
        const shown = String(r.raw("month")).slice(0, 20);
        issues.error("plan.badMonth", `"${shown}" is not a month (YYYY-MM): row skipped`, `"${shown}" 不是月份（YYYY-MM），已跳过该行`, { sheet: r.sheet, cell: r.address("month") });
        return;
      }
      if (m !== null) month = m;
    }
    if (month === null) {
      issues.error("plan.noMonth", "Plan row without a month: skipped", "计划行没有月份，已跳过", { sheet: r.sheet, cell: r.address(match.columns.month !== undefined ? "month" : "customerId") });
      return;
    }
    const qty = targetQty(rawQty, r.sheet, r.address("targetQty"), issues);
    if (qty === null) return;
    const amount = r.get("targetAmount", parseMoney, { en: "target amount", zh: "目标金额" }, "warning");
    out.add(
      { month, customerId, model, targetQty: qty, targetAmount: amount === BAD ? null : amount, rep: parseText(r.raw("rep")), source: { sheet: r.sheet, row: r.row } },
      r.address("customerId"),
    );
  });
}

/** TierPlan's own plan-vs-actual sheets (计划达成 …) are outputs, never plans. */
const OUTPUT_SHEET = /^(计划达成|plan vs actual)/i;

export function readPlans(wb: WorkbookGrids, issues: IssueLog, exclude: Set<string>): PlanEntry[] {
  const out = new Entries(issues);
  for (const grid of wb.sheets) {
    if (grid.hidden || exclude.has(grid.name) || OUTPUT_SHEET.test(grid.name.trim())) continue;
    const named = parsePlanSheetName(grid.name);
    const wide = detectWide(grid);
    if (wide && (named || wide.month !== null)) {
      readWide(grid, wide, named, issues, out);
      continue;
    }
    const match = detectHeader(grid, PLAN_FIELDS);
    const hasMonth = match?.columns.month !== undefined;
    if (!named && !hasMonth) continue;
    if (!match || match.missing.length) {
      // A sheet with a 月份 column that is not a plan at all is none of our business.
      if (!named && match?.columns.targetQty === undefined) continue;
      const missing = (match?.missing ?? ["customerId", "model", "targetQty"]).map((k) => PLAN_FIELDS.find((f) => f.key === k)!.label);
      issues.error(
        "plan.columnsMissing",
        `Plan sheet ${grid.name} lacks the columns ${missing.map((l) => l.en).join(", ")}: not read`,
        `计划表 ${grid.name} 缺少列 ${missing.map((l) => l.zh).join("、")}，未读取`,
        { sheet: grid.name, cell: match ? cellAddress(match.headerRow, grid.origin.col) : "A1" },
      );
      continue;
    }
    readLong(grid, match, named, issues, out);
  }
  return out.list;
}
