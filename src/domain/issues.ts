/**
 * Problems found in a user's workbook. Every layer reports through an IssueLog; nothing
 * throws at the user. An issue names the sheet and cell so that the task pane can select it
 * and the CLI can print it.
 */
export type Severity = "error" | "warning" | "info";

export interface Issue {
  severity: Severity;
  /** Stable machine code, e.g. "sales.badDate"; the UI translates by code. */
  code: string;
  sheet?: string;
  /** A1 address, e.g. "D17". */
  cell?: string;
  /** English message. */
  message: string;
  /** Simplified Chinese message. */
  messageZh?: string;
  /** When one problem repeats on many rows it is grouped: how many rows, and the first cells. */
  count?: number;
  firstCells?: string[];
}

/** Past this many issues with the same code on the same sheet, further ones are grouped. */
export const GROUP_AFTER = 20;

export class IssueLog {
  private readonly items: Issue[] = [];
  private readonly perKey = new Map<string, { shown: number; grouped?: Issue }>();

  add(issue: Issue): void {
    const key = `${issue.code}\u0000${issue.sheet ?? ""}`;
    let slot = this.perKey.get(key);
    if (!slot) {
      slot = { shown: 0 };
      this.perKey.set(key, slot);
    }
    if (slot.shown < GROUP_AFTER) {
      slot.shown++;
      this.items.push(issue);
      return;
    }
    // A real export can have 100,000 lines with the same defect: one grouped line says it all.
    if (!slot.grouped) {
      slot.grouped = {
        ...issue,
        cell: issue.cell,
        count: 0,
        firstCells: [],
        message: issue.message,
        messageZh: issue.messageZh,
      };
      this.items.push(slot.grouped);
    }
    const g = slot.grouped;
    g.count = (g.count ?? 0) + 1;
    if (issue.cell && g.firstCells!.length < 10) g.firstCells!.push(issue.cell);
  }

  error(code: string, message: string, messageZh: string, at?: { sheet?: string; cell?: string }): void {
    this.add({ severity: "error", code, message, messageZh, ...at });
  }

  warn(code: string, message: string, messageZh: string, at?: { sheet?: string; cell?: string }): void {
    this.add({ severity: "warning", code, message, messageZh, ...at });
  }

  info(code: string, message: string, messageZh: string, at?: { sheet?: string; cell?: string }): void {
    this.add({ severity: "info", code, message, messageZh, ...at });
  }

  /** Issues in the order found; grouped entries carry a final message with their count. */
  list(): Issue[] {
    return this.items.map((i) =>
      i.count
        ? {
            ...i,
            message: `${i.message} (and ${i.count} more like this, first at ${i.firstCells!.join(", ")})`,
            messageZh: i.messageZh ? `${i.messageZh}（另有 ${i.count} 处同类问题，首先在 ${i.firstCells!.join(", ")}）` : undefined,
          }
        : i,
    );
  }

  get hasErrors(): boolean {
    return this.items.some((i) => i.severity === "error");
  }
}
