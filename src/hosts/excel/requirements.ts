/**
 * Requirement-set detection. TierPlan's manifest declares ExcelApi 1.8 (Office 2019); newer
 * calls (e.g. the native funnel chart, ExcelApi 1.9) are feature-detected, never assumed.
 */

/** Same contract as `Office.context.requirements.isSetSupported`. */
export type IsSetSupported = (set: string, version: string) => boolean;

/** Asks Office when office.js is loaded; answers false everywhere else (tests, CLI). */
const officeIsSetSupported: IsSetSupported = (set, version) => {
  try {
    return typeof Office !== "undefined" && !!Office.context?.requirements?.isSetSupported(set, version);
  } catch {
    return false;
  }
};

/** The ExcelApi version the manifest requires: Office will not load TierPlan below it. */
const MINIMUM_EXCEL_API = "1.8";

function versionAtLeast(have: string, need: string): boolean {
  const a = have.split(".").map(Number);
  const b = need.split(".").map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x > y;
  }
  return true;
}

/**
 * What the host uses when the caller passes no detector: everything up to the manifest's
 * minimum is there by construction; anything newer is asked of Office (false outside Office).
 */
export const defaultIsSetSupported: IsSetSupported = (set, version) =>
  (set === "ExcelApi" && versionAtLeast(MINIMUM_EXCEL_API, version)) || officeIsSetSupported(set, version);
