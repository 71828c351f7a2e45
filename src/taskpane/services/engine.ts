/**
 * The engine side of the task pane: header detection for the mapping step, the policy
 * sheets, and the pipeline. Loaded with import() so the first paint does not wait for it.
 */
import { ANALYSES } from "../../pipeline/analyses";
import { CUSTOMER_SHEET_NAMES, reservedSheets } from "../../pipeline/load";
import type { RunOptions } from "../../pipeline/options";
import { runPipeline, type RunOutput } from "../../pipeline/run";
import { emptyPatch, type WorkbookPatch } from "../../report/patch";
import { policyTemplateSheets } from "../../report/policyTemplate";
import { CUSTOMER_FIELDS, SALES_FIELDS, type FieldDef } from "../../sheets/fields";
import type { WorkbookGrids } from "../../sheets/grid";
import { detectHeader } from "../../sheets/headers";
import { detectSheet, detectWorkbook, type FieldChoice as Detected, type SheetDetection } from "../../sheets/detect";
import { overridesFrom } from "../../pipeline/load";
import { POLICY_SHEETS } from "../../sheets/policy/sheets";
import { rememberRun } from "./cards";
import type { AnalysisInfo, MappingModel, PolicyStatus, RememberedMapping, Role, RoleMapping, RunForm } from "../state/types";


/** The detector's field for a pane field key (the customer master's name is the detector's customerName). */
function detectedField(d: SheetDetection | null, role: Role, key: string): Detected | undefined {
  if (!d) return undefined;
  const k = role === "customers" && key === "name" ? "customerName" : key;
  const f = d.fields[k as Detected["field"]];
  if (role === "sales" && key === "customerId" && !f) return d.fields.customerName;
  return f;
}
const FIELDS: Record<Role, FieldDef[]> = { customers: CUSTOMER_FIELDS, sales: SALES_FIELDS };

/**
 * Detect one role's table on a given sheet (or pick the sheet when `sheet` is undefined), with
 * the same detector the pipeline uses (src/sheets/detect): header row, composed two-row
 * headers, core columns with their evidence; the optional columns by header words.
 */
export function detectRole(wb: WorkbookGrids, role: Role, sheet: string | null | undefined, remembered: Record<string, string> = {}, exclude: Set<string> = new Set()): RoleMapping {
  const fields = FIELDS[role];
  const ov = overridesFrom({ map: Object.fromEntries(Object.entries(remembered).map(([k, v]) => [`${role}.${k}`, v])) as never });
  let name = sheet;
  if (name === undefined) {
    const det = detectWorkbook(wb, { sales: {}, customers: {} }, new Set([...reservedSheets(wb, []), ...exclude]), CUSTOMER_SHEET_NAMES);
    if (role === "sales") {
      // No sheet reads as sales lines: pre-select the one that holds most of a ledger, for the person to complete.
      const partial = det.sheets.filter((d) => d.role === "other" && Object.keys(d.fields).length >= 2).sort((a, b) => b.score - a.score)[0];
      name = det.sales[0]?.sheet ?? partial?.sheet ?? null;
    } else name = det.customers?.sheet ?? null;
  }
  const grid = name ? wb.sheets.find((s) => s.name === name) : undefined;
  if (!grid) return { role, sheet: name ?? null, headerRow: null, headers: [], fields: fields.map((f) => ({ key: f.key, label: f.label, required: f.required, header: null, detected: null })) };
  const auto = detectSheet(grid, { sales: {}, customers: {} });
  const mine = Object.keys(remembered).length ? detectSheet(grid, ov) : auto;
  const headerRow = mine.headers.length ? mine.headerRow : null;
  const headers = mine.headers.filter((h) => h !== "");
  // Optional columns (channel, rep, scorecard …) by header words on the same header reading.
  const rest = detectHeader({ ...grid, rows: [mine.headers], origin: { row: 0, col: grid.origin.col } }, fields, remembered as never);
  return {
    role,
    sheet: grid.name,
    headerRow,
    headers,
    reason: mine.reason,
    fields: fields.map((f) => {
      const a = detectedField(auto, role, f.key);
      const m = detectedField(mine, role, f.key);
      const detected = (a && auto.headerRow === mine.headerRow ? a.header : null) ?? (auto.headerRow === mine.headerRow ? rest?.headerText[f.key as never] ?? null : null);
      const rememberedHeader = remembered[f.key];
      const header = rememberedHeader && headers.includes(rememberedHeader) ? rememberedHeader : m?.header ?? rest?.headerText[f.key as never] ?? detected;
      return { key: f.key, label: f.label, required: f.required, header: header || null, detected: detected || null, evidence: m?.evidence ?? null, alternative: m?.alternative?.header ?? null };
    }),
  };
}

