/**
 * Writes examples/demo.xlsx: a realistic, deliberately messy workbook of a provincial
 * channel-sales team (华东省公司, three offices, ten reps, ~1,000 accounts, 24 months of
 * sales lines), the policy sheets filled with demo prices and rebate rules, and a filled
 * monthly plan for 2024-12.
 *
 * Run with `npm run make-demo` (or `npx tsx examples/make-demo.ts [out.xlsx]`).
 *
 * The output is byte-for-byte deterministic: all randomness comes from one seeded PRNG, all
 * dates are fixed, the workbook's created/modified dates are fixed, and the zip container is
 * rewritten with a fixed timestamp for every entry (ExcelJS/JSZip would stamp "now").
 */
import * as path from "path";
import { promises as fs } from "fs";
import ExcelJS from "exceljs";
import { unzipSync, zipSync, Zippable } from "fflate";
import { policyTemplate, TemplateSheet } from "../src/sheets/policy/template";
import { CALL_SETTINGS, TIER_SETTINGS } from "../src/sheets/policy/sheets";

// ---------------------------------------------------------------------------------------
// Constants
// ---------------------------------------------------------------------------------------

const SEED = 20241231;
/** Workbook created/modified date, and the timestamp of every zip entry. */
const FIXED_STAMP = new Date(Date.UTC(2025, 0, 2, 9, 0, 0));
const DEFAULT_OUT = path.join(__dirname, "demo.xlsx");

const CUSTOMER_COUNT = 1000;
/** First month of sales (2023-01) and the number of months (through 2024-12). */
const FIRST_YEAR = 2023;
const MONTHS = 24;
const PLAN_MONTH = { y: 2024, m: 12 };
/** Share of customers that never bought anything (prospects in the funnel). */
const NO_SALES_SHARE = 0.08;
/** Share of lines that are returns (退货). */
const RETURN_SHARE = 0.02;
/** Share of sales dates written as text ("2024/5/3", "2024年5月3日"). */
const TEXT_DATE_SHARE = 0.01;
/** How many amounts are written as text like "¥1,234.50". */
const TEXT_AMOUNT_COUNT = 25;
/** Rank-size (Zipf) law of monthly units: units(rank) ≈ TOP_MONTHLY_UNITS / rank^ZIPF_EXPONENT. */
const TOP_MONTHLY_UNITS = 8000;
const ZIPF_EXPONENT = 1.05;
/** Seasonality of phone pick-ups, Jan … Dec (Spring Festival dip, Q4 peak). */
const SEASON = [1.05, 0.75, 0.9, 0.95, 1.0, 0.95, 0.95, 1.0, 1.05, 1.1, 1.1, 1.2];

const DATE_FMT = "yyyy-mm-dd";
const MONEY_FMT = "#,##0.00";
const WHOLE_MONEY_FMT = "#,##0";

export const OFFICES = ["杭州办事处", "宁波办事处", "温州办事处"] as const;
type Office = (typeof OFFICES)[number];

/** Ten reps, each within one office, with their account counts (sum = CUSTOMER_COUNT). */
const REPS: { name: string; office: Office; accounts: number }[] = [
  { name: "王建国", office: "杭州办事处", accounts: 104 },
  { name: "李明", office: "杭州办事处", accounts: 98 },
  { name: "张伟", office: "杭州办事处", accounts: 101 },
  { name: "陈静", office: "杭州办事处", accounts: 97 },
  { name: "刘洋", office: "宁波办事处", accounts: 103 },
  { name: "赵丽", office: "宁波办事处", accounts: 95 },
  { name: "孙浩", office: "宁波办事处", accounts: 102 },
  { name: "周志强", office: "温州办事处", accounts: 99 },
  { name: "吴芳", office: "温州办事处", accounts: 96 },
  { name: "郑凯", office: "温州办事处", accounts: 105 },
];

/** Cities per office: [city, market level candidates]. */
const CITIES: Record<Office, [string, string[]][]> = {
  杭州办事处: [
    ["杭州", ["T1", "T1", "T2"]], ["萧山", ["T2", "T3"]], ["余杭", ["T2", "T3"]], ["富阳", ["T3", "T4"]], ["临安", ["T3", "T4"]],
    ["桐庐", ["T4", "T5"]], ["建德", ["T4", "T5"]], ["淳安", ["T5"]], ["湖州", ["T2", "T3"]], ["嘉兴", ["T2", "T3"]],
    ["海宁", ["T3", "T4"]], ["桐乡", ["T3", "T4"]],
  ],
  宁波办事处: [
    ["宁波", ["T1", "T2"]], ["慈溪", ["T3", "T4"]], ["余姚", ["T3", "T4"]], ["奉化", ["T4"]], ["宁海", ["T4", "T5"]],
    ["象山", ["T4", "T5"]], ["绍兴", ["T2", "T3"]], ["诸暨", ["T3", "T4"]], ["上虞", ["T4"]], ["舟山", ["T3", "T4", "T5"]],
  ],
  温州办事处: [
    ["温州", ["T1", "T2"]], ["瑞安", ["T3", "T4"]], ["乐清", ["T3", "T4"]], ["永嘉", ["T4", "T5"]], ["平阳", ["T4", "T5"]],
    ["苍南", ["T4", "T5"]], ["台州", ["T2", "T3"]], ["临海", ["T3", "T4"]], ["温岭", ["T3", "T4"]], ["丽水", ["T3", "T4", "T5"]],
  ],
};

const TRADE_NAMES = [
  "明华", "鑫达", "恒通", "华强", "金诚", "永盛", "宏发", "天翼", "联众", "信达", "顺发", "志远", "博远", "众诚", "嘉禾",
  "汇丰", "瑞丰", "东方", "德胜", "佳佳", "迅捷", "飞扬", "万家", "银河", "盛世", "美华", "兴旺", "兆丰", "海纳", "君悦",
  "百川", "通达", "和信", "金鹰", "蓝天", "星辰", "宏图", "新世纪", "大众", "中天", "昌盛", "锦程", "荣达", "华联", "四海",
];
const BUSINESS_WORDS = ["通讯器材", "通讯", "手机", "数码", "通信设备", "电子", "通讯设备", "移动通讯"];
const COMPANY_SUFFIXES = ["有限公司", "有限公司", "有限公司", "经营部", "商行", "手机连锁", "专卖店", "数码广场", "手机城", "通讯店"];
const STREETS = [
  "文三路", "解放路", "中山路", "人民路", "延安路", "凤起路", "江南大道", "世纪大道", "鼓楼街", "五马街", "车站大道",
  "新华路", "环城北路", "学院路", "建设路", "府前路", "东门街", "城北路", "商业街", "县前街",
];
const SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈".split("");
const GIVEN_NAMES = [
  "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "霞", "平",
  "刚", "桂英", "建华", "国强", "海燕", "晓东", "志刚", "丽华", "建平", "玉兰", "春生", "文斌", "红梅", "卫东", "小龙",
];

