/** The CLI's commands, over the library. Output goes through the injected writers only. */
import { writeFileSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { ExitCode, OutputError, UsageError, type ExitCodeValue } from './errors.js';
import type { Lang } from './model/types.js';
import { renderCatalogueJson, renderCatalogueMarkdown, renderCatalogueText } from './report/catalogue.js';
import { renderReport } from './report/index.js';
import { lint } from './rules/engine.js';
import { BUILT_IN_RULES_DIR, loadRules } from './rules/load.js';
import type { LintResult } from './rules/result.js';
import { severityRank, type CompiledRule, type Severity } from './rules/types.js';
import { readSnapshotFile } from './snapshot/read.js';

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
  failOn: Severity | 'none';
  only: string[];
  exclude: string[];
}

interface Writers {
  stdout: (text: string) => void;
}

function loadAllRules(opts: CommonOptions): CompiledRule[] {
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

/** 1 when a finding reaches --fail-on; otherwise 3 when a rule was not evaluated; otherwise 0. */
export function exitCodeOf(result: LintResult, failOn: Severity | 'none'): ExitCodeValue {
  if (failOn !== 'none' && result.findings.some((f) => severityRank(f.severity) >= severityRank(failOn))) return ExitCode.Findings;
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
    throw new OutputError(file, undefined, `cannot write the report: ${why}`, { cause: err });
  }
}

/** A path as SARIF wants it: relative to the working directory, forward slashes. */
function repoRelative(file: string, cwd: string): string {
  const abs = resolve(cwd, file);
  const rel = relative(cwd, abs);
  const chosen = rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : abs;
  return chosen.split(sep).join('/');
}

export async function runLint(opts: LintCommandOptions, io: Writers): Promise<number> {
  checkStdoutUse(opts.reports);
  const rules = select(loadAllRules(opts), opts.only, opts.exclude);
  const loaded = readSnapshotFile(resolve(opts.cwd, opts.snapshot));
  const snapshotUri = repoRelative(opts.snapshot, opts.cwd);
  const result = lint(rules, loaded.snapshot, { toolVersion: opts.toolVersion, snapshotFile: snapshotUri });
  for (const report of opts.reports) {
    const text = renderReport(report.format, result, {
      lang: opts.lang,
      color: opts.color && !report.output,
      snapshotUri,
      snapshotText: loaded.text,
    });
    if (report.output) write(report.output, text, opts.cwd);
    else io.stdout(text);
  }
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
