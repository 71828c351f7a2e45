/**
 * The report layer's table core; see columns.ts for the column record and an example,
 * fit.ts for the layout from content and the sheet setup, text.ts for the width measure.
 */
export { type Column, type ColumnFormat, type CodeFormat, type Label, type Lang, type TableSpec, type WidthRule, blockHeight, cellValue, noteBlock, pick, sideColumns, tableBlock } from "./columns";
export { fitPatch, fitSheet, LINE_HEIGHT } from "./fit";
export { displayWidth, formattedText } from "./text";
