/**
 * Codes every sheet shows by the same label: channel types (SPEC §1.1), value classes and
 * credit flags (SPEC §2), so that the profile card, the plan template, the plan sheet and the
 * tier sheets cannot name one code two ways. A module of constants only: the task pane's first
 * chunk imports it through the profile card, and importing the tier report instead pulled its
 * domain modules in (first-load JS 455 → 513 KiB, over the 500 KiB budget).
 */
import type { CreditFlag } from "../domain/credit";
import type { Channel, ValueClass } from "../domain/model";
import type { Label } from "./table";

export const CHANNEL_LABELS: Readonly<Record<Channel, Label>> = {
  direct: { zh: "社会渠道直供", en: "Direct supply" },
  distribution: { zh: "分销", en: "Distribution" },
  keyAccount: { zh: "大客户", en: "Key account" },
  operator: { zh: "联通渠道", en: "Operator" },
};

export const VALUE_LABELS: Readonly<Record<ValueClass, Label>> = {
  core: { zh: "核心客户", en: "Core" },
  value: { zh: "价值客户", en: "Value" },
  potential: { zh: "潜力客户", en: "Potential" },
  low: { zh: "低等客户", en: "Low" },
};

export const CREDIT_LABELS: Readonly<Record<CreditFlag, Label>> = {
  ok: { zh: "正常", en: "OK" },
  watch: { zh: "关注", en: "Watch" },
  over: { zh: "超限", en: "Over limit" },
};
