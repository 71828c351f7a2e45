/**
 * The columns TierPlan looks for, with their header synonyms in Chinese and English
 * (SPEC §1.1–1.2, plus the spellings real ERP/BI exports use). Matching is case-, space- and
 * width-insensitive (see normalizeHeader).
 */
export interface FieldDef<K extends string = string> {
  key: K;
  required: boolean;
  synonyms: string[];
  label: { zh: string; en: string };
}

export const ID_SYNONYMS = ["客户编号", "客户代码", "客户ID", "客户编码", "客户号", "往来单位编码", "购货单位编码", "Customer ID", "Customer No", "Customer Code", "Cust ID", "Account ID", "Account No"];
const NAME_SYNONYMS = ["客户名称", "客户", "客户全称", "客户简称", "单位名称", "往来单位", "购货单位", "Customer", "Customer Name", "Account", "Account Name", "Name"];

export type CustomerField =
  | "customerId" | "name" | "channel" | "office" | "cityTier" | "rep" | "stage" | "temperature" | "intent"
  | "contractStatus" | "contractEnd" | "lastContact" | "nextCall" | "creditLimit" | "arrears" | "expectedValue"
  | "sc.enthusiasm" | "sc.flexibility" | "sc.distribution" | "sc.capital" | "sc.brands" | "sc.logistics" | "sc.credit" | "sc.relations";

export const CUSTOMER_FIELDS: FieldDef<CustomerField>[] = [
  { key: "customerId", required: true, synonyms: ID_SYNONYMS, label: { zh: "客户编号", en: "Customer ID" } },
  { key: "name", required: true, synonyms: NAME_SYNONYMS, label: { zh: "客户名称", en: "Customer" } },
  { key: "channel", required: false, synonyms: ["渠道类型", "渠道", "渠道分类", "Channel", "Channel type"], label: { zh: "渠道类型", en: "Channel" } },
  { key: "office", required: false, synonyms: ["办事处", "区域", "地区", "大区", "片区", "Office", "Region", "Area"], label: { zh: "办事处", en: "Office" } },
  { key: "cityTier", required: false, synonyms: ["市场级别", "城市级别", "City tier", "City level"], label: { zh: "市场级别", en: "City tier" } },
  { key: "rep", required: false, synonyms: ["销售代表", "业务员", "负责人", "客户经理", "销售员", "Rep", "Sales rep", "Owner", "Salesperson"], label: { zh: "销售代表", en: "Rep" } },
  { key: "stage", required: false, synonyms: ["销售进程", "进程", "销售阶段", "Stage", "Sales stage"], label: { zh: "销售进程", en: "Stage" } },
  { key: "temperature", required: false, synonyms: ["客户温度", "意向等级", "温度", "Temperature"], label: { zh: "客户温度", en: "Temperature" } },
  { key: "intent", required: false, synonyms: ["成交意向", "意向", "Intent", "Deal intent"], label: { zh: "成交意向", en: "Intent" } },
  { key: "contractStatus", required: false, synonyms: ["合同状态", "Contract status"], label: { zh: "合同状态", en: "Contract status" } },
  { key: "contractEnd", required: false, synonyms: ["合同到期日", "合同到期", "合同截止日期", "Contract end", "Contract end date"], label: { zh: "合同到期日", en: "Contract end" } },
  { key: "lastContact", required: false, synonyms: ["上次联系", "最近联系日期", "上次联系日期", "最近联系", "Last contact", "Last contacted"], label: { zh: "上次联系", en: "Last contact" } },
  { key: "nextCall", required: false, synonyms: ["下次拨打时间", "下次联系", "下次联系日期", "Next call", "Next contact"], label: { zh: "下次拨打时间", en: "Next call" } },
  { key: "creditLimit", required: false, synonyms: ["信用额度", "授信额度", "Credit limit"], label: { zh: "信用额度", en: "Credit limit" } },
  { key: "arrears", required: false, synonyms: ["欠款", "应收账款", "应收余额", "Arrears", "Receivable", "Receivables"], label: { zh: "欠款", en: "Arrears" } },
  { key: "expectedValue", required: false, synonyms: ["预计金额", "预计成交金额", "Expected value", "Deal value"], label: { zh: "预计金额", en: "Expected value" } },
  { key: "sc.enthusiasm", required: false, synonyms: ["积极性", "Enthusiasm"], label: { zh: "积极性", en: "Enthusiasm" } },
  { key: "sc.flexibility", required: false, synonyms: ["经营灵活性", "Flexibility"], label: { zh: "经营灵活性", en: "Flexibility" } },
  { key: "sc.distribution", required: false, synonyms: ["分销能力", "下家数量", "Distribution reach", "Downstream outlets"], label: { zh: "分销能力", en: "Distribution reach" } },
  { key: "sc.capital", required: false, synonyms: ["资金实力", "Capital"], label: { zh: "资金实力", en: "Capital" } },
  { key: "sc.brands", required: false, synonyms: ["畅销品牌数", "Best-selling brands", "Brands"], label: { zh: "畅销品牌数", en: "Best-selling brands" } },
  { key: "sc.logistics", required: false, synonyms: ["仓储车辆人员", "仓储车辆", "Warehouse vehicles staff", "Logistics"], label: { zh: "仓储车辆人员", en: "Warehouse, vehicles, staff" } },
  { key: "sc.credit", required: false, synonyms: ["信誉", "Credit rating", "Reputation"], label: { zh: "信誉", en: "Credit" } },
  { key: "sc.relations", required: false, synonyms: ["社会关系", "Social relations", "Relations"], label: { zh: "社会关系", en: "Social relations" } },
];