/** Channel wordings as they appear in the customer sheet. */
const CH_DIRECT = "社会渠道直供";
const CH_OPERATOR = "联通渠道";
const CH_KEY = "大客户";
/** Distribution customers: the provincial platform and city platforms (SPEC §1.4). */
const DISTRIBUTORS: { channel: string; name: string; office: Office; rank: number }[] = [
  { channel: "省级平台", name: "浙江中邮普泰通信服务有限公司", office: "杭州办事处", rank: 1 },
  { channel: "地市平台", name: "宁波天音通信地市平台", office: "宁波办事处", rank: 4 },
  { channel: "地市平台", name: "温州爱施德通讯地市平台", office: "温州办事处", rank: 8 },
  { channel: "分销", name: "杭州天语数码分销有限公司", office: "杭州办事处", rank: 15 },
];
/** National retail chains (大客户), per office. */
const KEY_ACCOUNT_NAMES: Record<Office, string[]> = {
  杭州办事处: ["国美电器有限公司杭州分公司", "国美电器杭州延安路店", "苏宁电器杭州解放路店", "五星电器杭州城北店"],
  宁波办事处: ["国美电器宁波分公司", "苏宁电器宁波江东店", "苏宁电器绍兴店"],
  温州办事处: ["国美电器温州分公司", "苏宁电器温州人民路店", "五星电器台州店"],
};
const KEY_ACCOUNT_COUNT = 10;

type ChannelKind = "direct" | "distribution" | "keyAccount" | "operator";

/** Models with prices per price kind (yuan), in the spirit of the training material's table. */
interface ModelDef {
  model: string;
  /** 分销进店价: what direct-supply and operator outlets pay. */
  distributionIn: number;
  /** 经销价: what distribution platforms pay. */
  dealer: number;
  /** 铺货价: what the national chains pay. */
  consignment: number;
  /** 零售价: suggested retail price. */
  retail: number;
  /** Relative popularity in the product mix. */
  popularity: number;
  /** Sold under operator contract plans (合约机). */
  contractPlan: boolean;
}
const MODELS: ModelDef[] = [
  { model: "I9300", distributionIn: 4168, dealer: 4068, consignment: 4218, retail: 4999, popularity: 30, contractPlan: true },
  { model: "I9100", distributionIn: 2999, dealer: 2920, consignment: 3050, retail: 3499, popularity: 16, contractPlan: true },
  { model: "N7100", distributionIn: 4899, dealer: 4780, consignment: 4950, retail: 5699, popularity: 12, contractPlan: true },
  { model: "S5830", distributionIn: 1099, dealer: 1060, consignment: 1120, retail: 1299, popularity: 14, contractPlan: true },
  { model: "P6200", distributionIn: 2399, dealer: 2330, consignment: 2450, retail: 2899, popularity: 5, contractPlan: false },
  { model: "S7562", distributionIn: 1499, dealer: 1450, consignment: 1530, retail: 1799, popularity: 10, contractPlan: false },
  { model: "S5360", distributionIn: 599, dealer: 575, consignment: 615, retail: 799, popularity: 9, contractPlan: false },
  { model: "E1200", distributionIn: 139, dealer: 128, consignment: 145, retail: 199, popularity: 4, contractPlan: false },
];

/** Sales stage labels (SPEC §3.1), used for the "4-有选择我们的意向" text form. */
const STAGE_LABELS = ["暂时没有联系上", "新增到自己名下", "和KP建立了沟通", "有申请资质的计划", "有选择我们的意向", "直接联系并且传了合同", "合同中", "合同已经到期"];
const INTENT_LABELS = ["可能性差", "意向不明", "可能成交", "成交意向好", "成交可能性很大"];
const TEMPERATURE_ALIASES: Record<string, string> = { Hot: "A类", Warm: "B类", Cold: "C类", Denial: "废弃" };

/** Formula-injection probes: written as plain text, must stay text. */
const INJECTION_NAMES = ['=HYPERLINK("http://x","点我")', "+86 专营店"];

// ---------------------------------------------------------------------------------------
// Seeded randomness (mulberry32) and small helpers
// ---------------------------------------------------------------------------------------

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Rng {
  private next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float(): number {
    return this.next();
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  /** Integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)];
  }
  weighted<T>(xs: readonly T[], weights: readonly number[]): T {
    const total = weights.reduce((a, b) => a + b, 0);
    let r = this.next() * total;
    for (let i = 0; i < xs.length; i++) {
      r -= weights[i];
      if (r < 0) return xs[i];
    }
    return xs[xs.length - 1];
  }
  normal(mean = 0, sd = 1): number {
    const u = 1 - this.next();
    const v = this.next();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
  logNormal(sigma: number): number {
    return Math.exp(this.normal(0, sigma));
  }
  shuffle<T>(xs: T[]): T[] {
    for (let i = xs.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [xs[i], xs[j]] = [xs[j], xs[i]];
    }
    return xs;
  }
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
/** A calendar day as a UTC-midnight Date (ExcelJS turns it into an exact date serial). */
const day = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));
const daysInMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const addDays = (d: Date, n: number) => new Date(d.getTime() + n * 86_400_000);
const monthOf = (index: number) => ({ y: FIRST_YEAR + Math.floor(index / 12), m: (index % 12) + 1 });
const round2 = (x: number) => Math.round(x * 100) / 100;
const modelDef = (name: string) => MODELS.find((m) => m.model === name)!;

/** Price a customer of this channel pays for a model (the price list's logic). */
function channelPrice(model: ModelDef, channel: ChannelKind): number {
  if (channel === "distribution") return model.dealer;
  if (channel === "keyAccount") return model.consignment;
  return model.distributionIn;
}

// ---------------------------------------------------------------------------------------
// Customers
// ---------------------------------------------------------------------------------------

export interface CustomerProfile {
  id: string;
  name: string;
  channelText: string;
  channel: ChannelKind;
  office: Office;
  city: string;
  cityTier: string;
  rep: string;
  contact: string;
  phone: string;
  address: string;
  /** Month index (0 = 2023-01) of the first and last month with pick-ups; null = never bought. */
  activeFrom: number | null;
  activeTo: number | null;
  /** Average monthly units at the start of 2024 (before trend and season). */
  baseUnits: number;
  /** Year-on-year growth factor (2024 vs 2023). */
  trend: number;
  /** Model mix weights, aligned with MODELS. */
  mix: number[];
  /** 0 … 1, how strong the dealer is (drives the scorecard). */
  strength: number;
  /** Has a December plan target but buys nothing in December. */
  skipPlanMonth: boolean;
}

function personName(rng: Rng): string {
  return rng.pick(SURNAMES) + rng.pick(GIVEN_NAMES);
}

function phoneNumber(rng: Rng, city: string): string {
  if (rng.chance(0.2)) {
    const area: Record<string, string> = { 杭州: "0571", 宁波: "0574", 温州: "0577", 绍兴: "0575", 湖州: "0572", 嘉兴: "0573", 台州: "0576", 丽水: "0578", 舟山: "0580" };
    return `${area[city] ?? "0571"}-8${String(rng.int(0, 9_999_999)).padStart(7, "0")}`;
  }
  return `1${rng.pick(["33", "35", "36", "37", "38", "39", "50", "51", "58", "59", "86", "87", "89"])}${String(rng.int(0, 99_999_999)).padStart(8, "0")}`;
}

function shopName(rng: Rng, channel: ChannelKind, city: string, used: Set<string>): string {
  for (let attempt = 0; attempt < 1000; attempt++) {
    let name: string;
    if (channel === "operator") {
      name = rng.chance(0.5)
        ? `中国联通${city}${rng.pick(STREETS)}营业厅`
        : `${city}${rng.pick(TRADE_NAMES)}联通合作营业厅`;
    } else {
      name = `${city}${rng.pick(TRADE_NAMES)}${rng.pick(BUSINESS_WORDS)}${rng.pick(COMPANY_SUFFIXES)}`;
    }
    if (!used.has(name)) return name;
  }
  throw new Error("name space exhausted");
}

