/**
 * The task pane's only direct Office.js call besides the gateway (src/hosts/excel): select an
 * issue's cell so the user sees it. Takes a context so that it runs inside any `Excel.run`.
 */
export async function selectCell(context: Excel.RequestContext, sheet: string, cell: string): Promise<void> {
  const ws = context.workbook.worksheets.getItem(sheet);
  ws.activate();
  ws.getRange(cell).select();
  await context.sync();
}
