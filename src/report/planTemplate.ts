/**
 * Monthly plan templates for reps (SPEC §4.1), written by `tierplan plan` and the task pane.
 *
 * Decision: one sheet per rep (`计划 2024-12 王伟`), not one sheet with a rep column. Reps
 * fill in their own accounts and managers mail or share each rep's tab on its own (Move or
 * Copy › new book), so a sheet must hold exactly one rep's accounts; a protected sheet cannot
 * be filtered per rep either. The cost is that the reader must read many sheets back, which
 * sheets/plan.ts does by the name pattern `计划 YYYY-MM …` and the `<model> 目标数量`
 * headers. Accounts without a rep go to `计划 YYYY-MM 未分配`; a workbook without any rep
 * gets one sheet `计划 YYYY-MM`.
 *
 * Layout: a title and a note, then one row per account (ordered by ABC rank when tiering ran,
 * else by id) and per model the columns 单价 (the price for the account's channel, locked),
 * optionally 建议数量 (MonthlyDistribution, locked), 目标数量 (the input: unlocked, input
 * style, whole number ≥ 0) and 目标金额 (formula 单价 × 目标数量, locked, cached result), then
 * row totals and a totals row. The sheet is protected so that only target cells change.
 */
import { fitSheet } from "./table/fit";
import { monthIndexFromKey, monthKeyFromIndex } from "../domain/calendar";
import { compareIds } from "../domain/abc";
import { toYuan } from "../domain/money";
import { planModels, planPriceLookup, suggestedTargets } from "../domain/plan";
import type { Customer } from "../domain/model";
import { tr, type RunContext } from "../pipeline/context";
import { columnLetter } from "../sheets/grid";
import { TEMPLATE_WORDS, planSheetName } from "../sheets/plan";
import { Block, CellStyle, ColumnSpec, PatchValue, SheetPatch, WorkbookPatch, emptyPatch } from "./patch";
import { INPUT_CELL, TAB_COLOUR, TOTAL_ROW } from "./style";

/** Generated (locked) cells that carry numbers: a light grey so that inputs stand out. */
export const GENERATED_CELL: CellStyle = { fill: "#F2F2F2", locked: true };
const TOTALS_STYLE: CellStyle = { ...TOTAL_ROW, locked: true };


export function planTemplatePatch(ctx: RunContext, month: string): WorkbookPatch {
  const patch = emptyPatch();
  const idx = monthIndexFromKey(month);
  if (idx === null) return patch;
  patch.userSheets = planTemplateSheets(ctx, monthKeyFromIndex(idx));
  return patch;
}

export function planTemplateSheets(ctx: RunContext, month: string): SheetPatch[] {
  const idx = monthIndexFromKey(month)!;
  const { customers, sales, policy } = ctx.data;
  const models = planModels(sales, ctx.period, policy.prices);
  const price = planPriceLookup(policy.prices, sales);
  const suggest = suggestedTargets(sales, idx, policy.monthlyDistribution);
  const abc = ctx.results.tiering?.abcById;
  const ordered = [...customers].sort((a, b) => {
    if (abc) {
      const ra = abc.get(a.customerId)?.rank ?? Infinity;
      const rb = abc.get(b.customerId)?.rank ?? Infinity;
      if (ra !== rb) return ra - rb;
    }
    return compareIds(a.customerId, b.customerId);
  });
  const byRep = new Map<string | null, Customer[]>();
  for (const c of ordered) {
    const list = byRep.get(c.rep) ?? [];
    list.push(c);
    byRep.set(c.rep, list);
  }
  const anyRep = [...byRep.keys()].some((r) => r !== null);
  const reps = [...byRep.keys()].sort((a, b) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : compareIds(a, b)));
  const names = new Set<string>();
  return reps.map((rep) => {
    let name = planSheetName(month, anyRep ? rep ?? tr(ctx, "未分配", "Unassigned") : null, ctx.lang);
    for (let k = 2; names.has(name); k++) name = `${name.slice(0, 27)} (${k})`;
    names.add(name);
    const sheet = repSheet(ctx, name, month, rep, byRep.get(rep)!, models, price, suggest);
    fitSheet(sheet);
    return sheet;
  });
}

