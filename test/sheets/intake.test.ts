/**
 * Intake without --map (issue 16): the fixture workbooks of test/fixtures/intake (written by
 * generate.ts at test time) are read through the .xlsx reader and the pipeline; each one's
 * roles and columns are asserted, ABC equals the pandas peer (scripts/peers/intake_abc.py)
 * where there are lines, and every refusal names the sheet, what was found and a --map line
 * that, pasted back, makes the run succeed.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseCommand } from "../../src/cli/args";
import { readWorkbook } from "../../src/hosts/xlsx/read";
import { runPipeline } from "../../src/pipeline/run";
import { detectSheet, type FieldChoice } from "../../src/sheets/detect";
import type { CellValue } from "../../src/sheets/grid";
import { DIR, Expected, generate } from "../fixtures/intake/generate";

const PYTHON = "/usr/bin/python3";
const PEER = path.resolve(__dirname, "../../scripts/peers/intake_abc.py");
const NOW = "2025-01-06T08:00:00Z";

let fixtures: Expected[] = [];
const runs = new Map<string, ReturnType<typeof runPipeline>>();

function run(e: Expected, map?: Record<string, string>) {
  const grids = readWorkbook(new Uint8Array(fs.readFileSync(path.join(DIR, e.file))));
  return runPipeline(grids, { period: e.period, now: NOW, map: map as never });
}

/** Splits a pasted command line the way a POSIX shell would for these words (double quotes, backslash escapes). */
function shellSplit(line: string): string[] {
  const out: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|(\S+)/g;
  let cur = "";
  let last = 0;
  for (let m = re.exec(line); m; m = re.exec(line)) {
    if (m.index > last && /\s/.test(line.slice(last, m.index)) && cur) {
      out.push(cur);
      cur = "";
    }
    cur += m[1] !== undefined ? m[1].replace(/\\(.)/g, "$1") : m[2];
    last = re.lastIndex;
  }
  if (cur) out.push(cur);
  // `a="b c"` arrives as two regex matches with no space between: rejoin handled above.
  return out;
}

beforeAll(async () => {
  fixtures = await generate();
  for (const e of fixtures) runs.set(e.file, run(e));
}, 120_000);

describe("intake fixtures: roles and columns found without --map", () => {
  it("writes at least 15 workbooks modelled on real exports", () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(15);
    for (const e of fixtures) expect(fs.existsSync(path.join(DIR, e.file))).toBe(true);
  });

  it.each([
    "01-erp-shipment.xlsx", "02-bi-orders-en.xlsx", "03-pharmacy.xlsx", "04-two-row-header.xlsx", "05-merged-customer-block.xlsx",
    "06-formulas-duplicates.xlsx", "07-dimension-a1.xlsx", "08-ledger-pivots-copy.xlsx", "09-store-master.xlsx", "10-wide-summary.xlsx",
    "11-english-master-sales.xlsx", "12-currency.xlsx", "13-tax-amounts.xlsx", "14-orders-and-master.xlsx", "15-dealer-ledger.xlsx",
    "16-month-jan.xlsx", "17-month-feb.xlsx", "R1-unnamed-columns.xlsx", "R2-terse-english.xlsx",
  ])("%s", (file) => {
    const e = fixtures.find((f) => f.file === file)!;
    const out = runs.get(file)!;
    const det = out.context.data.detection;
    for (const [sheet, role] of Object.entries(e.roles)) expect([sheet, det.sheets.find((d) => d.sheet === sheet)?.role]).toEqual([sheet, role]);
    expect(det.sales.map((d) => d.sheet)).toEqual((e.sales ?? []).map((s) => s.sheet));
    for (const s of e.sales ?? []) {
      const d = det.sales.find((x) => x.sheet === s.sheet)!;
      const got = Object.fromEntries((Object.values(d.fields) as FieldChoice[]).filter((f) => f.field in s.columns).map((f) => [f.field, f.header]));
      expect(got).toEqual(s.columns);
      expect(d.headerRow + 1).toBe(s.headerRow);
      expect(out.failed).toBe(false);
      expect(out.context.data.sales.length).toBeGreaterThan(0);
    }
    for (const [field, header] of Object.entries(e.alternatives ?? {})) {
      const f = det.sales[0].fields[field as FieldChoice["field"]]!;
      expect([field, f.alternative?.header]).toEqual([field, header]);
    }
    for (const [copy, of] of Object.entries(e.copies ?? {})) expect(det.sheets.find((d) => d.sheet === copy)?.duplicateOf).toBe(of);
    if (e.customers) {
      expect(det.customers?.sheet).toBe(e.customers.sheet);
      expect(det.customers?.fields.customerId?.header).toBe(e.customers.id);
      expect(det.customers?.fields.customerName?.header).toBe(e.customers.name);
    }
  });

  it("keeps card numbers with leading zeros as text and reads weekday dates", () => {
    const out = runs.get("03-pharmacy.xlsx")!;
    expect(out.context.data.sales.every((l) => /^0\d{9}$/.test(l.customerId))).toBe(true);
    expect(out.issues.filter((i) => i.code.startsWith("value.bad"))).toEqual([]);
  });

  it("skips subtotals, totals and the ERP footer; no line is lost or invented", () => {
    const out = runs.get("01-erp-shipment.xlsx")!;
    expect(out.context.data.sales.length).toBe(180);
    expect(out.issues.filter((i) => i.severity === "error")).toEqual([]);
    const merged = runs.get("05-merged-customer-block.xlsx")!;
    expect(merged.context.data.sales.length).toBe(160);
    expect(merged.issues.filter((i) => i.code === "sales.noCustomer")).toEqual([]);
  });

  it("reads a copy of the ledger once", () => {
    const out = runs.get("08-ledger-pivots-copy.xlsx")!;
    expect(out.context.data.sales.length).toBe(170);
    expect(new Set(out.context.data.sales.map((l) => l.sheet))).toEqual(new Set(["明细"]));
  });

  it("runs a store master without sales: funnel yes, the sales analyses skipped and said once", () => {
    const out = runs.get("09-store-master.xlsx")!;
    expect(out.failed).toBe(false);
    expect(out.context.data.customers).toHaveLength(30);
    expect(out.issues.filter((i) => i.code === "sales.none")).toHaveLength(1);
    expect(Object.values(out.summary.funnel.byStage).reduce((s, n) => s + n, 0)).toBe(30);
  });

  it("refuses a wide summary, saying it is a summary", () => {
    const out = runs.get("10-wide-summary.xlsx")!;
    expect(out.failed).toBe(true);
    const err = out.issues.find((i) => i.code === "sales.summaryOnly")!;
    expect(err.sheet).toBe("月度汇总");
    expect(err.message).toMatch(/月度汇总 is a summary/);
    expect(err.messageZh).toMatch(/月度汇总 是汇总表/);
  });
});

