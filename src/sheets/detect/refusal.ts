/**
 * When no sheet reads as sales lines: say, per sheet, what was found and what is missing, and
 * give a `--map` line to paste back. The line names the sheet and, for each missing field,
 * the unused column whose values fit it best (content evidence only, since no header word
 * matched); the user checks it and pastes it.
 */
import { columnLetter } from "../grid";
import { contentFit } from "./evidence";
import { FIELD_LABEL, FieldChoice, SALES_REQUIRED, SheetDetection, WorkbookDetection } from "./index";
import type { CoreSalesField } from "./words";

/** A --map value as a shell word: quoted when it holds spaces or shell characters. */
function shellWord(s: string): string {
  return /^[\p{L}\p{N}_.\-()（）]+$/u.test(s) ? s : `"${s.replace(/(["\\$`])/g, "\\$1")}"`;
}

/** For each missing field, the unused column whose content fits it best (left to right on ties). */
function guessMissing(d: SheetDetection): Partial<Record<CoreSalesField, { col: number; header: string }>> {
  const used = new Set((Object.values(d.fields) as FieldChoice[]).map((f) => f.col));
  const out: Partial<Record<CoreSalesField, { col: number; header: string }>> = {};
  for (const f of d.missing) {
    let best = -1;
    let bestFit = 0.6;
    d.headers.forEach((h, i) => {
      const col = d.columnOffset + i;
      if (!h || used.has(col) || !d.profiles) return;
      const fit = contentFit(f, d.profiles[i]);
      if (fit > bestFit) {
        bestFit = fit;
        best = i;
      }
    });
    if (best >= 0) {
      out[f] = { col: d.columnOffset + best, header: d.headers[best] };
      used.add(d.columnOffset + best);
    }
  }
  return out;
}

/** The `--map …` line that reads this sheet as sales lines. */
function mapLine(d: SheetDetection): string {
  const parts = [`--map sales=${shellWord(d.sheet)}`];
  const guesses = guessMissing(d);
  for (const f of d.missing) {
    const g = guesses[f];
    parts.push(`--map sales.${f}=${g ? shellWord(g.header) : "<表头/header>"}`);
  }
  return parts.join(" ");
}

export interface Refusal {
  en: string;
  zh: string;
  /** Sheets that hold part of a sales table, best first. */
  partial: string[];
  /** One --map line per partial sheet. */
  mapLines: string[];
}

export function refusal(detection: WorkbookDetection): Refusal {
  const partial = detection.sheets
    .filter((d) => d.role !== "sales" && d.role !== "pivot" && d.role !== "summary" && !d.duplicateOf && Object.keys(d.fields).length >= 1)
    .sort((a, b) => b.score - a.score);
  const none = detection.sheets.length === 0;
  const en: string[] = [`No sales sheet found: no sheet reads as sales lines with the columns 日期/Date, 客户编号/Customer ID, 型号/Model, 数量/Quantity; ${none ? "the workbook has no data sheet" : "sheets checked:"}`];
  const zh: string[] = [`未找到销售记录表：没有工作表可读作含 日期、客户编号、型号、数量 列的销售明细；${none ? "工作簿中没有数据表" : "已检查的工作表："}`];
  const mapLines: string[] = [];
  for (const d of detection.sheets) {
    const found = (Object.values(d.fields) as FieldChoice[]).map((f) => `${FIELD_LABEL[f.field].zh}=${f.header}(${columnLetter(f.col)})`);
    const foundEn = (Object.values(d.fields) as FieldChoice[]).map((f) => `${FIELD_LABEL[f.field].en}=${f.header} (${columnLetter(f.col)})`);
    const missing = SALES_REQUIRED.filter((f) => d.missing.includes(f));
    en.push(`  ${d.sheet}: ${d.reason.en}; found ${foundEn.join(", ") || "no sales column"}${missing.length ? "; missing " + missing.map((f) => FIELD_LABEL[f].en).join(", ") : ""}`);
    zh.push(`  ${d.sheet}：${d.reason.zh}；找到 ${found.join("、") || "无销售列"}${missing.length ? "；缺少 " + missing.map((f) => FIELD_LABEL[f].zh).join("、") : ""}`);
  }
  for (const d of partial.slice(0, 3)) mapLines.push(mapLine(d));
  if (mapLines.length) {
    en.push("If one of these is your sales sheet, check the columns and add:", ...mapLines.map((l) => `  ${l}`));
    zh.push("如其中一张是销售明细，请核对列后添加：", ...mapLines.map((l) => `  ${l}`));
  } else {
    en.push("Add a sheet of sales lines, or name it: --map sales=<sheet> --map sales.date=<header> --map sales.customerId=<header> --map sales.model=<header> --map sales.quantity=<header>");
    zh.push("请添加销售明细表，或指定：--map sales=<工作表> --map sales.date=<表头> --map sales.customerId=<表头> --map sales.model=<表头> --map sales.quantity=<表头>");
  }
  return { en: en.join("\n"), zh: zh.join("\n"), partial: partial.map((d) => d.sheet), mapLines };
}
