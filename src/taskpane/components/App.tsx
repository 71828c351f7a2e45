/**
 * The task pane: language switch, (standalone) file choice, then the four steps — sheets and
 * columns, policy sheets, period and analysis, run — and the results, issues and download.
 */
import * as React from "react";
import { Body1, Caption1, MessageBar, MessageBarBody, MessageBarTitle, Spinner, Title3, makeStyles, tokens } from "@fluentui/react-components";
import { I18nProvider, useI18n } from "../../i18n/react";
import { useTierPlan, type Controller, type ControllerDeps } from "../state/useTierPlan";
import type { CardQuery } from "../services/cards";
import { missingRequired, validateForm } from "../state/validate";
import { Download } from "./Download";
import { FileOpen } from "./FileOpen";
import { IssuesList } from "./IssuesList";
import { LanguageSwitch } from "./LanguageSwitch";
import { MappingStep } from "./MappingStep";
import { PlanTemplateAction } from "./PlanTemplateAction";
import { PolicyStep } from "./PolicyStep";
import { ProfileCardPanel } from "./ProfileCard";
import { ResultsView } from "./ResultsView";
import { RunOptions } from "./RunOptions";
import { RunPanel } from "./RunPanel";

// While a run goes, progress arrives many times a second: only the run panel's props change, so
// the heavier steps (Fluent selects, tables) skip those renders instead of blocking the pane.
const MappingStepM = React.memo(MappingStep);
const PolicyStepM = React.memo(PolicyStep);
const RunOptionsM = React.memo(RunOptions);
const ResultsViewM = React.memo(ResultsView);
const IssuesListM = React.memo(IssuesList);

const useStyles = makeStyles({
  root: {
    boxSizing: "border-box",
    maxWidth: "640px",
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalS,
  },
  header: { display: "flex", justifyContent: "space-between", alignItems: "flex-start", flexWrap: "wrap", rowGap: tokens.spacingVerticalS, columnGap: tokens.spacingHorizontalM },
  titles: { display: "flex", flexDirection: "column" },
});

export function App(deps: ControllerDeps) {
  const c = useTierPlan(deps);
  return (
    <I18nProvider lang={c.state.lang}>
      <Pane c={c} />
    </I18nProvider>
  );
}

function Pane({ c }: { c: Controller }) {
  const { t, lang, pick } = useI18n();
  const s = useStyles();
  const st = c.state;
  const busy = st.running || st.scanning || st.busy !== null;
  const errors = React.useMemo(() => validateForm(st.form), [st.form]);
  const createPolicy = React.useCallback(() => void c.createPolicy(), [c.createPolicy]);
  const canRun = c.hasHost && !!st.mapping && missingRequired(st.mapping).length === 0 && Object.keys(errors).length === 0 && !busy;
  const one = st.analyses.find((a) => a.id === st.form.only);
  return (
    <main className={s.root} lang={lang === "zh" ? "zh-CN" : "en"}>
      <header className={s.header}>
        <div className={s.titles}>
          <Title3 as="h1">{t("app.title")}</Title3>
          <Caption1>{t("app.subtitle")}</Caption1>
        </div>
        <LanguageSwitch lang={st.lang} onChange={c.setLang} />
      </header>
      <Body1>{t(st.hostKind === "excel" ? "host.excel" : "host.file")}</Body1>
      {st.hostKind === "file" && <FileOpen disabled={busy} fileName={st.fileName} onFile={(f) => void c.openFile(f)} />}
      {st.error && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>
            <MessageBarTitle>{t("run.error")}</MessageBarTitle>
            {lang === "zh" ? st.error.messageZh : st.error.message} <Caption1>{t("run.errorCode", { code: st.error.code })}</Caption1>
          </MessageBarBody>
        </MessageBar>
      )}
      {st.notice && (
        <MessageBar intent={st.notice.intent}>
          <MessageBarBody>{t(st.notice.key, st.notice.vars)}</MessageBarBody>
        </MessageBar>
      )}
      {st.scanning && <Spinner size="small" label={st.hostKind === "file" ? t("file.reading") : t("scan.busy")} />}
      {st.mapping && <MappingStepM mapping={st.mapping} disabled={busy} onSheet={c.changeSheet} onColumn={c.changeColumn} />}
      {st.policy && <PolicyStepM policy={st.policy} busy={st.busy === "policy"} disabled={busy} onCreate={createPolicy} />}
      {st.mapping && <RunOptionsM form={st.form} analyses={st.analyses} errors={errors} disabled={busy} onChange={c.setForm} />}
      {st.mapping && (
        <RunPanel
          running={st.running}
          step={st.step}
          stepsDone={st.stepsDone}
          detail={st.detail}
          analyses={st.analyses}
          onCancel={c.canCancel ? c.cancel : undefined}
          runLabel={one ? t("run.buttonOne", { name: pick(one.label) }) : t("run.button")}
          canRun={canRun}
          onRun={() => void c.run()}
          undoSupported={c.undoSupported}
          canUndo={st.canUndo}
          undoBusy={st.busy === "undo"}
          onUndo={() => void c.undo()}
          doneSeconds={st.result && !st.result.failed ? st.result.seconds : null}
        />
      )}
      {st.result?.failed && (
        <MessageBar intent="warning">
          <MessageBarBody>{t("run.failed")}</MessageBarBody>
        </MessageBar>
      )}
      {st.hostKind === "file" && st.canDownload && <Download disabled={busy} onDownload={c.download} />}
      {st.result && !st.result.failed && <ResultsViewM summary={st.result.summary} />}
      {st.result && <IssuesListM issues={st.result.issues} onSelect={c.canSelect ? c.selectCell : undefined} />}
      <JobActions c={c} busy={busy} />
    </main>
  );
}

/** Issue 18's pane actions, each in its own component: the profile card and the plan templates. */
function JobActions({ c, busy }: { c: Controller; busy: boolean }) {
  const { lang } = useI18n();
  const st = c.state;
  const runs = React.useRef(0);
  const seen = React.useRef(st.result);
  if (seen.current !== st.result) {
    seen.current = st.result;
    runs.current++;
  }
  const { engine } = c;
  const lookup = React.useCallback((q: CardQuery, l: "zh" | "en") => engine().then((e) => e.lookupCard(q, l)), [engine]);
  const writePlan = async (month: string) => {
    const host = c.host();
    if (!host) return { created: [], skipped: [] };
    const e = await engine();
    const patch = await e.planTemplate(await host.read(), await e.plan(st.mapping, st.form, lang), month);
    const out = await host.apply(patch, new Date().toISOString());
    return { created: out.createdUserSheets, skipped: out.skippedUserSheets };
  };
  return (
    <>
      {c.hasHost && st.mapping && st.result && <PlanTemplateAction disabled={busy} onWrite={writePlan} />}
      {st.result && !st.result.failed && (
        <ProfileCardPanel lookup={lookup} customerSheet={st.mapping?.customers.sheet ?? null} watchSelection={c.host()?.watchSelection} runCount={runs.current} />
      )}
    </>
  );
}
