/**
 * Issue 17: hostile and odd files through the real CLI, in a child process whose peak memory is
 * measured. Each case ends in a result that re-reads cleanly or in a clear message (exit 1, no
 * stack trace), the input is never changed, and the process never passes 1 GB.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { readWorkbook } from "../../src/hosts/xlsx/read";
import { packageProblems } from "../../src/hosts/xlsx/verify";
import { inflateEntry, readZip } from "../../src/hosts/xlsx/zipRaw";
import { buildCorpus, type HostileCase } from "./hostileCorpus";

const STACK = /\n\s+at |at .*\.(ts|js):\d+|TypeError|ReferenceError|RangeError|internal error/;
const sha = (f: string) => createHash("sha256").update(readFileSync(f)).digest("hex");

interface Result {
  code: number;
  out: string[];
  err: string[];
  ms: number;
  maxRssKb: number;
}

describe("hostile and odd files (issue 17)", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "tierplan-hostile-"));
  // Built when the tests are collected, so that each file is a test of its own.
  const cases: HostileCase[] = buildCorpus(dir);
  let results: Result[];
  const hashes = new Map<string, string>();
  const outOf = (c: HostileCase) => (c.defaultOut ? path.join(dir, c.defaultOut) : path.join(dir, c.args?.[1] ?? `out-${c.file}.xlsx`.replace(/\.xlsm\.xlsx$/, ".xlsm")));

  beforeAll(() => {
    for (const c of cases) hashes.set(c.file, sha(path.join(dir, c.file)));
    const jobs = cases.map((c) => ({
      argv: ["run", path.join(dir, c.file), ...(c.defaultOut ? [] : ["--out", outOf(c)]), "--as-of", "2024-12-31", "--lang", "en"],
    }));
    const list = path.join(dir, "jobs.json");
    writeFileSync(list, JSON.stringify(jobs));
    const child = spawnSync(process.execPath, ["-r", "tsx/cjs", path.join(__dirname, "hostileDriver.ts"), list], {
      cwd: path.join(__dirname, "../.."),
      encoding: "utf8",
      maxBuffer: 64 << 20,
      timeout: 600_000,
    });
    if (child.status !== 0) throw new Error(`driver failed (${child.status} ${child.signal}): ${child.stderr}`);
    results = JSON.parse(child.stdout) as Result[];
  }, 900_000);

  test("the corpus covers every kind the issue names", () => {
    const files = cases.map((c) => c.file).join(" ");
    for (const k of ["bomb-sheet", "bomb-sharedStrings", "bomb-styles", "bomb-content-types", "lying-size", "bad-crc", "ref-ZZZZZZ", "ref-14-letters", "row-2000000000", "utf16", "upper-case", "gbk-entry-name", "backslash", "dimension-end-tag", "macro", "billion-laughs", "external-entity", ".xlsb", ".xls", ".ods", ".csv", "missing-sheet-part"])
      expect(files).toContain(k);
  });

  test("peak memory of the process that ran every case stays under 1 GB", () => {
    const peakMb = Math.max(...results.map((r) => r.maxRssKb)) / 1024;
    // Printed for docs/RELIABILITY.md.
    console.log(`hostile corpus: ${cases.length} files, peak RSS ${peakMb.toFixed(0)} MB; per case ms: ${cases.map((c, i) => `${c.file} ${results[i].ms}`).join(", ")}`);
    expect(peakMb).toBeLessThan(1024);
  });

  test.each(cases.map((c, i) => [c.file, i] as const))("%s: a clean result or a clear message, input unchanged", (_f, i) => {
    const c = cases[i];
    const r = results[i];
    const all = [...r.err, ...r.out].join("\n");
    expect(sha(path.join(dir, c.file))).toBe(hashes.get(c.file));
    expect(all).not.toMatch(STACK);
    const out = outOf(c);
    if (c.expect === "ok") {
      expect({ file: c.file, code: r.code, err: r.err }).toEqual({ file: c.file, code: 0, err: expect.any(Array) });
      const bytes = new Uint8Array(readFileSync(out));
      expect(packageProblems(bytes, () => true).filter((p) => !/image1\.png/.test(p))).toEqual([]);
      expect(readWorkbook(bytes).sheets.length).toBeGreaterThan(4);
    } else {
      expect({ file: c.file, code: r.code }).toEqual({ file: c.file, code: 1 });
      expect(all).toMatch(c.expect);
      expect(existsSync(out)).toBe(false);
    }
  });

  const resultOf = (file: string) => new Uint8Array(readFileSync(outOf(cases.find((c) => c.file === file)!)));
  const entries = (bytes: Uint8Array) => new Map(readZip(bytes).map((e) => [e.name, e]));
  const partText = (bytes: Uint8Array, name: string) => new TextDecoder().decode(inflateEntry(entries(bytes).get(name)!));

  test("UTF-16 parts: those TierPlan rewrites come back as UTF-8 with their declaration fixed, the others byte for byte", () => {
    const input = new Uint8Array(readFileSync(path.join(dir, "utf16-parts.xlsx")));
    const out = resultOf("utf16-parts.xlsx");
    for (const name of ["xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/worksheets/sheet1.xml"]) {
      const bytes = inflateEntry(entries(out).get(name)!);
      expect([name, bytes[0], bytes[1]]).toEqual([name, 0x3c, 0x3f]); // "<?": UTF-8, no UTF-16 mark
      expect(partText(out, name)).toMatch(/^<\?xml version="1.0" encoding="UTF-8" standalone="yes"\?>/);
    }
    // The customer sheet received TierPlan's columns; the UTF-16 BE sales sheet was not edited.
    expect(partText(out, "xl/worksheets/sheet1.xml")).toContain("ABC");
    expect(Buffer.from(entries(out).get("xl/worksheets/sheet2.xml")!.raw)).toEqual(Buffer.from(entries(input).get("xl/worksheets/sheet2.xml")!.raw));
  });

  test("a dimension with an end tag stays well-formed when rewritten", () => {
    const xml = partText(resultOf("dimension-end-tag.xlsx"), "xl/worksheets/sheet1.xml");
    expect(xml).toMatch(/<dimension ref="A1:[A-Z]+\d+"(\/>|><\/dimension>)/);
    expect(xml.match(/<dimension/g)).toHaveLength(1);
  });

  test("entry names come back byte for byte: upper case, backslashes, GBK", () => {
    const nameBytes = (bytes: Uint8Array) => readZip(bytes).map((e) => Buffer.from(e.nameBytes!).toString("hex")).sort();
    for (const f of ["upper-case-names.xlsx", "backslash-names.xlsx", "gbk-entry-name.xlsx"]) {
      const before = nameBytes(new Uint8Array(readFileSync(path.join(dir, f))));
      const after = new Set(nameBytes(resultOf(f)));
      expect([f, before.filter((n) => !after.has(n))]).toEqual([f, []]);
    }
    const gbk = readZip(resultOf("gbk-entry-name.xlsx")).find((e) => e.name.startsWith("xl/media/") && e.name !== "xl/media/image1.png")!;
    expect(Buffer.from(gbk.nameBytes!).toString("hex")).toBe(Buffer.from("xl/media/").toString("hex") + "cdbcc6ac" + Buffer.from(".png").toString("hex"));
    expect(gbk.nameUtf8).toBe(false);
  });

  test("a macro workbook: .xlsm out by default, its VBA project and macro content type kept byte for byte", () => {
    const input = new Uint8Array(readFileSync(path.join(dir, "macro.xlsm")));
    const out = resultOf("macro.xlsm");
    expect(Buffer.from(inflateEntry(entries(out).get("xl/vbaProject.bin")!))).toEqual(Buffer.from(inflateEntry(entries(input).get("xl/vbaProject.bin")!)));
    expect(partText(out, "[Content_Types].xml")).toContain('<Override PartName="/xl/workbook.xml" ContentType="application/vnd.ms-excel.sheet.macroEnabled.main+xml"/>');
    expect(partText(out, "xl/_rels/workbook.xml.rels")).toContain('Target="vbaProject.bin"');
  });
});
