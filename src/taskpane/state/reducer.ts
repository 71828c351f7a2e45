/** The pane's UI state and the one reducer that changes it. Big data (grids) never lives here. */
import type { Lang } from "../../i18n";
import type { AnalysisInfo, MappingModel, Notice, PolicyStatus, Role, RunForm, RunResult, Step, StepDetail, UserError } from "./types";
import { EMPTY_FORM } from "./types";

export interface PaneState {
  lang: Lang;
  hostKind: "excel" | "file";
  /** File host: the opened file's name. */
  fileName: string | null;
  scanning: boolean;
  mapping: MappingModel | null;
  policy: PolicyStatus | null;
  analyses: AnalysisInfo[];
  form: RunForm;
  running: boolean;
  step: Step | null;
  stepsDone: Step[];
  /** Where the current step is (the engine's progress messages); null between steps. */
  detail: StepDetail | null;
  result: RunResult | null;
  error: UserError | null;
  notice: Notice | null;
  busy: "policy" | "undo" | null;
  canUndo: boolean;
  canDownload: boolean;
}

export type Action =
  | { type: "lang"; lang: Lang }
  | { type: "fileOpened"; fileName: string }
  | { type: "scanStart" }
  | { type: "scanDone"; mapping: MappingModel; policy: PolicyStatus; analyses: AnalysisInfo[] }
  | { type: "mapping"; mapping: MappingModel }
  | { type: "column"; role: Role; field: string; header: string | null }
  | { type: "form"; patch: Partial<RunForm> }
  | { type: "runStart" }
  | { type: "runStep"; step: Step }
  | { type: "runDetail"; detail: StepDetail }
  | { type: "runCancelled" }
  | { type: "runDone"; result: RunResult; wrote: boolean }
  | { type: "failed"; error: UserError }
  | { type: "busy"; busy: PaneState["busy"] }
  | { type: "policyDone"; notice: Notice; canUndo: boolean }
  | { type: "undone"; ok: boolean }
  | { type: "notice"; notice: Notice | null };

export function initialState(lang: Lang, hostKind: "excel" | "file", form: RunForm = EMPTY_FORM): PaneState {
  return {
    lang,
    hostKind,
    fileName: null,
    scanning: false,
    mapping: null,
    policy: null,
    analyses: [],
    form,
    running: false,
    step: null,
    stepsDone: [],
    detail: null,
    result: null,
    error: null,
    notice: null,
    busy: null,
    canUndo: false,
    canDownload: false,
  };
}

export function reducer(s: PaneState, a: Action): PaneState {
  switch (a.type) {
    case "lang":
      return { ...s, lang: a.lang };
    case "fileOpened":
      return { ...initialState(s.lang, s.hostKind, s.form), fileName: a.fileName };
    case "scanStart":
      return { ...s, scanning: true, error: null };
    case "scanDone":
      return { ...s, scanning: false, mapping: a.mapping, policy: a.policy, analyses: a.analyses };
    case "mapping":
      return { ...s, mapping: a.mapping };
    case "column": {
      if (!s.mapping) return s;
      const r = s.mapping[a.role];
      const fields = r.fields.map((f) => (f.key === a.field ? { ...f, header: a.header } : f));
      return { ...s, mapping: { ...s.mapping, [a.role]: { ...r, fields } } };
    }
    case "form":
      return { ...s, form: { ...s.form, ...a.patch } };
    case "runStart":
      return { ...s, running: true, step: null, stepsDone: [], detail: null, error: null, notice: null, result: null };
    case "runStep":
      // Progress can arrive after the run ended (another message channel): then it is stale.
      if (!s.running || a.step === s.step) return s;
      return { ...s, stepsDone: s.step ? [...s.stepsDone, s.step] : s.stepsDone, step: a.step, detail: null };
    case "runDetail":
      return s.running ? { ...s, detail: a.detail } : s;
    case "runCancelled":
      return { ...s, running: false, step: null, stepsDone: [], detail: null, notice: { key: "run.cancelled", intent: "info" } };
    case "runDone":
      return {
        ...s,
        running: false,
        step: null,
        detail: null,
        stepsDone: a.wrote ? ["read", "compute", "write"] : ["read", "compute"],
        result: a.result,
        canUndo: a.wrote || s.canUndo,
        canDownload: a.wrote || s.canDownload,
      };
    case "failed":
      return { ...s, running: false, scanning: false, busy: null, step: null, detail: null, error: a.error };
    case "busy":
      return { ...s, busy: a.busy, error: null, notice: null };
    case "policyDone":
      return { ...s, busy: null, notice: a.notice, canUndo: a.canUndo || s.canUndo, canDownload: true };
    case "undone":
      return {
        ...s,
        busy: null,
        // The history holds several runs: after one undo there may be more to undo (the host
        // says "nothing to undo" when the history is empty).
        canUndo: a.ok,
        result: a.ok ? null : s.result,
        stepsDone: a.ok ? [] : s.stepsDone,
        notice: { key: a.ok ? "undo.done" : "undo.nothing", intent: a.ok ? "success" : "info" },
      };
    case "notice":
      return { ...s, notice: a.notice };
  }
}
