/** Baseline files (--write-baseline / --baseline): the fingerprints of findings accepted as known. */
import { readFileSync } from 'node:fs';
import { InputFileError } from '../errors.js';
import { syntaxErrorOffset } from '../snapshot/json-syntax.js';
import type { LintResult } from './result.js';

export const BASELINE_SCHEMA_VERSION = 1;

export interface BaselineEntry {
  fingerprint: string;
  ruleId: string;
  clusterId: string;
  target: string;
}

/** Every unsuppressed finding, sorted: deterministic, so the file diffs cleanly in review. */
export function renderBaseline(result: LintResult): string {
  const findings: BaselineEntry[] = result.findings
    .filter((f) => !f.suppressed)
    .map((f) => ({ fingerprint: f.fingerprint, ruleId: f.ruleId, clusterId: f.clusterId, target: `${f.target.kind}/${f.target.id}` }))
    .sort((a, b) => (a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0));
  return `${JSON.stringify({ schemaVersion: BASELINE_SCHEMA_VERSION, tool: 'terway-lint', findings }, null, 2)}\n`;
}

export function readBaselineFile(path: string, displayName = path): Set<string> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputFileError(displayName, undefined, code === 'ENOENT' ? 'no such baseline file (create one with --write-baseline)' : `cannot read (${code})`, { cause: err });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const offset = syntaxErrorOffset(text);
    throw new InputFileError(displayName, offset >= 0 ? String(text.slice(0, offset).split('\n').length) : undefined, 'not valid JSON: not a terway-lint baseline');
  }
  const v = value as { schemaVersion?: unknown; findings?: unknown };
  if (v?.schemaVersion !== BASELINE_SCHEMA_VERSION || !Array.isArray(v.findings)) {
    throw new InputFileError(displayName, undefined, `not a terway-lint baseline (expected schemaVersion ${BASELINE_SCHEMA_VERSION} and a findings list; write one with --write-baseline)`);
  }
  const fingerprints = new Set<string>();
  v.findings.forEach((entry: unknown, i: number) => {
    const fp = (entry as { fingerprint?: unknown })?.fingerprint;
    if (typeof fp !== 'string' || !/^[0-9a-f]{32}$/.test(fp)) {
      throw new InputFileError(displayName, undefined, `$.findings[${i}].fingerprint must be the 32 hex digits terway-lint writes`);
    }
    fingerprints.add(fp);
  });
  return fingerprints;
}
