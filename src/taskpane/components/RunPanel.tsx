/**
 * Step 4: the Run button, visible progress through read → compute → write and, within compute,
 * each analysis (announced to screen readers through a polite live region), cancel, and
 * "undo last run".
 */
import * as React from "react";
import { Button, Field, ProgressBar, Tooltip, makeStyles, tokens, mergeClasses } from "@fluentui/react-components";
import { useI18n } from "../../i18n/react";
import { STEPS, type AnalysisInfo, type Step, type StepDetail } from "../state/types";
import { Section } from "./Section";

const useStyles = makeStyles({
  buttons: { display: "flex", flexWrap: "wrap", columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalS },
  steps: { margin: 0, paddingLeft: tokens.spacingHorizontalXL, display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXS },
  step: { color: tokens.colorNeutralForeground3 },
  current: { color: tokens.colorNeutralForeground1, fontWeight: tokens.fontWeightSemibold },
  done: { color: tokens.colorPaletteGreenForeground1 },
  status: { minHeight: "1.5em" },
});

export interface RunPanelProps {
  running: boolean;
  step: Step | null;
  stepsDone: Step[];
  /** Where the current step is (the engine's progress), and the analyses to name it by. */
  detail?: StepDetail | null;
  analyses?: AnalysisInfo[];
  /** Present when the running run can be stopped. */
  onCancel?: () => void;
  /** Label of the run button ("Run" or "Run <analysis>"). */
  runLabel: string;
  canRun: boolean;
  onRun(): void;
  undoSupported: boolean;
  canUndo: boolean;
  undoBusy: boolean;
  onUndo(): void;
  /** Seconds of the last finished run (null: none yet, or it stopped). */
  doneSeconds: number | null;
}

export function RunPanel(p: RunPanelProps) {
  const { t, pick } = useI18n();
  const s = useStyles();
  const index = p.step ? STEPS.indexOf(p.step) : -1;
  const d = p.running && p.step === "compute" ? p.detail : null;
  // Within compute the bar moves with the analyses: each takes an equal share of the step.
  const within = d && "analysis" in d ? (d.index + 0.5) / d.total : 0.5;
  const fraction = p.running ? (Math.max(0, index) + within) / STEPS.length : p.stepsDone.length / STEPS.length;
  const detailText = !d
    ? ""
    : "analysis" in d
      ? t("run.detail.analysis", { name: pick(p.analyses?.find((a) => a.id === d.analysis)?.label ?? { zh: d.analysis, en: d.analysis }), n: d.index + 1, total: d.total })
      : t(`run.detail.${d.phase}`);
  const stepText = p.step ? t("run.step.status", { n: index + 1, step: t(`run.step.${p.step}`) }) : "";
  const status = p.running
    ? p.step
      ? detailText
        ? `${stepText} · ${detailText}`
        : stepText
      : t("run.running")
    : p.doneSeconds !== null
      ? t("run.done", { seconds: p.doneSeconds })
      : "";
  const undoButton = (
    <Button onClick={p.onUndo} disabled={p.undoSupported ? !p.canUndo || p.undoBusy || p.running : undefined} disabledFocusable={!p.undoSupported}>
      {t("undo.button")}
    </Button>
  );
  return (
    <Section title={t("run.title")} testId="run">
      <div className={s.buttons}>
        <Button appearance="primary" onClick={p.onRun} disabled={!p.canRun || p.running}>
          {p.running ? t("run.running") : p.runLabel}
        </Button>
        {p.running && p.onCancel && <Button onClick={p.onCancel}>{t("run.cancel")}</Button>}
        {p.undoSupported ? (
          undoButton
        ) : (
          <Tooltip content={t("undo.unavailable")} relationship="description">
            {undoButton}
          </Tooltip>
        )}
      </div>
      {(p.running || p.stepsDone.length > 0) && (
        <>
          <Field label={t("run.title")} validationState="none">
            <ProgressBar value={fraction} max={1} thickness="large" aria-valuetext={status} />
          </Field>
          <ol className={s.steps}>
            {STEPS.map((st) => {
              const done = p.stepsDone.includes(st);
              const current = p.running && st === p.step;
              return (
                <li key={st} className={mergeClasses(s.step, done && s.done, current && s.current)} aria-current={current ? "step" : undefined}>
                  {done ? "✓ " : current ? "… " : ""}
                  {t(`run.step.${st}`)}
                </li>
              );
            })}
          </ol>
        </>
      )}
      <div role="status" aria-live="polite" aria-atomic="true" className={s.status} data-testid="run-status">
        {status}
      </div>
    </Section>
  );
}
