/**
 * JUnit XML for Jenkins (junit plugin) and GitLab (`artifacts:reports:junit`).
 *
 * One `<testsuite>` per subject (a cluster, or a Terway target with the Flannel source it replaces),
 * one `<testcase>` per rule outcome, classname `terway-lint.<clusterId>`:
 * - a `<failure>` when the rule has findings that are neither suppressed nor in the baseline: the
 *   message is the finding's message (or a count), the body lists every finding with its location;
 * - a `<skipped>` when the rule was not evaluated (with the reasons), is not applicable, or all its
 *   findings are suppressed (reason, owner, expiry) or in the baseline (Checkov's
 *   `--output-baseline-as-skipped`): known debt stays visible without failing the tests;
 * - an empty test case when it passed.
 * Jenkins shows a failure's or skip's `message` attribute, GitLab the element's text, so both carry
 * the reason. No timestamps, durations or host names: the same result gives the same bytes.
 */
import type { Lang, Localized } from '../model/types.js';
import type { Finding, LintResult, RuleOutcome, RuleSummary } from '../rules/result.js';
import { severityRank, type Severity } from '../rules/types.js';
import { wording } from './i18n.js';
import { findingLocator, formatLocation, isActive, subjectSections, subjectTitle, type FindingLocation, type SubjectSection } from './locations.js';

export interface JunitContext {
  lang: Lang;
  /** The snapshot path, for findings without a file of their own. */
  snapshotUri: string;
  /** The snapshot file's text, to give such findings the entity's line. */
  snapshotText?: string;
}

type Wording = ReturnType<typeof wording>;

type CaseResult =
  | { kind: 'passed' }
  | { kind: 'failure'; type: Severity; message: string; body: string }
  | { kind: 'skipped'; message: string; body: string };

interface TestCase {
  name: string;
  result: CaseResult;
}

interface Suite {
  name: string;
  classname: string;
  properties: [string, string][];
  cases: TestCase[];
}

interface Env {
  lang: Lang;
  w: Wording;
  rules: Map<string, RuleSummary>;
  locate: (finding: Finding) => FindingLocation | undefined;
}

