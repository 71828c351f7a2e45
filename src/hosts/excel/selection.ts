/**
 * Following the user's selection on one sheet (ExcelApi 1.7 Worksheet.onSelectionChanged,
 * within the manifest's 1.8 minimum): the task pane's profile card shows the customer of the
 * selected row. The handler gets the selection's address; its first row is the one shown.
 */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** 0-based row of the first cell of an address such as "B7", "B7:D9" or "'客户资料'!B7". */
function firstRowOf(address: string): number | null {
  const m = /(?:^|!)\$?[A-Z]{1,3}\$?(\d+)/.exec(address);
  return m ? Number(m[1]) - 1 : null;
}

export async function watchSheetSelection(run: ExcelRun, sheet: string, onSelect: (sheet: string, row: number) => void): Promise<() => void> {
  const handle = await run(async (context) => {
    const ws = context.workbook.worksheets.getItem(sheet);
    const h = ws.onSelectionChanged.add(async (e) => {
      const row = firstRowOf(e.address);
      if (row !== null) onSelect(sheet, row);
    });
    await context.sync();
    return h;
  });
  // A handler is removed through the context it was added with.
  return () => {
    handle.remove();
    void handle.context.sync().catch(() => undefined);
  };
}
