/**
 * `tierplan`: the engine of the add-in on .xlsx files (SPEC §7). Reads the workbook, runs
 * the same pipeline the task pane runs, writes the result workbook (the input's sheets
 * unchanged, plus TierPlan's outputs) and optionally the JSON summary.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import { WorkbookReadError, readWorkbookAsync } from "../hosts/xlsx/read";
import { WriteCheckError, applyPatchToXlsx, undoLastRunXlsx } from "../hosts/xlsx/write";
import { checkSignature, packageKind, type PackageKind } from "../hosts/xlsx/opc";
import { NothingToUndoError } from "../report/ownership";
import type { Issue } from "../domain/issues";
import { runPipeline } from "../pipeline/run";
import { emptyPatch } from "../report/patch";
import { policyTemplateSheets } from "../report/policyTemplate";
import { planTemplatePatch } from "../analyses/planTemplate";
import { describeSheet } from "../sheets/detect";
import { intakeSummary } from "../sheets/detect/summary";
import type { WorkbookGrids } from "../sheets/grid";
import { Command, USAGE, UsageError, parseCommand } from "./args";
import { useNodeZlib } from "./nodeDeflate";
import { writeUtf8 } from "./textFile";

// The CLI runs only in Node: use its native zlib for the packages (src/report/deflate.ts).
useNodeZlib();

export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /** Environment language ("zh" when LANG starts with zh). */
  lang: "zh" | "en";
}

function formatIssue(i: Issue, lang: "zh" | "en", firstFile?: string): string {
  // With several files, a sheet of the first one gets its file name too (the others carry it already).
  const sheet = i.sheet && firstFile && !i.sheet.includes(FILE_SEP) ? `${firstFile}${FILE_SEP}${i.sheet}` : i.sheet;
  const where = sheet ? `${sheet}${i.cell ? "!" + i.cell : ""}: ` : "";
  const sev = lang === "zh" ? { error: "错误", warning: "警告", info: "提示" }[i.severity] : i.severity;
  return `${sev} ${where}${lang === "zh" ? i.messageZh ?? i.message : i.message}`;
}

/**
 * The JSON summary as text. No NaN or Infinity reaches a consumer: JSON.stringify writes a
 * non-finite number as null (ECMA-262 SerializeJSONProperty), never as a string. A replacer
 * that did the same by hand also took V8 off its fast path (+20–40 ms on the 26 MB summary of
 * the 500,000-line bench).
 */
export function summaryJson(value: unknown): string {
  return JSON.stringify(value, null, 2) + "\n";
}

/** Write atomically: a crash mid-write never leaves a half file, and --out may name the input. */
async function writeAtomic(file: string, data: Uint8Array | string): Promise<void> {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    if (typeof data === "string") await writeUtf8(tmp, data);
    else await fs.writeFile(tmp, data);
    await fs.rename(tmp, file);
  } catch (e) {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    throw e;
  }
}

async function readInput(file: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await fs.readFile(file));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(code === "ENOENT" ? `File not found: ${file}` : `Cannot read ${file} (${code})`, code === "ENOENT" ? `找不到文件：${file}` : `无法读取 ${file}（${code}）`);
  }
}

class InputError extends Error {
  constructor(message: string, readonly messageZh: string) {
    super(message);
  }
}

/**
 * Between a file's name and its sheet's in a ledger of several files: `feb.xlsx/出库明细`.
 * Excel forbids "/" in sheet names, so the joined name can never be a real sheet's.
 */
const FILE_SEP = "/";

/** The workbooks named on the command line: files as given, folders as their .xlsx files (not results, not Excel's ~$ lock files). */
async function expandInputs(inputs: string[], out: string | undefined): Promise<string[]> {
  const files: string[] = [];
  for (const input of inputs) {
    const stat = await fs.stat(input).catch(() => null);
    if (stat?.isDirectory()) {
      const names = (await fs.readdir(input)).filter((n) => /\.xlsx$/i.test(n) && !n.startsWith("~$") && !/\.tierplan\.xlsx$/i.test(n)).sort();
      for (const n of names) if (!out || path.resolve(input, n) !== path.resolve(out)) files.push(path.join(input, n));
    } else files.push(input);
  }
  if (!files.length) throw new InputError(`No .xlsx workbook in ${inputs.join(", ")}`, `${inputs.join("、")} 中没有 .xlsx 工作簿`);
  return files;
}

/** One ledger of several workbooks: the first keeps its sheet names; the others' sheets are named `file/sheet`. */
function joinWorkbooks(first: WorkbookGrids, others: { file: string; grids: WorkbookGrids }[]): WorkbookGrids {
  return { sheets: [...first.sheets, ...others.flatMap((o) => o.grids.sheets.map((s) => ({ ...s, name: `${path.basename(o.file)}${FILE_SEP}${s.name}`, linesOnly: true })))] };
}

