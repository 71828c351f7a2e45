/** Results of each analysis, filled in pipeline order (later analyses may read earlier ones). */
import type { CallPlanResult } from "../domain/callList";
import type { FunnelResult } from "../domain/funnel";
import type { PlanResult } from "../domain/plan";
import type { RebateForecast, RebateResult, VoucherResult } from "../domain/rebates";
import type { TieringResult } from "../domain/tiering";
import type { AllocationResult } from "../domain/allocation";
import type { StockRow } from "../domain/stock";
import type { VisitPlanResult } from "../domain/visits";
import type { XyzRow } from "../domain/xyz";

export interface Results {
  tiering?: TieringResult;
  funnel?: FunnelResult;
  callList?: CallPlanResult;
  plan?: PlanResult;
  rebates?: RebateResult;
  rebateForecast?: RebateForecast[];
  rebateVouchers?: VoucherResult;
  xyz?: ReadonlyMap<string, XyzRow>;
  stock?: StockRow[];
  allocation?: AllocationResult;
  visits?: VisitPlanResult;
}
