/**
 * The analyses TierPlan runs, in order. Later ones may read earlier results (value classes
 * use ABC; the plan's core-account quality uses value classes), so order matters.
 */
import { callListAnalysis } from "../analyses/callList";
import { funnelAnalysis } from "../analyses/funnel";
import { planAnalysis } from "../analyses/plan";
import { rebatesAnalysis } from "../analyses/rebates";
import { tieringAnalysis } from "../analyses/tiering";
import { allocationAnalysis } from "../analyses/allocation";
import { cardsAnalysis } from "../analyses/cards";
import { stockAnalysis } from "../analyses/stock";
import { visitsAnalysis } from "../analyses/visits";
import { xyzAnalysis } from "../analyses/xyz";
import type { Analysis } from "./context";

// SPEC §9's jobs: XYZ reads the tiering; stock runs before the call list (overstocked dealers
// are priority calls); allocation and visits read the grades; the profile cards read everything.
export const ANALYSES: Analysis[] = [
  tieringAnalysis, xyzAnalysis, stockAnalysis, funnelAnalysis, callListAnalysis, planAnalysis, rebatesAnalysis,
  allocationAnalysis, visitsAnalysis, cardsAnalysis,
];

/** Analyses another one reads (run first when only that one is asked for). */
const DEPENDS_ON: Partial<Record<Analysis["id"], Analysis["id"][]>> = {
  xyz: ["tiering"],
  allocation: ["tiering"],
  visits: ["tiering"],
  cards: ["tiering", "xyz", "stock", "plan", "rebates", "visits"],
};

/** The asked-for analyses plus what they read. */
export function withDependencies(only: Analysis["id"][]): Analysis["id"][] {
  return [...new Set(only.flatMap((id) => [...(DEPENDS_ON[id] ?? []), id]))];
}
