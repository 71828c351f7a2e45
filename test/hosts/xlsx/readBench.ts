/**
 * Reader benchmark (not a Jest test): `npx tsx test/hosts/xlsx/readBench.ts [rows...]`.
 * Compares ExcelJS `workbook.xlsx.load` with readWorkbook on generated 8-column sheets.
 * Pass `--no-exceljs` to time only readWorkbook.
 */
import ExcelJS from "exceljs";
import { readWorkbook } from "../../../src/hosts/xlsx/read";
import { bigWorkbook } from "./helpers";

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const skipExcelJS = args.includes("--no-exceljs");
  const sizes = args.filter((a) => /^\d+$/.test(a)).map(Number);
  for (const rows of sizes.length ? sizes : [200000]) {
    const bytes = bigWorkbook(rows);
    console.log(`${rows} rows × 8 columns: ${(bytes.length / 1e6).toFixed(1)} MB .xlsx`);
    for (let k = 0; k < 2; k++) {
      const t0 = performance.now();
      const g = readWorkbook(bytes);
      const t1 = performance.now();
      console.log(`  readWorkbook: ${((t1 - t0) / 1000).toFixed(2)} s (${g.sheets[0].rows.length} rows), heap ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB`);
    }
    if (!skipExcelJS) {
      const t0 = performance.now();
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
      const t1 = performance.now();
      console.log(`  ExcelJS load: ${((t1 - t0) / 1000).toFixed(2)} s (${wb.worksheets[0].rowCount} rows), heap ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB`);
    }
  }
}

void main();
