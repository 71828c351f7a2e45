/**
 * Raw DEFLATE (RFC 1951) for the .xlsx packages and the registry's payload, with one seam:
 * fflate's pure-JavaScript codec works everywhere (browser, task pane, tests), and a host that
 * has a native one (Node's zlib, for the CLI) installs it with `useDeflateCodec`.
 *
 * Why a seam and not fflate alone: on the 500,000-line bench the CLI deflates ~110 MB and
 * inflates ~25 MB of sheet XML, and Node's zlib is 2.5–3× faster than fflate at the same level
 * (measured on the bench's 69 MB customer sheet: level 3 243 ms vs 587 ms, inflate 84 ms vs
 * 237 ms; docs/PERFORMANCE.md). Both produce standard streams, so either can read what the
 * other wrote.
 */
import { Inflate, deflateSync, inflateSync } from "fflate";

export type DeflateLevel = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;

export interface DeflateCodec {
  /** Raw deflate stream of `data` at `level` (1–9). */
  deflateRaw(data: Uint8Array, level: DeflateLevel): Uint8Array;
  /** The bytes of a raw deflate stream; `size` is the size the ZIP directory declares (a hint only). */
  inflateRaw(data: Uint8Array, size?: number): Uint8Array;
  /**
   * Optional: inflate a raw deflate stream piece by piece, handing each piece of output to
   * `onChunk` in order as it is produced, so that a large part (the bench's 156 MB sales sheet)
   * is never in memory whole. A chunk is only valid during the call (a codec may reuse its
   * buffer). Throws, as inflateRaw does, on a damaged or truncated stream — possibly after some
   * chunks were handed out. Codecs without it are called through inflateRaw (one chunk).
   */
  inflateRawChunks?(data: Uint8Array, onChunk: (chunk: Uint8Array) => void, size?: number): void;
  /**
   * Optional: inflateRawChunks off the caller's thread where the platform can (Node's zlib on
   * its thread pool), handing each piece to `onChunk` on the caller's thread, in order. If
   * `onChunk` throws, inflating stops and the promise rejects with that error. Used by the
   * asynchronous reader (hosts/xlsx/zipRaw.ts inflateEntryCheckedAsync) before the platform's
   * DecompressionStream.
   */
  inflateRawChunksAsync?(data: Uint8Array, onChunk: (chunk: Uint8Array) => void): Promise<void>;
  /**
   * Optional: inflate into `out`, never past its end, and return the filled part (a view of
   * `out`). For data whose size is known good only: a codec may go on decoding what does not fit.
   */
  inflateRawInto?(data: Uint8Array, out: Uint8Array): Uint8Array;
  /** Name shown in benchmarks. */
  name: string;
}

/** A codec's inflateRaw stopped at the declared size plus one byte: the part is larger than its ZIP directory says. */
export class InflatedPastDeclaredSize extends Error {
  constructor(readonly declared: number) {
    super(`the part inflates to more than its ZIP directory says (${declared} bytes)`);
    this.name = "InflatedPastDeclaredSize";
  }
}

export const FFLATE_CODEC: DeflateCodec = {
  name: "fflate",
  deflateRaw: (data, level) => deflateSync(data, { level }),
  // The declared size is not passed on: fflate writes into a given buffer without growing it,
  // so a damaged size in the ZIP directory would silently cut the part short.
  inflateRaw: (data) => inflateSync(data),
  // Into a buffer of the right size, fflate never grows and copies its output: in Chromium that
  // growth was half the time of its streaming inflate (the 156 MB bench sheet: 1.2–1.3 s whole
  // against 2.5–2.7 s in pieces).
  inflateRawInto: (data, out) => inflateSync(data, { out }),
  inflateRawChunks: (data, onChunk) => {
    // fflate's streaming Inflate, fed 1 MB of compressed input at a time: each push yields
    // ~6 MB of sheet XML. Measured on the bench's sales sheet (26 MB → 156 MB, Node 20):
    // 0.43–0.60 s and 189 MB peak RSS, against inflateSync's 0.63 s and 420 MB.
    const inflater = new Inflate((chunk) => {
      if (chunk.length > 0) onChunk(chunk);
    });
    const STEP = 1 << 20;
    if (data.length === 0) inflater.push(data, true);
    for (let p = 0; p < data.length; p += STEP) {
      const end = Math.min(data.length, p + STEP);
      inflater.push(data.subarray(p, end), end === data.length);
    }
  },
};

let codec: DeflateCodec = FFLATE_CODEC;

