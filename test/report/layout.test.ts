/**
 * Layout over every sheet TierPlan writes, for the demo workbook and for a real-looking CRM
 * export (long company names, amounts in the millions, a plan and rebate rules): no number
 * wider than its column, no header or short label wider than its column unless wrapped into
 * a row tall enough, no English class code in a Chinese sheet, frozen header rows and A4
 * fit-to-width print setup with print titles on every sheet (in the patch and in the .xlsx written).
 */
import * as fs from "fs";
import * as path from "path";
import { strFromU8, unzipSync } from "fflate";
import { readWorkbook } from "../../src/hosts/xlsx/read";
import { applyPatchToXlsx } from "../../src/hosts/xlsx/write";
import { runPipeline } from "../../src/pipeline/run";
import { FORMAT_CODES, type SheetPatch, emptyPatch, headerRow } from "../../src/report/patch";
import { planTemplatePatch } from "../../src/analyses/planTemplate";
import { displayWidth, formattedText } from "../../src/report/table";
import { LINE_HEIGHT, headerLines } from "../../src/report/table/fit";
import type { CellValue } from "../../src/sheets/grid";
import { serial, sheet, workbook } from "../support/grids";

const DEMO = path.resolve(__dirname, "../../examples/demo.xlsx");
const SHORT_LABEL = 20;
const CLASS_CODES = new Set(["core", "value", "potential", "low"]);

/** Every layout fault of a sheet, as readable lines (empty when the sheet is right). */
function faults(s: SheetPatch, lang: "zh" | "en"): string[] {
  const out: string[] = [];
  const width = (c: number) => s.columnWidths?.[c] ?? 8.43;
  if (!s.freeze || s.freeze.rows < 1) out.push(`${s.name}: no frozen header rows`);
  const titles = s.setup?.page?.printTitleRows;
  if (!titles) out.push(`${s.name}: no A4 page setup with print titles`);
  // The rows repeated on each printed page end with the header of the table that runs over the pages.
  const long = s.blocks.filter((b) => !b.headerless && b.rows.length > 0).sort((a, b) => b.rows.length - a.rows.length)[0];
  if (titles && long && titles[1] !== headerRow(long)) out.push(`${s.name}: print titles ${titles.join("–")} are not the header of ${long.id} (row ${headerRow(long)})`);
  for (const b of s.blocks) {
    if (b.headerless) continue;
    b.columns.forEach((c, i) => {
      const col = b.at.col + i;
      const w = width(col);
      const hw = displayWidth(c.header);
      const height = s.rowHeights?.[headerRow(b)] ?? 15;
      if (hw > w - 1 && height < headerLines(c.header, w) * LINE_HEIGHT) out.push(`${s.name}!${b.id}.${c.key}: header "${c.header}" (${hw}) clipped at width ${w}, row ${height} pt`);
      // Excel fills wrapped lines greedily: a Chinese bracketed part wider than the line left is cut ("部型号）", a lone "）").
      for (const line of c.header.split("\n")) if (displayWidth(line) > w - 1 && /[（）]/.test(line)) out.push(`${s.name}!${b.id}.${c.key}: header line "${line}" wraps inside its brackets at width ${w}`);
      b.rows.forEach((row, r) => {
        const v = row[i];
        if (typeof v === "string") {
          if (lang === "zh" && CLASS_CODES.has(v)) out.push(`${s.name}!${b.id}.${c.key}: English code "${v}"`);
          if (displayWidth(v) <= SHORT_LABEL && displayWidth(v) > w - 1) out.push(`${s.name}!${b.id}.${c.key}[${r}]: label "${v}" wider than ${w}`);
          return;
        }
        const own = b.cellFormats?.[`${r}:${c.key}`];
        const text = formattedText(v, own ? FORMAT_CODES[own] : FORMAT_CODES[c.format ?? "general"]);
        if (displayWidth(text) > w - 1) out.push(`${s.name}!${b.id}.${c.key}[${r}]: ${text} shows ### at width ${w}`);
      });
    });
  }
  return out;
}

