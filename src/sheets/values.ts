/**
 * Typed reading of single cells. Each parser returns a value, null for an empty cell, or
 * BAD when the cell holds something that is not of the type (the caller reports it with the
 * cell address). Users' cells are messy: numbers as text, currency signs, full-width digits,
 * dates as text in several forms.
 */
import { Day, dayFromYmd, ymd } from "../domain/calendar";
import type { Channel, ContractStatus, Temperature } from "../domain/model";
import { Money, toMoney } from "../domain/money";
import type { CellValue } from "./grid";

export const BAD = Symbol("bad");
export type Parsed<T> = T | null | typeof BAD;

/** A printable ASCII first character means the string is not blank: no trim() needed (hot path). */
const printableAscii = (s: string) => {
  const c = s.charCodeAt(0);
  return c > 0x20 && c < 0x7f;
};

export function isBlank(v: CellValue | undefined): boolean {
  if (v === null || v === undefined) return true;
  if (typeof v !== "string") return false;
  return !printableAscii(v) && v.trim() === "";
}

/** Text, trimmed. Numbers become their plain decimal form (customer ids typed as numbers). */
export function parseText(v: CellValue | undefined): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === "string") {
    const t = v.trim();
    return t === "" ? null : t;
  }
  if (typeof v === "number") return String(v);
  return v ? "TRUE" : "FALSE";
}

const NUMBER_NOISE = /[,，\s¥￥$元]|RMB|CNY/gi;

/** A number from a number cell or from text such as "1,234.50", "¥1,234.50", "(120)", "１２３". */
export function parseNumber(v: CellValue | undefined): Parsed<number> {
  if (isBlank(v)) return null;
  if (typeof v === "number") return Number.isFinite(v) ? v : BAD;
  if (typeof v === "boolean") return BAD;
  let s = String(v).normalize("NFKC").trim();
  let negative = false;
  const paren = /^\((.*)\)$/.exec(s);
  if (paren) {
    negative = true;
    s = paren[1];
  }
  s = s.replace(NUMBER_NOISE, "");
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return BAD;
  const n = Number(s);
  if (!Number.isFinite(n) || Math.abs(n) > 1e15) return BAD;
  return negative ? -n : n;
}

/** Money in fen. Rejects values no sales line can have (|x| ≥ 1e13 yuan), so no Infinity reaches a sum. */
export function parseMoney(v: CellValue | undefined): Parsed<Money> {
  const n = parseNumber(v);
  if (n === null || n === BAD) return n;
  if (Math.abs(n) >= 1e13) return BAD;
  return toMoney(n);
}

/** A share written as 0.8, 80, "80%" or "80 %". Values above 1 without % are read as percent. */
export function parseShare(v: CellValue | undefined): Parsed<number> {
  if (isBlank(v)) return null;
  if (typeof v === "string") {
    const s = v.normalize("NFKC").trim();
    if (s.endsWith("%")) {
      const n = parseNumber(s.slice(0, -1));
      return n === null || n === BAD ? BAD : n / 100;
    }
  }
  const n = parseNumber(v);
  if (n === null || n === BAD) return n;
  return n > 1 ? n / 100 : n;
}

// Excel serials for 1900-03-01 … 9999-12-31.
const MIN_SERIAL = 61;
const MAX_SERIAL = 2958465;

/**
 * A date from an Excel serial or from text: ISO 2024-05-03, 2024/5/3, 2024.5.3,
 * 2024年5月3日, 20240503, with an optional time part. Hand-written because the accepted
 * forms are fixed by SPEC §1.2 and include the 年月日 form, which date-fns' parse cannot
 * take without a pattern per variant; the calendar check uses the same UTC arithmetic as
 * domain/calendar.
 */
export function parseDate(v: CellValue | undefined): Parsed<Day> {
  if (isBlank(v)) return null;
  if (typeof v === "number") {
    if (!Number.isFinite(v) || v < MIN_SERIAL || v > MAX_SERIAL) return BAD;
    return Math.floor(v);
  }
  if (typeof v === "boolean") return BAD;
  const s = String(v).normalize("NFKC").trim();
  let m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[T\s].*)?$/.exec(s);
  if (!m) m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (!m) return BAD;
  const y = +m[1], mo = +m[2], d = +m[3];
  if (y < 1900 || mo < 1 || mo > 12 || d < 1 || d > 31) return BAD;
  const day = dayFromYmd(y, mo, d);
  const back = ymd(day);
  if (back.m !== mo || back.d !== d) return BAD; // 2024-02-30
  return day;
}

/**
 * Answers per distinct cell text, per table. A column of 50,000 channel or status cells
 * holds a handful of distinct texts, and NFKC + lower-case + regex per cell was ~150 ms of a
 * 50,000-customer run (node --cpu-prof). Bounded, so a column of distinct junk cannot grow it
 * without limit.
 */
const LOOKUP_MEMO_MAX = 4096;
const lookupMemo = new WeakMap<object, Map<string, unknown>>();

function lookup<T>(table: [string[], T][], v: CellValue | undefined): Parsed<T> {
  if (isBlank(v)) return null;
  const key = String(v);
  let memo = lookupMemo.get(table) as Map<string, Parsed<T>> | undefined;
  if (!memo) lookupMemo.set(table, (memo = new Map()));
  const hit = memo.get(key);
  if (hit !== undefined) return hit;
  const s = key.normalize("NFKC").trim().toLowerCase().replace(/\s+/g, "");
  let out: Parsed<T> = BAD;
  for (const [words, value] of table) {
    if (words.includes(s)) {
      out = value;
      break;
    }
  }
  if (memo.size < LOOKUP_MEMO_MAX) memo.set(key, out);
  return out;
}

