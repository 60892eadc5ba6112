/**
 * Markdown summary for `$GITHUB_STEP_SUMMARY` and merge-request comments (GitHub and GitLab flavours).
 *
 * The verdict first (a heading, plus an alert block: `> [!CAUTION]` and friends render as a coloured
 * callout on GitHub and GitLab and read as plain text elsewhere; no emoji), then the counts by severity,
 * then per subject a table of the findings that count, how to fix them, what was not evaluated and
 * why, and, collapsed, what is not applicable and the suppressed and baseline findings.
 *
 * Everything that comes from the snapshot or the rules is escaped: Markdown and HTML punctuation is
 * backslash-escaped or turned into entities, `|` is escaped inside table cells and line breaks become
 * `<br>`, so a resource name can neither break a table nor inject markup.
 */
import type { Lang, Localized } from '../model/types.js';
import type { Finding, LintResult, RuleOutcome, RuleSummary } from '../rules/result.js';
import { SEVERITIES } from '../rules/types.js';
import { wording } from './i18n.js';
import { findingLocator, formatLocation, isActive, subjectSections, subjectTitle, type FindingLocation } from './locations.js';

export interface MarkdownContext {
  lang: Lang;
  /** The snapshot path, for findings without a file of their own. */
  snapshotUri: string;
  /** The snapshot file's text, to give such findings the entity's line. */
  snapshotText?: string;
}

type Wording = ReturnType<typeof wording>;

interface Env {
  lang: Lang;
  w: Wording;
  rules: Map<string, RuleSummary>;
  locate: (finding: Finding) => FindingLocation | undefined;
}

const ALERT = { ready: 'NOTE', 'not-ready': 'CAUTION', incomplete: 'WARNING' } as const;

/** Renders the result as Markdown: pure and deterministic, ending with a newline. */
export function renderMarkdown(result: LintResult, ctx: MarkdownContext): string {
  const w = wording(ctx.lang);
  const env: Env = { lang: ctx.lang, w, rules: new Map(result.rules.map((r) => [r.id, r])), locate: findingLocator(result.findings, ctx) };
  const verdict = w.verdict[result.verdict];
  const out: string[] = [];

  out.push(`## terway-lint${mdText(w.colon)}${mdText(verdict)}`, '');
  out.push(`> [!${ALERT[result.verdict]}]`, `> **${mdText(verdict)}**${mdText(w.colon)}${mdText(w.verdictHintBelow[result.verdict])}`, '');

  const active = result.findings.filter(isActive);
  const count = (sev: string) => String(active.filter((f) => f.severity === sev).length);
  const suppressed = result.findings.filter((f) => f.suppressed);
  const baseline = result.findings.filter((f) => !f.suppressed && f.inBaseline);
  const c = w.countColumn;
  out.push(
    ...table(
      [c.error, c.warning, c.info, c.suppressed, c.inBaseline],
      [[count('error'), count('warning'), count('info'), String(suppressed.length), String(baseline.length)]],
      'right',
    ),
    '',
  );
  const status = (st: RuleOutcome['status']) => result.outcomes.filter((o) => o.status === st).length;
  const snap = result.snapshot;
  out.push(
    [
      `terway-lint ${mdText(result.tool.version)}`,
      `${mdText(w.snapshot)} ${snap.file ? mdCode(snap.file) : '-'} (${mdText(snap.region)}, ${w.collected} ${mdText(snap.collectedAt)})`,
      mdText(w.outcomeCounts(status('failed'), status('passed'), status('not-evaluated'), status('not-applicable'))),
    ].join(' · '),
    '',
  );

  const sections = subjectSections(result);
  if (sections.length === 0) out.push(mdText(w.noSubjects), '');
  for (const section of sections) {
    out.push(`### ${mdText(subjectTitle(section.subject, w.replaces))}`, '');
    out.push(...findingsTable(section.findings.filter(isActive), env));
    out.push(...fixes(section.findings.filter(isActive), env));
    // A failed rule can also have gaps (items it could not check): shown, never hidden.
    out.push(...notEvaluated(section.outcomes.filter((o) => o.status === 'not-evaluated' || (o.status === 'failed' && o.reasons.length > 0)), env));
    out.push(...notApplicable(section.outcomes.filter((o) => o.status === 'not-applicable'), env));
    out.push(...inactive(section.findings.filter((f) => !isActive(f)), env));
  }
  while (out[out.length - 1] === '') out.pop();
  return `${out.join('\n')}\n`;
}

function findingsTable(findings: readonly Finding[], env: Env): string[] {
  const { w } = env;
  if (findings.length === 0) return [mdText(w.noFindings), ''];
  const col = w.column;
  const sorted = SEVERITIES.flatMap((sev) => findings.filter((f) => f.severity === sev));
  return [...table([col.severity, col.rule, col.resource, col.message, col.location], sorted.map((f) => findingCells(f, env))), ''];
}

function findingCells(f: Finding, env: Env): string[] {
  const location = env.locate(f);
  return [
    mdText(env.w.severity[f.severity]),
    ruleRef(f.ruleId, env),
    resource(f),
    mdText(text(f.message, env.lang) || f.ruleId),
    location ? mdCode(formatLocation(location)) : '-',
  ];
}

/** Remediation once per rule with findings that count, collapsed. */
function fixes(findings: readonly Finding[], env: Env): string[] {
  const { w, lang } = env;
  const ids = [...new Set(findings.map((f) => f.ruleId))];
  const items = ids.flatMap((id) => {
    const rule = env.rules.get(id);
    const remediation = rule ? text(rule.remediation, lang) : '';
    if (!rule || !remediation) return [];
    const docs = rule.docsUrl ? docsLink(rule.docsUrl, w.docs) : '';
    return [`- ${mdCode(id)} ${mdText(text(rule.title, lang))}${mdText(w.colon)}${mdText(remediation)}${docs ? ` ${docs}` : ''}`];
  });
  if (items.length === 0) return [];
  return [`<details><summary>${htmlText(w.howToFix)}</summary>`, '', ...items, '', '</details>', ''];
}

