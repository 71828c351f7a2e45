/**
 * Ribbon commands (FunctionFile = commands.html). "Re-run last" runs TierPlan again on the
 * open workbook with the settings of the last run, as the task pane stored them in the
 * document's settings (the mapping, period, month, as-of day and analysis). Without a stored
 * run it uses the defaults, like a first run. The outcome is stored under
 * `tierplan.lastRerun`, which the task pane can show; a function command has no UI of its own.
 */
import { detectLang } from "../i18n";
import { SETTINGS } from "../taskpane/services/EngineHost";
import type { LastRun } from "../taskpane/state/useTierPlan";
import { officeSettings } from "../taskpane/settings";

export interface RerunOutcome {
  at: string;
  ok: boolean;
  code?: string;
  message?: string;
  messageZh?: string;
}

export async function rerunLast(event: Office.AddinCommands.Event): Promise<void> {
  const at = new Date().toISOString();
  const settings = officeSettings();
  let outcome: RerunOutcome;
  try {
    await settings.refresh();
    const [{ createOfficeHost }, engine] = await Promise.all([import("../taskpane/services/OfficeHost"), import("../taskpane/services/engine")]);
    const host = createOfficeHost({ settings });
    try {
      const last = settings.get<LastRun>(SETTINGS.lastRun);
      const options = last?.options ?? { lang: detectLang(Office.context.displayLanguage) };
      const grids = await host.read();
      const out = engine.run(grids, { ...options, now: at }, last?.only);
      if (!out.failed) await host.apply(out.patch, at);
      outcome = out.failed
        ? { at, ok: false, code: "InputErrors", message: "The run stopped on input errors: open TierPlan to see them.", messageZh: "输入数据有错误，运行已停止：请打开 TierPlan 查看。" }
        : { at, ok: true };
    } catch (e) {
      const m = host.describeError(e);
      outcome = { at, ok: false, ...m };
    }
    await settings.set(SETTINGS.lastRerun, outcome).catch(() => undefined);
  } finally {
    event.completed();
  }
}

if (typeof Office !== "undefined") {
  void Office.onReady(() => {
    Office.actions.associate("rerunLast", rerunLast);
  });
}

// Older Office builds look the function up by its global name.
(globalThis as unknown as Record<string, unknown>).rerunLast = rerunLast;
