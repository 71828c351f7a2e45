/**
 * The analyses TierPlan runs, in order. Later ones may read earlier results (value classes
 * use ABC; the plan's core-account quality uses value classes), so order matters.
 */
import { callListAnalysis } from "../analyses/callList";
import { funnelAnalysis } from "../analyses/funnel";
import { planAnalysis } from "../analyses/plan";
import { rebatesAnalysis } from "../analyses/rebates";
import { tieringAnalysis } from "../analyses/tiering";
import type { Analysis } from "./context";

export const ANALYSES: Analysis[] = [tieringAnalysis, funnelAnalysis, callListAnalysis, planAnalysis, rebatesAnalysis];
