/**
 * Node's native zlib as the DEFLATE codec of the CLI (see src/report/deflate.ts for why).
 * Kept out of the browser bundle: only Node entry points import this file.
 */
import * as zlib from "node:zlib";
import { deflateRawSync, inflateRawSync } from "node:zlib";
import { useDeflateCodec, type DeflateCodec } from "../report/deflate";
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
      if ((e as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") throw new Error(`the part inflates to more than its ZIP directory says (${size} bytes)`);
      throw e;
    }
    return new Uint8Array(b.buffer, b.byteOffset, b.length);
  },
};

export function useNodeZlib(): void {
  useDeflateCodec(NODE_ZLIB_CODEC);
  codecGivesWholeResults(true);
  // zlib.crc32 exists from Node 20.15 (engines allow 20.9): the JavaScript CRC otherwise.
  const native = (zlib as { crc32?: (d: Uint8Array, v?: number) => number }).crc32;
  if (typeof native === "function") useCrc32((d, prev) => native(d, prev ?? 0));
}
