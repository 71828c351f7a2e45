// Ribbon commands (FunctionFile = commands.html). Placeholder: the lead wires "Re-run last"
// to the pipeline; for now the handler only signals completion so the ribbon button does not spin.

function rerunLast(event: Office.AddinCommands.Event): void {
  event.completed();
}

Office.onReady(() => {
  Office.actions.associate("rerunLast", rerunLast);
});
