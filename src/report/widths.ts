/**
 * Minimum column widths by number format, applied to the whole patch once all analyses
 * ran: a money column narrower than its largest amount shows "###" in Excel and in print.
 */
import type { NumberFormat, WorkbookPatch } from "./patch";

const MIN_WIDTH: Partial<Record<NumberFormat, number>> = { money: 17, number: 14, date: 11, percent1: 9 };

export function ensureReadableWidths(patch: WorkbookPatch): void {
  const columnSets = [...patch.sheets.flatMap((s) => s.blocks.map((b) => b.columns)), ...patch.columns.map((c) => c.columns)];
  for (const cols of columnSets) {
    for (const c of cols) {
      const min = c.format ? MIN_WIDTH[c.format] : undefined;
      if (min !== undefined && (c.width === undefined || c.width < min)) c.width = min;
    }
  }
}