/** Install a codec (the CLI installs Node's zlib); returns the previous one. */
export function useDeflateCodec(next: DeflateCodec): DeflateCodec {
  const prev = codec;
  codec = next;
  return prev;
}

export function deflateRaw(data: Uint8Array, level: DeflateLevel): Uint8Array {
  return codec.deflateRaw(data, level);
}

export function inflateRaw(data: Uint8Array, size?: number): Uint8Array {
  return codec.inflateRaw(data, size);
}

/**
 * Inflate with the platform's DecompressionStream where it has "deflate-raw" (browsers since
 * 2023, Node 20), which works in native code while the caller's thread stays free; elsewhere the
 * installed codec. The Excel host decodes the stored outputs of earlier runs this way (3 MB that
 * fflate took ~0.65 s to inflate on the task pane's thread at 50,000 customers).
 */
export async function inflateRawAsync(data: Uint8Array): Promise<Uint8Array> {
  let stream: DecompressionStream;
  try {
    if (typeof DecompressionStream !== "function" || typeof Response !== "function" || typeof Blob !== "function") return inflateRaw(data);
    stream = new DecompressionStream("deflate-raw" as CompressionFormat);
  } catch {
    return inflateRaw(data); // a platform without "deflate-raw"
  }
  const body = new Blob([data as Uint8Array<ArrayBuffer>]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(body).arrayBuffer());
}

/**
 * Compressed input handed to the platform's DecompressionStream a piece at a time. A stream
 * inflates a whole input piece before the reader sees its output, so the piece bounds what a
 * part that lies about its size can make it hold: 64 KB inflate to at most ~66 MB (DEFLATE's
 * ratio is at most ~1,032:1), as with fflate's pushes (hosts/xlsx/zipRaw.ts inflateBounded).
 * 1 MB pieces were no faster (the bench's 156 MB sheet in Chromium: 0.74–0.85 s either way).
 */
const STREAM_PIECE = 64 * 1024;

/** Whether the platform inflates raw DEFLATE natively (DecompressionStream "deflate-raw"). */
export function canInflateNatively(): boolean {
  try {
    return typeof DecompressionStream === "function" && typeof ReadableStream === "function" && !!new DecompressionStream("deflate-raw" as CompressionFormat);
  } catch {
    return false;
  }
}

/**
 * Inflate piece by piece with the platform's DecompressionStream, in native code, handing each
 * piece of output to `onChunk` in order. Why: in Chromium, fflate's streaming inflate spent most
 * of its time growing and copying output buffers; on the bench's 156 MB sales sheet it took
 * 2.5–2.7 s against 1.2–1.3 s for the platform's (standalone page, 2026-12-03). Output comes in
 * pieces of ~64 KB, and memory stays bounded as with fflate's pieces (STREAM_PIECE). If `onChunk` throws (a part
 * larger than its ZIP directory says), the stream is cancelled and the error passes through.
 * Callers check canInflateNatively() first.
 */
export async function inflateRawChunksAsync(data: Uint8Array, onChunk: (chunk: Uint8Array) => void): Promise<void> {
  let at = 0;
  const input = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (at >= data.length) controller.close();
      else controller.enqueue(data.subarray(at, (at = Math.min(data.length, at + STREAM_PIECE))));
    },
  });
  const reader = input.pipeThrough(new DecompressionStream("deflate-raw" as CompressionFormat) as unknown as ReadableWritablePair<Uint8Array, Uint8Array>).getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      if (value.length > 0) onChunk(value);
    }
  } catch (e) {
    void reader.cancel().catch(() => undefined);
    throw e;
  }
}

/** The installed codec's inflateRawChunksAsync, if it has one. */
export function inflateRawChunksAsyncOf(): DeflateCodec["inflateRawChunksAsync"] {
  return codec.inflateRawChunksAsync;
}

/** The installed codec's inflateRawInto, if it has one. */
export function inflateRawIntoOf(): DeflateCodec["inflateRawInto"] {
  return codec.inflateRawInto;
}

/**
 * Inflate piece by piece with the installed codec (see DeflateCodec.inflateRawChunks); a codec
 * without a chunked inflate hands out its whole result as one chunk.
 */
export function inflateRawChunks(data: Uint8Array, onChunk: (chunk: Uint8Array) => void, size?: number): void {
  if (codec.inflateRawChunks) codec.inflateRawChunks(data, onChunk, size);
  else onChunk(codec.inflateRaw(data, size));
}

export function deflateCodecName(): string {
  return codec.name;
}