/** Base profiles: who the customers are, where, whose, and how big. Credit and funnel fields come later. */
function makeCustomers(rng: Rng): CustomerProfile[] {
  // Rep slots, shuffled so that ids (creation order) mix reps.
  const slots = rng.shuffle(REPS.flatMap((r) => Array.from({ length: r.accounts }, () => r)));
  // Channels: the national chains and platforms sit at fixed positions in their offices.
  const channels: (ChannelKind | null)[] = new Array(CUSTOMER_COUNT).fill(null);
  const distributorAt = new Map<number, (typeof DISTRIBUTORS)[number]>();
  const keyNames = new Map<number, string>();
  const order = rng.shuffle(Array.from({ length: CUSTOMER_COUNT }, (_, i) => i));
  for (const d of DISTRIBUTORS) {
    const i = order.find((k) => channels[k] === null && slots[k].office === d.office)!;
    channels[i] = "distribution";
    distributorAt.set(i, d);
  }
  let cursor = 0;
  const keyQueue: Record<Office, string[]> = { 杭州办事处: [...KEY_ACCOUNT_NAMES.杭州办事处], 宁波办事处: [...KEY_ACCOUNT_NAMES.宁波办事处], 温州办事处: [...KEY_ACCOUNT_NAMES.温州办事处] };
  let keyCount = 0;
  while (keyCount < KEY_ACCOUNT_COUNT) {
    const i = order[cursor++];
    const queue = keyQueue[slots[i].office];
    if (queue.length === 0 || channels[i] !== null) continue;
    channels[i] = "keyAccount";
    keyNames.set(i, queue.shift()!);
    keyCount++;
  }
  const directCount = Math.round(CUSTOMER_COUNT * 0.75);
  let directSoFar = 0;
  for (const i of order) {
    if (channels[i] !== null) continue;
    channels[i] = directSoFar++ < directCount ? "direct" : "operator";
  }

  const used = new Set<string>();
  const customers: CustomerProfile[] = [];
  for (let i = 0; i < CUSTOMER_COUNT; i++) {
    const rep = slots[i];
    const channel = channels[i]!;
    const [city, tiers] = rng.pick(CITIES[rep.office]);
    let name: string;
    let channelText: string;
    if (channel === "distribution") {
      const d = distributorAt.get(i)!;
      name = d.name;
      channelText = d.channel;
    } else if (channel === "keyAccount") {
      name = keyNames.get(i)!;
      channelText = CH_KEY;
    } else {
      name = shopName(rng, channel, city, used);
      channelText = channel === "direct" ? CH_DIRECT : CH_OPERATOR;
    }
    used.add(name);
    // Each shop concentrates on a few models (a wide spread of tastes around the popularity).
    const mix = MODELS.map((m) => m.popularity * rng.logNormal(1.2) * (channel === "keyAccount" && m.model === "P6200" ? 3 : 1));
    customers.push({
      id: `C${String(i + 1).padStart(4, "0")}`,
      name,
      channelText,
      channel,
      office: rep.office,
      city,
      cityTier: channel === "distribution" || channel === "keyAccount" ? rng.pick(["T1", "T2"]) : rng.pick(tiers),
      rep: rep.name,
      contact: personName(rng),
      phone: phoneNumber(rng, city),
      address: `浙江省${city}${rng.pick(STREETS)}${rng.int(1, 399)}号`,
      activeFrom: 0,
      activeTo: MONTHS - 1,
      baseUnits: 0,
      trend: 1,
      mix,
      strength: 0,
      skipPlanMonth: false,
    });
  }

  // The two formula-injection probes replace the names of two ordinary direct-supply shops.
  const directs = customers.filter((c) => c.channel === "direct");
  directs[40].name = INJECTION_NAMES[0];
  directs[41].name = INJECTION_NAMES[1];

  assignSizes(rng, customers);
  return customers;
}

/** Pareto-shaped sizes, activity windows, growth and decline. */
function assignSizes(rng: Rng, customers: CustomerProfile[]): void {
  // Prospects that never bought: ordinary direct/operator shops only.
  const ordinary = customers.filter((c) => c.channel === "direct" || c.channel === "operator");
  const noSales = new Set(rng.shuffle([...ordinary]).slice(0, Math.round(CUSTOMER_COUNT * NO_SALES_SHARE)));
  // Keep the injection probes among the buyers so that they also appear in the sales sheet.
  for (const c of customers) if (INJECTION_NAMES.includes(c.name)) noSales.delete(c);

  const buyers = customers.filter((c) => !noSales.has(c));
  // Ranks: platforms at fixed ranks, chains among the top 80, the rest shuffled in between.
  const ranked: (CustomerProfile | null)[] = new Array(buyers.length).fill(null);
  for (const c of buyers.filter((b) => b.channel === "distribution")) {
    const rank = DISTRIBUTORS.find((d) => d.name === c.name)!.rank;
    ranked[rank - 1] = c;
  }
  for (const c of buyers.filter((b) => b.channel === "keyAccount")) {
    let r: number;
    do r = rng.int(1, 80);
    while (ranked[r] !== null);
    ranked[r] = c;
  }
  const rest = rng.shuffle(buyers.filter((b) => b.channel === "direct" || b.channel === "operator"));
  for (let i = 0, k = 0; i < ranked.length; i++) if (ranked[i] === null) ranked[i] = rest[k++];

  ranked.forEach((c, i) => {
    const cust = c!;
    cust.baseUnits = (TOP_MONTHLY_UNITS / Math.pow(i + 1, ZIPF_EXPONENT)) * rng.logNormal(0.15);
    // Operator outlets sell fewer units than their rank alone would give.
    if (cust.channel === "operator") cust.baseUnits *= 0.6;
    cust.trend = clamp(Math.exp(rng.normal(0.05, 0.35)), 0.3, 3);
    cust.strength = clamp(1 - Math.log(i + 1) / Math.log(ranked.length) + rng.normal(0, 0.12), 0, 1);
    const roll = rng.float();
    if (roll < 0.06) cust.activeFrom = rng.int(12, 21); // new in 2024
    else if (roll < 0.1) cust.activeTo = rng.int(14, 20); // stopped buying in 2024
    else if (roll < 0.13) cust.activeFrom = rng.int(2, 9); // joined during 2023
  });
  for (const c of noSales) {
    c.activeFrom = null;
    c.activeTo = null;
    c.strength = clamp(rng.float() * 0.5, 0, 1);
  }

  // One mid-sized direct account with a December target buys nothing in December.
  const mid = ranked.find((c, i) => i > 60 && c!.channel === "direct" && c!.activeFrom === 0 && c!.activeTo === MONTHS - 1)!;
  mid.skipPlanMonth = true;
}

// ---------------------------------------------------------------------------------------
// Sales lines
// ---------------------------------------------------------------------------------------

export interface SalesLine {
  date: Date;
  customer: CustomerProfile;
  model: string;
  quantity: number;
  unitPrice: number;
  amount: number;
  contractPlan: boolean;
  isReturn: boolean;
}

/** A sales date within the month: mostly working days, some Saturdays, rarely Sundays. */
function salesDate(rng: Rng, y: number, m: number): Date {
  for (;;) {
    const d = day(y, m, rng.int(1, daysInMonth(y, m)));
    const wd = d.getUTCDay();
    if (wd === 0 && !rng.chance(0.15)) continue;
    if (wd === 6 && !rng.chance(0.6)) continue;
    return d;
  }
}

