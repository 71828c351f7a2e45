/**
 * grid → typed records: find the customers, sales, plan and policy sheets, read them, and
 * report every problem with its sheet and cell.
 */
import type { IssueLog } from "../domain/issues";
import { SalesLedger } from "../domain/ledger";
import type { Channel, Collection, Customer, PlanEntry, Policy, SalesLine } from "../domain/model";
import { readCollections } from "../sheets/collections";
import { CUSTOMER_FIELDS, CustomerField, FieldDef, SALES_FIELDS, SalesField, normalizeHeader } from "../sheets/fields";
import { HeaderMatch, matchHeaderRow } from "../sheets/headers";
import { cellAddress, type SheetGrid, type WorkbookGrids } from "../sheets/grid";
import { detectWorkbook, FieldChoice, Overrides, SheetDetection, WorkbookDetection } from "../sheets/detect";
import { refusal } from "../sheets/detect/refusal";
import { readCustomers } from "../sheets/customers";
import { readPlans } from "../sheets/plan";
import { POLICY_SHEETS } from "../sheets/policy/sheets";
import { readPolicy } from "../sheets/policy/read";
import { readSales } from "../sheets/sales";
import { REGISTRY_SHEET } from "../report/ownership";
import { JOB_SHEET_NAMES, JobInputs, readJobInputs } from "../sheets/jobInputs";
import { visitsAsContacts } from "../domain/visits";
import { CustomersById } from "./customerIndex";
import type { RunOptions } from "./options";

export interface Loaded {
  customers: Customer[];
  /** The sales lines by column; `ledger.customer[i]` indexes `customers`. */
  ledger: SalesLedger;
  /**
   * The same lines as objects, built on first read (a getter): only analyses that need line
   * objects (rebates, plan, stock, cards) pay for them.
   */
  readonly sales: SalesLine[];
  /**
   * The customers by ID, once for the run: the analyses and reports each made their own (nine
   * maps of 50,000 customers, ~40 ms in the bench). It answers through the readers' own index.
   */
  customerById: CustomersById;
  plans: PlanEntry[];
  /** 回款明细 rows (SPEC §8), for collection rebates; empty without the sheet. */
  collections: Collection[];
  policy: Policy;
  customerTable: HeaderMatch<CustomerField> | null;
  /** The first sales sheet read (the one reports link to). */
  salesTable: HeaderMatch<SalesField> | null;
  /** Every sales sheet read as one ledger, in order. */
  salesTables: HeaderMatch<SalesField>[];
  /** What the detector made of every sheet (the run's first lines, the JSON summary, the task pane). */
  detection: WorkbookDetection;
  policySheets: Partial<Record<string, string>>;
  /** True when the customer list was derived from the sales lines. */
  customersDerived: boolean;
  /** SPEC §9's optional inputs (stock, sell-out, supply, requests, visit log). */
  jobs: JobInputs;
}

/** Sheet names that mark the customer and sales sheets (the task pane pre-selects with the same lists). */
export const CUSTOMER_SHEET_NAMES = ["客户资料", "客户", "客户信息", "客户档案", "客户清单", "Customers", "Customer", "Accounts"];
export const SALES_SHEET_NAMES = ["销售记录", "提货明细", "销售明细", "销售数据", "Sales", "Sales lines", "Orders"];

/** Sheets that are never user data: TierPlan's own outputs and the policy sheets. */
export function reservedSheets(wb: WorkbookGrids, ownSheets: string[]): Set<string> {
  const s = new Set<string>([REGISTRY_SHEET, ...ownSheets]);
  const policyNames = Object.values(POLICY_SHEETS).flatMap((d) => d.names.map((n) => n.toLowerCase()));
  for (const sh of wb.sheets) if (policyNames.includes(sh.name.toLowerCase())) s.add(sh.name);
  // The job sheets (库存, 配货申请, …) have dates, customers, models and quantities too: never sales.
  for (const sh of wb.sheets) if (JOB_SHEET_NAMES.has(normalizeHeader(sh.name))) s.add(sh.name);
  return s;
}

function listPriceLookup(policy: Policy) {
  // Prefer the price a channel actually pays: dealer, distribution, consignment, then retail.
  const order = ["dealer", "distributionIn", "consignment", "retail"];
  const best = new Map<string, { rank: number; price: number }>();
  for (const p of policy.prices) {
    const key = `${p.model}\u0000${p.channel ?? ""}`;
    const rank = order.indexOf(p.kind);
    const cur = best.get(key);
    if (!cur || rank < cur.rank) best.set(key, { rank, price: p.price });
  }
  return (model: string, channel: Channel | null) =>
    best.get(`${model}\u0000${channel ?? ""}`)?.price ?? best.get(`${model}\u0000`)?.price ?? null;
}

