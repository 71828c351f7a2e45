/** Rebates (SPEC §5): tier arithmetic, which lines a rule touches, monthly settlement. */
export * from "./tiers";
export * from "./rules";
export * from "./settlement";
export * from "./kinds";
export * from "./kind";
export * from "./kindModules";
export * from "./target";
export * from "./growth";
export * from "./collection";
export * from "./forecast";
export * from "./vouchers";
export * from "./explain";