/** Split `units` into `n` positive parts of random size. */
function splitUnits(rng: Rng, units: number, n: number): number[] {
  const w = Array.from({ length: n }, () => 0.3 + rng.float());
  const total = w.reduce((a, b) => a + b, 0);
  const parts = w.map((x) => Math.max(1, Math.floor((units * x) / total)));
  let diff = units - parts.reduce((a, b) => a + b, 0);
  for (let i = 0; diff > 0; i = (i + 1) % n, diff--) parts[i]++;
  return parts;
}

/**
 * Pick-up lines (and the odd return) of months [fromMonth, toMonth] (indices, 0 = 2023-01).
 * `mixFor` may replace a customer's model mix (reps push the models of the monthly plan).
 */
function makeSalesLines(
  rng: Rng,
  customers: CustomerProfile[],
  fromMonth: number,
  toMonth: number,
  mixFor: (c: CustomerProfile) => number[] = (c) => c.mix,
): SalesLine[] {
  const lines: SalesLine[] = [];
  const lastDay = day(FIRST_YEAR + MONTHS / 12 - 1, 12, 31);
  for (const c of customers) {
    if (c.activeFrom === null || c.activeTo === null) continue;
    const mix = mixFor(c);
    for (let mi = Math.max(c.activeFrom, fromMonth); mi <= Math.min(c.activeTo, toMonth); mi++) {
      const { y, m } = monthOf(mi);
      if (c.skipPlanMonth && y === PLAN_MONTH.y && m === PLAN_MONTH.m) continue;
      const level = c.baseUnits * Math.pow(c.trend, (mi - 11.5) / 12) * SEASON[m - 1] * rng.logNormal(0.25);
      // Small shops skip some months altogether.
      if (level < 3 && !rng.chance(level / 3)) continue;
      const units = Math.max(1, Math.round(level));
      const lineCount = clamp(Math.round(Math.sqrt(units) / 2.2), 1, 30);
      for (const qty of splitUnits(rng, units, Math.min(lineCount, units))) {
        const model = rng.weighted(MODELS, mix);
        let unitPrice = channelPrice(model, c.channel);
        if (rng.chance(0.05)) unitPrice -= rng.pick([8.5, 10, 20, 50]); // promotional discount
        const contractPlan = model.contractPlan && (c.channel === "direct" || c.channel === "operator") && rng.chance(0.25);
        const date = salesDate(rng, y, m);
        lines.push({ date, customer: c, model: model.model, quantity: qty, unitPrice, amount: round2(qty * unitPrice), contractPlan, isReturn: false });
        if (rng.chance(RETURN_SHARE)) {
          const back = -rng.int(1, Math.min(qty, 5));
          const returnDate = addDays(date, rng.int(1, 12));
          lines.push({
            date: returnDate > lastDay ? lastDay : returnDate,
            customer: c,
            model: model.model,
            quantity: back,
            unitPrice,
            amount: round2(back * unitPrice),
            contractPlan: false,
            isReturn: true,
          });
        }
      }
    }
  }
  return lines;
}

/** Exports are sorted by date; ties broken so that the order is stable. */
function sortLines(lines: SalesLine[]): SalesLine[] {
  return lines.sort(
    (a, b) =>
      a.date.getTime() - b.date.getTime() ||
      a.customer.id.localeCompare(b.customer.id) ||
      a.model.localeCompare(b.model) ||
      Number(a.isReturn) - Number(b.isReturn) ||
      a.quantity - b.quantity,
  );
}

// ---------------------------------------------------------------------------------------
// Funnel, credit and scorecard fields (they depend on the sales history)
// ---------------------------------------------------------------------------------------

interface CustomerRow {
  profile: CustomerProfile;
  stage: number | string | null;
  temperature: string | null;
  intent: number | string | null;
  contractStatus: string;
  contractEnd: Date | null;
  lastContact: Date | null;
  nextCall: Date | null;
  creditLimit: number | null;
  arrears: number | null;
  expectedValue: number | null;
  scorecard: (number | null)[];
}

function revenue2024ByCustomer(lines: SalesLine[]): Map<string, number> {
  const rev = new Map<string, number>();
  for (const l of lines) if (l.date.getUTCFullYear() === 2024) rev.set(l.customer.id, (rev.get(l.customer.id) ?? 0) + l.amount);
  return rev;
}

function randomDate(rng: Rng, from: Date, to: Date): Date {
  const days = Math.round((to.getTime() - from.getTime()) / 86_400_000);
  return addDays(from, rng.int(0, days));
}

/** Stage, temperature, intent, contract, contact dates, credit, expected value and scorecard. */
function makeCustomerRows(rng: Rng, customers: CustomerProfile[], lines: SalesLine[]): CustomerRow[] {
  const rev2024 = revenue2024ByCustomer(lines);
  return customers.map((c) => {
    // Stage: prospects 0–5, new 2024 accounts in late stages, buyers under contract, lapsed ones expired.
    let stage: number;
    if (c.activeFrom === null) stage = rng.weighted([0, 1, 2, 3, 4, 5], [12, 18, 22, 18, 16, 14]);
    else if (c.activeFrom >= 18) stage = rng.pick([4, 5]);
    else if (c.activeTo !== null && c.activeTo < MONTHS - 1) stage = 7;
    else stage = rng.chance(0.07) ? 7 : 6;

    const contractStatus = stage === 6 ? "合同中" : stage === 7 ? "合同已到期" : "无合同";
    let contractEnd: Date | null = null;
    if (stage === 6) {
      // A fifth of the running contracts end in Jan–Feb 2025 (renewal calls).
      contractEnd = rng.chance(0.2) ? randomDate(rng, day(2025, 1, 2), day(2025, 2, 28)) : randomDate(rng, day(2025, 3, 1), day(2025, 12, 31));
    } else if (stage === 7) {
      contractEnd = randomDate(rng, day(2024, 3, 31), day(2024, 12, 15));
    }

    let temperature: string;
    if (stage === 7 && c.activeTo !== null && c.activeTo < MONTHS - 1) temperature = rng.weighted(["Cold", "Denial", "Warm"], [5, 3, 2]);
    else if (stage >= 4) temperature = rng.weighted(["Hot", "Warm", "Cold"], [6, 3, 1]);
    else if (stage >= 2) temperature = rng.weighted(["Hot", "Warm", "Cold", "Denial"], [2, 5, 3, 1]);
    else temperature = rng.weighted(["Warm", "Cold", "Denial"], [2, 6, 2]);
    const intentNum = clamp(
      temperature === "Hot" ? rng.int(4, 5) : temperature === "Warm" ? rng.int(3, 4) : temperature === "Cold" ? rng.int(1, 3) : 1,
      1,
      5,
    );

    const lastContact = temperature === "Denial" && rng.chance(0.5)
      ? randomDate(rng, day(2024, 6, 1), day(2024, 9, 30))
      : rng.chance(0.1) ? null : randomDate(rng, day(2024, 9, 15), day(2024, 12, 31));
    const nextCall = rng.chance(0.25) && temperature !== "Denial" ? randomDate(rng, day(2024, 12, 23), day(2025, 1, 31)) : null;

    const rev = rev2024.get(c.id) ?? 0;
    let creditLimit: number | null = null;
    let arrears: number | null = null;
    if (rev > 0) {
      creditLimit = Math.max(20_000, Math.round(((rev / 12) * (0.3 + rng.float() * 0.5)) / 10_000) * 10_000);
      const roll = rng.float();
      const use = roll < 0.08 ? 0 : roll < 0.83 ? rng.float() * 0.6 : roll < 0.95 ? 0.8 + rng.float() * 0.2 : 1.02 + rng.float() * 0.4;
      arrears = Math.round(creditLimit * use);
    } else if (rng.chance(0.3)) {
      creditLimit = 0;
    }
    const expectedValue = stage >= 1 && stage <= 5 ? rng.int(30, 600) * 1000 : null;

    // Scorecard: 0–10 marks (分销能力 = number of downstream outlets, 0–200), stronger dealers score higher.
    const s = c.channel === "distribution" ? 0.95 : c.strength;
    const mark = () => (rng.chance(0.015) ? null : clamp(Math.round(rng.normal(2 + 7 * s, 1.5)), 0, 10));
    const outlets = rng.chance(0.015) ? null : clamp(Math.round(c.channel === "distribution" ? rng.int(150, 200) : rng.normal(10 + 110 * s * s, 12)), 0, 200);
    const scorecard = [mark(), mark(), outlets, mark(), mark(), mark(), mark(), mark()];

    return {
      profile: c,
      stage: rng.chance(0.2) ? `${stage}-${STAGE_LABELS[stage]}` : stage,
      temperature: rng.chance(0.2) ? TEMPERATURE_ALIASES[temperature] : temperature,
      intent: rng.chance(0.03) ? null : rng.chance(0.3) ? INTENT_LABELS[intentNum - 1] : intentNum,
      contractStatus,
      contractEnd,
      lastContact,
      nextCall,
      creditLimit,
      arrears,
      expectedValue,
      scorecard,
    };
  });
}

