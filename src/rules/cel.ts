/**
 * The CEL environment rules run in: `item` (typed by the rule's collection) and `cluster`.
 * CEL integers are BigInt in @marcbachmann/cel-js, so values cross the boundary through toCel/fromCel.
 */
import { Environment } from '@marcbachmann/cel-js';
import type { CelSchema, CollectionDef } from '../model/types.js';

export const clusterSchema: CelSchema = {
  id: 'string',
  name: 'string',
  networkPlugin: 'string',
  role: 'string',
  sourceClusterId: 'string',
  sourceClusterName: 'string',
};

/** One environment per collection; callers cache it (no module-level state). */
export function environmentFor(collection: CollectionDef): Environment {
  return new Environment({ unlistedVariablesAreDyn: false })
    .registerVariable({ name: 'item', schema: collection.schema } as never)
    .registerVariable({ name: 'cluster', schema: clusterSchema } as never);
}

/** JS → CEL: integral numbers become BigInt, recursively. */
export function toCel(value: unknown): unknown {
  if (typeof value === 'number') return Number.isInteger(value) ? BigInt(value) : value;
  if (Array.isArray(value)) return value.map(toCel);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = toCel(v);
    return out;
  }
  return value;
}

/** CEL → JSON-safe JS: BigInt becomes number, Maps become objects. */
export function fromCel(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (Array.isArray(value)) return value.map(fromCel);
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [String(k), fromCel(v)]));
  if (value && typeof value === 'object' && !(value instanceof Date) && !(value instanceof Uint8Array)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = fromCel(v);
    return out;
  }
  return value;
}

/** How a placeholder value is printed in a message. */
export function formatValue(value: unknown): string {
  const v = fromCel(value);
  if (Array.isArray(v)) return v.map(formatValue).join(', ');
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Math.round(v * 100) / 100);
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}
