/**
 * EngineHost for an .xlsx file opened on the standalone page. The file is read and written in
 * this browser with the .xlsx host (src/hosts/xlsx), loaded on demand so that it stays out of
 * the first-load bundle. Nothing is sent anywhere. Undo is the .xlsx host's (the snapshot the
 * last run stored in the workbook), so it also works on a result file opened again later.
 */
import type { WorkbookPatch } from "../../report/patch";
import { localSettings } from "../settings";
import type { ApplyOutcome, EngineHost, SettingsStore, UserError } from "./EngineHost";

const loadXlsx = () => Promise.all([import("../../hosts/xlsx/read"), import("../../hosts/xlsx/write")]);

export interface FileHost extends EngineHost {
  readonly fileName: string;
}

function resultFileName(name: string): string {
  const base = name.replace(/\.(xlsx|xlsm)$/i, "");
  return `${base}-tierplan.xlsx`;
}

export function createFileHost(fileName: string, bytes: Uint8Array, settings: SettingsStore = localSettings(fileName)): FileHost {
  let current = bytes;
  let changed = false;
  return {
    kind: "file",
    fileName,
    settings,
    async read() {
      const [{ readWorkbookAsync }] = await loadXlsx();
      return readWorkbookAsync(current);
    },
    async apply(patch: WorkbookPatch, writtenAt: string): Promise<ApplyOutcome> {
      const [, { applyPatchToXlsx }] = await loadXlsx();
      const out = applyPatchToXlsx(current, patch, { writtenAt });
      current = out.bytes;
      changed = true;
      return { createdUserSheets: out.plan.createUserSheets.map((s) => s.name), skippedUserSheets: out.plan.skippedUserSheets };
    },
    undoSupported: true,
    async undoLastRun() {
      const [[, { undoLastRunXlsx }], { NothingToUndoError }] = await Promise.all([loadXlsx(), import("../../report/ownership")]);
      try {
        current = undoLastRunXlsx(current, { writtenAt: new Date().toISOString() }).bytes;
        changed = true;
        return true;
      } catch (e) {
        if (e instanceof NothingToUndoError) return false;
        throw e;
      }
    },
    describeError(e: unknown): UserError {
      const x = e as { code?: unknown; message?: unknown; messageZh?: unknown } | null;
      if (x && typeof x.messageZh === "string" && typeof x.message === "string") {
        return { code: typeof x.code === "string" ? x.code : "Unknown", message: x.message, messageZh: x.messageZh };
      }
      return {
        code: "Unknown",
        message: "TierPlan hit an unexpected error on this file. Check that it is an .xlsx workbook and try again.",
        messageZh: "TierPlan 处理此文件时发生意外错误。请确认它是 .xlsx 工作簿后重试。",
      };
    },
    bytes: () => current,
    adoptBytes(bytes: Uint8Array) {
      current = bytes;
      changed = true;
    },
    download: () => (changed ? { bytes: current, fileName: resultFileName(fileName) } : null),
  };
}