/** The sheet XML of a TierPlan sheet written alone by the .xlsx host. */
function writtenXml(s: SheetPatch): string {
  const patch = emptyPatch();
  patch.sheets.push(s);
  const files = unzipSync(applyPatchToXlsx(null, patch, { writtenAt: "2025-01-02T00:00:00Z" }).bytes);
  const name = Object.keys(files).find((f) => /^xl\/worksheets\/sheet\d+\.xml$/.test(f) && strFromU8(files[f]).includes("<sheetData>") && strFromU8(files[f]).includes(s.blocks[0]?.title ?? "§"));
  return name ? strFromU8(files[name]) : "";
}

/** The _xlnm.Print_Titles names of a workbook the .xlsx host writes with all `sheets`, as [sheet it is scoped to, value]. */
function writtenPrintTitles(sheets: SheetPatch[]): [string, string][] {
  const patch = emptyPatch();
  patch.sheets.push(...sheets);
  const wb = strFromU8(unzipSync(applyPatchToXlsx(null, patch, { writtenAt: "2025-01-02T00:00:00Z" }).bytes)["xl/workbook.xml"]);
  const order = [...wb.matchAll(/<sheet\b[^>]*\sname="([^"]*)"/g)].map((m) => m[1]);
  return [...wb.matchAll(/<definedName name="_xlnm.Print_Titles" localSheetId="(\d+)">([^<]*)<\/definedName>/g)].map((m) => [order[Number(m[1])], m[2].replace(/&amp;/g, "&")]);
}

function checkRun(grids: ReturnType<typeof readWorkbook>, opts: Parameters<typeof runPipeline>[1], planMonth: string): SheetPatch[] {
  const out = runPipeline(grids, opts);
  expect(out.failed).toBe(false);
  const sheets = [...out.patch.sheets.filter((s) => (s.visibility ?? "visible") === "visible"), ...(planTemplatePatch(out.context, planMonth).userSheets ?? [])];
  expect(sheets.flatMap((s) => faults(s, out.context.lang))).toEqual([]);
  return sheets;
}

/** A CRM export as a channel team has it: long names, big amounts, every analysis's inputs. */
function realLookingExport(): ReturnType<typeof workbook> {
  let seed = 7;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const offices = ["广州办事处", "深圳办事处", "佛山办事处"];
  const reps = ["陈晓东", "欧阳建华", "李娜", "王芳"];
  const stages = ["初步接触", "需求确认", "方案报价", "合同谈判", "已签约"];
  const temps = ["热", "温", "冷"];
  const channels = ["社会渠道直供", "联通渠道", "大客户"];
  const names = ["广东省深圳市龙岗区华强通讯器材有限公司", "佛山市顺德区美的电器连锁（大良第三分店）", "广州天河城数码港营业厅", "中山市小榄镇移动通信代理点"];
  const customers: CellValue[][] = [["客户编号", "客户名称", "办事处", "销售代表", "渠道类型", "销售进程", "客户温度", "合同状态", "合同到期日", "信用额度", "欠款"]];
  for (let i = 1; i <= 150; i++) {
    customers.push([
      `KH${String(i).padStart(5, "0")}`, `${names[i % names.length]}${i}`, offices[i % 3], reps[i % 4], channels[i % 3], stages[i % 5], temps[i % 3],
      i % 4 === 0 ? "合同中" : "未签约", serial(`2025-0${1 + (i % 6)}-15`), 500000 + i * 10000, Math.round(rnd() * 900000),
    ]);
  }
  const sales: CellValue[][] = [["日期", "客户编号", "型号", "数量", "金额", "合约计划", "类型"]];
  for (let k = 0; k < 3000; k++) {
    const c = 1 + Math.floor(rnd() ** 2 * 150);
    const q = 1 + Math.floor(rnd() * 400);
    const m = 1 + Math.floor(rnd() * 12);
    sales.push([serial(`2024-${String(m).padStart(2, "0")}-${String(1 + Math.floor(rnd() * 28)).padStart(2, "0")}`), `KH${String(c).padStart(5, "0")}`, k % 2 ? "I9300" : "S5830", q, q * 4168, k % 3 ? "否" : "是", "提货"]);
  }
  const plan: CellValue[][] = [["客户编号", "型号", "目标数量", "销售代表", "目标金额"]];
  for (let i = 1; i <= 150; i += 2) plan.push([`KH${String(i).padStart(5, "0")}`, "I9300", 50 + i, reps[i % 4], (50 + i) * 4168]);
  const policy: CellValue[][] = [
    ["规则编号 / Rule ID", "型号 / Model", "渠道 / Channels", "类型 / Kind", "依据 / Basis", "门槛 / Thresholds", "返利 / Rates", "方式 / Mode", "生效日期 / Valid from", "失效日期 / Valid to", "备注 / Note"],
    ["R1", "I9300", "社会渠道直供", "提货返利", "数量", null, 30, null, serial("2024-01-01"), serial("2024-12-31"), null],
    ["V1", null, "社会渠道直供", "达量返利", "金额", "500000/2000000", "2%/4%", "全量", serial("2024-01-01"), serial("2024-12-31"), null],
    ["R7", "I9300", "社会渠道直供", "合约返利", "数量", null, 100, null, serial("2024-01-01"), serial("2024-12-31"), null],
    ["R9", null, "大客户", "其他返利", "金额", null, "0.5%", null, serial("2024-01-01"), serial("2024-12-31"), "陈列费"],
  ];
  return workbook(sheet("客户资料", customers), sheet("销售记录", sales), sheet("计划 2024-12", plan), sheet("返利政策", policy));
}

