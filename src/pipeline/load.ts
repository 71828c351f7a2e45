/**
 * grid → typed records: find the customers, sales, plan and policy sheets, read them, and
 * report every problem with its sheet and cell.
 */
import type { IssueLog } from "../domain/issues";
import type { Channel, Customer, PlanEntry, Policy, SalesLine } from "../domain/model";
import { CUSTOMER_FIELDS, CustomerField, SALES_FIELDS, SalesField, normalizeHeader } from "../sheets/fields";
import { HeaderMatch, findTable } from "../sheets/headers";
import type { WorkbookGrids } from "../sheets/grid";
import { readCustomers } from "../sheets/customers";
import { readPlans } from "../sheets/plan";
import { POLICY_SHEETS } from "../sheets/policy/sheets";
import { readPolicy } from "../sheets/policy/read";
import { readSales, type SalesRead } from "../sheets/sales";
import { REGISTRY_SHEET } from "../report/ownership";
import { JOB_SHEET_NAMES, JobInputs, readJobInputs } from "../sheets/jobInputs";
import { visitsAsContacts } from "../domain/visits";
import type { RunOptions } from "./options";

export interface Loaded {
  customers: Customer[];
  sales: SalesLine[];
  /** For sales[i], the index of its customer in `customers` (lets analyses sum by array index). */
  lineCustomer: Int32Array;
  /**
   * The customers by ID, built once here: the analyses and reports each made their own (nine
   * maps of 50,000 customers, ~40 ms in the bench).
   */
  customerById: ReadonlyMap<string, Customer>;
  plans: PlanEntry[];
  policy: Policy;
  customerTable: HeaderMatch<CustomerField> | null;
  salesTable: HeaderMatch<SalesField> | null;
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

export function loadWorkbook(wb: WorkbookGrids, options: RunOptions, issues: IssueLog, ownSheets: string[] = []): Loaded {
  const reserved = reservedSheets(wb, ownSheets);
  const { policy, sheets: policySheets } = readPolicy(wb, issues);
  const map = options.map ?? {};

  const salesTable = findTable(wb, SALES_FIELDS, SALES_SHEET_NAMES, { overrides: map as never, exclude: reserved, sheetName: options.sheets?.sales });
  const exclude = new Set(reserved);
  if (salesTable) exclude.add(salesTable.sheet);
  const customerTable = findTable(wb, CUSTOMER_FIELDS, CUSTOMER_SHEET_NAMES, { overrides: map as never, exclude, sheetName: options.sheets?.customers });

  let customers: Customer[] = [];
  let customerOk = false;
  if (customerTable && customerTable.missing.length === 0) {
    const grid = wb.sheets.find((s) => s.name === customerTable.sheet)!;
    customers = readCustomers(grid, customerTable, issues);
    customerOk = true;
  }

  let sales: SalesLine[] = [];
  let lineCustomer: Int32Array = new Int32Array(0);
  let unknownCustomers: SalesRead["unknown"] = [];
  if (!salesTable || salesTable.missing.length > 0) {
    const missing = salesTable?.missing.map((k) => SALES_FIELDS.find((f) => f.key === k)!.label) ?? [];
    const where = salesTable ? { sheet: salesTable.sheet, cell: "A1" } : {};
    const what = missing.length ? missing.map((l) => l.zh + "/" + l.en).join(", ") : "日期/Date, 客户编号/Customer ID, 型号/Model, 数量/Quantity";
    const checked = wb.sheets.filter((s) => !s.hidden && !reserved.has(s.name)).map((s) => s.name);
    const seenEn = checked.length ? `; sheets checked: ${checked.join(", ")}` : "; the workbook has no data sheet";
    const seenZh = checked.length ? `；已检查的工作表：${checked.join("、")}` : "；工作簿中没有数据表";
    issues.error(
      "sales.notFound",
      `No sales sheet found: a sheet needs the columns ${what} (use --map field=Header if your headers differ)${seenEn}`,
      `未找到销售记录表：需要列 ${what}（表头不同时可用 --map 字段=表头 指定）${seenZh}`,
      where,
    );
  } else {
    const grid = wb.sheets.find((s) => s.name === salesTable.sheet)!;
    const price = listPriceLookup(policy);
    const read = readSales(grid, salesTable, issues, (model, channel) => price(model, channel), customers);
    sales = read.lines;
    lineCustomer = read.lineCustomer;
    unknownCustomers = read.unknown;
  }

  let customersDerived = false;
  if (!customerOk) {
    if (customerTable && customerTable.missing.length) {
      issues.warn("customers.incomplete", `Customer sheet ${customerTable.sheet} lacks ${customerTable.missing.join(", ")}: customers derived from the sales lines`, `客户表 ${customerTable.sheet} 缺少 ${customerTable.missing.join(", ")}：客户清单由销售记录生成`, { sheet: customerTable.sheet, cell: "A1" });
    } else if (sales.length) {
      issues.info("customers.derived", "No customer sheet: the customer list is derived from the sales lines", "无客户资料表：客户清单由销售记录生成");
    }
    customersDerived = true;
  }
  // Customers who bought but are missing from the customer sheet still count (derived rows,
  // with their first name and the channel of their first line; readSales collected them).
  const unknown = customerOk ? unknownCustomers.length : 0;
  for (const u of unknownCustomers) customers.push(derivedCustomer(u.customerId, u.name ?? u.customerId, u.channel));
  if (unknown) {
    issues.warn("sales.unknownCustomers", `${unknown} customer IDs on sales lines are not in the customer sheet: added from the sales lines`, `销售记录中有 ${unknown} 个客户编号不在客户资料表中：已按销售记录补充`, { sheet: salesTable?.sheet });
  }

  const plans = readPlans(wb, issues, exclude);
  const jobs = readJobInputs(wb, issues);
  const contacted = visitsAsContacts(customers, jobs.visitLog);
  if (contacted) {
    issues.info("visits.lastContact", `${contacted} accounts' last contact taken from the visit log (${jobs.sheets.visitLog})`, `${contacted} 个客户的上次联系日期取自拜访记录（${jobs.sheets.visitLog}）`, { sheet: jobs.sheets.visitLog ?? undefined });
  }
  const customerById = new Map(customers.map((c) => [c.customerId, c]));
  return { customers, sales, lineCustomer, customerById, plans, policy, customerTable: customerOk ? customerTable : null, salesTable: salesTable && salesTable.missing.length === 0 ? salesTable : null, policySheets, customersDerived, jobs };
}

function derivedCustomer(customerId: string, name: string, channel: Channel | null): Customer {
  return {
    customerId, name, channel, office: null, cityTier: null, rep: null, stage: null, temperature: null, intent: null,
    contractStatus: null, contractEnd: null, lastContact: null, nextCall: null, creditLimit: null, arrears: null,
    expectedValue: null, scorecard: {}, source: null,
  };
}
