/**
 * Office.js errors reach the user as a bilingual message, never as a stack trace.
 */
import { ExcelHostError, applyPatch, describeExcelError } from "../../../src/hosts/excel";
import { createExcelDouble, DoubleError } from "../../excel-double";
import { samplePatch, userSheets } from "./fixtures";

const CODES = [
  "RequestPayloadSizeLimitExceeded",
  "ResponsePayloadSizeLimitExceeded",
  "RangeExceedsLimit",
  "InvalidArgument",
  "ItemNotFound",
  "ItemAlreadyExists",
  "AccessDenied",
  "InvalidOperation",
  "InvalidOperationInCellEditMode",
  "InsertDeleteConflict",
  "GeneralException",
  "ApiNotFound",
];

describe("describeExcelError", () => {
  test.each(CODES)("%s has its own English and Chinese message", (code) => {
    const m = describeExcelError(new DoubleError(code, "raw text from Excel"));
    expect(m.code).toBe(code);
    expect(m.message).not.toBe(describeExcelError({ code: "SomethingElse" }).message);
    expect(m.message).not.toMatch(/raw text|at |\n/);
    expect(m.messageZh).toMatch(/[\u4e00-\u9fff]/);
  });

  test("unknown errors and non-errors get a generic message, never a stack", () => {
    const e = new Error("boom");
    const m = describeExcelError(e);
    expect(m.code).toBe("Unknown");
    expect(m.message).not.toContain("boom");
    expect(m.message).not.toContain(String(e.stack).split("\n")[1]);
    expect(describeExcelError(undefined).code).toBe("Unknown");
    expect(describeExcelError("text").messageZh).toMatch(/[\u4e00-\u9fff]/);
  });

  test("the host's own errors keep their phrasing", () => {
    const m = describeExcelError(new ExcelHostError("ItemNotFound", "Sheet X is gone.", "工作表 X 不见了。"));
    expect(m).toEqual({ code: "ItemNotFound", message: "Sheet X is gone.", messageZh: "工作表 X 不见了。" });
  });
});

describe("errors from a real apply", () => {
  test("columns for a sheet that no longer exists: ItemNotFound naming the sheet, nothing written", async () => {
    const d = createExcelDouble({ sheets: userSheets().filter((s) => s.name !== "Customers") });
    const err = await applyPatch(d.context, samplePatch(), { writtenAt: "x", isSetSupported: d.isSetSupported }).catch((e) => e);
    const m = describeExcelError(err);
    expect(m.code).toBe("ItemNotFound");
    expect(m.message).toContain('"Customers"');
    expect(m.messageZh).toContain("Customers");
    expect(d.workbookState.sheetNames).toEqual(["Notes", "Archive"]);
  });

  test("a protected user sheet is refused before anything is written, with an instruction to unprotect", async () => {
    const d = createExcelDouble({ sheets: userSheets() });
    d.sheet("Customers").protection = { protected: true };
    const err = await applyPatch(d.context, samplePatch(), { writtenAt: "x", isSetSupported: d.isSetSupported }).catch((e) => e);
    const m = describeExcelError(err);
    expect(m.code).toBe("AccessDenied");
    expect(m.message).toMatch(/"Customers" is protected/);
    expect(m.messageZh).toMatch(/保护/);
    expect(d.workbookState.sheetNames).toEqual(["Customers", "Notes", "Archive"]);
  });

  test("Excel's own AccessDenied (a write refused mid-run) maps to the same instruction", () => {
    const m = describeExcelError(new DoubleError("AccessDenied", "The cell or chart you're trying to change is on a protected sheet."));
    expect(m.message).toMatch(/protected/);
  });

  test("a run Excel stops half way is still replaced by the next run (the registry is written first)", async () => {
    const d = createExcelDouble({ sheets: userSheets() });
    const broken = samplePatch();
    // Excel refuses the table style half way through the batch (it has no rollback).
    broken.sheets[0].blocks[0].table!.style = "NoSuchStyle";
    const err = await applyPatch(d.context, broken, { writtenAt: "x", isSetSupported: d.isSetSupported }).catch((e) => e);
    expect(describeExcelError(err).code).toBe("InvalidArgument");
    expect(d.workbookState.sheetNames).toContain("Tiers");

    await applyPatch(d.context, samplePatch(), { writtenAt: "y", isSetSupported: d.isSetSupported });
    expect(d.workbookState.sheetNames).toEqual(["Customers", "Notes", "Archive", "Tiers", "Funnel", "_tierplan"]);
    expect(d.sheet("Tiers").charts).toHaveLength(1);
  });
});
