/**
 * Widths of the columns TierPlan appends beside a user's table (the tier and rebate columns):
 * as wide as their widest value or header, CJK counted double, so no amount shows "###".
 * TierPlan's own sheets are sized by report/table/fit.ts.
 */
import { FORMAT_CODES, type WorkbookPatch } from "./patch";
import { WidestText, displayWidth } from "./table/text";

const MAX_TEXT = 40;

export function ensureReadableWidths(patch: WorkbookPatch): void {
  for (const cp of patch.columns) {
    for (const c of cp.columns) {
      const code = FORMAT_CODES[c.format ?? "general"];
      const widest = new WidestText();
      // Indexed: for…of here allocated an iterator result per cell (~36 MB a run for 50,000
      // customers' tier columns, allocation sampling).
      const values = c.values;
      for (let i = 0; i < values.length; i++) widest.add(values[i], typeof values[i] === "string" ? "@" : code);
      let w = Math.max(displayWidth(c.header), widest.result());
      if (c.format === "text" || c.format === undefined) w = Math.min(w, MAX_TEXT);
      c.width = Math.max(c.width ?? 0, w + 2);
    }
  }
}
