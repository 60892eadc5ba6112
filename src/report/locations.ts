/**
 * Where a report puts things: the file and line of each finding, and the subject (cluster or
 * Flannel→Terway pair) each finding and rule outcome is listed under. Shared by the SARIF, JUnit,
 * Markdown and GitHub reporters, so a finding points at the same line in every format.
 */
import type { Finding, LintResult, RuleOutcome, SubjectSummary } from '../rules/result.js';
import { linesOfPointers } from '../snapshot/locate.js';

export interface LocateContext {
  /** The snapshot path as reports name it (relative to the working directory); anchors findings without a file. */
  snapshotUri: string;
  /** The snapshot file's text, to find each entity's line. */
  snapshotText?: string;
}

export interface FindingLocation {
  /** The finding's own file (e.g. a compose file), or the snapshot path; as given, not URI-encoded. */
  file: string;
  /** 1-based; 1 when nothing better is known. */
  line: number;
  /** `file`: the finding's own source file; `snapshot`: the entity in the snapshot file. */
  anchor: 'file' | 'snapshot';
}

/**
 * Returns a function that gives each finding's physical location, with the snapshot lines of all
 * `findings` looked up in one pass over the text:
 * - a finding with a file: that file and its line (1 when the line is missing or not a positive integer);
 * - otherwise the snapshot file, at the line of `location.snapshotPointer` in `snapshotText`; without the
 *   text, at the line the CLI recorded in `location.snapshotLine` (a saved result re-rendered); else line 1;
 * - `undefined` when the finding has no file and there is no snapshot path to anchor it to.
 */
export function findingLocator(findings: readonly Finding[], ctx: LocateContext): (finding: Finding) => FindingLocation | undefined {
  const snapshotFile = ctx.snapshotUri.trim();
  const lines = ctx.snapshotText === undefined ? undefined : linesOfPointers(ctx.snapshotText, pointersOf(findings));
  return (finding) => {
    const own = finding.location.file?.trim();
    if (own) return { file: own, line: lineOrOne(finding.location.line), anchor: 'file' };
    if (!snapshotFile) return undefined;
    const pointer = finding.location.snapshotPointer;
    const line = lines ? (pointer !== undefined ? lines.get(pointer) : undefined) : finding.location.snapshotLine;
    return { file: snapshotFile, line: lineOrOne(line), anchor: 'snapshot' };
  };
}

/** `file:line`, the way compilers and the text report print a place. */
export function formatLocation(location: FindingLocation): string {
  return `${location.file}:${location.line}`;
}

function pointersOf(findings: readonly Finding[]): Set<string> {
  const pointers = new Set<string>();
  for (const f of findings) {
    if (!f.location.file?.trim() && f.location.snapshotPointer !== undefined) pointers.add(f.location.snapshotPointer);
  }
  return pointers;
}

function lineOrOne(line: number | undefined): number {
  return line !== undefined && Number.isInteger(line) && line >= 1 ? line : 1;
}

/** A subject with what is reported under it. */
export interface SubjectSection {
  subject: SubjectSummary;
  findings: Finding[];
  outcomes: RuleOutcome[];
}

/**
 * The result grouped by subject, in the result's order: one section per subject cluster id, plus a
 * bare section (sorted by cluster id) for any finding or outcome whose cluster is not a subject, so
 * nothing is ever dropped from a report.
 */
export function subjectSections(result: LintResult): SubjectSection[] {
  const sections = new Map<string, SubjectSection>();
  for (const subject of result.subjects) {
    if (!sections.has(subject.clusterId)) sections.set(subject.clusterId, { subject, findings: [], outcomes: [] });
  }
  const orphanIds = [...new Set([...result.findings, ...result.outcomes].map((x) => x.clusterId))].filter((id) => !sections.has(id)).sort();
  for (const clusterId of orphanIds) {
    sections.set(clusterId, { subject: { clusterId, name: clusterId, role: 'standalone', networkPlugin: 'unknown' }, findings: [], outcomes: [] });
  }
  for (const f of result.findings) sections.get(f.clusterId)!.findings.push(f);
  for (const o of result.outcomes) sections.get(o.clusterId)!.outcomes.push(o);
  return [...sections.values()];
}

/** A finding that counts: neither suppressed nor in the baseline. */
export function isActive(finding: Finding): boolean {
  return !finding.suppressed && !finding.inBaseline;
}

/** `name (clusterId, plugin) replaces sourceName (sourceClusterId)`, as the text report titles a subject. */
export function subjectTitle(subject: SubjectSummary, replaces: string): string {
  const self = `${subject.name || subject.clusterId} (${subject.clusterId}, ${subject.networkPlugin})`;
  return subject.sourceClusterId ? `${self} ${replaces} ${subject.sourceName || subject.sourceClusterId} (${subject.sourceClusterId})` : self;
}
