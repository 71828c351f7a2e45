/**
 * The CLI's side of intake (issue 16): it says what was read before anything else, several
 * files (or a folder) are one ledger with file and sheet in every message, a copy of a file
 * is not counted twice, and the JSON summary states roles and columns.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main } from "../../src/cli/main";
import { generate, DIR } from "../fixtures/intake/generate";

async function cli(argv: string[], lang: "zh" | "en" = "en") {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { stdout: (s) => out.push(s), stderr: (s) => err.push(s), lang });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

let tmp = "";
beforeAll(async () => {
  await generate();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "intake-cli-"));
}, 120_000);

describe("tierplan run: intake", () => {
  it("says per sheet its role and each field's column, with the close call and the amount taken", async () => {
    const r = await cli(["run", path.join(DIR, "01-erp-shipment.xlsx"), "--out", path.join(tmp, "erp.xlsx"), "--period", "2024-01..2024-12"], "zh");
    expect(r.code).toBe(0);
    const lines = r.err.split("\n");
    expect(lines[0]).toBe("出库明细 → 销售明细: 日期=发货日期, 客户=往来单位编码, 客户名称=往来单位名称, 型号=存货名称, 数量=数量, 单价=无税单价, 金额=价税合计（表头第 4 行）");
    expect(r.err).toContain("型号：取「存货名称」，接近的另一列是「存货编码」（F 列；如需改用：--map model=存货编码）");
    expect(r.err).toContain("金额：取「价税合计」，接近的另一列是「金额(未税)」");
  });

  it("reads several monthly files as one ledger, with progress, and a copy of a file once", async () => {
    const jan = path.join(DIR, "16-month-jan.xlsx");
    const feb = path.join(DIR, "17-month-feb.xlsx");
    const janCopy = path.join(tmp, "jan-copy.xlsx");
    fs.copyFileSync(jan, janCopy);
    const json = path.join(tmp, "months.json");
    const r = await cli(["run", jan, feb, janCopy, "--out", path.join(tmp, "months.xlsx"), "--json", json, "--period", "2024-01..2024-02"]);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/\[1\/3\] .*16-month-jan\.xlsx: 1 sheets/);
    expect(r.err).toMatch(/\[3\/3\] .*jan-copy\.xlsx: 1 sheets/);
    expect(r.err).toContain("16-month-jan.xlsx/销售出库 → sales lines");
    expect(r.err).toContain("17-month-feb.xlsx/销售出库 → sales lines");
    expect(r.err).toContain("jan-copy.xlsx/销售出库 → sales lines");
    expect(r.err).toMatch(/the same lines as 销售出库: a copy, not counted twice/);
    const summary = JSON.parse(fs.readFileSync(json, "utf8"));
    expect(summary.intake.files).toEqual([jan, feb, janCopy]);
    const used = summary.intake.sheets.filter((s: { used: boolean }) => s.used).map((s: { sheet: string }) => s.sheet);
    expect(used).toEqual(["销售出库", "17-month-feb.xlsx/销售出库"]);
    const sales = summary.intake.sheets[0];
    expect(sales.role).toBe("sales");
    expect(sales.columns.date).toMatchObject({ header: "出库日期", column: "A" });
    expect(sales.columns.amount).toMatchObject({ header: "价税合计", column: "F" });
    // One ledger: the revenue of both months, each line once.
    const single = await cli(["run", jan, "--out", path.join(tmp, "jan.xlsx"), "--json", path.join(tmp, "jan.json"), "--period", "2024-01..2024-02"]);
    expect(single.code).toBe(0);
    const janOnly = JSON.parse(fs.readFileSync(path.join(tmp, "jan.json"), "utf8"));
    const total = (s: { abc: Record<string, { revenue: number }> }) => Object.values(s.abc).reduce((t, c) => t + c.revenue, 0);
    expect(total(summary)).toBeGreaterThan(total(janOnly));
    expect(summary.customers.length).toBeGreaterThanOrEqual(janOnly.customers.length);
  });

  it("reads a folder of workbooks", async () => {
    const folder = path.join(tmp, "folder");
    fs.mkdirSync(folder);
    for (const f of ["16-month-jan.xlsx", "17-month-feb.xlsx"]) fs.copyFileSync(path.join(DIR, f), path.join(folder, f));
    const r = await cli(["run", folder, "--out", path.join(tmp, "folder.xlsx"), "--period", "2024-01..2024-02"]);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/\[2\/2\] .*17-month-feb\.xlsx/);
  });

  it("refuses with the sheet, what was found and a --map line; the line pasted back runs", async () => {
    const file = path.join(DIR, "R1-unnamed-columns.xlsx");
    const r = await cli(["run", file, "--out", path.join(tmp, "r1.xlsx"), "--period", "2024-01..2024-12"]);
    expect(r.code).toBe(1);
    expect(r.err).toContain("流水: not a table TierPlan reads; found date=单据日期 (A), quantity=数量 (D), amount=金额 (E); missing customer, model");
    const line = r.err.split("\n").find((l) => l.trim().startsWith("--map"))!.trim();
    expect(line).toBe("--map sales=流水 --map sales.customerId=往来户 --map sales.model=货号");
    const again = await cli(["run", file, ...line.split(" "), "--out", path.join(tmp, "r1.xlsx"), "--period", "2024-01..2024-12"]);
    expect(again.code).toBe(0);
    expect(again.err.split("\n")[0]).toContain("流水 → sales lines");
  });
});
