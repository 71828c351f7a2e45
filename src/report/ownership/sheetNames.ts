/** Sheet names, as Excel compares them: without regard to case, at most 31 characters. */

const MAX_SHEET_NAME = 31;

/** Sheet names Excel accepts: ≤ 31 characters, none of []:*?/\, no leading/trailing apostrophe. */
export function validSheetName(n: string): string {
  let s = n.replace(/[[\]:*?/\\]/g, "_").replace(/^'+|'+$/g, "");
  if (!s.trim()) s = "Sheet";
  return s.length > MAX_SHEET_NAME ? s.slice(0, MAX_SHEET_NAME) : s;
}

/** The key under which Excel compares sheet names (case-insensitive). */
export function sheetKey(n: string): string {
  return n.toLowerCase();
}

export function sameSheetName(a: string, b: string): boolean {
  return sheetKey(a) === sheetKey(b);
}

/** A valid name whose key is not in `takenKeys` (see sheetKey); the name's key is added. */
export function uniqueSheetName(base: string, takenKeys: Set<string>): string {
  let name = validSheetName(base);
  let k = 2;
  while (takenKeys.has(sheetKey(name))) {
    const suffix = ` (${k++})`;
    name = validSheetName(base).slice(0, MAX_SHEET_NAME - suffix.length) + suffix;
  }
  takenKeys.add(sheetKey(name));
  return name;
}
