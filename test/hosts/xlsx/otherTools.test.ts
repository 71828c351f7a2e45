/**
 * Round trips over workbooks written by other tools, generated at test time: openpyxl and
 * XlsxWriter (Debian's python3-openpyxl / python3-xlsxwriter) and LibreOffice (one conversion
 * of the XlsxWriter file with `soffice --headless --convert-to xlsx`). Each goes through
 * `tierplan run`: every part the input had is in the result, byte for byte unless it is one of
 * the parts TierPlan edits, and the result re-reads (parts parse, relationships resolve,
 * content types cover every part). A test skips only when its tool is not installed.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { main } from "../../../src/cli/main";
import { readWorkbook } from "../../../src/hosts/xlsx/read";
import { packageProblems } from "../../../src/hosts/xlsx/verify";
import { inflateEntry, readZip } from "../../../src/hosts/xlsx/zipRaw";

const PYTHON = "/usr/bin/python3";
const has = (mod: string) => existsSync(PYTHON) && spawnSync(PYTHON, ["-c", `import ${mod}`]).status === 0;
const SOFFICE = ["/usr/bin/soffice", "/usr/bin/libreoffice"].find((p) => existsSync(p));

// The same small sales workbook in each tool: customers, sales lines with dates, plus content
// TierPlan must keep (a chart, a comment, a defined name, data validation, a frozen pane).
const SCRIPT = String.raw`
import sys, datetime
out, tool = sys.argv[1], sys.argv[2]
customers = [("C001", "华润万家", "大客户"), ("C002", "永辉超市", "经销商"), ("C003", "物美", "零售")]
sales = [("C001", 500, datetime.date(2024, 3, 1), "I9300", 1), ("C002", 300, datetime.date(2024, 3, 2), "I9300", 2),
         ("C003", 150, datetime.date(2024, 4, 5), "I9300", 1), ("C001", 200, datetime.date(2024, 5, 3), "I9300", 1),
         ("C002", 120, datetime.date(2024, 6, 1), "I9300", 3), ("C003", 80, datetime.date(2024, 7, 9), "I9300", 1)]
if tool == "openpyxl":
    import openpyxl
    from openpyxl.chart import BarChart, Reference
    from openpyxl.comments import Comment
    from openpyxl.worksheet.datavalidation import DataValidation
    from openpyxl.workbook.defined_name import DefinedName
    wb = openpyxl.Workbook()
    ws = wb.active; ws.title = "客户资料"
    ws.append(["客户编号", "客户名称", "渠道类型"])
    for c in customers: ws.append(list(c))
    ws["A1"].comment = Comment("key", "me")
    dv = DataValidation(type="list", formula1='"大客户,经销商,零售"'); ws.add_data_validation(dv); dv.add("C2:C4")
    ws.freeze_panes = "A2"
    s = wb.create_sheet("销售记录")
    s.append(["客户编号", "金额", "日期", "型号", "数量"])
    for r in sales: s.append(list(r))
    for row in s.iter_rows(min_row=2, min_col=3, max_col=3):
        for c in row: c.number_format = "yyyy-mm-dd"
    ch = BarChart(); ch.add_data(Reference(s, min_col=2, min_row=1, max_row=7), titles_from_data=True); s.add_chart(ch, "H2")
    dn = DefinedName("销售总额", attr_text="'销售记录'!$B$2:$B$7")
    try: wb.defined_names.add(dn)
    except AttributeError: wb.defined_names.append(dn)
    wb.save(out)
else:
    import xlsxwriter
    wb = xlsxwriter.Workbook(out)
    d = wb.add_format({"num_format": "yyyy-mm-dd"})
    ws = wb.add_worksheet("客户资料")
    ws.write_row(0, 0, ["客户编号", "客户名称", "渠道类型"])
    for i, c in enumerate(customers): ws.write_row(i + 1, 0, c)
    ws.write_comment("A1", "key")
    ws.data_validation("C2:C4", {"validate": "list", "source": ["大客户", "经销商", "零售"]})
    ws.freeze_panes(1, 0)
    s = wb.add_worksheet("销售记录")
    s.write_row(0, 0, ["客户编号", "金额", "日期", "型号", "数量"])
    for i, r in enumerate(sales):
        s.write_row(i + 1, 0, [r[0], r[1]]); s.write_datetime(i + 1, 2, datetime.datetime.combine(r[2], datetime.time()), d); s.write_row(i + 1, 3, [r[3], r[4]])
    ch = wb.add_chart({"type": "column"}); ch.add_series({"values": "='销售记录'!$B$2:$B$7"}); s.insert_chart("H2", ch)
    wb.define_name("销售总额", "='销售记录'!$B$2:$B$7")
    wb.close()
`;

/** Parts TierPlan edits on a first run: the package's lists, the workbook, styles, the sheet that gets columns. */
const EDITED = /^(\[Content_Types\]\.xml|xl\/workbook\.xml|xl\/_rels\/workbook\.xml\.rels|xl\/styles\.xml)$/i;

