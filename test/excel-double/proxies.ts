/**
 * Proxy objects of the Excel double, with Office.js batching semantics:
 *
 *  - every property write, method call and `load` is queued on the request context and runs
 *    only at `await context.sync()`, in queue order (so a load queued after a write sees it);
 *  - reading a property that was not loaded *and* synced throws `PropertyNotLoaded` (stricter
 *    than Office.js, which echoes a value the add-in itself set on the proxy);
 *  - proxies resolve lazily, when a synced command first uses them (`getItem` of a missing
 *    sheet rejects that sync with `ItemNotFound`; `*OrNullObject` yields `isNullObject`);
 *  - calling a member the double does not implement throws at once, so the host cannot rely
 *    on a silently accepted no-op;
 *  - members newer than the configured ExcelApi version reject the sync with `ApiNotFound`.
 *
 * The double implements only the surface the TierPlan host uses; see index.ts for the list.
 */
import { DoubleError, propertyNotLoaded } from "./errors";
import {
  AxisState,
  ChartState,
  ConditionalFormatState,
  MAX_COLS,
  MAX_ROWS,
  Rect,
  SeriesState,
  SheetState,
  TableState,
  ValidationState,
  WorkbookState,
  a1,
  contains,
  intersects,
  parseA1,
  quoteSheet,
  rectA1,
} from "./state";

export interface DoubleConfig {
  /** Highest ExcelApi requirement set the simulated host supports, e.g. "1.8". */
  apiVersion: string;
  /** Request and response cap per sync, in bytes (Excel on the web: 5 MB). */
  payloadLimit: number;
  /** Most cells one range read may return (every platform: 5,000,000). */
  readCellLimit: number;
}

export interface SyncRecord {
  index: number;
  requestBytes: number;
  responseBytes: number;
  commands: number;
  ok: boolean;
  error?: string;
  /**
   * Time spent writing the request and the response as JSON, ms: the part of a round trip that
   * Office.js does on the task pane's thread (the rest happens in Excel's process).
   */
  requestJsonMs: number;
  responseJsonMs: number;
}

/** Round trips and payload sizes, measured per sync. */
export class DoubleStats {
  syncs = 0;
  readonly records: SyncRecord[] = [];
  /** `untrack()` calls. */
  untracked = 0;

  get totalRequestBytes(): number {
    return this.records.reduce((s, r) => s + r.requestBytes, 0);
  }
  get totalResponseBytes(): number {
    return this.records.reduce((s, r) => s + r.responseBytes, 0);
  }
  get maxRequestBytes(): number {
    return this.records.reduce((m, r) => Math.max(m, r.requestBytes), 0);
  }
  get maxResponseBytes(): number {
    return this.records.reduce((m, r) => Math.max(m, r.responseBytes), 0);
  }
  get failedSyncs(): number {
    return this.records.filter((r) => !r.ok).length;
  }
  reset(): void {
    this.syncs = 0;
    this.records.length = 0;
    this.untracked = 0;
  }
}

export function versionAtLeast(have: string, need: string): boolean {
  const a = have.split(".").map(Number);
  const b = need.split(".").map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x > y;
  }
  return true;
}

const NULL_TARGET = Symbol("null object");
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- proxies of any target type
type AnyObject = DoubleObject<any>;
type Resolved<T> = T | typeof NULL_TARGET;

interface QueryResult {
  wire: unknown;
  commit: () => void;
}

interface Command {
  proxy: AnyObject;
  type: "SetProperty" | "Method" | "Query";
  name: string;
  args: unknown[];
  minSet?: string;
  run: () => QueryResult | void;
}

interface PropDef<T> {
  get?: (t: T) => unknown;
  set?: (t: T, v: unknown) => void;
  minSet?: string;
}

const utf8 = (s: string): number => Buffer.byteLength(s, "utf8");

// ----- strict wrapper -------------------------------------------------------------------

const PASS_THROUGH = new Set(["then", "toJSON", "asymmetricMatch", "nodeType", "tagName", "constructor", "inspect", "toString", "valueOf"]);

function wrap<T extends AnyObject>(obj: T): T {
  return new Proxy(obj, {
    get(t, p, recv) {
      if (typeof p === "symbol" || p in t) return Reflect.get(t, p, recv);
      if (PASS_THROUGH.has(p) || p.startsWith("_") || p.startsWith("@@") || p.startsWith("$$")) return undefined;
      throw new Error(`ExcelDouble: ${t._kind}.${p} is not implemented by the double (the host must not rely on it)`);
    },
    set(t, p, v, recv) {
      if (typeof p === "symbol" || p in t || p.startsWith("_")) return Reflect.set(t, p, v, recv);
      throw new Error(`ExcelDouble: setting ${t._kind}.${p} is not implemented by the double`);
    },
  });
}

// ----- base ------------------------------------------------------------------------------

let nextPathId = 1;

export abstract class DoubleObject<T> {
  abstract readonly _kind: string;
  readonly _id = nextPathId++;
  _loaded: Record<string, unknown> | undefined = undefined;
  _null: boolean | undefined = undefined;
  _cached: Resolved<T> | undefined = undefined;
  /** Child proxies for navigation properties, created on first access. */
  _nav: Record<string, unknown> = {};

  constructor(
    readonly _ctx: DoubleContext,
    readonly _parent: AnyObject | null,
    readonly _pathName: string,
    readonly _pathArgs: unknown[],
  ) {}

  /** Compute the target from the parent's target (called once, at first use in a sync). */
  protected abstract _resolveFresh(): Resolved<T>;

  /** Loadable / settable scalar properties of this class. */
  _props(): Record<string, PropDef<T>> {
    return {};
  }

  get context(): DoubleContext {
    return this._ctx;
  }

  get isNullObject(): boolean {
    if (this._null === undefined) throw propertyNotLoaded(this._kind, "isNullObject");
    return this._null;
  }

  _resolve(): Resolved<T> {
    if (this._cached === undefined) this._cached = this._resolveFresh();
    return this._cached;
  }

  /** The target, for a command that acts on it: a null object or a deleted sheet rejects. */
  _target(): T {
    const t = this._resolve();
    if (t === NULL_TARGET) throw new DoubleError("ItemNotFound", `${this._kind}: the object is a null object (it does not exist).`);
    this._check(t);
    return t;
  }

  /** Throw when the target no longer exists (e.g. its sheet was deleted). */
  protected _check(_t: T): void {}

  _read(name: string): unknown {
    if (this._loaded && Object.prototype.hasOwnProperty.call(this._loaded, name)) return this._loaded[name];
    throw propertyNotLoaded(this._kind, name);
  }

  _write(name: string, value: unknown): void {
    const def = this._props()[name];
    if (!def?.set) throw new TypeError(`ExcelDouble: ${this._kind}.${name} is read-only`);
    this._ctx._enqueue({
      proxy: this,
      type: "SetProperty",
      name,
      args: [value],
      minSet: def.minSet,
      run: () => def.set!(this._target(), value),
    });
  }

  _method(name: string, args: unknown[], run: () => void, minSet?: string): void {
    this._ctx._enqueue({ proxy: this, type: "Method", name, args, minSet, run });
  }