// ---------------------------------------------------------------------------------------
// Monthly plan 2024-12 (long format, SPEC §4.1)
// ---------------------------------------------------------------------------------------

interface PlanRow {
  customer: CustomerProfile;
  model: string;
  targetQty: number;
}

function makePlan(rng: Rng, customers: CustomerProfile[], lines: SalesLine[]): PlanRow[] {
  // Recent volume per customer and model: Sep–Nov 2024 net units.
  const recent = new Map<string, Map<string, number>>();
  for (const l of lines) {
    if (l.date < day(2024, 9, 1) || l.date >= day(2024, 12, 1)) continue;
    const byModel = recent.get(l.customer.id) ?? new Map<string, number>();
    byModel.set(l.model, (byModel.get(l.model) ?? 0) + l.quantity);
    recent.set(l.customer.id, byModel);
  }
  // Plans cover the accounts that matter: the 200 biggest recent buyers and 99 others.
  const volume = (id: string) => [...(recent.get(id)?.values() ?? [])].reduce((a, b) => a + b, 0);
  const candidates = customers
    .filter((c) => (c.channel === "direct" || c.channel === "operator") && volume(c.id) > 0 && !c.skipPlanMonth)
    .sort((a, b) => volume(b.id) - volume(a.id) || a.id.localeCompare(b.id));
  const chosen = [...candidates.slice(0, 200), ...rng.shuffle(candidates.slice(200)).slice(0, 99)];
  chosen.push(customers.find((c) => c.skipPlanMonth)!);
  chosen.sort((a, b) => a.rep.localeCompare(b.rep) || a.id.localeCompare(b.id));

  const rows: PlanRow[] = [];
  for (const c of chosen) {
    const models = [...recent.get(c.id)!.entries()].filter(([, q]) => q > 0).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    // The models that make at least a fifth of the account's recent volume, 1–3 of them.
    const total = models.reduce((a, [, q]) => a + q, 0);
    const main = models.filter(([, q]) => q >= total / 5).length;
    const take = clamp(Math.min(main, rng.int(1, 3)), 1, 3);
    for (const [model, q3] of models.slice(0, take)) {
      const monthly = q3 / 3;
      let target = monthly * (1.0 + rng.float() * 0.6);
      target = target >= 20 ? Math.round(target / 5) * 5 : Math.max(1, Math.round(target));
      if (rng.chance(0.04)) target = 0;
      rows.push({ customer: c, model, targetQty: target });
    }
  }
  return rows;
}

/** Model mix in the plan month: planned models get most of an account's pick-ups. */
function planMixFor(plan: PlanRow[]): (c: CustomerProfile) => number[] {
  const planned = new Map<string, Set<string>>();
  for (const p of plan) {
    const models = planned.get(p.customer.id) ?? new Set<string>();
    models.add(p.model);
    planned.set(p.customer.id, models);
  }
  return (c) => {
    const models = planned.get(c.id);
    if (!models) return c.mix;
    const total = c.mix.reduce((a, b) => a + b, 0);
    return MODELS.map((m, i) => (models.has(m.model) ? total * 0.4 : c.mix[i] * 0.5));
  };
}

// ---------------------------------------------------------------------------------------
// Policy sheets (template rows plus the demo's prices, rebates, targets and holidays)
// ---------------------------------------------------------------------------------------

type Cell = string | number | Date | null;

function priceRows(): Cell[][] {
  const rows: Cell[][] = [];
  for (const m of MODELS) {
    rows.push([m.model, CH_DIRECT, "分销进店价", m.distributionIn]);
    rows.push([m.model, CH_OPERATOR, "分销进店价", m.distributionIn]);
    rows.push([m.model, "分销", "经销价", m.dealer]);
    rows.push([m.model, CH_KEY, "铺货价", m.consignment]);
    rows.push([m.model, null, "零售价", m.retail]);
  }
  return rows;
}

function rebateRows(): Cell[][] {
  const year = [day(2024, 1, 1), day(2024, 12, 31)] as const;
  const q4 = [day(2024, 10, 1), day(2024, 12, 31)] as const;
  return [
    ["R1", "I9300", CH_DIRECT, "提货返利", "数量", null, 30, null, ...year, "每提货1台返30元"],
    ["R2", "I9100", CH_DIRECT, "提货返利", "数量", null, 20, null, ...year, "每提货1台返20元"],
    ["R3", "N7100", CH_DIRECT, "提货返利", "数量", null, 40, null, ...year, "每提货1台返40元"],
    ["R4", "S5830", `${CH_DIRECT},${CH_OPERATOR}`, "提货返利", "数量", null, 10, null, ...year, "社会渠道及联通渠道提货均可享受"],
    [
      "R5", "I9300", CH_DIRECT, "达量返利", "数量", "400/1000", "26/43", "全量", ...q4,
      "政策表原文为达量门槛1000/400、返利43/26：季度提货满1000台为高档，全部台数每台返43元；满400台每台返26元。此处门槛按从低到高存放。",
    ],
    ["R6", null, CH_DIRECT, "达量返利", "金额", "0/100000/300000", "1%/2%/3%", "分段", ...q4, "季度提货金额分段返利：10万以下1%，10万–30万部分2%，30万以上部分3%"],
    ["R7", "I9300", CH_DIRECT, "合约返利", "数量", null, 100, null, ...year, "仅向提货社会渠道客户兑付"],
    ["R8", "I9100", CH_DIRECT, "合约返利", "数量", null, 70, null, ...year, "仅向提货社会渠道客户兑付"],
    ["R9", null, CH_KEY, "其他返利", "金额", null, "0.5%", null, ...year, "卖场年度陈列费支持，按提货金额0.5%结算"],
    // SPEC §8 kinds; the last three columns are 账期天数, 兑付方式 and 结算周期.
    [
      "T1", null, CH_DIRECT, "任务返利", "金额", "90%/100%/110%", "1%/2%/2.5%", null, ...year,
      "月度任务返利：按当月计划（计划 YYYY-MM 表）达成率，达成90%返1%、100%返2%、110%返2.5%，按全部提货金额计", null, "货补", "月",
    ],
    ["H1", null, null, "回款返利", "回款", "0/500000", "0.5%/0.8%", "分段", ...q4, "季度回款返利：开票后30天内回款计入，50万以下0.5%，超出部分0.8%", 30, "票折", null],
    ["G1", null, CH_DIRECT, "增长返利", "金额", "10%/20%", "1%/2%", "增量", ...q4, "四季度提货金额较去年同期增长10%以上，按增量部分返1%；增长20%以上返2%", null, "现金", null],
  ];
}

