/**
 * The writer's last step: the finished package is read back with the project's own ZIP reader
 * before anyone gets it (issue 17: a user's only copy must never come back damaged). Checked:
 * the ZIP directory reads and every part TierPlan wrote inflates to its declared size and CRC;
 * those parts are well-formed XML; every internal relationship target exists; every part has a
 * content type. Problems the input already had (a dangling relationship another tool left) are
 * not TierPlan's to fix and do not stop the write; new ones do.
 *
 * Hand-written well-formedness check (bytes, no DOM): the parts checked include new sheets of
 * 60 MB on the bench, which no DOM parser in a browser tab would hold.
 */
import { parseContentTypes, parseRels, resolveTarget } from "./opc";
import { decodeXml, encodeUtf8 } from "./xml";
import { inflateEntry, readZip, type ZipEntry } from "./zipRaw";

const XML_PART = /\.(xml|rels|vml)$/i;

/** The first well-formedness problem of an XML part, or null. Checks tags, nesting and quoting. */
export function xmlProblem(part: Uint8Array): string | null {
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

/** The part a relationships part belongs to ("" for the package's _rels/.rels). */
function sourceOfRels(relsPath: string): string {
  const m = /^(.*?)_rels\/([^/]*)\.rels$/i.exec(relsPath);
  return m ? m[1] + m[2] : "";
}

/**
 * Problems of a package: with `deep(name)`, the named parts are also inflated (size and CRC
 * checked) and checked for well-formedness. Relationships and content types are always checked.
 */
export function packageProblems(bytes: Uint8Array, deep: (name: string) => boolean = () => false): string[] {
  let entries: ZipEntry[];
  try {
    entries = readZip(bytes);
  } catch (e) {
    return [`the ZIP cannot be read (${e instanceof Error ? e.message : String(e)})`];
  }
  const problems: string[] = [];
  const parts = entries.filter((e) => !(e.name.endsWith("/") && e.size === 0));
  const byLower = new Map(parts.map((e) => [e.name.toLowerCase(), e]));
  const text = (e: ZipEntry) => decodeXml(inflateEntry(e));
  for (const e of parts) {
    if (!deep(e.name)) continue;
    try {
      const data = inflateEntry(e);
      if (XML_PART.test(e.name)) {
        const p = xmlProblem(data);
        if (p) problems.push(`part ${e.name} is not well-formed XML (${p})`);
      }
    } catch (err) {
      problems.push(`part ${e.name} cannot be read back (${err instanceof Error ? err.message : String(err)})`);
    }
  }
  const ctEntry = byLower.get("[content_types].xml");
  if (!ctEntry) return [...problems, "the package has no [Content_Types].xml"];
  try {
    const ct = parseContentTypes(text(ctEntry));
    const overrides = new Set([...ct.overrides.keys()].map((k) => k.toLowerCase()));
    for (const e of parts) {
      if (e === ctEntry) continue;
      const lower = e.name.toLowerCase();
      const ext = lower.slice(lower.lastIndexOf(".") + 1);
      if (!overrides.has(lower) && !(lower.includes(".") && ct.defaults.has(ext))) problems.push(`part ${e.name} has no content type`);
    }
    for (const e of parts) {
      if (!/\.rels$/i.test(e.name)) continue;
      const source = sourceOfRels(e.name);
      for (const r of parseRels(text(e))) {
        if (r.external || !r.target) continue;
        const target = resolveTarget(source, r.target);
        if (!byLower.has(target.toLowerCase())) problems.push(`relationship ${r.id} of ${source || "the package"} points to ${target}, which is missing`);
      }
    }
  } catch (err) {
    problems.push(`the package cannot be read back (${err instanceof Error ? err.message : String(err)})`);
  }
  return problems;
}
