/**
 * A small ZIP container for .xlsx packages that keeps the compressed bytes of the parts it does
 * not change, in Node and in the browser (Uint8Array only).
 *
 * Why hand-written and not fflate's unzipSync/zipSync: zipSync always compresses again every
 * entry it is given, so writing a workbook back meant inflating and re-deflating all its parts,
 * including the big sheets TierPlan never touches. Measured on the 500,000-line bench workbook
 * (26.7 MB .xlsx, a 156 MB sales sheet; docs/PERFORMANCE.md): applyPatchToXlsx took 13.5 s and
 * `tierplan run` peaked at 1.56 GB RSS, almost all of it unzipSync + zipSync at level 6 of parts
 * that came out byte-identical. With this module applyPatchToXlsx takes 5.7 s there (the rest is
 * building the new sheets' XML), the 156 MB sales sheet is never inflated. This module reads the central directory, hands out each entry's
 * raw compressed bytes (a view into the original, no copy), inflates an entry only when someone
 * reads it, and writes a ZIP whose unchanged entries are copied verbatim (bytes and CRC-32);
 * only changed and new parts are deflated (report/deflate.ts: fflate, or Node's zlib in the CLI).
 *
 * Reads: stored and deflate entries, data descriptors (sizes and CRC come from the central
 * directory), ZIP64 end records and ZIP64 extra fields. Writes: no data descriptors, no ZIP64
 * (an .xlsx over 4 GB cannot be built in a browser anyway; fflate's zipSync had the same limit).
 */
import { Inflate } from "fflate";
import { InflatedPastDeclaredSize, canInflateNatively, deflateRaw, inflateRawChunks, inflateRawChunksAsync, inflateRawChunksAsyncOf, inflateRawIntoOf, type DeflateLevel } from "../../report/deflate";

export interface ZipEntry {
  /**
   * Entry name as in the central directory, with backslashes read as "/" (some Windows tools
   * write them; APPNOTE 4.4.17 says "/"). The bytes as written are in `nameBytes`.
   */
  name: string;
  /** The name's bytes as in the central directory, written back unchanged (never renamed). */
  nameBytes?: Uint8Array;
  /** The name was flagged UTF-8 (general purpose bit 11). */
  nameUtf8?: boolean;
  /** 0 = stored, 8 = deflate (others are kept as they are but cannot be inflated). */
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  /** General purpose flags of the central directory record. */
  flags: number;
  /** MS-DOS time and date of the entry. */
  dosTime: number;
  dosDate: number;
  /** The compressed data: a view into the archive's bytes. */
  raw: Uint8Array;
}

const u16 = (d: Uint8Array, p: number) => d[p] | (d[p + 1] << 8);
const u32 = (d: Uint8Array, p: number) => (d[p] | (d[p + 1] << 8) | (d[p + 2] << 16) | (d[p + 3] << 24)) >>> 0;
const u64 = (d: Uint8Array, p: number) => u32(d, p) + u32(d, p + 4) * 0x100000000;

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_END = 0x06054b50;
const SIG_END64 = 0x06064b50;
const SIG_LOC64 = 0x07064b50;

function decodeName(bytes: Uint8Array, utf8: boolean): string {
  if (utf8) return new TextDecoder().decode(bytes);
  // As fflate does for names without the UTF-8 flag: one byte, one character.
  let s = "";
  for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
  return s;
}

