/**
 * Reading 返利政策 / RebateRules (SPEC §1.3, §5), one rule a row. Every bad cell is an issue
 * with its address; a rule with an error is left out and the other rules still run.
 *
 * How cells are read:
 * - 门槛 / Thresholds: "from" values separated by "/"; blank or 0 = from the first unit. For
 *   an amount basis they are yuan (stored as fen). "10万" = 100,000.
 * - 返利 / Rates: one per threshold, separated by "/". A plain number is an amount per unit
 *   in yuan (stored as fen, must be whole fen and at least 1 yuan: a number cell such as 0.02
 *   is usually "2%" typed into a %-formatted cell, and is refused rather than paid as 2 fen);
 *   "2%" is a share of the amount; "固定5000" / "fixed 5000" is a lump sum once the tier is
 *   reached.
 * - Thresholds and rates pair BY POSITION AS WRITTEN, then the pairs are sorted by threshold:
 *   the training material's "1000/400" with "43/26" means 400 → 26 and 1000 → 43. Written
 *   out of order is accepted (with an info note showing how it was read); the same threshold
 *   twice is an error ("thresholds not ascending").
 * - 方式 / Mode: 全量 whole-volume (default) or 分段 graduated. A graduated rule needs
 *   per-unit rates on a quantity basis or % rates on an amount basis (a band is measured in
 *   the basis).
 * - 依据 / Basis: 数量 or 金额; blank = 金额 when every rate is a %, else 数量.
 * - 任务返利 target and 增长返利 growth: thresholds are shares ("90%/100%/110%"); a target rule
 *   always pays the band reached on its whole basis; a growth rule's 方式 is 全量 (whole) or
 *   增量 (increment over last year). 回款返利 collection: the basis is the money collected
 *   (thresholds in yuan), rates are shares; 账期天数 / Days limit applies to it only.
 * - 兑付方式 / Payment form: 现金 (default), 货补, 票折. 结算周期 / Cycle: 月, 季 or 年 makes the
 *   validity a run of monthly, quarterly or yearly agreement periods.
 * - The same rule id on several rows is allowed for consecutive validity periods; rows whose
 *   periods overlap are an error (the later row is left out).
 */
import { Decimal } from "decimal.js";
import type { Day } from "../../domain/calendar";
import { isoDate } from "../../domain/calendar";
import type { IssueLog } from "../../domain/issues";
import type { Channel, PaymentForm, RebateBasis, RebateCycle, RebateKind, RebateRate, RebateRule, TierMode } from "../../domain/model";
import { toMoney } from "../../domain/money";
import { FieldDef, normalizeHeader } from "../fields";
import { detectHeader } from "../headers";
import type { CellValue, SheetGrid } from "../grid";
import { RowReader, forEachDataRow } from "../rows";
import { BAD, isBlank, parseChannel, parseDate, parseNumber, parseText } from "../values";
import { POLICY_SHEETS } from "./sheets";

type Key = "ruleId" | "model" | "channels" | "kind" | "basis" | "thresholds" | "rates" | "mode" | "validFrom" | "validTo" | "note" | "daysLimit" | "paymentForm" | "cycle";
const REQUIRED: Key[] = ["ruleId", "kind", "rates"];

