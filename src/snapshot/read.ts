import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject } from 'ajv';
import { SnapshotError } from '../errors.js';
import { linesOfPointers, pointerToPath } from './locate.js';
import { snapshotSchema } from './schema.js';
import { SNAPSHOT_SCHEMA_VERSION, type Snapshot } from './types.js';

export interface LoadedSnapshot {
  snapshot: Snapshot;
  /** The file as read, kept so reporters can point at the line of an entity. */
  text: string;
  file: string;
}

let validator: ReturnType<Ajv['compile']> | undefined;
function validate(value: unknown) {
  validator ??= new Ajv({ allErrors: false, strict: true }).compile(snapshotSchema);
  return { ok: validator(value) as boolean, errors: validator.errors ?? [] };
}

/** Reads and validates a snapshot file; every problem is a SnapshotError naming file and line or path. */
export function readSnapshotFile(file: string): LoadedSnapshot {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new SnapshotError(file, undefined, code === 'ENOENT' ? 'no such file' : `cannot read (${code ?? 'error'})`, { cause: err });
  }
  return { snapshot: parseSnapshot(text, file), text, file };
}

export function parseSnapshot(text: string, file: string): Snapshot {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new SnapshotError(file, lineOfSyntaxError(text, err), `not valid JSON: ${(err as Error).message}`, { cause: err });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SnapshotError(file, undefined, 'not a terway-lint snapshot: expected a JSON object');
  }
  const version = (value as { schemaVersion?: unknown }).schemaVersion;
  if (version !== SNAPSHOT_SCHEMA_VERSION) {
    const line = linesOfPointers(text, ['/schemaVersion']).get('/schemaVersion');
    throw new SnapshotError(
      file,
      line ? String(line) : undefined,
      version === undefined
        ? `not a terway-lint snapshot: $.schemaVersion is missing (this version reads schemaVersion ${SNAPSHOT_SCHEMA_VERSION})`
        : `unsupported schemaVersion ${JSON.stringify(version)} (this version reads ${SNAPSHOT_SCHEMA_VERSION})`,
    );
  }
  const { ok, errors } = validate(value);
  if (!ok) throw schemaError(text, file, errors[0]);
  return value as Snapshot;
}

function schemaError(text: string, file: string, error: ErrorObject | undefined): SnapshotError {
  if (!error) return new SnapshotError(file, undefined, 'does not match the snapshot schema');
  const pointer = error.instancePath;
  const line = linesOfPointers(text, [pointer]).get(pointer);
  let detail = `${error.message ?? 'invalid'}`;
  if (error.keyword === 'additionalProperties') {
    detail = `unknown field "${(error.params as { additionalProperty: string }).additionalProperty}"`;
  } else if (error.keyword === 'enum') {
    detail = `must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
  }
  return new SnapshotError(file, line ? String(line) : undefined, `${pointerToPath(pointer)} ${detail}`);
}

function lineOfSyntaxError(text: string, err: unknown): string | undefined {
  const m = /position (\d+)/.exec((err as Error).message ?? '');
  if (m) return String(text.slice(0, Number(m[1])).split('\n').length);
  const l = /line (\d+)/.exec((err as Error).message ?? '');
  if (l) return l[1];
  if (text.trim() === '') return undefined;
  return undefined;
}