/** Parse the central directory. Throws Error("…") for a damaged archive. */
export function readZip(data: Uint8Array): ZipEntry[] {
  const n = data.length;
  let e = n - 22;
  const stop = Math.max(0, n - 22 - 65535);
  while (e >= stop && u32(data, e) !== SIG_END) e--;
  if (e < stop) throw new Error("invalid zip data");
  let count = u16(data, e + 10);
  let cdOffset = u32(data, e + 16);
  if (count === 0xffff || cdOffset === 0xffffffff || u32(data, e + 12) === 0xffffffff) {
    const loc = e - 20;
    if (loc >= 0 && u32(data, loc) === SIG_LOC64) {
      const e64 = u64(data, loc + 8);
      if (e64 + 56 > n || u32(data, e64) !== SIG_END64) throw new Error("invalid zip64 end record");
      count = u64(data, e64 + 32);
      cdOffset = u64(data, e64 + 48);
    }
  }
  const out: ZipEntry[] = [];
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > n || u32(data, p) !== SIG_CENTRAL) throw new Error("invalid zip central directory");
    const flags = u16(data, p + 8);
    const method = u16(data, p + 10);
    const dosTime = u16(data, p + 12);
    const dosDate = u16(data, p + 14);
    const crc = u32(data, p + 16);
    let compressedSize = u32(data, p + 20);
    let size = u32(data, p + 24);
    const nameLen = u16(data, p + 28);
    const extraLen = u16(data, p + 30);
    const commentLen = u16(data, p + 32);
    let local = u32(data, p + 42);
    const nameBytes = data.subarray(p + 46, p + 46 + nameLen);
    const name = decodeName(nameBytes, (flags & 0x800) !== 0).replace(/\\/g, "/");
    if (size === 0xffffffff || compressedSize === 0xffffffff || local === 0xffffffff) {
      // ZIP64 extended information: the 64-bit values of the fields set to 0xFFFFFFFF, in order.
      let x = p + 46 + nameLen;
      const xEnd = x + extraLen;
      while (x + 4 <= xEnd) {
        const id = u16(data, x);
        const len = u16(data, x + 2);
        if (id === 1) {
          let q = x + 4;
          if (size === 0xffffffff) {
            size = u64(data, q);
            q += 8;
          }
          if (compressedSize === 0xffffffff) {
            compressedSize = u64(data, q);
            q += 8;
          }
          if (local === 0xffffffff) local = u64(data, q);
          break;
        }
        x += 4 + len;
      }
    }
    if (flags & 1) throw new Error(`encrypted zip entry ${name}`);
    if (local + 30 > n || u32(data, local) !== SIG_LOCAL) throw new Error(`invalid zip local header (${name})`);
    const start = local + 30 + u16(data, local + 26) + u16(data, local + 28);
    if (start + compressedSize > n) throw new Error(`truncated zip entry ${name}`);
    out.push({ name, nameBytes, nameUtf8: (flags & 0x800) !== 0, method, crc, compressedSize, size, flags, dosTime, dosDate, raw: data.subarray(start, start + compressedSize) });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

/** A part whose bytes do not match what the ZIP directory says (size or CRC-32). */
export class ZipIntegrityError extends Error {}

/**
 * Hand the uncompressed bytes of an entry to `onChunk` in order, checking them against the
 * directory as they come: inflating stops as soon as the output passes the declared size (a
 * directory that lies cannot make TierPlan inflate more than it agreed to, limits.ts), and at
 * the end the size and the CRC-32 must match. Throws ZipIntegrityError; errors thrown by
 * `onChunk` pass through. A chunk is only valid during the call.
 */
export function inflateEntryChecked(e: ZipEntry, onChunk: (chunk: Uint8Array) => void): void {
  const check = entryCheck(e, onChunk);
  if (e.method === 0) check.take(e.raw);
  else if (wholeResult(e)) inflateWhole(e, check.take);
  else inflateBounded(e.raw, check.take);
  check.end();
}

/** A codec that gives whole results (Node's zlib), bounded by the declared size: its stop is told as the streaming checks tell it. */
function inflateWhole(e: ZipEntry, take: (chunk: Uint8Array) => void): void {
  try {
    inflateRawChunks(e.raw, take, e.size);
  } catch (err) {
    if (err instanceof InflatedPastDeclaredSize) throw new ZipIntegrityError(`part ${e.name} is larger than its ZIP directory says (${e.size} bytes)`);
    throw err;
  }
}

/**
 * inflateEntryChecked with the codec's own asynchronous inflate (the CLI's zlib, on Node's thread
 * pool) or else the platform's native one (browsers: see report/deflate.ts
 * inflateRawChunksAsync), with the same checks; elsewhere, and for a codec that gives whole
 * results without an asynchronous inflate, inflateEntryChecked itself.
 */
export async function inflateEntryCheckedAsync(e: ZipEntry, onChunk: (chunk: Uint8Array) => void): Promise<void> {
  const codecAsync = inflateRawChunksAsyncOf();
  if (e.method !== 8 || (!codecAsync && (wholeResult(e) || !canInflateNatively()))) return inflateEntryChecked(e, onChunk);
  const check = entryCheck(e, onChunk);
  await (codecAsync ?? inflateRawChunksAsync)(e.raw, check.take);
  check.end();
}

