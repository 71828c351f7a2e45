/**
 * readWorkbookAsync (the standalone page's reader: worksheets inflated by the platform's
 * DecompressionStream; the CLI's: by Node's zlib on its thread pool) against readWorkbook: the
 * same grids for every fixture workbook, and the same error for every damaged one; a part whose
 * ZIP directory understates its size is stopped after a bounded amount of output.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import * as zlib from "node:zlib";
import { readWorkbook, readWorkbookAsync } from "../../../src/hosts/xlsx/read";
import { FFLATE_CODEC, canInflateNatively, inflateRawChunksAsyncOf, useDeflateCodec } from "../../../src/report/deflate";
import { ZipIntegrityError, codecGivesWholeResults, inflateEntryCheckedAsync, readZip, useCrc32, writeZip, type ZipEntry } from "../../../src/hosts/xlsx/zipRaw";
import { useNodeZlib } from "../../../src/cli/nodeDeflate";
import { generate } from "../../fixtures/intake/generate";

const FIXTURES = path.join(__dirname, "../../fixtures");
// The committed workbooks; the intake workbooks are written by their generator in the test below
// (test/fixtures/intake holds them only once another test file has run the generator).
const files = ["bad", "xlsx"].flatMap((d) =>
  readdirSync(path.join(FIXTURES, d))
    .filter((f) => f.endsWith(".xlsx"))
    .map((f) => path.join(d, f)),
);

/** What a reader gives: its grids, or its error as a user meets it. */
async function outcome(read: () => unknown): Promise<unknown> {
  try {
    return { grids: await read() };
  } catch (e) {
    const x = e as { name?: string; code?: string; message?: string; messageZh?: string };
    // A stream that cannot be inflated: each inflater words its reason its own way.
    const plain = (s?: string) => s?.replace(/cannot be inflated \([^)]*\)/, "cannot be inflated (…)");
    return { error: { name: x.name, code: x.code, message: plain(x.message), messageZh: plain(x.messageZh) } };
  }
}

const same = async (bytes: Uint8Array) => {
  const sync = await outcome(() => readWorkbook(bytes));
  expect(await outcome(() => readWorkbookAsync(bytes))).toEqual(sync);
  return sync as { grids?: unknown; error?: { message: string } };
};

/** The package of `file` with its largest worksheet's entry changed by `edit`. */
function damaged(file: string, edit: (e: ZipEntry) => ZipEntry): Uint8Array {
  const entries = readZip(new Uint8Array(readFileSync(path.join(FIXTURES, file))));
  const big = entries.filter((e) => e.name.startsWith("xl/worksheets/")).reduce((a, b) => (b.size > a.size ? b : a));
  return writeZip(
    entries.map((e) => ({ name: e.name, entry: e === big ? edit(e) : e })),
    new Date(Date.UTC(2024, 0, 1)),
  );
}

// The standalone page's setup (fflate, worksheets through DecompressionStream), and the CLI's
// (Node's zlib, worksheets inflated on its thread pool in pieces).
const SETUPS = [
  { name: "platform DecompressionStream", install: () => undefined },
  { name: "CLI codec, Node's zlib on its thread pool", install: () => useNodeZlib() },
];

describe.each(SETUPS)("readWorkbookAsync ($name)", ({ install }) => {
  beforeEach(() => install());
  afterEach(() => {
    useDeflateCodec(FFLATE_CODEC);
    codecGivesWholeResults(false);
    useCrc32(null);
  });

  test("the async path is the one under test: the platform or the codec inflates asynchronously", () => {
    expect(canInflateNatively() || inflateRawChunksAsyncOf() !== undefined).toBe(true);
  });

  test.each(files)("%s: the same grids or the same error as readWorkbook", async (f) => {
    await same(new Uint8Array(readFileSync(path.join(FIXTURES, f))));
  });

  test("every intake workbook (ERP, BI and pharmacy export shapes): the same grids or the same error as readWorkbook", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "tierplan-intake-"));
    try {
      const written = await generate(dir);
      const names = readdirSync(dir).filter((f) => f.endsWith(".xlsx"));
      expect(names.length).toBeGreaterThanOrEqual(written.length);
      for (const f of names) await same(new Uint8Array(readFileSync(path.join(dir, f))));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("damaged parts: the same message as readWorkbook, naming the part", async () => {
    const cases = {
      understated: damaged("xlsx/user_content.xlsx", (e) => ({ ...e, size: e.size - 10 })),
      overstated: damaged("xlsx/user_content.xlsx", (e) => ({ ...e, size: e.size + 10 })),
      crc: damaged("xlsx/user_content.xlsx", (e) => ({ ...e, crc: (e.crc ^ 1) >>> 0 })),
      stream: damaged("xlsx/user_content.xlsx", (e) => {
        const raw = e.raw.slice();
        for (let i = 8; i < raw.length; i += 7) raw[i] ^= 0x5a;
        return { ...e, raw };
      }),
      truncated: damaged("xlsx/user_content.xlsx", (e) => ({ ...e, raw: e.raw.subarray(0, e.raw.length >> 1), compressedSize: e.raw.length >> 1 })),
    };
    for (const [name, bytes] of Object.entries(cases)) {
      const r = await same(bytes);
      expect({ name, failed: !!r.error }).toEqual({ name, failed: true });
      expect(r.error!.message).toMatch(/xl\/worksheets\/sheet\d\.xml/);
    }
  });

  test("a part that inflates far past its declared size is stopped before any byte past that size reaches the scanner", async () => {
    const xml = Buffer.from(`<worksheet><sheetData>${"<row><c><v>1</v></c></row>".repeat(400_000)}</sheetData></worksheet>`);
    const raw = new Uint8Array(zlib.deflateRawSync(xml));
    const entry: ZipEntry = { name: "xl/worksheets/sheet1.xml", method: 8, crc: 0, compressedSize: raw.length, size: 100_000, flags: 0, dosTime: 0, dosDate: 0x21, raw };
    let seen = 0;
    await expect(inflateEntryCheckedAsync(entry, (c) => (seen += c.length))).rejects.toBeInstanceOf(ZipIntegrityError);
    expect(seen).toBeLessThanOrEqual(100_000);
    expect(xml.length).toBeGreaterThan(10_000_000);
  });
});
