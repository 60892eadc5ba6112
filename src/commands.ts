/** The CLI's commands, over the library. Output goes through the injected writers only. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { applyConfigToSnapshot, applyRuleOverrides } from './config/apply.js';
import type { LoadedConfig } from './config/load.js';
import { ExitCode, OutputError, UsageError, type ExitCodeValue } from './errors.js';
import type { Lang } from './model/types.js';
import { renderCatalogueJson, renderCatalogueMarkdown, renderCatalogueText } from './report/catalogue.js';
import { renderReport } from './report/index.js';
import { readBaselineFile, renderBaseline } from './rules/baseline.js';
import { lint } from './rules/engine.js';
import { BUILT_IN_RULES_DIR, loadRules } from './rules/load.js';
import { readResultFile } from './rules/read-result.js';
import type { LintResult } from './rules/result.js';
import type { Suppression } from './rules/suppress.js';
import { severityRank, type CompiledRule, type Severity } from './rules/types.js';
import { linesOfPointers } from './snapshot/locate.js';
import { readSnapshotFile } from './snapshot/read.js';
import type { Snapshot } from './snapshot/types.js';
import { serializeSnapshot } from './snapshot/write.js';

export interface ReportRequest {
  format: string;
  output?: string;
}

interface CommonOptions {
  cwd: string;
  lang: Lang;
  ruleDirs: string[];
  toolVersion: string;
  color: boolean;
  reports: ReportRequest[];
}

export interface LintCommandOptions extends CommonOptions {
  snapshot: string;
  config?: LoadedConfig;
  failOn: Severity | 'none';
  only: string[];
  exclude: string[];
  baseline?: string;
  writeBaseline?: string;
  showSuppressed: boolean;
  /** YYYY-MM-DD for suppression expiry. */
  today: string;
  /** Compose files to read into a saved snapshot's hostServices (`--compose` with `--snapshot`). */
  compose?: { specs: string[]; /** From the config file, not --compose. */ fromConfig: boolean; env: Record<string, string | undefined>; warn: (text: string) => void };
}

export interface ReportCommandOptions extends Omit<CommonOptions, 'ruleDirs'> {
  from: string;
  failOn: Severity | 'none';
  showSuppressed: boolean;
}

/** Formats that point at a line of the snapshot file. */
const FORMATS_WITH_LINES = new Set(['sarif', 'github', 'junit', 'markdown']);

interface Writers {
  stdout: (text: string) => void;
}

function loadAllRules(opts: Pick<CommonOptions, 'cwd' | 'ruleDirs'>): CompiledRule[] {
  return loadRules(
    [{ dir: BUILT_IN_RULES_DIR, builtIn: true }, ...opts.ruleDirs.map((d) => ({ dir: resolve(opts.cwd, d), builtIn: false }))],
    { relativeTo: opts.cwd },
  );
}

function select(rules: CompiledRule[], only: string[], exclude: string[]): CompiledRule[] {
  const known = new Set(rules.map((r) => r.meta.id));
  for (const [flag, ids] of [['--only', only], ['--exclude', exclude]] as const) {
    const unknown = ids.filter((id) => !known.has(id));
    if (unknown.length > 0) {
      throw new UsageError(`${flag}: unknown rule ${unknown.join(', ')}; run terway-lint rules for the list`);
    }
  }
  return rules.filter((r) => (only.length === 0 || only.includes(r.meta.id)) && !exclude.includes(r.meta.id));
}

/**
 * 1 when a finding that is neither suppressed nor in the baseline reaches --fail-on; otherwise 3
 * when a rule was not evaluated; otherwise 0.
 */
export function exitCodeOf(result: LintResult, failOn: Severity | 'none'): ExitCodeValue {
  const counts = (f: LintResult['findings'][number]) => !f.suppressed && !f.inBaseline;
  if (failOn !== 'none' && result.findings.some((f) => counts(f) && severityRank(f.severity) >= severityRank(failOn))) return ExitCode.Findings;
  if (result.outcomes.some((o) => o.status === 'not-evaluated')) return ExitCode.Incomplete;
  return ExitCode.Ready;
}

