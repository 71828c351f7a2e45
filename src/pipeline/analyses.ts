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
