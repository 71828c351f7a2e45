/**
 * Per-workbook memory. In Excel it is the document's settings (saved inside the workbook, so
 * the mapping travels with the file); on the standalone page it is localStorage, keyed by the
 * file name. All Office.context.document.settings access goes through here.
 */
import type { SettingsStore } from "./services/EngineHost";

/** The open document's settings (call after Office.onReady). */
export function officeSettings(settings: Office.Settings = Office.context.document.settings): SettingsStore & { refresh(): Promise<void> } {
  return {
    get<T>(key: string): T | undefined {
      const v = settings.get(key) as unknown;
      return v === null || v === undefined ? undefined : (v as T);
    },
    set(key: string, value: unknown): Promise<void> {
      settings.set(key, value);
      return new Promise((resolve, reject) =>
        settings.saveAsync((r) => (r.status === Office.AsyncResultStatus.Succeeded ? resolve() : reject(r.error))),
      );
    },
    /** Another instance (the ribbon command) may have saved since this one loaded. */
    refresh(): Promise<void> {
      return new Promise((resolve) => settings.refreshAsync(() => resolve()));
    },
  };
}

/** In-memory settings (tests, or when storage is unavailable). */
export function memorySettings(initial: Record<string, unknown> = {}): SettingsStore & { data: Record<string, unknown> } {
  const data = { ...initial };
  return {
    data,
    get: <T,>(key: string) => data[key] as T | undefined,
    set: async (key, value) => {
      data[key] = value;
    },
  };
}

/** localStorage under a per-file prefix; falls back to memory when storage is blocked. */
export function localSettings(scope: string): SettingsStore {
  const mem = memorySettings();
  const k = (key: string) => `tierplan:${scope}:${key}`;
  return {
    get<T>(key: string): T | undefined {
      try {
        const raw = globalThis.localStorage?.getItem(k(key));
        return raw === null || raw === undefined ? mem.get<T>(key) : (JSON.parse(raw) as T);
      } catch {
        return mem.get<T>(key);
      }
    },
    async set(key, value) {
      await mem.set(key, value);
      try {
        globalThis.localStorage?.setItem(k(key), JSON.stringify(value));
      } catch {
        /* private mode: memory only */
      }
    },
  };
}
