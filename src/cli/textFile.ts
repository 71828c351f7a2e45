/**
 * Text files written as UTF-8 in pieces through one reused buffer.
 *
 * Why: the JSON summary of the 500,000-line bench is 26.5 million characters (Chinese names,
 * so V8 holds it two bytes a character). `fs.writeFile(file, text)` first encodes all of it
 * into one fresh ~30 MB buffer, and on this kind of VM every fresh page costs a fault (~4 ms a
 * MB): Buffer.from took 117–267 ms, the same text in 1 MB pieces through one buffer 58–75 ms
 * (Node 20, three runs each), byte for byte the same file.
 */
import { promises as fs } from "node:fs";

/** Characters per piece; a piece takes at most 3 bytes a character in UTF-8. */
const PIECE = 1 << 20;

export async function writeUtf8(file: string, text: string, piece = PIECE): Promise<void> {
  const encoder = new TextEncoder();
  const buffer = new Uint8Array(piece * 3 + 4);
  const handle = await fs.open(file, "w");
  try {
    let at = 0;
    while (at < text.length) {
      let end = Math.min(text.length, at + piece);
      // Never split a surrogate pair: its halves would each be written as U+FFFD.
      if (end < text.length && isHighSurrogate(text.charCodeAt(end - 1)) && isLowSurrogate(text.charCodeAt(end))) end++;
      const { written } = encoder.encodeInto(text.slice(at, end), buffer);
      for (let done = 0; done < written; ) done += (await handle.write(buffer, done, written - done)).bytesWritten;
      at = end;
    }
  } finally {
    await handle.close();
  }
}

const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;