function checkStdoutUse(reports: ReportRequest[]) {
  const toStdout = reports.filter((r) => !r.output);
  if (toStdout.length > 1) {
    throw new UsageError(`only one report can go to stdout; give --output FILE after --format ${toStdout[1]!.format}`);
  }
}

function write(file: string, text: string, cwd: string) {
  try {
    writeFileSync(resolve(cwd, file), text);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'its folder does not exist' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'it is a folder' : code;
    throw new OutputError(file, undefined, `cannot write: ${why}`, { cause: err });
  }
}

/** A path as reports name it: relative to the working directory when inside it, forward slashes. */
function repoRelative(file: string, cwd: string): string {
  const abs = resolve(cwd, file);
  const rel = relative(cwd, abs);
  const chosen = rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : abs;
  return chosen.split(sep).join('/');
}

function suppressionsOf(config: LoadedConfig | undefined, cwd: string): Suppression[] {
  if (!config) return [];
  const file = repoRelative(config.file, cwd);
  return (config.config.suppressions ?? []).map((s, i) => ({ ...s, file, line: config.lineOf(['suppressions', i]) }));
}

/**
 * Without a snapshot file (a live run not saved), findings without a source file point at the
 * line of their cluster's entry in the config file, else its first line: code scanning needs a
 * file in the repository for every result.
 */
function anchorToConfig(result: LintResult, config: LoadedConfig, cwd: string): void {
  const file = repoRelative(config.file, cwd);
  const entries = config.config.clusters ?? [];
  for (const f of result.findings) {
    if (f.location.file) continue;
    const i = entries.findIndex((c) => c.id === f.clusterId || c.source === f.clusterId);
    f.location.file = file;
    f.location.line = i >= 0 ? config.lineOf(['clusters', i]) : 1;
  }
}

/** Records each finding's line in the snapshot file, so a saved result re-renders without it. */
function withSnapshotLines(result: LintResult, text: string): LintResult {
  const pointers = result.findings.map((f) => f.location.snapshotPointer).filter((p): p is string => p !== undefined);
  const lines = linesOfPointers(text, pointers);
  for (const f of result.findings) {
    const line = f.location.snapshotPointer ? lines.get(f.location.snapshotPointer) : undefined;
    if (line !== undefined) f.location.snapshotLine = line;
  }
  return result;
}

/** Snapshot lines, where a format needs them, are already on the findings (withSnapshotLines). */
function renderAll(result: LintResult, opts: CommonOptions & { showSuppressed: boolean }, io: Writers) {
  for (const report of opts.reports) {
    const text = renderReport(report.format, result, {
      lang: opts.lang,
      color: opts.color && !report.output,
      snapshotUri: result.snapshot.file ?? '',
      showSuppressed: opts.showSuppressed,
    });
    if (report.output) write(report.output, text, opts.cwd);
    else io.stdout(text);
  }
}

export async function runLint(opts: LintCommandOptions, io: Writers): Promise<number> {
  const loaded = readSnapshotFile(resolve(opts.cwd, opts.snapshot));
  let snapshot = loaded.snapshot;
  const holdsCompose = (snapshot.hostServices ?? []).some((h) => h.source === 'compose');
  if (opts.compose && opts.compose.specs.length > 0 && opts.compose.fromConfig && holdsCompose) {
    // A snapshot collected with this config already holds its compose files' ports.
    opts.compose.warn(`terway-lint: ${opts.snapshot} already holds host services read from compose files; the config's compose entries are not read again\n`);
  } else if (opts.compose && opts.compose.specs.length > 0) {
    const { withComposeFiles } = await import('./collect/compose/into-snapshot.js');
    const composed = withComposeFiles(snapshot, opts.compose.specs, { cwd: opts.cwd, env: opts.compose.env, snapshotName: opts.snapshot });
    // A compose entry that could not be read (unset variable, random port, …) is said, not dropped.
    for (const p of composed.problems) opts.compose.warn(`terway-lint: compose ${p.file}:${p.line}: ${p.message}\n`);
    snapshot = composed.snapshot;
  }
  // Host services from compose files are appended, so the entities of the file keep their lines.
  return lintSnapshot(opts, io, { snapshot, text: loaded.text, uri: repoRelative(opts.snapshot, opts.cwd) });
}

