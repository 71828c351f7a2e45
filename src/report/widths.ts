/**
 * Widths of the columns TierPlan appends beside a user's table (the tier and rebate columns):
 * as wide as their widest value or header, CJK counted double, so no amount shows "###".
 * TierPlan's own sheets are sized by report/table/fit.ts.
 */
import { FORMAT_CODES, type WorkbookPatch } from "./patch";
import { displayWidth, formattedText } from "./table/text";

const MAX_TEXT = 40;

export function ensureReadableWidths(patch: WorkbookPatch): void {
  for (const cp of patch.columns) {
    for (const c of cp.columns) {
      const code = FORMAT_CODES[c.format ?? "general"];
      let w = displayWidth(c.header);
      for (const v of c.values) w = Math.max(w, displayWidth(formattedText(v, typeof v === "string" ? "@" : code)));
      if (c.format === "text" || c.format === undefined) w = Math.min(w, MAX_TEXT);
      c.width = Math.max(c.width ?? 0, w + 2);
    }
  }
}
