/**
 * Office.js errors → a message a user can act on, in English and Simplified Chinese.
 * Users never see the console, and never a stack trace: the task pane shows `message` or
 * `messageZh` (by display language) and may show `code` small, for support.
 */

export interface UserMessage {
  /** Office.js error code (e.g. "ItemNotFound"), or "Unknown". */
  code: string;
  message: string;
  messageZh: string;
}

/** An error the Excel host raises itself, already phrased for the user. */
export class ExcelHostError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly messageZh: string,
  ) {
    super(message);
    this.name = "ExcelHostError";
  }
}

const MESSAGES: Record<string, [string, string]> = {
  RequestPayloadSizeLimitExceeded: [
    "The data is too large to send to Excel in one go. Try again; if it keeps failing, run TierPlan on fewer rows or use the desktop version of Excel.",
    "一次发送给 Excel 的数据过大。请重试；若仍失败，请减少行数或改用桌面版 Excel。",
  ],
  ResponsePayloadSizeLimitExceeded: [
    "The sheet is too large to read from Excel in one go. Try again; if it keeps failing, remove unused rows and columns or use the desktop version of Excel.",
    "一次从 Excel 读取的数据过大。请重试；若仍失败，请删除未使用的行和列，或改用桌面版 Excel。",
  ],
  RangeExceedsLimit: [
    "The range is larger than Excel allows in one operation (5,000,000 cells). Remove unused rows and columns and try again.",
    "区域超出 Excel 单次操作的上限（5,000,000 个单元格）。请删除未使用的行和列后重试。",
  ],
  InvalidArgument: [
    "Excel rejected a value TierPlan tried to write. Check the sheet names and data for unusual characters, then try again.",
    "Excel 拒绝了 TierPlan 写入的某个值。请检查工作表名称和数据中是否有特殊字符，然后重试。",
  ],
  ItemNotFound: [
    "A sheet or range TierPlan needs was not found: it may have been renamed or deleted while TierPlan was running. Run TierPlan again.",
    "找不到 TierPlan 需要的工作表或区域：可能在运行过程中被重命名或删除。请重新运行 TierPlan。",
  ],
  ItemAlreadyExists: [
    "A sheet or table with the same name already exists. Rename it and run TierPlan again.",
    "已存在同名的工作表或表格。请重命名后重新运行 TierPlan。",
  ],
  AccessDenied: [
    "Excel refused the change: the sheet or workbook is protected, or the file is read-only. Unprotect it (Review › Unprotect Sheet) and try again.",
    "Excel 拒绝了修改：工作表或工作簿受保护，或文件为只读。请取消保护（审阅 › 撤消工作表保护）后重试。",
  ],
  InvalidOperation: [
    "Excel could not carry out the operation in the workbook's current state. Close any open dialogs and try again.",
    "Excel 无法在工作簿当前状态下执行该操作。请关闭打开的对话框后重试。",
  ],
  InvalidOperationInCellEditMode: [
    "Excel is in cell edit mode. Press Enter or Esc to finish editing the cell, then try again.",
    "Excel 正处于单元格编辑状态。请按 Enter 或 Esc 结束编辑后重试。",
  ],
  InsertDeleteConflict: [
    "The change conflicts with a table, merged cells or a filter on the sheet. Remove the conflict and try again.",
    "该修改与工作表上的表格、合并单元格或筛选冲突。请解除冲突后重试。",
  ],
  GeneralException: [
    "Excel reported an internal error. Save your work, then try again.",
    "Excel 报告了内部错误。请先保存工作，然后重试。",
  ],
  ApiNotFound: [
    "This version of Excel lacks a feature TierPlan needs. Update Office (Excel 2019 or later, or Microsoft 365).",
    "此版本的 Excel 缺少 TierPlan 需要的功能。请更新 Office（Excel 2019 或更高版本，或 Microsoft 365）。",
  ],
  RequestAborted: [
    "The request to Excel was interrupted. Try again.",
    "对 Excel 的请求被中断。请重试。",
  ],
  Conflict: [
    "Someone else changed the workbook at the same time. Try again.",
    "其他人同时修改了工作簿。请重试。",
  ],
  PropertyNotLoaded: [
    "TierPlan hit an internal error while reading the workbook. Please report it.",
    "TierPlan 读取工作簿时发生内部错误。请反馈此问题。",
  ],
};

const UNKNOWN: [string, string] = ["Excel reported an unexpected error. Try again.", "Excel 报告了意外错误。请重试。"];

/** Map any thrown value to a user message; the code is kept, the stack never shown. */
export function describeExcelError(error: unknown): UserMessage {
  if (error instanceof ExcelHostError) return { code: error.code, message: error.message, messageZh: error.messageZh };
  const code = typeof (error as { code?: unknown })?.code === "string" ? ((error as { code: string }).code) : "Unknown";
  const [message, messageZh] = MESSAGES[code] ?? UNKNOWN;
  return { code, message, messageZh };
}
