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
import { deflateSync, inflateSync } from "fflate";

export type DeflateLevel = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;

export interface DeflateCodec {
  /** Raw deflate stream of `data` at `level` (1–9). */
  deflateRaw(data: Uint8Array, level: DeflateLevel): Uint8Array;
  /** The bytes of a raw deflate stream; `size` is the size the ZIP directory declares (a hint only). */
  inflateRaw(data: Uint8Array, size?: number): Uint8Array;
  /** Name shown in benchmarks. */
  name: string;
}

export const FFLATE_CODEC: DeflateCodec = {
  name: "fflate",
  deflateRaw: (data, level) => deflateSync(data, { level }),
  // The declared size is not passed on: fflate writes into a given buffer without growing it,
  // so a damaged size in the ZIP directory would silently cut the part short.
  inflateRaw: (data) => inflateSync(data),
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

export function deflateCodecName(): string {
  return codec.name;
}
