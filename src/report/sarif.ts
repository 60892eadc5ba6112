/**
 * SARIF 2.1.0 report for GitHub code scanning (and any other SARIF consumer).
 *
 * One run per subject, so each cluster gets its own code-scanning category
 * (`terway-lint/<region>/<clusterId>/`): GitHub rejects a delivery with two runs of the same tool and
 * category. GitHub also rejects a file with more than 20 runs: past 20 subjects the whole region is one
 * run (`terway-lint/<region>/`) listing its subjects, each result still naming its cluster. Every result carries a physical location, because GitHub rejects the whole file when a
 * single result has none: a compose file's line when the finding has one, otherwise the line of the
 * entity in the snapshot file. The resource itself goes into `logicalLocations` for other consumers.
 * See reference/peer-tools.md §4.
 */
import { UsageError } from '../errors.js';
import type { Lang, Localized } from '../model/types.js';
import type { Finding, LintResult, RuleSummary, SubjectSummary } from '../rules/result.js';
import type { Severity } from '../rules/types.js';
import { findingLocator, type FindingLocation } from './locations.js';

export interface SarifContext {
  /** Language of every text in the log. */
  lang: Lang;
  /** URI of the snapshot file, relative to the repository root (forward slashes); anchors findings without a file. */
  snapshotUri: string;
  /** The snapshot file's text, to find each entity's line; without it such findings point at line 1. */
  snapshotText?: string;
}

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
export const SARIF_VERSION = '2.1.0';
export const SARIF_TOOL_INFORMATION_URI = 'https://github.com/terway-lint/terway-lint';
/** Key in `partialFingerprints` holding terway-lint's own fingerprint (rule + cluster + target). */
export const SARIF_FINGERPRINT_KEY = 'terwayLint/v1';

/** GitHub's limit of runs in one SARIF file. */
export const MAX_SARIF_RUNS = 20;
/** GitHub's limit for `shortDescription.text` and `fullDescription.text`. */
const MAX_DESCRIPTION = 1024;
/** GitHub's limit for a rule's `name`. */
const MAX_NAME = 255;
const SEMVER = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;