const KINDS: [string[], RebateKind][] = [
  [["提货返利", "提货", "pickup", "pick-up", "pickuprebate"], "pickup"],
  [["达量返利", "达量", "量返", "volume", "volumerebate"], "volume"],
  [["合约返利", "合约", "合约计划", "contract", "contractplan", "contract-plan", "contractrebate"], "contract"],
  [["其他返利", "其他", "other", "otherrebate"], "other"],
  [["任务返利", "任务", "目标返利", "target", "targetrebate"], "target"],
  [["回款返利", "回款", "collection", "collections", "collectionrebate"], "collection"],
  [["增长返利", "增长", "growth", "growthrebate"], "growth"],
];
const PAYMENT_FORMS: [string[], PaymentForm][] = [
  [["现金", "cash"], "cash"],
  [["货补", "货物", "goods", "in kind"], "goods"],
  [["票折", "发票折扣", "invoice discount", "invoicediscount"], "invoiceDiscount"],
];
const CYCLES: [string[], RebateCycle][] = [
  [["月", "月度", "每月", "month", "monthly"], "month"],
  [["季", "季度", "每季", "quarter", "quarterly"], "quarter"],
  [["年", "年度", "每年", "year", "yearly", "annual"], "year"],
];
/** Growth rules: 全量 pays on the whole basis, 增量 on the basis above last year's. */
const GROWTH_MODES: [string[], TierMode][] = [
  [["全量", "全额", "whole", "whole-volume", "wholevolume"], "wholeVolume"],
  [["增量", "超额", "increment", "incremental"], "increment"],
];
const BASES: [string[], RebateBasis][] = [
  [["数量", "台数", "quantity", "qty", "units"], "quantity"],
  [["金额", "销售额", "提货金额", "回款", "回款金额", "amount", "value", "revenue", "collections"], "amount"],
];
const MODES: [string[], TierMode][] = [
  [["全量", "全额", "追溯", "whole-volume", "wholevolume", "whole", "retroactive"], "wholeVolume"],
  [["分段", "累进", "超额累进", "graduated", "incremental", "slab", "slabs"], "graduated"],
];

/** A word from a list, also accepting bilingual cells such as "达量返利 / volume". */
function lookupWord<T>(table: [string[], T][], v: CellValue): T | null {
  const text = parseText(v);
  if (!text) return null;
  const parts = [text, ...text.split("/")].map(normalizeHeader).filter(Boolean);
  for (const [words, value] of table) if (words.some((w) => parts.includes(normalizeHeader(w)))) return value;
  return null;
}

/** "a/b/c" → parts; a number cell → one part. Full-width slashes count. */
function splitList(v: CellValue): string[] | null {
  if (isBlank(v)) return null;
  if (typeof v === "number") return [String(v)];
  return String(v).normalize("NFKC").split("/").map((s) => s.trim());
}

/** A threshold: number, "1,000", "1000台", "10万". */
function parseThreshold(s: string): number | null {
  const m = /^(.*?)\s*(台|部|件|个|units?|pcs)?$/i.exec(s.trim());
  let body = (m ? m[1] : s).trim();
  let factor = 1;
  if (body.endsWith("万")) {
    factor = 10_000;
    body = body.slice(0, -1);
  }
  const n = parseNumber(body);
  if (n === null || n === BAD) return null;
  return new Decimal(n).times(factor).toNumber();
}

/**
 * An achievement or growth share: "90%" → 0.9. A plain number is a share when ≤ 3 (a
 * %-formatted cell holds 0.9 for 90%) and a percentage above (90 → 90%).
 */
function parseShareThreshold(s: string): number | null {
  const t = s.trim();
  if (t.endsWith("%")) {
    const n = parseNumber(t.slice(0, -1));
    return n === null || n === BAD || n < 0 ? null : new Decimal(n).div(100).toNumber();
  }
  const n = parseNumber(t);
  if (n === null || n === BAD || n < 0) return null;
  return n <= 3 ? n : new Decimal(n).div(100).toNumber();
}

type RateRead = { rate: RebateRate } | { error: { en: string; zh: string } };

