/**
 * The channel types (SPEC §1.1) as every sheet shows them: one table, so the profile card
 * and the plan template cannot name the same channel two ways.
 */
import type { Channel } from "../domain/model";
import type { Label } from "./table";

export const CHANNEL_LABELS: Readonly<Record<Channel, Label>> = {
  direct: { zh: "社会渠道直供", en: "Direct supply" },
  distribution: { zh: "分销", en: "Distribution" },
  keyAccount: { zh: "大客户", en: "Key account" },
  operator: { zh: "联通渠道", en: "Operator" },
};
