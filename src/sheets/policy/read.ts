/**
 * Reading the policy sheets (SPEC §1.3). Missing sheets fall back to the defaults; a bad
 * value is reported with its cell and the default is kept for that setting only.
 */
import { Day } from "../../domain/calendar";
import type { IssueLog } from "../../domain/issues";
import { CallPlanSettings, GRADES, Grade, Policy, PriceEntry, PriceKind, SCORECARD_CRITERIA, ScorecardCriterion, ScorecardWeight } from "../../domain/model";
import { defaultPolicy } from "../../domain/policyDefaults";
import { FieldDef, normalizeHeader } from "../fields";
import { HeaderMatch, detectHeader } from "../headers";
import { SheetGrid, WorkbookGrids, cellAddress } from "../grid";
import { forEachDataRow } from "../rows";
import { BAD, parseChannel, parseDate, parseMoney, parseNumber, parseShare, parseText } from "../values";
import { applyJobSetting, parseAllocationOrder } from "./jobSettings";
import { readRebateRules } from "./rebateRules";
import { CALL_SETTINGS, POLICY_SHEETS, PolicySheetDef, SCORECARD_LABELS, SettingDef, TIER_SETTINGS } from "./sheets";

export interface PolicyRead {
  policy: Policy;
  /** Sheet name found for each policy table, or null when the defaults applied. */
  sheets: Partial<Record<PolicySheetDef["id"], string>>;
}

function policyFields(def: PolicySheetDef): FieldDef[] {
  return def.headers.map((h) => ({ key: h.key, required: true, synonyms: [h.zh, h.en, ...(h.extra ?? [])], label: { zh: h.zh, en: h.en } }));
}

function findPolicySheet(wb: WorkbookGrids, def: PolicySheetDef): SheetGrid | null {
  const wanted = def.names.map(normalizeHeader);
  return wb.sheets.find((s) => wanted.includes(normalizeHeader(s.name))) ?? null;
}

/** Locate the header of a policy sheet, reporting when its columns cannot be found. */
function policyHeader(grid: SheetGrid, def: PolicySheetDef, issues: IssueLog, optional: string[] = []): HeaderMatch<string> | null {
  const fields = policyFields(def).map((f) => ({ ...f, required: !optional.includes(f.key) }));
  const m = detectHeader(grid, fields);
  if (!m || m.missing.length) {
    const missing = m ? m.missing : fields.filter((f) => f.required).map((f) => f.key);
    const names = def.headers.filter((h) => missing.includes(h.key)).map((h) => `${h.zh} / ${h.en}`).join(", ");
    issues.error("policy.noHeader", `Policy sheet ${grid.name}: columns not found (${names}); defaults used`, `政策表 ${grid.name} 缺少列（${names}），已使用默认值`, { sheet: grid.name, cell: "A1" });
    return null;
  }
  return m;
}

/** Rows of a setting/value sheet as (setting def, raw value, cell). Unknown settings are reported. */
function readSettings(grid: SheetGrid, def: PolicySheetDef, settings: SettingDef[], issues: IssueLog, visit: (s: SettingDef, v: unknown, cell: string) => void): void {
  const m = policyHeader(grid, def, issues, ["key", "setting", "note"]);
  if (!m) return;
  if (m.columns.key === undefined && m.columns.setting === undefined) {
    issues.error("policy.noHeader", `Policy sheet ${grid.name}: no 参数/Key or 设置/Setting column`, `政策表 ${grid.name} 缺少 参数/Key 或 设置/Setting 列`, { sheet: grid.name, cell: "A1" });
    return;
  }
  const byWord = new Map<string, SettingDef>();
  for (const s of settings) {
    for (const w of [s.key, s.zh, s.en, `${s.zh} / ${s.en}`]) byWord.set(normalizeHeader(w), s);
  }
  forEachDataRow(grid, m, issues, (r) => {
    const words = [parseText(r.raw("key")), parseText(r.raw("setting"))].filter(Boolean) as string[];
    const parts = words.flatMap((w) => [w, ...w.split("/")]);
    const s = parts.map((w) => byWord.get(normalizeHeader(w))).find(Boolean);
    if (!s) {
      issues.warn("policy.unknownSetting", `Unknown setting "${words[0]}" ignored`, `未知参数"${words[0]}"，已忽略`, { sheet: r.sheet, cell: r.address(m.columns.key !== undefined ? "key" : "setting") });
      return;
    }
    visit(s, r.raw("value"), r.address("value"));
  });
}