function parseRate(s: string): RateRead {
  const t = s.trim();
  if (t.endsWith("%")) {
    const n = parseNumber(t.slice(0, -1));
    if (n === null || n === BAD || n < 0) return { error: { en: `"${t}" is not a percentage`, zh: `"${t}" 不是有效的百分比` } };
    return { rate: { share: new Decimal(n).div(100).toNumber() } };
  }
  const fixed = /^(?:固定|定额|fixed)\s*(.+)$/i.exec(t) ?? /^(.+?)\s*(?:固定|定额|fixed)$/i.exec(t);
  if (fixed) {
    const n = parseNumber(fixed[1]);
    if (n === null || n === BAD || n < 0) return { error: { en: `"${t}" is not a fixed amount`, zh: `"${t}" 不是有效的固定金额` } };
    return { rate: { fixed: toMoney(n) } };
  }
  const body = t.replace(/(元|块)?\s*(\/|每)?\s*(台|部|件)$/, "");
  const n = parseNumber(body);
  if (n === null || n === BAD) return { error: { en: `"${t}" is not a rate (an amount per unit such as 30, or a share such as 2%)`, zh: `"${t}" 不是有效的返利标准（每台金额如 30，或比例如 2%）` } };
  if (n < 0) return { error: { en: `Rate "${t}" is negative`, zh: `返利标准"${t}"为负数` } };
  if (n > 0 && n < 1) {
    return { error: { en: `Rate ${t}: a per-unit amount below 1 yuan is refused as ambiguous (a %-formatted cell holds 0.02 for 2%); write "${new Decimal(n).times(100).toString()}%" for a share`, zh: `返利标准 ${t}：每台不足 1 元视为有歧义（百分比格式的单元格 2% 存为 0.02）；如为比例请写成"${new Decimal(n).times(100).toString()}%"` } };
  }
  const fen = new Decimal(n).times(100);
  if (!fen.isInteger()) return { error: { en: `Rate ${t}: a per-unit amount must be whole fen (2 decimals)`, zh: `返利标准 ${t}：每台金额最多两位小数` } };
  return { rate: { perUnit: fen.toNumber() } };
}

function rateText(r: RebateRate): string {
  if (r.share !== undefined) return `${new Decimal(r.share).times(100).toString()}%`;
  if (r.fixed !== undefined) return `固定${r.fixed / 100}`;
  return String((r.perUnit ?? 0) / 100);
}

function channelsOf(v: CellValue): { channels: Channel[] | null; bad: string[] } {
  const text = parseText(v);
  if (!text) return { channels: null, bad: [] };
  const parts = text.normalize("NFKC").split(/[,，、;；/]/).map((s) => s.trim()).filter(Boolean);
  const out: Channel[] = [];
  const bad: string[] = [];
  for (const p of parts) {
    const c = parseChannel(p);
    if (c === null || c === BAD) bad.push(p);
    else if (!out.includes(c)) out.push(c);
  }
  return { channels: out.length ? out : null, bad };
}

export function readRebateRules(grid: SheetGrid, issues: IssueLog): RebateRule[] {
  const def = POLICY_SHEETS.rebateRules;
  const fields: FieldDef<Key>[] = def.headers.map((h) => ({
    key: h.key as Key, required: REQUIRED.includes(h.key as Key), synonyms: [h.zh, h.en, ...(h.extra ?? [])], label: { zh: h.zh, en: h.en },
  }));
  const m = detectHeader(grid, fields);
  if (!m || m.missing.length) {
    const missing = m ? m.missing : REQUIRED;
    const names = def.headers.filter((h) => missing.includes(h.key as Key)).map((h) => `${h.zh} / ${h.en}`).join(", ");
    issues.error("policy.noHeader", `Policy sheet ${grid.name}: columns not found (${names}); no rebate rules read`, `政策表 ${grid.name} 缺少列（${names}），未读取返利规则`, { sheet: grid.name, cell: "A1" });
    return [];
  }
  const kept: { rule: RebateRule }[] = [];
  forEachDataRow(grid, m, issues, (r) => {
    const rule = readRow(r, issues);
    if (!rule) return;
    // The same rule id may come back for a later period, never for an overlapping one.
    const lo = (d: Day | null) => d ?? -Infinity;
    const hi = (d: Day | null) => d ?? Infinity;
    const clash = kept.find((k) => k.rule.ruleId === rule.ruleId && lo(k.rule.validFrom) <= hi(rule.validTo) && lo(rule.validFrom) <= hi(k.rule.validTo));
    if (clash) {
      const other = clash.rule.source ? `row ${clash.rule.source.row + 1}` : "";
      issues.error(
        "rebate.overlap",
        `Rule ${rule.ruleId}: validity overlaps the same rule on ${other} (${period(clash.rule)}); this row is left out`,
        `规则 ${rule.ruleId}：有效期与第 ${clash.rule.source ? clash.rule.source.row + 1 : ""} 行同一规则（${period(clash.rule)}）重叠，本行未执行`,
        { sheet: r.sheet, cell: r.address(m.columns.validFrom !== undefined ? "validFrom" : "ruleId") },
      );
      return;
    }
    kept.push({ rule });
  });
  return kept.map((k) => k.rule);
}

