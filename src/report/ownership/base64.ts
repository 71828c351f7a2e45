/** Base64 for the registry's stored outputs (by hand for speed: see toBase64). */
const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const B64_CODES = Uint8Array.from(B64, (c) => c.charCodeAt(0));
const B64_VALUES = (() => {
  const t = new Int16Array(128).fill(-1);
  for (let i = 0; i < 64; i++) t[B64.charCodeAt(i)] = i;
  return t;
})();
// Made on first use: jsdom (the task pane's tests) has no TextDecoder at module load, and
// some hosts may lack it altogether, hence the fallback in asciiText.
let asciiDecoder: TextDecoder | null | undefined;
function asciiText(bytes: Uint8Array): string {
  if (asciiDecoder === undefined) asciiDecoder = typeof TextDecoder === "function" ? new TextDecoder() : null;
  if (asciiDecoder) return asciiDecoder.decode(bytes);
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    s += String.fromCharCode.apply(null, Array.from(bytes.subarray(i, i + 0x8000)));
  }
  return s;
}

/**
 * Standard base64 with padding (what btoa writes), built as bytes and decoded once. The
 * previous String.fromCharCode.apply over 32 KB slices + btoa took 57 ms for the bench's 2.5 MB
 * payload (500,000-line bench, docs/PERFORMANCE.md); this takes a few ms.
 */
export function toBase64(bytes: Uint8Array): string {
  const n = bytes.length;
  const out = new Uint8Array(Math.ceil(n / 3) * 4);
  const T = B64_CODES;
  let p = 0;
  let i = 0;
  for (; i + 2 < n; i += 3) {
    const v = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out[p++] = T[v >> 18];
    out[p++] = T[(v >> 12) & 63];
    out[p++] = T[(v >> 6) & 63];
    out[p++] = T[v & 63];
  }
  if (i < n) {
    const two = i + 1 < n;
    const v = (bytes[i] << 16) | (two ? bytes[i + 1] << 8 : 0);
    out[p++] = T[v >> 18];
    out[p++] = T[(v >> 12) & 63];
    out[p++] = two ? T[(v >> 6) & 63] : 61;
    out[p++] = 61; // =
  }
  return asciiText(out);
}

/** Bytes of base64 text as atob reads it (whitespace ignored); throws on any other character. */
export function fromBase64(s: string): Uint8Array {
  const out = new Uint8Array(Math.floor((s.length * 3) / 4) + 3);
  let p = 0;
  let acc = 0;
  let bits = 0;
  let end = s.length;
  while (end > 0 && (s.charCodeAt(end - 1) === 61 || s.charCodeAt(end - 1) <= 32)) end--;
  for (let i = 0; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 12 || c === 13) continue;
    const v = c < 128 ? B64_VALUES[c] : -1;
    if (v < 0) throw new Error("invalid base64");
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[p++] = (acc >> bits) & 0xff;
    }
  }
  return out.subarray(0, p);
}
