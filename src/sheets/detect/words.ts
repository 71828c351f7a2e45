/**
 * Header words: what a header must CONTAIN (not equal) to be a candidate for a field, in
 * Chinese and English, plus words that rule it out. Matching is on normalizeHeader's form
 * (lower case, no spaces or punctuation). These are word parts, not a list of whole headers:
 * "发货日期", "下单时间" and "Order Date" all contain a date word.
 *
 * Preferences between competing columns (SPEC §1.2 and issue 16): the amount actually
 * received (实收) over the amount billed (应收); base currency (本币) over the original
 * currency (原币); the tax-inclusive total (价税合计/含税) over the pre-tax amount (未税/税前),
 * because the shipment amount a channel team is measured on is what the customer pays. The
 * one taken and the one left are both said in the run's first lines.
 */
export type CoreSalesField = "date" | "customerId" | "customerName" | "model" | "quantity" | "unitPrice" | "amount";

export interface WordRule {
  /** The header must contain one of these. */
  any: RegExp;
  /** A header containing one of these is not a candidate. */
  not?: RegExp;
  /** Extra points for preferred variants (e.g. 实收 over 应收); [pattern, points]. */
  prefer?: [RegExp, number][];
}

const CUSTOMER_WORD = /(客户|往来单位|购货单位|收货单位|购买方|购方|单位名称|单位编码|单位编号|单位简称|公司|经销商|代理商|门店|药店|会员|卡号|customer|client|account|buyer|dealer|store|member|card)/;
/**
 * Columns about a customer that are not the customer: its address, its rep, its class, and the
 * CRM attributes TierPlan reads itself (客户温度, 客户阶段, 客户意向, 信用额度, 欠款), which
 * were offered as "a close alternative" to the customer's name.
 */
const CUSTOMER_NOT =
  /(地址|电话|手机|联系|类型|类别|等级|级别|分类|经理|代表|业务员|负责人|销售员|区域|地区|状态|温度|阶段|意向|额度|欠款|address|phone|type|class|level|manager|rep$|owner|region|status|segment|temperature|stage|intent|limit|arrears)/;
const ID_WORD = /(编号|编码|代码|代号|号码|卡号|号$|id$|id|no$|number|code)/;
const NAME_WORD = /(名称|简称|全称|姓名|名$|name)/;

export const SALES_WORDS: Record<CoreSalesField, WordRule> = {
  date: {
    any: /(日期|时间|date|time|day)/,
    not: /(到期|生日|出生|制表|打印|创建|修改|有效期|生产|入职|birth|due|expir|created|modified|update)/,
    // The event the line records beats a generic date.
    prefer: [[/(发货|出库|下单|订单|交易|销售|开票|收入|提货|单据|order|invoice|ship|sale)/, 1]],
  },
  customerId: { any: CUSTOMER_WORD, not: CUSTOMER_NOT },
  customerName: { any: CUSTOMER_WORD, not: CUSTOMER_NOT },
  model: {
    any: /(型号|产品|商品|物料|存货|品名|货品|品种|药品|sku|product|item|model|goods|article)/,
    not: /(规格|类别|分类|类型|单位|品牌|数量|单价|价格|金额|税|category|brand|unit|qty|quantity|price|amount|class|type)/,
    // The name a person reads (存货名称) first; a code is the close alternative.
    prefer: [[NAME_WORD, 1], [/(型号|model|sku)/, 1]],
  },
  quantity: {
    any: /(数量|台数|件数|销量|qty|quantity|units|pcs)/,
    not: /(单价|金额|价格|箱规|目标|计划|库存|price|amount|target|plan|stock)/,
    prefer: [[/(实发|发货|出库|销售|实际)/, 1]],
  },
  unitPrice: { any: /(单价|价格|售价|price)/, not: /(金额|合计|总|税额|amount|total)/, prefer: [[/(含税|实际|成交)/, 1]] },
  amount: {
    any: /(金额|销售额|营业额|收入|价税合计|实收|应收|实付|实际支付|amount|revenue|sales|total|value|net)/,
    not: /(单价|价格|税额|^税金$|^税$|折扣额|汇率|数量|成本|毛利|利润|price|tax$|taxamount|rate|qty|quantity|cost|profit|margin|discount)/,
    prefer: [
      [/(实收|实际收|实付|实际支付|received|paid|actual)/, 2],
      [/(本币|人民币|rmb|cny|base|local)/, 2],
      [/(价税合计|含税|taxincl|gross|inctax)/, 1],
      [/(销售额|销售金额|revenue|sales|netsales)/, 1],
    ],
  },
};

export const CUSTOMER_ID_WORD = ID_WORD;
export const CUSTOMER_NAME_WORD = NAME_WORD;

/** Words that, alone in a header cell, mark a pivot table's labels. */
export const PIVOT_WORD = /^(求和项|计数项|平均值项|行标签|列标签|rowlabels|columnlabels|sumof|countof|grandtotal)/;

/** First cells of ERP footer and signature rows below a ledger. */
export const FOOTER_WORD = /^(制表|制单|打印|页次|第\d+页|共\d+页|审核|审批|复核|经手|签字|说明|备注：|注：|page\d)/;

/** A header (in normalizeHeader's form) that names a month: "1月", "2024-01", "2024年1月", "Jan", "January 2024". */
export const MONTH_HEADER = /^((\d{4}年?)?(0?[1-9]|1[0-2])月份?|\d{4}(0[1-9]|1[0-2])|(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*(\d{2,4})?)$/;
