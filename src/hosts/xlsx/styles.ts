/**
 * xl/styles.xml, edited by appending only: TierPlan adds its number formats, fonts, fills,
 * borders, cell formats (cellXfs) and differential formats (dxfs) after the workbook's own,
 * so every existing style index that user cells refer to keeps its meaning.
 */
import { MAX_CELL_FORMATS, cellFormatsOverCap } from "./limits";
import type { CellStyle } from "../../report/patch";
import { attrsOf, childElements, decodeEntities, escapeAttr, nextTag, prefixed, rootPrefix, rootTag, setAttr } from "./xml";
import { isDateFormatCode } from "../../sheets/dateSystem";

export { isDateFormatCode };

/** Excel's built-in number formats that TierPlan's codes map to (ids below 164 need no <numFmt>). */
const BUILTIN_FORMATS: Record<string, number> = {
  General: 0,
  "0": 1,
  "0.00": 2,
  "#,##0": 3,
  "#,##0.00": 4,
  "0%": 9,
  "0.00%": 10,
  "0.00E+00": 11,
  "@": 49,
};

export const MINIMAL_STYLES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
    // No theme references: a workbook created from nothing has no theme part.
  '<fonts count="1"><font><sz val="11"/><color rgb="FF000000"/><name val="Calibri"/><family val="2"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '<dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>' +
  "</styleSheet>";

/** Schema order of the children of <styleSheet>. */
const SECTION_ORDER = ["numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles", "dxfs", "tableStyles", "colors", "extLst"];