/** The result's default name: beside the input, of the input's kind (.xlsm stays .xlsm). */
function defaultOut(input: string, kind: PackageKind): string {
  const ext = path.extname(input);
  return path.join(path.dirname(input), `${path.basename(input, ext)}.tierplan.${kind === "macro" ? "xlsm" : "xlsx"}`);
}

/**
 * The output's extension must match what the package is: Excel refuses to open an .xlsx that
 * declares macros (or an .xlsm that does not). A macro workbook is not converted to .xlsx: that
 * would mean deleting the user's VBA project from their result without being asked; the user
 * is told to keep .xlsm (or to save a macro-free copy in Excel first).
 */
function checkOutKind(out: string, kind: PackageKind): void {
  const ext = path.extname(out).toLowerCase();
  if (kind === "macro" && (ext === ".xlsx" || ext === ".xltx")) {
    throw new InputError(
      `The workbook contains macros (.xlsm) and TierPlan keeps them, so the result cannot be saved as ${ext}: Excel would refuse to open it. Use --out with an .xlsm name, or save a copy without macros as .xlsx in Excel first.`,
      `该工作簿包含宏（.xlsm），TierPlan 会保留宏，因此结果不能保存为 ${ext}（Excel 将无法打开）。请用 .xlsm 文件名作为 --out，或先在 Excel 中另存一份不含宏的 .xlsx。`,
    );
  }
  if (kind === "plain" && (ext === ".xlsm" || ext === ".xltm")) {
    throw new InputError(
      `The workbook has no macros, so the result cannot be saved as ${ext}: Excel would refuse to open it. Use --out with an .xlsx name.`,
      `该工作簿不含宏，结果不能保存为 ${ext}（Excel 将无法打开）。请用 .xlsx 文件名作为 --out。`,
    );
  }
}

