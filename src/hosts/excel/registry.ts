/**
 * The registry sheet in the open workbook (report/ownership/storage.ts for its layout). A run
 * writes only the index (column A) and its own outputs column, and clears the columns of runs
 * that left the history; the other runs' outputs stay where they are, unread and unwritten, so
 * a history of six runs costs a run no more round trips than one.
 */
import { REGISTRY_HEADERS, REGISTRY_SHEET, chunks, indexText, type RegistryUpdate } from "../../report/ownership";
import { writeRect } from "./cells";
import { OP_BYTES } from "./chunks";
import type { SheetEnv } from "./sheets";

function textColumn(col: number, text: string) {
  const values = [REGISTRY_HEADERS[col] ?? REGISTRY_HEADERS[4], ...chunks(text)].map((v) => [v]);
  return { top: 0, left: col, values, formats: values.map(() => ["@"]), styles: values.map(() => [undefined]) };
}

/**
 * Queue `update` on the registry sheet: delete it, or write it (adding it, very hidden, when
 * the workbook has none). Returns the sheet, or null when it was removed.
 * @param existing the registry sheet's actual name, if the workbook has one
 * @param usedRows rows the existing sheet uses (what clearing a column must cover)
 */
export async function queueRegistryUpdate(
  env: SheetEnv,
  worksheets: Excel.WorksheetCollection,
  existing: string | undefined,
  usedRows: number,
  update: RegistryUpdate,
): Promise<Excel.Worksheet | null> {
  const b = env.batcher;
  if (update.remove) {
    if (existing) {
      await b.reserve(OP_BYTES);
      worksheets.getItem(existing).delete();
    }
    return null;
  }
  let sheet: Excel.Worksheet;
  if (existing) sheet = worksheets.getItem(existing);
  else {
    await b.reserve(2 * OP_BYTES);
    sheet = worksheets.add(REGISTRY_SHEET);
    sheet.visibility = "VeryHidden";
  }
  const rewrite = [0, ...(update.outputs ? [update.outputs.col] : [])];
  if (existing && usedRows > 0) {
    for (const col of new Set([...rewrite, ...update.clearCols])) {
      await b.reserve(OP_BYTES);
      sheet.getRangeByIndexes(0, col, usedRows, 1).clear();
    }
  }
  await writeRect(b, sheet, textColumn(0, indexText(update.index)));
  if (update.outputs) await writeRect(b, sheet, textColumn(update.outputs.col, update.outputs.text));
  return sheet;
}
