/** Human report: per cluster, findings grouped by severity, remediation once per rule, one verdict line. */
import type { Lang } from '../model/types.js';
import type { Finding, LintResult, RuleOutcome, SubjectSummary } from '../rules/result.js';
import { SEVERITIES } from '../rules/types.js';
import { wording } from './i18n.js';
import { styleFor } from './style.js';

export interface TextContext {
  lang: Lang;
  color: boolean;
  /** List suppressed findings (otherwise only counted). */
  showSuppressed?: boolean;
}

export function renderText(result: LintResult, ctx: TextContext): string {
  const w = wording(ctx.lang);
  const s = styleFor(ctx.color);
  const rules = new Map(result.rules.map((r) => [r.id, r]));
  const out: string[] = [];
  const snap = result.snapshot;
  out.push(
    s.dim(`terway-lint ${result.tool.version} · ${w.snapshot} ${snap.file ?? '-'} (${snap.region}, ${w.collected} ${snap.collectedAt})`),
    '',
  );
  if (result.subjects.length === 0) out.push(w.noSubjects, '');

  const paint = { error: s.red, warning: s.yellow, info: s.blue };
  for (const subject of result.subjects) {
    out.push(s.bold(subjectTitle(subject, w.replaces)));
    const all = result.findings.filter((f) => f.clusterId === subject.clusterId);
    const findings = all.filter((f) => !f.suppressed);
    const suppressed = all.filter((f) => f.suppressed);
    for (const severity of SEVERITIES) {
      const group = findings.filter((f) => f.severity === severity);
      if (group.length === 0) continue;
      out.push('', paint[severity](`${w.severity[severity]} · ${w.findings(group.length)}`));
      for (const [ruleId, ruleFindings] of groupByRule(group)) {
        const rule = rules.get(ruleId);
        out.push(`  ${s.bold(ruleId)}  ${rule?.title[ctx.lang] ?? ''}`);
        for (const f of ruleFindings) {
          const label = f.location.file
            ? `${f.target.name ?? f.target.id} ${s.dim(`at ${f.location.file}:${f.location.line ?? 1}`)}`
            : `${f.target.id}${f.target.name ? ` (${f.target.name})` : ''}`;
          out.push(`    ${paint[severity]('✗')} ${f.target.kind} ${label}${f.inBaseline ? ` ${s.dim(w.inBaseline)}` : ''}`);
          out.push(...indent(f.message[ctx.lang], 6));
        }
        if (rule) {
          out.push(...indent(`${w.fix}${w.colon}${rule.remediation[ctx.lang]}`, 4));
          if (rule.docsUrl) out.push(`    ${s.dim(`${w.docs}${w.colon}${rule.docsUrl}`)}`);
        }
      }
    }
    if (suppressed.length > 0) {
      out.push('', s.dim(`${w.suppressed(suppressed.length)}${ctx.showSuppressed ? '' : ` ${w.showSuppressedHint}`}`));
      if (ctx.showSuppressed) {
        for (const f of suppressed) {
          const sup = f.suppressed!;
          out.push(`  ${f.ruleId} ${f.target.kind} ${f.target.id}`);
          out.push(...indent(`${w.reason}${w.colon}${sup.reason}${sup.owner ? ` · ${w.owner} ${sup.owner}` : ''}${sup.expires ? ` · ${w.expires} ${sup.expires}` : ''} · ${sup.file}:${sup.line}`, 4));
        }
      }
    }
    const outcomes = result.outcomes.filter((o) => o.clusterId === subject.clusterId);
    // A failed rule can also have gaps (items it could not check): show them, never hide them.
    pushOutcomes(out, w.notEvaluated, outcomes.filter((o) => o.status === 'not-evaluated' || (o.status === 'failed' && o.reasons.length > 0)), ctx.lang, s.yellow, w.partly);
    pushOutcomes(out, w.notApplicable, outcomes.filter((o) => o.status === 'not-applicable'), ctx.lang, s.dim);
    out.push('');
  }

  const count = (sev: string) => result.findings.filter((f) => f.severity === sev && !f.suppressed).length;
  const status = (st: RuleOutcome['status']) => result.outcomes.filter((o) => o.status === st).length;
  const verdictPaint = result.verdict === 'ready' ? s.green : result.verdict === 'not-ready' ? s.red : s.yellow;
  out.push(
    `${s.bold(verdictPaint(w.verdict[result.verdict]))}${w.colon}` +
      [
        w.counts(count('error'), count('warning'), count('info')),
        w.outcomeCounts(status('failed'), status('passed'), status('not-evaluated'), status('not-applicable')),
        w.verdictHint[result.verdict],
      ].join(w.semicolon),
  );
  return `${out.join('\n')}\n`;
}

function subjectTitle(subject: SubjectSummary, replaces: string): string {
  const self = `${subject.name || subject.clusterId} (${subject.clusterId}, ${subject.networkPlugin})`;
  return subject.sourceClusterId ? `${self} ${replaces} ${subject.sourceName || subject.sourceClusterId} (${subject.sourceClusterId})` : self;
}

function groupByRule(findings: Finding[]): Map<string, Finding[]> {
  const map = new Map<string, Finding[]>();
  for (const f of findings) (map.get(f.ruleId) ?? map.set(f.ruleId, []).get(f.ruleId)!).push(f);
  return map;
}

function pushOutcomes(out: string[], heading: string, outcomes: RuleOutcome[], lang: Lang, paint: (s: string) => string, partly = '') {
  if (outcomes.length === 0) return;
  out.push('', paint(heading));
  for (const o of outcomes) {
    out.push(`  ${o.ruleId}${o.status === 'failed' ? ` ${partly}` : ''}`);
    for (const r of o.reasons) out.push(...indent(`- ${r[lang]}`, 4));
  }
}

function indent(text: string, spaces: number): string[] {
  const pad = ' '.repeat(spaces);
  return text.split('\n').map((l) => pad + l);
}