/** --map entries split per table: `field=H` (both tables), `sales.field=H`, `customers.field=H`, `sales=Sheet`. */
export function overridesFrom(options: RunOptions): Overrides {
  const map = (options.map ?? {}) as Record<string, string | undefined>;
  const ov: Overrides = { sales: {}, customers: {}, salesSheet: options.sheets?.sales, customersSheet: options.sheets?.customers };
  const salesKeys = new Set<string>(SALES_FIELDS.map((f) => f.key));
  const customerKeys = new Set<string>(CUSTOMER_FIELDS.map((f) => f.key));
  for (const [k, v] of Object.entries(map)) {
    if (v === undefined) continue;
    if (k === "sales") ov.salesSheet = v;
    else if (k === "customers") ov.customersSheet = v;
    else if (k.startsWith("sales.")) ov.sales[k.slice(6)] = v;
    else if (k.startsWith("customers.")) ov.customers[k.slice(10) === "name" ? "customerName" : k.slice(10)] = v;
    else {
      if (salesKeys.has(k)) ov.sales[k] = v;
      if (customerKeys.has(k)) ov.customers[k === "name" ? "customerName" : k] = v;
    }
  }
  return ov;
}

/** Sheet columns of the fields the detector does not score (channel, rep, scorecard…), by header words. */
function extraColumns<K extends string>(d: SheetDetection, fields: FieldDef<K>[], taken: Set<number>, overrides: Partial<Record<K, string>>, origin: number) {
  const cells = d.headers.map((h, i) => (taken.has(i + origin) ? null : h));
  const { columns } = matchHeaderRow(cells, fields, overrides);
  return columns;
}

/** The detector's reading of a sales sheet as the HeaderMatch the row readers take. */
export function salesMatch(d: SheetDetection, grid: SheetGrid, ov: Overrides): HeaderMatch<SalesField> {
  const columns: Partial<Record<SalesField, number>> = {};
  const headerText: Partial<Record<SalesField, string>> = {};
  for (const f of Object.values(d.fields) as FieldChoice[]) {
    columns[f.field] = f.col;
    headerText[f.field] = f.header;
  }
  if (columns.customerId === undefined && columns.customerName !== undefined) {
    columns.customerId = columns.customerName;
    headerText.customerId = headerText.customerName;
  }
  const extra = SALES_FIELDS.filter((f) => f.key === "channel" || f.key === "contractPlan" || f.key === "orderType");
  const more = extraColumns(d, extra, new Set(Object.values(columns) as number[]), ov.sales as never, grid.origin.col);
  for (const [k, c] of Object.entries(more) as [SalesField, number][]) {
    columns[k] = c + grid.origin.col;
    headerText[k] = d.headers[c];
  }
  const fillDown = d.fillDown.map((f) => (f === "customerName" && columns.customerId === columns.customerName ? "customerId" : f)) as SalesField[];
  return { sheet: d.sheet, headerRow: d.headerRow, columns, headerText, missing: [], lastCol: grid.origin.col + d.headers.length - 1, score: d.score, lastRow: d.lastRow, fillDown };
}

function customerMatch(d: SheetDetection, grid: SheetGrid, ov: Overrides): HeaderMatch<CustomerField> {
  const id = d.fields.customerId!;
  const name = d.fields.customerName ?? id;
  const columns: Partial<Record<CustomerField, number>> = { customerId: id.col, name: name.col };
  const headerText: Partial<Record<CustomerField, string>> = { customerId: id.header, name: name.header };
  const taken = new Set([id.col, name.col]);
  // Sales-only columns the detector may have taken (a date, a quantity) stay free for the master's own fields.
  const rest = CUSTOMER_FIELDS.filter((f) => f.key !== "customerId" && f.key !== "name");
  const more = extraColumns(d, rest, taken, ov.customers as never, grid.origin.col);
  for (const [k, c] of Object.entries(more) as [CustomerField, number][]) {
    columns[k] = c + grid.origin.col;
    headerText[k] = d.headers[c];
  }
  return { sheet: d.sheet, headerRow: d.headerRow, columns, headerText, missing: [], lastCol: grid.origin.col + d.headers.length - 1, score: d.score, lastRow: d.lastRow };
}

