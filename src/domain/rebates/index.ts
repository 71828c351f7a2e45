/** Rebates (SPEC §5): tier arithmetic, which lines a rule touches, monthly settlement. */
export * from "./tiers";
export * from "./rules";
export * from "./settlement";
export * from "./kinds";
