/** Reads a saved `--format json` result for `terway-lint report --from`. */
import { readFileSync } from 'node:fs';
import { InputFileError } from '../errors.js';
import { syntaxErrorOffset } from '../snapshot/json-syntax.js';
import { RESULT_SCHEMA_VERSION, type LintResult } from './result.js';

export function readResultFile(path: string, displayName = path): LintResult {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputFileError(displayName, undefined, code === 'ENOENT' ? 'no such result file' : `cannot read (${code})`, { cause: err });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const offset = syntaxErrorOffset(text);
    throw new InputFileError(displayName, offset >= 0 ? String(text.slice(0, offset).split('\n').length) : undefined, 'not valid JSON');
  }
  const r = value as Partial<LintResult> & { meta?: unknown };
  if (r?.tool?.name !== 'terway-lint') {
    const hint = r?.meta !== undefined ? ': it looks like a snapshot; lint it with --snapshot' : ' (write one with --format json)';
    throw new InputFileError(displayName, undefined, `not a terway-lint result${hint}`);
  }
  if (r.schemaVersion !== RESULT_SCHEMA_VERSION) {
    throw new InputFileError(displayName, undefined, `not a terway-lint result of schemaVersion ${RESULT_SCHEMA_VERSION} (write one with --format json)`);
  }
  for (const key of ['subjects', 'rules', 'outcomes', 'findings', 'collectionErrors'] as const) {
    if (!Array.isArray(r[key])) throw new InputFileError(displayName, undefined, `$.${key} must be a list; not a terway-lint result`);
  }
  if (typeof r.verdict !== 'string' || typeof r.snapshot !== 'object' || typeof r.tool !== 'object') {
    throw new InputFileError(displayName, undefined, 'missing verdict, snapshot or tool; not a terway-lint result');
  }
  return r as LintResult;
}
