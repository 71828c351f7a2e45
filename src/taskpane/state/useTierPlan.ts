/**
 * The pane's controller: wires the reducer to a host (EngineHost) and the engine (loaded on
 * demand). Components get `state` and these actions; they never see which host runs.
 */
import { useCallback, useEffect, useMemo, useReducer, useRef } from "react";
import type { Lang } from "../../i18n";
import type { WorkbookGrids } from "../../sheets/grid";
import { SETTINGS, type EngineHost } from "../services/EngineHost";
import { initialState, reducer, type PaneState } from "./reducer";
import type { MappingModel, RememberedMapping, Role, RunForm, Step } from "./types";

export type Engine = typeof import("../services/engine");
export const loadEngine = (): Promise<Engine> => import(/* webpackChunkName: "engine" */ "../services/engine");

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
  engine?: () => Promise<Engine>;
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
  changeSheet(role: Role, sheet: string | null): void;
  changeColumn(role: Role, field: string, header: string | null): void;
  setForm(patch: Partial<RunForm>): void;
  createPolicy(): Promise<void>;
  run(): Promise<void>;
  undo(): Promise<void>;
  selectCell(sheet: string, cell: string): void;
  download(): void;
  /** The engine and the current host, for actions that live in their own components (profile card, plan templates). */
  engine(): Promise<Engine>;
  host(): EngineHost | null;
}

export function saveWithLink(bytes: Uint8Array, fileName: string): void {
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

export function useTierPlan(deps: ControllerDeps): Controller {
  const [state, dispatch] = useReducer(reducer, undefined, () => initialState(deps.lang, deps.hostKind));
  const hostRef = useRef<EngineHost | null>(deps.host);
  const gridsRef = useRef<WorkbookGrids | null>(null);
  const engineRef = useRef<Engine | null>(null);
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
      await host.settings.set(SETTINGS.mapping, engineRef.current.rememberMapping(m));
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
      const grids = await host.read();
      gridsRef.current = grids;
      const remembered = host.settings.get<RememberedMapping>(SETTINGS.mapping) ?? {};
      const last = host.settings.get<LastRun>(SETTINGS.lastRun);
      if (last?.form) dispatch({ type: "form", patch: last.form });
      dispatch({ type: "scanDone", mapping: eng.detectMapping(grids, remembered), policy: eng.policyStatus(grids), analyses: eng.analyses() });
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
      gridsRef.current = null;
      dispatch({ type: "fileOpened", fileName: file.name });
      await scan();
    },
    [deps.makeFileHost, scan],
  );

  const changeSheet = useCallback(
    (role: Role, sheet: string | null) => {
      const m = stateRef.current.mapping;
      const grids = gridsRef.current;
      const eng = engineRef.current;
      if (!m || !grids || !eng) return;
      const remembered = hostRef.current?.settings.get<RememberedMapping>(SETTINGS.mapping);
      const cols = remembered?.sheets?.[role] === sheet ? remembered?.columns?.[role] : undefined;
      const next: MappingModel = { ...m, [role]: eng.detectRole(grids, role, sheet, cols) };
      dispatch({ type: "mapping", mapping: next });
      void remember(next);
    },
    [remember],
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
    if (!host || stateRef.current.running) return;
    const { mapping, form, lang } = stateRef.current;
    dispatch({ type: "runStart" });
    const t0 = Date.now();
    const step = async (s: Step) => {
      dispatch({ type: "runStep", step: s });
      await tick();
    };
    try {
      const eng = await engine();
      await step("read");
      const grids = await host.read();
      gridsRef.current = grids;
      await step("compute");
      const at = now();
      const options = eng.toRunOptions(mapping, form, lang);
      const only = eng.onlyOf(form.only);
      const out = eng.run(grids, { ...options, now: at }, only);
      let wrote = false;
      if (!out.failed) {
        await step("write");
        await host.apply(out.patch, at);
        wrote = true;
      }
      try {
        const last: LastRun = { form, options, only, at };
        await host.settings.set(SETTINGS.lastRun, last);
      } catch {
        // The ribbon's re-run then uses the defaults; the run itself succeeded.
      }
      dispatch({ type: "runDone", wrote, result: { summary: out.summary, issues: out.issues, failed: out.failed, seconds: Math.round((Date.now() - t0) / 100) / 10 } });
    } catch (e) {
      fail(e);
    }
  }, [engine, fail, now, tick]);

  const createPolicy = useCallback(async () => {
    const host = hostRef.current;
    if (!host) return;
    dispatch({ type: "busy", busy: "policy" });
    try {
      const eng = await engine();
      const out = await host.apply(eng.policyPatch(), now());
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
      const ok = await host.undoLastRun();
      dispatch({ type: "undone", ok });
      if (ok) await scan();
    } catch (e) {
      fail(e);
    }
  }, [fail, scan]);

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
      undo,
      selectCell,
      download,
      engine,
      host: () => hostRef.current,
    }),
    [state, host, setLang, openFile, scan, changeSheet, changeColumn, setForm, createPolicy, run, undo, selectCell, download, engine],
  );
}