function notEvaluated(outcomes: readonly RuleOutcome[], env: Env): string[] {
  const { w } = env;
  if (outcomes.length === 0) return [];
  return [`**${mdText(w.notEvaluated)}**`, '', ...outcomes.map((o) => outcomeItem(o, env, o.status === 'failed' ? w.partly : '')), ''];
}

function notApplicable(outcomes: readonly RuleOutcome[], env: Env): string[] {
  const { w } = env;
  if (outcomes.length === 0) return [];
  return [`<details><summary>${htmlText(w.notApplicableRules(outcomes.length))}</summary>`, '', ...outcomes.map((o) => outcomeItem(o, env)), '', '</details>', ''];
}

function outcomeItem(o: RuleOutcome, env: Env, note = ''): string {
  const { w, lang } = env;
  const reasons = o.reasons.map((r) => text(r, lang)).filter(Boolean);
  return `- ${mdCode(o.ruleId)}${note ? ` ${mdText(note)}` : ''}${reasons.length > 0 ? `${mdText(w.colon)}${mdText(reasons.join(w.semicolon))}` : ''}`;
}

/** Suppressed and baseline findings: counted in the summary, listed collapsed. */
function inactive(findings: readonly Finding[], env: Env): string[] {
  const { w } = env;
  if (findings.length === 0) return [];
  const suppressed = findings.filter((f) => f.suppressed);
  const baseline = findings.filter((f) => !f.suppressed);
  const summary = [...(suppressed.length > 0 ? [w.suppressed(suppressed.length)] : []), ...(baseline.length > 0 ? [w.inBaselineCount(baseline.length)] : [])].join(' · ');
  const col = w.column;
  const rows = [...suppressed, ...baseline].map((f) => [...findingCells(f, env), statusOf(f, env)]);
  return [
    `<details><summary>${htmlText(summary)}</summary>`,
    '',
    ...table([col.severity, col.rule, col.resource, col.message, col.location, col.status], rows),
    '',
    '</details>',
    '',
  ];
}

function statusOf(f: Finding, env: Env): string {
  const { w } = env;
  const s = f.suppressed;
  if (!s) return mdText(w.inBaselineTag);
  const parts = [
    `${w.suppressedTag}${w.colon}${s.reason}`,
    ...(s.owner ? [`${w.owner} ${s.owner}`] : []),
    ...(s.expires ? [`${w.expires} ${s.expires}`] : []),
  ];
  return `${mdText(parts.join(' · '))} · ${mdCode(`${s.file}:${s.line}`)}`;
}

function ruleRef(id: string, env: Env): string {
  const url = env.rules.get(id)?.docsUrl;
  return url && isWebUrl(url) ? `[${mdCode(id)}](${linkDestination(url)})` : mdCode(id);
}

function docsLink(url: string, label: string): string {
  return isWebUrl(url) ? `([${mdText(label)}](${linkDestination(url)}))` : `(${mdText(label)}${mdText(': ')}${mdCode(url)})`;
}

function resource(f: Finding): string {
  const t = f.target;
  return `${mdText(t.kind)} ${mdCode(t.id)}${t.name && t.name !== t.id ? ` (${mdText(t.name)})` : ''}`;
}

/** A GFM table; every cell is inline Markdown already, in which `|` is escaped here. */
function table(header: readonly string[], rows: readonly string[][], align: 'left' | 'right' = 'left'): string[] {
  const line = (cells: readonly string[]) => `| ${cells.map(cell).join(' | ')} |`;
  return [line(header.map(mdText)), `|${header.map(() => (align === 'right' ? ' ---: ' : ' --- ')).join('|')}|`, ...rows.map(line)];
}

/**
 * A table cell: `|` escaped (GFM reads `\|` as a pipe even inside code spans) and any line break left
 * as `<br>`, so a cell never ends the row.
 */
function cell(inline: string): string {
  return inline.replace(/\|/g, '\\|').replace(/\r\n|\r|\n/g, '<br>');
}

/**
 * Plain text as inline Markdown: the punctuation that Markdown, GFM and GitHub math act on inline
 * (`\` `` ` `` `*` `_` `[` `]` `#` `~` `$`) is backslash-escaped, `&` and `<` become entities (no HTML,
 * no entity surprises; a `>` mid-line is plain text), line breaks `<br>`. `|` is left to table cells, which escape it.
 */
export function mdText(s: string): string {
  return s
    .replace(/[\\`*_[\]#~$]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/\r\n|\r|\n/g, '<br>');
}

/** Text as a code span: a backtick fence longer than any run inside, line breaks as spaces. */
export function mdCode(s: string): string {
  const flat = s.replace(/\r\n|\r|\n/g, ' ');
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = /^[` ]|[` ]$/.test(flat) || flat === '' ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** Text inside an HTML element such as `<summary>`. */
function htmlText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function isWebUrl(url: string): boolean {
  return /^https?:\/\/[^\s]+$/i.test(url);
}

/** A URL as a link destination: characters that would end or confuse it are percent-encoded. */
function linkDestination(url: string): string {
  return url.replace(/[()<>\s|\\`]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** The text in the wanted language, falling back to English when it is missing or empty. */
function text(localized: Localized, lang: Lang): string {
  return (localized[lang] || localized.en || '').trim();
}
