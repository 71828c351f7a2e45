/** Results of each analysis, filled in pipeline order (later analyses may read earlier ones). */
import type { TieringResult } from "../domain/tiering";

export interface Results {
  tiering?: TieringResult;
  funnel?: unknown;
  callList?: unknown;
  plan?: unknown;
  rebates?: unknown;
}
