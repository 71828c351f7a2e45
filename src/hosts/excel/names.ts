/**
 * Table names for the Excel host. Sheet-name rules (≤ 31 characters, compared without regard
 * to case) live in report/ownership.ts, shared by both hosts.
 */

/** A table name Excel accepts (letters, digits, _ . \, not a cell reference); same rule as the .xlsx host. */
export function validTableName(wanted: string): string {
  let n = wanted.replace(/[^\p{L}\p{N}_.\\]/gu, "_");
  if (!/^[\p{L}_\\]/u.test(n)) n = "T_" + n;
  if (/^[A-Za-z]{1,3}\d+$/.test(n) || /^[RrCc]$/.test(n) || /^[Rr]\d*[Cc]\d*$/.test(n)) n = "T_" + n;
  return n.slice(0, 255);
}