/** The checks of an entry's bytes as they come: never past the declared size, then size and CRC-32. */
function entryCheck(e: ZipEntry, onChunk: (chunk: Uint8Array) => void): { take: (chunk: Uint8Array) => void; end: () => void } {
  if (e.method !== 0 && e.method !== 8) throw new Error(`unknown compression type ${e.method} (${e.name})`);
  let n = 0;
  let crc = 0;
  return {
    take: (chunk) => {
      n += chunk.length;
      if (n > e.size) throw new ZipIntegrityError(`part ${e.name} is larger than its ZIP directory says (${e.size} bytes)`);
      crc = crc32(chunk, crc);
      onChunk(chunk);
    },
    end: () => {
      if (n !== e.size) throw new ZipIntegrityError(`part ${e.name} is ${n} bytes, its ZIP directory says ${e.size}`);
      if (crc !== e.crc) throw new ZipIntegrityError(`part ${e.name} fails its CRC-32 check`);
    },
  };
}

/** The uncompressed bytes of an entry, checked against the directory (inflateEntryChecked). */
export function inflateEntry(e: ZipEntry): Uint8Array {
  let out: Uint8Array | null = null;
  let at = 0;
  inflateEntryChecked(e, (chunk) => {
    // A codec without chunks hands out its whole (fresh) result once: keep it without a copy.
    if (at === 0 && chunk.length === e.size && e.method === 8 && wholeResult(e)) {
      out = chunk;
      at = chunk.length;
      return;
    }
    out ??= new Uint8Array(e.size);
    out.set(chunk, at);
    at += chunk.length;
  });
  return out ?? new Uint8Array(0);
}

/**
 * The bytes of an entry this process has just written (the writer's read-back check): its
 * declared size and CRC-32 are its own, so a codec that can inflates it whole into a buffer one
 * byte larger than declared (a byte in the last place means more than declared) instead of in
 * pieces; the same checks follow. Never for a part read from a user's file: a part whose
 * directory understates its size would be decoded to its end (CPU, not memory).
 */
export function inflateOwnEntry(e: ZipEntry): Uint8Array {
  const into = inflateRawIntoOf();
  if (e.method !== 8 || wholeResult(e) || !into) return inflateEntry(e);
  const out = into(e.raw, new Uint8Array(e.size + 1));
  if (out.length > e.size) throw new ZipIntegrityError(`part ${e.name} is larger than its ZIP directory says (${e.size} bytes)`);
  if (out.length !== e.size) throw new ZipIntegrityError(`part ${e.name} is ${out.length} bytes, its ZIP directory says ${e.size}`);
  if (crc32(out) !== e.crc) throw new ZipIntegrityError(`part ${e.name} fails its CRC-32 check`);
  return out;
}

/**
 * fflate's streaming inflate, fed 64 KB of compressed input at a time: a push yields at most
 * ~66 MB (DEFLATE's ratio is at most ~1,032:1), so a part whose directory understates its size
 * is stopped by `take` after one burst, not after gigabytes (report/deflate.ts feeds 1 MB pushes,
 * up to 1 GB each, which a lying directory would turn into an out-of-memory abort in a tab).
 */
function inflateBounded(data: Uint8Array, take: (chunk: Uint8Array) => void): void {
  const inflater = new Inflate((chunk) => {
    if (chunk.length > 0) take(chunk);
  });
  const STEP = 64 * 1024;
  if (data.length === 0) inflater.push(data, true);
  for (let p = 0; p < data.length; p += STEP) {
    const end = Math.min(data.length, p + STEP);
    inflater.push(data.subarray(p, end), end === data.length);
  }
}

let wholeChunks = false;

/**
 * Parts above this size are inflated in bounded pieces even when the codec hands out whole
 * results: a whole result is one buffer the size of the part, and a full-grid ERP export
 * (1,048,575 lines × 30 columns, 1.1 GB of sheet XML) held whole took the CLI to 3.3 GB of
 * resident memory. fflate's pieces cost little once warm: on the bench's 156 MB sheet, 64 KB
 * pushes took 0.53–0.58 s against Node's zlib 0.53–0.59 s for the whole (Node 20, alternated;
 * 0.77 s on the first, cold call). Below this size the CLI keeps zlib's whole result, the
 * faster first call.
 */