async function execute(cmd: Command, io: Io, now = new Date().toISOString()): Promise<number> {
  const say = (en: string, zh: string) => io.stderr(io.lang === "zh" ? zh : en);
  if (cmd.kind === "help") {
    io.stdout(USAGE);
    return 0;
  }
  // `run` may name a folder: its workbooks are read below.
  const folder = cmd.kind === "run" && (await fs.stat(cmd.input).catch(() => null))?.isDirectory() === true;
  const bytes = folder ? new Uint8Array(0) : await readInput(cmd.input);
  if (!folder) checkSignature(bytes);
  const kind: PackageKind = folder ? "plain" : packageKind(bytes);
  // Refused before any work: an output name Excel would not open.
  if (!folder) checkOutKind(cmd.kind === "run" ? cmd.out ?? defaultOut(cmd.input, kind) : cmd.out, kind);

  if (cmd.kind === "undo") {
    const { bytes: out, plan } = undoLastRunXlsx(bytes, { writtenAt: now });
    for (const i of plan.issues) io.stderr(formatIssue(i, io.lang));
    await writeAtomic(cmd.out, out);
    say(`The last TierPlan run was undone; written to ${cmd.out}`, `已撤销 TierPlan 上次运行，结果已写入 ${cmd.out}`);
    return 0;
  }
  const grids: WorkbookGrids = folder ? { sheets: [] } : await readWorkbookAsync(bytes);

  if (cmd.kind === "init") {
    const patch = emptyPatch();
    patch.userSheets = policyTemplateSheets();
    const { bytes: out, plan } = applyPatchToXlsx(bytes, patch, { writtenAt: now, grids });
    await writeAtomic(cmd.out, out);
    for (const s of plan.skippedUserSheets) say(`Policy sheet ${s} exists already: kept as it is`, `政策表 ${s} 已存在：保持不变`);
    say(`Policy sheets written to ${cmd.out}`, `政策表已写入 ${cmd.out}`);
    return 0;
  }

  let input = grids;
  let firstFile: string | undefined;
  let files = [cmd.input];
  if (cmd.kind === "run") {
    files = await expandInputs(cmd.inputs, cmd.out);
    if (files.length > 1 || files[0] !== cmd.input) {
      firstFile = path.basename(files[0]);
      const others: { file: string; grids: WorkbookGrids }[] = [];
      const base = files[0] === cmd.input ? grids : await readWorkbookAsync(await readInput(files[0]));
      say(`[1/${files.length}] ${files[0]}: ${base.sheets.length} sheets`, `[1/${files.length}] ${files[0]}：${base.sheets.length} 张工作表`);
      for (let k = 1; k < files.length; k++) {
        const g = await readWorkbookAsync(await readInput(files[k]));
        say(`[${k + 1}/${files.length}] ${files[k]}: ${g.sheets.length} sheets`, `[${k + 1}/${files.length}] ${files[k]}：${g.sheets.length} 张工作表`);
        others.push({ file: files[k], grids: g });
      }
      input = joinWorkbooks(base, others);
    }
  }
  const result = runPipeline(input, { ...cmd.options, lang: cmd.options.lang, now });
  // Say what was read before anything else: per sheet, its role and each field's column.
  for (const d of result.context.data.detection.sheets) {
    for (const line of describeSheet(d, io.lang)) io.stderr(firstFile && !d.sheet.includes(FILE_SEP) ? `${firstFile}${FILE_SEP}${line}` : line);
  }
  for (const i of result.issues) io.stderr(formatIssue(i, io.lang, firstFile));
  if (result.failed) return 1;

  if (cmd.kind === "plan") {
    const patch = planTemplatePatch(result.context, cmd.month);
    const { bytes: out, plan } = applyPatchToXlsx(bytes, patch, { writtenAt: now, grids });
    await writeAtomic(cmd.out, out);
    for (const s of plan.skippedUserSheets) say(`Sheet ${s} exists already: kept as it is`, `工作表 ${s} 已存在：保持不变`);
    say(`Plan templates for ${cmd.month} written to ${cmd.out}`, `${cmd.month} 月度计划模板已写入 ${cmd.out}`);
    return 0;
  }

  const baseBytes = files[0] === cmd.input ? bytes : await readInput(files[0]);
  const baseKind = files[0] === cmd.input ? kind : packageKind(baseBytes);
  const outFile = cmd.out ?? defaultOut(files[0], baseKind);
  checkOutKind(outFile, baseKind);
  const baseGrids = files[0] === cmd.input ? grids : await readWorkbookAsync(baseBytes);
  const { bytes: out, plan } = applyPatchToXlsx(baseBytes, result.patch, { writtenAt: now, grids: baseGrids });
  for (const i of plan.issues) io.stderr(formatIssue(i, io.lang));
  await writeAtomic(outFile, out);
  if (cmd.json) await writeAtomic(cmd.json, summaryJson({ ...result.summary, intake: { files, ...intakeSummary(result.context.data.detection) } }));
  const s = result.summary;
  io.stdout(
    io.lang === "zh"
      ? `完成：${s.customers.length} 个客户（A ${s.abc.A.count} / B ${s.abc.B.count} / C ${s.abc.C.count}），结果已写入 ${outFile}${cmd.json ? "，摘要 " + cmd.json : ""}`
      : `Done: ${s.customers.length} customers (A ${s.abc.A.count} / B ${s.abc.B.count} / C ${s.abc.C.count}), result written to ${outFile}${cmd.json ? ", summary " + cmd.json : ""}`,
  );
  return 0;
}

/** Entry point: never lets a stack trace reach the user. */
export async function main(argv: string[], io: Io): Promise<number> {
  let cmd: Command;
  try {
    cmd = parseCommand(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`tierplan: ${e.message}\n\n${USAGE}`);
      return 2;
    }
    throw e;
  }
  try {
    return await execute(cmd, io);
  } catch (e) {
    if (e instanceof InputError || e instanceof WorkbookReadError || e instanceof NothingToUndoError || e instanceof WriteCheckError) {
      const msg = e as InputError;
      io.stderr(`tierplan: ${io.lang === "zh" ? msg.messageZh ?? msg.message : msg.message}`);
      return 1;
    }
    const err = e as NodeJS.ErrnoException;
    if (err && typeof err.code === "string" && /^E[A-Z]+$/.test(err.code)) {
      io.stderr(`tierplan: ${io.lang === "zh" ? "无法写入文件" : "cannot write the output"} (${err.code}${err.path ? ": " + err.path : ""})`);
      return 1;
    }
    // An internal fault: say so plainly; the detail goes only where a developer asks for it.
    io.stderr(
      io.lang === "zh"
        ? "tierplan：内部错误，输入文件未被修改。请将此文件反馈给开发者（设置 TIERPLAN_DEBUG=1 可查看详情）。"
        : "tierplan: internal error; the input file was not changed. Please report it with this file (set TIERPLAN_DEBUG=1 for details).",
    );
    if (process.env.TIERPLAN_DEBUG) io.stderr(String(err?.stack ?? e));
    return 1;
  }
}

export function envLang(): "zh" | "en" {
  const l = process.env.TIERPLAN_LANG ?? process.env.LC_ALL ?? process.env.LC_MESSAGES ?? process.env.LANG ?? "";
  return /^zh/i.test(l) ? "zh" : "en";
}