/** The mapping step's model: the sales sheet first (the pipeline's order), then customers. */
export function detectMapping(wb: WorkbookGrids, remembered: RememberedMapping = {}): MappingModel {
  const own = reservedSheets(wb, []);
  const exists = (n: string | null | undefined) => n === null || (n !== undefined && wb.sheets.some((s) => s.name === n));
  const salesSheet = exists(remembered.sheets?.sales) ? remembered.sheets?.sales ?? undefined : undefined;
  const sales = detectRole(wb, "sales", salesSheet, remembered.columns?.sales);
  const custSheet = exists(remembered.sheets?.customers) ? remembered.sheets?.customers : undefined;
  const customers = detectRole(wb, "customers", custSheet, remembered.columns?.customers, new Set(sales.sheet ? [sales.sheet] : []));
  return { sheets: wb.sheets.filter((s) => !s.hidden && !own.has(s.name)).map((s) => s.name), customers, sales };
}

/** What to remember: the sheets, and the columns the user set differently from detection. */
export function rememberMapping(m: MappingModel): RememberedMapping {
  const cols = (r: RoleMapping) => Object.fromEntries(r.fields.filter((f) => f.header && f.header !== f.detected).map((f) => [f.key, f.header!]));
  return { sheets: { customers: m.customers.sheet, sales: m.sales.sheet }, columns: { customers: cols(m.customers), sales: cols(m.sales) } };
}

export function policyStatus(wb: WorkbookGrids): PolicyStatus {
  const names = new Set(wb.sheets.map((s) => s.name.toLowerCase()));
  const present: string[] = [];
  const missing: PolicyStatus["missing"] = [];
  for (const def of Object.values(POLICY_SHEETS)) {
    const hit = wb.sheets.find((s) => def.names.some((n) => n.toLowerCase() === s.name.toLowerCase()));
    if (hit) present.push(hit.name);
    else if (!def.names.some((n) => names.has(n.toLowerCase()))) missing.push({ zh: def.names[0], en: def.names[1] });
  }
  return { present, missing };
}

export function analyses(): AnalysisInfo[] {
  // Profile cards are asked for by customer (the card panel), not run as an analysis of their own.
  return ANALYSES.map((a) => ({ id: a.id, label: a.label, ...(a.id === "cards" ? { selectable: false } : {}) }));
}

/** A patch that only adds the policy sheets (people own them once made). */
export function policyPatch(): WorkbookPatch {
  const patch = emptyPatch();
  patch.userSheets = policyTemplateSheets();
  return patch;
}

/** Form + mapping → pipeline options. Only columns that differ from detection become overrides. */
export function toRunOptions(m: MappingModel | null, form: RunForm, lang: "zh" | "en"): RunOptions {
  const opts: RunOptions = { lang };
  if (m) {
    opts.sheets = {};
    if (m.sales.sheet) opts.sheets.sales = m.sales.sheet;
    if (m.customers.sheet) opts.sheets.customers = m.customers.sheet;
    const map: Record<string, string> = {};
    // Customers first, sales last: a key both tables share (customerId, channel) follows the sales sheet.
    for (const r of [m.customers, m.sales]) for (const f of r.fields) if (f.header && f.header !== f.detected) map[f.key] = f.header;
    if (Object.keys(map).length) opts.map = map as RunOptions["map"];
  }
  if (form.periodFrom && form.periodTo) opts.period = `${form.periodFrom}..${form.periodTo}`;
  if (form.month) opts.month = form.month;
  if (form.asOf) opts.asOf = form.asOf;
  return opts;
}

/** "all" → every analysis; an id → just that one. */
export function onlyOf(only: string): string[] | undefined {
  return only && only !== "all" ? [only] : undefined;
}

export function run(wb: WorkbookGrids, options: RunOptions, only?: string[]): RunOutput {
  const out = runPipeline(wb, options, only as never);
  rememberRun(out);
  return out;
}

export { lookupCard, type CardQuery, type CardView } from "./cards";
