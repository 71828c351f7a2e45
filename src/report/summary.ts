/**
 * The JSON summary of SPEC §7 (schemaVersion 1). Field names are a contract: tools and
 * finance scripts read them. Money is in yuan rounded to 2 dp; shares are 0–1.
 */
import type { Issue } from "../domain/issues";

export interface CustomerSummary {
  customerId: string;
  name: string;
  channel: string | null;
  office: string | null;
  rep: string | null;
  revenue: number;
  rank: number;
  share: number;
  cumShare: number | null;
  abc: "A" | "B" | "C";
  valueClass: "core" | "value" | "potential" | "low" | null;
  grade: string | null;
  score: number | null;
  stage: number | null;
  temperature: string | null;
  /** ABC-XYZ (SPEC §9): regularity of monthly buying; cv null when the mean is ≤ 0. */
  xyz?: "X" | "Y" | "Z";
  cv?: number | null;
}

type Cell = { count: number; revenue: number };

/** SPEC §9's JSON sections (present when their job ran). */
export interface JobSummaries {
  xyz?: Record<"A" | "B" | "C", Record<"X" | "Y" | "Z", Cell>> & { thresholds: { x: number; y: number } };
  allocation?: { model: string; customerId: string; requested: number; allocated: number; group: string; reason: string }[];
  stock?: { customerId: string; model: string; sellIn: number; sellThrough: number | null; stock: number; daysOfStock: number | null; flag: "overstock" | "stockOutRisk" | null }[];
  visits?: {
    month: string;
    capacity: { visitor: string; capacity: number; required: number; planned: number }[];
    schedule: { date: string; visitor: string; customerId: string; office: string | null; round: number }[];
    unplanned: { visitor: string; customerId: string; round: number }[];
    coverage: { month: string; accounts: { customerId: string; required: number; done: number; lastVisit: string | null; nextVisit: string | null }[] };
  };
  cards?: { customerIds: string[] };
}

export interface Summary extends JobSummaries {
  schemaVersion: 1;
  period: { from: string; to: string } | null;
  customers: CustomerSummary[];
  abc: Record<"A" | "B" | "C", { count: number; revenue: number }>;
  grades: { office: string; grade: string; target: number; actual: number; gap: number }[];
  funnel: {
    byStage: Record<string, number>;
    byTemperature: Record<string, number>;
    byContractStatus: Record<string, number>;
    [k: string]: unknown;
  };
  callList: { date: string; rep: string; customerId: string; reason: string; [k: string]: unknown }[];
  /** The whole cycle's plan (SPEC §3.3), sorted by date, rep and order in the day. */
  callSchedule: { date: string; rep: string; customerId: string; priority: boolean }[];
  plan: {
    month: string | null;
    /** score null when the target is 0 (no achievement to score). */
    accounts: { customerId: string; target: number; actual: number; achievement: number | null; score: number | null; [k: string]: unknown }[];
    /** null office = customers without one; null figures = no planned accounts (blank, not 0). */
    offices: { office: string | null; channelScore: number | null; coreQuality: number | null; cooperationRate: number | null; [k: string]: unknown }[];
    /** The month's achievement (domain/plan.ts monthAchievement), the one rate every view shows; absent before a plan run. */
    total?: { target: number; actual: number; achievement: number | null };
    [k: string]: unknown;
  };
  rebates: {
    month: string | null;
    total: number;
    byCustomer: { customerId: string; pickup: number; volume: number; contract: number; other: number; target?: number; collection?: number; growth?: number; total: number }[];
    reconciliation: { salesAmount: number; rebatedAmount: number; notRebatedAmount: number };
    [k: string]: unknown;
  };
  issues: Pick<Issue, "severity" | "sheet" | "cell" | "message">[] & Partial<Issue>[];
}

export function emptySummary(): Summary {
  return {
    schemaVersion: 1,
    period: null,
    customers: [],
    abc: { A: { count: 0, revenue: 0 }, B: { count: 0, revenue: 0 }, C: { count: 0, revenue: 0 } },
    grades: [],
    funnel: { byStage: {}, byTemperature: {}, byContractStatus: {} },
    callList: [],
    callSchedule: [],
    plan: { month: null, accounts: [], offices: [] },
    rebates: { month: null, total: 0, byCustomer: [], reconciliation: { salesAmount: 0, rebatedAmount: 0, notRebatedAmount: 0 } },
    issues: [],
  };
}
