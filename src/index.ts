/** Library API: read a snapshot, load rules, lint, render. Nothing here prints or exits. */
export * from './errors.js';
export { readSnapshotFile, parseSnapshot, type LoadedSnapshot } from './snapshot/read.js';
export { serializeSnapshot, normalizeSnapshot } from './snapshot/write.js';
export { snapshotSchema } from './snapshot/schema.js';
export type * from './snapshot/types.js';
export { loadRules, BUILT_IN_RULES_DIR, type RuleSource } from './rules/load.js';
export { lint, type LintOptions } from './rules/engine.js';
export type * from './rules/result.js';
export type { CompiledRule, RuleFile, Severity } from './rules/types.js';
export { renderReport, REPORT_FORMATS, type RenderContext } from './report/index.js';
export { exitCodeOf } from './commands.js';
export * as capacity from './model/capacity.js';
export { snatCoverage } from './model/egress.js';
