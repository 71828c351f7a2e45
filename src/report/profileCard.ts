/**
 * The profile card (客户资料卡) as labelled sections in one language: the workbook sheet lays
 * them out one card per printed page, and the task pane shows the same sections, so the two
 * never disagree on what a card says.
 */
import { isoDate } from "../domain/calendar";
import { roundTo, toYuan } from "../domain/money";
import type { ProfileCard } from "../domain/profileCard";
import type { Lang } from "../pipeline/options";
import { CHANNEL_LABELS, CREDIT_LABELS, VALUE_LABELS } from "./labels";
import { CONTRACT_NAMES, INTENT_NAMES, STAGE_NAMES, TEMPERATURE_NAMES } from "./funnel";
import type { NumberFormat, SheetPatch, Block } from "./patch";
import { SCORECARD_LABELS } from "../sheets/policy/sheets";
import { STOCK_FLAGS } from "./stock";
import { TAB_COLOUR } from "./style";
import { type Column, noteBlock, tableBlock } from "./table";

export const CARDS_SHEET = { zh: "客户资料卡", en: "Profile cards" };

export interface CardValue {
  v: string | number | null;
  f?: NumberFormat;
}

export interface CardSection {
  key: string;
  title: string;
  rows: { label: string; value: CardValue }[];
}


const money = (m: number | null): CardValue => ({ v: m === null ? null : toYuan(m), f: "money" });
const pct = (x: number | null): CardValue => ({ v: x === null ? null : roundTo(x, 4), f: "percent1" });
const day = (d: number | null): CardValue => ({ v: d, f: "date" });
const text = (s: string | number | null | undefined): CardValue => ({ v: s ?? null });

export function cardSections(card: ProfileCard, lang: Lang): CardSection[] {
  const t = (zh: string, en: string) => (lang === "en" ? en : zh);
  const n = (x: { zh: string; en: string } | undefined) => (x ? t(x.zh, x.en) : null);
  const c = card.customer;
  const row = (zh: string, en: string, value: CardValue) => ({ label: t(zh, en), value });
  const sections: CardSection[] = [
    {
      key: "identity",
      title: t("基本资料", "Identity"),
      rows: [
        row("客户编号", "Customer ID", text(c.customerId)), row("客户名称", "Name", text(c.name)),
        row("渠道类型", "Channel", text(c.channel ? n(CHANNEL_LABELS[c.channel]) : null)), row("办事处", "Office", text(c.office)),
        row("市场级别", "City tier", text(c.cityTier)), row("销售代表", "Rep", text(c.rep)),
      ],
    },
    {
      key: "tier",
      title: t("分级", "Tier"),
      rows: [
        row("ABC分类", "ABC class", text(card.abc)), row("价值分类", "Value class", text(card.valueClass ? n(VALUE_LABELS[card.valueClass]) : null)),
        row("渠道等级", "Grade", text(card.grade)), row("XYZ分类", "XYZ class", text(card.xyz)),
        row("净销售额", "Net revenue", money(card.revenue)), row("排名", "Rank", { v: card.rank, f: "integer" }),
        row("评分", "Score", { v: card.score, f: "number" }), row("评分等级", "Score band", text(card.scoreLetter)),
        row("额度使用率", "Credit used", pct(card.creditUtilisation)), row("信用风险", "Credit risk", text(card.creditFlag ? n(CREDIT_LABELS[card.creditFlag]) : null)),
      ],
    },
    {
      key: "criteria",
      title: t("评分明细（原值 / 得分）", "Score criteria (input / points)"),
      rows: card.criteria.map((p) => ({ label: n(SCORECARD_LABELS[p.criterion])!, value: text(p.value === null ? t("缺失", "missing") : `${p.value} / ${roundTo(p.scaled, 1)}`) })),
    },
    {
      key: "funnel",
      title: t("销售进程", "Funnel"),
      rows: [
        row("销售进程", "Stage", text(c.stage === null ? null : `${c.stage} ${n(STAGE_NAMES[c.stage])}`)),
        row("客户温度", "Temperature", text(c.temperature ? n(TEMPERATURE_NAMES[c.temperature]) : null)),
        row("成交意向", "Intent", text(c.intent === null ? null : n(INTENT_NAMES[c.intent - 1]))),
        row("合同状态", "Contract", text(c.contractStatus ? n(CONTRACT_NAMES[c.contractStatus]) : null)),
        row("上次联系", "Last contact", day(c.lastContact)), row("下次拨打", "Next call", day(c.nextCall)),
        row("上次拜访", "Last visit", day(card.lastVisit)), row("下次计划拜访", "Next visit", day(card.nextVisit)),
      ],
    },
    {
      key: "plan",
      title: card.plan ? t(`本月计划 ${card.plan.month}`, `Plan ${card.plan.month}`) : t("本月计划", "Plan"),
      rows: card.plan
        ? [row("目标数量", "Target qty", { v: card.plan.targetQty, f: "integer" }), row("实际数量", "Actual qty", { v: card.plan.actualQty, f: "integer" }), row("达成率", "Achievement", pct(card.plan.achievement))]
        : [row("计划", "Plan", text(t("本月无计划", "no plan this month")))],
    },
    {
      key: "rebates",
      title: card.rebates ? t(`返利 ${card.rebates.month}`, `Rebates ${card.rebates.month}`) : t("返利", "Rebates"),
      rows: card.rebates
        ? [
            row("本月返利", "This month", money(card.rebates.thisMonth)),
            row("累计应得", "Cumulative", money(card.rebates.cumulative)),
            row("距下一档", "To the next tier", text(card.rebates.next ? nextTierText(card.rebates.next, t) : t("已达最高档或无档位", "top tier reached or no tiers"))),
          ]
        : [row("返利", "Rebates", text(t("无返利规则", "no rebate rules")))],
    },
  ];
  if (card.stock.length) {
    sections.push({
      key: "stock",
      title: t("库存（型号：库存 / 周转天数）", "Stock (model: units / days)"),
      rows: card.stock.map((s) => ({ label: s.model, value: text(`${s.stock} / ${s.daysOfStock === null ? "–" : roundTo(s.daysOfStock, 1)}${s.flag ? ` ${n(STOCK_FLAGS[s.flag])}` : ""}`) })),
    });
  }
  sections.push({
    key: "trend",
    title: t("近 12 个月净销售额", "Net revenue, last 12 months"),
    rows: card.trend.map((m) => ({ label: m.month, value: money(m.revenue) })),
  });
  return sections;
}

