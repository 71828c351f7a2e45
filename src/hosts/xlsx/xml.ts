/**
 * Small, allocation-light XML helpers for the .xlsx host. Spreadsheet parts are machine-written
 * XML with a known shape, so the host scans them with indexOf instead of building a DOM
 * (a DOM of a 500,000-row sheet would not fit in a browser tab).
 *
 * Runs in Node and in the browser: no Buffer, only TextEncoder/TextDecoder.
 */

const utf8Decoder = new TextDecoder("utf-8");
const utf8Encoder = new TextEncoder();

/** Decode an XML part (UTF-8, or UTF-16 with a byte-order mark). */
export function decodeXml(bytes: Uint8Array): string {
  if (bytes.length >= 2) {
    if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes.subarray(2));
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  }
  return utf8Decoder.decode(bytes);
}

export function encodeUtf8(s: string): Uint8Array {
  return utf8Encoder.encode(s);
}

export function decodeUtf8(bytes: Uint8Array): string {
  return utf8Decoder.decode(bytes);
}

// ---------------------------------------------------------------------------------------------
// Decoding

/** Decode the five predefined entities and numeric character references. Fast path without "&". */
export function decodeEntities(s: string): string {
  let i = s.indexOf("&");
  if (i < 0) return s;
  let out = "";
  let last = 0;
  while (i >= 0) {
    const semi = s.indexOf(";", i + 1);
    if (semi < 0) break;
    let rep: string | undefined;
    if (semi - i <= 10) {
      const ent = s.slice(i + 1, semi);
      switch (ent) {
        case "amp":
          rep = "&";
          break;
        case "lt":
          rep = "<";
          break;
        case "gt":
          rep = ">";
          break;
        case "quot":
          rep = '"';
          break;
        case "apos":
          rep = "'";
          break;
        default:
          if (ent.charCodeAt(0) === 35 /* # */) {
            const hex = ent[1] === "x" || ent[1] === "X";
            const code = hex ? parseInt(ent.slice(2), 16) : parseInt(ent.slice(1), 10);
            if (Number.isFinite(code) && code >= 0 && code <= 0x10ffff) rep = String.fromCodePoint(code);
          }
      }
    }
    if (rep !== undefined) {
      out += s.slice(last, i) + rep;
      last = semi + 1;
      i = s.indexOf("&", last);
    } else {
      i = s.indexOf("&", i + 1);
    }
  }
  return out + s.slice(last);
}

const X_ESCAPE = /_x([0-9A-Fa-f]{4})_/g;

/**
 * OOXML's own escape for characters XML cannot carry (ST_Xstring): `_x000D_` is a carriage
 * return, `_x005F_` a literal underscore (so `_x005F_x000D_` reads as the text "_x000D_").
 */
