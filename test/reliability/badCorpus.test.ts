/**
 * Bad input through the CLI's `main(argv, io)`: every workbook of test/fixtures/bad/ gives its
 * expected exit code (SPEC §7) and message with sheet and cell, the good rows still go through,
 * no stack trace ever reaches the user, and no NaN or Infinity reaches a cell or the JSON.
 */
import { mkdtempSync, readFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { main } from "../../src/cli/main";
import { readWorkbook } from "../../src/hosts/xlsx/read";
import { BAD_CORPUS } from "../fixtures/bad/expected";

const DIR = path.join(__dirname, "../fixtures/bad");
const STACK = /\n\s+at |at .*\.(ts|js):\d+|TypeError|ReferenceError|RangeError/;

async function cli(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { stdout: (s) => out.push(s), stderr: (s) => err.push(s), lang: "en" });
  return { code, out, err };
}

describe("bad workbooks: a clear message, good rows through, never a stack trace", () => {
  const tmp = mkdtempSync(path.join(tmpdir(), "tierplan-bad-"));

  test.each(BAD_CORPUS.map((c) => [c.file, c] as const))("%s", async (_f, c) => {
    const out = path.join(tmp, `out-${c.file}`);
    const json = path.join(tmp, `${c.file}.json`);
    const r = await cli(["run", path.join(DIR, c.file), "--out", out, "--json", json, "--lang", "en"]);
    expect(r.code).toBe(c.exit);
    for (const s of c.stderr) expect(r.err.some((line) => line.includes(s))).toBe(true);
    for (const line of [...r.err, ...r.out]) expect(line).not.toMatch(STACK);
    if (c.exit === 0) {
      const text = readFileSync(json, "utf8");
      expect(text).not.toMatch(/NaN|Infinity/);
      const summary = JSON.parse(text);
      expect(summary.customers).toHaveLength(c.customers!);
      // Every issue the summary lists has its sheet; issues with a row have their cell.
      for (const i of summary.issues) if (i.severity !== "info") expect(i.sheet).toBeTruthy();
      const notFinite: string[] = [];
      for (const g of readWorkbook(readFileSync(out)).sheets)
        for (const row of g.rows) for (const v of row) if (typeof v === "number" && !Number.isFinite(v)) notFinite.push(`${g.name}: ${v}`);
      expect(notFinite).toEqual([]);
    } else {
      expect(existsSync(out)).toBe(false);
    }
  });

  test("100,000 lines without a customer id: one grouped issue with the count and the first cells", async () => {
    const json = path.join(tmp, "grouped.json");
    await cli(["run", path.join(DIR, "missing-ids-100k.xlsx"), "--out", path.join(tmp, "grouped.xlsx"), "--json", json]);
    const issues = JSON.parse(readFileSync(json, "utf8")).issues.filter((i: { code: string; message: string }) => i.code === "sales.noCustomerId" || /customer ID/.test(i.message));
    // 20 shown one by one, then one line for the other 99,980.
    expect(issues).toHaveLength(21);
    const grouped = issues[20];
    expect(grouped.count).toBe(99980);
    expect(grouped.cell).toBe("B28");
    expect(grouped.message).toContain("first at B28, B29, B30, B31, B32, B33, B34, B35, B36, B37");
  });
});
