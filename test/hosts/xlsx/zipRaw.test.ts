/**
 * The ZIP container (src/hosts/xlsx/zipRaw.ts): unchanged parts of a workbook keep their
 * compressed bytes through applyPatchToXlsx; the reader handles data descriptors, stored
 * entries and ZIP64 end records; what it writes unzips with fflate.
 */
import { readFileSync } from "fs";
import { join } from "path";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { readWorkbook } from "../../../src/hosts/xlsx/read";
import { applyPatchToXlsx } from "../../../src/hosts/xlsx/write";
import fc from "fast-check";
import { ZipIntegrityError, compressEntry, crc32, inflateEntry, inflateOwnEntry, readZip, writeZip, type ZipEntry } from "../../../src/hosts/xlsx/zipRaw";
import { runPipeline } from "../../../src/pipeline/run";

const FIXTURE = join(__dirname, "../../fixtures/xlsx/user_content.xlsx");
const byName = (bytes: Uint8Array) => new Map(readZip(bytes).map((e) => [e.name, e] as [string, ZipEntry]));

describe("applyPatchToXlsx keeps unchanged parts compressed as they were", () => {
  const input = new Uint8Array(readFileSync(FIXTURE));
  const now = "2024-12-31T00:00:00Z";
  const { patch } = runPipeline(readWorkbook(input), { now, lang: "en" });
  const out = applyPatchToXlsx(input, patch, { writtenAt: now }).bytes;
  const a = byName(input);
  const b = byName(out);

  test("an untouched sheet, a chart and an image: same compressed bytes, method and CRC", () => {
    for (const p of ["xl/worksheets/sheet2.xml", "xl/charts/chart1.xml", "xl/media/image1.png", "xl/theme/theme1.xml"]) {
      const x = a.get(p)!;
      const y = b.get(p)!;
      expect(y).toBeDefined();
      expect([p, y.method, y.crc, y.size]).toEqual([p, x.method, x.crc, x.size]);
      expect(Buffer.from(y.raw).equals(Buffer.from(x.raw))).toBe(true);
    }
  });

  test("edited parts are compressed again with a correct CRC", () => {
    const files = unzipSync(out);
    for (const p of ["xl/workbook.xml", "xl/worksheets/sheet1.xml", "[Content_Types].xml"]) {
      expect(b.get(p)!.crc).toBe(crc32(files[p]));
      expect(Buffer.from(files[p]).equals(Buffer.from(unzipSync(input)[p]))).toBe(false);
    }
    expect(readZip(out)[0].name).toBe("[Content_Types].xml");
  });
});

