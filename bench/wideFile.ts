/**
 * A sales-outbound export as an ERP writes it (金蝶/用友 销售出库单): 30 columns per line, of which
 * TierPlan reads 8, with competing amounts (含税单价, 价税合计, 税额, 不含税金额), a second date
 * (审核日期) and text that repeats per document or per customer. At Excel's last row (1,048,575
 * lines) its sheet is 1.1 GB of XML: `npm run bench -- --only=wide` measures the CLI on it (the
 * reader used to refuse sheets over 512 MB). The same sales lines and customers as the bench
 * workbook (xlsxFile.ts); written once into out/bench/ and reused while the recipe holds.
 */
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { dataset, forEachSalesLine } from "./data";
import { customersSheet } from "./xlsxFile";
import { STYLE, writeStreamedXlsx, type BenchCell } from "./streamXlsx";

const RECIPE = 1; // bump when the generator changes

const HEADER = [
  "单据编号", "单据日期", "客户编码", "客户名称", "销售部门", "业务员", "仓库", "物料编码", "物料名称", "规格型号",
  "计量单位", "数量", "含税单价", "价税合计", "税率(%)", "税额", "不含税金额", "备注", "收货地址", "联系人",
  "联系电话", "审核人", "审核日期", "制单人", "单据状态", "业务类型", "币别", "汇率", "折扣率(%)", "源单编号",
] as const;
const DATES = new Set([1, 22]);
const MONEY = new Set([12, 13, 15, 16]);
const DEPTS = ["华东销售部", "华南销售部", "华北销售部", "西南销售部"];
const STORES = ["成品一库", "成品二库", "中转仓"];
const PEOPLE = ["张伟", "王芳", "李娜", "刘洋", "陈静", "杨磊", "赵敏", "黄勇"];
const CITIES = ["上海", "广州", "北京", "成都"];

const cents = (x: number) => Math.round(x * 100) / 100;

export function wideFile(dir: string, lines: number, log = console.log): { xlsx: string; bytes: number; generatedMs: number | null } {
  const xlsx = path.join(dir, `erp-${lines}x30.xlsx`);
  const metaFile = path.join(dir, `erp-${lines}x30.meta.json`);
  const want = JSON.stringify({ recipe: RECIPE, lines });
  if (existsSync(xlsx) && existsSync(metaFile) && readFileSync(metaFile, "utf8").trim() === want) return { xlsx, bytes: statSync(xlsx).size, generatedMs: null };
  const t0 = performance.now();
  const ds = dataset(50_000, 12);
  writeStreamedXlsx(xlsx, [
    customersSheet(ds),
    {
      name: "销售出库单",
      header: HEADER,
      rows: (emit) => {
        let line = 0;
        forEachSalesLine(ds, lines, (date, c, m, qty, price, amount, isReturn) => {
          const doc = Math.floor(line++ / 4); // about four lines a document
          const h = Math.imul(c + 1, 2654435761) >>> 0;
          const tax = cents((amount / 1.13) * 0.13);
          const row: BenchCell[] = [
            `XSCK${String(date).padStart(6, "0")}${String(doc).padStart(7, "0")}`, date, ds.ids[c], ds.names[c], DEPTS[h % 4], PEOPLE[(h >>> 3) % 8],
            STORES[(h >>> 5) % 3], `WL${String(m).padStart(5, "0")}`, ds.models[m], `${(m % 7) + 1}匹`, "台", qty, price, amount, 13, tax,
            cents(amount - tax), isReturn ? "质量退货" : null, `${CITIES[h % 4]}市某区某路${h % 999}号`, PEOPLE[(h >>> 7) % 8],
            `138${String(h % 100_000_000).padStart(8, "0")}`, "王经理", date + 1, PEOPLE[(h >>> 9) % 8], "已审核",
            isReturn ? "销售退货" : "普通销售", "人民币", 1, 0, `XSDD${String(doc).padStart(8, "0")}`,
          ];
          emit(row);
        });
      },
      style: (c) => (DATES.has(c) ? STYLE.date : MONEY.has(c) ? STYLE.money : STYLE.none),
    },
  ]);
  writeFileSync(metaFile, want + "\n");
  const ms = Math.round(performance.now() - t0);
  log(`  generated ${xlsx} in ${ms} ms`);
  return { xlsx, bytes: statSync(xlsx).size, generatedMs: ms };
}
