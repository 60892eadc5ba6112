import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject } from 'ajv';
import { SnapshotError } from '../errors.js';
import { syntaxErrorOffset } from './json-syntax.js';
import { linesOfPointers, pointerToPath } from './locate.js';
import { snapshotSchema } from './schema.js';
import { SECTION_NAMES, SNAPSHOT_SCHEMA_VERSION, type Snapshot } from './types.js';

export interface LoadedSnapshot {
  snapshot: Snapshot;
  /** The file as read, kept so reporters can point at the line of an entity. */
  text: string;
  file: string;
}

// A memo of a pure compile (the schema is a constant): compiling costs ~0.2 s, once per process.
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
    throw new SnapshotError(file, lineOfSyntaxError(text), `not valid JSON: ${(err as Error).message}`, { cause: err });
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
  const snapshot = value as Snapshot;
  const duplicate = firstDuplicateId(snapshot);
  if (duplicate) {
    const line = linesOfPointers(text, [duplicate.pointer]).get(duplicate.pointer);
    throw new SnapshotError(file, line ? String(line) : undefined, `${pointerToPath(duplicate.pointer)} repeats id "${duplicate.id}"${duplicate.clusterId ? ` in cluster ${duplicate.clusterId}` : ''}; ids must be unique`);
  }
  return snapshot;
}

/** Ids are what findings, fingerprints and suppressions key on, so each must be unique per cluster. */
function firstDuplicateId(snapshot: Snapshot): { pointer: string; id: string; clusterId?: string } | undefined {
  for (const section of SECTION_NAMES) {
    const seenByCluster = new Map<string, Set<string>>();
    const list = (snapshot[section] ?? []) as { id: string; clusterId?: string }[];
    for (let i = 0; i < list.length; i++) {
      const e = list[i]!;
      const cluster = e.clusterId ?? '';
      let seen = seenByCluster.get(cluster);
      if (!seen) seenByCluster.set(cluster, (seen = new Set()));
      if (seen.has(e.id)) return { pointer: `/${section}/${i}`, id: e.id, ...(e.clusterId ? { clusterId: e.clusterId } : {}) };
      seen.add(e.id);
    }
  }
  return undefined;
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

function lineOfSyntaxError(text: string): string | undefined {
  const offset = syntaxErrorOffset(text);
  if (offset < 0) return undefined;
  return String(text.slice(0, offset).split('\n').length);
}