function decodeOoxmlEscapes(s: string): string {
  if (s.indexOf("_x") < 0) return s;
  return s.replace(X_ESCAPE, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/** Text content of a string-valued cell or shared string: entities, then _xHHHH_ escapes. */
export function decodeText(s: string): string {
  return decodeOoxmlEscapes(decodeEntities(s));
}

// ---------------------------------------------------------------------------------------------
// Encoding

/**
 * Escape cell text for an element's content: &, <, > as entities; characters XML 1.0 cannot
 * carry (C0 controls, U+FFFE/U+FFFF) and CR (which an XML parser would turn into LF) as
 * `_xHHHH_`; a literal `_xHHHH_` in the text is protected as `_x005F_xHHHH_`.
 */
export function escapeCellText(s: string): string {
  let t = s;
  if (t.indexOf("_x") >= 0) t = t.replace(X_ESCAPE, "_x005F_x$1_");
  // eslint-disable-next-line no-control-regex
  t = t.replace(/[\u0000-\u0008\u000B\u000C\u000D\u000E-\u001F\uFFFE\uFFFF]/g, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`);
  return escapeXml(t);
}

/** Escape for element content (no control-character handling). */
export function escapeXml(s: string): string {
  if (!/[&<>]/.test(s)) return s;
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Escape for a double-quoted attribute value; drops characters XML cannot carry. */
export function escapeAttr(s: string): string {
  return (
    s
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "")
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;")
      .replace(/\t/g, "&#9;")
      .replace(/\n/g, "&#10;")
      .replace(/\r/g, "&#13;")
  );
}

// ---------------------------------------------------------------------------------------------
// Tags

function isNameChar(code: number): boolean {
  // Letters, digits, '_', '-', '.', ':' and anything non-ASCII.
  return (
    (code >= 97 && code <= 122) ||
    (code >= 65 && code <= 90) ||
    (code >= 48 && code <= 58) ||
    code === 95 ||
    code === 45 ||
    code === 46 ||
    code > 127
  );
}

/** The local part of a qualified name ("x:row" → "row"). */
function localName(qname: string): string {
  const c = qname.indexOf(":");
  return c < 0 ? qname : qname.slice(c + 1);
}

/** One tag found by `nextTag`. */
export interface Tag {
  /** Index of "<". */
  start: number;
  /** Index just after ">". */
  end: number;
  /** Qualified name, e.g. "x:row" (empty for comments, PIs, CDATA, doctype). */
  name: string;
  /** Local name, e.g. "row". */
  local: string;
  close: boolean;
  selfClose: boolean;
  /** Index just after the name (start of the attributes). */
  attrStart: number;
}

/**
 * The next tag at or after `pos`, or null. Comments, processing instructions, CDATA and
 * doctype are returned with an empty name. Quotes in attribute values are respected.
 */
export function nextTag(s: string, pos: number): Tag | null {
  const lt = s.indexOf("<", pos);
  if (lt < 0) return null;
  const c1 = s.charCodeAt(lt + 1);
  if (c1 === 33 /* ! */) {
    let endMark = ">";
    if (s.startsWith("<!--", lt)) endMark = "-->";
    else if (s.startsWith("<![CDATA[", lt)) endMark = "]]>";
    const e = s.indexOf(endMark, lt + 2);
    const end = e < 0 ? s.length : e + endMark.length;
    return { start: lt, end, name: "", local: "", close: false, selfClose: true, attrStart: lt + 2 };
  }
  if (c1 === 63 /* ? */) {
    const e = s.indexOf("?>", lt + 2);
    const end = e < 0 ? s.length : e + 2;
    return { start: lt, end, name: "", local: "", close: false, selfClose: true, attrStart: lt + 2 };
  }
  const close = c1 === 47;
  let i = close ? lt + 2 : lt + 1;
  const nameStart = i;
  while (i < s.length && isNameChar(s.charCodeAt(i))) i++;
  const name = s.slice(nameStart, i);
  const attrStart = i;
  const end = tagEnd(s, i);
  const selfClose = !close && s.charCodeAt(end - 2) === 47;
  return { start: lt, end, name, local: localName(name), close, selfClose, attrStart };
}

/** Index just after the ">" that ends the tag whose attributes start at `i` (quote-aware). */
function tagEnd(s: string, i: number): number {
  const n = s.length;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c === 62 /* > */) return i + 1;
    if (c === 34 || c === 39) {
      const q = s.indexOf(c === 34 ? '"' : "'", i + 1);
      if (q < 0) return n;
      i = q + 1;
      continue;
    }
    i++;
  }
  return n;
}

/** Attributes of a tag as [qualified name, decoded value] pairs, in document order. */
export function parseAttrs(s: string, from: number, to: number): [string, string][] {
  const out: [string, string][] = [];
  let i = from;
  while (i < to) {
    let c = s.charCodeAt(i);
    while (i < to && (c === 32 || c === 9 || c === 10 || c === 13)) c = s.charCodeAt(++i);
    if (i >= to || c === 62 || c === 47) break;
    const ns = i;
    while (i < to && s.charCodeAt(i) !== 61 /* = */ && s.charCodeAt(i) > 32) i++;
    const name = s.slice(ns, i);
    while (i < to && s.charCodeAt(i) !== 61) i++;
    i++;
    while (i < to && s.charCodeAt(i) !== 34 && s.charCodeAt(i) !== 39) i++;
    const q = s[i];
    const ve = s.indexOf(q, i + 1);
    if (ve < 0) break;
    out.push([name, decodeEntities(s.slice(i + 1, ve))]);
    i = ve + 1;
  }
  return out;
}

/** Attributes of a tag as a record keyed by qualified name. */
export function attrsOf(s: string, tag: Tag): Record<string, string> {
  const rec: Record<string, string> = {};
  for (const [k, v] of parseAttrs(s, tag.attrStart, tag.end)) rec[k] = v;
  return rec;
}

/** Value of the attribute with this local name (any prefix), or undefined. */
export function attrByLocal(attrs: Record<string, string>, local: string): string | undefined {
  if (local in attrs) return attrs[local];
  for (const k of Object.keys(attrs)) if (localName(k) === local) return attrs[k];
  return undefined;
}

/** Index just after the end of the element whose start tag is `open` (depth-aware). */
export function elementEnd(s: string, open: Tag): number {
  if (open.selfClose || open.close || !open.name) return open.end;
  let depth = 1;
  let pos = open.end;
  const closeStr = "</" + open.name;
  const openStr = "<" + open.name;
  while (depth > 0) {
    const nc = s.indexOf(closeStr, pos);
    if (nc < 0) return s.length;
    // Count nested opens of the same name before this close.
    let no = s.indexOf(openStr, pos);
    while (no >= 0 && no < nc) {
      const t = nextTag(s, no)!;
      if (t.name === open.name && !t.close && !t.selfClose) depth++;
      no = s.indexOf(openStr, t.end);
    }
    const t = nextTag(s, nc)!;
    if (t.name === open.name) depth--;
    pos = t.end;
  }
  return pos;
}

/** A top-level child element of the root. */
export interface ChildElement {
  local: string;
  start: number;
  end: number;
  tag: Tag;
}

/** The root element's start tag (skipping the declaration and comments). */
export function rootTag(s: string): Tag | null {
  let pos = 0;
  for (;;) {
    const t = nextTag(s, pos);
    if (!t) return null;
    if (t.name && !t.close) return t;
    pos = t.end;
  }
}

/** The namespace prefix of the root element, with its colon ("x:"), or "" for the default namespace. */
export function rootPrefix(s: string): string {
  const r = rootTag(s);
  if (!r) return "";
  const c = r.name.indexOf(":");
  return c < 0 ? "" : r.name.slice(0, c + 1);
}

/**
 * The root's direct children, in order. Large children (sheetData) are skipped with one
 * indexOf for their closing tag.
 */
export function childElements(s: string, root?: Tag | null): ChildElement[] {
  const r = root ?? rootTag(s);
  if (!r || r.selfClose) return [];
  const out: ChildElement[] = [];
  let pos = r.end;
  for (;;) {
    const t = nextTag(s, pos);
    if (!t) break;
    if (t.close) break; // the root's closing tag
    if (!t.name) {
      pos = t.end;
      continue;
    }
    let end: number;
    if (t.selfClose) end = t.end;
    else if (t.local === "sheetData") {
      const c = s.indexOf("</" + t.name + ">", t.end);
      end = c < 0 ? s.length : c + t.name.length + 3;
    } else end = elementEnd(s, t);
    out.push({ local: t.local, start: t.start, end, tag: t });
    pos = end;
  }
  return out;
}

/** Add a namespace prefix ("x:") to every element name of an XML fragment written without prefixes. */
export function prefixed(fragment: string, prefix: string): string {
  if (!prefix) return fragment;
  return fragment.replace(/<(\/?)([A-Za-z])/g, `<$1${prefix}$2`);
}

const attrRegexes = new Map<string, [RegExp, RegExp]>();

/** [value-capturing, whole-attribute] regexes for an attribute name (cached: used once per row). */
function attrRegex(name: string): [RegExp, RegExp] {
  let r = attrRegexes.get(name);
  if (!r) {
    const n = name.replace(/[.:]/g, "\\$&");
    r = [new RegExp(`(\\s${n}\\s*=\\s*)("[^"]*"|'[^']*')`), new RegExp(`\\s${n}\\s*=\\s*("[^"]*"|'[^']*')`)];
    attrRegexes.set(name, r);
  }
  return r;
}

/** Set (or add) an attribute on a start tag string like `<fonts count="3">`. */
export function setAttr(startTag: string, name: string, value: string): string {
  const re = attrRegex(name)[0];
  if (re.test(startTag)) return startTag.replace(re, `$1"${escapeAttr(value)}"`);
  const selfClose = startTag.endsWith("/>");
  const cut = selfClose ? startTag.length - 2 : startTag.length - 1;
  return `${startTag.slice(0, cut)} ${name}="${escapeAttr(value)}"${startTag.slice(cut)}`;
}
