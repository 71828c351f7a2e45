/** Plain data the components show. No engine code here, so components stay light. */
import type { Issue } from "../../domain/issues";
import type { MessageKey } from "../../i18n";
import type { UserError } from "../services/EngineHost";
import type { PaneSummary } from "../services/engineApi";

export type Role = "customers" | "sales";
export type Step = "read" | "compute" | "write";
export const STEPS: Step[] = ["read", "compute", "write"];
/** Within "compute": loading the tables, one analysis of several, or the issues list. */
export type StepDetail = { phase: "load" | "report" } | { analysis: string; index: number; total: number };

export interface Bilingual {
  zh: string;
  en: string;
}

export interface FieldChoice {
  key: string;
  label: Bilingual;
  required: boolean;
  /** Header text chosen for the field (null: not mapped). */
  header: string | null;
  /** What header detection found on its own. */
  detected: string | null;
  /** Why detection took that column (share of dates, numbers …), shown under the dropdown. */
  evidence?: Bilingual | null;
  /** A close runner-up detection left (named so that a person can switch). */
  alternative?: string | null;
}

export interface RoleMapping {
  role: Role;
  /** Chosen sheet (null: none found / none chosen). */
  sheet: string | null;
  /** 0-based sheet row of the header row, when one was found. */
  headerRow: number | null;
  /** Non-empty header texts of that row, in column order. */
  headers: string[];
  fields: FieldChoice[];
  /** What the detector made of the sheet ("销售明细", "客户编号跨行重复：是明细表…"). */
  reason?: Bilingual | null;
}

export interface MappingModel {
  /** Visible sheets a table can be in. */
  sheets: string[];
  customers: RoleMapping;
  sales: RoleMapping;
}

/** What is remembered in the workbook's settings. */
export interface RememberedMapping {
  sheets?: Partial<Record<Role, string | null>>;
  columns?: Partial<Record<Role, Record<string, string>>>;
}

export interface PolicyStatus {
  present: string[];
  missing: Bilingual[];
}

export interface AnalysisInfo {
  id: string;
  label: Bilingual;
  /** False for an analysis that is not run on its own (profile cards are asked for per customer); its label still names it in the progress. */
  selectable?: boolean;
}

export interface RunForm {
  periodFrom: string;
  periodTo: string;
  month: string;
  asOf: string;
  /** "all" or one analysis id. */
  only: string;
}

export const EMPTY_FORM: RunForm = { periodFrom: "", periodTo: "", month: "", asOf: "", only: "all" };

export interface RunResult {
  summary: PaneSummary;
  issues: Issue[];
  failed: boolean;
  seconds: number;
}

export interface Notice {
  key: MessageKey;
  vars?: Record<string, string | number>;
  intent: "success" | "info" | "warning";
}

export type { UserError };