/** A snapshot to lint: read from a file, or just collected (then `uri` is where it was saved, if it was). */
export interface SnapshotInput {
  snapshot: Snapshot;
  text: string;
  uri?: string;
}

export async function lintSnapshot(opts: Omit<LintCommandOptions, 'snapshot'>, io: Writers, input: SnapshotInput): Promise<number> {
  checkStdoutUse(opts.reports);
  const rules = applyRuleOverrides(select(loadAllRules(opts), opts.only, opts.exclude), opts.config);
  if (!input.uri && !opts.config && opts.reports.some((r) => FORMATS_WITH_LINES.has(r.format))) {
    const format = opts.reports.find((r) => FORMATS_WITH_LINES.has(r.format))!.format;
    throw new UsageError(`--format ${format} points findings at a file line: add --save-snapshot FILE (or a .terway-lint.yaml naming the clusters)`);
  }
  const snapshot = applyConfigToSnapshot(input.snapshot, opts.config);
  const baseline = opts.baseline ? readBaselineFile(resolve(opts.cwd, opts.baseline), opts.baseline) : undefined;
  const result = lint(rules, snapshot, {
    toolVersion: opts.toolVersion,
    ...(input.uri ? { snapshotFile: input.uri } : {}),
    suppressions: suppressionsOf(opts.config, opts.cwd),
    today: opts.today,
    ...(baseline ? { baseline } : {}),
  });
  // Finding the lines means scanning the whole file (a second of work at 5,000 nodes): only the
  // formats that point into the snapshot pay for it. A saved JSON result re-renders from the file.
  if (opts.reports.some((r) => FORMATS_WITH_LINES.has(r.format))) {
    if (input.uri) withSnapshotLines(result, input.text);
    else anchorToConfig(result, opts.config!, opts.cwd);
  }
  renderAll(result, opts, io);
  if (opts.writeBaseline) write(opts.writeBaseline, renderBaseline(result), opts.cwd);
  return exitCodeOf(result, opts.failOn);
}

/** Writes a collected snapshot (deterministic, no secrets) and returns what was written. */
export function saveSnapshot(snapshot: Snapshot, file: string, cwd: string): SnapshotInput {
  const text = serializeSnapshot(snapshot);
  write(file, text, cwd);
  return { snapshot, text, uri: repoRelative(file, cwd) };
}

/**
 * Re-renders a saved JSON result; the exit code follows the same rules as the lint that made it.
 * Line numbers in the snapshot come from the snapshot file when it is still where the result says.
 */
export async function runReport(opts: ReportCommandOptions, io: Writers): Promise<number> {
  checkStdoutUse(opts.reports);
  const result = readResultFile(resolve(opts.cwd, opts.from), opts.from);
  const snapshotFile = result.snapshot.file ? resolve(opts.cwd, result.snapshot.file) : undefined;
  const snapshotText = snapshotFile && existsSync(snapshotFile) ? readFileSync(snapshotFile, 'utf8') : undefined;
  if (snapshotText !== undefined && opts.reports.some((r) => FORMATS_WITH_LINES.has(r.format))) withSnapshotLines(result, snapshotText);
  renderAll(result, { ...opts, ruleDirs: [] }, io);
  return exitCodeOf(result, opts.failOn);
}

export async function runRules(opts: CommonOptions, io: Writers): Promise<number> {
  checkStdoutUse(opts.reports);
  const rules = loadAllRules(opts);
  for (const report of opts.reports) {
    const text =
      report.format === 'markdown'
        ? renderCatalogueMarkdown(rules)
        : report.format === 'json'
          ? renderCatalogueJson(rules)
          : renderCatalogueText(rules, opts.lang);
    if (report.output) write(report.output, text, opts.cwd);
    else io.stdout(text);
  }
  return ExitCode.Ready;
}

/** The snapshot a config names, relative to the config file. */
export function snapshotFromConfig(config: LoadedConfig, cwd: string): string | undefined {
  const s = config.config.snapshot;
  return s ? relative(cwd, resolve(dirname(resolve(cwd, config.file)), s)) || s : undefined;
}
