/**
 * Renders every sheet TierPlan writes for the demo to PNG with LibreOffice, for
 * docs/screenshots/ (linked from the README): run the pipeline on examples/demo.xlsx, write
 * each TierPlan sheet alone into a new workbook with TierPlan's .xlsx host, convert it to PDF
 * (soffice --headless) and the first pages to PNG (pdftoppm, 60 dpi).
 *
 *   npx tsx scripts/screenshots.ts [demo.xlsx] [outDir] [only,these,sheets]
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { readWorkbook } from "../src/hosts/xlsx/read";
import { applyPatchToXlsx } from "../src/hosts/xlsx/write";
import { runPipeline } from "../src/pipeline/run";
import { emptyPatch, type SheetPatch } from "../src/report/patch";
import { planTemplatePatch } from "../src/analyses/planTemplate";

const PAGES_PER_SHEET = 2;
const NOW = "2025-01-02T09:00:00.000Z";

function fileName(i: number, sheet: string): string {
  return `${String(i + 1).padStart(2, "0")}-${sheet.replace(/[^\p{L}\p{N}]+/gu, "_")}`;
}

function render(sheet: SheetPatch, base: string, outDir: string, tmp: string): void {
  const patch = emptyPatch();
  patch.sheets.push(sheet);
  const xlsx = path.join(tmp, `${base}.xlsx`);
  fs.writeFileSync(xlsx, applyPatchToXlsx(null, patch, { writtenAt: NOW }).bytes);
  execFileSync("soffice", ["--headless", "--convert-to", "pdf", "--outdir", tmp, xlsx], { stdio: "ignore" });
  execFileSync("pdftoppm", ["-png", "-r", "60", "-f", "1", "-l", String(PAGES_PER_SHEET), path.join(tmp, `${base}.pdf`), path.join(outDir, base)]);
}

function main(): void {
  const input = path.resolve(process.argv[2] ?? "examples/demo.xlsx");
  const outDir = path.resolve(process.argv[3] ?? "docs/screenshots/sheets");
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "tierplan-shots-"));
  const grids = readWorkbook(new Uint8Array(fs.readFileSync(input)));
  const result = runPipeline(grids, { now: NOW });
  if (result.failed) throw new Error("the demo run failed");
  const sheets = [...result.patch.sheets.filter((s) => (s.visibility ?? "visible") === "visible"), ...(planTemplatePatch(result.context, "2025-01").userSheets ?? []).slice(0, 1)]; // one rep's plan template shows them all
  fs.mkdirSync(outDir, { recursive: true });
  const only = process.argv[4]?.split(",");
  // Only this script writes here: its previous images are replaced.
  for (const f of fs.readdirSync(outDir)) if (f.endsWith(".png") && (!only || only.some((n) => f.includes(n.replace(/[^\p{L}\p{N}]+/gu, "_"))))) fs.rmSync(path.join(outDir, f));
  sheets.forEach((s, i) => {
    if (only && !only.includes(s.name)) return;
    render(s, fileName(i, s.name), outDir, tmp);
    console.log(`rendered ${s.name}`);
  });
  fs.rmSync(tmp, { recursive: true, force: true });
}

main();
