/**
 * The pane's controller: wires the reducer to a host (EngineHost) and the engine (loaded on
 * demand; in the browser it runs in a Web Worker, see services/engineApi.ts). Components get
 * `state` and these actions; they never see which host runs.
 */
import { startTransition, useCallback, useEffect, useMemo, useReducer, useRef } from "react";
import type { Lang } from "../../i18n";
import { RunCancelledError, type EngineClient, type EngineProgress } from "../services/engineApi";
import { SETTINGS, type EngineHost } from "../services/EngineHost";
import { initialState, reducer, type PaneState } from "./reducer";
import type { MappingModel, RememberedMapping, Role, RunForm, Step } from "./types";

/**
 * The engine in a Web Worker where the browser has workers (the pane then never blocks while it
 * works); in-process otherwise (Jest's jsdom has no Worker).
 */
const loadEngine = async (): Promise<EngineClient> => {
  if (typeof Worker === "function") {
    const { workerEngine } = await import(/* webpackChunkName: "engine-client" */ "../services/engineWorker");
    return workerEngine();
  }
  const { inProcessEngine } = await import("../services/engineCore");
  return inProcessEngine();
};

/** What the pane remembers about the last run (the ribbon's "Re-run last" uses `options`). */
export interface LastRun {
  form: RunForm;
  options: import("../../pipeline/options").RunOptions;
  only?: string[];
  at: string;
}

export interface ControllerDeps {
  lang: Lang;
  hostKind: "excel" | "file";
  /** The Excel host, or null on the standalone page until a file is opened. */
  host: EngineHost | null;
  /** Standalone page: make a host for an opened file. */
  makeFileHost?: (fileName: string, bytes: Uint8Array) => EngineHost;
  engine?: () => Promise<EngineClient>;
  /** Save a downloaded workbook (default: a Blob link). */
  save?: (bytes: Uint8Array, fileName: string) => void;
  now?: () => string;
  /** Pause that lets the progress render between steps. */
  tick?: () => Promise<void>;
}

export interface Controller {
  state: PaneState;
  hasHost: boolean;
  undoSupported: boolean;
  canSelect: boolean;
  setLang(lang: Lang): void;
  openFile(file: { name: string; arrayBuffer(): Promise<ArrayBuffer> }): Promise<void>;
  scan(): Promise<void>;
  changeSheet(role: Role, sheet: string | null): Promise<void>;
  changeColumn(role: Role, field: string, header: string | null): void;
  setForm(patch: Partial<RunForm>): void;
  createPolicy(): Promise<void>;
  run(): Promise<void>;
  /** Stop the running run (the worker is terminated; nothing is written). */
  cancel(): void;
  /** Whether cancel() can stop the run now (not while Office.js writes). */
  canCancel: boolean;
  undo(): Promise<void>;
  selectCell(sheet: string, cell: string): void;
  download(): void;
  /** The engine and the current host, for actions that live in their own components (profile card, plan templates). */
  engine(): Promise<EngineClient>;
  host(): EngineHost | null;
}

