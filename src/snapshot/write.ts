import { SECTION_NAMES, type Snapshot } from './types.js';

function byClusterThenId(a: { clusterId?: string; id: string }, b: { clusterId?: string; id: string }) {
  const ca = a.clusterId ?? '';
  const cb = b.clusterId ?? '';
  if (ca !== cb) return ca < cb ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Returns a copy with every section sorted by (clusterId, id) and the top-level keys in a fixed order. */
export function normalizeSnapshot(snapshot: Snapshot): Snapshot {
  const out: Record<string, unknown> = { schemaVersion: snapshot.schemaVersion, meta: snapshot.meta };
  for (const name of SECTION_NAMES) {
    const section = snapshot[name] as { clusterId?: string; id: string }[] | undefined;
    if (section) out[name] = [...section].sort(byClusterThenId);
  }
  // Code-unit order with the whole entry as the last tie-break: independent of locale and input order.
  const errorKey = (e: Snapshot['errors'][number]) => [e.section, e.clusterId ?? '', e.source, JSON.stringify(e)];
  out.errors = [...snapshot.errors].sort((a, b) => {
    const ka = errorKey(a);
    const kb = errorKey(b);
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i]! < kb[i]! ? -1 : 1;
    return 0;
  });
  return out as unknown as Snapshot;
}

/** Serialises deterministically: sorted sections, two-space indent, trailing newline. */
export function serializeSnapshot(snapshot: Snapshot): string {
  return `${JSON.stringify(normalizeSnapshot(snapshot), null, 2)}\n`;
}