/** Per-office grade targets; blank-office rows apply to every office without rows of its own (温州办事处). */
function gradeTargetRows(): Cell[][] {
  return [
    ["杭州办事处", "VKA", 3], ["杭州办事处", "V1", 6], ["杭州办事处", "V2", 12], ["杭州办事处", "V3", 20], ["杭州办事处", "V4", 220],
    ["宁波办事处", "VKA", 2], ["宁波办事处", "V1", 5], ["宁波办事处", "V2", 8], ["宁波办事处", "V3", 12], ["宁波办事处", "V4", 170],
    [null, "VKA", 2], [null, "V1", 5], [null, "V2", 8], [null, "V3", 15], [null, "V4", 150],
  ];
}

function callPlanExtraRows(): Cell[][] {
  const holiday = (d: Date, note: string): Cell[] => ["holiday", "节假日 / Holiday", d, note];
  const rows: Cell[][] = [holiday(day(2025, 1, 1), "元旦")];
  for (let d = 28; d <= 35; d++) rows.push(holiday(d <= 31 ? day(2025, 1, d) : day(2025, 2, d - 31), "春节"));
  rows.push(["workday", "调休上班日 / Extra working day", day(2025, 1, 26), "春节调休（星期日上班）"]);
  rows.push(["workday", "调休上班日 / Extra working day", day(2025, 2, 8), "春节调休（星期六上班）"]);
  return rows;
}

/** Template rows with the demo's additions. */
function policySheets(): { sheet: TemplateSheet; rows: Cell[][] }[] {
  return policyTemplate().map((sheet) => {
    const rows: Cell[][] = sheet.rows.map((r) => [...r] as Cell[]);
    if (sheet.id === "priceList") rows.push(...priceRows());
    if (sheet.id === "rebateRules") rows.push(...rebateRows());
    if (sheet.id === "gradeTargets") rows.splice(1, rows.length - 1, ...gradeTargetRows());
    if (sheet.id === "callPlan") rows.push(...callPlanExtraRows());
    return { sheet, rows };
  });
}

// ---------------------------------------------------------------------------------------
// Writing the workbook
// ---------------------------------------------------------------------------------------

const HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFD9E1F2" } };

function styleHeader(row: ExcelJS.Row): void {
  row.font = { bold: true };
  row.eachCell((cell) => {
    cell.fill = HEADER_FILL;
    cell.alignment = { vertical: "middle", horizontal: "center" };
  });
}

/** Write one value with the right type and number format. */
function setCell(cell: ExcelJS.Cell, value: Cell, numFmt?: string): void {
  if (value === null) return;
  cell.value = value;
  if (value instanceof Date) cell.numFmt = DATE_FMT;
  else if (numFmt && typeof value === "number") cell.numFmt = numFmt;
}

const CUSTOMER_COLUMNS: { header: string; width: number; fmt?: string; get: (r: CustomerRow) => Cell }[] = [
  { header: "客户编号", width: 10, get: (r) => r.profile.id },
  { header: "客户名称", width: 32, get: (r) => r.profile.name },
  { header: "办事处", width: 12, get: (r) => r.profile.office },
  { header: "销售代表", width: 10, get: (r) => r.profile.rep },
  { header: "渠道类型", width: 14, get: (r) => r.profile.channelText },
  { header: "市场级别", width: 9, get: (r) => r.profile.cityTier },
  { header: "联系人", width: 9, get: (r) => r.profile.contact },
  { header: "电话", width: 15, get: (r) => r.profile.phone },
  { header: "地址", width: 28, get: (r) => r.profile.address },
  { header: "合同状态", width: 11, get: (r) => r.contractStatus },
  { header: "合同到期日", width: 12, get: (r) => r.contractEnd },
  { header: "销售进程", width: 22, get: (r) => r.stage },
  { header: "客户温度", width: 9, get: (r) => r.temperature },
  { header: "成交意向", width: 14, get: (r) => r.intent },
  { header: "预计金额", width: 12, fmt: WHOLE_MONEY_FMT, get: (r) => r.expectedValue },
  { header: "上次联系", width: 12, get: (r) => r.lastContact },
  { header: "下次拨打时间", width: 13, get: (r) => r.nextCall },
  { header: "信用额度", width: 12, fmt: WHOLE_MONEY_FMT, get: (r) => r.creditLimit },
  { header: "欠款", width: 12, fmt: WHOLE_MONEY_FMT, get: (r) => r.arrears },
  ...["积极性", "经营灵活性", "分销能力", "资金实力", "畅销品牌数", "仓储车辆人员", "信誉", "社会关系"].map((header, i) => ({
    header,
    width: header.length > 4 ? 13 : 9,
    get: (r: CustomerRow) => r.scorecard[i],
  })),
];

function writeCustomerSheet(wb: ExcelJS.Workbook, rows: CustomerRow[]): void {
  const ws = wb.addWorksheet("客户资料", { views: [{ state: "frozen", ySplit: 2 }] });
  const n = CUSTOMER_COLUMNS.length;
  ws.columns = CUSTOMER_COLUMNS.map((c) => ({ width: c.width }));
  // Title row above the header, merged across the table (exercises header detection).
  ws.getCell(1, 1).value = "2024年客户资料（华东省公司）";
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.getCell(1, 1).alignment = { horizontal: "center" };
  ws.mergeCells(1, 1, 1, n);
  styleHeader(ws.addRow(CUSTOMER_COLUMNS.map((c) => c.header)));
  ws.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2, column: n } };
  for (const r of rows) {
    const row = ws.addRow([]);
    CUSTOMER_COLUMNS.forEach((c, i) => setCell(row.getCell(i + 1), c.get(r), c.fmt));
  }
}

function formatTextDate(d: Date, rng: Rng): string {
  const y = d.getUTCFullYear(), m = d.getUTCMonth() + 1, dd = d.getUTCDate();
  return rng.chance(0.5) ? `${y}/${m}/${dd}` : `${y}年${m}月${dd}日`;
}

function formatYuanText(x: number): string {
  const [int, frac] = Math.abs(x).toFixed(2).split(".");
  return `${x < 0 ? "-" : ""}¥${int.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}.${frac}`;
}

interface SalesSheetStats {
  dataRows: number;
  returns: number;
  textDates: number;
  textAmounts: number;
  badRows: number;
}