const CHANNELS: [string[], Channel][] = [
  [["direct", "社会渠道直供", "直供", "社会渠道", "直供客户", "社会渠道直供客户", "vka", "v1", "v2", "v3", "v4"], "direct"],
  [["distribution", "分销", "分销商", "省级平台", "地市平台", "分销平台", "platform"], "distribution"],
  [["keyaccount", "key account", "keyaccounts", "ka", "大客户", "全国连锁", "连锁卖场"].map((s) => s.replace(/\s+/g, "")), "keyAccount"],
  [["operator", "联通渠道", "运营商", "运营商渠道", "联通", "营业厅", "自有营业厅"], "operator"],
];
export function parseChannel(v: CellValue | undefined): Parsed<Channel> {
  return lookup(CHANNELS, v);
}

const TEMPERATURES: [string[], Temperature][] = [
  [["hot", "a", "a类", "热", "热客户"], "Hot"],
  [["warm", "b", "b类", "温", "温客户"], "Warm"],
  [["cold", "c", "c类", "冷", "冷客户"], "Cold"],
  [["denial", "废弃", "d", "d类", "放弃", "拒绝"], "Denial"],
];
/**
 * Temperature as Hot/Warm/Cold/Denial, A类/B类/C类/废弃, or both written together
 * ("A类(Hot)", "Hot/A类", "A类-热"): every part must name the same temperature.
 */
export function parseTemperature(v: CellValue | undefined): Parsed<Temperature> {
  const whole = lookup(TEMPERATURES, v);
  if (whole !== BAD) return whole;
  const parts = String(v).normalize("NFKC").split(/[/()（）\-—、,，|\s]+/).filter((p) => p.trim() !== "");
  if (parts.length < 2) return BAD;
  const found = new Set(parts.map((p) => lookup(TEMPERATURES, p)));
  if (found.size !== 1) return BAD;
  const [t] = [...found];
  return t === null ? BAD : t;
}

const STAGE_LABELS: [string[], number][] = [
  [["暂时没有联系上", "未联系上", "notreached"], 0],
  [["新增到自己名下", "新增", "new", "assigned"], 1],
  [["和kp建立了沟通", "已联系kp", "incontact"], 2],
  [["有申请资质的计划", "申请资质", "licenceplanned"], 3],
  [["有选择我们的意向", "有意向", "intends"], 4],
  [["直接联系并且传了合同", "已传合同", "contractsent"], 5],
  [["合同中", "undercontract"], 6],
  [["合同已经到期", "合同已到期", "contractexpired"], 7],
];

/** Stage 0–7 as a number, "4", "进程4", "4-有选择我们的意向" or the Chinese/English label. */
export function parseStage(v: CellValue | undefined): Parsed<number> {
  if (isBlank(v)) return null;
  if (typeof v === "number") return Number.isInteger(v) && v >= 0 && v <= 7 ? v : BAD;
  const s = String(v).normalize("NFKC").trim();
  const m = /^(?:进程|阶段|stage)?\s*([0-7])(?:\s*[-.、:：)）]\s*.*)?$/i.exec(s);
  if (m) return +m[1];
  return lookup(STAGE_LABELS, s);
}

const INTENTS: [string[], number][] = [
  [["可能性差", "poor"], 1],
  [["意向不明", "unclear"], 2],
  [["可能成交", "possible"], 3],
  [["成交意向好", "good"], 4],
  [["成交可能性很大", "verylikely"], 5],
];
export function parseIntent(v: CellValue | undefined): Parsed<number> {
  if (isBlank(v)) return null;
  if (typeof v === "number") return Number.isInteger(v) && v >= 1 && v <= 5 ? v : BAD;
  const s = String(v).normalize("NFKC").trim();
  // "4", "4-成交意向好", "意向4" (the same written forms as stages).
  const m = /^(?:意向|成交意向|intent)?\s*([1-5])(?:\s*[-.、:：)）]\s*(?!\d).*)?$/i.exec(s);
  if (m) return +m[1];
  return lookup(INTENTS, s);
}

const CONTRACTS: [string[], ContractStatus][] = [
  [["none", "无合同", "无", "未签", "未签约", "nocontract", "没有合同"], "none"],
  [["active", "合同中", "有效", "生效", "履约中", "签约", "已签约", "undercontract", "incontract", "合同有效"], "active"],
  [["expired", "合同已到期", "已到期", "到期", "过期", "合同已经到期", "合同到期", "contractexpired", "已过期"], "expired"],
];
export function parseContractStatus(v: CellValue | undefined): Parsed<ContractStatus> {
  return lookup(CONTRACTS, v);
}

const YES_NO: [string[], boolean][] = [
  [["是", "y", "yes", "1", "true", "√", "✓", "有"], true],
  [["否", "n", "no", "0", "false", "×", "✗", "无"], false],
];
export function parseYesNo(v: CellValue | undefined): Parsed<boolean> {
  if (typeof v === "boolean") return v;
  if (typeof v === "number") return v === 1 ? true : v === 0 ? false : BAD;
  return lookup(YES_NO, v);
}