export const WHOLE_RESULT_MAX = 256 * 1024 * 1024;

/** Whether `e` is inflated by the installed codec as one fresh whole result (Node's zlib: set by the CLI). */
function wholeResult(e: ZipEntry): boolean {
  return wholeChunks && e.size <= WHOLE_RESULT_MAX;
}
/** Declare that the installed DEFLATE codec has no chunked inflate (its one chunk is fresh). */
export function codecGivesWholeResults(v: boolean): void {
  wholeChunks = v;
}

// ---------------------------------------------------------------------------------------------
// CRC-32 (IEEE), slicing-by-8 for the large parts that are written again

const CRC_T = (() => {
  const t = new Int32Array(256 * 8);
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[i] = c;
  }
  for (let i = 0; i < 256; i++) for (let s = 1; s < 8; s++) t[s * 256 + i] = (t[(s - 1) * 256 + i] >>> 8) ^ t[t[(s - 1) * 256 + i] & 0xff];
  return t;
})();

type Crc32 = (d: Uint8Array, prev?: number) => number;
let nativeCrc32: Crc32 | null = null;
/** Install a native CRC-32 (the CLI: Node's zlib.crc32, ~10× faster on the bench's 156 MB sheet). */
export function useCrc32(fn: Crc32 | null): void {
  nativeCrc32 = fn;
}