function nextTierText(next: { ruleId: string; basis: "quantity" | "amount"; missing: number }, t: (zh: string, en: string) => string): string {
  const amount = next.basis === "amount" ? `${toYuan(next.missing)}` : `${next.missing}`;
  return next.basis === "amount" ? t(`${next.ruleId}：还差 ${amount} 元`, `${next.ruleId}: ${amount} yuan more`) : t(`${next.ruleId}：还差 ${amount} 台`, `${next.ruleId}: ${amount} more units`);
}

/** A value as the pane shows it. */
export function cardText(v: CardValue): string {
  if (v.v === null) return "–";
  if (typeof v.v === "string") return v.v;
  switch (v.f) {
    case "date": return isoDate(v.v);
    case "percent1": return `${roundTo(v.v * 100, 1)}%`;
    case "money": return v.v.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    default: return String(v.v);
  }
}

/** Rows each card takes on the sheet: a fixed height so that every card starts a printed page. */
export const CARD_ROWS = 48;

type CardRow = CardSection["rows"][number];

/** A card section as a form: bold labels on a fill, values in their own number format. */
const CARD_COLUMNS: Column<CardRow>[] = [
  { key: "label", label: { zh: "项目", en: "Item" }, format: "text", value: (r) => r.label, style: { bold: true, fill: "#DDEBF7" } },
  {
    key: "value", label: { zh: "内容", en: "Value" }, format: "text", value: (r) => r.value.v,
    // A number without its own format (a rank, a city tier typed as a number) shows as Excel would.
    formatOf: (r) => r.value.f ?? (typeof r.value.v === "number" ? "general" : undefined),
  },
];
const HEAD_COLUMNS: Column<string>[] = [{ key: "text", label: { zh: "", en: "" }, format: "text", value: (x) => x, style: { bold: true, fontColor: "#1F4E79" } }];
/** Sections of a card's left column; the rest go right. */
const LEFT_SECTIONS = new Set(["identity", "tier", "funnel", "plan"]);

/**
 * The 客户资料卡 sheet: one card per CARD_ROWS rows, sections in two columns of label/value
 * pairs. The patch's sheet setup prints A4 with the running head repeated, but has no manual
 * page breaks yet, so cards are spaced to one A4 page each at the default row height.
 */
export function cardsSheet(cards: ProfileCard[], lang: Lang): SheetPatch {
  const t = (zh: string, en: string) => (lang === "en" ? en : zh);
  // Row 0 is the sheet's running head: the layout freezes it and prints it atop every page.
  const head = t(`客户资料卡（${cards.length} 张，每张一页）`, `Profile cards (${cards.length}, one a page)`);
  const blocks: Block[] = [tableBlock({ id: "card.head", at: { row: 0, col: 0 }, headerless: true, columns: HEAD_COLUMNS }, [head], lang)];
  cards.forEach((card, i) => {
    const top = 2 + i * CARD_ROWS;
    const c = card.customer;
    blocks.push(noteBlock(`card.${i}.title`, { row: top, col: 0 }, t(`客户资料卡  ${c.customerId}  ${c.name}`, `Profile card  ${c.customerId}  ${c.name}`), [
      t(`办事处 ${c.office ?? "–"} · 销售代表 ${c.rep ?? "–"}`, `Office ${c.office ?? "–"} · Rep ${c.rep ?? "–"}`),
    ]));
    const sections = cardSections(card, lang);
    for (const [col, list] of [[0, sections.filter((s) => LEFT_SECTIONS.has(s.key))], [3, sections.filter((s) => !LEFT_SECTIONS.has(s.key))]] as const) {
      let r = top + 2;
      for (const s of list) {
        blocks.push(tableBlock({ id: `card.${i}.${s.key}`, at: { row: r, col }, title: { zh: s.title, en: s.title }, headerless: true, columns: CARD_COLUMNS }, s.rows, lang));
        r += 1 + s.rows.length + 1;
      }
    }
  });
  if (!cards.length) blocks.push(noteBlock("card.none", { row: 2, col: 0 }, t("客户资料卡", "Profile cards"), [t("没有符合条件的客户", "No customers match the list")]));
  // A card is a printed form: the layout sizes detail tables, not forms, so the form sets its own columns.
  return { name: t(CARDS_SHEET.zh, CARDS_SHEET.en), tabColor: TAB_COLOUR, blocks, charts: [], columnWidths: { 0: 16, 1: 26, 2: 3, 3: 20, 4: 26 } };
}