/** Renders the result as a SARIF log: pure and deterministic, pretty-printed, ending with a newline. */
export function renderSarif(result: LintResult, ctx: SarifContext): string {
  const snapshotUri = toUriReference(ctx.snapshotUri);
  if (snapshotUri === '' && result.findings.some((f) => !f.location.file)) {
    throw new UsageError('the SARIF report needs the snapshot file: findings without a source file are anchored to it');
  }
  const locate = findingLocator(result.findings, ctx);
  const rules = result.rules.map((rule) => reportingDescriptor(rule, ctx.lang));
  const ruleIndex = new Map<string, number>();
  result.rules.forEach((rule, i) => {
    if (!ruleIndex.has(rule.id)) ruleIndex.set(rule.id, i);
  });

  const region = result.snapshot.region || 'unknown';
  const subjects = subjectsWithFindings(result);
  const resultContext = { lang: ctx.lang, snapshotUri, locate, ruleIndex };
  const runs =
    subjects.length === 0
      ? [run(result, rules, `terway-lint/${region}/`, undefined, [])]
      : subjects.length > MAX_SARIF_RUNS
        ? [run(result, rules, `terway-lint/${region}/`, subjects, sarifResults(result.findings, resultContext))]
        : subjects.map((subject) =>
          run(
            result,
            rules,
            `terway-lint/${region}/${subject.clusterId}/`,
            subject,
            sarifResults(
              result.findings.filter((f) => f.clusterId === subject.clusterId),
              resultContext,
            ),
          ),
        );

  const log = { $schema: SARIF_SCHEMA_URI, version: SARIF_VERSION, runs };
  return `${JSON.stringify(log, null, 2)}\n`;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function run(
  result: LintResult,
  rules: Json[],
  automationId: string,
  subject: SubjectSummary | SubjectSummary[] | undefined,
  results: Json[],
): Json {
  const version = result.tool.version;
  return {
    tool: {
      driver: {
        name: 'terway-lint',
        ...(version ? { version } : {}),
        ...(SEMVER.test(version) ? { semanticVersion: version } : {}),
        informationUri: SARIF_TOOL_INFORMATION_URI,
        rules,
      },
    },
    automationDetails: { id: automationId },
    columnKind: 'utf16CodeUnits',
    ...(Array.isArray(subject)
      ? { properties: { subjects: subject.map(subjectProperties) } }
      : subject
        ? { properties: { subject: subjectProperties(subject) } }
        : {}),
    results,
  };
}

function subjectProperties(s: SubjectSummary): Json {
  return {
    clusterId: s.clusterId,
    name: s.name,
    role: s.role,
    networkPlugin: s.networkPlugin,
    ...(s.sourceClusterId !== undefined ? { sourceClusterId: s.sourceClusterId } : {}),
    ...(s.sourceName !== undefined ? { sourceName: s.sourceName } : {}),
  };
}

/**
 * The result's subjects, one per cluster id, plus a bare subject for any finding whose cluster is not
 * among them, so no finding is ever dropped from the report.
 */
function subjectsWithFindings(result: LintResult): SubjectSummary[] {
  const seen = new Set<string>();
  const subjects: SubjectSummary[] = [];
  for (const s of result.subjects) {
    if (seen.has(s.clusterId)) continue;
    seen.add(s.clusterId);
    subjects.push(s);
  }
  const orphans = [...new Set(result.findings.map((f) => f.clusterId))].filter((id) => !seen.has(id)).sort();
  for (const clusterId of orphans) {
    subjects.push({ clusterId, name: clusterId, role: 'standalone', networkPlugin: 'unknown' });
  }
  return subjects;
}

function reportingDescriptor(rule: RuleSummary, lang: Lang): Json {
  const title = text(rule.title, lang) || rule.id;
  const description = text(rule.description, lang) || title;
  const remediation = text(rule.remediation, lang);
  const docs = rule.docsUrl ? toUriReference(rule.docsUrl) : '';
  const helpText = [remediation, docs ? `Docs: ${docs}` : ''].filter(Boolean).join('\n\n') || description;
  const docsLink = docs.replace(/\(/g, '%28').replace(/\)/g, '%29');
  const helpMarkdown = [remediation, docs ? `Docs: [${rule.id}](${docsLink})` : ''].filter(Boolean).join('\n\n') || description;
  const tags = [...new Set(['terway', 'migration', rule.category].filter(Boolean))];
  return {
    id: rule.id,
    name: (pascalCase(rule.id) || rule.id).slice(0, MAX_NAME),
    shortDescription: { text: truncate(title, MAX_DESCRIPTION) },
    fullDescription: { text: truncate(description, MAX_DESCRIPTION) },
    help: { text: helpText, markdown: helpMarkdown },
    ...(/^[A-Za-z][A-Za-z0-9+.-]*:/.test(docs) ? { helpUri: docs } : {}),
    defaultConfiguration: { level: sarifLevel(rule.severity) },
    properties: {
      tags,
      precision: 'high',
      'problem.severity': problemSeverity(rule.severity),
    },
  };
}

interface ResultContext {
  lang: Lang;
  snapshotUri: string;
  locate: (finding: Finding) => FindingLocation | undefined;
  ruleIndex: Map<string, number>;
}

function sarifResults(findings: Finding[], ctx: ResultContext): Json[] {
  // upload-sarif's convention is "<hash>:<n>", n counting equal hashes in the file; the hash here is
  // the finding's fingerprint (rule + cluster + target), so it survives line shifts between runs.
  const occurrences = new Map<string, number>();
  return findings.map((finding) => {
    const n = (occurrences.get(finding.fingerprint) ?? 0) + 1;
    occurrences.set(finding.fingerprint, n);
    const index = ctx.ruleIndex.get(finding.ruleId);
    return {
      ruleId: finding.ruleId,
      ...(index !== undefined ? { ruleIndex: index } : {}),
      level: sarifLevel(finding.severity),
      message: { text: text(finding.message, ctx.lang) || finding.ruleId },
      locations: [
        {
          physicalLocation: physicalLocation(finding, ctx),
          logicalLocations: [
            {
              name: finding.target.name || finding.target.id,
              fullyQualifiedName: finding.location.logical,
              kind: 'resource',
            },
          ],
        },
      ],
      partialFingerprints: {
        [SARIF_FINGERPRINT_KEY]: finding.fingerprint,
        primaryLocationLineHash: `${finding.fingerprint}:${n}`,
      },
      properties: {
        clusterId: finding.clusterId,
        target: {
          kind: finding.target.kind,
          id: finding.target.id,
          ...(finding.target.name !== undefined ? { name: finding.target.name } : {}),
        },
        evidence: toJson(finding.evidence),
      },
    };
  });
}

function physicalLocation(finding: Finding, ctx: ResultContext): Json {
  // The same file and line as every other format (locations.ts); the snapshot path was checked above.
  const location = ctx.locate(finding);
  const uri = location?.anchor === 'file' ? toUriReference(location.file) : ctx.snapshotUri;
  return { artifactLocation: { uri }, region: { startLine: location?.line ?? 1 } };
}

function sarifLevel(severity: Severity): 'error' | 'warning' | 'note' {
  return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'note';
}

function problemSeverity(severity: Severity): 'error' | 'warning' | 'recommendation' {
  return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'recommendation';
}

/** The text in the wanted language, falling back to English when it is missing or empty. */
function text(localized: Localized, lang: Lang): string {
  return (localized[lang] || localized.en || '').trim();
}

/** `pod-vswitch-without-snat` → `PodVswitchWithoutSnat`. */
export function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
}

