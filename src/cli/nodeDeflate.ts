/**
 * Node's native zlib as the DEFLATE codec of the CLI (see src/report/deflate.ts for why).
 * Kept out of the browser bundle: only Node entry points import this file.
 */
import * as zlib from "node:zlib";
import { deflateRawSync, inflateRawSync } from "node:zlib";
import { InflatedPastDeclaredSize, useDeflateCodec, type DeflateCodec } from "../report/deflate";
import { codecGivesWholeResults, useCrc32 } from "../hosts/xlsx/zipRaw";

export const NODE_ZLIB_CODEC: DeflateCodec = {
  name: "node:zlib",
  deflateRaw: (data, level) => {
    const b = deflateRawSync(data, { level });
    return new Uint8Array(b.buffer, b.byteOffset, b.length);
  },
  // With the size the ZIP directory declares, zlib writes one buffer instead of 16 KB pieces
  // joined by a copy (the 156 MB bench sheet was in memory twice; read 0.86 s → 0.65 s). A
  // wrong declared size only costs a badly sized buffer, never wrong output; capped at 1 GiB (zlib wants at least 64 bytes).
  // The declared size also bounds the output (maxOutputLength): a ZIP directory that understates
  // a part's size cannot make zlib inflate a bomb; one byte more is allowed so that the caller
  // (zipRaw.inflateEntryChecked) sees the mismatch and names the part.
  inflateRaw: (data, size) => {
    const bounded = size !== undefined && size >= 0;
    let b: Buffer;
    try {
      b = inflateRawSync(data, {
        chunkSize: bounded && size > 0 && size < 2 ** 30 ? Math.max(64, size + 1) : 65536,
        ...(bounded ? { maxOutputLength: size + 1 } : {}),
      });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") throw new InflatedPastDeclaredSize(size!);
      throw e;
    }
    return new Uint8Array(b.buffer, b.byteOffset, b.length);
  },
  inflateRawChunksAsync,
};

/** Output piece of the asynchronous inflate, and how much output may wait for the caller. */
const PIECE = 1 << 20;
const WAITING_MAX = 4 * PIECE;

/**
 * Inflate on Node's thread pool in 1 MB pieces, each handed to `onChunk` on this thread while
 * zlib goes on with the next. Why: inflating the bench's 156 MB sales sheet into one buffer was
 * ~550 ms, most of it the kernel handing out 156 MB of fresh pages; in 1 MB pieces, whose memory
 * is reused, it is ~130 ms (node:zlib on the 500,000-line bench workbook, the same bytes). Output
 * the caller has not taken stays under WAITING_MAX (zlib is paused beyond it), so a part that
 * inflates far past its declared size is stopped by the caller's check within a few MB.
 */
function inflateRawChunksAsync(data: Uint8Array, onChunk: (chunk: Uint8Array) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const z = zlib.createInflateRaw({ chunkSize: PIECE });
    const waiting: Buffer[] = [];
    let waitingBytes = 0;
    let scheduled = false;
    let ended = false;
    let settled = false;
    const fail = (e: unknown) => {
      if (settled) return;
      settled = true;
      z.destroy();
      reject(e);
    };
    const takeWaiting = () => {
      scheduled = false;
      if (settled) return;
      try {
        while (waiting.length) {
          const b = waiting.shift()!;
          waitingBytes -= b.length;
          onChunk(new Uint8Array(b.buffer, b.byteOffset, b.length));
        }
      } catch (e) {
        fail(e);
        return;
      }
      if (ended) {
        settled = true;
        resolve();
      } else if (z.isPaused()) z.resume();
    };
    // Pieces are taken in a later task, so that zlib inflates the next one meanwhile.
    const schedule = () => {
      if (!scheduled) {
        scheduled = true;
        setImmediate(takeWaiting);
      }
    };
    z.on("data", (b: Buffer) => {
      waiting.push(b);
      waitingBytes += b.length;
      if (waitingBytes >= WAITING_MAX) z.pause();
      schedule();
    });
    z.on("end", () => {
      ended = true;
      schedule();
    });
    z.on("error", fail);
    z.end(data);
  });
}

export function useNodeZlib(): void {
  useDeflateCodec(NODE_ZLIB_CODEC);
  codecGivesWholeResults(true);
  // zlib.crc32 exists from Node 20.15 (engines allow 20.9): the JavaScript CRC otherwise.
  const native = (zlib as { crc32?: (d: Uint8Array, v?: number) => number }).crc32;
  if (typeof native === "function") useCrc32((d, prev) => native(d, prev ?? 0));
}