export type SalesField =
  | "date" | "customerId" | "customerName" | "model" | "quantity" | "unitPrice" | "amount" | "channel" | "contractPlan" | "orderType";

export const SALES_FIELDS: FieldDef<SalesField>[] = [
  { key: "date", required: true, synonyms: ["日期", "提货日期", "销售日期", "单据日期", "订单日期", "发货日期", "Date", "Order date", "Invoice date"], label: { zh: "日期", en: "Date" } },
  { key: "customerId", required: true, synonyms: ID_SYNONYMS, label: { zh: "客户编号", en: "Customer ID" } },
  { key: "customerName", required: false, synonyms: NAME_SYNONYMS, label: { zh: "客户名称", en: "Customer" } },
  { key: "model", required: true, synonyms: ["型号", "产品", "品种", "产品型号", "商品名称", "存货名称", "物料名称", "Model", "Product", "SKU", "Product name", "Item"], label: { zh: "型号", en: "Model" } },
  { key: "quantity", required: true, synonyms: ["数量", "台数", "销售数量", "提货数量", "Qty", "Quantity"], label: { zh: "数量", en: "Quantity" } },
  { key: "unitPrice", required: false, synonyms: ["单价", "价格", "含税单价", "Unit price", "Price"], label: { zh: "单价", en: "Unit price" } },
  { key: "amount", required: false, synonyms: ["金额", "销售额", "销售金额", "价税合计", "含税金额", "Amount", "Revenue", "Sales amount", "Net sales"], label: { zh: "金额", en: "Amount" } },
  { key: "channel", required: false, synonyms: ["渠道类型", "渠道", "Channel"], label: { zh: "渠道类型", en: "Channel" } },
  { key: "contractPlan", required: false, synonyms: ["合约计划", "合约", "Contract plan"], label: { zh: "合约计划", en: "Contract plan" } },
  { key: "orderType", required: false, synonyms: ["类型", "单据类型", "Type", "Order type"], label: { zh: "类型", en: "Type" } },
];

export type PlanField = "month" | "customerId" | "customerName" | "model" | "targetQty" | "targetAmount" | "rep";

export const PLAN_FIELDS: FieldDef<PlanField>[] = [
  { key: "month", required: false, synonyms: ["月份", "Month"], label: { zh: "月份", en: "Month" } },
  { key: "customerId", required: true, synonyms: ID_SYNONYMS, label: { zh: "客户编号", en: "Customer ID" } },
  { key: "customerName", required: false, synonyms: NAME_SYNONYMS, label: { zh: "客户名称", en: "Customer" } },
  { key: "model", required: true, synonyms: ["型号", "产品", "Model", "Product", "SKU"], label: { zh: "型号", en: "Model" } },
  { key: "targetQty", required: true, synonyms: ["目标数量", "计划数量", "Target qty", "Target quantity", "Planned qty"], label: { zh: "目标数量", en: "Target qty" } },
  { key: "targetAmount", required: false, synonyms: ["目标金额", "计划金额", "Target amount"], label: { zh: "目标金额", en: "Target amount" } },
  { key: "rep", required: false, synonyms: ["销售代表", "业务员", "Rep"], label: { zh: "销售代表", en: "Rep" } },
];

/**
 * Case-, space- and width-insensitive form of a header: NFKC folds full-width letters and
 * digits, then spaces, underscores, brackets and punctuation go (`客户 ID` = `客户ID` =
 * `customer_id`).
 */
export function normalizeHeader(h: unknown): string {
  if (h === null || h === undefined) return "";
  return String(h)
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\s_\-./\\:：()（）[\]【】*#"'“”‘’,，、]+/g, "");
}