/** Cuts to at most `max` UTF-16 code units, never inside a surrogate pair, marking the cut with an ellipsis. */
function truncate(s: string, max: number): string {
  if (s.length <= max) return s;
  let end = max - 1;
  const last = s.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${s.slice(0, end)}…`;
}

/**
 * A path or URI as a SARIF `uri` (a URI reference): backslashes become slashes, a leading `./` goes,
 * characters a URI cannot hold are percent-encoded, and absolute paths become `file:` URIs. Anything
 * that already has a scheme (`https://…`, `file:///…`) keeps its form; only characters no URI may hold
 * are escaped.
 */
export function toUriReference(pathOrUri: string): string {
  const s = pathOrUri.trim();
  if (s === '') return '';
  if (/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(s)) {
    // Already a URI: only escape characters no URI may hold (spaces, non-ASCII, quotes, ...).
    return s.replace(/[^A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]/gu, (c) => encodeURIComponent(c));
  }
  let p = s.replace(/\\/g, '/');
  while (p.startsWith('./')) p = p.slice(2);
  const encode = (segment: string) => encodeURIComponent(segment).replace(/%40/g, '@').replace(/%2B/g, '+');
  const drive = /^([A-Za-z]:)\/(.*)$/.exec(p);
  if (drive) return `file:///${drive[1]}/${drive[2]!.split('/').map(encode).join('/')}`;
  if (p.startsWith('/')) return `file://${p.split('/').map(encode).join('/')}`;
  return p.split('/').map(encode).join('/');
}

/** Evidence as plain JSON with sorted keys: bigints become numbers (or strings when too big), undefined goes. */
function toJson(value: unknown): Json {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'bigint') {
    return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(value) : value.toString();
  }
  if (Array.isArray(value)) return value.map(toJson);
  if (value instanceof Map) return toJson(Object.fromEntries(value));
  if (value instanceof Set) return toJson([...value]);
  if (typeof value === 'object') {
    const out: { [key: string]: Json } = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = toJson(v);
    }
    return out;
  }
  return String(value);
}
