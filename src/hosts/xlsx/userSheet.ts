/**
 * In-place edits of a user's worksheet part for ColumnsPatch: clear TierPlan's previous
 * columns, insert the new cells into the existing <row> elements in column order, set the
 * widths of TierPlan's columns, replace TierPlan's conditional formats and update
 * <dimension>. Every other row, cell and element is copied as the original text.
 */
import { cellAddress, columnIndex } from "../../sheets/grid";
import { nextTag, prefixed, parseAttrs, removeAttr, rootPrefix, rootTag, childElements, setAttr, escapeAttr, type ChildElement } from "./xml";

/** Schema order of the children of <worksheet> (CT_Worksheet). */
export const WORKSHEET_ORDER = [
  "sheetPr",
  "dimension",
  "sheetViews",
  "sheetFormatPr",
  "cols",
  "sheetData",
  "sheetCalcPr",
  "sheetProtection",
  "protectedRanges",
  "scenarios",
  "autoFilter",
  "sortState",
  "dataConsolidate",
  "customSheetViews",
  "mergeCells",
  "phoneticPr",
  "conditionalFormatting",
  "dataValidations",
  "hyperlinks",
  "printOptions",
  "pageMargins",
  "pageSetup",
  "headerFooter",
  "rowBreaks",
  "colBreaks",
  "customProperties",
  "cellWatches",
  "ignoredErrors",
  "smartTags",
  "drawing",
  "legacyDrawing",
  "legacyDrawingHF",
  "drawingHF",
  "picture",
  "oleObjects",
  "controls",
  "webPublishItems",
  "tableParts",
  "extLst",
];

/** Columns c0..c1 (0-based, inclusive) from row fromRow down: TierPlan's previous output. */
export interface ClearRange {
  c0: number;
  c1: number;
  fromRow: number;
}

export interface UserSheetEdit {
  clear: ClearRange[];
  /** row → col → cell XML without prefix (from cellXml); "" writes nothing. */
  cells: Map<number, Map<number, string>>;
  /**
   * TierPlan's columns: width in characters, or undefined to keep the sheet's width. Either
   * way a column inside a hidden <col> range of the user's is carved out and made visible.
   */
  widths: Map<number, number | undefined>;
  /** Conditional formats to add (XML without prefix), given the first free priority. */
  conditionalFormats?: (firstPriority: number) => string;
}

interface Edit {
  at: number;
  end: number;
  text: string;
}

/** Position at which a missing child `name` is inserted (before the first later sibling in schema order). */
function insertionPoint(xml: string, kids: ChildElement[], name: string): number {
  const order = WORKSHEET_ORDER.indexOf(name);
  for (const k of kids) {
    const o = WORKSHEET_ORDER.indexOf(k.local);
    if (o > order) return k.start;
  }
  return xml.lastIndexOf("</");
}

/** "A1:C5" / "B2" → [r0, c0, r1, c1] (0-based), or null. */
export function parseRange(ref: string): [number, number, number, number] | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?([A-Za-z]{1,3})\$?(\d+))?$/.exec(ref.trim());
  if (!m) return null;
  const c0 = columnIndex(m[1]);
  const r0 = Number(m[2]) - 1;
  const c1 = m[3] ? columnIndex(m[3]) : c0;
  const r1 = m[4] ? Number(m[4]) - 1 : r0;
  return [Math.min(r0, r1), Math.min(c0, c1), Math.max(r0, r1), Math.max(c0, c1)];
}

function cellCol(ref: string): number {
  const m = /^\$?([A-Za-z]{1,3})/.exec(ref);
  return m ? columnIndex(m[1]) : -1;
}

function inClear(clear: ClearRange[], row: number, col: number): boolean {
  for (const c of clear) if (row >= c.fromRow && col >= c.c0 && col <= c.c1) return true;
  return false;
}