function writeSalesSheet(wb: ExcelJS.Workbook, rng: Rng, lines: SalesLine[]): SalesSheetStats {
  const ws = wb.addWorksheet("销售记录", { views: [{ state: "frozen", ySplit: 1 }] });
  const headers = ["日期", "客户编号", "客户名称", "型号", "数量", "单价", "金额", "合约计划", "类型"];
  ws.columns = [12, 10, 32, 9, 8, 11, 14, 9, 7].map((width) => ({ width }));
  styleHeader(ws.addRow(headers));
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: headers.length } };

  const cells: Cell[][] = lines.map((l) => [
    l.date, l.customer.id, l.customer.name, l.model, l.quantity, l.unitPrice, l.amount, l.contractPlan ? "是" : "否", l.isReturn ? "退货" : "提货",
  ]);
  // Messy cells: dates as text, amounts as text with currency sign.
  let textDates = 0;
  for (const row of cells) {
    if (rng.chance(TEXT_DATE_SHARE)) {
      row[0] = formatTextDate(row[0] as Date, rng);
      textDates++;
    }
  }
  const textAmountRows = new Set<number>();
  while (textAmountRows.size < TEXT_AMOUNT_COUNT) textAmountRows.add(rng.int(0, cells.length - 1));
  for (const i of textAmountRows) cells[i][6] = formatYuanText(cells[i][6] as number);

  // Three deliberately bad rows for the issue list.
  const bad: Cell[][] = [
    ["2024-13-45", ...cells[1000].slice(1)],
    [cells[20000][0], ...cells[20000].slice(1, 4), "三", ...cells[20000].slice(5)],
    [cells[30000][0], null, ...cells[30000].slice(2)],
  ];
  cells.splice(30001, 0, bad[2]);
  cells.splice(20001, 0, bad[1]);
  cells.splice(1001, 0, bad[0]);

  const fmts = [undefined, undefined, undefined, undefined, "0", MONEY_FMT, MONEY_FMT, undefined, undefined];
  let qtySum = 0;
  let amountFen = 0;
  for (const r of cells) {
    const row = ws.addRow([]);
    r.forEach((v, i) => setCell(row.getCell(i + 1), v, fmts[i]));
    // The totals row sums what Excel's SUM would: numeric cells only.
    if (typeof r[4] === "number") qtySum += r[4];
    if (typeof r[6] === "number") amountFen += Math.round(r[6] * 100);
  }
  const total = ws.addRow([]);
  setCell(total.getCell(1), "合计");
  setCell(total.getCell(5), qtySum, "0");
  setCell(total.getCell(7), amountFen / 100, MONEY_FMT);
  total.font = { bold: true };

  return { dataRows: cells.length, returns: lines.filter((l) => l.isReturn).length, textDates, textAmounts: TEXT_AMOUNT_COUNT, badRows: bad.length };
}

function writePlanSheet(wb: ExcelJS.Workbook, plan: PlanRow[]): void {
  const ws = wb.addWorksheet(`计划 ${PLAN_MONTH.y}-${String(PLAN_MONTH.m).padStart(2, "0")}`, { views: [{ state: "frozen", ySplit: 1 }] });
  ws.columns = [10, 9, 10, 10, 14].map((width) => ({ width }));
  styleHeader(ws.addRow(["客户编号", "型号", "目标数量", "销售代表", "目标金额"]));
  for (const p of plan) {
    const row = ws.addRow([]);
    setCell(row.getCell(1), p.customer.id);
    setCell(row.getCell(2), p.model);
    setCell(row.getCell(3), p.targetQty, "0");
    setCell(row.getCell(4), p.customer.rep);
    setCell(row.getCell(5), p.targetQty * channelPrice(modelDef(p.model), p.customer.channel), WHOLE_MONEY_FMT);
  }
}

/**
 * 回款明细 / Collections (SPEC §8) for Q4 2024: per customer and month, the month's net pick-ups
 * are invoiced on one day and collected in one to three payments, mostly within 30 days and
 * sometimes late (outside the 30-day limit of rule H1). Its own random stream, so that the
 * other sheets stay as they were.
 */
function writeCollectionsSheet(wb: ExcelJS.Workbook, lines: SalesLine[]): number {
  const rng = new Rng(SEED + 1);
  const byKey = new Map<string, { customer: CustomerProfile; y: number; m: number; amount: number }>();
  for (const l of lines) {
    const y = l.date.getUTCFullYear(), m = l.date.getUTCMonth() + 1;
    if (y !== 2024 || m < 10) continue;
    const key = `${l.customer.id}|${m}`;
    const e = byKey.get(key) ?? { customer: l.customer, y, m, amount: 0 };
    e.amount += l.amount;
    byKey.set(key, e);
  }
  const ws = wb.addWorksheet("回款明细", { views: [{ state: "frozen", ySplit: 1 }] });
  ws.columns = [12, 10, 24, 14, 12].map((width) => ({ width }));
  styleHeader(ws.addRow(["回款日期", "客户编号", "客户名称", "回款金额", "发票日期"]));
  const end = day(2024, 12, 31).getTime();
  let rows = 0;
  for (const e of [...byKey.values()].sort((a, b) => a.m - b.m || (a.customer.id < b.customer.id ? -1 : 1))) {
    if (e.amount <= 0 || rng.chance(0.15)) continue; // some customers pay nothing in the quarter
    const invoice = day(e.y, e.m, rng.int(1, 20));
    const parts = rng.int(1, 3);
    let left = Math.round(e.amount * (0.7 + 0.3 * rng.float()));
    for (let i = 0; i < parts && left > 0; i++) {
      const late = rng.chance(0.2);
      const paid = new Date(invoice.getTime() + (late ? rng.int(31, 75) : rng.int(3, 30)) * 86_400_000);
      if (paid.getTime() > end) continue;
      const amount = i === parts - 1 ? left : Math.round(left * (0.3 + 0.4 * rng.float()));
      left -= amount;
      const row = ws.addRow([]);
      setCell(row.getCell(1), paid, DATE_FMT);
      setCell(row.getCell(2), e.customer.id);
      setCell(row.getCell(3), e.customer.name);
      setCell(row.getCell(4), amount, WHOLE_MONEY_FMT);
      setCell(row.getCell(5), invoice, DATE_FMT);
      rows++;
    }
  }
  return rows;
}

// ---------------------------------------------------------------------------------------
// SPEC §9's input sheets: dealer stock counts, sell-out reports, scarce supply and requests,
// and a visit log. A separate random stream, so the sheets above stay exactly as they were.
// ---------------------------------------------------------------------------------------

export interface JobSheets {
  stock: Cell[][];
  sellOut: Cell[][];
  supply: Cell[][];
  requests: Cell[][];
  visits: Cell[][];
}

/** Net units per customer × model in [from, to) (dates in UTC). */
function unitsBetween(lines: SalesLine[], from: Date, to: Date): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  for (const l of lines) {
    if (l.date < from || l.date >= to) continue;
    let m = out.get(l.customer.id);
    if (!m) out.set(l.customer.id, (m = new Map()));
    m.set(l.model, (m.get(l.model) ?? 0) + l.quantity);
  }
  return out;
}