/** Renders the result as JUnit XML: pure and deterministic, ending with a newline. */
export function renderJunit(result: LintResult, ctx: JunitContext): string {
  const w = wording(ctx.lang);
  const env: Env = {
    lang: ctx.lang,
    w,
    rules: new Map(result.rules.map((r) => [r.id, r])),
    locate: findingLocator(result.findings, ctx),
  };
  const common: [string, string][] = [
    ['terway-lint.version', result.tool.version],
    ['snapshot', result.snapshot.file ?? ''],
    ['region', result.snapshot.region],
    ['collectedAt', result.snapshot.collectedAt],
  ];
  const sections = subjectSections(result);
  const suites: Suite[] =
    sections.length > 0
      ? sections.map((section) => suiteOf(section, common, env))
      : [
          {
            // Nothing to check still gives one visible test, so CI does not read "no test report".
            name: 'terway-lint',
            classname: 'terway-lint',
            properties: common,
            cases: [{ name: 'scope', result: { kind: 'skipped', message: w.noSubjects, body: w.noSubjects } }],
          },
        ];

  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const all = suites.flatMap((s) => s.cases);
  out.push(`<testsuites${attrs([['name', 'terway-lint'], ...counts(all)])}>`);
  for (const suite of suites) {
    out.push(`  <testsuite${attrs([['name', suite.name], ...counts(suite.cases)])}>`);
    const props = suite.properties.filter(([, v]) => v !== '');
    if (props.length > 0) {
      out.push('    <properties>');
      for (const [name, value] of props) out.push(`      <property${attrs([['name', name], ['value', value]])}/>`);
      out.push('    </properties>');
    }
    for (const c of suite.cases) {
      const head = `    <testcase${attrs([['classname', suite.classname], ['name', c.name]])}`;
      const r = c.result;
      if (r.kind === 'passed') {
        out.push(`${head}/>`);
      } else if (r.kind === 'failure') {
        out.push(`${head}>`, `      <failure${attrs([['message', r.message], ['type', r.type]])}>${xmlText(r.body)}</failure>`, '    </testcase>');
      } else {
        out.push(`${head}>`, `      <skipped${attrs([['message', r.message]])}>${xmlText(r.body)}</skipped>`, '    </testcase>');
      }
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
}

function counts(cases: readonly TestCase[]): [string, string][] {
  const n = (kind: CaseResult['kind']) => String(cases.filter((c) => c.result.kind === kind).length);
  return [
    ['tests', String(cases.length)],
    ['failures', n('failure')],
    ['errors', '0'],
    ['skipped', n('skipped')],
  ];
}

function suiteOf(section: SubjectSection, common: [string, string][], env: Env): Suite {
  const s = section.subject;
  const properties: [string, string][] = [
    ...common,
    ['clusterId', s.clusterId],
    ['clusterName', s.name],
    ['networkPlugin', s.networkPlugin],
    ['sourceClusterId', s.sourceClusterId ?? ''],
    ['sourceClusterName', s.sourceName ?? ''],
  ];
  const byRule = new Map<string, Finding[]>();
  for (const f of section.findings) (byRule.get(f.ruleId) ?? byRule.set(f.ruleId, []).get(f.ruleId)!).push(f);
  const cases = section.outcomes.map((o) => testCase(o, byRule.get(o.ruleId) ?? [], env));
  // Findings of a rule without an outcome (a hand-edited result): still reported, never dropped.
  const withOutcome = new Set(section.outcomes.map((o) => o.ruleId));
  for (const ruleId of [...byRule.keys()].filter((id) => !withOutcome.has(id)).sort()) {
    const findings = byRule.get(ruleId)!;
    cases.push(testCase({ ruleId, clusterId: s.clusterId, status: 'failed', findings: findings.length, reasons: [] }, findings, env));
  }
  return { name: subjectTitle(s, env.w.replaces), classname: `terway-lint.${s.clusterId}`, properties, cases };
}

function testCase(outcome: RuleOutcome, findings: readonly Finding[], env: Env): TestCase {
  const { w, lang } = env;
  const rule = env.rules.get(outcome.ruleId);
  const title = rule ? text(rule.title, lang) : '';
  const name = title ? `${outcome.ruleId}${w.colon}${title}` : outcome.ruleId;
  const active = findings.filter(isActive);
  const inactive = findings.filter((f) => !isActive(f));
  const reasons = outcome.reasons.map((r) => text(r, lang)).filter(Boolean);

  if (active.length > 0 || (outcome.status === 'failed' && findings.length === 0)) {
    // The second case: a failed outcome whose findings are not in the result; never shown as passed.
    const type = active.reduce<Severity>((top, f) => (severityRank(f.severity) > severityRank(top) ? f.severity : top), active[0]?.severity ?? rule?.severity ?? 'error');
    const message = active.length === 1 ? text(active[0]!.message, lang) || outcome.ruleId : w.findings(active.length || outcome.findings);
    const body = [...[...active, ...inactive].map((f) => findingBlock(f, env)), ...gaps(reasons, w), ...(rule ? [fixOf(rule, env)] : [])];
    return { name, result: { kind: 'failure', type, message, body: body.join('\n\n') } };
  }
  if (outcome.status === 'not-evaluated' || outcome.status === 'not-applicable') {
    const heading = outcome.status === 'not-evaluated' ? w.notEvaluated : w.notApplicable;
    return {
      name,
      result: {
        kind: 'skipped',
        message: reasons.length > 0 ? `${heading}${w.colon}${reasons.join(w.semicolon)}` : heading,
        body: [heading, ...reasons.map((r) => `  - ${r}`), ...inactive.map((f) => `\n${findingBlock(f, env)}`)].join('\n'),
      },
    };
  }
  if (inactive.length > 0) {
    const suppressed = inactive.filter((f) => f.suppressed);
    const baseline = inactive.length - suppressed.length;
    const parts = [
      ...(suppressed.length > 0 ? [w.suppressed(suppressed.length)] : []),
      ...(baseline > 0 ? [w.inBaselineCount(baseline)] : []),
      ...(suppressed[0] ? [suppressionDetail(suppressed[0], env)] : []),
    ];
    const body = [...inactive.map((f) => findingBlock(f, env)), ...gaps(reasons, w)];
    return { name, result: { kind: 'skipped', message: parts.join(w.semicolon), body: body.join('\n\n') } };
  }
  return { name, result: { kind: 'passed' } };
}

/** Items a failed rule could not check: listed with its findings, never hidden. */
function gaps(reasons: readonly string[], w: Wording): string[] {
  return reasons.length > 0 ? [[`${w.notEvaluated} ${w.partly}`, ...reasons.map((r) => `  - ${r}`)].join('\n')] : [];
}

/** Severity, target, message, location; and why the finding does not count, when it does not. */
function findingBlock(f: Finding, env: Env): string {
  const { w, lang } = env;
  const target = oneLine(`${f.target.kind} ${f.target.id}${f.target.name && f.target.name !== f.target.id ? ` (${f.target.name})` : ''}`);
  const tag = f.suppressed ? ` (${w.suppressedTag})` : f.inBaseline ? ` (${w.inBaselineTag})` : '';
  const lines = [`${w.severity[f.severity]} ${target}${tag}`, ...indent(text(f.message, lang) || f.ruleId)];
  const location = env.locate(f);
  if (location) lines.push(`  ${w.at} ${formatLocation(location)}`);
  if (f.suppressed) lines.push(...indent(suppressionDetail(f, env)));
  return lines.join('\n');
}

function suppressionDetail(f: Finding, env: Env): string {
  const { w } = env;
  const s = f.suppressed!;
  return `${w.reason}${w.colon}${s.reason}${s.owner ? ` · ${w.owner} ${s.owner}` : ''}${s.expires ? ` · ${w.expires} ${s.expires}` : ''} · ${s.file}:${s.line}`;
}

function fixOf(rule: RuleSummary, env: Env): string {
  const { w, lang } = env;
  const lines: string[] = [];
  const remediation = text(rule.remediation, lang);
  if (remediation) lines.push(`${w.fix}${w.colon}${remediation}`);
  if (rule.docsUrl) lines.push(`${w.docs}${w.colon}${rule.docsUrl}`);
  return lines.join('\n');
}

/** Line breaks as spaces, for the parts of the body that are one line each. */
function oneLine(s: string): string {
  return s.replace(/[ \t]*(?:\r\n|\r|\n)+[ \t]*/g, ' ');
}

function indent(s: string): string[] {
  return s.split(/\r\n|\r|\n/).map((l) => `  ${l}`);
}

/** The text in the wanted language, falling back to English when it is missing or empty. */
function text(localized: Localized, lang: Lang): string {
  return (localized[lang] || localized.en || '').trim();
}

function attrs(pairs: readonly [string, string][]): string {
  return pairs.map(([k, v]) => ` ${k}="${xmlAttr(v)}"`).join('');
}

/**
 * Characters XML 1.0 cannot hold at all, not even as a character reference: C0 controls other than
 * tab, newline and carriage return, U+FFFE/U+FFFF, and unpaired surrogates.
 */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function xmlEscape(s: string, pattern: RegExp, table: Record<string, string>): string {
  return s.replace(pattern, (c) => {
    const named = table[c];
    if (named !== undefined) return named;
    const code = c.charCodeAt(0);
    // Not representable in XML: shown as a visible escape instead of breaking the document.
    if (NOT_XML.test(c)) return `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
    // DEL and C1 controls are legal but invisible: as references they survive any editor.
    return `&#x${code.toString(16).toUpperCase()};`;
  });
}

const TEXT_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '\r': '&#13;' };
/** Attribute values also keep tabs and line breaks, which a parser would otherwise turn into spaces. */
const ATTR_ESCAPES: Record<string, string> = { ...TEXT_ESCAPES, '"': '&quot;', '\t': '&#9;', '\n': '&#10;' };
const TEXT_PATTERN = new RegExp(`[&<>\\r]|${NOT_XML.source}|[\\u007F-\\u009F]`, 'g');
const ATTR_PATTERN = new RegExp(`[&<>"\\t\\n\\r]|${NOT_XML.source}|[\\u007F-\\u009F]`, 'g');

/** Escapes element text: markup characters, a carriage return (kept, not normalised), and control characters. */
export function xmlText(s: string): string {
  return xmlEscape(s, TEXT_PATTERN, TEXT_ESCAPES);
}

/** Escapes an attribute value (always double-quoted here): as element text, plus `"`, tabs and newlines. */
export function xmlAttr(s: string): string {
  return xmlEscape(s, ATTR_PATTERN, ATTR_ESCAPES);
}
