/**
 * Creating the policy sheets (or plan templates) on a workbook TierPlan already ran on must
 * add the people's sheets and keep TierPlan's outputs exactly where they were, in both hosts.
 */
import { applyPatch } from "../../src/hosts/excel";
import { readWorkbookGrids } from "../../src/hosts/excel/readWorkbook";
import { readWorkbook } from "../../src/hosts/xlsx/read";
import { applyPatchToXlsx } from "../../src/hosts/xlsx/write";
import { emptyPatch } from "../../src/report/patch";
import { policyTemplateSheets } from "../../src/report/policyTemplate";
import type { WorkbookGrids } from "../../src/sheets/grid";
import { createExcelDouble } from "../excel-double";
import { samplePatch, userSheets } from "./excel/fixtures";

const at = "2024-12-31T00:00:00Z";
const policyOnly = () => ({ ...emptyPatch(), userSheets: policyTemplateSheets() });

function cellsOf(g: WorkbookGrids, name: string) {
  return g.sheets.find((s) => s.name === name)?.rows;
}

test(".xlsx host: policy sheets are added and the outputs stay", () => {
  const first = applyPatchToXlsx(null, samplePatch(), { writtenAt: at }).bytes;
  const before = readWorkbook(first);
  const after = readWorkbook(applyPatchToXlsx(first, policyOnly(), { writtenAt: at }).bytes);
  const names = after.sheets.map((s) => s.name);
  expect(names).toEqual(expect.arrayContaining(["分级规则", "返利政策", "拨打计划"]));
  for (const s of samplePatch().sheets) expect(cellsOf(after, s.name)).toEqual(cellsOf(before, s.name));
  expect(names.filter((n) => n === samplePatch().sheets[0].name)).toHaveLength(1);
});

test("Excel host: policy sheets are added and the outputs stay", async () => {
  const d = createExcelDouble({ sheets: userSheets() });
  await applyPatch(d.context, samplePatch(), { writtenAt: at });
  const before = await readWorkbookGrids(d.context, { withOutputs: true });
  await applyPatch(d.context, policyOnly(), { writtenAt: at });
  const after = await readWorkbookGrids(d.context, { withOutputs: true });
  expect(after.sheets.map((s) => s.name)).toEqual(expect.arrayContaining(["分级规则", "Customers"]));
  for (const s of samplePatch().sheets) expect(cellsOf(after, s.name)).toEqual(cellsOf(before, s.name));
  // The tier columns beside the user's table are still there, unchanged.
  expect(cellsOf(after, "Customers")).toEqual(cellsOf(before, "Customers"));
});
