/**
 * GitHub Actions workflow commands: annotations on the run (and on a pull request's diff when the
 * annotated line is in it).
 *
 * One line per finding that is not suppressed: `::error file=…,line=…,title=<rule id>::<message>`
 * (`::warning` for warnings, `::notice` for info), at the same file and line as SARIF (the finding's
 * compose file, else the entity in the snapshot file). Findings in the baseline are known debt: they
 * become notices marked as such, after the findings that count. Then one notice per rule that could
 * not be evaluated (or only partly), with the reasons.
 *
 * GitHub shows at most 10 errors, 10 warnings and 10 notices per step, so the order is: errors,
 * warnings, info findings, not-evaluated rules, baseline findings. Escaping as the runner expects
 * (actions/toolkit `command.ts`): `%`, CR and LF in the message; also `:` and `,` in properties.
 */
import type { Lang, Localized } from '../model/types.js';
import type { Finding, LintResult } from '../rules/result.js';
import { SEVERITIES, type Severity } from '../rules/types.js';
import { wording } from './i18n.js';
import { findingLocator, isActive } from './locations.js';

export interface GithubContext {
  lang: Lang;
  /** The snapshot path relative to the repository root, for findings without a file of their own. */
  snapshotUri: string;
  /** The snapshot file's text, to give such findings the entity's line. */
  snapshotText?: string;
}

type Level = 'error' | 'warning' | 'notice';

const LEVEL: Record<Severity, Level> = { error: 'error', warning: 'warning', info: 'notice' };

/** Renders the result as workflow commands, one per line; empty when there is nothing to say. */
export function renderGithub(result: LintResult, ctx: GithubContext): string {
  const w = wording(ctx.lang);
  const locate = findingLocator(result.findings, ctx);
  const lines: string[] = [];

  const annotate = (f: Finding, level: Level, suffix = '') => {
    const location = locate(f);
    const props: [string, string][] = [
      ...(location ? ([['file', location.file], ['line', String(location.line)]] as [string, string][]) : []),
      ['title', f.ruleId],
    ];
    lines.push(command(level, props, `${text(f.message, ctx.lang) || f.ruleId}${suffix}`));
  };

  const unsuppressed = result.findings.filter((f) => !f.suppressed);
  for (const severity of SEVERITIES) {
    for (const f of unsuppressed) if (isActive(f) && f.severity === severity) annotate(f, LEVEL[severity]);
  }
  // Not evaluated means readiness is unknown; a failed rule can also have items it could not check.
  for (const o of result.outcomes) {
    if (o.status !== 'not-evaluated' && !(o.status === 'failed' && o.reasons.length > 0)) continue;
    const reasons = o.reasons.map((r) => text(r, ctx.lang)).filter(Boolean);
    const heading = `${w.notEvaluated}${o.status === 'failed' ? ` ${w.partly}` : ''} [${o.clusterId}]`;
    lines.push(command('notice', [['title', o.ruleId]], reasons.length > 0 ? `${heading}${w.colon}${reasons.join(w.semicolon)}` : heading));
  }
  for (const severity of SEVERITIES) {
    for (const f of unsuppressed) if (f.inBaseline && f.severity === severity) annotate(f, 'notice', ` (${w.inBaselineTag})`);
  }
  return lines.map((l) => `${l}\n`).join('');
}

/** `::level prop=value,…::message`, escaped as the Actions runner decodes it. */
export function command(level: Level, props: readonly [string, string][], message: string): string {
  const p = props.map(([k, v]) => `${k}=${escapeProperty(v)}`).join(',');
  return `::${level}${p ? ` ${p}` : ''}::${escapeData(message)}`;
}

/** Message text: `%`, CR and LF percent-encoded, so a message stays on one line and cannot start a command. */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A property value: as message text, plus `:` and `,`, which would end the value. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** The text in the wanted language, falling back to English when it is missing or empty. */
function text(localized: Localized, lang: Lang): string {
  return (localized[lang] || localized.en || '').trim();
}