/** Apply a UserSheetEdit to a worksheet part's XML. */
export function editUserSheet(xml: string, edit: UserSheetEdit): string {
  const root = rootTag(xml);
  if (!root) return xml;
  const P = rootPrefix(xml);
  const kids = childElements(xml, root);
  const edits: Edit[] = [];
  const clearMinRow = edit.clear.length ? Math.min(...edit.clear.map((c) => c.fromRow)) : Infinity;

  // ---- sheetData
  const pendingRows = [...edit.cells.keys()].filter((r) => [...edit.cells.get(r)!.values()].some((x) => x)).sort((a, b) => a - b);
  let written: [number, number, number, number] | null = null;
  for (const r of pendingRows)
    for (const [c, x] of edit.cells.get(r)!) {
      if (!x) continue;
      if (!written) written = [r, c, r, c];
      else written = [Math.min(written[0], r), Math.min(written[1], c), Math.max(written[2], r), Math.max(written[3], c)];
    }

  const sd = kids.find((k) => k.local === "sheetData");
  const ROW = "<" + P + "row";
  const ROW_END = "</" + P + "row>";
  const C_END = "</" + P + "c>";
  const newRow = (r: number): string => {
    const cells = edit.cells.get(r)!;
    const body = [...cells.keys()].sort((a, b) => a - b).map((c) => cells.get(c)!).join("");
    return prefixed(`<row r="${r + 1}">${body}</row>`, P);
  };

  if (sd) {
    const out: string[] = [];
    let pi = 0;
    let bodyStart: number;
    let bodyEnd: number;
    let openText: string;
    if (sd.tag.selfClose) {
      bodyStart = bodyEnd = sd.end;
      openText = xml.slice(sd.tag.start, sd.tag.end).replace(/\s*\/>$/, ">");
    } else {
      bodyStart = sd.tag.end;
      bodyEnd = xml.lastIndexOf("</", sd.end - 1);
      openText = xml.slice(sd.tag.start, sd.tag.end);
    }
    out.push(openText);
    let pos = bodyStart;
    let prevRow = -1;
    for (;;) {
      let at = xml.indexOf(ROW, pos);
      while (at >= 0 && at < bodyEnd) {
        const ch = xml.charCodeAt(at + ROW.length);
        if (ch === 62 || ch === 47 || ch === 32 || ch === 9 || ch === 10 || ch === 13) break;
        at = xml.indexOf(ROW, at + 1);
      }
      if (at < 0 || at >= bodyEnd) break;
      const tag = nextTag(xml, at)!;
      const attrs = parseAttrs(xml, tag.attrStart, tag.end);
      const rAttr = attrs.find(([k]) => k === "r");
      const rowIdx = rAttr ? Number(rAttr[1]) - 1 : prevRow + 1;
      prevRow = rowIdx;
      let rowEnd: number;
      let closeAt: number;
      if (tag.selfClose) rowEnd = closeAt = tag.end;
      else {
        closeAt = xml.indexOf(ROW_END, tag.end);
        if (closeAt < 0 || closeAt > bodyEnd) closeAt = bodyEnd;
        rowEnd = Math.min(bodyEnd, closeAt + ROW_END.length);
      }
      if (at > pos) out.push(xml.slice(pos, at));
      while (pi < pendingRows.length && pendingRows[pi] < rowIdx) out.push(newRow(pendingRows[pi++]));
      let adds: Map<number, string> | undefined;
      if (pi < pendingRows.length && pendingRows[pi] === rowIdx) adds = edit.cells.get(pendingRows[pi++]);
      const mayClear = rowIdx >= clearMinRow;
      if (!adds && !mayClear && rAttr) {
        out.push(xml.slice(at, rowEnd));
      } else {
        out.push(rewriteRow(xml, tag, closeAt, rowIdx, !rAttr, adds, mayClear ? edit.clear : [], P, C_END, ROW_END));
      }
      pos = rowEnd;
    }
    if (bodyEnd > pos) {
      // Text after the last row (whitespace): keep it after the new rows.
      const tail = xml.slice(pos, bodyEnd);
      while (pi < pendingRows.length) out.push(newRow(pendingRows[pi++]));
      out.push(tail);
    } else while (pi < pendingRows.length) out.push(newRow(pendingRows[pi++]));
    out.push(`</${P}sheetData>`);
    edits.push({ at: sd.start, end: sd.end, text: out.join("") });
  } else if (pendingRows.length) {
    const at = insertionPoint(xml, kids, "sheetData");
    edits.push({ at, end: at, text: `<${P}sheetData>${pendingRows.map(newRow).join("")}</${P}sheetData>` });
  }

  // ---- dimension
  if (written) {
    const dim = kids.find((k) => k.local === "dimension");
    const old = dim ? parseRange(parseAttrs(xml, dim.tag.attrStart, dim.tag.end).find(([k]) => k === "ref")?.[1] ?? "") : null;
    const u = old ? [Math.min(old[0], written[0]), Math.min(old[1], written[1]), Math.max(old[2], written[2]), Math.max(old[3], written[3])] : written;
    const ref = `${cellAddress(u[0], u[1])}:${cellAddress(u[2], u[3])}`;
    // <dimension> is optional: update it when present, never invent one from our cells alone.
    if (dim) edits.push({ at: dim.start, end: dim.end, text: setAttr(xml.slice(dim.tag.start, dim.tag.end), "ref", ref) });
  }

  // ---- cols
  if (edit.widths.size) {
    const colsEl = kids.find((k) => k.local === "cols");
    type Col = { min: number; max: number; attrs: [string, string][] };
    const list: Col[] = [];
    if (colsEl && !colsEl.tag.selfClose) {
      let p = colsEl.tag.end;
      for (;;) {
        const t = nextTag(xml, p);
        if (!t || t.start >= colsEl.end) break;
        p = t.end;
        if (t.local !== "col" || t.close) continue;
        const attrs = parseAttrs(xml, t.attrStart, t.end);
        const get = (k: string) => Number(attrs.find(([n]) => n === k)?.[1] ?? NaN);
        const min = get("min");
        const max = get("max");
        if (Number.isFinite(min) && Number.isFinite(max)) list.push({ min, max, attrs });
      }
    }
    const withAttr = (attrs: [string, string][], k: string, v: string): [string, string][] =>
      attrs.some(([n]) => n === k) ? attrs.map(([n, x]) => [n, n === k ? v : x] as [string, string]) : [...attrs, [k, v]];
    let changed = false;
    for (const [c, w] of [...edit.widths].sort((a, b) => a[0] - b[0])) {
      const n = c + 1;
      const i = list.findIndex((x) => x.min <= n && n <= x.max);
      const hidden = i >= 0 && list[i].attrs.some(([k, v]) => k === "hidden" && (v === "1" || v === "true"));
      if (w === undefined && !hidden) continue;
      changed = true;
      let base: [string, string][] = [
        ["min", ""],
        ["max", ""],
      ];
      if (i >= 0) {
        const x = list[i];
        base = x.attrs;
        const pieces: Col[] = [];
        if (x.min < n) pieces.push({ min: x.min, max: n - 1, attrs: withAttr(x.attrs, "max", String(n - 1)) });
        if (n < x.max) pieces.push({ min: n + 1, max: x.max, attrs: withAttr(x.attrs, "min", String(n + 1)) });
        list.splice(i, 1, ...pieces);
      }
      let attrs = withAttr(withAttr(base, "min", String(n)), "max", String(n)).filter(([k]) => k !== "hidden");
      if (w !== undefined) attrs = withAttr(withAttr(attrs, "width", String(w)), "customWidth", "1");
      else if (!attrs.some(([k]) => k === "width")) attrs = withAttr(attrs, "width", "9.140625");
      list.push({ min: n, max: n, attrs });
      list.sort((a, b) => a.min - b.min);
    }
    if (changed) {
      const body = list.map((x) => `<col ${x.attrs.map(([k, v]) => `${k}="${escapeAttr(v)}"`).join(" ")}/>`).join("");
      const text = `<${P}cols>${prefixed(body, P)}</${P}cols>`;
      if (colsEl) edits.push({ at: colsEl.start, end: colsEl.end, text });
      else {
        const at = insertionPoint(xml, kids, "cols");
        edits.push({ at, end: at, text });
      }
    }
  }

  // ---- conditional formats: drop TierPlan's previous ones (entirely inside cleared columns), add new ones
  const dropped = new Set<ChildElement>();
  if (edit.clear.length) {
    for (const k of kids) {
      if (k.local !== "conditionalFormatting") continue;
      const sqref = parseAttrs(xml, k.tag.attrStart, k.tag.end).find(([n]) => n === "sqref")?.[1] ?? "";
      const ranges = sqref.split(/\s+/).filter(Boolean).map(parseRange);
      const ours =
        ranges.length > 0 &&
        ranges.every((r) => r !== null && edit.clear.some((c) => r[0] >= c.fromRow && r[1] >= c.c0 && r[3] <= c.c1));
      if (ours) {
        dropped.add(k);
        edits.push({ at: k.start, end: k.end, text: "" });
      }
    }
  }
  // New rules get priorities after every remaining rule (x14 rules in extLst share the numbering).
  let maxPriority = 0;
  for (const k of kids) {
    if ((k.local !== "conditionalFormatting" && k.local !== "extLst") || dropped.has(k)) continue;
    for (const m of xml.slice(k.start, k.end).matchAll(/\spriority="(\d+)"/g)) maxPriority = Math.max(maxPriority, Number(m[1]));
  }
  const cf = edit.conditionalFormats?.(maxPriority + 1) ?? "";
  if (cf) {
    const at = insertionPoint(xml, kids, "conditionalFormatting");
    edits.push({ at, end: at, text: prefixed(cf, P) });
  }

  edits.sort((a, b) => a.at - b.at || a.end - b.end);
  const out: string[] = [];
  let last = 0;
  for (const e of edits) {
    if (e.at < last) continue; // overlapping edit (cannot happen with well-formed input)
    out.push(xml.slice(last, e.at), e.text);
    last = e.end;
  }
  out.push(xml.slice(last));
  return out.join("");
}