describe("readZip / writeZip", () => {
  test("round trip with fflate: stored and deflate entries, UTF-8 names", () => {
    const data = strToU8("<x>" + "abc".repeat(1000) + "</x>");
    const zip = zipSync({ "a.xml": data, "b.png": [new Uint8Array([1, 2, 3]), { level: 0 }], "中文/c.xml": strToU8("<c/>") });
    const entries = readZip(zip);
    expect(entries.map((e) => [e.name, e.method])).toEqual([["a.xml", 8], ["b.png", 0], ["中文/c.xml", 8]]);
    expect(strFromU8(inflateEntry(entries[0]))).toBe(strFromU8(data));
    const out = writeZip([{ name: "a.xml", entry: entries[0] }, { name: "b.png", entry: entries[1] }, { name: "新.xml", data: strToU8("<n/>"), level: 6 }], new Date(Date.UTC(2024, 0, 1)));
    const back = unzipSync(out);
    expect(Object.keys(back)).toEqual(["a.xml", "b.png", "新.xml"]);
    expect(strFromU8(back["a.xml"])).toBe(strFromU8(data));
    expect([...back["b.png"]]).toEqual([1, 2, 3]);
    expect(strFromU8(back["新.xml"])).toBe("<n/>");
  });

  test("crc32 matches known values", () => {
    expect(crc32(strToU8("123456789"))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });

  test("ZIP64 end records are followed", () => {
    const zip = zipSync({ "a.xml": strToU8("<a/>"), "b.xml": strToU8("<b/>") });
    let e = zip.length - 22;
    while (!(zip[e] === 0x50 && zip[e + 1] === 0x4b && zip[e + 2] === 5 && zip[e + 3] === 6)) e--;
    const dv = new DataView(zip.buffer, zip.byteOffset);
    const count = dv.getUint16(e + 10, true);
    const cdSize = dv.getUint32(e + 12, true);
    const cdOffset = dv.getUint32(e + 16, true);
    const z64 = new Uint8Array(56 + 20);
    const v = new DataView(z64.buffer);
    v.setUint32(0, 0x06064b50, true);
    v.setBigUint64(4, 44n, true);
    v.setUint16(12, 45, true);
    v.setUint16(14, 45, true);
    v.setBigUint64(24, BigInt(count), true);
    v.setBigUint64(32, BigInt(count), true);
    v.setBigUint64(40, BigInt(cdSize), true);
    v.setBigUint64(48, BigInt(cdOffset), true);
    v.setUint32(56, 0x07064b50, true);
    v.setBigUint64(64, BigInt(e), true);
    v.setUint32(72, 1, true);
    const end = zip.slice(e);
    const ev = new DataView(end.buffer);
    ev.setUint16(8, 0xffff, true);
    ev.setUint16(10, 0xffff, true);
    ev.setUint32(12, 0xffffffff, true);
    ev.setUint32(16, 0xffffffff, true);
    const all = new Uint8Array(e + z64.length + end.length);
    all.set(zip.subarray(0, e));
    all.set(z64, e);
    all.set(end, e + z64.length);
    expect(readZip(all).map((x) => strFromU8(inflateEntry(x)))).toEqual(["<a/>", "<b/>"]);
  });

  test("entries written with data descriptors (the bench workbook's writer) are read from the central directory", () => {
    // A local header with flag 8 and zero sizes; the sizes and CRC are in the descriptor and the central directory.
    const data = strToU8("<d>descriptor</d>");
    const plain = readZip(zipSync({ "d.xml": data }))[0];
    const name = strToU8("d.xml");
    const raw = plain.raw;
    const parts: number[] = [];
    const le = (v: number, n: number) => {
      for (let i = 0; i < n; i++) parts.push((v >>> (8 * i)) & 0xff);
    };
    le(0x04034b50, 4); le(20, 2); le(8, 2); le(8, 2); le(0, 4); le(0, 4); le(0, 4); le(0, 4); le(name.length, 2); le(0, 2);
    parts.push(...name, ...raw);
    le(0x08074b50, 4); le(plain.crc, 4); le(raw.length, 4); le(data.length, 4);
    const cd = parts.length;
    le(0x02014b50, 4); le(20, 2); le(20, 2); le(8, 2); le(8, 2); le(0, 4); le(plain.crc, 4); le(raw.length, 4); le(data.length, 4);
    le(name.length, 2); le(0, 2); le(0, 2); le(0, 2); le(0, 2); le(0, 4); le(0, 4);
    parts.push(...name);
    const cdLen = parts.length - cd;
    le(0x06054b50, 4); le(0, 4); le(1, 2); le(1, 2); le(cdLen, 4); le(cd, 4); le(0, 2);
    const e = readZip(new Uint8Array(parts));
    expect(e).toHaveLength(1);
    expect(e[0].flags & 8).toBe(8);
    expect(strFromU8(inflateEntry(e[0]))).toBe("<d>descriptor</d>");
  });

  test("damaged archives throw", () => {
    expect(() => readZip(strToU8("not a zip at all, not even close to one"))).toThrow();
    const zip = zipSync({ "a.xml": strToU8("<a/>") });
    expect(() => readZip(zip.subarray(10))).toThrow();
  });
});

describe("inflateOwnEntry: the writer's read-back of the parts it wrote, inflated whole", () => {
  const when = new Date(Date.UTC(2024, 0, 1));
  test("the same bytes as inflateEntry, for parts of any size and content", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 3000 }), fc.integer({ min: 0, max: 60 }), fc.integer({ min: 1, max: 9 }), (seed, repeat, level) => {
        const data = new Uint8Array(seed.length * (repeat + 1));
        for (let k = 0; k <= repeat; k++) data.set(seed, k * seed.length);
        const e = compressEntry("xl/worksheets/sheet1.xml", data, level, when);
        expect(Buffer.from(inflateOwnEntry(e)).equals(Buffer.from(inflateEntry(e)))).toBe(true);
        expect(Buffer.from(inflateOwnEntry(e)).equals(Buffer.from(data))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  test("a wrong size or CRC in the directory is still caught, as inflateEntry catches it", () => {
    const data = strToU8("<sheetData>" + "<row><c><v>1</v></c></row>".repeat(5000) + "</sheetData>");
    const e = compressEntry("xl/worksheets/sheet1.xml", data, 6, when);
    const cases: [string, ZipEntry, RegExp][] = [
      ["understated", { ...e, size: e.size - 1 }, /larger than its ZIP directory says/],
      ["overstated", { ...e, size: e.size + 7 }, /is \d+ bytes, its ZIP directory says/],
      ["crc", { ...e, crc: (e.crc ^ 4) >>> 0 }, /fails its CRC-32 check/],
    ];
    for (const [name, bad, message] of cases) {
      expect(() => inflateEntry(bad)).toThrow(ZipIntegrityError);
      let thrown: unknown = null;
      try {
        inflateOwnEntry(bad);
      } catch (err) {
        thrown = err;
      }
      expect({ name, integrity: thrown instanceof ZipIntegrityError, message: String((thrown as Error)?.message) }).toEqual({ name, integrity: true, message: expect.stringMatching(message) });
    }
  });
});