function period(rule: RebateRule): string {
  return `${rule.validFrom === null ? "…" : isoDate(rule.validFrom)} – ${rule.validTo === null ? "…" : isoDate(rule.validTo)}`;
}

/** One row → a rule, or null after reporting every problem of the row with its cell. */
function readRow(r: RowReader<Key>, issues: IssueLog): RebateRule | null {
  let ok = true;
  const at = (k: Key) => ({ sheet: r.sheet, cell: r.address(k) });
  const fail = (code: string, en: string, zh: string, k: Key) => {
    ok = false;
    issues.error(code, en, zh, at(k));
  };

  const ruleId = parseText(r.raw("ruleId"));
  if (!ruleId) fail("rebate.noRuleId", "Rebate rule without a rule ID: row left out", "返利规则缺少规则编号，本行未执行", "ruleId");
  const label = ruleId ?? `row ${r.row + 1}`;

  const kind = lookupWord(KINDS, r.raw("kind"));
  if (!kind) fail("rebate.badKind", `Rule ${label}: kind "${parseText(r.raw("kind")) ?? ""}" unknown (提货返利, 达量返利, 合约返利, 其他返利)`, `规则 ${label}：类型"${parseText(r.raw("kind")) ?? ""}"无法识别（提货返利、达量返利、合约返利、其他返利）`, "kind");

  let mode: TierMode = "wholeVolume";
  const modeRaw = r.raw("mode");
  if (!isBlank(modeRaw) && kind === "growth") {
    const md = lookupWord(GROWTH_MODES, modeRaw);
    if (!md) fail("rebate.badMode", `Rule ${label}: growth mode "${parseText(modeRaw)}" unknown (全量 whole, 增量 increment)`, `规则 ${label}：增长返利方式"${parseText(modeRaw)}"无法识别（全量、增量）`, "mode");
    else mode = md;
  } else if (!isBlank(modeRaw)) {
    const md = lookupWord(MODES, modeRaw);
    if (!md) fail("rebate.badMode", `Rule ${label}: mode "${parseText(modeRaw)}" unknown (全量 whole-volume, 分段 graduated)`, `规则 ${label}：方式"${parseText(modeRaw)}"无法识别（全量、分段）`, "mode");
    else if (kind === "target" && md === "graduated") issues.warn("rebate.targetWhole", `Rule ${label}: a target rebate always pays the band reached on the whole basis; 分段 ignored`, `规则 ${label}：任务返利按达成档位对全部依据计算，忽略"分段"`, at("mode"));
    else mode = md;
  }
  const byShare = kind === "target" || kind === "growth";

  let basis: RebateBasis | null = null;
  const basisRaw = r.raw("basis");
  if (!isBlank(basisRaw)) {
    basis = lookupWord(BASES, basisRaw);
    if (!basis) fail("rebate.badBasis", `Rule ${label}: basis "${parseText(basisRaw)}" unknown (数量 quantity, 金额 amount)`, `规则 ${label}：依据"${parseText(basisRaw)}"无法识别（数量、金额）`, "basis");
  }

  const { channels, bad } = channelsOf(r.raw("channels"));
  if (bad.length) fail("rebate.badChannel", `Rule ${label}: channel "${bad.join(", ")}" unknown (社会渠道直供, 分销, 大客户, 联通渠道)`, `规则 ${label}：渠道"${bad.join("、")}"无法识别（社会渠道直供、分销、大客户、联通渠道）`, "channels");

  // Rates.
  const rateParts = splitList(r.raw("rates"));
  const rates: RebateRate[] = [];
  if (!rateParts) fail("rebate.noRate", `Rule ${label}: no rate`, `规则 ${label}：缺少返利标准`, "rates");
  else {
    for (const p of rateParts) {
      const x = parseRate(p);
      if ("error" in x) {
        fail("rebate.badRate", `Rule ${label}: ${x.error.en}`, `规则 ${label}：${x.error.zh}`, "rates");
        break;
      }
      rates.push(x.rate);
    }
  }

  // Thresholds (raw numbers; amount thresholds become fen once the basis is known).
  const thParts = splitList(r.raw("thresholds"));
  let thresholds: number[] = [0];
  if (thParts) {
    thresholds = [];
    for (const p of thParts) {
      const n = p === "" ? null : byShare ? parseShareThreshold(p) : parseThreshold(p);
      if (n === null) {
        if (byShare) fail("rebate.badThreshold", `Rule ${label}: threshold "${p}" is not a share (write ${kind === "target" ? "90%/100%/110%" : "10%/20%"})`, `规则 ${label}：门槛"${p}"不是比例（写作 ${kind === "target" ? "90%/100%/110%" : "10%/20%"}）`, "thresholds");
        else fail("rebate.badThreshold", `Rule ${label}: threshold "${p}" is not a number (write thresholds as 400/1000)`, `规则 ${label}：门槛"${p}"不是数字（门槛写作 400/1000）`, "thresholds");
        break;
      }
      if (n < 0) {
        fail("rebate.badThreshold", `Rule ${label}: threshold ${p} is negative`, `规则 ${label}：门槛 ${p} 为负数`, "thresholds");
        break;
      }
      thresholds.push(n);
    }
  }
  if (ok && rateParts && thresholds.length !== rates.length) {
    fail(
      "rebate.lengthMismatch",
      `Rule ${label}: ${thresholds.length} threshold(s) but ${rates.length} rate(s); write one rate per threshold, same order`,
      `规则 ${label}：门槛 ${thresholds.length} 个，返利标准 ${rates.length} 个；每个门槛对应一个返利标准，顺序相同`,
      thParts ? "rates" : "thresholds",
    );
  }

  const from = r.get("validFrom", parseDate, { en: "date", zh: "日期" });
  const to = r.get("validTo", parseDate, { en: "date", zh: "日期" });
  if (from === BAD || to === BAD) ok = false; // reported by r.get with its cell
  const validFrom = from === BAD ? null : from;
  const validTo = to === BAD ? null : to;
  if (validFrom !== null && validTo !== null && validFrom > validTo) {
    fail("rebate.badValidity", `Rule ${label}: valid from ${isoDate(validFrom)} is after valid to ${isoDate(validTo)}`, `规则 ${label}：生效日期 ${isoDate(validFrom)} 晚于失效日期 ${isoDate(validTo)}`, "validTo");
  }
  const daysLimit = r.get("daysLimit", parseNumber, { en: "number of days", zh: "天数" });
  if (daysLimit === BAD) ok = false;
  else if (daysLimit !== null && (daysLimit < 0 || !Number.isInteger(daysLimit))) fail("rebate.badDays", `Rule ${label}: days limit ${daysLimit} must be a whole number of days ≥ 0`, `规则 ${label}：账期天数 ${daysLimit} 须为不小于 0 的整数`, "daysLimit");
  else if (daysLimit !== null && kind !== "collection") issues.info("rebate.daysIgnored", `Rule ${label}: a days limit only applies to collection rebates (回款返利); ignored`, `规则 ${label}：账期天数仅用于回款返利，已忽略`, at("daysLimit"));
  let paymentForm: PaymentForm = "cash";
  if (!isBlank(r.raw("paymentForm"))) {
    const pf = lookupWord(PAYMENT_FORMS, r.raw("paymentForm"));
    if (!pf) fail("rebate.badPaymentForm", `Rule ${label}: payment form "${parseText(r.raw("paymentForm"))}" unknown (现金 cash, 货补 goods, 票折 invoice discount)`, `规则 ${label}：兑付方式"${parseText(r.raw("paymentForm"))}"无法识别（现金、货补、票折）`, "paymentForm");
    else paymentForm = pf;
  }
  let cycle: RebateCycle | null = null;
  if (!isBlank(r.raw("cycle"))) {
    cycle = lookupWord(CYCLES, r.raw("cycle"));
    if (!cycle) fail("rebate.badCycle", `Rule ${label}: cycle "${parseText(r.raw("cycle"))}" unknown (月 month, 季 quarter, 年 year)`, `规则 ${label}：结算周期"${parseText(r.raw("cycle"))}"无法识别（月、季、年）`, "cycle");
  }
  if (kind === "collection" && rates.some((x) => x.perUnit !== undefined)) fail("rebate.collectionRate", `Rule ${label}: a collection rebate is a share of the money collected (write 1% or 1%/1.5%)`, `规则 ${label}：回款返利按回款金额的比例计算（写作 1% 或 1%/1.5%）`, "rates");
  if (!ok || !ruleId || !kind) return null;

  // Pair by position as written, then sort the pairs by threshold.
  const pairs = thresholds.map((t, i) => ({ t, rate: rates[i] }));
  const written = pairs.map((p) => p.t);
  pairs.sort((a, b) => a.t - b.t);
  for (let i = 1; i < pairs.length; i++) {
    if (pairs[i].t === pairs[i - 1].t) {
      issues.error("rebate.thresholdsNotAscending", `Rule ${label}: threshold ${pairs[i].t} appears twice; thresholds must be strictly ascending "from" values`, `规则 ${label}：门槛 ${pairs[i].t} 重复；门槛须为严格递增的起点`, at("thresholds"));
      return null;
    }
  }
  if (written.some((t, i) => t !== pairs[i].t)) {
    const read = pairs.map((p) => `${p.t} → ${rateText(p.rate)}`).join(", ");
    issues.info("rebate.thresholdsSorted", `Rule ${label}: thresholds written ${written.join("/")} are read as ascending tiers ${read} (rates pair with thresholds in the order written)`, `规则 ${label}：门槛按书写顺序与返利标准配对后从低到高排列：${read}`, at("thresholds"));
  }
  const sortedRates = pairs.map((p) => p.rate);
  if (basis === null || kind === "collection") basis = kind === "collection" || sortedRates.every((x) => x.share !== undefined) ? "amount" : "quantity";
  const sortedThresholds = pairs.map((p) => (basis === "amount" && !byShare ? toMoney(p.t) : p.t));

  if (mode === "graduated") {
    const mismatch = sortedRates.find((x) => (x.perUnit !== undefined && basis === "amount") || (x.share !== undefined && basis === "quantity"));
    if (mismatch) {
      issues.error(
        "rebate.graduatedBasis",
        `Rule ${label}: a graduated (分段) rule pays each band in its basis: use amounts per unit with 数量 or % with 金额 (got ${rateText(mismatch)} on ${basis === "amount" ? "金额" : "数量"})`,
        `规则 ${label}：分段返利按依据计算各段：数量依据用每台金额，金额依据用比例（现为 ${rateText(mismatch)}、依据${basis === "amount" ? "金额" : "数量"}）`,
        at("rates"),
      );
      return null;
    }
  } else {
    for (let i = 1; i < sortedRates.length; i++) {
      const a = sortedRates[i - 1], b = sortedRates[i];
      const lower = (a.perUnit !== undefined && b.perUnit !== undefined && b.perUnit < a.perUnit) || (a.share !== undefined && b.share !== undefined && b.share < a.share);
      if (lower) {
        issues.warn("rebate.rateFalls", `Rule ${label}: a higher tier pays a lower rate (${rateText(a)} then ${rateText(b)}); under whole-volume the rebate can fall as volume rises`, `规则 ${label}：高档返利标准低于低档（${rateText(a)}、${rateText(b)}）；全量方式下返利可能随量增加而减少`, at("rates"));
        break;
      }
    }
  }
  if (kind === "volume" && isBlank(r.raw("mode")) && sortedRates.length > 1) {
    issues.info("rebate.modeDefault", `Rule ${label}: mode blank, whole-volume (全量) assumed`, `规则 ${label}：方式为空，按全量计算`, at("mode"));
  }

  return {
    ruleId,
    model: parseText(r.raw("model")),
    channels,
    kind,
    basis,
    thresholds: sortedThresholds,
    rates: sortedRates,
    mode,
    validFrom,
    validTo,
    note: parseText(r.raw("note")),
    source: { sheet: r.sheet, row: r.row },
    daysLimit: kind === "collection" && typeof daysLimit === "number" ? daysLimit : null,
    paymentForm,
    cycle,
  };
}
