/**
 * Run options, as the CLI flags and the task pane's controls give them (SPEC §7).
 */
import type { CustomerField, PlanField, SalesField } from "../sheets/fields";

export type Lang = "zh" | "en";

export interface RunOptions {
  /** Call-list day, YYYY-MM-DD. Default: first working day after the last sale. */
  asOf?: string;
  /** Analysis period "YYYY-MM..YYYY-MM". Default: the last `period.months` full months of sales. */
  period?: string;
  /** Plan/rebate month "YYYY-MM". Default: the last month with sales. */
  month?: string;
  /**
   * Header overrides: field → header text (`--map model=产品名称`), per table
   * (`sales.model=…`, `customers.name=…`) or a sheet (`sales=出库明细`).
   */
  map?: Partial<Record<CustomerField | SalesField | PlanField | `sales.${string}` | `customers.${string}` | "sales" | "customers", string>>;
  /** Force sheet choice (the task pane's mapping step). */
  sheets?: { customers?: string; sales?: string };
  /** Language of the output sheets. */
  lang?: Lang;
  /**
   * Profile cards (客户资料卡): "A" (class A and VKA accounts, the default list), an ABC class,
   * a grade, or customer IDs. Absent: no card sheet.
   */
  cards?: string[];
  /** Timestamp recorded in the registry (injected so that runs are reproducible in tests). */
  now?: string;
}
