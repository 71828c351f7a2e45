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
 * Layout: a title and the notes (under a 填写说明 line), a blank row, then one row per account
 * and per model the columns 单价 (the price for the account's channel, locked), optionally
 * 建议数量 (MonthlyDistribution, locked), 目标数量 (the input: unlocked, input style, whole
 * number ≥ 0) and 目标金额 (formula 单价 × 目标数量, locked, cached result), then row totals
 * and a totals row. The sheet is protected so that only target cells change.
 *
 * The builder is a function of (template, vocabulary): analyses/planTemplate.ts gathers the
 * accounts, prices and suggestions of a run into a PlanTemplate.
 */
import type { Channel } from "../domain/model";
import { type Money, toYuan } from "../domain/money";
import { suggestedTargetExplanation } from "../domain/plan";
import { columnLetter } from "../sheets/grid";
import { TEMPLATE_WORDS, planSheetName } from "../sheets/plan";
import { CHANNEL_LABELS } from "./labels";
import { HEADER_STYLE } from "./layout";
import type { CellStyle, SheetPatch } from "./patch";
import { INPUT_CELL, TAB_COLOUR, TOTAL_ROW } from "./style";
import { type Column, type Label, type Lang, displayWidth, fitSheet, noteBlock, pick, tableBlock } from "./table";

/** One model of an account: the price for its channel (null when unknown) and the suggested quantity. */
export interface PlanTemplateLine {
  price: Money | null;
  /** Null when the workbook has no MonthlyDistribution. */
  suggested: number | null;
}

export interface PlanTemplateAccount {
  customerId: string;
  name: string;
  /** ABC class when tiering ran (null: no class for this account). */
  abc: string | null;
  channel: Channel | null;
  /** One per model of the template, in its order. */
  lines: PlanTemplateLine[];
}

export interface PlanTemplateRep {
  /** Null: the accounts without a rep. */
  rep: string | null;
  offices: string[];
  accounts: PlanTemplateAccount[];
}

/** The plan template of a month: the models (columns) and, per rep, the accounts (rows) in sheet order. */
export interface PlanTemplate {
  /** "YYYY-MM". */
  month: string;
  models: string[];
  /** Whether tiering ran: the ABC column. */
  abc: boolean;
  /** MonthlyDistribution share of the plan month; null without a distribution (no 建议数量 columns). */
  suggestedShare: number | null;
  reps: PlanTemplateRep[];
}

export interface PlanTemplateVocabulary {
  lang: Lang;
}

/** Generated (locked) cells that carry numbers: a light grey so that inputs stand out. */
export const GENERATED_CELL: CellStyle = { fill: "#F2F2F2", locked: true };
const TOTALS_STYLE: CellStyle = { ...TOTAL_ROW, locked: true };
/** The 填写说明 line: the header look, left aligned so that it reads as a caption of the notes. */
const NOTES_CAPTION: CellStyle = { ...HEADER_STYLE, align: "left", wrap: false };

const L = (zh: string, en: string): Label => ({ zh, en });
const t = (lang: Lang, zh: string, en: string) => (lang === "zh" ? zh : en);
const UNASSIGNED = L("未分配", "Unassigned");

/** An account on its sheet row (1-based), for the formulas of its row. */
interface TemplateRow {
  account: PlanTemplateAccount;
  at: number;
}

/** Sheets of the template, one per rep, each laid out (widths, print setup). */
export function planTemplateSheets(template: PlanTemplate, v: PlanTemplateVocabulary): SheetPatch[] {
  const anyRep = template.reps.some((r) => r.rep !== null);
  const names = new Set<string>();
  return template.reps.map((rep) => {
    let name = planSheetName(template.month, anyRep ? rep.rep ?? pick(UNASSIGNED, v.lang) : null, v.lang);
    for (let k = 2; names.has(name); k++) name = `${name.slice(0, 27)} (${k})`;
    names.add(name);
    const sheet = repSheet(template, rep, name, v.lang);
    fitSheet(sheet);
    return sheet;
  });
}

/**
 * A per-model header, e.g. "I9300 建议数量". Chinese breaks between any two characters, so a
 * Chinese header is given the width to stand on one line: "I9300 建 / 议数量" would split the word.
 */
function modelColumn(model: string, word: Label, lang: Lang): Pick<Column<TemplateRow>, "label" | "width"> {
  const label = L(`${model} ${word.zh}`, `${model} ${word.en}`);
  return lang === "zh" ? { label, width: { min: Math.min(displayWidth(label.zh), 24) + 2 } } : { label };
}

function templateColumns(template: PlanTemplate, lang: Lang): Column<TemplateRow>[] {
  const { zh, en } = TEMPLATE_WORDS;
  const word = (k: keyof typeof zh) => L(zh[k], en[k]);
  const letters = new Map<string, string>(); // column letters by key, set once the columns are known
  const ref = (key: string, r: TemplateRow) => `${letters.get(key)}${r.at}`;
  const sumOf = (keys: string[], r: TemplateRow) => ({ formula: keys.length ? `SUM(${keys.map((k) => ref(k, r)).join(",")})` : "0", result: 0 });
  const cols: Column<TemplateRow>[] = [
    { key: "id", label: L("客户编号", "Customer ID"), format: "text", value: (r) => r.account.customerId, total: L("合计", "Total") },
    { key: "name", label: L("客户名称", "Customer"), format: "text", value: (r) => r.account.name },
  ];
  if (template.abc) cols.push({ key: "abc", label: L("ABC分类", "ABC class"), format: "text", value: (r) => r.account.abc });
  cols.push({ key: "channel", label: L("渠道类型", "Channel"), format: { vocabulary: CHANNEL_LABELS }, value: (r) => r.account.channel });
  template.models.forEach((m, i) => {
    const price = (r: TemplateRow) => r.account.lines[i].price;
    cols.push({ key: `p${i}`, ...modelColumn(m, word("price"), lang), exactHeader: true, format: "money", style: GENERATED_CELL, value: (r) => (price(r) === null ? null : toYuan(price(r)!)) });
    if (template.suggestedShare !== null) cols.push({ key: `s${i}`, ...modelColumn(m, word("suggested"), lang), format: "integer", style: GENERATED_CELL, value: (r) => r.account.lines[i].suggested });
    // The input starts blank: blank = no target for this model; the amount formula then shows 0.
    cols.push({ key: `q${i}`, ...modelColumn(m, word("qty"), lang), format: "integer", style: INPUT_CELL, value: () => null, total: "sum" });
    cols.push({
      key: `a${i}`, ...modelColumn(m, word("amount"), lang), exactHeader: true, format: "money", style: GENERATED_CELL, total: "sum",
      value: (r) => ({ formula: `${ref(`p${i}`, r)}*${ref(`q${i}`, r)}`, result: 0 }),
    });
  });
  const perModel = (prefix: string) => template.models.map((_, i) => `${prefix}${i}`);
  cols.push({ key: "tq", label: L("目标数量合计", "Total qty"), format: "integer", style: GENERATED_CELL, value: (r) => sumOf(perModel("q"), r), total: "sum" });
  cols.push({ key: "ta", label: L("目标金额合计", "Total amount"), format: "money", exactHeader: true, style: GENERATED_CELL, value: (r) => sumOf(perModel("a"), r), total: "sum" });
  cols.forEach((c, i) => letters.set(c.key, columnLetter(i)));
  return cols;
}

function repSheet(template: PlanTemplate, rep: PlanTemplateRep, name: string, lang: Lang): SheetPatch {
  const { month } = template;
  const notes = [t(lang,
    "请在黄色单元格填写目标数量（整数 ≥ 0；留空 = 该型号不做计划）。其余单元格由 TierPlan 生成并锁定：单价为该客户渠道的价格，目标金额 = 单价 × 目标数量。",
    "Type target quantities in the yellow cells (whole numbers ≥ 0; blank = no target for that model). Every other cell is generated by TierPlan and locked: the price is the account's channel price, target amount = price × target qty.")];
  if (template.suggestedShare !== null) notes.push(suggestedTargetExplanation(month, template.suggestedShare, lang));
  // Title (row 0), the notes' caption (row 1), the notes, a blank row, then the plan table.
  const headerRow = 3 + notes.length;
  const who = rep.rep ?? pick(UNASSIGNED, lang);
  const offices = rep.offices.length ? t(lang, `（${rep.offices.join("、")}）`, ` (${rep.offices.join(", ")})`) : "";
  const head = noteBlock("planTemplate.head", { row: 0, col: 0 }, t(lang, `${month} 月度销售计划 · ${who}${offices}`, `Sales plan ${month} · ${who}${offices}`), [t(lang, "填写说明", "How to fill in"), ...notes]);
  head.rowStyles = { 0: NOTES_CAPTION };
  const rows = rep.accounts.map((account, r) => ({ account, at: headerRow + 2 + r }));
  const body = tableBlock({
    id: "planTemplate", at: { row: headerRow, col: 0 }, columns: templateColumns(template, lang), totals: true,
    validations: template.models.map((_, i) => ({
      column: `q${i}`, kind: "wholeNumber" as const, min: 0,
      prompt: t(lang, "目标数量：整数 ≥ 0", "Target qty: whole number ≥ 0"),
      error: t(lang, "请输入 ≥ 0 的整数", "Enter a whole number ≥ 0"),
    })),
  }, rows, lang);
  // The totals row (skipped by the reader as a 合计 row) is locked like every generated cell.
  body.rowStyles = { [rows.length]: TOTALS_STYLE };
  return { name, blocks: [head, body], charts: [], tabColor: TAB_COLOUR, freeze: { rows: headerRow + 1, cols: 2 }, protect: true };
}
