/** Snapshot `meta` for hand-built model tests. */
import type { ScopeEntry, SnapshotMeta } from '../../src/snapshot/types.js';

/** A Flannel c-flannel replaced by a Terway c-terway (or the scope given), collected in cn-hangzhou. */
export function testMeta(
  scope: ScopeEntry[] = [
    { clusterId: 'c-flannel', role: 'source' },
    { clusterId: 'c-terway', role: 'target', sourceClusterId: 'c-flannel' },
  ],
): SnapshotMeta {
  return { toolVersion: 't', collectedAt: '2026-11-20T08:30:00Z', region: 'cn-hangzhou', scope };
}
