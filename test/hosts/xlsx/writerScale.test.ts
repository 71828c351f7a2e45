/**
 * The writer at scale and across versions: registries written by the previous writer (string
 * cells, level-6 registry) are read, replaced and undone; a column patch longer than one layout
 * chunk reads back in ExcelJS with its values and styles; the caller's grids give the same
 * workbook as a fresh scan; the result ZIP is built in a buffer reserved up front.
 */
import { readFileSync } from "fs";
import { join } from "path";
import ExcelJS from "exceljs";
import { unzipSync } from "fflate";
import { readWorkbook } from "../../../src/hosts/xlsx/read";
import { applyPatchToXlsx, undoLastRunXlsx } from "../../../src/hosts/xlsx/write";
import { readZip, writeZip, type ZipEntry } from "../../../src/hosts/xlsx/zipRaw";
import { REGISTRY_SHEET, parseRegistry } from "../../../src/report/ownership";
import type { ColumnsPatch, WorkbookPatch } from "../../../src/report/patch";
import { samplePatch } from "../excel/fixtures";
import { bigWorkbook, customersAndNotes } from "./helpers";

const T1 = { writtenAt: "2025-01-31T10:00:00.000Z" };
const T3 = { writtenAt: "2025-03-31T10:00:00.000Z" };

const cells = (bytes: Uint8Array) => readWorkbook(bytes).sheets.filter((s) => s.name !== REGISTRY_SHEET);
const registry = (bytes: Uint8Array) => parseRegistry(readWorkbook(bytes).sheets.find((s) => s.name === REGISTRY_SHEET)!.rows);

describe("a workbook written by the previous writer (test/hosts/xlsx/fixtures/previous-writer-two-runs.xlsx)", () => {
  // Made with the writer before the byte-level rewrite: customersAndNotes() → samplePatch() at 2025-01-31 →
  // a second patch at 2025-02-28 (undo.test.ts's secondPatch), so it holds an undo snapshot.
  const previous = new Uint8Array(readFileSync(join(__dirname, "fixtures/previous-writer-two-runs.xlsx")));

  test("its undo snapshot is read: undo gives the first run's outputs, as this writer writes them", () => {
    const first = applyPatchToXlsx(customersAndNotes(), samplePatch(), T1).bytes;
    const undone = undoLastRunXlsx(previous, T3);
    expect(undone.plan.issues).toEqual([]);
    expect(cells(undone.bytes)).toEqual(cells(first));
    // The run undone back to is the previous writer's: its record has no sizes of what it wrote.
    const now = registry(first)!;
    expect(registry(undone.bytes)).toEqual({ ...now, columns: now.columns.map(({ bytes: _b, lastRow: _l, ...c }) => c) });
  });

  test("a new run replaces its outputs (one set) and can itself be undone back to it", () => {
    const again = applyPatchToXlsx(previous, samplePatch(), T3);
    expect(again.plan.issues).toEqual([]);
    expect(cells(again.bytes)).toEqual(cells(applyPatchToXlsx(customersAndNotes(), samplePatch(), T1).bytes));
    expect(cells(undoLastRunXlsx(again.bytes, T3).bytes)).toEqual(cells(previous));
  });
});