async function roundTrip(input: string): Promise<void> {
  const out = input.replace(/\.xlsx$/, ".out.xlsx");
  const err: string[] = [];
  const code = await main(["run", input, "--out", out, "--as-of", "2024-12-31"], { stdout: () => undefined, stderr: (s) => err.push(s), lang: "en" });
  // Only problems count: warnings, notes and the "what was read" lines (sheet → role: fields) do not.
  expect({ code, err: err.filter((e) => !/^(warning|info)/.test(e) && !/ → /.test(e)) }).toEqual({ code: 0, err: [] });
  const before = new Uint8Array(readFileSync(input));
  const after = new Uint8Array(readFileSync(out));
  const a = new Map(readZip(after).map((e) => [e.name, e]));
  const changedSheets: string[] = [];
  for (const e of readZip(before)) {
    const got = a.get(e.name);
    expect([e.name, got !== undefined]).toEqual([e.name, true]);
    const same = Buffer.from(inflateEntry(e)).equals(Buffer.from(inflateEntry(got!)));
    if (same || EDITED.test(e.name)) continue;
    changedSheets.push(e.name);
  }
  // Only the customer sheet receives TierPlan's columns.
  expect(changedSheets).toHaveLength(1);
  for (const s of changedSheets) expect(s).toMatch(/^xl\/worksheets\/sheet\d+\.xml$/);
  const known = new Set(packageProblems(before));
  expect(packageProblems(after, () => true).filter((p) => !known.has(p))).toEqual([]);
  expect(readWorkbook(after).sheets.map((s) => s.name).slice(0, 2)).toEqual(["客户资料", "销售记录"]);
}

describe("workbooks written by other tools survive a run", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "tierplan-tools-"));
  const make = (tool: string) => {
    const file = path.join(dir, `${tool}.xlsx`);
    const r = spawnSync(PYTHON, ["-c", SCRIPT, file, tool], { encoding: "utf8" });
    if (r.status !== 0) throw new Error(r.stderr);
    return file;
  };

  (has("openpyxl") ? test : test.skip)("openpyxl", async () => {
    await roundTrip(make("openpyxl"));
  });

  (has("xlsxwriter") ? test : test.skip)("XlsxWriter", async () => {
    await roundTrip(make("xlsxwriter"));
  });

  (has("xlsxwriter") && SOFFICE ? test : test.skip)(
    "LibreOffice (one conversion of the XlsxWriter file)",
    async () => {
      const src = make("xlsxwriter");
      const outDir = path.join(dir, "lo");
      mkdirSync(outDir);
      const profile = `file://${path.join(dir, "lo-profile")}`;
      const r = spawnSync(SOFFICE!, [`-env:UserInstallation=${profile}`, "--headless", "--convert-to", "xlsx", "--outdir", outDir, src], { encoding: "utf8", timeout: 240_000 });
      const converted = path.join(outDir, "xlsxwriter.xlsx");
      expect({ status: r.status, exists: existsSync(converted) }).toEqual({ status: 0, exists: true });
      await roundTrip(converted);
    },
    300_000,
  );
});
