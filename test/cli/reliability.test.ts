/**
 * The CLI never damages its input and keeps everything of the user's: charts, pivot tables,
 * images, defined names, data validation, conditional formats and column widths survive a
 * run byte for byte; `--out` naming the input is safe; `tierplan undo` restores the previous
 * state; the JSON summary never holds NaN or Infinity.
 */
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { strFromU8, unzipSync } from "fflate";
import { main, summaryJson } from "../../src/cli/main";
import { USAGE } from "../../src/cli/args";
import { readWorkbook } from "../../src/hosts/xlsx/read";
import { REGISTRY_SHEET } from "../../src/report/ownership";

const FIXTURE = path.join(__dirname, "../fixtures/xlsx/user_content.xlsx");

async function cli(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { stdout: (s) => out.push(s), stderr: (s) => err.push(s), lang: "en" });
  return { code, out, err };
}

function tmp(): string {
  return mkdtempSync(path.join(tmpdir(), "tierplan-cli-"));
}

const text = (files: Record<string, Uint8Array>, k: string) => strFromU8(files[k]);

describe("a user's content survives a CLI run", () => {
  const dir = tmp();
  const outFile = path.join(dir, "result.xlsx");
  let before: Record<string, Uint8Array>;
  let after: Record<string, Uint8Array>;

  beforeAll(async () => {
    const r = await cli(["run", FIXTURE, "--out", outFile, "--as-of", "2024-12-31"]);
    expect(r.code).toBe(0);
    before = unzipSync(readFileSync(FIXTURE));
    after = unzipSync(readFileSync(outFile));
  });

  test("the pipeline wrote its outputs (sheets and the registry)", () => {
    const names = readWorkbook(readFileSync(outFile)).sheets.map((s) => s.name);
    expect(names.slice(0, 4)).toEqual(["客户资料", "销售记录", "透视", "说明"]);
    expect(names).toContain(REGISTRY_SHEET);
    expect(names.length).toBeGreaterThan(5);
  });

  test.each([
    ["chart", ["xl/charts/chart1.xml", "xl/drawings/drawing1.xml", "xl/drawings/_rels/drawing1.xml.rels"]],
    ["pivot table", ["xl/pivotTables/pivotTable1.xml", "xl/pivotTables/_rels/pivotTable1.xml.rels", "xl/pivotCache/pivotCacheDefinition1.xml", "xl/pivotCache/pivotCacheRecords1.xml", "xl/pivotCache/_rels/pivotCacheDefinition1.xml.rels", "xl/worksheets/sheet3.xml", "xl/worksheets/_rels/sheet3.xml.rels"]],
    ["image", ["xl/media/image1.png", "xl/drawings/drawing99.xml", "xl/drawings/_rels/drawing99.xml.rels", "xl/worksheets/sheet4.xml", "xl/worksheets/_rels/sheet4.xml.rels"]],
    ["table and comment", ["xl/tables/table1.xml", "xl/comments/comment1.xml", "xl/drawings/commentsDrawing1.vml"]],
    ["theme and the sales sheet", ["xl/theme/theme1.xml", "xl/worksheets/sheet2.xml"]],
  ])("%s: parts unchanged byte for byte", (_what, parts) => {
    for (const p of parts) {
      expect(after[p]).toBeDefined();
      expect(Buffer.from(after[p]).equals(Buffer.from(before[p]))).toBe(true);
    }
  });

  test("every original part is still there; only the parts TierPlan edits changed", () => {
    const edited = new Set(["[Content_Types].xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml", "xl/worksheets/sheet1.xml", "xl/worksheets/_rels/sheet1.xml.rels"]);
    for (const k of Object.keys(before)) {
      expect(after[k]).toBeDefined();
      if (!edited.has(k)) expect([k, Buffer.from(after[k]).equals(Buffer.from(before[k]))]).toEqual([k, true]);
    }
  });

  test("the workbook part keeps the defined names and the pivot cache, word for word", () => {
    const w0 = text(before, "xl/workbook.xml");
    const w1 = text(after, "xl/workbook.xml");
    for (const m of w0.match(/<definedName\b[^>]*>[^<]*<\/definedName>/g)!) expect(w1).toContain(m);
    expect(w1).toContain(w0.match(/<pivotCaches>.*<\/pivotCaches>/)![0]);
    expect(text(after, "xl/_rels/workbook.xml.rels")).toMatch(/Id="rIdPC1"[^>]*pivotCacheDefinition1\.xml|pivotCacheDefinition1\.xml"[^>]*Id="rIdPC1"/);
    expect(text(after, "[Content_Types].xml")).toContain("pivotTable1.xml");
  });

  test("the sheet that receives TierPlan's columns keeps its validation, conditional format and column widths", () => {
    const s0 = text(before, "xl/worksheets/sheet1.xml");
    const s1 = text(after, "xl/worksheets/sheet1.xml");
    expect(s1).toContain(s0.match(/<dataValidations\b.*?<\/dataValidations>/)![0]);
    expect(s1).toContain(s0.match(/<conditionalFormatting\b.*?<\/conditionalFormatting>/)![0]);
    for (const col of s0.match(/<col\b[^>]*\/>/g)!) expect(s1).toContain(col);
    expect(s1).toContain(s0.match(/<tableParts\b.*?<\/tableParts>/)![0]);
  });
});

describe("the input is never damaged", () => {
  test("--out naming the input: the file becomes the result, atomically, and a second run still gives one set of outputs", async () => {
    const dir = tmp();
    const file = path.join(dir, "book.xlsx");
    copyFileSync(FIXTURE, file);
    expect((await cli(["run", file, "--out", file, "--as-of", "2024-12-31"])).code).toBe(0);
    const once = readWorkbook(readFileSync(file)).sheets.map((s) => s.name);
    expect(once).toContain(REGISTRY_SHEET);
    expect((await cli(["run", file, "--out", file, "--as-of", "2024-12-31"])).code).toBe(0);
    expect(readWorkbook(readFileSync(file)).sheets.map((s) => s.name)).toEqual(once);
    expect(readdirSync(dir)).toEqual(["book.xlsx"]); // no temporary file left behind
  });

  test("a run that fails leaves the input byte for byte as it was, even with --out naming it", async () => {
    const dir = tmp();
    const file = path.join(dir, "broken.xlsx");
    const bytes = readFileSync(FIXTURE).subarray(0, 3000);
    writeFileSync(file, bytes);
    const r = await cli(["run", file, "--out", file]);
    expect(r.code).toBe(1);
    expect(Buffer.from(readFileSync(file)).equals(Buffer.from(bytes))).toBe(true);
    expect(readdirSync(dir)).toEqual(["broken.xlsx"]);
  });

  test("an output that cannot be written: exit 1, a plain message, the input untouched", async () => {
    const dir = tmp();
    const file = path.join(dir, "book.xlsx");
    copyFileSync(FIXTURE, file);
    const r = await cli(["run", file, "--out", path.join(dir, "no-such-dir", "out.xlsx"), "--as-of", "2024-12-31"]);
    expect(r.code).toBe(1);
    expect(r.err.join("\n")).toMatch(/cannot write the output \(ENOENT/);
    expect(r.err.join("\n")).not.toMatch(/\n\s+at /);
    expect(Buffer.from(readFileSync(file)).equals(Buffer.from(readFileSync(FIXTURE)))).toBe(true);
  });
});

describe("tierplan undo", () => {
  test("undo of a run gives back the user's workbook, cell for cell, with the user's parts byte for byte", async () => {
    const dir = tmp();
    const result = path.join(dir, "result.xlsx");
    const undone = path.join(dir, "undone.xlsx");
    expect((await cli(["run", FIXTURE, "--out", result, "--as-of", "2024-12-31"])).code).toBe(0);
    const r = await cli(["undo", result, "--out", undone]);
    expect(r.code).toBe(0);
    expect(r.err.join("\n")).toContain("undone");
    expect(readWorkbook(readFileSync(undone))).toEqual(readWorkbook(readFileSync(FIXTURE)));
    const a = unzipSync(readFileSync(FIXTURE));
    const b = unzipSync(readFileSync(undone));
    for (const k of ["xl/pivotTables/pivotTable1.xml", "xl/charts/chart1.xml", "xl/media/image1.png", "xl/worksheets/sheet2.xml"]) expect(Buffer.from(b[k]).equals(Buffer.from(a[k]))).toBe(true);
  });

  test("undo of a second run restores the first run's outputs cell for cell", async () => {
    const dir = tmp();
    const first = path.join(dir, "first.xlsx");
    const second = path.join(dir, "second.xlsx");
    const undone = path.join(dir, "undone.xlsx");
    expect((await cli(["run", FIXTURE, "--out", first, "--as-of", "2024-12-31"])).code).toBe(0);
    expect((await cli(["run", first, "--out", second, "--as-of", "2024-12-31", "--period", "2024-03..2024-05"])).code).toBe(0);
    expect((await cli(["undo", second, "--out", undone])).code).toBe(0);
    const strip = (f: string) => readWorkbook(readFileSync(f)).sheets.filter((s) => s.name !== REGISTRY_SHEET);
    expect(strip(second)).not.toEqual(strip(first));
    expect(strip(undone)).toEqual(strip(first));
  });

  test("undo repeated walks back run by run to the user's workbook, then says there is nothing more", async () => {
    const dir = tmp();
    const f = (n: string) => path.join(dir, `${n}.xlsx`);
    expect((await cli(["run", FIXTURE, "--out", f("first"), "--as-of", "2024-12-31"])).code).toBe(0);
    expect((await cli(["run", f("first"), "--out", f("second"), "--as-of", "2024-12-31", "--period", "2024-03..2024-05"])).code).toBe(0);
    expect((await cli(["undo", f("second"), "--out", f("undo1")])).code).toBe(0);
    expect((await cli(["undo", f("undo1"), "--out", f("undo2")])).code).toBe(0);
    const strip = (file: string) => readWorkbook(readFileSync(file)).sheets.filter((s) => s.name !== REGISTRY_SHEET);
    expect(strip(f("undo1"))).toEqual(strip(f("first")));
    expect(readWorkbook(readFileSync(f("undo2")))).toEqual(readWorkbook(readFileSync(FIXTURE)));
    const r = await cli(["undo", f("undo2"), "--out", f("undo3")]);
    expect(r.code).toBe(1);
    expect(r.err.join("\n")).toContain("Nothing to undo");
  });

  test("nothing to undo: exit 1 and a plain message; no --out: exit 2 with the usage", async () => {
    const dir = tmp();
    const r = await cli(["undo", FIXTURE, "--out", path.join(dir, "x.xlsx")]);
    expect(r.code).toBe(1);
    expect(r.err.join("\n")).toContain("Nothing to undo");
    const u = await cli(["undo", FIXTURE]);
    expect(u.code).toBe(2);
    expect(u.err.join("\n")).toContain("tierplan undo <result.xlsx> --out <file.xlsx>");
    expect(USAGE).toContain("tierplan undo");
  });
});

describe("JSON summary", () => {
  test("no NaN or Infinity reaches the JSON: they become null", () => {
    const s = summaryJson({ a: NaN, b: [Infinity, -Infinity, 1.5], c: { d: 0 } });
    expect(JSON.parse(s)).toEqual({ a: null, b: [null, null, 1.5], c: { d: 0 } });
    expect(s).not.toMatch(/NaN|Infinity/);
  });
});