function settingValue(s: SettingDef, v: unknown, sheet: string, cell: string, issues: IssueLog): number | string | null {
  const bad = () => {
    issues.error("policy.badValue", `Setting ${s.key} (${s.en}): "${String(v)}" is not valid; default kept`, `参数 ${s.zh}："${String(v)}" 无效，保留默认值`, { sheet, cell });
    return null;
  };
  if (v === null || v === undefined || v === "") return null;
  switch (s.kind) {
    case "share": {
      const n = parseShare(v as never);
      return n === null || n === BAD || n < 0 ? bad() : n;
    }
    case "number":
    case "integer": {
      const n = parseNumber(v as never);
      if (n === null || n === BAD || n < 0) return bad();
      if (s.kind === "integer" && !Number.isInteger(n)) return bad();
      return n;
    }
    case "date": {
      const d = parseDate(v as never);
      return d === null || d === BAD ? bad() : d;
    }
    case "choice": {
      const w = normalizeHeader(v);
      for (const [opt, words] of Object.entries(s.choices ?? {})) if (words.some((x) => normalizeHeader(x) === w)) return opt;
      return bad();
    }
    case "weekdays":
      return String(v);
    case "text": {
      // Account codes arrive as numbers (6601) or text; both are kept as text.
      const t = String(v).trim();
      return t === "" ? null : t;
    }
  }
}

const WEEKDAY_WORDS: Record<string, number> = {
  日: 0, 天: 0, sun: 0, sunday: 0, 一: 1, mon: 1, monday: 1, 二: 2, tue: 2, tuesday: 2, 三: 3, wed: 3, wednesday: 3,
  四: 4, thu: 4, thursday: 4, 五: 5, fri: 5, friday: 5, 六: 6, sat: 6, saturday: 6,
};

/** "一,二,三,四,五", "Mon-Fri", "1-5", "周一至周五" → weekday numbers (0 = Sunday). */
function parseWeekdays(text: string): number[] | null {
  const s = text.normalize("NFKC").toLowerCase().replace(/星期|周/g, "").replace(/\s+/g, "");
  const word = (w: string): number | null => (w in WEEKDAY_WORDS ? WEEKDAY_WORDS[w] : /^[0-7]$/.test(w) ? +w % 7 : null);
  const range = /^(.+?)(?:-|~|至|到)(.+)$/.exec(s);
  if (range && !s.includes(",") && !s.includes("，") && !s.includes("、")) {
    const a = word(range[1]), b = word(range[2]);
    if (a === null || b === null) return null;
    const out: number[] = [];
    for (let d = a; ; d = (d + 1) % 7) {
      out.push(d);
      if (d === b || out.length > 7) break;
    }
    return out.sort();
  }
  const parts = s.split(/[,，、;；]/).filter(Boolean);
  const days = parts.map(word);
  return days.some((d) => d === null) || days.length === 0 ? null : [...new Set(days as number[])].sort();
}

const PRICE_KINDS: Record<string, PriceKind> = {
  分销进店价: "distributionIn", 进店价: "distributionIn", distributionin: "distributionIn", distributionprice: "distributionIn",
  经销价: "dealer", dealer: "dealer", dealerprice: "dealer",
  铺货价: "consignment", consignment: "consignment",
  零售价: "retail", retail: "retail", retailprice: "retail",
};

function criterionOf(text: string | null): ScorecardCriterion | null {
  if (!text) return null;
  const parts = [text, ...text.split("/")].map(normalizeHeader);
  for (const c of SCORECARD_CRITERIA) {
    const l = SCORECARD_LABELS[c];
    const words = [c, l.zh, l.en].map(normalizeHeader);
    if (parts.some((p) => words.includes(p))) return c;
  }
  return null;
}

