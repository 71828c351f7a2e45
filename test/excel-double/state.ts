/**
 * The in-memory workbook behind the Excel double: what the "document" holds after each
 * `context.sync()`. Tests assert on it directly (`workbookState.sheet("Tiers")!.cell("B3")`).
 *
 * Cell input follows Excel's rules for `Range.values` / `Range.formulas`:
 *  - `null` leaves a cell unchanged, `""` clears it;
 *  - numbers and booleans are stored as they are;
 *  - a string goes in as text when the cell's number format is "@";
 *  - otherwise a string starting with "=" becomes a formula, one starting with "+", "-" or "@"
 *    becomes a number when it reads as one and a formula otherwise, a numeric string becomes a
 *    number and "TRUE"/"FALSE" a boolean.
 * The double does not calculate: a formula cell reads back as "" through `values` and as its
 * formula through `formulas` (tests assert formulas with `cell().formula`).
 */
import { DoubleError } from "./errors";

export type Scalar = string | number | boolean;
export type Visibility = "Visible" | "Hidden" | "VeryHidden";

/** 0-based inclusive rectangle. */
export interface Rect {
  r0: number;
  c0: number;
  r1: number;
  c1: number;
}

export const MAX_ROWS = 1048576;
export const MAX_COLS = 16384;
export const MAX_CELL_TEXT = 32767;

export interface Borders {
  top?: string;
  bottom?: string;
  left?: string;
  right?: string;
}

/** Direct cell formatting (everything but the number format). Instances are interned and frozen. */
export interface CellStyleRec {
  bold?: boolean;
  italic?: boolean;
  fontColor?: string;
  fontSize?: number;
  fontName?: string;
  fill?: string;
  hAlign?: string;
  wrap?: boolean;
  locked?: boolean;
  borders?: Borders;
}

const EMPTY_STYLE: CellStyleRec = Object.freeze({});
const styleIntern = new Map<string, CellStyleRec>([["{}", EMPTY_STYLE]]);

function internStyle(s: CellStyleRec): CellStyleRec {
  const clean: Record<string, unknown> = {};
  for (const k of Object.keys(s).sort()) {
    const v = (s as Record<string, unknown>)[k];
    if (v === undefined) continue;
    if (k === "borders") {
      const b = v as Borders;
      const bb: Record<string, string> = {};
      for (const e of ["bottom", "left", "right", "top"] as const) if (b[e] !== undefined) bb[e] = b[e]!;
      if (Object.keys(bb).length) clean[k] = bb;
      continue;
    }
    clean[k] = v;
  }
  const key = JSON.stringify(clean);
  let got = styleIntern.get(key);
  if (!got) {
    if (clean.borders) Object.freeze(clean.borders);
    got = Object.freeze(clean) as CellStyleRec;
    styleIntern.set(key, got);
  }
  return got;
}

/** One stored row: parallel arrays, allocated lazily (a 300,000-row sheet stays small). */
interface RowStore {
  v: (Scalar | undefined)[];
  f?: (string | undefined)[];
  nf?: (string | undefined)[];
  st?: (CellStyleRec | undefined)[];
}

export interface TableState {
  id: number;
  name: string;
  rect: Rect;
  hasHeaders: boolean;
  style: string;
}

export interface SeriesState {
  name: string;
  /** Sheet-qualified A1 addresses of the ranges given to setValues / setXAxisValues. */
  values?: string;
  xValues?: string;
  chartType?: string;
  axisGroup: "Primary" | "Secondary";
}

export interface AxisState {
  type: "Category" | "Value" | "Series";
  group: "Primary" | "Secondary";
  minimum?: number;
  maximum?: number;
  numberFormat?: string;
  reversePlotOrder?: boolean;
}

export interface ChartState {
  id: number;
  name: string;
  chartType: string;
  title?: string;
  series: SeriesState[];
  axes: AxisState[];
  /** setPosition(start, end) as sheet-relative A1 addresses. */
  position?: { start: string; end?: string };
  sourceData: string;
  seriesBy: string;
  deleted?: boolean;
}

