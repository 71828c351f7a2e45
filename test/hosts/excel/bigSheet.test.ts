/**
 * A 300,000-row × 8-column sheet read from and written to the double: no request or response
 * above 5 MB, round trips within 4 + ceil(request bytes / 4 MB) for the write.
 */
import { applyPatch, readWorkbookGrids } from "../../../src/hosts/excel";
import type { WorkbookPatch } from "../../../src/report/patch";
import type { CellValue } from "../../../src/sheets/grid";
import { createExcelDouble } from "../../excel-double";

const ROWS = 300_000;
const LIMIT = 5 * 1024 * 1024;
const MB4 = 4 * 1024 * 1024;

function bigRow(i: number): CellValue[] {
  return [`C${String(i).padStart(6, "0")}`, `Customer ${i} Trading Co.`, i % 7 === 0 ? "华东" : "North", 45000 + (i % 365), i * 1.25, i % 3, i % 11 === 0 ? null : "A", i % 2 === 0];
}

describe("big sheets", () => {
  test(`reads ${ROWS} rows × 8 columns without a response above 5 MB`, async () => {
    const rows: CellValue[][] = [["ID", "Name", "Region", "Date", "Sales", "Visits", "Class", "Active"]];
    for (let i = 0; i < ROWS; i++) rows.push(bigRow(i));
    const d = createExcelDouble({ sheets: [{ name: "Sales", rows }] });
    const stats = { syncs: 0 };
    const grids = await readWorkbookGrids(d.context, { stats });
    const g = grids.sheets[0];
    expect(g.rows).toHaveLength(ROWS + 1);
    expect(g.rows[1]).toEqual(bigRow(0));
    expect(g.rows[150_001]).toEqual(bigRow(150_000));
    expect(g.rows[ROWS]).toEqual(bigRow(ROWS - 1));
    expect(d.stats.failedSyncs).toBe(0);
    expect(d.stats.maxResponseBytes).toBeLessThanOrEqual(LIMIT);
    expect(d.stats.maxRequestBytes).toBeLessThanOrEqual(LIMIT);
    // Values ≈ 2.4 M cells; the estimate follows the data after the first batch.
    expect(stats.syncs).toBeLessThanOrEqual(2 + Math.ceil(d.stats.totalResponseBytes / (MB4 / 1.6)) + 1);
    console.log(
      `read ${ROWS}×8: ${stats.syncs} syncs, response total ${(d.stats.totalResponseBytes / 1048576).toFixed(1)} MiB, max ${(d.stats.maxResponseBytes / 1048576).toFixed(2)} MiB`,
    );
  });

  test(`writes a ${ROWS}-row × 8-column block in ≤ 4 + ceil(bytes / 4 MB) syncs, none above 5 MB`, async () => {
    const data = Array.from({ length: ROWS }, (_, i) => bigRow(i));
    const patch: WorkbookPatch = {
      schemaVersion: 1,
      sheets: [
        {
          name: "Big",
          blocks: [
            {
              id: "big",
              at: { row: 0, col: 0 },
              title: "All customers",
              columns: [
                { key: "id", header: "ID", format: "text" },
                { key: "name", header: "Name" },
                { key: "region", header: "Region" },
                { key: "date", header: "Date", format: "date" },
                { key: "sales", header: "Sales", format: "money" },
                { key: "visits", header: "Visits", format: "integer" },
                { key: "cls", header: "Class", style: { align: "center" } },
                { key: "active", header: "Active" },
              ],
              rows: data,
              table: { name: "BigTable" },
              colours: [{ column: "cls", equals: "A", fill: "#C6EFCE" }],
            },
          ],
          charts: [],
        },
      ],
      columns: [],
    };
    const d = createExcelDouble({ sheets: [{ name: "Input", rows: [["x"]] }] });
    const result = await applyPatch(d.context, patch, { writtenAt: "2025-01-31T00:00:00Z", isSetSupported: d.isSetSupported });
    const s = d.sheet("Big");
    expect(s.valuesOf("A2:H3")).toEqual([["ID", "Name", "Region", "Date", "Sales", "Visits", "Class", "Active"], bigRow(0).map((v) => v ?? "")]);
    expect(s.valuesOf(`A${150_003}:H${150_003}`)).toEqual([bigRow(150_000).map((v) => v ?? "")]);
    expect(s.valuesOf(`A${ROWS + 2}:H${ROWS + 2}`)).toEqual([bigRow(ROWS - 1).map((v) => v ?? "")]);
    expect(s.cell(`D${ROWS + 2}`).numberFormat).toBe("yyyy-mm-dd");
    expect(s.cell(`A${ROWS + 2}`).numberFormat).toBe("@");
    expect(s.cell(`G${ROWS + 2}`).style.hAlign).toBe("Center");
    expect(s.tables[0]).toMatchObject({ name: "BigTable", rect: { r0: 1, c0: 0, r1: ROWS + 1, c1: 7 } });

    expect(d.stats.failedSyncs).toBe(0);
    expect(d.stats.maxRequestBytes).toBeLessThanOrEqual(LIMIT);
    expect(result.syncs).toBe(d.stats.syncs);
    expect(d.stats.syncs).toBeLessThanOrEqual(4 + Math.ceil(d.stats.totalRequestBytes / MB4));
    console.log(
      `write ${ROWS}×8: ${d.stats.syncs} syncs, request total ${(d.stats.totalRequestBytes / 1048576).toFixed(1)} MiB, max ${(d.stats.maxRequestBytes / 1048576).toFixed(2)} MiB, bound ${4 + Math.ceil(d.stats.totalRequestBytes / MB4)}`,
    );

    // And back: the host reads its own output.
    d.stats.reset();
    // "Big" is a sheet TierPlan wrote: read back on purpose (a re-run's read skips it).
    const grids = await readWorkbookGrids(d.context, { withOutputs: true });
    const big = grids.sheets.find((g) => g.name === "Big")!;
    expect(big.rows).toHaveLength(ROWS + 2);
    expect(big.rows[ROWS + 1]).toEqual(bigRow(ROWS - 1));
    expect(d.stats.maxResponseBytes).toBeLessThanOrEqual(LIMIT);
  });
});
