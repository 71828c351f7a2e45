/**
 * What TierPlan agrees to read, checked from the ZIP's central directory before any part is
 * inflated (docs/RELIABILITY.md, "Hostile files"). A zip bomb (a part that inflates to
 * gigabytes), a directory that lies about sizes, a damaged part or a sheet that claims cells past
 * Excel's grid ends in a clear WorkbookReadError naming the part, never in an out-of-memory abort.
 *
 * Why these numbers: the 500,000-line bench (docs/PERFORMANCE.md) has a 156 MB sales sheet
 * compressed 6:1 and 2.2 MB of shared strings; an ERP export of the same lines with 30 columns
 * (单据编号, 价税合计, 税额, 收货地址…) is 540 MB of sheet XML, and at Excel's last row
 * (1,048,575 lines) 1.1 GB; Excel's own specifications cap a sheet at 1,048,576 rows × 16,384
 * columns and a workbook at 65,490 cell formats. Real spreadsheet XML compresses 5–30:1 (measured: openpyxl, XlsxWriter,
 * LibreOffice and Excel files in test/hosts/xlsx/otherTools.test.ts); a run of repeated bytes
 * reaches DEFLATE's ~1,030:1, so a 200:1 ratio on any part over 1 MiB tells bombs from sheets.
 */

/** Excel's grid (Excel specifications and limits): rows and columns per worksheet. */
export const MAX_ROWS = 1_048_576;
export const MAX_COLS = 16_384;

const MiB = 1024 * 1024;

/** Inflated size caps per kind of part, in bytes. */
const PART_LIMITS = {
  /**
   * A worksheet: Excel's full grid of a 30–40 column export. The reader streams it (zipRaw.ts
   * WHOLE_RESULT_MAX); the writer holds a sheet it edits whole, twice (in and out), which at
   * this size is about 3 GB, and every byte offset stays below 2^31.
   */
  worksheet: 1536 * MiB,
  sharedStrings: 256 * MiB,
  styles: 64 * MiB,
  /** [Content_Types].xml, relationship parts, the workbook part: small by nature. */
  package: 16 * MiB,
  /** Any other part (charts, images, pivot caches, VBA…): copied, rarely inflated. */
  other: 512 * MiB,
} as const;

/** The sum of every part's inflated size. */
const TOTAL_LIMIT = 2048 * MiB;
/** Inflated ÷ compressed size above which a part over RATIO_FLOOR bytes is taken for a bomb. */
const MAX_RATIO = 200;
const RATIO_FLOOR = 1 * MiB;
/** Shared strings and cell formats (cellXfs) a workbook may declare. */
export const MAX_SHARED_STRINGS = 5_000_000;
export const MAX_CELL_FORMATS = 65_490;

export type PartKind = keyof typeof PART_LIMITS;

/** The kind of a part, by its name (case-insensitive, as OPC names compare). */
function partKind(name: string): PartKind {
  const n = name.toLowerCase();
  if (/(^|\/)worksheets\/[^/]+\.xml$/.test(n)) return "worksheet";
  if (/(^|\/)sharedstrings\d*\.xml$/.test(n)) return "sharedStrings";
  if (/(^|\/)styles\d*\.xml$/.test(n)) return "styles";
  if (n === "[content_types].xml" || n.endsWith(".rels") || /(^|\/)workbook\d*\.xml$/.test(n)) return "package";
  return "other";
}

const KIND_EN: Record<PartKind, string> = { worksheet: "a worksheet", sharedStrings: "shared strings", styles: "styles", package: "a package part", other: "a part" };
const KIND_ZH: Record<PartKind, string> = { worksheet: "工作表", sharedStrings: "共享字符串", styles: "样式", package: "包部件", other: "部件" };

function sizeText(bytes: number): string {
  if (bytes >= 1024 * MiB) return `${(bytes / (1024 * MiB)).toFixed(1)} GB`;
  if (bytes >= MiB) return `${Math.round(bytes / MiB)} MB`;
  return `${Math.round(bytes / 1024)} KB`;
}

/** A limit broken: the message parts for WorkbookReadError (English, Chinese). */
export interface LimitBreach {
  en: string;
  zh: string;
}

/**
 * Check the directory's declared sizes of every entry against the caps, before inflating
 * anything. Returns the first breach, or null. The declared sizes are then enforced while
 * inflating (zipRaw.inflateEntry), so a directory that lies cannot get past them.
 */
export function checkDeclaredSizes(entries: { name: string; size: number; compressedSize: number; method: number }[]): LimitBreach | null {
  let total = 0;
  for (const e of entries) {
    const kind = partKind(e.name);
    const cap = PART_LIMITS[kind];
    if (e.size > cap) {
      return {
        en: `part ${e.name} inflates to ${sizeText(e.size)}, over TierPlan's limit of ${sizeText(cap)} for ${KIND_EN[kind]}`,
        zh: `部件 ${e.name} 解压后为 ${sizeText(e.size)}，超过 TierPlan 对${KIND_ZH[kind]}的上限 ${sizeText(cap)}`,
      };
    }
    if (e.method === 8 && e.size > RATIO_FLOOR && e.size > MAX_RATIO * Math.max(1, e.compressedSize)) {
      const ratio = Math.round(e.size / Math.max(1, e.compressedSize));
      return {
        en: `part ${e.name} is compressed ${ratio}:1 (${sizeText(e.compressedSize)} → ${sizeText(e.size)}), over TierPlan's limit of ${MAX_RATIO}:1: it looks like a zip bomb`,
        zh: `部件 ${e.name} 的压缩比为 ${ratio}:1（${sizeText(e.compressedSize)} → ${sizeText(e.size)}），超过 TierPlan 的上限 ${MAX_RATIO}:1，疑似压缩炸弹`,
      };
    }
    total += e.size;
  }
  if (total > TOTAL_LIMIT) {
    return {
      en: `the parts inflate to ${sizeText(total)} in all, over TierPlan's limit of ${sizeText(TOTAL_LIMIT)}`,
      zh: `各部件解压后共 ${sizeText(total)}，超过 TierPlan 的上限 ${sizeText(TOTAL_LIMIT)}`,
    };
  }
  return null;
}

/** A count over its cap (shared strings, cell formats): read.ts turns it into a WorkbookReadError. */
export class ReadLimitError extends Error {
  constructor(
    readonly en: string,
    readonly zh: string,
  ) {
    super(en);
  }
}

export function sharedStringsOverCap(): ReadLimitError {
  const n = MAX_SHARED_STRINGS.toLocaleString("en-US");
  return new ReadLimitError(`the shared strings hold more than ${n} entries, over TierPlan's limit`, `共享字符串超过 ${n} 条，超出 TierPlan 的上限`);
}

export function cellFormatsOverCap(count: number): ReadLimitError {
  const n = MAX_CELL_FORMATS.toLocaleString("en-US");
  return new ReadLimitError(
    `the styles declare ${count.toLocaleString("en-US")} cell formats, more than the ${n} Excel allows`,
    `样式中声明了 ${count.toLocaleString("en-US")} 个单元格格式，超过 Excel 允许的 ${n} 个`,
  );
}