  /** Parse the argument of `load()` into property names ("items/" stripped). */
  protected _loadNames(arg: unknown, all: string[]): string[] {
    let names: string[];
    if (arg === undefined || arg === null) names = all;
    else if (typeof arg === "string") names = arg.split(",");
    else if (Array.isArray(arg)) names = arg.map(String);
    else if (typeof arg === "object" && typeof (arg as { select?: unknown }).select === "string") names = (arg as { select: string }).select.split(",");
    else throw new DoubleError("InvalidArgument", `${this._kind}.load: unsupported argument`);
    return names.map((n) => n.trim().replace(/^items\//, "")).filter((n) => n.length > 0);
  }

  load(arg?: unknown): this {
    const props = this._props();
    const names = this._loadNames(arg, Object.keys(props).filter((k) => props[k].get));
    this._ctx._enqueue({
      proxy: this,
      type: "Query",
      name: "load",
      args: [names.join(",")],
      minSet: names.map((n) => props[n]?.minSet).filter((x): x is string => !!x).sort((a, b) => (versionAtLeast(a, b) ? -1 : 1))[0],
      run: () => {
        const t = this._resolve();
        if (t === NULL_TARGET) {
          return {
            wire: { isNullObject: true },
            commit: () => {
              this._null = true;
              this._loaded = {};
            },
          };
        }
        this._check(t);
        const snap: Record<string, unknown> = {};
        for (const n of names) {
          const def = props[n];
          if (!def?.get) throw new DoubleError("InvalidArgument", `${this._kind}: cannot load '${n}'.`);
          snap[n] = def.get(t);
        }
        return {
          wire: snap,
          commit: () => {
            this._null = false;
            this._loaded = { ...(this._loaded ?? {}), ...snap };
          },
        };
      },
    });
    return this;
  }

  untrack(): this {
    this._ctx.stats.untracked++;
    return this;
  }

  track(): this {
    return this;
  }

  protected _child<C extends AnyObject>(key: string, make: () => C): C {
    if (!this._nav[key]) this._nav[key] = wrap(make());
    return this._nav[key] as C;
  }

  /** Object path as it would travel in the request. */
  _wirePath(): unknown {
    return { Id: this._id, ParentId: this._parent?._id ?? 0, Name: this._pathName, Args: this._pathArgs.map(wireArg) };
  }
}

function wireArg(a: unknown): unknown {
  if (a instanceof DoubleObject) return { _ObjectPathId: a._id };
  return a;
}

/** Mark the scalar properties of a proxy class as accessors that read loaded data or queue writes. */
function accessors(cls: { prototype: object }, names: string[]): void {
  for (const name of names) {
    Object.defineProperty(cls.prototype, name, {
      configurable: true,
      enumerable: true,
      get(this: AnyObject) {
        return this._read(name);
      },
      set(this: AnyObject, v: unknown) {
        this._write(name, v);
      },
    });
  }
}

/** A collection: `items` is readable only after load + sync. */
abstract class DoubleCollection<T, I> extends DoubleObject<T> {
  /** Properties loadable on each item. */
  abstract _itemProps(): Record<string, PropDef<I>>;
  abstract _itemsOf(t: T): I[];
  abstract _itemProxy(item: I, index: number): DoubleObject<I>;

  get items(): DoubleObject<I>[] {
    return this._read("items") as DoubleObject<I>[];
  }

  override load(arg?: unknown): this {
    const props = this._itemProps();
    const names = this._loadNames(arg, Object.keys(props));
    this._ctx._enqueue({
      proxy: this,
      type: "Query",
      name: "load",
      args: [names.map((n) => `items/${n}`).join(",")],
      run: () => {
        const t = this._target();
        const items = this._itemsOf(t);
        const snaps = items.map((it) => {
          const s: Record<string, unknown> = {};
          for (const n of names) {
            const def = props[n];
            if (!def?.get) throw new DoubleError("InvalidArgument", `${this._kind}: cannot load 'items/${n}'.`);
            s[n] = def.get(it);
          }
          return s;
        });
        return {
          wire: { items: snaps },
          commit: () => {
            const proxies = items.map((it, i) => {
              const p = this._itemProxy(it, i);
              p._cached = it;
              p._null = false;
              p._loaded = snaps[i];
              return p;
            });
            this._null = false;
            this._loaded = { ...(this._loaded ?? {}), items: proxies, count: items.length };
          },
        };
      },
    });
    return this;
  }
}

// ----- context, workbook, application --------------------------------------------------

export class DoubleContext {
  readonly workbook: WorkbookD;
  readonly application: ApplicationD;
  _queue: Command[] = [];
  private calcSuspended = false;

  constructor(
    readonly state: WorkbookState,
    readonly config: DoubleConfig,
    readonly stats: DoubleStats,
  ) {
    this.workbook = wrap(new WorkbookD(this, null, "workbook", []));
    this.application = wrap(new ApplicationD(this, null, "application", []));
  }

  _enqueue(c: Command): void {
    this._queue.push(c);
  }

  _suspendCalc(): void {
    this.calcSuspended = true;
  }

  /** Sends the queued commands; rejects like Excel (no rollback of commands already run). */
  async sync(): Promise<void> {
    const cmds = this._queue;
    this._queue = [];
    const index = this.stats.syncs++;
    const request = measureRequest(cmds);
    const record: SyncRecord = { index, requestBytes: request.bytes, responseBytes: 0, commands: cmds.length, ok: false, requestJsonMs: request.jsonMs, responseJsonMs: 0 };
    this.stats.records.push(record);
    await Promise.resolve();
    try {
      if (record.requestBytes > this.config.payloadLimit) {
        throw new DoubleError(
          "RequestPayloadSizeLimitExceeded",
          `The request payload size (${record.requestBytes} bytes) has exceeded the limit of ${this.config.payloadLimit} bytes.`,
        );
      }
      const commits: (() => void)[] = [];
      let response = 2;
      for (let i = 0; i < cmds.length; i++) {
        const c = cmds[i];
        if (c.minSet && !versionAtLeast(this.config.apiVersion, c.minSet)) {
          throw new DoubleError("ApiNotFound", `${c.proxy._kind}.${c.name} needs ExcelApi ${c.minSet}; this host supports ${this.config.apiVersion}.`, `${c.proxy._kind}.${c.name}`);
        }
        try {
          const out = c.run();
          if (out) {
            const t = performance.now();
            const json = JSON.stringify(out.wire);
            record.responseJsonMs += performance.now() - t;
            response += utf8(json) + 1;
            commits.push(out.commit);
          }
        } catch (e) {
          if (e instanceof DoubleError && !e.debugInfo.errorLocation) e.debugInfo.errorLocation = `${c.proxy._kind}.${c.name}`;
          throw e;
        }
      }
      record.responseBytes = response;
      if (response > this.config.payloadLimit) {
        throw new DoubleError("ResponsePayloadSizeLimitExceeded", `The response payload size (${response} bytes) has exceeded the limit of ${this.config.payloadLimit} bytes.`);
      }
      for (const c of commits) c();
      if (this.calcSuspended) this.state.calculationSuspendedSyncs++;
      record.ok = true;
    } catch (e) {
      record.error = e instanceof DoubleError ? e.code : String(e);
      throw e;
    } finally {
      this.calcSuspended = false;
    }
  }
}

/**
 * JSON size of the request: the object paths the commands use plus the actions and their
 * arguments; and the time spent writing that JSON (what Office.js does on the pane's thread).
 */
function measureRequest(cmds: Command[]): { bytes: number; jsonMs: number } {
  if (cmds.length === 0) return { bytes: 0, jsonMs: 0 };
  const paths = new Map<number, AnyObject>();
  const addPath = (p: AnyObject | null): void => {
    while (p && !paths.has(p._id)) {
      paths.set(p._id, p);
      for (const a of p._pathArgs) if (a instanceof DoubleObject) addPath(a);
      p = p._parent;
    }
  };
  let bytes = 40; // envelope
  let jsonMs = 0;
  const size = (value: unknown): number => {
    const t = performance.now();
    const json = JSON.stringify(value);
    jsonMs += performance.now() - t;
    return utf8(json) + 1;
  };
  cmds.forEach((c, i) => {
    addPath(c.proxy);
    for (const a of c.args) if (a instanceof DoubleObject) addPath(a);
    bytes += size({ Id: i + 1, ObjectPathId: c.proxy._id, ActionType: c.type, Name: c.name, Args: c.args.map(wireArg) });
  });
  for (const p of paths.values()) bytes += size(p._wirePath());
  return { bytes, jsonMs };
}

export class WorkbookD extends DoubleObject<WorkbookState> {
  readonly _kind = "Workbook";
  protected _resolveFresh(): WorkbookState {
    return this._ctx.state;
  }
  get worksheets(): WorksheetCollectionD {
    return this._child("worksheets", () => new WorksheetCollectionD(this._ctx, this, "worksheets", []));
  }
  get application(): ApplicationD {
    return this._ctx.application;
  }
  override _props(): Record<string, PropDef<WorkbookState>> {
    return { use1904DateSystem: { get: (s) => s.date1904, set: (s, v) => void (s.date1904 = !!v), minSet: "1.16" } };
  }
}
accessors(WorkbookD, ["use1904DateSystem"]);

export class ApplicationD extends DoubleObject<WorkbookState> {
  readonly _kind = "Application";
  protected _resolveFresh(): WorkbookState {
    return this._ctx.state;
  }
  suspendApiCalculationUntilNextSync(): void {
    this._method("suspendApiCalculationUntilNextSync", [], () => this._ctx._suspendCalc(), "1.6");
  }
}

// ----- worksheets ------------------------------------------------------------------------

const SHEET_ITEM_PROPS: Record<string, PropDef<SheetState>> = {
  name: { get: (s) => s.name },
  id: { get: (s) => s.id },
  visibility: { get: (s) => s.visibility },
  position: { get: (s) => s.workbook.sheets.indexOf(s) },
  tabColor: { get: (s) => s.tabColor, minSet: "1.7" },
};

export class WorksheetCollectionD extends DoubleCollection<WorkbookState, SheetState> {
  readonly _kind = "WorksheetCollection";
  protected _resolveFresh(): WorkbookState {
    return this._ctx.state;
  }
  _itemProps() {
    return SHEET_ITEM_PROPS;
  }
  _itemsOf(t: WorkbookState): SheetState[] {
    return [...t.sheets];
  }
  _itemProxy(item: SheetState): DoubleObject<SheetState> {
    return wrap(new WorksheetD(this._ctx, this, "_GetItem", [item.id], () => item));
  }

  getItem(key: string): WorksheetD {
    return wrap(
      new WorksheetD(this._ctx, this, "getItem", [key], () => {
        const s = this._ctx.state.sheet(key) ?? this._ctx.state.sheetById(key);
        if (!s) throw new DoubleError("ItemNotFound", `The requested resource doesn't exist: worksheet '${key}'.`);
        return s;
      }),
    );
  }

  getItemOrNullObject(key: string): WorksheetD {
    return wrap(new WorksheetD(this._ctx, this, "getItemOrNullObject", [key], () => this._ctx.state.sheet(key) ?? this._ctx.state.sheetById(key) ?? NULL_TARGET));
  }

  add(name?: string): WorksheetD {
    const ws = wrap(
      new WorksheetD(this._ctx, this, "add", [name], () => {
        throw new DoubleError("GeneralException", "worksheet used before it was added");
      }),
    );
    this._method("add", [name], () => {
      let n = name;
      if (n === undefined) {
        let k = this._ctx.state.sheets.length + 1;
        while (this._ctx.state.sheet(`Sheet${k}`)) k++;
        n = `Sheet${k}`;
      }
      ws._cached = this._ctx.state.addSheet(n);
    });
    return ws;
  }
}

export class WorksheetD extends DoubleObject<SheetState> {
  readonly _kind = "Worksheet";
  declare name: string;
  declare visibility: string;
  declare tabColor: string;
  declare readonly id: string;
  declare position: number;

  constructor(
    ctx: DoubleContext,
    parent: AnyObject,
    pathName: string,
    pathArgs: unknown[],
    private readonly _finder: () => Resolved<SheetState>,
  ) {
    super(ctx, parent, pathName, pathArgs);
  }

  protected _resolveFresh(): Resolved<SheetState> {
    return this._finder();
  }

  protected override _check(s: SheetState): void {
    if (s.deleted) throw new DoubleError("ItemNotFound", `The worksheet '${s.name}' was deleted.`);
  }

  override _props(): Record<string, PropDef<SheetState>> {
    return {
      ...SHEET_ITEM_PROPS,
      name: {
        get: (s) => s.name,
        set: (s, v) => {
          const n = String(v);
          const other = s.workbook.sheet(n);
          if (other && other !== s) throw new DoubleError("ItemAlreadyExists", `A sheet named '${n}' already exists.`);
          s.name = n;
        },
      },
      visibility: {
        get: (s) => s.visibility,
        set: (s, v) => {
          if (v !== "Visible" && v !== "Hidden" && v !== "VeryHidden") throw new DoubleError("InvalidArgument", `Bad visibility ${String(v)}.`);
          if (v !== "Visible" && s.visibility === "Visible" && s.workbook.sheets.filter((x) => x.visibility === "Visible").length === 1) {
            throw new DoubleError("InvalidOperation", "A workbook must contain at least one visible worksheet.");
          }
          s.visibility = v;
        },
      },
      position: {
        get: (s) => s.workbook.sheets.indexOf(s),
        set: (s, v) => {
          const list = s.workbook.sheets;
          if (typeof v !== "number" || !Number.isInteger(v) || v < 0 || v >= list.length) throw new DoubleError("InvalidArgument", `Bad sheet position ${String(v)}.`);
          list.splice(list.indexOf(s), 1);
          list.splice(v, 0, s);
        },
      },
      tabColor: {
        get: (s) => s.tabColor,
        set: (s, v) => {
          if (typeof v !== "string" || (v !== "" && !/^#[0-9A-Fa-f]{6}$/.test(v))) throw new DoubleError("InvalidArgument", `Bad tab colour ${String(v)}.`);
          s.tabColor = v.toUpperCase();
        },
        minSet: "1.7",
      },
    };
  }

  get tables(): TableCollectionD {
    return this._child("tables", () => new TableCollectionD(this._ctx, this, "tables", []));
  }
  get charts(): ChartCollectionD {
    return this._child("charts", () => new ChartCollectionD(this._ctx, this, "charts", []));
  }
  get freezePanes(): FreezePanesD {
    return this._child("freezePanes", () => new FreezePanesD(this._ctx, this, "freezePanes", []));
  }
  get protection(): ProtectionD {
    return this._child("protection", () => new ProtectionD(this._ctx, this, "protection", []));
  }
  get pageLayout(): PageLayoutD {
    return this._child("pageLayout", () => new PageLayoutD(this._ctx, this, "pageLayout", []));
  }
  get autoFilter(): AutoFilterD {
    return this._child("autoFilter", () => new AutoFilterD(this._ctx, this, "autoFilter", []));
  }

  getRange(address?: string): RangeD {
    return wrap(new RangeD(this._ctx, this, "getRange", [address], () => ({ sheet: this._target(), rect: address ? parseA1(address) : { r0: 0, c0: 0, r1: MAX_ROWS - 1, c1: MAX_COLS - 1 } })));
  }

  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): RangeD {
    return wrap(
      new RangeD(this._ctx, this, "getRangeByIndexes", [startRow, startColumn, rowCount, columnCount], () => {
        const rect = { r0: startRow, c0: startColumn, r1: startRow + rowCount - 1, c1: startColumn + columnCount - 1 };
        if (!(rowCount >= 1 && columnCount >= 1) || rect.r0 < 0 || rect.c0 < 0 || rect.r1 >= MAX_ROWS || rect.c1 >= MAX_COLS) {
          throw new DoubleError("InvalidArgument", `getRangeByIndexes(${startRow}, ${startColumn}, ${rowCount}, ${columnCount}) is outside the sheet.`);
        }
        return { sheet: this._target(), rect };
      }, "1.7"),
    );
  }

  getUsedRange(valuesOnly?: boolean): RangeD {
    return wrap(new RangeD(this._ctx, this, "getUsedRange", [valuesOnly], () => {
      const s = this._target();
      return { sheet: s, rect: s.usedRange(!!valuesOnly) ?? { r0: 0, c0: 0, r1: 0, c1: 0 } };
    }));
  }

  getUsedRangeOrNullObject(valuesOnly?: boolean): RangeD {
    return wrap(new RangeD(this._ctx, this, "getUsedRangeOrNullObject", [valuesOnly], () => {
      const s = this._target();
      const r = s.usedRange(!!valuesOnly);
      return r ? { sheet: s, rect: r } : NULL_TARGET;
    }, "1.4"));
  }

  delete(): void {
    this._method("delete", [], () => this._ctx.state.deleteSheet(this._target()));
  }
}
accessors(WorksheetD, ["name", "visibility", "tabColor", "id", "position"]);

// ----- ranges ----------------------------------------------------------------------------

export interface RangeT {
  sheet: SheetState;
  rect: Rect;
}

function cells(r: Rect): number {
  return (r.r1 - r.r0 + 1) * (r.c1 - r.c0 + 1);
}

function assertEditable(t: RangeT, what: string, valuesOnly = false): void {
  const s = t.sheet;
  if (!s.protection.protected) return;
  if (valuesOnly) {
    let allUnlocked = true;
    for (let r = t.rect.r0; r <= t.rect.r1 && allUnlocked; r++) for (let c = t.rect.c0; c <= t.rect.c1; c++) if (s.isLocked(r, c)) { allUnlocked = false; break; }
    if (allUnlocked) return;
  }
  throw new DoubleError("AccessDenied", `The cell or chart you're trying to change (${what} on ${s.name}!${rectA1(t.rect)}) is on a protected sheet.`);
}

function matrix(t: RangeT, v: unknown, what: string): unknown[][] {
  const rows = t.rect.r1 - t.rect.r0 + 1;
  const cols = t.rect.c1 - t.rect.c0 + 1;
  if (!Array.isArray(v) || v.length !== rows || v.some((row) => !Array.isArray(row) || row.length !== cols)) {
    throw new DoubleError(
      "InvalidArgument",
      `${what}: the number of rows or columns in the input array doesn't match the size or dimensions of the range (${rows}×${cols}).`,
    );
  }
  return v as unknown[][];
}

function readMatrix<X>(t: RangeT, limit: number, f: (r: number, c: number) => X): X[][] {
  const n = cells(t.rect);
  if (n > limit) throw new DoubleError("RangeExceedsLimit", `The cell count in the range (${n}) has exceeded the maximum supported number (${limit}).`);
  const out: X[][] = [];
  for (let r = t.rect.r0; r <= t.rect.r1; r++) {
    const line: X[] = new Array(t.rect.c1 - t.rect.c0 + 1);
    for (let c = t.rect.c0; c <= t.rect.c1; c++) line[c - t.rect.c0] = f(r, c);
    out.push(line);
  }
  return out;
}

export class RangeD extends DoubleObject<RangeT> {
  readonly _kind = "Range";
  declare values: unknown[][];
  declare formulas: unknown[][];
  declare numberFormat: unknown[][];
  declare readonly address: string;
  declare readonly rowCount: number;
  declare readonly columnCount: number;
  declare readonly rowIndex: number;
  declare readonly columnIndex: number;
  declare readonly cellCount: number;

  constructor(
    ctx: DoubleContext,
    parent: AnyObject,
    pathName: string,
    pathArgs: unknown[],
    private readonly _finder: () => Resolved<RangeT>,
    private readonly _since?: string,
  ) {
    super(ctx, parent, pathName, pathArgs);
  }

  protected _resolveFresh(): Resolved<RangeT> {
    if (this._since && !versionAtLeast(this._ctx.config.apiVersion, this._since)) {
      throw new DoubleError("ApiNotFound", `${this._pathName} needs ExcelApi ${this._since}; this host supports ${this._ctx.config.apiVersion}.`);
    }
    return this._finder();
  }

  protected override _check(t: RangeT): void {
    if (t.sheet.deleted) throw new DoubleError("ItemNotFound", `The worksheet '${t.sheet.name}' was deleted.`);
  }

  override _props(): Record<string, PropDef<RangeT>> {
    const limit = this._ctx.config.readCellLimit;
    return {
      address: { get: (t) => `${quoteSheet(t.sheet.name)}!${rectA1(t.rect)}` },
      rowCount: { get: (t) => t.rect.r1 - t.rect.r0 + 1 },
      columnCount: { get: (t) => t.rect.c1 - t.rect.c0 + 1 },
      rowIndex: { get: (t) => t.rect.r0 },
      columnIndex: { get: (t) => t.rect.c0 },
      cellCount: { get: (t) => cells(t.rect) },
      values: {
        get: (t) => readMatrix(t, limit, (r, c) => t.sheet.valueAt(r, c)),
        set: (t, v) => {
          const m = matrix(t, v, "values");
          assertEditable(t, "values", true);
          m.forEach((row, i) => row.forEach((x, j) => t.sheet.input(t.rect.r0 + i, t.rect.c0 + j, x)));
        },
      },
      formulas: {
        get: (t) => readMatrix(t, limit, (r, c) => t.sheet.formulaAt(r, c) ?? t.sheet.valueAt(r, c)),
        set: (t, v) => {
          const m = matrix(t, v, "formulas");
          assertEditable(t, "formulas", true);
          m.forEach((row, i) => row.forEach((x, j) => t.sheet.input(t.rect.r0 + i, t.rect.c0 + j, x)));
        },
      },
      numberFormat: {
        get: (t) => readMatrix(t, limit, (r, c) => t.sheet.numberFormatAt(r, c)),
        set: (t, v) => {
          const m = matrix(t, v, "numberFormat");
          assertEditable(t, "numberFormat");
          m.forEach((row, i) => row.forEach((x, j) => t.sheet.setNumberFormat(t.rect.r0 + i, t.rect.c0 + j, x)));
        },
      },
    };
  }

  get format(): RangeFormatD {
    return this._child("format", () => new RangeFormatD(this._ctx, this, "format", []));
  }
  get conditionalFormats(): ConditionalFormatCollectionD {
    return this._child("cf", () => new ConditionalFormatCollectionD(this._ctx, this, "conditionalFormats", []));
  }
  get dataValidation(): DataValidationD {
    return this._child("dv", () => new DataValidationD(this._ctx, this, "dataValidation", []));
  }

  clear(applyTo: string = "All"): void {
    this._method("clear", [applyTo], () => {
      if (!["All", "Formats", "Contents"].includes(applyTo)) throw new DoubleError("InvalidArgument", `clear(${applyTo}) is not supported by the double.`);
      const t = this._target();
      assertEditable(t, "clear");
      t.sheet.clear(t.rect, applyTo);
    });
  }

  getUsedRangeOrNullObject(valuesOnly?: boolean): RangeD {
    return wrap(new RangeD(this._ctx, this, "getUsedRangeOrNullObject", [valuesOnly], () => {
      const t = this._target();
      const r = t.sheet.usedRange(!!valuesOnly, t.rect);
      return r ? { sheet: t.sheet, rect: r } : NULL_TARGET;
    }, "1.4"));
  }

  getCell(row: number, column: number): RangeD {
    return wrap(new RangeD(this._ctx, this, "getCell", [row, column], () => {
      const t = this._target();
      const r = t.rect.r0 + row;
      const c = t.rect.c0 + column;
      return { sheet: t.sheet, rect: { r0: r, c0: c, r1: r, c1: c } };
    }));
  }
}
accessors(RangeD, ["values", "formulas", "numberFormat", "address", "rowCount", "columnCount", "rowIndex", "columnIndex", "cellCount"]);

/** Value of a style property over a range: the common value, or null when cells differ. */
function uniform<X>(t: RangeT, f: (r: number, c: number) => X): X | null {
  let first: X | undefined;
  for (let r = t.rect.r0; r <= t.rect.r1; r++) {
    for (let c = t.rect.c0; c <= t.rect.c1; c++) {
      const v = f(r, c);
      if (first === undefined) first = v;
      else if (v !== first) return null;
    }
  }
  return first ?? null;
}

function eachCell(t: RangeT, f: (r: number, c: number) => void): void {
  for (let r = t.rect.r0; r <= t.rect.r1; r++) for (let c = t.rect.c0; c <= t.rect.c1; c++) f(r, c);
}

/** A sub-object of a range (format, font, fill, …): shares the range's target. */
abstract class RangePart extends DoubleObject<RangeT> {
  protected _resolveFresh(): Resolved<RangeT> {
    return (this._parent as DoubleObject<RangeT>)._resolve();
  }
  protected override _check(t: RangeT): void {
    if (t.sheet.deleted) throw new DoubleError("ItemNotFound", `The worksheet '${t.sheet.name}' was deleted.`);
  }
}

function styleProp(
  key: "bold" | "italic" | "fontColor" | "fontSize" | "fontName" | "fill" | "hAlign" | "wrap",
  check: (v: unknown) => boolean,
  norm: (v: unknown) => unknown = (v) => v,
  def: unknown = null,
): PropDef<RangeT> {
  return {
    get: (t) => uniform(t, (r, c) => t.sheet.styleAt(r, c)[key] ?? def),
    set: (t, v) => {
      if (!check(v)) throw new DoubleError("InvalidArgument", `Bad value for ${key}: ${JSON.stringify(v)}.`);
      assertEditable(t, key);
      const nv = norm(v);
      eachCell(t, (r, c) => t.sheet.updateStyle(r, c, { [key]: nv }));
    },
  };
}

const isColour = (v: unknown): boolean => typeof v === "string" && /^(#[0-9A-Fa-f]{6}|[A-Za-z]+)$/.test(v);
const upper = (v: unknown): unknown => (typeof v === "string" ? v.toUpperCase() : v);

export class RangeFormatD extends RangePart {
  readonly _kind = "RangeFormat";
  override _props(): Record<string, PropDef<RangeT>> {
    return {
      columnWidth: {
        get: (t) => t.sheet.columnWidths.get(t.rect.c0) ?? 48,
        set: (t, v) => {
          if (typeof v !== "number" || !(v >= 0 && v <= 255 * 7.5)) throw new DoubleError("InvalidArgument", `Bad column width ${String(v)}.`);
          assertEditable(t, "columnWidth");
          for (let c = t.rect.c0; c <= t.rect.c1; c++) t.sheet.columnWidths.set(c, v);
        },
      },
      rowHeight: {
        get: (t) => t.sheet.rowHeights.get(t.rect.r0) ?? 15,
        set: (t, v) => {
          if (typeof v !== "number" || !(v >= 0 && v <= 409)) throw new DoubleError("InvalidArgument", `Bad row height ${String(v)}.`);
          for (let r = t.rect.r0; r <= t.rect.r1; r++) t.sheet.rowHeights.set(r, v);
        },
      },
      horizontalAlignment: styleProp("hAlign", (v) => ["General", "Left", "Center", "Right", "Fill", "Justify", "CenterAcrossSelection", "Distributed"].includes(String(v)), undefined, "General"),
      wrapText: styleProp("wrap", (v) => typeof v === "boolean", undefined, false),
    };
  }
  get font(): RangeFontD {
    return this._child("font", () => new RangeFontD(this._ctx, this, "font", []));
  }
  get fill(): RangeFillD {
    return this._child("fill", () => new RangeFillD(this._ctx, this, "fill", []));
  }
  get borders(): RangeBorderCollectionD {
    return this._child("borders", () => new RangeBorderCollectionD(this._ctx, this, "borders", []));
  }
  get protection(): FormatProtectionD {
    return this._child("protection", () => new FormatProtectionD(this._ctx, this, "protection", []));
  }
}
accessors(RangeFormatD, ["columnWidth", "rowHeight", "horizontalAlignment", "wrapText"]);

export class RangeFontD extends RangePart {
  readonly _kind = "RangeFont";
  override _props(): Record<string, PropDef<RangeT>> {
    return {
      bold: styleProp("bold", (v) => typeof v === "boolean", undefined, false),
      italic: styleProp("italic", (v) => typeof v === "boolean", undefined, false),
      color: styleProp("fontColor", isColour, upper, "#000000"),
      size: styleProp("fontSize", (v) => typeof v === "number" && v >= 1 && v <= 409, undefined, 11),
      name: styleProp("fontName", (v) => typeof v === "string" && v.length > 0, undefined, "Calibri"),
    };
  }
}
accessors(RangeFontD, ["bold", "italic", "color", "size", "name"]);

export class RangeFillD extends RangePart {
  readonly _kind = "RangeFill";
  override _props(): Record<string, PropDef<RangeT>> {
    return { color: styleProp("fill", isColour, upper, "#FFFFFF") };
  }
  clear(): void {
    this._method("clear", [], () => {
      const t = this._target();
      assertEditable(t, "fill");
      eachCell(t, (r, c) => t.sheet.updateStyle(r, c, { fill: undefined }));
    });
  }
}
accessors(RangeFillD, ["color"]);

export class FormatProtectionD extends RangePart {
  readonly _kind = "FormatProtection";
  override _props(): Record<string, PropDef<RangeT>> {
    return {
      locked: {
        get: (t) => uniform(t, (r, c) => t.sheet.isLocked(r, c)),
        set: (t, v) => {
          if (typeof v !== "boolean") throw new DoubleError("InvalidArgument", "locked must be a boolean.");
          assertEditable(t, "locked");
          eachCell(t, (r, c) => t.sheet.updateStyle(r, c, { locked: v ? undefined : false }));
        },
        minSet: "1.2",
      },
    };
  }
}
accessors(FormatProtectionD, ["locked"]);

const BORDER_INDEXES = ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight", "InsideVertical", "InsideHorizontal", "DiagonalDown", "DiagonalUp"];
const BORDER_STYLES = ["None", "Continuous", "Dash", "DashDot", "DashDotDot", "Dot", "Double", "SlantDashDot"];

export class RangeBorderCollectionD extends RangePart {
  readonly _kind = "RangeBorderCollection";
  getItem(index: string): RangeBorderD {
    return wrap(new RangeBorderD(this._ctx, this, "getItem", [index], index));
  }
}

export class RangeBorderD extends RangePart {
  readonly _kind = "RangeBorder";
  constructor(ctx: DoubleContext, parent: AnyObject, pathName: string, pathArgs: unknown[], private readonly _index: string) {
    super(ctx, parent, pathName, pathArgs);
  }
  protected override _resolveFresh(): Resolved<RangeT> {
    if (!BORDER_INDEXES.includes(this._index)) throw new DoubleError("InvalidArgument", `Bad border index ${this._index}.`);
    return super._resolveFresh();
  }
  override _props(): Record<string, PropDef<RangeT>> {
    return {
      style: {
        set: (t, v) => {
          if (!BORDER_STYLES.includes(String(v))) throw new DoubleError("InvalidArgument", `Bad border style ${String(v)}.`);
          assertEditable(t, "border");
          const val = v === "None" ? undefined : String(v);
          const { r0, r1, c0, c1 } = t.rect;
          const put = (r: number, c: number, side: "top" | "bottom" | "left" | "right"): void => t.sheet.updateStyle(r, c, { borders: { [side]: val } });
          switch (this._index) {
            case "EdgeTop":
              for (let c = c0; c <= c1; c++) put(r0, c, "top");
              break;
            case "EdgeBottom":
              for (let c = c0; c <= c1; c++) put(r1, c, "bottom");
              break;
            case "EdgeLeft":
              for (let r = r0; r <= r1; r++) put(r, c0, "left");
              break;
            case "EdgeRight":
              for (let r = r0; r <= r1; r++) put(r, c1, "right");
              break;
            case "InsideHorizontal":
              for (let r = r0; r < r1; r++) for (let c = c0; c <= c1; c++) {
                put(r, c, "bottom");
                put(r + 1, c, "top");
              }
              break;
            case "InsideVertical":
              for (let c = c0; c < c1; c++) for (let r = r0; r <= r1; r++) {
                put(r, c, "right");
                put(r, c + 1, "left");
              }
              break;
            default:
              break; // diagonals are not recorded
          }
        },
      },
      // Colours and weights are accepted (validated) but not recorded per side.
      color: { set: (_t, v) => { if (!isColour(v)) throw new DoubleError("InvalidArgument", `Bad border colour ${String(v)}.`); } },
      weight: { set: (_t, v) => { if (!["Hairline", "Thin", "Medium", "Thick"].includes(String(v))) throw new DoubleError("InvalidArgument", `Bad border weight ${String(v)}.`); } },
    };
  }
}
accessors(RangeBorderD, ["style", "color", "weight"]);

// ----- conditional formats ---------------------------------------------------------------

const CF_TYPES = ["Custom", "DataBar", "ColorScale", "IconSet", "TopBottom", "PresetCriteria", "ContainsText", "CellValue"];
const CF_OPERATORS = ["Between", "NotBetween", "EqualTo", "NotEqualTo", "GreaterThan", "LessThan", "GreaterThanOrEqual", "LessThanOrEqual"];

export class ConditionalFormatCollectionD extends DoubleCollection<RangeT, ConditionalFormatState> {
  readonly _kind = "ConditionalFormatCollection";
  protected _resolveFresh(): Resolved<RangeT> {
    return (this._parent as DoubleObject<RangeT>)._resolve();
  }
  _itemProps(): Record<string, PropDef<ConditionalFormatState>> {
    return { type: { get: (c) => c.type }, id: { get: (c) => String(c.id) } };
  }
  _itemsOf(t: RangeT): ConditionalFormatState[] {
    return t.sheet.conditionalFormats.filter((cf) => intersects(cf.rect, t.rect));
  }
  _itemProxy(item: ConditionalFormatState): DoubleObject<ConditionalFormatState> {
    return wrap(new ConditionalFormatD(this._ctx, this, "_GetItem", [item.id]));
  }
  add(type: string): ConditionalFormatD {
    const cf = wrap(new ConditionalFormatD(this._ctx, this, "add", [type]));
    this._method(
      "add",
      [type],
      () => {
        if (!CF_TYPES.includes(type)) throw new DoubleError("InvalidArgument", `Bad conditional format type ${type}.`);
        const t = this._target();
        assertEditable(t, "conditionalFormats.add");
        const rec: ConditionalFormatState = { id: t.sheet.workbook.nextId(), type, rect: { ...t.rect } };
        t.sheet.conditionalFormats.push(rec);
        cf._cached = rec;
      },
      "1.6",
    );
    return cf;
  }
  clearAll(): void {
    this._method(
      "clearAll",
      [],
      () => {
        const t = this._target();
        assertEditable(t, "conditionalFormats.clearAll");
        t.sheet.conditionalFormats = t.sheet.conditionalFormats.filter((cf) => !intersects(cf.rect, t.rect));
      },
      "1.6",
    );
  }
}

export class ConditionalFormatD extends DoubleObject<ConditionalFormatState> {
  readonly _kind = "ConditionalFormat";
  protected _resolveFresh(): Resolved<ConditionalFormatState> {
    throw new DoubleError("GeneralException", "conditional format used before it was added");
  }
  override _props(): Record<string, PropDef<ConditionalFormatState>> {
    return { type: { get: (c) => c.type }, id: { get: (c) => String(c.id) } };
  }
  get cellValue(): CellValueConditionalFormatD {
    return this._child("cellValue", () => new CellValueConditionalFormatD(this._ctx, this, "cellValue", []));
  }
}
accessors(ConditionalFormatD, ["type", "id"]);

abstract class CfPart extends DoubleObject<ConditionalFormatState> {
  protected _resolveFresh(): Resolved<ConditionalFormatState> {
    return (this._parent as DoubleObject<ConditionalFormatState>)._resolve();
  }
}

export class CellValueConditionalFormatD extends CfPart {
  readonly _kind = "CellValueConditionalFormat";
  protected override _resolveFresh(): Resolved<ConditionalFormatState> {
    const t = super._resolveFresh();
    if (t !== NULL_TARGET && t.type !== "CellValue") throw new DoubleError("InvalidArgument", `cellValue of a ${t.type} conditional format.`);
    return t;
  }
  override _props(): Record<string, PropDef<ConditionalFormatState>> {
    return {
      rule: {
        get: (c) => c.rule,
        set: (c, v) => {
          const r = v as { formula1?: unknown; formula2?: unknown; operator?: unknown };
          if (!r || typeof r.formula1 !== "string" || !CF_OPERATORS.includes(String(r.operator))) {
            throw new DoubleError("InvalidArgument", `Bad cell value rule ${JSON.stringify(v)}.`);
          }
          if ((r.operator === "Between" || r.operator === "NotBetween") && typeof r.formula2 !== "string") {
            throw new DoubleError("InvalidArgument", "Between needs formula2.");
          }
          c.rule = { formula1: r.formula1, operator: String(r.operator), ...(typeof r.formula2 === "string" ? { formula2: r.formula2 } : {}) };
        },
      },
    };
  }
  get format(): ConditionalRangeFormatD {
    return this._child("format", () => new ConditionalRangeFormatD(this._ctx, this, "format", []));
  }
}
accessors(CellValueConditionalFormatD, ["rule"]);

export class ConditionalRangeFormatD extends CfPart {
  readonly _kind = "ConditionalRangeFormat";
  get fill(): ConditionalFillD {
    return this._child("fill", () => new ConditionalFillD(this._ctx, this, "fill", []));
  }
  get font(): ConditionalFontD {
    return this._child("font", () => new ConditionalFontD(this._ctx, this, "font", []));
  }
}

export class ConditionalFillD extends CfPart {
  readonly _kind = "ConditionalRangeFill";
  override _props(): Record<string, PropDef<ConditionalFormatState>> {
    return {
      color: {
        get: (c) => c.fill,
        set: (c, v) => {
          if (!isColour(v)) throw new DoubleError("InvalidArgument", `Bad colour ${String(v)}.`);
          c.fill = String(v).toUpperCase();
        },
      },
    };
  }
}
accessors(ConditionalFillD, ["color"]);

export class ConditionalFontD extends CfPart {
  readonly _kind = "ConditionalRangeFont";
  override _props(): Record<string, PropDef<ConditionalFormatState>> {
    return {
      color: {
        get: (c) => c.fontColor,
        set: (c, v) => {
          if (!isColour(v)) throw new DoubleError("InvalidArgument", `Bad colour ${String(v)}.`);
          c.fontColor = String(v).toUpperCase();
        },
      },
      bold: { get: (c) => c.bold, set: (c, v) => void (c.bold = !!v) },
    };
  }
}
accessors(ConditionalFontD, ["color", "bold"]);

// ----- data validation -------------------------------------------------------------------

const DV_OPERATORS = ["Between", "NotBetween", "EqualTo", "NotEqualTo", "GreaterThan", "LessThan", "GreaterThanOrEqualTo", "LessThanOrEqualTo"];

function validateRule(v: unknown): Record<string, unknown> {
  if (!v || typeof v !== "object") throw new DoubleError("InvalidArgument", "A data validation rule must be an object.");
  const keys = Object.keys(v).filter((k) => (v as Record<string, unknown>)[k] !== undefined);
  if (keys.length !== 1) throw new DoubleError("InvalidArgument", `A data validation rule needs exactly one kind, got ${keys.join(",") || "none"}.`);
  const k = keys[0];
  const body = (v as Record<string, Record<string, unknown>>)[k];
  if (k === "wholeNumber" || k === "decimal" || k === "textLength") {
    if (!DV_OPERATORS.includes(String(body.operator))) throw new DoubleError("InvalidArgument", `Bad operator ${String(body.operator)}.`);
    if (body.formula1 === undefined) throw new DoubleError("InvalidArgument", "formula1 is required.");
    if ((body.operator === "Between" || body.operator === "NotBetween") && body.formula2 === undefined) throw new DoubleError("InvalidArgument", "Between needs formula2.");
  } else if (k === "list") {
    if (typeof body.source !== "string" || body.source.length === 0) throw new DoubleError("InvalidArgument", "A list validation needs a source.");
    if (typeof body.inCellDropDown !== "boolean") throw new DoubleError("InvalidArgument", "inCellDropDown is required.");
  } else if (k !== "custom" && k !== "date" && k !== "time") {
    throw new DoubleError("InvalidArgument", `Unknown validation kind ${k}.`);
  }
  return JSON.parse(JSON.stringify(v)) as Record<string, unknown>;
}

export class DataValidationD extends RangePart {
  readonly _kind = "DataValidation";
  private _entry(t: RangeT): ValidationState {
    let e = t.sheet.validations.find((x) => x.rect.r0 === t.rect.r0 && x.rect.r1 === t.rect.r1 && x.rect.c0 === t.rect.c0 && x.rect.c1 === t.rect.c1);
    if (!e) {
      t.sheet.validations = t.sheet.validations.filter((x) => !contains(t.rect, x.rect));
      e = { rect: { ...t.rect } };
      t.sheet.validations.push(e);
    }
    return e;
  }
  override _props(): Record<string, PropDef<RangeT>> {
    const find = (t: RangeT): ValidationState | undefined => t.sheet.validations.find((x) => contains(x.rect, t.rect));
    return {
      rule: {
        get: (t) => find(t)?.rule ?? {},
        set: (t, v) => {
          assertEditable(t, "dataValidation");
          this._entry(t).rule = validateRule(v);
        },
        minSet: "1.8",
      },
      prompt: {
        get: (t) => find(t)?.prompt,
        set: (t, v) => {
          assertEditable(t, "dataValidation");
          this._entry(t).prompt = { ...(v as object) };
        },
        minSet: "1.8",
      },
      errorAlert: {
        get: (t) => find(t)?.errorAlert,
        set: (t, v) => {
          const a = v as { style?: string };
          if (a.style !== undefined && !["Stop", "Warning", "Information"].includes(a.style)) throw new DoubleError("InvalidArgument", `Bad alert style ${a.style}.`);
          assertEditable(t, "dataValidation");
          this._entry(t).errorAlert = { ...(v as object) };
        },
        minSet: "1.8",
      },
      ignoreBlanks: {
        get: (t) => find(t)?.ignoreBlanks ?? true,
        set: (t, v) => {
          assertEditable(t, "dataValidation");
          this._entry(t).ignoreBlanks = !!v;
        },
        minSet: "1.8",
      },
    };
  }
  clear(): void {
    this._method(
      "clear",
      [],
      () => {
        const t = this._target();
        t.sheet.validations = t.sheet.validations.filter((x) => !intersects(x.rect, t.rect));
      },
      "1.8",
    );
  }
}
accessors(DataValidationD, ["rule", "prompt", "errorAlert", "ignoreBlanks"]);

// ----- tables ----------------------------------------------------------------------------

const TABLE_NAME = /^[\p{L}_\\][\p{L}\p{N}_.\\]*$/u;

export class TableCollectionD extends DoubleCollection<SheetState, TableState> {
  readonly _kind = "TableCollection";
  protected _resolveFresh(): Resolved<SheetState> {
    return (this._parent as DoubleObject<SheetState>)._resolve();
  }
  protected override _check(s: SheetState): void {
    if (s.deleted) throw new DoubleError("ItemNotFound", `The worksheet '${s.name}' was deleted.`);
  }
  _itemProps(): Record<string, PropDef<TableState>> {
    return { name: { get: (t) => t.name }, id: { get: (t) => String(t.id) }, style: { get: (t) => t.style } };
  }
  _itemsOf(s: SheetState): TableState[] {
    return [...s.tables];
  }
  _itemProxy(item: TableState): DoubleObject<TableState> {
    return wrap(new TableD(this._ctx, this, "_GetItem", [item.id]));
  }
  add(address: string | RangeD, hasHeaders: boolean): TableD {
    const table = wrap(new TableD(this._ctx, this, "add", [address, hasHeaders]));
    this._method("add", [address, hasHeaders], () => {
      const s = this._target();
      let rect: Rect;
      if (typeof address === "string") {
        const bang = address.lastIndexOf("!");
        if (bang >= 0) {
          const sheetName = address.slice(0, bang).replace(/^'(.*)'$/, "$1").replace(/''/g, "'");
          if (s.workbook.sheet(sheetName) !== s) throw new DoubleError("InvalidArgument", `Table address ${address} is not on sheet ${s.name}.`);
        }
        rect = parseA1(address);
      } else {
        const t = address._target();
        if (t.sheet !== s) throw new DoubleError("InvalidArgument", "Table range is on another sheet.");
        rect = t.rect;
      }
      assertEditable({ sheet: s, rect }, "tables.add");
      if (s.workbook.allTables().some((x) => s.tables.includes(x) && intersects(x.rect, rect))) {
        throw new DoubleError("InvalidOperation", "A table can't overlap another table.");
      }
      if (hasHeaders) {
        // Excel turns the header row into unique, non-blank text.
        const seen = new Set<string>();
        for (let c = rect.c0; c <= rect.c1; c++) {
          let h = String(s.valueAt(rect.r0, c) ?? "");
          if (s.formulaAt(rect.r0, c) !== undefined || h === "") h = `Column${c - rect.c0 + 1}`;
          let k = 2;
          const base = h;
          while (seen.has(h.toLowerCase())) h = `${base}${k++}`;
          seen.add(h.toLowerCase());
          if (h !== s.valueAt(rect.r0, c)) {
            s.setNumberFormat(rect.r0, c, "@");
            s.input(rect.r0, c, h);
          }
        }
      }
      let n = 1;
      while (s.workbook.allTables().some((x) => x.name.toLowerCase() === `table${n}`)) n++;
      const rec: TableState = { id: s.workbook.nextId(), name: `Table${n}`, rect, hasHeaders, style: "TableStyleMedium2" };
      s.tables.push(rec);
      table._cached = rec;
    });
    return table;
  }
}

export class TableD extends DoubleObject<TableState> {
  readonly _kind = "Table";
  declare name: string;
  declare style: string;
  protected _resolveFresh(): Resolved<TableState> {
    throw new DoubleError("GeneralException", "table used before it was added");
  }
  override _props(): Record<string, PropDef<TableState>> {
    return {
      id: { get: (t) => String(t.id) },
      name: {
        get: (t) => t.name,
        set: (t, v) => {
          const n = String(v);
          if (!TABLE_NAME.test(n) || /^[A-Za-z]{1,3}\d+$/.test(n) || n.length > 255) throw new DoubleError("InvalidArgument", `'${n}' is not a valid table name.`);
          const wb = this._ctx.state;
          if (wb.allTables().some((x) => x !== t && x.name.toLowerCase() === n.toLowerCase())) throw new DoubleError("ItemAlreadyExists", `A table named '${n}' already exists.`);
          t.name = n;
        },
      },
      style: {
        get: (t) => t.style,
        set: (t, v) => {
          if (typeof v !== "string" || !/^TableStyle(Light|Medium|Dark)\d{1,2}$/.test(v)) throw new DoubleError("InvalidArgument", `Unknown table style ${String(v)}.`);
          t.style = v;
        },
      },
    };
  }
}
accessors(TableD, ["id", "name", "style"]);

// ----- charts ----------------------------------------------------------------------------

/** Chart types the double knows, with the requirement set that introduced them. */
const CHART_TYPES: Record<string, string> = {
  ColumnClustered: "1.1",
  ColumnStacked: "1.1",
  ColumnStacked100: "1.1",
  BarClustered: "1.1",
  BarStacked: "1.1",
  BarStacked100: "1.1",
  Line: "1.1",
  LineMarkers: "1.1",
  Pie: "1.1",
  Doughnut: "1.1",
  Area: "1.1",
  XYScatter: "1.1",
  Funnel: "1.9",
  Pareto: "1.9",
  Waterfall: "1.9",
  Histogram: "1.9",
  Treemap: "1.9",
  Sunburst: "1.9",
};

function checkChartType(ctx: DoubleContext, type: string): void {
  const since = CHART_TYPES[type];
  if (!since) throw new DoubleError("InvalidArgument", `Unknown chart type ${type}.`);
  if (!versionAtLeast(ctx.config.apiVersion, since)) throw new DoubleError("InvalidArgument", `Chart type ${type} is not supported by this host (ExcelApi ${ctx.config.apiVersion}).`);
}

function rangeRef(ctx: DoubleContext, x: unknown, defaultSheet?: SheetState): { sheet: SheetState; rect: Rect } {
  if (x instanceof DoubleObject) return (x as RangeD)._target();
  if (typeof x === "string" && defaultSheet) return { sheet: defaultSheet, rect: parseA1(x) };
  throw new DoubleError("InvalidArgument", `Expected a Range, got ${typeof x}.`);
}

function qualified(r: { sheet: SheetState; rect: Rect }): string {
  return `${quoteSheet(r.sheet.name)}!${rectA1(r.rect)}`;
}

export class ChartCollectionD extends DoubleCollection<SheetState, ChartState> {
  readonly _kind = "ChartCollection";
  protected _resolveFresh(): Resolved<SheetState> {
    return (this._parent as DoubleObject<SheetState>)._resolve();
  }
  protected override _check(s: SheetState): void {
    if (s.deleted) throw new DoubleError("ItemNotFound", `The worksheet '${s.name}' was deleted.`);
  }
  _itemProps(): Record<string, PropDef<ChartState>> {
    return { name: { get: (c) => c.name }, chartType: { get: (c) => c.chartType } };
  }
  _itemsOf(s: SheetState): ChartState[] {
    return s.charts.filter((c) => !c.deleted);
  }
  _itemProxy(item: ChartState): DoubleObject<ChartState> {
    return wrap(new ChartD(this._ctx, this, "_GetItem", [item.id]));
  }
  add(type: string, sourceData: RangeD | string, seriesBy: string = "Auto"): ChartD {
    const chart = wrap(new ChartD(this._ctx, this, "add", [type, sourceData, seriesBy]));
    this._method("add", [type, sourceData, seriesBy], () => {
      const s = this._target();
      checkChartType(this._ctx, type);
      if (!["Auto", "Columns", "Rows"].includes(seriesBy)) throw new DoubleError("InvalidArgument", `Bad seriesBy ${seriesBy}.`);
      const src = rangeRef(this._ctx, sourceData, s);
      if (s.protection.protected) throw new DoubleError("AccessDenied", `Sheet ${s.name} is protected.`);
      const byRows = seriesBy === "Rows" || (seriesBy === "Auto" && src.rect.c1 - src.rect.c0 > src.rect.r1 - src.rect.r0);
      const series: SeriesState[] = [];
      if (byRows) {
        for (let r = src.rect.r0; r <= src.rect.r1; r++) series.push({ name: `Series${series.length + 1}`, values: qualified({ sheet: src.sheet, rect: { ...src.rect, r0: r, r1: r } }), axisGroup: "Primary" });
      } else {
        for (let c = src.rect.c0; c <= src.rect.c1; c++) series.push({ name: `Series${series.length + 1}`, values: qualified({ sheet: src.sheet, rect: { ...src.rect, c0: c, c1: c } }), axisGroup: "Primary" });
      }
      const rec: ChartState = {
        id: s.workbook.nextId(),
        name: `Chart ${s.charts.length + 1}`,
        chartType: type,
        series,
        axes: [],
        sourceData: qualified(src),
        seriesBy,
      };
      s.charts.push(rec);
      chart._cached = rec;
    });
    return chart;
  }
}

export class ChartD extends DoubleObject<ChartState> {
  readonly _kind = "Chart";
  declare name: string;
  declare chartType: string;
  protected _resolveFresh(): Resolved<ChartState> {
    throw new DoubleError("GeneralException", "chart used before it was added");
  }
  protected override _check(c: ChartState): void {
    if (c.deleted) throw new DoubleError("ItemNotFound", "The chart was deleted.");
  }
  override _props(): Record<string, PropDef<ChartState>> {
    return {
      name: { get: (c) => c.name, set: (c, v) => void (c.name = String(v)) },
      chartType: {
        get: (c) => c.chartType,
        set: (c, v) => {
          checkChartType(this._ctx, String(v));
          c.chartType = String(v);
        },
      },
    };
  }
  get title(): ChartTitleD {
    return this._child("title", () => new ChartTitleD(this._ctx, this, "title", []));
  }
  get series(): ChartSeriesCollectionD {
    return this._child("series", () => new ChartSeriesCollectionD(this._ctx, this, "series", []));
  }
  get axes(): ChartAxesD {
    return this._child("axes", () => new ChartAxesD(this._ctx, this, "axes", []));
  }
  setPosition(startCell: RangeD | string, endCell?: RangeD | string): void {
    this._method("setPosition", [startCell, endCell], () => {
      const c = this._target();
      const addr = (x: RangeD | string): string => (typeof x === "string" ? rectA1(parseA1(x)) : rectA1(x._target().rect));
      c.position = { start: addr(startCell), ...(endCell !== undefined ? { end: addr(endCell) } : {}) };
    });
  }
  delete(): void {
    this._method("delete", [], () => void (this._target().deleted = true));
  }
}
accessors(ChartD, ["name", "chartType"]);

abstract class ChartPart extends DoubleObject<ChartState> {
  protected _resolveFresh(): Resolved<ChartState> {
    return (this._parent as DoubleObject<ChartState>)._resolve();
  }
}

export class ChartTitleD extends ChartPart {
  readonly _kind = "ChartTitle";
  override _props(): Record<string, PropDef<ChartState>> {
    return { text: { get: (c) => c.title ?? "", set: (c, v) => void (c.title = String(v)) } };
  }
}
accessors(ChartTitleD, ["text"]);

export class ChartSeriesCollectionD extends DoubleCollection<ChartState, SeriesState> {
  readonly _kind = "ChartSeriesCollection";
  declare readonly count: number;
  protected _resolveFresh(): Resolved<ChartState> {
    return (this._parent as DoubleObject<ChartState>)._resolve();
  }
  _itemProps(): Record<string, PropDef<SeriesState>> {
    return { name: { get: (s) => s.name }, chartType: { get: (s) => s.chartType }, axisGroup: { get: (s) => s.axisGroup } };
  }
  _itemsOf(c: ChartState): SeriesState[] {
    return [...c.series];
  }
  _itemProxy(item: SeriesState): DoubleObject<SeriesState> {
    return wrap(new ChartSeriesD(this._ctx, this, "_GetItem", [], () => item));
  }
  getItemAt(index: number): ChartSeriesD {
    return wrap(
      new ChartSeriesD(this._ctx, this, "getItemAt", [index], () => {
        const c = this._target();
        const s = c.series[index];
        if (!s) throw new DoubleError("ItemNotFound", `The chart has no series at index ${index}.`);
        return s;
      }),
    );
  }
  add(name?: string, index?: number): ChartSeriesD {
    const sp = wrap(
      new ChartSeriesD(this._ctx, this, "add", [name, index], () => {
        throw new DoubleError("GeneralException", "series used before it was added");
      }),
    );
    this._method(
      "add",
      [name, index],
      () => {
        const c = this._target();
        const rec: SeriesState = { name: name ?? `Series${c.series.length + 1}`, axisGroup: "Primary" };
        if (index === undefined) c.series.push(rec);
        else c.series.splice(index, 0, rec);
        sp._cached = rec;
      },
      "1.7",
    );
    return sp;
  }
}
accessors(ChartSeriesCollectionD, ["count"]);

export class ChartSeriesD extends DoubleObject<SeriesState> {
  readonly _kind = "ChartSeries";
  declare name: string;
  declare chartType: string;
  declare axisGroup: string;
  constructor(ctx: DoubleContext, parent: AnyObject, pathName: string, pathArgs: unknown[], private readonly _finder: () => SeriesState) {
    super(ctx, parent, pathName, pathArgs);
  }
  protected _resolveFresh(): Resolved<SeriesState> {
    return this._finder();
  }
  private _chart(): ChartState {
    return (this._parent as DoubleObject<ChartState>)._target();
  }
  override _props(): Record<string, PropDef<SeriesState>> {
    return {
      name: { get: (s) => s.name, set: (s, v) => void (s.name = String(v)) },
      chartType: {
        get: (s) => s.chartType ?? this._chart().chartType,
        set: (s, v) => {
          checkChartType(this._ctx, String(v));
          s.chartType = String(v);
        },
        minSet: "1.7",
      },
      axisGroup: {
        get: (s) => s.axisGroup,
        set: (s, v) => {
          if (v !== "Primary" && v !== "Secondary") throw new DoubleError("InvalidArgument", `Bad axis group ${String(v)}.`);
          s.axisGroup = v;
        },
        minSet: "1.8",
      },
    };
  }
  setValues(sourceData: RangeD): void {
    this._method("setValues", [sourceData], () => void (this._target().values = qualified(rangeRef(this._ctx, sourceData))), "1.7");
  }
  setXAxisValues(sourceData: RangeD): void {
    this._method("setXAxisValues", [sourceData], () => void (this._target().xValues = qualified(rangeRef(this._ctx, sourceData))), "1.7");
  }
  delete(): void {
    this._method(
      "delete",
      [],
      () => {
        const c = this._chart();
        const s = this._target();
        c.series = c.series.filter((x) => x !== s);
      },
      "1.7",
    );
  }
}
accessors(ChartSeriesD, ["name", "chartType", "axisGroup"]);

export class ChartAxesD extends ChartPart {
  readonly _kind = "ChartAxes";
  get categoryAxis(): ChartAxisD {
    return this._child("categoryAxis", () => new ChartAxisD(this._ctx, this, "categoryAxis", [], "Category", "Primary"));
  }
  get valueAxis(): ChartAxisD {
    return this._child("valueAxis", () => new ChartAxisD(this._ctx, this, "valueAxis", [], "Value", "Primary"));
  }
  getItem(type: string, group: string = "Primary"): ChartAxisD {
    const ax = wrap(new ChartAxisD(this._ctx, this, "getItem", [type, group], type as AxisState["type"], group as AxisState["group"]));
    ax._minSet = "1.7";
    return ax;
  }
}

export class ChartAxisD extends DoubleObject<AxisState> {
  readonly _kind = "ChartAxis";
  _minSet: string | undefined = undefined;
  constructor(
    ctx: DoubleContext,
    parent: AnyObject,
    pathName: string,
    pathArgs: unknown[],
    private readonly _type: AxisState["type"],
    private readonly _group: AxisState["group"],
  ) {
    super(ctx, parent, pathName, pathArgs);
  }
  protected _resolveFresh(): Resolved<AxisState> {
    if (this._minSet && !versionAtLeast(this._ctx.config.apiVersion, this._minSet)) throw new DoubleError("ApiNotFound", `ChartAxes.getItem needs ExcelApi ${this._minSet}.`);
    if (!["Category", "Value", "Series"].includes(this._type) || !["Primary", "Secondary"].includes(this._group)) {
      throw new DoubleError("InvalidArgument", `Bad axis ${this._type}/${this._group}.`);
    }
    const chart = (this._parent as DoubleObject<ChartState>)._target();
    if (this._group === "Secondary" && !chart.series.some((s) => s.axisGroup === "Secondary")) {
      throw new DoubleError("ItemNotFound", "The chart has no secondary axis (no series is plotted on it).");
    }
    let ax = chart.axes.find((a) => a.type === this._type && a.group === this._group);
    if (!ax) {
      ax = { type: this._type, group: this._group };
      chart.axes.push(ax);
    }
    return ax;
  }
  override _props(): Record<string, PropDef<AxisState>> {
    const num = (k: "minimum" | "maximum"): PropDef<AxisState> => ({
      get: (a) => a[k],
      set: (a, v) => {
        if (typeof v !== "number" || !Number.isFinite(v)) throw new DoubleError("InvalidArgument", `Bad axis ${k} ${String(v)}.`);
        if (a.type !== "Value") throw new DoubleError("InvalidArgument", `A ${a.type} axis has no ${k}.`);
        a[k] = v;
      },
    });
    return {
      minimum: num("minimum"),
      maximum: num("maximum"),
      numberFormat: { get: (a) => a.numberFormat ?? "General", set: (a, v) => void (a.numberFormat = String(v)), minSet: "1.8" },
      reversePlotOrder: { get: (a) => a.reversePlotOrder ?? false, set: (a, v) => void (a.reversePlotOrder = !!v), minSet: "1.7" },
      type: { get: (a) => a.type, minSet: "1.7" },
      axisGroup: { get: (a) => a.group, minSet: "1.8" },
    };
  }
}
accessors(ChartAxisD, ["minimum", "maximum", "numberFormat", "reversePlotOrder", "type", "axisGroup"]);

// ----- freeze panes and protection -------------------------------------------------------

abstract class SheetPart extends DoubleObject<SheetState> {
  protected _resolveFresh(): Resolved<SheetState> {
    return (this._parent as DoubleObject<SheetState>)._resolve();
  }
  protected override _check(s: SheetState): void {
    if (s.deleted) throw new DoubleError("ItemNotFound", `The worksheet '${s.name}' was deleted.`);
  }
}

export class FreezePanesD extends SheetPart {
  readonly _kind = "WorksheetFreezePanes";
  freezeRows(count = 1): void {
    this._method("freezeRows", [count], () => void (this._target().freeze = { rows: count, cols: 0 }), "1.7");
  }
  freezeColumns(count = 1): void {
    this._method("freezeColumns", [count], () => void (this._target().freeze = { rows: 0, cols: count }), "1.7");
  }
  freezeAt(frozenRange: RangeD | string): void {
    this._method(
      "freezeAt",
      [frozenRange],
      () => {
        const s = this._target();
        const rect = typeof frozenRange === "string" ? parseA1(frozenRange) : frozenRange._target().rect;
        if (rect.r0 !== 0 || rect.c0 !== 0) throw new DoubleError("InvalidArgument", "freezeAt needs a range anchored at A1 in the double.");
        s.freeze = { rows: rect.r1 + 1, cols: rect.c1 + 1 };
      },
      "1.7",
    );
  }
  unfreeze(): void {
    this._method("unfreeze", [], () => void (this._target().freeze = null), "1.7");
  }
}

/** Worksheet.pageLayout (ExcelApi 1.9): the properties TierPlan sets. */
export class PageLayoutD extends SheetPart {
  readonly _kind = "PageLayout";
  override _props(): Record<string, PropDef<SheetState>> {
    const oneOf = (key: "paperSize" | "orientation", allowed: string[]): PropDef<SheetState> => ({
      get: (s) => s.pageLayout[key],
      set: (s, v) => {
        if (!allowed.includes(String(v))) throw new DoubleError("InvalidArgument", `Bad ${key} ${String(v)}.`);
        s.pageLayout[key] = String(v);
      },
      minSet: "1.9",
    });
    return {
      paperSize: oneOf("paperSize", ["A4", "Letter", "A3", "Legal"]),
      orientation: oneOf("orientation", ["Portrait", "Landscape"]),
      zoom: {
        get: (s) => s.pageLayout.zoom ?? {},
        set: (s, v) => void (s.pageLayout.zoom = { ...(v as object) }),
        minSet: "1.9",
      },
    };
  }
  setPrintTitleRows(rows: string): void {
    this._method("setPrintTitleRows", [rows], () => {
      if (!/^\$\d+:\$\d+$/.test(rows)) throw new DoubleError("InvalidArgument", `Bad print title rows ${rows}.`);
      this._target().pageLayout.printTitleRows = rows;
    }, "1.9");
  }
  setPrintTitleColumns(columns: string): void {
    this._method("setPrintTitleColumns", [columns], () => {
      if (!/^\$[A-Z]{1,3}:\$[A-Z]{1,3}$/.test(columns)) throw new DoubleError("InvalidArgument", `Bad print title columns ${columns}.`);
      this._target().pageLayout.printTitleColumns = columns;
    }, "1.9");
  }
}

accessors(PageLayoutD, ["paperSize", "orientation", "zoom"]);
/** Worksheet.autoFilter (ExcelApi 1.9). */
export class AutoFilterD extends SheetPart {
  readonly _kind = "AutoFilter";
  apply(range: RangeD | string): void {
    this._method("apply", [range], () => {
      const rect = typeof range === "string" ? parseA1(range) : range._target().rect;
      this._target().autoFilter = rectA1(rect);
    }, "1.9");
  }
}

export class ProtectionD extends SheetPart {
  readonly _kind = "WorksheetProtection";
  override _props(): Record<string, PropDef<SheetState>> {
    return { protected: { get: (s) => s.protection.protected, minSet: "1.2" }, options: { get: (s) => s.protection.options ?? {}, minSet: "1.2" } };
  }
  protect(options?: Record<string, unknown>, password?: string): void {
    this._method(
      "protect",
      [options, password === undefined ? undefined : "***"],
      () => {
        const s = this._target();
        if (s.protection.protected) throw new DoubleError("InvalidOperation", `Sheet ${s.name} is already protected.`);
        s.protection = { protected: true, options: options ? { ...options } : undefined, password: password !== undefined };
      },
      "1.2",
    );
  }
  unprotect(_password?: string): void {
    this._method("unprotect", [], () => void (this._target().protection = { protected: false }), "1.2");
  }
}
accessors(ProtectionD, ["protected", "options"]);

export { a1 };
