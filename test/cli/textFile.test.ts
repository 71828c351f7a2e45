import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import { writeUtf8 } from "../../src/cli/textFile";

describe("writeUtf8 (the JSON summary's writer)", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "tierplan-text-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let n = 0;
  const written = async (text: string, piece?: number) => {
    const file = path.join(dir, `t${n++}.json`);
    await writeUtf8(file, text, piece);
    return readFileSync(file);
  };

  test("writes the same bytes as Buffer.from, whatever the piece size (Chinese, emoji across a piece's end, lone surrogates)", async () => {
    const unit = fc.oneof(fc.string({ unit: "binary", minLength: 1, maxLength: 1 }), fc.constantFrom("客", "户", "\ud83d\ude00", "\ud800", "\udc00", "a", "\n"));
    await fc.assert(
      fc.asyncProperty(fc.array(unit, { maxLength: 60 }).map((a) => a.join("")), fc.integer({ min: 1, max: 9 }), async (text, piece) => {
        expect((await written(text, piece)).equals(Buffer.from(text, "utf8"))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  test("an emoji whose halves straddle a piece's end stays one character", async () => {
    const text = "ab\ud83d\ude00cd";
    const bytes = await written(text, 3);
    expect(bytes.toString("utf8")).toBe(text);
    expect(bytes.includes(Buffer.from("\ufffd", "utf8"))).toBe(false);
    // A lone high surrogate at a piece's end, then a pair: only the lone one is replaced.
    const lone = "\ud800\ud800\udc00";
    expect((await written(lone, 1)).toString("utf8")).toBe("\ufffd\u{10000}");
  });

  test("an empty text gives an empty file", async () => {
    expect((await written("")).length).toBe(0);
  });
});
