/**
 * The detector's reading as plain data: the JSON summary's `intake` section and what the task
 * pane shows beside its mapping dropdowns. Field names here are a contract like the summary's.
 */
import { columnLetter } from "../grid";
import type { FieldChoice, WorkbookDetection } from "./index";

export interface IntakeColumn {
  header: string;
  column: string;
  evidence: { en: string; zh: string };
  mappedByUser: boolean;
  alternative: { header: string; column: string } | null;
}

export interface IntakeSheet {
  sheet: string;
  role: "sales" | "customers" | "summary" | "pivot" | "other";
  /** True when the run read this sheet. */
  used: boolean;
  reason: { en: string; zh: string };
  /** 1-based row of the (lower) header row, as Excel numbers rows. */
  headerRow: number;
  headerRows: 1 | 2;
  lastRow: number;
  columns: Record<string, IntakeColumn>;
  missing: string[];
  duplicateOf: string | null;
  notes: { en: string; zh: string }[];
}

export interface IntakeSummary {
  sheets: IntakeSheet[];
}

export function intakeSummary(d: WorkbookDetection): IntakeSummary {
  const used = new Set([...d.sales.map((s) => s.sheet), ...(d.customers ? [d.customers.sheet] : [])]);
  return {
    sheets: d.sheets.map((s) => ({
      sheet: s.sheet,
      role: s.role,
      used: used.has(s.sheet),
      reason: s.reason,
      headerRow: s.headerRow + 1,
      headerRows: s.headerRows,
      lastRow: s.lastRow + 1,
      columns: Object.fromEntries((Object.values(s.fields) as FieldChoice[]).map((f) => [f.field, {
        header: f.header,
        column: columnLetter(f.col),
        evidence: f.evidence,
        mappedByUser: f.mapped === true,
        alternative: f.alternative ? { header: f.alternative.header, column: columnLetter(f.alternative.col) } : null,
      }])),
      missing: s.role === "sales" ? [] : s.missing,
      duplicateOf: s.duplicateOf ?? null,
      notes: s.notes,
    })),
  };
}
