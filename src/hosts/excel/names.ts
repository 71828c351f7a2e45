/**
 * Sheet names Excel accepts: no [ ] : * ? / \, no leading or trailing apostrophe, at most 31
 * characters, unique without regard to case. The same rules as the .xlsx host
 * (src/hosts/xlsx/write.ts), so that both hosts name the sheets of a patch alike.
 */

export function validSheetName(n: string): string {
  let s = n.replace(/[[\]:*?/\\]/g, "_").replace(/^'+|'+$/g, "");
  if (!s.trim()) s = "Sheet";
  return s.length > 31 ? s.slice(0, 31) : s;
}

/** A valid name not in `takenLower` (lower-cased names), which it is added to. */
export function uniqueSheetName(base: string, takenLower: Set<string>): string {
  let name = validSheetName(base);
  let k = 2;
  while (takenLower.has(name.toLowerCase())) {
    const suffix = ` (${k++})`;
    name = validSheetName(base).slice(0, 31 - suffix.length) + suffix;
  }
  takenLower.add(name.toLowerCase());
  return name;
}

/** A table name Excel accepts (letters, digits, _ . \, not a cell reference); same rule as the .xlsx host. */
export function validTableName(wanted: string): string {
  let n = wanted.replace(/[^\p{L}\p{N}_.\\]/gu, "_");
  if (!/^[\p{L}_\\]/u.test(n)) n = "T_" + n;
  if (/^[A-Za-z]{1,3}\d+$/.test(n) || /^[RrCc]$/.test(n) || /^[Rr]\d*[Cc]\d*$/.test(n)) n = "T_" + n;
  return n.slice(0, 255);
}