function rewriteRow(
  xml: string,
  tag: NonNullable<ReturnType<typeof nextTag>>,
  closeAt: number,
  rowIdx: number,
  addR: boolean,
  adds: Map<number, string> | undefined,
  clear: ClearRange[],
  P: string,
  C_END: string,
  ROW_END: string,
): string {
  let open = xml.slice(tag.start, tag.end);
  if (addR) open = setAttr(open, "r", String(rowIdx + 1));
  const kept: { col: number; text: string }[] = [];
  let tail = "";
  let changed = addR;
  if (!tag.selfClose) {
    let p = tag.end;
    let col = -1;
    while (p < closeAt) {
      const t = nextTag(xml, p);
      if (!t || t.start >= closeAt) {
        tail += xml.slice(p, closeAt);
        break;
      }
      if (t.local === "c" && !t.close) {
        const attrs = parseAttrs(xml, t.attrStart, t.end);
        const r = attrs.find(([k]) => k === "r")?.[1];
        col = r ? cellCol(r) : col + 1;
        let end = t.end;
        if (!t.selfClose) {
          const ce = xml.indexOf(C_END, t.end);
          end = ce < 0 || ce > closeAt ? closeAt : ce + C_END.length;
        }
        let text = xml.slice(t.start, end);
        if (!r) {
          const startTag = xml.slice(t.start, t.end);
          text = setAttr(startTag, "r", cellAddress(rowIdx, col)) + xml.slice(t.end, end);
          changed = true;
        }
        if (inClear(clear, rowIdx, col)) changed = true;
        else kept.push({ col, text });
        p = end;
      } else {
        // extLst or anything else: keep after the cells.
        const end = t.selfClose || t.close || !t.name ? t.end : xml.indexOf(">", xml.indexOf("</" + t.name, t.end)) + 1;
        tail += xml.slice(t.start, end);
        p = end;
      }
    }
  }
  if (adds) {
    for (const [col, x] of adds) {
      if (!x) continue;
      const text = prefixed(x, P);
      const i = kept.findIndex((k) => k.col >= col);
      if (i < 0) kept.push({ col, text });
      else if (kept[i].col === col) kept[i] = { col, text };
      else kept.splice(i, 0, { col, text });
      changed = true;
    }
  }
  if (!changed) return xml.slice(tag.start, tag.selfClose ? tag.end : closeAt + ROW_END.length);
  open = removeAttr(open, "spans");
  if (kept.length === 0 && !tail) return open.endsWith("/>") ? open : open.replace(/>$/, "/>");
  if (open.endsWith("/>")) open = open.replace(/\s*\/>$/, ">");
  return `${open}${kept.map((k) => k.text).join("")}${tail}${ROW_END}`;
}
