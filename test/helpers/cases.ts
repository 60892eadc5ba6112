/** Reads fixtures/rules/<id>.cases.yaml and applies a case to the ready base snapshot. */
import { readFileSync, readdirSync } from 'node:fs';
import { parse } from 'yaml';
import type { CollectionError, Snapshot } from '../../src/snapshot/types.js';

export const repoRoot = new URL('../../', import.meta.url);
export const casesDir = new URL('fixtures/rules/', repoRoot);
export const readySnapshotFile = new URL('fixtures/snapshots/ready.json', repoRoot);

export interface SnapshotChange {
  name: string;
  /** Config suppressions for the case (file .terway-lint.yaml, line = position + 1). */
  suppressions?: { rule: string; resource: string; cluster?: string; reason: string; owner?: string; expires?: string }[];
  /** YYYY-MM-DD the suppressions are judged on (default 2026-11-26). */
  today?: string;
  patch?: Record<string, unknown>;
  remove?: string[];
  errors?: CollectionError[];
  clusterId?: string;
}
export interface FindingExpectation {
  target?: { kind?: string; id?: string };
  severity?: 'error' | 'warning' | 'info';
  message?: string;
  evidence?: Record<string, unknown>;
  location?: Record<string, unknown>;
}
export interface RuleCases {
  rule: string;
  valid: SnapshotChange[];
  invalid: (SnapshotChange & { findings: FindingExpectation[] })[];
  notEvaluated?: (SnapshotChange & { reason: string })[];
  notApplicable?: (SnapshotChange & { reason: string })[];
}

export function listCaseFiles(): string[] {
  return readdirSync(casesDir).filter((f) => f.endsWith('.cases.yaml')).sort();
}

export function readCases(file: string): RuleCases {
  return parse(readFileSync(new URL(file, casesDir), 'utf8')) as RuleCases;
}

export function readReady(): Snapshot {
  return JSON.parse(readFileSync(readySnapshotFile, 'utf8')) as Snapshot;
}

const isEntityList = (v: unknown): v is { id: string }[] =>
  Array.isArray(v) && v.length > 0 && v.every((e) => e && typeof e === 'object' && typeof (e as { id?: unknown }).id === 'string');

/** Deep merge; arrays of entities merge by id (new ids are appended), other arrays replace. */
export function merge(base: unknown, patch: unknown): unknown {
  if (isEntityList(patch) && isEntityList(base)) {
    const out = base.map((e) => ({ ...e }));
    for (const p of patch) {
      const i = out.findIndex((e) => e.id === p.id);
      if (i === -1) out.push(p);
      else out[i] = merge(out[i], p) as { id: string };
    }
    return out;
  }
  if (patch && typeof patch === 'object' && !Array.isArray(patch) && base && typeof base === 'object' && !Array.isArray(base)) {
    const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
    for (const [k, v] of Object.entries(patch)) out[k] = merge(out[k], v);
    return out;
  }
  return patch;
}

export function applyChange(base: Snapshot, change: SnapshotChange): Snapshot {
  let snap = merge(structuredClone(base), change.patch ?? {}) as Snapshot;
  for (const entry of change.remove ?? []) {
    // `section`, `section/id`, or `section/id#field` (a field of one entity).
    const [r, field] = entry.split('#') as [string, string | undefined];
    const [section, ...rest] = r.split('/');
    const id = rest.join('/');
    if (field) {
      const entity = ((snap as unknown as Record<string, { id: string }[]>)[section!] ?? []).find((e) => e.id === id);
      if (!entity || !(field in entity)) throw new Error(`case "${change.name}": no ${entry} to remove`);
      delete (entity as unknown as Record<string, unknown>)[field];
      continue;
    }
    const s = snap as unknown as Record<string, unknown>;
    if (!(section! in s)) throw new Error(`case "${change.name}": no section ${section} to remove`);
    if (!id) delete s[section!];
    else {
      const list = s[section!] as { id: string }[];
      if (!list.some((e) => e.id === id)) throw new Error(`case "${change.name}": no ${section}/${id} to remove`);
      s[section!] = list.filter((e) => e.id !== id);
    }
  }
  if (change.errors) snap = { ...snap, errors: [...snap.errors, ...change.errors] };
  return snap;
}

/** `/regex/` is a regular expression, anything else a substring. */
export function matchesText(actual: string, expected: string): boolean {
  const m = /^\/(.*)\/([a-z]*)$/s.exec(expected);
  return m ? new RegExp(m[1]!, m[2]).test(actual) : actual.includes(expected);
}
