/**
 * Excel's two date systems, shared by both hosts. A workbook in the 1904 system (Excel for Mac's
 * old default, `workbookPr date1904`) counts days from 1904-01-01; TierPlan works in the 1900
 * system, so date cells are moved by DAYS_1904 when read and back when written.
 */

/** Days between the 1900 and the 1904 date systems' serials (1904-01-01 is serial 1,462 in the 1900 system). */
export const DAYS_1904 = 1462;

/**
 * True for a number format that shows a date or time: built-in ids 14–22, 45–47 and the East
 * Asian date ids 27–36 and 50–58 (ECMA-376 Part 1, 18.8.30), or a code with a date or time
 * token outside quotes, escapes and [colour]/[locale] brackets.
 */
export function isDateFormatCode(code: string): boolean {
  const t = code
    .split(";")[0]
    .replace(/"[^"]*"/g, "")
    .replace(/[\\_*]./g, "")
    .replace(/\[[^\]]*\]/g, (b) => (/^\[(h+|m+|s+)\]$/i.test(b) ? "h" : ""))
    .replace(/E[+-]/gi, "");
  if (/general/i.test(t)) return false;
  return /[ymdhs年月日]/i.test(t);
}