function saveWithLink(bytes: Uint8Array, fileName: string): void {
  const blob = new Blob([bytes as BlobPart], { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" });
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  a.style.display = "none";
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

const defaultTick = () => new Promise<void>((r) => setTimeout(r, 16));

/** The engine decodes the outputs earlier runs stored, for the Excel host (EngineHost OutputsHelp). */
const decoderOf = (eng: EngineClient) => async (text: string) => (await eng.decodeOutputs(text)).patch;

export function useTierPlan(deps: ControllerDeps): Controller {
  const [state, dispatch] = useReducer(reducer, undefined, () => initialState(deps.lang, deps.hostKind));
  const hostRef = useRef<EngineHost | null>(deps.host);
  const engineRef = useRef<EngineClient | null>(null);
  const runningRef = useRef(false);
  const cancelledRef = useRef(false);
  const stateRef = useRef(state);
  stateRef.current = state;
  const getEngine = deps.engine ?? loadEngine;
  const now = deps.now ?? (() => new Date().toISOString());
  const tick = deps.tick ?? defaultTick;

  const engine = useCallback(async () => (engineRef.current ??= await getEngine()), [getEngine]);
  const fail = useCallback((e: unknown) => {
    const host = hostRef.current;
    dispatch({ type: "failed", error: host ? host.describeError(e) : { code: "Unknown", message: String(e), messageZh: String(e) } });
  }, []);

  const remember = useCallback(async (m: MappingModel) => {
    const host = hostRef.current;
    if (!host || !engineRef.current) return;
    try {
      await host.settings.set(SETTINGS.mapping, await engineRef.current.rememberMapping(m));
    } catch {
      // Remembering is a convenience: a workbook that refuses settings still runs.
    }
  }, []);

  const scan = useCallback(async () => {
    const host = hostRef.current;
    if (!host) return;
    dispatch({ type: "scanStart" });
    try {
      const eng = await engine();
      const remembered = host.settings.get<RememberedMapping>(SETTINGS.mapping) ?? {};
      // A file is read by the engine (in its worker); Excel's grids come through Office.js here.
      const bytes = host.bytes?.();
      const found = bytes ? await eng.scanBytes(bytes, remembered) : await eng.scanGrids(await host.read(), remembered);
      const last = host.settings.get<LastRun>(SETTINGS.lastRun);
      if (last?.form) dispatch({ type: "form", patch: last.form });
      dispatch({ type: "scanDone", ...found });
    } catch (e) {
      fail(e);
    }
  }, [engine, fail]);

  useEffect(() => {
    if (hostRef.current) void scan();
  }, [scan]);

  const openFile = useCallback(
    async (file: { name: string; arrayBuffer(): Promise<ArrayBuffer> }) => {
      if (!deps.makeFileHost) return;
      const bytes = new Uint8Array(await file.arrayBuffer());
      hostRef.current = deps.makeFileHost(file.name, bytes);
      dispatch({ type: "fileOpened", fileName: file.name });
      await scan();
    },
    [deps.makeFileHost, scan],
  );

  const changeSheet = useCallback(
    async (role: Role, sheet: string | null) => {
      const eng = engineRef.current;
      if (!stateRef.current.mapping || !eng) return;
      const remembered = hostRef.current?.settings.get<RememberedMapping>(SETTINGS.mapping);
      const cols = remembered?.sheets?.[role] === sheet ? remembered?.columns?.[role] : undefined;
      try {
        const detected = await eng.detectRole(role, sheet, cols);
        const m = stateRef.current.mapping;
        if (!m) return;
        const next: MappingModel = { ...m, [role]: detected };
        dispatch({ type: "mapping", mapping: next });
        void remember(next);
      } catch (e) {
        fail(e);
      }
    },
    [remember, fail],
  );

  const changeColumn = useCallback(
    (role: Role, field: string, header: string | null) => {
      const m = stateRef.current.mapping;
      if (!m) return;
      dispatch({ type: "column", role, field, header });
      const r = m[role];
      void remember({ ...m, [role]: { ...r, fields: r.fields.map((f) => (f.key === field ? { ...f, header } : f)) } });
    },
    [remember],
  );

  const run = useCallback(async () => {
    const host = hostRef.current;
    // A ref, not state.running: runStart renders as a transition, so state may lag a double click.
    if (!host || stateRef.current.running || runningRef.current) return;
    runningRef.current = true;
    cancelledRef.current = false;
    // A cancel while Office.js reads has no engine call to stop: checked once the read returns.
    const stillWanted = () => {
      if (cancelledRef.current) throw new RunCancelledError();
    };
    const { mapping, form, lang } = stateRef.current;
    // Run updates render as transitions: React renders them in slices and yields to input, so
    // neither the progress nor the results (a large tree) block the pane in one long task.
    const later = (a: Parameters<typeof dispatch>[0]) => startTransition(() => dispatch(a));
    later({ type: "runStart" });
    const t0 = Date.now();
    const step = async (s: Step) => {
      later({ type: "runStep", step: s });
      await tick();
    };
    // The engine's progress messages (from its worker, while the pane stays responsive).
    const progress = (p: EngineProgress) => {
      later({ type: "runStep", step: p.step });
      if (p.step === "compute") later({ type: "runDetail", detail: p.detail });
    };
    try {
      const eng = await engine();
      const at = now();
      const { options, only } = await eng.plan(mapping, form, lang);
      const plan = { options: { ...options, now: at }, only };
      const bytes = host.bytes?.();
      let out;
      let wrote = false;
      if (bytes && host.adoptBytes) {
        // The file: read, compute and write all happen in the engine's worker.
        out = await eng.runBytes(bytes, plan, at, progress);
        if (out.written) {
          host.adoptBytes(out.written.bytes);
          wrote = true;
        }
      } else {
        await step("read");
        const grids = await host.read();
        stillWanted();
        await step("compute");
        out = await eng.runGrids(grids, plan, progress);
        stillWanted();
        if (out.patch) {
          // Office.js writes: this step cannot be cancelled (canCancel is false from here).
          await step("write");
          await host.apply(out.patch, at, { encodedOutputs: out.encodedOutputs, decodeOutputs: decoderOf(eng) });
          wrote = true;
        }
      }
      try {
        const last: LastRun = { form, options, only, at };
        await host.settings.set(SETTINGS.lastRun, last);
      } catch {
        // The ribbon's re-run then uses the defaults; the run itself succeeded.
      }
      later({ type: "runDone", wrote, result: { summary: out.summary, issues: out.issues, failed: out.failed, seconds: Math.round((Date.now() - t0) / 100) / 10 } });
    } catch (e) {
      if (e instanceof RunCancelledError) {
        dispatch({ type: "runCancelled" });
        // The worker that held the workbook is gone: read it again for the mapping step.
        void scan();
      } else fail(e);
    } finally {
      runningRef.current = false;
    }
  }, [engine, fail, now, tick, scan]);

  const cancel = useCallback(() => {
    if (!runningRef.current) return;
    cancelledRef.current = true;
    engineRef.current?.cancel();
  }, []);

  const createPolicy = useCallback(async () => {
    const host = hostRef.current;
    if (!host) return;
    dispatch({ type: "busy", busy: "policy" });
    try {
      const eng = await engine();
      const out = await host.apply(await eng.policyPatch(), now());
      const created = out.createdUserSheets.join("、");
      dispatch({
        type: "policyDone",
        canUndo: false,
        notice: created
          ? { key: "policy.created", vars: { names: created }, intent: "success" }
          : { key: "policy.skipped", vars: { names: out.skippedUserSheets.join("、") }, intent: "info" },
      });
      await scan();
    } catch (e) {
      fail(e);
    }
  }, [engine, fail, now, scan]);

  const undo = useCallback(async () => {
    const host = hostRef.current;
    if (!host || !host.undoSupported) return;
    dispatch({ type: "busy", busy: "undo" });
    try {
      const ok = await host.undoLastRun({ decodeOutputs: decoderOf(await engine()) });
      dispatch({ type: "undone", ok });
      if (ok) await scan();
    } catch (e) {
      fail(e);
    }
  }, [engine, fail, scan]);

  const selectCell = useCallback(
    (sheet: string, cell: string) => {
      const host = hostRef.current;
      host?.selectCell?.(sheet, cell).catch(fail);
    },
    [fail],
  );

  const download = useCallback(() => {
    const d = hostRef.current?.download?.();
    if (d) (deps.save ?? saveWithLink)(d.bytes, d.fileName);
  }, [deps.save]);

  const setLang = useCallback((lang: Lang) => dispatch({ type: "lang", lang }), []);
  const setForm = useCallback((patch: Partial<RunForm>) => dispatch({ type: "form", patch }), []);

  const host = hostRef.current;
  return useMemo(
    () => ({
      state,
      hasHost: !!host,
      undoSupported: !!host?.undoSupported,
      canSelect: !!host?.selectCell,
      setLang,
      openFile,
      scan,
      changeSheet,
      changeColumn,
      setForm,
      createPolicy,
      run,
      cancel,
      canCancel: state.running && !!engineRef.current?.cancellable && !(host?.kind === "excel" && state.step === "write"),
      undo,
      selectCell,
      download,
      engine,
      host: () => hostRef.current,
    }),
    [state, host, setLang, openFile, scan, changeSheet, changeColumn, setForm, createPolicy, run, cancel, undo, selectCell, download, engine],
  );
}