/** CRC-32 of d, continuing from `prev` (the CRC of the bytes before d; 0 to start). */
export function crc32(d: Uint8Array, prev = 0): number {
  if (nativeCrc32) return nativeCrc32(d, prev) >>> 0;
  const t = CRC_T;
  let c = ~prev;
  let i = 0;
  const end8 = d.length - (d.length % 8);
  for (; i < end8; i += 8) {
    const a = c ^ (d[i] | (d[i + 1] << 8) | (d[i + 2] << 16) | (d[i + 3] << 24));
    c =
      t[1792 + (a & 0xff)] ^
      t[1536 + ((a >>> 8) & 0xff)] ^
      t[1280 + ((a >>> 16) & 0xff)] ^
      t[1024 + (a >>> 24)] ^
      t[768 + d[i + 4]] ^
      t[512 + d[i + 5]] ^
      t[256 + d[i + 6]] ^
      t[d[i + 7]];
  }
  for (; i < d.length; i++) c = t[(c ^ d[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}

// ---------------------------------------------------------------------------------------------
// Writing

/** An entry to write: either an original entry copied verbatim, or new content to compress. */
export type ZipItem =
  | { name: string; entry: ZipEntry; nameBytes?: Uint8Array; nameUtf8?: boolean }
  | { name: string; data: Uint8Array; /** 0 = stored; else a deflate level. */ level: number; nameBytes?: Uint8Array; nameUtf8?: boolean };

/** Parts larger than this are deflated at level 2 instead of 6 (see deflateLevel). */
const BIG_PART = 1024 * 1024;

/**
 * Deflate level for a changed part. Measured on the bench's result (500,000-line bench, Node 20):
 * the 50,000-customer sheet with its tier columns (60 MB XML) with Node's zlib level 6 481 ms →
 * 7.2 MB, level 3 239 ms → 8.2 MB, level 2 162 ms → 8.8 MB, level 1 149 ms → 9.7 MB; the call
 * list sheet (31 MB) 173 / 75 / 55 / 49 ms → 2.9 / 3.2 / 3.5 / 3.7 MB. Level 2 keeps most of the
 * size for a third of level 6's time; on the 4 MB call list, level 6 took 24 ms → 400 KB, level 2 8 ms → 460 KB.
 * (fflate, in the browser: level 2 0.60–0.66 s, level 3 0.65 s, level 6 1.06 s on the 60 MB sheet.)
 */
export function deflateLevel(size: number): number {
  return size > BIG_PART ? 2 : 6;
}

function dosDateTime(d: Date): { dosTime: number; dosDate: number } {
  return {
    dosTime: (d.getHours() << 11) | (d.getMinutes() << 5) | (d.getSeconds() >> 1),
    dosDate: ((d.getFullYear() - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
}

/**
 * Compress new content into an entry now, so that the content need not stay alive until
 * writeZip (which copies the entry as it is). `data` may be reused by the caller afterwards.
 * Level 0 stores the bytes.
 */
export function compressEntry(name: string, data: Uint8Array, level: number, mtime: Date): ZipEntry {
  const { dosTime, dosDate } = dosDateTime(mtime);
  const raw = level === 0 ? data.slice() : deflateRaw(data, level as DeflateLevel);
  return { name, method: level === 0 ? 0 : 8, crc: crc32(data), compressedSize: raw.length, size: data.length, flags: 0, dosTime, dosDate, raw };
}

/**
 * Build a ZIP; new entries get the given time. `into`, a zero-filled buffer allocated earlier,
 * is used when the ZIP fits with at most 1/8 to spare (the result is then a view of it).
 */
export function writeZip(items: ZipItem[], mtime: Date, into?: Uint8Array): Uint8Array {
  const { dosTime, dosDate } = dosDateTime(mtime);
  const enc = new TextEncoder();
  type Rec = { name: Uint8Array; utf8: boolean; method: number; crc: number; csize: number; size: number; time: number; date: number; raw: Uint8Array; offset: number };
  const recs: Rec[] = [];
  let offset = 0;
  let cdSize = 0;
  for (const it of items) {
    // A part read from the input keeps its name's bytes and UTF-8 flag as they were.
    const name = it.nameBytes ?? enc.encode(it.name);
    let utf8 = false;
    if (it.nameBytes) utf8 = it.nameUtf8 ?? false;
    else for (let i = 0; i < name.length; i++) if (name[i] > 0x7f) utf8 = true;
    let r: Rec;
    if ("entry" in it) {
      const e = it.entry;
      r = { name, utf8, method: e.method, crc: e.crc, csize: e.compressedSize, size: e.size, time: e.dosTime, date: e.dosDate, raw: e.raw, offset };
    } else {
      const raw = it.level === 0 ? it.data : deflateRaw(it.data, it.level as DeflateLevel);
      r = { name, utf8, method: it.level === 0 ? 0 : 8, crc: crc32(it.data), csize: raw.length, size: it.data.length, time: dosTime, date: dosDate, raw, offset };
    }
    recs.push(r);
    offset += 30 + name.length + r.raw.length;
    cdSize += 46 + name.length;
  }
  const total = offset + cdSize + 22;
  if (offset > 0xfffffffe || recs.length > 0xfffe || recs.some((r) => r.size > 0xfffffffe)) throw new Error("the workbook is too large to be written (over 4 GB)");
  const out = into && into.length >= total && into.length - total <= total / 8 ? into.subarray(0, total) : new Uint8Array(total);
  const w16 = (p: number, v: number) => {
    out[p] = v & 0xff;
    out[p + 1] = (v >>> 8) & 0xff;
  };
  const w32 = (p: number, v: number) => {
    w16(p, v & 0xffff);
    w16(p + 2, (v >>> 16) & 0xffff);
  };
  // Fields shared by the local header (at p + 4) and the central record (at p + 6).
  const common = (p: number, r: Rec) => {
    w16(p, 20); // version needed: 2.0
    w16(p + 2, r.utf8 ? 0x800 : 0);
    w16(p + 4, r.method);
    w16(p + 6, r.time);
    w16(p + 8, r.date);
    w32(p + 10, r.crc);
    w32(p + 14, r.csize);
    w32(p + 18, r.size);
    w16(p + 22, r.name.length);
    w16(p + 24, 0); // extra length
  };
  for (const r of recs) {
    const p = r.offset;
    w32(p, SIG_LOCAL);
    common(p + 4, r);
    out.set(r.name, p + 30);
    out.set(r.raw, p + 30 + r.name.length);
  }
  let p = offset;
  for (const r of recs) {
    w32(p, SIG_CENTRAL);
    w16(p + 4, 20); // version made by: 2.0, MS-DOS attributes
    common(p + 6, r);
    // comment length, disk, internal and external attributes stay 0
    w32(p + 42, r.offset);
    out.set(r.name, p + 46);
    p += 46 + r.name.length;
  }
  w32(p, SIG_END);
  w16(p + 8, recs.length);
  w16(p + 10, recs.length);
  w32(p + 12, cdSize);
  w32(p + 16, offset);
  return out;
}