describe("large column patches", () => {
  const N = 1500; // three layout chunks of 512 rows

  function bigColumns(): ColumnsPatch {
    return {
      id: "tiers",
      sheet: "Sales",
      headerRow: 0,
      rows: Array.from({ length: N }, (_, i) => i + 1),
      columns: [
        { key: "abc", header: "ABC", values: Array.from({ length: N }, (_, i) => "ABC"[i % 3]), style: { bold: true } },
        { key: "share", header: "Share", format: "percent1", values: Array.from({ length: N }, (_, i) => (i % 7 === 0 ? null : i / N)) },
        { key: "why", header: "Reason", values: Array.from({ length: N }, (_, i) => (i % 5 === 0 ? ` padded ${i}` : `=${i} & <${i}>`)) },
      ],
    };
  }

  test("ExcelJS reads the cells, their types and styles on every chunk", async () => {
    const input = bigWorkbook(N);
    const patch: WorkbookPatch = { schemaVersion: 1, sheets: [], columns: [bigColumns()] };
    const out = applyPatchToXlsx(input, patch, T1).bytes;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(out) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet("Sales")!;
    expect(ws.getRow(1).getCell(10).value).toBe("ABC");
    for (const i of [0, 510, 511, 512, 1023, 1024, 1499]) {
      const row = ws.getRow(i + 2);
      expect(row.getCell(1).value).toBe(100000 + i); // the user's cells are untouched
      expect(row.getCell(10).value).toBe("ABC"[i % 3]);
      expect(row.getCell(10).font?.bold).toBe(true);
      expect(row.getCell(11).value).toBe(i % 7 === 0 ? null : i / N);
      if (i % 7) expect(row.getCell(11).numFmt).toBe("0.0%");
      expect(row.getCell(12).value).toBe(i % 5 === 0 ? ` padded ${i}` : `=${i} & <${i}>`);
      expect(row.getCell(12).type).toBe(ExcelJS.ValueType.String);
    }
  });

  test("the grids the caller read give the same workbook as a fresh scan", () => {
    const input = bigWorkbook(N);
    const patch: WorkbookPatch = { schemaVersion: 1, sheets: samplePatch().sheets, columns: [bigColumns()] };
    const plain = applyPatchToXlsx(input, patch, T1);
    const withGrids = applyPatchToXlsx(input, patch, { ...T1, grids: readWorkbook(input) });
    expect(Buffer.from(withGrids.bytes).equals(Buffer.from(plain.bytes))).toBe(true);
    // and on a re-run, where the owned columns are checked cell by cell
    const rerun = applyPatchToXlsx(plain.bytes, patch, T3);
    const rerunGrids = applyPatchToXlsx(plain.bytes, patch, { ...T3, grids: readWorkbook(plain.bytes) });
    expect(Buffer.from(rerunGrids.bytes).equals(Buffer.from(rerun.bytes))).toBe(true);
    expect(rerun.plan.clearColumns).toHaveLength(1);
  });

  test("the registry sheet is stored, the big sheet deflated, and the ZIP leaves at most 1/8 of its buffer unused", () => {
    const input = bigWorkbook(N);
    const out = applyPatchToXlsx(input, { schemaVersion: 1, sheets: [], columns: [bigColumns()] }, T1).bytes;
    const entries = readZip(out);
    const sheetOf = (name: string) => {
      const wbXml = new TextDecoder().decode(unzipSync(out)["xl/workbook.xml"]);
      const rid = new RegExp(`name="${name}"[^>]*r:id="(\\w+)"`).exec(wbXml)![1];
      const rels = new TextDecoder().decode(unzipSync(out)["xl/_rels/workbook.xml.rels"]);
      return "xl/" + new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"`).exec(rels)![1];
    };
    expect(entries.find((e) => e.name === sheetOf(REGISTRY_SHEET))!.method).toBe(0);
    expect(entries.find((e) => e.name === sheetOf("Sales"))!.method).toBe(8);
    expect(out.buffer.byteLength - out.length).toBeLessThanOrEqual(out.length / 8);
  });
});

describe("writeZip into a reserved buffer", () => {
  const entry = (name: string, text: string): ZipEntry => {
    const raw = new TextEncoder().encode(text);
    return { name, method: 0, crc: 0, compressedSize: raw.length, size: raw.length, flags: 0, dosTime: 0, dosDate: 0, raw };
  };
  const items = [{ name: "a.txt", data: new TextEncoder().encode("hello hello hello"), level: 6 }, { name: "b.txt", entry: entry("b.txt", "x") }];
  const mtime = new Date(Date.UTC(2024, 0, 1));

  test("used when the ZIP fits with little to spare, byte for byte the same", () => {
    const plain = writeZip(items, mtime);
    const into = new Uint8Array(plain.length + 2);
    const viaInto = writeZip(items, mtime, into);
    expect(viaInto.buffer).toBe(into.buffer);
    expect(Array.from(viaInto)).toEqual(Array.from(plain));
  });

  test("not used when too small or far too large", () => {
    const plain = writeZip(items, mtime);
    for (const size of [plain.length - 1, plain.length * 2]) {
      const into = new Uint8Array(size);
      const out = writeZip(items, mtime, into);
      expect(out.buffer).not.toBe(into.buffer);
      expect(Array.from(out)).toEqual(Array.from(plain));
    }
  });
});