describe("refusals name the sheet, what was found, and a --map line that works", () => {
  it.each(["R1-unnamed-columns.xlsx", "R2-terse-english.xlsx"])("%s", (file) => {
    const e = fixtures.find((f) => f.file === file)!;
    const out = runs.get(file)!;
    expect(out.failed).toBe(true);
    const err = out.issues.find((i) => i.code === "sales.notFound")!;
    expect(err.sheet).toBe(e.refusal!.sheet);
    for (const text of [err.message, err.messageZh!]) {
      expect(text).toContain(`${e.refusal!.sheet}`);
      for (const h of e.refusal!.found) expect(text).toContain(h);
    }
    expect(err.message).toMatch(/missing customer, model/);
    expect(err.messageZh).toMatch(/缺少 客户、型号/);
    const line = err.message.split("\n").find((l) => l.trim().startsWith("--map"))!.trim();
    expect(line).toContain(`--map sales=${e.refusal!.sheet}`);
    // Pasted back after `tierplan run book.xlsx`, through the CLI's own parser.
    const cmd = parseCommand(["run", "book.xlsx", ...shellSplit(line)]);
    if (cmd.kind !== "run") throw new Error("not a run");
    const again = run(e, cmd.options.map as Record<string, string>);
    expect(again.failed).toBe(false);
    expect(again.context.data.detection.sales.map((d) => d.sheet)).toEqual([e.refusal!.sheet]);
    expect(again.context.data.sales.length).toBe(80);
  });
});

const pandas = fs.existsSync(PYTHON) && spawnSync(PYTHON, ["-c", "import pandas, openpyxl"]).status === 0;

describe("ABC on the fixtures equals the pandas peer", () => {
  (pandas ? it : it.skip)("per customer, on every fixture with lines", () => {
    const withPeer = fixtures.filter((e) => e.peer);
    expect(withPeer.length).toBeGreaterThanOrEqual(14);
    const specs = withPeer.map((e) => ({ path: path.join(DIR, e.file), ...e.peer }));
    const specFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "intake-peer-")), "specs.json");
    fs.writeFileSync(specFile, JSON.stringify(specs));
    const res = spawnSync(PYTHON, [PEER, specFile], { encoding: "utf8", timeout: 300_000 });
    expect(res.stderr).toBe("");
    const peer = JSON.parse(res.stdout) as Record<string, Record<string, string>>;
    for (const e of withPeer) {
      const expected = peer[path.join(DIR, e.file)];
      const out = runs.get(e.file)!;
      const got = Object.fromEntries(out.summary.customers.filter((c) => c.customerId in expected).map((c) => [c.customerId, c.abc]));
      expect([e.file, got]).toEqual([e.file, expected]);
      expect(Object.keys(expected).length).toBeGreaterThan(5);
      expect(new Set(Object.values(expected)).size).toBe(3);
    }
  });
});

describe("a customer master's own attributes are not offered as its customer", () => {
  it("客户温度, 客户阶段, 客户意向, 客户信用额度 and 客户欠款 are no alternative to 客户名称 or 客户编号", () => {
    const header = ["客户编号", "客户名称", "客户温度", "客户阶段", "客户意向", "客户信用额度", "客户欠款"];
    const rows: CellValue[][] = [header];
    for (let i = 1; i <= 60; i++) rows.push([`C${String(i).padStart(4, "0")}`, `客户${i}商贸`, ["热", "温", "冷"][i % 3], `阶段${i % 4}`, ["高", "中", "低"][i % 3], i * 1000, i * 10]);
    const d = detectSheet({ name: "客户资料", rows, origin: { row: 0, col: 0 } }, { sales: {}, customers: {} });
    expect(d.role).toBe("customers");
    expect([d.fields.customerId?.header, d.fields.customerId?.alternative]).toEqual(["客户编号", undefined]);
    expect([d.fields.customerName?.header, d.fields.customerName?.alternative]).toEqual(["客户名称", undefined]);
  });
});