export function makeJobSheets(customers: CustomerProfile[], lines: SalesLine[]): JobSheets {
  const rng = new Rng(SEED + 18);
  const revenue = revenue2024ByCustomer(lines);
  const top = customers
    .filter((c) => c.channel === "direct" && (revenue.get(c.id) ?? 0) > 0)
    .sort((a, b) => (revenue.get(b.id) ?? 0) - (revenue.get(a.id) ?? 0) || a.id.localeCompare(b.id));
  // Stock counts at the end of November and December for the 60 largest direct dealers, their
  // two main models; sell-through between 50% and 130% of what they bought, so some pile up and some run low.
  const dec = unitsBetween(lines, day(2024, 12, 1), day(2025, 1, 1));
  const stock: Cell[][] = [["日期", "客户编号", "客户名称", "型号", "库存数量"]];
  const sellOut: Cell[][] = [["日期", "客户编号", "型号", "销售数量"]];
  top.slice(0, 60).forEach((c, i) => {
    const models = [...(dec.get(c.id) ?? new Map<string, number>())].filter(([, q]) => q > 0).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 2);
    for (const [model, bought] of models) {
      const opening = Math.round(bought * (0.2 + rng.float() * 0.7));
      const sold = Math.round(bought * (0.5 + rng.float() * 0.8));
      const closing = Math.max(0, opening + bought - sold);
      stock.push([day(2024, 11, 30), c.id, c.name, model, opening], [day(2024, 12, 31), c.id, c.name, model, closing]);
      // Every sixth dealer reports its sell-out weekly (the report then beats the stock counts).
      if (i % 6 === 0) {
        const weeks = [day(2024, 12, 7), day(2024, 12, 14), day(2024, 12, 21), day(2024, 12, 28)];
        weeks.forEach((d, w) => sellOut.push([d, c.id, model, Math.round((sold * (w + 1)) / 4) - Math.round((sold * w) / 4)]));
      }
    }
  });
  // Peak-season supply of the two newest models: about 60% of what 45 dealers ask for.
  const requests: Cell[][] = [["客户编号", "客户名称", "型号", "申请数量"]];
  const supply: Cell[][] = [["型号", "可供数量"]];
  for (const model of ["I9300", "N7100"]) {
    let asked = 0;
    for (const c of top.slice(0, 45)) {
      const q = Math.max(5, Math.round((dec.get(c.id)?.get(model) ?? 0) * (0.8 + rng.float() * 0.8)));
      if (rng.chance(0.15)) continue;
      requests.push([c.id, c.name, model, q]);
      asked += q;
    }
    supply.push([model, Math.round(asked * 0.6)]);
  }
  // Visits to the 80 largest accounts in Q4 2024 by their reps: none, one or two a month.
  const visits: Cell[][] = [["拜访日期", "客户编号", "客户名称", "拜访人", "拜访内容"]];
  const topics = ["季度返利对账", "旺季备货沟通", "新品上市推介", "合同续签", "库存盘点"];
  for (const c of top.slice(0, 80)) {
    for (const m of [10, 11, 12]) {
      const n = rng.int(0, 2);
      for (let k = 0; k < n; k++) visits.push([day(2024, m, rng.int(1, 28)), c.id, c.name, c.rep, rng.pick(topics)]);
    }
  }
  return { stock, sellOut, supply, requests, visits };
}

function writeTableSheet(wb: ExcelJS.Workbook, name: string, rows: Cell[][]): void {
  const ws = wb.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
  ws.columns = rows[0].map((_, i) => ({ width: clamp(Math.max(...rows.slice(0, 50).map((r) => displayWidth(r[i]))) + 2, 8, 32) }));
  styleHeader(ws.addRow(rows[0] as Cell[]));
  for (const r of rows.slice(1)) {
    const row = ws.addRow([]);
    r.forEach((v, i) => setCell(row.getCell(i + 1), v, typeof v === "number" ? "0" : undefined));
  }
}

/** Setting keys whose value is a share (written with a 0% format). */
const SHARE_SETTING_KEYS = new Set([...TIER_SETTINGS, ...CALL_SETTINGS].filter((s) => s.kind === "share").map((s) => s.key));

function writePolicySheets(wb: ExcelJS.Workbook): void {
  for (const { sheet, rows } of policySheets()) {
    const ws = wb.addWorksheet(sheet.name, { views: [{ state: "frozen", ySplit: 1 }] });
    const width = Math.max(...rows.map((r) => r.length));
    ws.columns = Array.from({ length: width }, (_, i) => ({
      width: clamp(Math.max(...rows.map((r) => displayWidth(r[i]))) + 2, 8, sheet.id === "rebateRules" && String(rows[0][i]).startsWith("备注") ? 60 : 40),
    }));
    styleHeader(ws.addRow(rows[0] as Cell[]));
    const settings = sheet.id === "tierRules" || sheet.id === "callPlan";
    for (const r of rows.slice(1)) {
      const row = ws.addRow([]);
      r.forEach((v, i) => {
        const share = (settings && i === 2 && SHARE_SETTING_KEYS.has(String(r[0]))) || sheet.percentColumns?.includes(i);
        setCell(row.getCell(i + 1), v, share ? "0%" : undefined);
      });
    }
  }
}

/** Rough display width: CJK characters count double. */
function displayWidth(v: Cell | undefined): number {
  if (v === null || v === undefined) return 0;
  if (v instanceof Date) return 10;
  return [...String(v)].reduce((w, ch) => w + (/[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 2 : 1), 0);
}

/**
 * Rewrite the zip with a fixed timestamp on every entry so the bytes are the same on every
 * run. The local-time constructor makes the DOS date identical in every time zone.
 */
function normalizeZip(buf: Uint8Array): Uint8Array {
  const files = unzipSync(buf);
  const mtime = new Date(2025, 0, 2, 9, 0, 0);
  const out: Zippable = {};
  for (const name of Object.keys(files)) out[name] = [files[name], { mtime, level: 6 }];
  return zipSync(out);
}

export interface DemoStats {
  customers: number;
  salesLines: number;
  salesSheetRows: number;
  returns: number;
  textDates: number;
  planRows: number;
  collectionRows: number;
  bytes: number;
}

/** Build the demo workbook; returns the .xlsx bytes and a few counts. */
export async function buildDemo(): Promise<{ bytes: Uint8Array; stats: DemoStats }> {
  const rng = new Rng(SEED);
  const customers = makeCustomers(rng);
  // History up to the plan month, then the plan, then the plan month itself, in which the
  // reps push the planned models.
  const planIndex = (PLAN_MONTH.y - FIRST_YEAR) * 12 + PLAN_MONTH.m - 1;
  const history = makeSalesLines(rng, customers, 0, planIndex - 1);
  const plan = makePlan(rng, customers, history);
  const planMonth = makeSalesLines(rng, customers, planIndex, MONTHS - 1, planMixFor(plan));
  const lines = sortLines([...history, ...planMonth]);
  const customerRows = makeCustomerRows(rng, customers, lines);

  const wb = new ExcelJS.Workbook();
  wb.creator = "TierPlan demo";
  wb.lastModifiedBy = "TierPlan demo";
  wb.created = FIXED_STAMP;
  wb.modified = FIXED_STAMP;
  writeCustomerSheet(wb, customerRows);
  const sales = writeSalesSheet(wb, rng, lines);
  writePlanSheet(wb, plan);
  const collectionRows = writeCollectionsSheet(wb, lines);
  writePolicySheets(wb);
  const jobs = makeJobSheets(customers, lines);
  writeTableSheet(wb, "库存", jobs.stock);
  writeTableSheet(wb, "分销上报", jobs.sellOut);
  writeTableSheet(wb, "可供数量", jobs.supply);
  writeTableSheet(wb, "配货申请", jobs.requests);
  writeTableSheet(wb, "拜访记录", jobs.visits);

  const bytes = normalizeZip(new Uint8Array(await wb.xlsx.writeBuffer()));
  return {
    bytes,
    stats: {
      customers: customers.length,
      salesLines: lines.length,
      salesSheetRows: sales.dataRows,
      returns: sales.returns,
      textDates: sales.textDates,
      planRows: plan.length,
      collectionRows,
      bytes: bytes.length,
    },
  };
}

async function main(): Promise<void> {
  const out = path.resolve(process.argv[2] ?? DEFAULT_OUT);
  const t0 = Date.now();
  const { bytes, stats } = await buildDemo();
  await fs.writeFile(out, bytes);
  console.log(`wrote ${path.relative(process.cwd(), out)} (${stats.bytes.toLocaleString("en")} bytes) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  console.log(
    `  customers ${stats.customers}, sales lines ${stats.salesLines} (${stats.returns} returns, ${stats.textDates} text dates) ` +
      `+ 3 bad rows + totals row, plan rows ${stats.planRows}, collections ${stats.collectionRows}`,
  );
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
