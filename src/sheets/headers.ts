/**
 * Finding a table in a messy sheet: the header row may sit below a title row, columns come
 * in any order, headers are Chinese or English. The row whose cells match the most field
 * synonyms wins.
 */
import { FieldDef, normalizeHeader } from "./fields";
import { SheetGrid } from "./grid";

export interface HeaderMatch<K extends string> {
  sheet: string;
  /** 0-based sheet row of the header. */
  headerRow: number;
  /** Sheet column (0-based) of each field found. */
  columns: Partial<Record<K, number>>;
  /** Header text of each found column, as the user wrote it. */
  headerText: Partial<Record<K, string>>;
  /** Required fields that were not found. */
  missing: K[];
  /** Last used column (0-based, sheet coordinates) of the header row. */
  lastCol: number;
  score: number;
  /** Last data row (0-based sheet row) when a footer follows the table; else the sheet's end. */
  lastRow?: number;
  /** Fields whose blank cells take the value above (merged cells down a block of lines). */
  fillDown?: K[];
}

/** How many rows from the top to look for the header row. */
const SCAN_ROWS = 30;

type Synonyms<K extends string> = { key: K; norms: string[] }[];

function synonymTable<K extends string>(fields: FieldDef<K>[]): Synonyms<K> {
  return fields.map((f) => ({ key: f.key, norms: [...new Set([f.key, ...f.synonyms].map(normalizeHeader))] }));
}

/** Match one header row. Exact synonyms first; then a header that contains a long synonym ("客户名称(全称)"). */
export function matchHeaderRow<K extends string>(
  cells: unknown[],
  fields: FieldDef<K>[],
  overrides: Partial<Record<K, string>> = {},
): { columns: Partial<Record<K, number>>; count: number } {
  const norms = cells.map(normalizeHeader);
  // A bilingual caption such as "客户编号 / Customer ID" matches on either half.
  const parts = cells.map((c) => (typeof c === "string" && /[/|]/.test(c) ? c.split(/[/|]/).map(normalizeHeader).filter(Boolean) : []));
  const columns: Partial<Record<K, number>> = {};
  const used = new Set<number>();
  // --map field=Header: the user's word beats detection.
  for (const f of fields) {
    const want = overrides[f.key];
    if (!want) continue;
    const w = normalizeHeader(want);
    const i = norms.findIndex((n, idx) => n === w || parts[idx].includes(w));
    if (i >= 0 && !used.has(i)) {
      columns[f.key] = i;
      used.add(i);
    }
  }
  const table = synonymTable(fields);
  // Exact pass, in field order (so "客户编号" goes to customerId before "客户" could take it).
  for (const { key, norms: syn } of table) {
    if (columns[key] !== undefined) continue;
    for (const s of syn) {
      const i = norms.findIndex((n, idx) => (n === s || parts[idx].includes(s)) && !used.has(idx));
      if (i >= 0) {
        columns[key] = i;
        used.add(i);
        break;
      }
    }
  }
  // Containment pass for what is still missing: the longest synonym contained in a header.
  for (const { key, norms: syn } of table) {
    if (columns[key] !== undefined) continue;
    let best = -1;
    let bestLen = 0;
    norms.forEach((n, idx) => {
      if (!n || used.has(idx)) return;
      for (const s of syn) {
        if (s.length >= 3 && s.length > bestLen && n.includes(s)) {
          best = idx;
          bestLen = s.length;
        }
      }
    });
    if (best >= 0) {
      columns[key] = best;
      used.add(best);
    }
  }
  return { columns, count: Object.keys(columns).length };
}

/** The best header row of a sheet for these fields, or null when no row has a required field. */
export function detectHeader<K extends string>(
  grid: SheetGrid,
  fields: FieldDef<K>[],
  overrides: Partial<Record<K, string>> = {},
): HeaderMatch<K> | null {
  let best: HeaderMatch<K> | null = null;
  const required = fields.filter((f) => f.required).map((f) => f.key);
  const limit = Math.min(grid.rows.length, SCAN_ROWS);
  for (let r = 0; r < limit; r++) {
    const row = grid.rows[r] ?? [];
    if (!row.some((v) => typeof v === "string" && v.trim() !== "")) continue;
    const { columns, count } = matchHeaderRow(row, fields, overrides);
    if (count === 0) continue;
    const missing = required.filter((k) => columns[k] === undefined);
    // Required fields weigh more than optional ones.
    const score = count + 10 * (required.length - missing.length);
    if (!best || score > best.score) {
      const sheetCols: Partial<Record<K, number>> = {};
      const headerText: Partial<Record<K, string>> = {};
      for (const k of Object.keys(columns) as K[]) {
        sheetCols[k] = columns[k]! + grid.origin.col;
        headerText[k] = String(row[columns[k]!] ?? "").trim();
      }
      let last = row.length - 1;
      while (last >= 0 && (row[last] === null || row[last] === "")) last--;
      best = {
        sheet: grid.name,
        headerRow: r + grid.origin.row,
        columns: sheetCols,
        headerText,
        missing,
        lastCol: last + grid.origin.col,
        score,
      };
    }
  }
  return best;
}

