/**
 * The benchmark workbook, written once into out/bench/ and reused while its recipe is
 * unchanged: a 销售记录 sheet of N lines × 8 columns (shared strings, dates as serials with a
 * date format, money with a number format, like Excel writes them) plus a 客户资料 sheet of
 * the 50,000 customers; and the same sales lines as CSV for pandas.read_csv. Streamed
 * (streamXlsx.ts): the 150 MB of XML never exists as one string.
 */
import { closeSync, existsSync, openSync, readFileSync, writeFileSync, writeSync } from "node:fs";
import path from "node:path";
import { isoDate } from "../src/domain/calendar";
import { CUSTOMER_HEADER, Dataset, SALES_HEADER, customerRow, dataset, forEachSalesLine } from "./data";
import { STYLE, writeStreamedXlsx, type StreamedSheet } from "./streamXlsx";

const RECIPE = 4; // bump when the generator changes

export interface BenchFiles {
  xlsx: string;
  csv: string;
  lines: number;
  xlsxBytes: number;
  csvBytes: number;
  generatedMs: number | null;
}

export function benchFiles(dir: string, lines: number, log = console.log): BenchFiles {
  const xlsx = path.join(dir, `sales-${lines}.xlsx`);
  const csv = path.join(dir, `sales-${lines}.csv`);
  const metaFile = path.join(dir, `sales-${lines}.meta.json`);
  const want = { recipe: RECIPE, lines, customers: 50_000 };
  if (existsSync(xlsx) && existsSync(csv) && existsSync(metaFile)) {
    const meta = JSON.parse(readFileSync(metaFile, "utf8"));
    if (meta.recipe === RECIPE && meta.lines === lines) {
      return { xlsx, csv, lines, xlsxBytes: readFileSync(xlsx).length, csvBytes: readFileSync(csv).length, generatedMs: null };
    }
  }
  const t0 = performance.now();
  const ds = dataset(50_000, 12);
  writeXlsx(xlsx, ds, lines);
  writeCsv(csv, ds, lines);
  writeFileSync(metaFile, JSON.stringify(want) + "\n");
  const ms = Math.round(performance.now() - t0);
  log(`  generated ${xlsx} and ${csv} in ${ms} ms`);
  return { xlsx, csv, lines, xlsxBytes: readFileSync(xlsx).length, csvBytes: readFileSync(csv).length, generatedMs: ms };
}

function writeCsv(file: string, ds: Dataset, lines: number): void {
  const fd = openSync(file, "w");
  const iso = new Map<number, string>();
  let buf = SALES_HEADER.join(",") + "\n";
  forEachSalesLine(ds, lines, (date, c, m, qty, price, amount, isReturn) => {
    let d = iso.get(date);
    if (!d) iso.set(date, (d = isoDate(date)));
    buf += `${d},${ds.ids[c]},${ds.names[c]},${ds.models[m]},${qty},${price},${amount},${isReturn ? "退货" : "提货"}\n`;
    if (buf.length > 1 << 20) {
      writeSync(fd, buf);
      buf = "";
    }
  });
  writeSync(fd, buf);
  closeSync(fd);
}

/** The 客户资料 sheet of the dataset's customers, as both bench workbooks hold it. */
export function customersSheet(ds: Dataset): StreamedSheet {
  return {
    name: "客户资料",
    header: CUSTOMER_HEADER,
    rows: (emit) => {
      for (let i = 0; i < ds.customers; i++) emit(customerRow(ds, i));
    },
    style: (c) => (c === 8 ? STYLE.date : STYLE.none),
  };
}

function writeXlsx(file: string, ds: Dataset, lines: number): void {
  writeStreamedXlsx(file, [
    customersSheet(ds),
    {
      name: "销售记录",
      header: SALES_HEADER,
      rows: (emit) =>
        forEachSalesLine(ds, lines, (date, c, m, qty, price, amount, isReturn) => emit([date, ds.ids[c], ds.names[c], ds.models[m], qty, price, amount, isReturn ? "退货" : "提货"])),
      style: (c) => (c === 0 ? STYLE.date : c === 5 || c === 6 ? STYLE.money : STYLE.none),
    },
  ]);
}
