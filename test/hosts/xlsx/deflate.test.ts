/**
 * The DEFLATE seam (src/report/deflate.ts): fflate and Node's zlib read each other's streams,
 * and a package written with one codec reads back with the other.
 */
import fc from "fast-check";
import { FFLATE_CODEC, deflateCodecName, useDeflateCodec } from "../../../src/report/deflate";
import { NODE_ZLIB_CODEC } from "../../../src/cli/nodeDeflate";
import { inflateEntry, readZip, writeZip } from "../../../src/hosts/xlsx/zipRaw";

const enc = new TextEncoder();
const dec = new TextDecoder();

describe("deflate codecs", () => {
  afterEach(() => useDeflateCodec(FFLATE_CODEC));

  it("each codec inflates what the other deflated, at every level", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 5000 }), fc.constantFrom<1 | 3 | 6 | 9>(1, 3, 6, 9), (data, level) => {
        const a = NODE_ZLIB_CODEC.deflateRaw(data, level);
        const b = FFLATE_CODEC.deflateRaw(data, level);
        expect(Buffer.from(FFLATE_CODEC.inflateRaw(a, data.length))).toEqual(Buffer.from(data));
        expect(Buffer.from(NODE_ZLIB_CODEC.inflateRaw(b, data.length))).toEqual(Buffer.from(data));
      }),
      { numRuns: 60 },
    );
  });

  it("a ZIP written with Node's zlib reads back with fflate, and the other way round", () => {
    const text = "<sheetData>" + "<row><c t=\"s\"><v>1</v></c></row>".repeat(2000) + "</sheetData>";
    for (const [writer, reader] of [[NODE_ZLIB_CODEC, FFLATE_CODEC], [FFLATE_CODEC, NODE_ZLIB_CODEC]]) {
      useDeflateCodec(writer);
      expect(deflateCodecName()).toBe(writer.name);
      const zip = writeZip([{ name: "xl/worksheets/sheet1.xml", data: enc.encode(text), level: 3 }], new Date(2025, 0, 2));
      useDeflateCodec(reader);
      const [entry] = readZip(zip);
      expect(entry.method).toBe(8);
      expect(entry.compressedSize).toBeLessThan(text.length / 10);
      expect(dec.decode(inflateEntry(entry))).toBe(text);
    }
  });

  it("a damaged stream is an error with either codec, never a silent short part", () => {
    const data = enc.encode("x".repeat(10000) + "y".repeat(10000));
    for (const c of [NODE_ZLIB_CODEC, FFLATE_CODEC]) {
      const bad = c.deflateRaw(data, 6).slice();
      bad[Math.floor(bad.length / 2)] ^= 0xff;
      bad[1] ^= 0x5a;
      let out: Uint8Array | null = null;
      try {
        out = c.inflateRaw(bad, data.length);
      } catch {
        out = null;
      }
      if (out) expect(Buffer.from(out)).not.toEqual(Buffer.from(data));
    }
  });
});
