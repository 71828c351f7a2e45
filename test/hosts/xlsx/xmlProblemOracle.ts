/**
 * The read-back check's well-formedness scan as it was before it was rewritten for speed
 * (2026-12-03): one tag at a time with Uint8Array.indexOf. Kept as the test oracle: the fast
 * scan in src/hosts/xlsx/verify.ts must give the same verdict, message included, on any input.
 */
import { decodeXml, encodeUtf8 } from "../../../src/hosts/xlsx/xml";

export function xmlProblemByIndexOf(part: Uint8Array): string | null {
  // A UTF-16 part (with its byte-order mark) is checked as the UTF-8 it decodes to.
  const utf16 = part.length >= 2 && ((part[0] === 0xff && part[1] === 0xfe) || (part[0] === 0xfe && part[1] === 0xff));
  const b = utf16 ? encodeUtf8(decodeXml(part)) : part;
  const n = b.length;
  let i = n >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
  const starts: number[] = [];
  const lens: number[] = [];
  let roots = 0;
  const find = (seq: number[], from: number) => {
    for (let k = b.indexOf(seq[0], from); k >= 0 && k + seq.length <= n; k = b.indexOf(seq[0], k + 1)) {
      let ok = true;
      for (let q = 1; q < seq.length; q++) if (b[k + q] !== seq[q]) ok = false;
      if (ok) return k;
    }
    return -1;
  };
  const isNameEnd = (c: number) => c === 62 || c === 47 || c === 32 || c === 9 || c === 10 || c === 13;
  while (i < n) {
    const lt = b.indexOf(60, i);
    if (lt < 0) break;
    if (starts.length === 0) {
      for (let k = i; k < lt; k++) if (!(b[k] === 32 || b[k] === 9 || b[k] === 10 || b[k] === 13)) return `text outside the root element at byte ${k}`;
    }
    const c1 = b[lt + 1];
    if (c1 === 63 /* ? */) {
      const e = find([63, 62], lt + 2);
      if (e < 0) return "unterminated processing instruction";
      i = e + 2;
    } else if (c1 === 33 /* ! */) {
      if (b[lt + 2] === 45 && b[lt + 3] === 45) {
        const e = find([45, 45, 62], lt + 4);
        if (e < 0) return "unterminated comment";
        i = e + 3;
      } else if (b[lt + 2] === 91 && starts.length > 0) {
        const e = find([93, 93, 62], lt + 3);
        if (e < 0) return "unterminated CDATA section";
        i = e + 3;
      } else return `unexpected markup at byte ${lt}`;
    } else if (c1 === 47 /* / */) {
      const gt = b.indexOf(62, lt + 2);
      if (gt < 0) return "unterminated end tag";
      let e = gt;
      while (e > lt + 2 && (b[e - 1] === 32 || b[e - 1] === 9 || b[e - 1] === 10 || b[e - 1] === 13)) e--;
      const len = e - (lt + 2);
      const top = starts.length - 1;
      if (top < 0) return `end tag without a start tag at byte ${lt}`;
      let same = lens[top] === len;
      for (let q = 0; same && q < len; q++) if (b[starts[top] + q] !== b[lt + 2 + q]) same = false;
      if (!same) return `end tag at byte ${lt} does not match its start tag`;
      starts.pop();
      lens.pop();
      i = gt + 1;
    } else {
      let k = lt + 1;
      while (k < n && !isNameEnd(b[k])) {
        if (b[k] === 60 || b[k] === 34 || b[k] === 39 || b[k] === 61) return `bad element name at byte ${lt}`;
        k++;
      }
      if (k === lt + 1) return `bad element name at byte ${lt}`;
      // Attributes: quote-aware to the closing ">"; "<" may not appear in a value.
      let j = k;
      while (j < n && b[j] !== 62) {
        const c = b[j];
        if (c === 34 || c === 39) {
          const q = b.indexOf(c, j + 1);
          if (q < 0) return `unterminated attribute value at byte ${j}`;
          const inner = b.indexOf(60, j + 1);
          if (inner >= 0 && inner < q) return `"<" in an attribute value at byte ${inner}`;
          j = q + 1;
        } else if (c === 60) return `unterminated start tag at byte ${lt}`;
        else j++;
      }
      if (j >= n) return `unterminated start tag at byte ${lt}`;
      if (starts.length === 0 && roots++ > 0) return "more than one root element";
      if (b[j - 1] !== 47) {
        starts.push(lt + 1);
        lens.push(k - (lt + 1));
      }
      i = j + 1;
    }
  }
  if (starts.length > 0) return "an element is not closed at the end of the part";
  if (roots === 0) return "no root element";
  return null;
}
