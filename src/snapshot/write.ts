import { SECTION_NAMES, type Snapshot } from './types.js';

function byClusterThenId(a: { clusterId?: string; id: string }, b: { clusterId?: string; id: string }) {
  const ca = a.clusterId ?? '';
  const cb = b.clusterId ?? '';
  if (ca !== cb) return ca < cb ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Returns a copy with every section sorted by (clusterId, id) and keys in a fixed order. */
export function normalizeSnapshot(snapshot: Snapshot): Snapshot {
  const out: Record<string, unknown> = { schemaVersion: snapshot.schemaVersion, meta: snapshot.meta };
  for (const name of SECTION_NAMES) {
    const section = snapshot[name] as { clusterId?: string; id: string }[] | undefined;
    if (section) out[name] = [...section].sort(byClusterThenId);
  }
  out.errors = [...snapshot.errors].sort((a, b) =>
    `${a.section}\0${a.clusterId ?? ''}\0${a.source}`.localeCompare(`${b.section}\0${b.clusterId ?? ''}\0${b.source}`),
  );
  return out as unknown as Snapshot;
}

/** Serialises deterministically: sorted sections, two-space indent, trailing newline. */
export function serializeSnapshot(snapshot: Snapshot): string {
  return `${JSON.stringify(normalizeSnapshot(snapshot), null, 2)}\n`;
}
