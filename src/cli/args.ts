/**
 * Command-line parsing for `tierplan` (SPEC §7), on node:util's parseArgs. Wrong usage is
 * exit code 2 with a short usage text, never a stack trace.
 */
import { parseArgs } from "node:util";
import type { RunOptions } from "../pipeline/options";

export type Command =
  /** `inputs`: every workbook or folder named (read as one ledger); `input` is the first, whose sheets the result keeps. */
  | { kind: "run"; input: string; inputs: string[]; out?: string; json?: string; options: RunOptions }
  | { kind: "plan"; input: string; out: string; month: string; options: RunOptions }
  | { kind: "init"; input: string; out: string }
  | { kind: "undo"; input: string; out: string }
  | { kind: "help" };

export class UsageError extends Error {}

export const USAGE = `Usage:
  tierplan run  <workbook.xlsx | folder> [more.xlsx ...] [--out <result.xlsx>] [--json <summary.json>]
                [--as-of YYYY-MM-DD] [--period YYYY-MM..YYYY-MM] [--month YYYY-MM]
                [--map field=Header ...] [--map sales.field=Header] [--map sales=Sheet] [--lang zh|en]
                (several files or a folder: their sales sheets are read as one ledger;
                 the result is the first workbook plus TierPlan's sheets)
                [--cards A | VKA,V1 | C0001,C0002]   (profile cards; A = the A/VKA accounts)
  tierplan plan <workbook.xlsx> --month YYYY-MM --out <plan.xlsx>
  tierplan init <workbook.xlsx> --out <with-policy.xlsx>
  tierplan undo <result.xlsx> --out <file.xlsx>
                (restores TierPlan's outputs as they were before the last run)

Exit codes: 0 done (warnings allowed), 1 input errors stopped the run, 2 wrong usage.`;

export function parseCommand(argv: string[]): Command {
  if (argv.length === 0 || argv[0] === "--help" || argv[0] === "-h" || argv[0] === "help") return { kind: "help" };
  const [cmd, ...rest] = argv;
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      strict: true,
      options: {
        out: { type: "string", short: "o" },
        json: { type: "string" },
        "as-of": { type: "string" },
        period: { type: "string" },
        month: { type: "string" },
        map: { type: "string", multiple: true },
        lang: { type: "string" },
        cards: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: "help" };
  if (positionals.length === 0) throw new UsageError("no workbook given");
  if (positionals.length > 1 && cmd !== "run") throw new UsageError(`one workbook expected, got ${positionals.length}`);
  const input = positionals[0];
  const map: Record<string, string> = {};
  for (const m of values.map ?? []) {
    const eq = m.indexOf("=");
    if (eq <= 0 || eq === m.length - 1) throw new UsageError(`--map expects field=Header, got "${m}"`);
    map[m.slice(0, eq).trim()] = m.slice(eq + 1).trim();
  }
  if (values.lang && values.lang !== "zh" && values.lang !== "en") throw new UsageError(`--lang is zh or en, got "${values.lang}"`);
  if (values.month && !/^\d{4}-\d{1,2}$/.test(values.month)) throw new UsageError(`--month expects YYYY-MM, got "${values.month}"`);
  if (values["as-of"] && !/^\d{4}-\d{1,2}-\d{1,2}$/.test(values["as-of"])) throw new UsageError(`--as-of expects YYYY-MM-DD, got "${values["as-of"]}"`);
  if (values.period && !/^\d{4}-\d{1,2}\s*\.\.\s*\d{4}-\d{1,2}$/.test(values.period)) throw new UsageError(`--period expects YYYY-MM..YYYY-MM, got "${values.period}"`);
  const options: RunOptions = {
    asOf: values["as-of"],
    period: values.period,
    month: values.month,
    map: map as RunOptions["map"],
    lang: (values.lang as "zh" | "en" | undefined) ?? undefined,
  };
  if (values.cards !== undefined) {
    const list = values.cards.split(/[,，、\s]+/).map((x) => x.trim()).filter(Boolean);
    options.cards = list.length ? list : ["A"];
  }
  switch (cmd) {
    case "run":
      if (positionals.length > 1 && !values.out) throw new UsageError("several workbooks need --out <result.xlsx>");
      return { kind: "run", input, inputs: positionals, out: values.out, json: values.json, options };
    case "plan":
      if (!values.month) throw new UsageError("plan needs --month YYYY-MM");
      if (!values.out) throw new UsageError("plan needs --out <plan.xlsx>");
      return { kind: "plan", input, out: values.out, month: values.month, options };
    case "init":
      if (!values.out) throw new UsageError("init needs --out <with-policy.xlsx>");
      return { kind: "init", input, out: values.out };
    case "undo":
      if (!values.out) throw new UsageError("undo needs --out <file.xlsx>");
      return { kind: "undo", input, out: values.out };
    default:
      throw new UsageError(`unknown command "${cmd}" (run, plan, init, undo)`);
  }
}
