/**
 * What gets a verdict: every Terway target (with the Flannel source it replaces) and every cluster
 * that stands alone. A source that has a target is judged through its target.
 */
import type { Cluster, Snapshot } from '../snapshot/types.js';

export interface Subject {
  /** The cluster whose readiness is judged (the Terway target, or the standalone cluster). */
  clusterId: string;
  cluster?: Cluster;
  role: 'target' | 'standalone';
  /** The Flannel cluster whose workloads move to the target. */
  sourceClusterId?: string;
  source?: Cluster;
}

export function subjectsOf(snapshot: Snapshot): Subject[] {
  const clusters = new Map((snapshot.clusters ?? []).map((c) => [c.id, c]));
  const pairedSources = new Set(
    snapshot.meta.scope.filter((s) => s.role === 'target' && s.sourceClusterId).map((s) => s.sourceClusterId!),
  );
  const subjects: Subject[] = [];
  for (const entry of snapshot.meta.scope) {
    if (entry.role === 'source' && pairedSources.has(entry.clusterId)) continue;
    const subject: Subject = {
      clusterId: entry.clusterId,
      cluster: clusters.get(entry.clusterId),
      role: entry.role === 'target' && entry.sourceClusterId ? 'target' : 'standalone',
    };
    if (subject.role === 'target') {
      subject.sourceClusterId = entry.sourceClusterId;
      subject.source = clusters.get(entry.sourceClusterId!);
    }
    subjects.push(subject);
  }
  return subjects.sort((a, b) => (a.clusterId < b.clusterId ? -1 : a.clusterId > b.clusterId ? 1 : 0));
}

/** The clusters whose nodes and workloads belong to a subject. */
export function clusterIdsOf(subject: Subject): string[] {
  return subject.sourceClusterId ? [subject.clusterId, subject.sourceClusterId] : [subject.clusterId];
}