export function loadWorkbook(wb: WorkbookGrids, options: RunOptions, issues: IssueLog, ownSheets: string[] = []): Loaded {
  const reserved = reservedSheets(wb, ownSheets);
  const { policy, sheets: policySheets } = readPolicy(wb, issues);
  const collectionsRead = readCollections(wb, issues);
  // The collections sheet has a date, a customer and an amount: never the sales or customer sheet.
  if (collectionsRead.sheet) reserved.add(collectionsRead.sheet);
  const ov = overridesFrom(options);
  const detection = detectWorkbook(wb, ov, reserved, CUSTOMER_SHEET_NAMES);
  const gridOf = (name: string) => wb.sheets.find((s) => s.name === name)!;

  let customers: Customer[] = [];
  // Each customer's position in `all` by ID: filled by the customer reader, then by each sales
  // sheet with the customers only the lines name.
  const indexOf = new Map<string, number>();
  const customerTable = detection.customers ? customerMatch(detection.customers, gridOf(detection.customers.sheet), ov) : null;
  if (customerTable) customers = readCustomers(gridOf(customerTable.sheet), customerTable, issues, indexOf);
  const masterCount = customers.length;

  const salesTables = detection.sales.map((d) => salesMatch(d, gridOf(d.sheet), ov));
  const ledger = new SalesLedger(salesTables.reduce((n, t) => n + gridOf(t.sheet).rows.length, 0));
  const price = listPriceLookup(policy);
  // Every sales sheet of the ledger is read against the customers known so far, so that
  // customer indexes stay one numbering across sheets (and files).
  const all: Customer[] = customers;
  for (const table of salesTables) {
    const read = readSales(gridOf(table.sheet), table, issues, (model, channel) => price(model, channel), all, ledger, indexOf);
    for (const u of read.unknown) all.push(derivedCustomer(u.customerId, u.name ?? u.customerId, u.channel));
  }
  ledger.customerIds = all.map((c) => c.customerId);
  ledger.trim();
  if (!salesTables.length) reportNoSales(detection, customerTable !== null, issues);

  const customersDerived = customerTable === null;
  if (customersDerived && ledger.length) {
    issues.info("customers.derived", "No customer sheet: the customer list is derived from the sales lines", "无客户资料表：客户清单由销售记录生成");
  }
  if (customerTable) reportUnknownCustomers(ledger, all, masterCount, salesTables, issues);

  const exclude = new Set(reserved);
  for (const t of salesTables) exclude.add(t.sheet);
  for (const d of detection.sheets) if (d.duplicateOf) exclude.add(d.sheet);
  for (const g of wb.sheets) if (g.linesOnly) exclude.add(g.name);
  const plans = readPlans(wb, issues, exclude);
  const jobs = readJobInputs(wb, issues);
  const contacted = visitsAsContacts(all, jobs.visitLog);
  if (contacted) {
    issues.info("visits.lastContact", `${contacted} accounts' last contact taken from the visit log (${jobs.sheets.visitLog})`, `${contacted} 个客户的上次联系日期取自拜访记录（${jobs.sheets.visitLog}）`, { sheet: jobs.sheets.visitLog ?? undefined });
  }
  const customerById = new CustomersById(indexOf, all);
  return {
    customers: all, ledger, get sales() { return ledger.lines(); }, customerById, plans, collections: collectionsRead.collections, policy, customerTable,
    salesTable: salesTables[0] ?? null, salesTables, detection, policySheets, customersDerived, jobs,
  };
}

/** Customer IDs on sales lines that the customer sheet lacks: each named with its first cell (grouped past 20 by the log). */
function reportUnknownCustomers(ledger: SalesLedger, all: Customer[], masterCount: number, tables: HeaderMatch<SalesField>[], issues: IssueLog): void {
  const seen = new Set<number>();
  for (let i = 0; i < ledger.length; i++) {
    const ci = ledger.customer[i];
    if (ci < masterCount || seen.has(ci)) continue;
    seen.add(ci);
    const line = ledger.sourceOf(i);
    const table = tables.find((t) => t.sheet === line.sheet);
    const cell = table ? cellAddress(line.row, table.columns.customerId!) : undefined;
    const id = all[ci].customerId;
    issues.warn("sales.unknownCustomer", `Customer ID ${id} is not in the customer sheet: added from the sales lines`, `客户编号 ${id} 不在客户资料表中：已按销售记录补充`, { sheet: line.sheet, cell });
  }
}

/** No sales sheet: say per sheet what was found and what is missing, and how to map it. */
function reportNoSales(detection: WorkbookDetection, haveCustomers: boolean, issues: IssueLog): void {
  const summary = detection.sheets.find((d) => d.role === "summary");
  if (haveCustomers) {
    issues.info("sales.none", "No sales lines: ABC tiering, plan and rebates need them and were skipped; the funnel and call list ran on the customer sheet", "无销售明细：ABC 分级、计划与返利需要销售明细，已跳过；漏斗与拜访清单按客户资料运行");
    return;
  }
  const r = refusal(detection);
  if (summary && !r.partial.length) {
    issues.error("sales.summaryOnly", `${summary.sheet} is a summary (customers down, months across), not sales lines: TierPlan tiers from lines (date, customer, model, quantity); export the detail ledger instead`, `${summary.sheet} 是汇总表（客户纵列、月份横列），不是销售明细：TierPlan 按明细（日期、客户、型号、数量）分级，请导出明细账`, { sheet: summary.sheet, cell: "A1" });
    return;
  }
  issues.error("sales.notFound", r.en, r.zh, r.partial[0] ? { sheet: r.partial[0], cell: "A1" } : {});
}
function derivedCustomer(customerId: string, name: string, channel: Channel | null): Customer {
  return {
    customerId, name, channel, office: null, cityTier: null, rep: null, stage: null, temperature: null, intent: null,
    contractStatus: null, contractEnd: null, lastContact: null, nextCall: null, creditLimit: null, arrears: null,
    expectedValue: null, scorecard: {}, source: null,
  };
}
