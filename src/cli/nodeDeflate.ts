/**
 * Node's native zlib as the DEFLATE codec of the CLI (see src/report/deflate.ts for why).
 * Kept out of the browser bundle: only Node entry points import this file.
 */
import { deflateRawSync, inflateRawSync } from "node:zlib";
import { useDeflateCodec, type DeflateCodec } from "../report/deflate";

export const NODE_ZLIB_CODEC: DeflateCodec = {
  name: "node:zlib",
  deflateRaw: (data, level) => {
    const b = deflateRawSync(data, { level });
    return new Uint8Array(b.buffer, b.byteOffset, b.length);
  },
  inflateRaw: (data) => {
    const b = inflateRawSync(data);
    return new Uint8Array(b.buffer, b.byteOffset, b.length);
  },
};

export function useNodeZlib(): void {
  useDeflateCodec(NODE_ZLIB_CODEC);
}