describe("layout of every TierPlan sheet", () => {
  test("a real-looking export: Chinese and English", () => {
    const sheets = checkRun(realLookingExport(), { month: "2024-12", period: "2024-01..2024-12", now: "2025-01-02T00:00:00Z" }, "2025-01");
    expect(sheets.map((s) => s.name)).toEqual(expect.arrayContaining(["分级汇总", "返利明细", "返利对账单", "计划达成 2024-12"]));
    checkRun(realLookingExport(), { month: "2024-12", period: "2024-01..2024-12", lang: "en", now: "2025-01-02T00:00:00Z" }, "2025-01");
    // The host writes the setup: A4, one page wide, frozen header, autofilter on the detail table.
    const xml = writtenXml(sheets.find((s) => s.name === "返利明细")!);
    expect(xml).toMatch(/<pageSetUpPr fitToPage="1"\/>/);
    expect(xml).toMatch(/<pageSetup paperSize="9" orientation="(portrait|landscape)" fitToWidth="1" fitToHeight="0"\/>/);
    expect(xml).toMatch(/<pane ySplit="3" topLeftCell="A4"/);
    expect(xml).toMatch(/<autoFilter ref="A3:[A-Z]+\d+"\/>/);
    // Every sheet's print titles: one workbook name each, scoped to the sheet, its header rows.
    const rows = (s: SheetPatch) => s.setup!.page!.printTitleRows!.map((r) => `$${r + 1}`).join(":");
    expect(writtenPrintTitles(sheets)).toEqual(sheets.map((s) => [s.name, `'${s.name.replace(/'/g, "''")}'!${rows(s)}`]));
  });

  test("the demo workbook", () => {
    if (!fs.existsSync(DEMO)) throw new Error(`${DEMO} is missing: npm run make-demo`);
    checkRun(readWorkbook(new Uint8Array(fs.readFileSync(DEMO))), { now: "2025-01-02T00:00:00Z" }, "2025-01");
  }, 300_000);
});

describe("one achievement rate", () => {
  test("the plan sheet's summary, its table by month, the chart's data and the JSON the pane shows are the same number", () => {
    const out = runPipeline(realLookingExport(), { month: "2024-12", period: "2024-01..2024-12", now: "2025-01-02T00:00:00Z" });
    const total = out.summary.plan.total!;
    expect(total.achievement).not.toBeNull();
    const s = out.patch.sheets.find((x) => x.name === "计划达成 2024-12")!;
    const head = s.blocks.find((b) => b.id === "plan.head")!;
    expect(head.rows[0][0]).toContain(`达成率 ${Math.round(total.achievement! * 1000) / 10}%`);
    const months = s.blocks.find((b) => b.id === "plan.months")!;
    const last = months.rows[months.rows.length - 1];
    const col = (k: string) => months.columns.findIndex((c) => c.key === k);
    expect(last[col("month")]).toBe("2024-12");
    expect(last[col("achievement")]).toBe(total.achievement);
    // The chart draws target and actual of the same rows.
    const chart = s.charts.find((c) => c.id === "plan.monthChart")!;
    expect(chart.series.map((x) => x.values)).toEqual([{ block: "plan.months", column: "target" }, { block: "plan.months", column: "actual" }]);
    expect(Math.round(((last[col("actual")] as number) / (last[col("target")] as number)) * 1e6) / 1e6).toBe(total.achievement);
  });
});
