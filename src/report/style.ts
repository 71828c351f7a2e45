/** Colours shared by every output sheet, so classes look the same everywhere. */
export const CLASS_COLOURS: Record<string, string> = {
  A: "#C6EFCE",
  B: "#FFEB9C",
  C: "#F4CCCC",
  core: "#C6EFCE",
  value: "#DDEBF7",
  potential: "#FFEB9C",
  low: "#F4CCCC",
};

export const TOTAL_ROW = { bold: true, fill: "#F2F2F2" } as const;
export const INPUT_CELL = { fill: "#FFF2CC", locked: false } as const;
export const TAB_COLOUR = "#1F4E79";