export function readPolicy(wb: WorkbookGrids, issues: IssueLog): PolicyRead {
  const policy = defaultPolicy();
  const found: PolicyRead["sheets"] = {};
  const S = POLICY_SHEETS;

  const tier = findPolicySheet(wb, S.tierRules);
  if (tier) {
    found.tierRules = tier.name;
    const t = policy.tier;
    readSettings(tier, S.tierRules, TIER_SETTINGS, issues, (s, raw, cell) => {
      const v = settingValue(s, raw, tier.name, cell, issues);
      if (v === null) return;
      if (s.key === "allocation.order") {
        const order = parseAllocationOrder(String(v), issues, { sheet: tier.name, cell });
        if (order) policy.jobs.allocationOrder = order;
        return;
      }
      if (applyJobSetting(policy.jobs, s.key, v)) return;
      const n = v as number;
      switch (s.key) {
        case "period.months": t.periodMonths = Math.max(1, n); break;
        case "abc.cutoffA": t.abcCutoffA = n; break;
        case "abc.cutoffB": t.abcCutoffB = n; break;
        case "abc.boundary": t.abcBoundary = v as "include" | "strict"; break;
        case "value.growthMin": t.potentialGrowthMin = n; break;
        case "value.scoreMin": t.potentialScoreMin = n; break;
        case "value.stageMin": t.potentialStageMin = n; break;
        case "grade.mode": t.gradeMode = v as "threshold" | "quota"; break;
        case "score.bandA": t.scoreBandA = n; break;
        case "score.bandB": t.scoreBandB = n; break;
        case "credit.watch": t.creditWatch = n; break;
        case "credit.over": t.creditOver = n; break;
        // A cap is a share above 100%: 1.2 (a cell formatted 0% showing 120%) is 120%, not 1.2%.
        case "plan.scoreCap": { const x = typeof raw === "string" && raw.trim().endsWith("%") ? null : parseNumber(raw as never); t.planScoreCap = typeof x === "number" && x > 1 && x < 10 ? x : n; break; }
        case "voucher.expenseAccount": t.voucher.expenseAccount = String(v); break;
        case "voucher.expenseName": t.voucher.expenseName = String(v); break;
        case "voucher.payableAccount": t.voucher.payableAccount = String(v); break;
        case "voucher.payableName": t.voucher.payableName = String(v); break;
        case "voucher.word": t.voucher.word = String(v); break;
        default:
          if (s.key.startsWith("grade.")) t.gradeThresholds[s.key.slice(6) as Grade] = n;
          else if (s.key.startsWith("funnel.winProb.")) t.winProbability[+s.key.slice(15) - 1] = Math.min(1, n);
      }
    });
    if (t.abcCutoffA > t.abcCutoffB || t.abcCutoffB > 1) {
      issues.error("policy.cutoffs", `A cut-off (${t.abcCutoffA}) must not exceed B cut-off (${t.abcCutoffB}), and B must be ≤ 100%: defaults used`, `A类分界线不能高于B类分界线，且B类不超过100%：已使用默认值`, { sheet: tier.name });
      t.abcCutoffA = 0.8;
      t.abcCutoffB = 0.95;
    }
  }

  const targets = findPolicySheet(wb, S.gradeTargets);
  if (targets) {
    found.gradeTargets = targets.name;
    const m = policyHeader(targets, S.gradeTargets, issues, ["office"]);
    if (m) {
      policy.gradeTargets = [];
      forEachDataRow(targets, m, issues, (r) => {
        const gradeText = parseText(r.raw("grade"))?.toUpperCase() ?? null;
        const grade = GRADES.find((g) => g === gradeText) ?? null;
        const n = r.get("target", parseNumber, { en: "count", zh: "数量" });
        if (!grade) {
          issues.warn("policy.badGrade", `Unknown grade "${gradeText ?? ""}" (VKA, V1–V4)`, `未知等级"${gradeText ?? ""}"（VKA、V1–V4）`, { sheet: r.sheet, cell: r.address("grade") });
          return;
        }
        if (n === null || n === BAD || n < 0) return;
        policy.gradeTargets.push({ office: parseText(r.raw("office")), grade, target: Math.round(n) });
      });
    }
  }

  const sc = findPolicySheet(wb, S.scorecard);
  if (sc) {
    found.scorecard = sc.name;
    const m = policyHeader(sc, S.scorecard, issues);
    if (m) {
      const weights: ScorecardWeight[] = [];
      forEachDataRow(sc, m, issues, (r) => {
        const c = criterionOf(parseText(r.raw("criterion")));
        if (!c) {
          issues.warn("policy.badCriterion", `Unknown scorecard criterion "${String(r.raw("criterion"))}"`, `未知评分指标"${String(r.raw("criterion"))}"`, { sheet: r.sheet, cell: r.address("criterion") });
          return;
        }
        const w = r.get("weight", parseNumber, { en: "weight", zh: "权重" });
        const min = r.get("min", parseNumber, { en: "number", zh: "数字" });
        const max = r.get("max", parseNumber, { en: "number", zh: "数字" });
        if (w === null || w === BAD || min === null || min === BAD || max === null || max === BAD) return;
        if (max <= min || w < 0) {
          issues.error("policy.badRange", `Criterion ${c}: max must exceed min and weight must be ≥ 0`, `指标 ${SCORECARD_LABELS[c].zh}：最大值须大于最小值，权重须 ≥ 0`, { sheet: r.sheet, cell: r.address("max") });
          return;
        }
        weights.push({ criterion: c, weight: w, min, max });
      });
      if (weights.length) policy.scorecard = weights;
    }
  }

  const prices = findPolicySheet(wb, S.priceList);
  if (prices) {
    found.priceList = prices.name;
    const m = policyHeader(prices, S.priceList, issues, ["channel", "kind"]);
    if (m) {
      const list: PriceEntry[] = [];
      forEachDataRow(prices, m, issues, (r) => {
        const model = parseText(r.raw("model"));
        const price = r.get("price", parseMoney, { en: "price", zh: "价格" });
        if (!model || price === null || price === BAD) return;
        const ch = r.get("channel", parseChannel, { en: "channel type", zh: "渠道类型" }, "warning");
        const kindText = parseText(r.raw("kind"));
        const kind = kindText ? PRICE_KINDS[normalizeHeader(kindText)] : "dealer";
        if (!kind) {
          issues.warn("policy.badPriceKind", `Unknown price kind "${kindText}" (分销进店价, 经销价, 铺货价, 零售价)`, `未知价格类型"${kindText}"（分销进店价、经销价、铺货价、零售价）`, { sheet: r.sheet, cell: r.address("kind") });
          return;
        }
        list.push({ model, channel: ch === BAD ? null : ch, kind, price });
      });
      policy.prices = list;
    }
  }

  const rebates = findPolicySheet(wb, S.rebateRules);
  if (rebates) {
    found.rebateRules = rebates.name;
    policy.rebates = readRebateRules(rebates, issues);
  }

  const calls = findPolicySheet(wb, S.callPlan);
  if (calls) {
    found.callPlan = calls.name;
    const cp = policy.callPlan;
    const holidays: Day[] = [];
    const extra: Day[] = [];
    readSettings(calls, S.callPlan, CALL_SETTINGS, issues, (s, raw, cell) => {
      if (s.kind === "weekdays") {
        if (raw === null || raw === "") return;
        const days = parseWeekdays(String(raw));
        if (!days) issues.error("policy.badValue", `Working days "${String(raw)}" not understood (e.g. 一,二,三,四,五 or Mon-Fri)`, `工作日"${String(raw)}"无法识别（如 一,二,三,四,五 或 Mon-Fri）`, { sheet: calls.name, cell });
        else cp.workingWeekdays = days;
        return;
      }
      const v = settingValue(s, raw, calls.name, cell, issues);
      if (v === null) return;
      if (applyJobSetting(policy.jobs, s.key, v)) return;
      if (s.key === "calls.perDay") cp.callsPerDay = v as number;
      else if (s.key === "calls.expiringDays") cp.expiringWithinDays = v as number;
      else if (s.key === "calls.calendar") cp.publicCalendar = v as CallPlanSettings["publicCalendar"];
      else if (s.key === "holiday") holidays.push(v as number);
      else if (s.key === "workday") extra.push(v as number);
    });
    cp.holidays = holidays;
    cp.extraWorkdays = extra;
  }

  const dist = findPolicySheet(wb, S.monthlyDistribution);
  if (dist) {
    found.monthlyDistribution = dist.name;
    const m = policyHeader(dist, S.monthlyDistribution, issues);
    if (m) {
      const pct: (number | null)[] = new Array(12).fill(null);
      let lastCell = "A1";
      forEachDataRow(dist, m, issues, (r) => {
        const month = r.get("month", parseNumber, { en: "month (1–12)", zh: "月份（1–12）" });
        const p = r.get("percentage", parseShare, { en: "percentage", zh: "比例" });
        lastCell = r.address("percentage");
        if (month === null || month === BAD || p === null || p === BAD) return;
        if (!Number.isInteger(month) || month < 1 || month > 12) {
          issues.error("policy.badMonth", `Month must be 1–12, got ${month}`, `月份须为 1–12，实为 ${month}`, { sheet: r.sheet, cell: r.address("month") });
          return;
        }
        pct[month - 1] = p * 100;
      });
      const total = pct.reduce<number>((a, b) => a + (b ?? 0), 0);
      if (pct.some((p) => p === null)) {
        issues.error("policy.distributionMissing", "Monthly distribution must list all 12 months", "月度分解须列出全部 12 个月", { sheet: dist.name, cell: cellAddress(m.headerRow, m.columns.month!) });
      } else if (Math.abs(total - 100) > 1e-6) {
        issues.error("policy.distributionSum", `Monthly distribution sums to ${Math.round(total * 100) / 100}%, not 100%`, `月度分解合计为 ${Math.round(total * 100) / 100}%，不是 100%`, { sheet: dist.name, cell: lastCell });
      } else {
        policy.monthlyDistribution = pct as number[];
      }
    }
  }
  return { policy, sheets: found };
}