/** "#1f4e79" / "1F4E79" / "#abc" → "FF1F4E79". */
export function argb(colour: string): string {
  let h = colour.trim().replace(/^#/, "");
  if (h.length === 3) h = h.replace(/./g, (c) => c + c);
  if (h.length === 6) h = "FF" + h;
  return /^[0-9a-fA-F]{8}$/.test(h) ? h.toUpperCase() : "FF000000";
}

interface Section {
  name: string;
  /** Existing child count. */
  count: number;
  added: string[];
}

export class StyleBook {
  private readonly xml: string;
  private readonly prefix: string;
  private readonly sections = new Map<string, Section>();
  private readonly numFmtIds = new Map<string, number>();
  private nextNumFmt = 164;
  private readonly keyIndex = new Map<string, number>();
  private readonly baseFont: { sz?: string; name?: string; family?: string; charset?: string; scheme?: string; color?: string };
  private readonly hasCellStyleXfs: boolean;
  /** True once anything was added. */
  changed = false;
  /** Style indexes handed out with a date format (their numbers move with the date system). */
  readonly dateXfs = new Set<number>();
  /**
   * Days added to a number written with a date format: -1,462 in a 1904-system workbook, whose
   * serials count from 1904 (TierPlan's values are in the 1900 system, sheets/grid.ts).
   */
  dateShift = 0;

  constructor(xml: string | null) {
    this.xml = xml && rootTag(xml) ? xml : MINIMAL_STYLES;
    if (!xml) this.changed = true;
    this.prefix = rootPrefix(this.xml);
    const kids = childElements(this.xml);
    const childTag = { numFmts: "numFmt", fonts: "font", fills: "fill", borders: "border", cellXfs: "xf", dxfs: "dxf", cellStyleXfs: "xf" } as Record<string, string>;
    for (const k of kids) {
      const child = childTag[k.local];
      if (!child) continue;
      const body = this.xml.slice(k.tag.end, k.end);
      const re = new RegExp(`<${this.prefix}${child}[\\s/>]`, "g");
      const count = k.tag.selfClose ? 0 : (body.match(re) ?? []).length;
      // Excel allows at most 65,490 formats; more (a styles bomb) is refused before indexing.
      if (count > MAX_CELL_FORMATS) throw cellFormatsOverCap(count);
      this.sections.set(k.local, { name: k.local, count, added: [] });
      // Index the existing entries by their text, so that a re-run reuses what the last run
      // appended instead of appending the same styles again.
      if (["fonts", "fills", "borders", "cellXfs", "dxfs"].includes(k.local) && !k.tag.selfClose) this.indexExisting(k.local, child, k.tag.end, k.end);
      if (k.local === "numFmts" && !k.tag.selfClose) {
        let pos = k.tag.end;
        for (;;) {
          const t = nextTag(this.xml, pos);
          if (!t || t.start >= k.end) break;
          pos = t.end;
          if (t.local !== "numFmt" || t.close) continue;
          const a = attrsOf(this.xml, t);
          const id = Number(a.numFmtId);
          if (!Number.isFinite(id)) continue;
          if (a.formatCode !== undefined && !this.numFmtIds.has(a.formatCode)) this.numFmtIds.set(a.formatCode, id);
          if (id >= this.nextNumFmt) this.nextNumFmt = id + 1;
        }
      }
    }
    this.hasCellStyleXfs = (this.sections.get("cellStyleXfs")?.count ?? 0) > 0;
    for (const s of ["numFmts", "fonts", "fills", "borders", "cellXfs", "dxfs"]) {
      if (!this.sections.has(s)) this.sections.set(s, { name: s, count: 0, added: [] });
    }
    // The workbook's default font (font 0): new fonts copy its face and size.
    this.baseFont = {};
    const fonts = kids.find((k) => k.local === "fonts");
    if (fonts && !fonts.tag.selfClose) {
      let pos = fonts.tag.end;
      let depth = 0;
      for (;;) {
        const t = nextTag(this.xml, pos);
        if (!t || t.start >= fonts.end) break;
        pos = t.end;
        if (t.local === "font") {
          if (t.close || t.selfClose) break;
          depth++;
          continue;
        }
        if (depth !== 1 || t.close) continue;
        const a = attrsOf(this.xml, t);
        if (t.local === "sz") this.baseFont.sz = a.val;
        else if (t.local === "name") this.baseFont.name = a.val;
        else if (t.local === "family") this.baseFont.family = a.val;
        else if (t.local === "charset") this.baseFont.charset = a.val;
        else if (t.local === "scheme") this.baseFont.scheme = a.val;
        else if (t.local === "color") this.baseFont.color = this.xml.slice(t.start, t.end).replace(this.prefix ? new RegExp(`^<${this.prefix}`) : /^$/, "<");
      }
    }
  }

  private indexExisting(section: string, child: string, from: number, to: number): void {
    const s = this.xml;
    const open = "<" + this.prefix + child;
    let pos = from;
    let idx = 0;
    for (;;) {
      const at = s.indexOf(open, pos);
      if (at < 0 || at >= to) break;
      const t = nextTag(s, at);
      if (!t || t.local !== child) {
        pos = at + open.length;
        continue;
      }
      const end = t.selfClose ? t.end : s.indexOf(">", s.indexOf("</" + t.name + ">", t.end)) + 1;
      let text = s.slice(at, end);
      if (this.prefix) text = text.split("<" + this.prefix).join("<").split("</" + this.prefix).join("</");
      const k = `${section}\u0000${text}`;
      if (!this.keyIndex.has(k)) this.keyIndex.set(k, idx);
      idx++;
      pos = end;
    }
  }

  private add(section: string, key: string, xml: string): number {
    const k = `${section}\u0000${key}`;
    const hit = this.keyIndex.get(k);
    if (hit !== undefined) return hit;
    const s = this.sections.get(section)!;
    const idx = s.count + s.added.length;
    s.added.push(xml);
    this.keyIndex.set(k, idx);
    this.changed = true;
    return idx;
  }

  numFmt(code: string): number {
    if (code in BUILTIN_FORMATS) return BUILTIN_FORMATS[code];
    const have = this.numFmtIds.get(code);
    if (have !== undefined) return have;
    const id = this.nextNumFmt++;
    this.numFmtIds.set(code, id);
    this.sections.get("numFmts")!.added.push(`<numFmt numFmtId="${id}" formatCode="${escapeAttr(code)}"/>`);
    this.changed = true;
    return id;
  }

  private font(st: CellStyle): number {
    if (!st.bold && !st.italic && !st.fontColor && !st.fontSize) return 0;
    const b = this.baseFont;
    const parts = [
      st.bold ? "<b/>" : "",
      st.italic ? "<i/>" : "",
      `<sz val="${escapeAttr(String(st.fontSize ?? b.sz ?? 11))}"/>`,
      st.fontColor ? `<color rgb="${argb(st.fontColor)}"/>` : (b.color ?? ""),
      `<name val="${escapeAttr(b.name ?? "Calibri")}"/>`,
      b.family ? `<family val="${escapeAttr(b.family)}"/>` : "",
      b.charset ? `<charset val="${escapeAttr(b.charset)}"/>` : "",
      b.scheme ? `<scheme val="${escapeAttr(b.scheme)}"/>` : "",
    ];
    const xml = `<font>${parts.join("")}</font>`;
    return this.add("fonts", xml, xml);
  }

  private fill(colour: string | undefined): number {
    if (!colour) return 0;
    const xml = `<fill><patternFill patternType="solid"><fgColor rgb="${argb(colour)}"/><bgColor indexed="64"/></patternFill></fill>`;
    return this.add("fills", xml, xml);
  }

  private border(on: boolean | undefined): number {
    if (!on) return 0;
    const side = (n: string) => `<${n} style="thin"><color indexed="64"/></${n}>`;
    const xml = `<border>${side("left")}${side("right")}${side("top")}${side("bottom")}<diagonal/></border>`;
    return this.add("borders", xml, xml);
  }

  /** Style objects are shared by whole columns: remember their index by identity (hot path). */
  private readonly byIdentity = new Map<string, WeakMap<CellStyle, number>>();
  private readonly unstyled = new Map<string, number>();

  /** Index into cellXfs for a number-format code and a style; 0 for General without style. */
  xf(formatCode: string, style?: CellStyle): number {
    if (!style) {
      let hit = this.unstyled.get(formatCode);
      if (hit === undefined) {
        hit = this.xfUncached(formatCode, undefined);
        this.unstyled.set(formatCode, hit);
      }
      return hit;
    }
    let m = this.byIdentity.get(formatCode);
    if (!m) {
      m = new WeakMap();
      this.byIdentity.set(formatCode, m);
    }
    let hit = m.get(style);
    if (hit === undefined) {
      hit = this.xfUncached(formatCode, style);
      m.set(style, hit);
    }
    return hit;
  }

  private xfUncached(formatCode: string, style: CellStyle | undefined): number {
    const x = this.xfBuild(formatCode, style);
    if (isDateFormatCode(formatCode)) this.dateXfs.add(x);
    return x;
  }

  private xfBuild(formatCode: string, style: CellStyle | undefined): number {
    const st = style ?? {};
    const key = JSON.stringify([formatCode, !!st.bold, !!st.italic, st.fill ?? "", st.fontColor ?? "", st.fontSize ?? 0, st.align ?? "", !!st.wrap, st.locked === false, !!st.border]);
    const k = `xf\u0000${key}`;
    const hit = this.keyIndex.get(k);
    if (hit !== undefined) return hit;
    const numFmtId = this.numFmt(formatCode);
    const fontId = this.font(st);
    const fillId = this.fill(st.fill);
    const borderId = this.border(st.border);
    const align = st.align || st.wrap;
    const unlocked = st.locked === false;
    if (numFmtId === 0 && fontId === 0 && fillId === 0 && borderId === 0 && !align && !unlocked) {
      this.keyIndex.set(k, 0);
      return 0;
    }
    let attrs = `numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="${borderId}"`;
    if (this.hasCellStyleXfs) attrs += ' xfId="0"';
    if (numFmtId) attrs += ' applyNumberFormat="1"';
    if (fontId) attrs += ' applyFont="1"';
    if (fillId) attrs += ' applyFill="1"';
    if (borderId) attrs += ' applyBorder="1"';
    if (align) attrs += ' applyAlignment="1"';
    if (unlocked) attrs += ' applyProtection="1"';
    let inner = "";
    if (align) inner += `<alignment${st.align ? ` horizontal="${st.align}"` : ""}${st.wrap ? ' wrapText="1"' : ""}/>`;
    if (unlocked) inner += '<protection locked="0"/>';
    const xml = inner ? `<xf ${attrs}>${inner}</xf>` : `<xf ${attrs}/>`;
    const idx = this.add("cellXfs", xml, xml);
    this.keyIndex.set(k, idx);
    return idx;
  }

  /** A differential format (conditional formatting): fill and optional font colour. */
  dxf(fill: string, fontColor?: string): number {
    const font = fontColor ? `<font><color rgb="${argb(fontColor)}"/></font>` : "";
    const xml = `<dxf>${font}<fill><patternFill patternType="solid"><fgColor rgb="${argb(fill)}"/><bgColor rgb="${argb(fill)}"/></patternFill></fill></dxf>`;
    return this.add("dxfs", xml, xml);
  }

  /** The styles part with everything added; the original text when nothing was added. */
  toXml(): string {
    if (!this.changed) return this.xml;
    const s = this.xml;
    const p = this.prefix;
    const kids = childElements(s);
    const edits: { at: number; end: number; text: string }[] = [];
    for (const name of ["numFmts", "fonts", "fills", "borders", "cellXfs", "dxfs"]) {
      const sec = this.sections.get(name)!;
      if (sec.added.length === 0) continue;
      const total = sec.count + sec.added.length;
      const body = prefixed(sec.added.join(""), p);
      const el = kids.find((k) => k.local === name);
      if (el) {
        let open = s.slice(el.tag.start, el.tag.end);
        if (el.tag.selfClose) {
          open = setAttr(open, "count", String(total)).replace(/\s*\/>$/, ">");
          edits.push({ at: el.start, end: el.end, text: `${open}${body}</${p}${name}>` });
        } else {
          const closeAt = s.lastIndexOf("</", el.end - 1);
          edits.push({ at: el.tag.start, end: el.tag.end, text: setAttr(open, "count", String(total)) });
          edits.push({ at: closeAt, end: closeAt, text: body });
        }
      } else {
        // Insert the missing section before the first later section in schema order.
        const order = SECTION_ORDER.indexOf(name);
        const next = kids.find((k) => SECTION_ORDER.indexOf(k.local) > order);
        const at = next ? next.start : s.lastIndexOf("</");
        edits.push({ at, end: at, text: `<${p}${name} count="${total}">${body}</${p}${name}>` });
      }
    }
    edits.sort((a, b) => a.at - b.at || a.end - b.end);
    let out = "";
    let last = 0;
    for (const e of edits) {
      out += s.slice(last, e.at) + e.text;
      last = e.end;
    }
    return out + s.slice(last);
  }
}

const BUILTIN_DATE_IDS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** For each cellXfs index of a styles part: 1 when its number format is a date or time (reader, 1904 workbooks). */
export function dateStyleFlags(xml: string): Uint8Array {
  const custom = new Map<number, string>();
  const ids: number[] = [];
  let pos = 0;
  let inXfs = false;
  for (;;) {
    const t = nextTag(xml, pos);
    if (!t) break;
    pos = t.end;
    if (t.local === "cellXfs") inXfs = !t.close && !t.selfClose;
    else if (t.local === "numFmt" && !t.close) {
      const a = attrsOf(xml, t);
      custom.set(Number(a.numFmtId), decodeEntities(a.formatCode ?? ""));
    } else if (t.local === "xf" && inXfs && !t.close) {
      ids.push(Number(attrsOf(xml, t).numFmtId ?? 0));
      if (ids.length > MAX_CELL_FORMATS) throw cellFormatsOverCap(ids.length);
    }
  }
  const out = new Uint8Array(ids.length);
  ids.forEach((id, i) => {
    const code = custom.get(id);
    if (code !== undefined ? isDateFormatCode(code) : BUILTIN_DATE_IDS.has(id)) out[i] = 1;
  });
  return out;
}