export interface ConditionalFormatState {
  id: number;
  type: string;
  rect: Rect;
  rule?: { formula1: string; formula2?: string; operator: string };
  fill?: string;
  fontColor?: string;
  bold?: boolean;
}

export interface ValidationState {
  rect: Rect;
  rule?: Record<string, unknown>;
  prompt?: { message?: string; showPrompt?: boolean; title?: string };
  errorAlert?: { message?: string; showAlert?: boolean; style?: string; title?: string };
  ignoreBlanks?: boolean;
}

let nextId = 1;

/** "A", …, "Z", "AA", … for a 0-based column. */
export function colLetters(col: number): string {
  let n = col + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function a1(row: number, col: number): string {
  return `${colLetters(col)}${row + 1}`;
}

export function rectA1(r: Rect): string {
  return r.r0 === r.r1 && r.c0 === r.c1 ? a1(r.r0, r.c0) : `${a1(r.r0, r.c0)}:${a1(r.r1, r.c1)}`;
}

/** Sheet name as Excel writes it in an address: quoted when it is not a plain identifier. */
export function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

function colIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** Parse "B3", "B3:D10", "$B$3:$D$10", "A:C", "3:5" (optionally "Sheet!…") into a rectangle. */
export function parseA1(address: string): Rect {
  const bang = address.lastIndexOf("!");
  const body = (bang >= 0 ? address.slice(bang + 1) : address).replace(/\$/g, "").toUpperCase();
  const [p, q = p] = body.split(":");
  const cell = /^([A-Z]{1,3})(\d{1,7})$/;
  const colOnly = /^([A-Z]{1,3})$/;
  const rowOnly = /^(\d{1,7})$/;
  let m1: RegExpMatchArray | null;
  let m2: RegExpMatchArray | null;
  if ((m1 = p.match(cell)) && (m2 = q.match(cell))) {
    const r = { r0: +m1[2] - 1, c0: colIndex(m1[1]), r1: +m2[2] - 1, c1: colIndex(m2[1]) };
    return normalise(r, address);
  }
  if ((m1 = p.match(colOnly)) && (m2 = q.match(colOnly))) {
    return normalise({ r0: 0, r1: MAX_ROWS - 1, c0: colIndex(m1[1]), c1: colIndex(m2[1]) }, address);
  }
  if ((m1 = p.match(rowOnly)) && (m2 = q.match(rowOnly))) {
    return normalise({ r0: +m1[1] - 1, r1: +m2[1] - 1, c0: 0, c1: MAX_COLS - 1 }, address);
  }
  throw new DoubleError("InvalidArgument", `The address '${address}' is not valid.`);
}

function normalise(r: Rect, address: string): Rect {
  const out = { r0: Math.min(r.r0, r.r1), r1: Math.max(r.r0, r.r1), c0: Math.min(r.c0, r.c1), c1: Math.max(r.c0, r.c1) };
  if (out.r0 < 0 || out.c0 < 0 || out.r1 >= MAX_ROWS || out.c1 >= MAX_COLS) {
    throw new DoubleError("InvalidArgument", `The address '${address}' is outside the sheet.`);
  }
  return out;
}

export function contains(outer: Rect, inner: Rect): boolean {
  return inner.r0 >= outer.r0 && inner.r1 <= outer.r1 && inner.c0 >= outer.c0 && inner.c1 <= outer.c1;
}

export function intersects(a: Rect, b: Rect): boolean {
  return a.r0 <= b.r1 && b.r0 <= a.r1 && a.c0 <= b.c1 && b.c0 <= a.c1;
}

const NUMERIC = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** What one cell looks like, for assertions. */
export interface CellView {
  /** The stored constant; "" when empty or when the cell holds a formula. */
  value: Scalar;
  /** "=…" when the cell holds a formula. */
  formula?: string;
  numberFormat: string;
  style: CellStyleRec;
}

export class SheetState {
  readonly id = `{double-sheet-${nextId++}}`;
  name: string;
  visibility: Visibility = "Visible";
  tabColor = "";
  deleted = false;
  readonly tables: TableState[] = [];
  readonly charts: ChartState[] = [];
  conditionalFormats: ConditionalFormatState[] = [];
  validations: ValidationState[] = [];
  protection: { protected: boolean; options?: Record<string, unknown>; password?: boolean } = { protected: false };
  freeze: { rows: number; cols: number } | null = null;
  /** Column widths in points by 0-based column. */
  readonly columnWidths = new Map<number, number>();
  /** Row heights in points by 0-based row. */
  readonly rowHeights = new Map<number, number>();
  /** Page layout (ExcelApi 1.9): paper, orientation, fit-to-pages zoom, print title rows and columns. */
  pageLayout: { paperSize?: string; orientation?: string; zoom?: { horizontalFitToPages?: number; verticalFitToPages?: number }; printTitleRows?: string; printTitleColumns?: string } = {};
  /** The sheet's autofilter range (A1), if applied. */
  autoFilter: string | null = null;
  private rows: (RowStore | undefined)[] = [];

  constructor(
    readonly workbook: WorkbookState,
    name: string,
  ) {
    this.name = name;
  }

  private row(r: number, create: true): RowStore;
  private row(r: number, create?: false): RowStore | undefined;
  private row(r: number, create = false): RowStore | undefined {
    let row = this.rows[r];
    if (!row && create) {
      row = { v: [] };
      this.rows[r] = row;
    }
    return row;
  }

  // ----- reads -------------------------------------------------------------------------

  /** Constant value; "" for empty cells and formula cells (the double does not calculate). */
  valueAt(r: number, c: number): Scalar {
    const row = this.rows[r];
    if (!row) return "";
    const v = row.v[c];
    return v === undefined ? "" : v;
  }

  formulaAt(r: number, c: number): string | undefined {
    return this.rows[r]?.f?.[c];
  }

  numberFormatAt(r: number, c: number): string {
    return this.rows[r]?.nf?.[c] ?? "General";
  }

  styleAt(r: number, c: number): CellStyleRec {
    return this.rows[r]?.st?.[c] ?? EMPTY_STYLE;
  }

  isLocked(r: number, c: number): boolean {
    return this.styleAt(r, c).locked !== false;
  }

  /** A cell by A1 address ("B3"), for assertions. */
  cell(address: string): CellView {
    const { r0, c0 } = parseA1(address);
    return this.cellAt(r0, c0);
  }

  cellAt(r: number, c: number): CellView {
    const f = this.formulaAt(r, c);
    const view: CellView = { value: this.valueAt(r, c), numberFormat: this.numberFormatAt(r, c), style: this.styleAt(r, c) };
    if (f !== undefined) view.formula = f;
    return view;
  }

  /** Values of a rectangle by A1 address ("A1:C3"), "" for empty cells. */
  valuesOf(address: string): Scalar[][] {
    const r = parseA1(address);
    const out: Scalar[][] = [];
    for (let i = r.r0; i <= r.r1; i++) {
      const line: Scalar[] = [];
      for (let j = r.c0; j <= r.c1; j++) line.push(this.valueAt(i, j));
      out.push(line);
    }
    return out;
  }

  hasContent(r: number, c: number): boolean {
    const row = this.rows[r];
    return !!row && (row.v[c] !== undefined || row.f?.[c] !== undefined);
  }

  hasFormatting(r: number, c: number): boolean {
    const row = this.rows[r];
    return !!row && (row.nf?.[c] !== undefined || (row.st?.[c] !== undefined && row.st[c] !== EMPTY_STYLE));
  }

  /**
   * Bounding box of the cells with values or formulas (valuesOnly) or with anything at all,
   * optionally restricted to `within`; null when there is none.
   */
  usedRange(valuesOnly: boolean, within?: Rect): Rect | null {
    let r0 = Infinity;
    let r1 = -1;
    let c0 = Infinity;
    let c1 = -1;
    const rStart = within ? within.r0 : 0;
    const rEnd = Math.min(this.rows.length - 1, within ? within.r1 : MAX_ROWS - 1);
    for (let r = rStart; r <= rEnd; r++) {
      const row = this.rows[r];
      if (!row) continue;
      const lens = [row.v.length, row.f?.length ?? 0];
      if (!valuesOnly) lens.push(row.nf?.length ?? 0, row.st?.length ?? 0);
      const len = Math.max(...lens);
      const cStart = within ? within.c0 : 0;
      const cEnd = Math.min(len - 1, within ? within.c1 : MAX_COLS - 1);
      for (let c = cStart; c <= cEnd; c++) {
        if (this.hasContent(r, c) || (!valuesOnly && this.hasFormatting(r, c))) {
          if (r < r0) r0 = r;
          if (r > r1) r1 = r;
          if (c < c0) c0 = c;
          if (c > c1) c1 = c;
        }
      }
    }
    return r1 < 0 ? null : { r0, c0, r1, c1 };
  }

  // ----- writes ------------------------------------------------------------------------

  /** Write one cell from `Range.values` / `Range.formulas` input (see the file comment). */
  input(r: number, c: number, x: unknown): void {
    if (x === null || x === undefined) return;
    if (typeof x === "number") {
      if (!Number.isFinite(x)) throw new DoubleError("InvalidArgument", `Cell ${a1(r, c)}: ${x} is not a valid number.`);
      this.setConst(r, c, x);
      return;
    }
    if (typeof x === "boolean") {
      this.setConst(r, c, x);
      return;
    }
    if (typeof x !== "string") throw new DoubleError("InvalidArgument", `Cell ${a1(r, c)}: unsupported value ${JSON.stringify(x)}.`);
    if (x.length > MAX_CELL_TEXT) throw new DoubleError("InvalidArgument", `Cell ${a1(r, c)}: text longer than ${MAX_CELL_TEXT} characters.`);
    if (x === "") {
      this.clearContent(r, c);
      return;
    }
    if (this.numberFormatAt(r, c) === "@") {
      this.setConst(r, c, x);
      return;
    }
    const first = x[0];
    if (first === "=" && x.length > 1) {
      this.setFormula(r, c, x);
      return;
    }
    if (NUMERIC.test(x)) {
      this.setConst(r, c, Number(x));
      return;
    }
    if ((first === "+" || first === "-" || first === "@") && x.length > 1) {
      this.setFormula(r, c, first === "@" ? `=${x.slice(1)}` : `=${x}`);
      return;
    }
    const upper = x.toUpperCase();
    if (upper === "TRUE" || upper === "FALSE") {
      this.setConst(r, c, upper === "TRUE");
      return;
    }
    this.setConst(r, c, x);
  }

  /** Store a constant as it is (seeding a user's workbook), bypassing input parsing. */
  seedConstant(r: number, c: number, v: Scalar): void {
    this.setConst(r, c, v);
  }

  private setConst(r: number, c: number, v: Scalar): void {
    const row = this.row(r, true);
    row.v[c] = v;
    if (row.f) row.f[c] = undefined;
  }

  private setFormula(r: number, c: number, f: string): void {
    const row = this.row(r, true);
    row.v[c] = undefined;
    (row.f ??= [])[c] = f;
  }

  private clearContent(r: number, c: number): void {
    const row = this.rows[r];
    if (!row) return;
    row.v[c] = undefined;
    if (row.f) row.f[c] = undefined;
  }

  setNumberFormat(r: number, c: number, nf: unknown): void {
    if (nf === null || nf === undefined) return;
    if (typeof nf !== "string") throw new DoubleError("InvalidArgument", `Cell ${a1(r, c)}: number format must be a string.`);
    const row = this.row(r, true);
    (row.nf ??= [])[c] = nf === "General" ? undefined : nf;
  }

  updateStyle(r: number, c: number, patch: Partial<CellStyleRec>): void {
    const row = this.row(r, true);
    const st = (row.st ??= []);
    const old = st[c] ?? EMPTY_STYLE;
    const next: CellStyleRec = { ...old, ...patch };
    if (patch.borders) next.borders = { ...(old.borders ?? {}), ...patch.borders };
    st[c] = internStyle(next);
  }

  /** Range.clear: "All", "Formats" or "Contents". Visits only stored rows. */
  clear(rect: Rect, applyTo: string): void {
    const contents = applyTo === "All" || applyTo === "Contents";
    const formats = applyTo === "All" || applyTo === "Formats";
    const rEnd = Math.min(rect.r1, this.rows.length - 1);
    for (let r = rect.r0; r <= rEnd; r++) {
      const row = this.rows[r];
      if (!row) continue;
      for (let c = rect.c0; c <= rect.c1; c++) {
        if (c >= row.v.length && c >= (row.f?.length ?? 0) && c >= (row.nf?.length ?? 0) && c >= (row.st?.length ?? 0)) break;
        if (contents) {
          row.v[c] = undefined;
          if (row.f) row.f[c] = undefined;
        }
        if (formats) {
          if (row.nf) row.nf[c] = undefined;
          if (row.st) row.st[c] = undefined;
        }
      }
    }
    if (formats) {
      this.conditionalFormats = this.conditionalFormats.filter((cf) => !contains(rect, cf.rect));
      this.validations = this.validations.filter((v) => !contains(rect, v.rect));
    }
  }

  /** Every stored cell with content: [row, col] pairs, row-major. */
  contentCells(): [number, number][] {
    const out: [number, number][] = [];
    this.rows.forEach((row, r) => {
      if (!row) return;
      const len = Math.max(row.v.length, row.f?.length ?? 0);
      for (let c = 0; c < len; c++) if (this.hasContent(r, c)) out.push([r, c]);
    });
    return out;
  }
}

export class WorkbookState {
  readonly sheets: SheetState[] = [];
  /** Workbook.use1904DateSystem (ExcelApi 1.16): the workbook counts dates from 1904. */
  date1904 = false;
  /** How many syncs ran with API calculation suspended. */
  calculationSuspendedSyncs = 0;

  sheet(name: string): SheetState | undefined {
    const k = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === k);
  }

  sheetById(id: string): SheetState | undefined {
    return this.sheets.find((s) => s.id === id);
  }

  /** Tab order names. */
  get sheetNames(): string[] {
    return this.sheets.map((s) => s.name);
  }

  addSheet(name: string): SheetState {
    validateSheetName(name);
    if (this.sheet(name)) throw new DoubleError("ItemAlreadyExists", `A sheet named '${name}' already exists.`);
    const s = new SheetState(this, name);
    this.sheets.push(s);
    return s;
  }

  deleteSheet(s: SheetState): void {
    const visible = this.sheets.filter((x) => x.visibility === "Visible");
    if (s.visibility === "Visible" && visible.length === 1) {
      throw new DoubleError("InvalidOperation", "A workbook must contain at least one visible worksheet.");
    }
    const i = this.sheets.indexOf(s);
    if (i >= 0) this.sheets.splice(i, 1);
    s.deleted = true;
  }

  allTables(): TableState[] {
    return this.sheets.flatMap((s) => s.tables);
  }

  nextId(): number {
    return nextId++;
  }
}

export function validateSheetName(name: string): void {
  if (!name || name.length > 31 || /[\\/?*[\]:]/.test(name) || name.startsWith("'") || name.endsWith("'")) {
    throw new DoubleError("InvalidArgument", `'${name}' is not a valid worksheet name.`);
  }
}