function repSheet(
  ctx: RunContext,
  name: string,
  month: string,
  rep: string | null,
  accounts: Customer[],
  models: string[],
  price: (model: string, channel: Customer["channel"]) => number | null,
  suggest: ReturnType<typeof suggestedTargets>,
): SheetPatch {
  const w = TEMPLATE_WORDS[ctx.lang];
  // Title (row 0), the notes' header (row 1), the notes, a blank row, then the plan table.
  const HEADER_ROW = 3 + (suggest ? 2 : 1);
  const abc = ctx.results.tiering?.abcById;
  const offices = [...new Set(accounts.map((a) => a.office).filter((o): o is string => !!o))];
  const columns: ColumnSpec[] = [
    { key: "id", header: tr(ctx, "客户编号", "Customer ID"), format: "text", width: 11 },
    { key: "name", header: tr(ctx, "客户名称", "Customer"), format: "text", width: 22 },
  ];
  if (abc) columns.push({ key: "abc", header: tr(ctx, "ABC分类", "ABC class"), format: "text", width: 8 });
  columns.push({ key: "channel", header: tr(ctx, "渠道类型", "Channel"), format: "text", width: 10 });
  models.forEach((m, i) => {
    columns.push({ key: `p${i}`, header: `${m} ${w.price}`, format: "money", width: 10, style: GENERATED_CELL });
    if (suggest) columns.push({ key: `s${i}`, header: `${m} ${w.suggested}`, format: "integer", width: 10, style: GENERATED_CELL });
    columns.push({ key: `q${i}`, header: `${m} ${w.qty}`, format: "integer", width: 10, style: INPUT_CELL });
    columns.push({ key: `a${i}`, header: `${m} ${w.amount}`, format: "money", width: 12, style: GENERATED_CELL });
  });
  columns.push({ key: "tq", header: tr(ctx, "目标数量合计", "Total qty"), format: "integer", width: 11, style: GENERATED_CELL });
  columns.push({ key: "ta", header: tr(ctx, "目标金额合计", "Total amount"), format: "money", width: 14, style: GENERATED_CELL });

  const col = (key: string) => columns.findIndex((c) => c.key === key);
  const ref = (key: string, sheetRow: number) => `${columnLetter(col(key))}${sheetRow + 1}`;
  const first = HEADER_ROW + 1;
  const channelLabel: Record<string, string> = ctx.lang === "en"
    ? { direct: "Direct", distribution: "Distribution", keyAccount: "Key account", operator: "Operator" }
    : { direct: "社会渠道直供", distribution: "分销", keyAccount: "大客户", operator: "联通渠道" };

  const rows: PatchValue[][] = accounts.map((c, r) => {
    const sheetRow = first + r;
    const row: PatchValue[] = new Array(columns.length).fill(null);
    row[col("id")] = c.customerId;
    row[col("name")] = c.name;
    if (abc) row[col("abc")] = abc.get(c.customerId)?.abc ?? null;
    row[col("channel")] = c.channel ? channelLabel[c.channel] : null;
    models.forEach((m, i) => {
      const p = price(m, c.channel);
      row[col(`p${i}`)] = p === null ? null : toYuan(p);
      if (suggest) row[col(`s${i}`)] = suggest.of(c.customerId, m);
      // The input starts blank: blank = no target for this model; the formula then shows 0.
      row[col(`a${i}`)] = { formula: `${ref(`p${i}`, sheetRow)}*${ref(`q${i}`, sheetRow)}`, result: 0 };
    });
    const qs = models.map((_, i) => ref(`q${i}`, sheetRow));
    const as = models.map((_, i) => ref(`a${i}`, sheetRow));
    row[col("tq")] = { formula: models.length ? `SUM(${qs.join(",")})` : "0", result: 0 };
    row[col("ta")] = { formula: models.length ? `SUM(${as.join(",")})` : "0", result: 0 };
    return row;
  });
  // Totals row: the column sums (skipped by the reader as a 合计 row).
  const last = first + accounts.length - 1;
  const totals: PatchValue[] = new Array(columns.length).fill(null);
  totals[col("id")] = tr(ctx, "合计", "Total");
  const sumCol = (key: string): PatchValue => (accounts.length ? { formula: `SUM(${ref(key, first)}:${ref(key, last)})`, result: 0 } : 0);
  models.forEach((_, i) => {
    totals[col(`q${i}`)] = sumCol(`q${i}`);
    totals[col(`a${i}`)] = sumCol(`a${i}`);
  });
  totals[col("tq")] = sumCol("tq");
  totals[col("ta")] = sumCol("ta");
  rows.push(totals);

  const monthNo = Number(month.slice(5));
  const notes: PatchValue[][] = [
    [tr(ctx,
      "请在黄色单元格填写目标数量（整数 ≥ 0；留空 = 该型号不做计划）。其余单元格由 TierPlan 生成并锁定：单价为该客户渠道的价格，目标金额 = 单价 × 目标数量。",
      "Type target quantities in the yellow cells (whole numbers ≥ 0; blank = no target for that model). Every other cell is generated by TierPlan and locked: the price is the account's channel price, target amount = price × target qty.")],
  ];
  if (suggest) {
    const pct = Math.round(suggest.share * 10000) / 100;
    notes.push([tr(ctx,
      `建议数量 = 该客户该型号前 12 个月净提货量（年度目标，不含增长）× 月度分解 ${monthNo} 月占比 ${pct}%，取整。`,
      `Suggested qty = the account's net units of the model over the previous 12 months (annual target, no growth) × the MonthlyDistribution share of month ${monthNo} (${pct}%), rounded.`)]);
  }
  const who = rep ?? tr(ctx, "未分配", "Unassigned");
  const head: Block = {
    id: "planTemplate.head",
    at: { row: 0, col: 0 },
    title: tr(ctx, `${month} 月度销售计划 · ${who}${offices.length ? "（" + offices.join("、") + "）" : ""}`, `Sales plan ${month} · ${who}${offices.length ? " (" + offices.join(", ") + ")" : ""}`),
    columns: [{ key: "text", header: tr(ctx, "填写说明", "How to fill in"), format: "text", width: 11 }],
    rows: notes,
  };
  const body: Block = {
    id: "planTemplate",
    at: { row: HEADER_ROW, col: 0 },
    columns,
    rows,
    rowStyles: { [rows.length - 1]: TOTALS_STYLE },
    validations: models.map((_, i) => ({
      column: `q${i}`,
      kind: "wholeNumber" as const,
      min: 0,
      prompt: tr(ctx, "目标数量：整数 ≥ 0", "Target qty: whole number ≥ 0"),
      error: tr(ctx, "请输入 ≥ 0 的整数", "Enter a whole number ≥ 0"),
    })),
  };
  return {
    name,
    blocks: [head, body],
    charts: [],
    tabColor: TAB_COLOUR,
    freeze: { rows: HEADER_ROW + 1, cols: 2 },
    protect: true,
  };
}
