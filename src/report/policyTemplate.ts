/** The policy sheets of `init` as user sheets of a patch (the manager owns them once made). */
import { CALL_SETTINGS, TIER_SETTINGS } from "../sheets/policy/sheets";
import { policyTemplate } from "../sheets/policy/template";
import type { NumberFormat, PatchValue, SheetPatch } from "./patch";

const FORMAT_OF = new Map<string, NumberFormat>([
  ...TIER_SETTINGS.filter((s) => s.kind === "share").map((s) => [s.key, "percent"] as [string, NumberFormat]),
  ...CALL_SETTINGS.filter((s) => s.kind === "date").map((s) => [s.key, "date"] as [string, NumberFormat]),
]);

export function policyTemplateSheets(): SheetPatch[] {
  return policyTemplate().map((t) => {
    const [header, ...rows] = t.rows;
    const cellFormats: Record<string, NumberFormat> = {};
    rows.forEach((r, i) => {
      const f = FORMAT_OF.get(String(r[0]));
      if (f) cellFormats[`${i}:c2`] = f; // the 值 / Value column of a settings sheet
    });
    return {
      name: t.name,
      blocks: [
        {
          id: `policy.${t.id}`,
          at: { row: 0, col: 0 },
          columns: header.map((h, i) => ({ key: `c${i}`, header: String(h ?? ""), format: "general" as NumberFormat, width: Math.max(12, Math.min(44, String(h ?? "").length * 1.5)) })),
          rows: rows.map((r) => r.map((v) => v as PatchValue)),
          cellFormats,
        },
      ],
      charts: [],
      freeze: { rows: 1, cols: 0 },
    };
  });
}
