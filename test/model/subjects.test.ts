import { describe, expect, it } from 'vitest';
import { clusterIdsOf, subjectsOf } from '../../src/model/subjects.js';
import type { Cluster, ScopeEntry, Snapshot } from '../../src/snapshot/types.js';

function cluster(id: string, networkPlugin: Cluster['networkPlugin']): Cluster {
  return { id, name: id, region: 'cn-hangzhou', networkPlugin, addons: [], vpcId: 'vpc-1', nodeVSwitchIds: [] };
}

function snapshot(scope: ScopeEntry[], clusters: Cluster[] | undefined): Snapshot {
  const s: Snapshot = {
    schemaVersion: 1,
    meta: { toolVersion: '0.1.0', collectedAt: '2026-11-20T08:30:00Z', region: 'cn-hangzhou', scope },
    errors: [],
  };
  if (clusters) s.clusters = clusters;
  return s;
}

const FLANNEL = cluster('c-flannel', 'flannel');
const TERWAY = cluster('c-terway', 'terway');
const OTHER = cluster('c-other', 'terway');

describe('subjectsOf', () => {
  it('a target carries its source; the source is not a subject of its own', () => {
    const s = snapshot(
      [
        { clusterId: 'c-flannel', role: 'source' },
        { clusterId: 'c-terway', role: 'target', sourceClusterId: 'c-flannel' },
      ],
      [FLANNEL, TERWAY],
    );
    expect(subjectsOf(s)).toEqual([
      { clusterId: 'c-terway', cluster: TERWAY, role: 'target', sourceClusterId: 'c-flannel', source: FLANNEL },
    ]);
  });

  it('the result does not depend on scope order', () => {
    const a = snapshot(
      [
        { clusterId: 'c-terway', role: 'target', sourceClusterId: 'c-flannel' },
        { clusterId: 'c-flannel', role: 'source' },
        { clusterId: 'c-other', role: 'standalone' },
      ],
      [FLANNEL, TERWAY, OTHER],
    );
    const b = snapshot([...a.meta.scope].reverse(), [OTHER, TERWAY, FLANNEL]);
    expect(subjectsOf(a)).toEqual(subjectsOf(b));
    expect(subjectsOf(a).map((x) => [x.clusterId, x.role])).toEqual([
      ['c-other', 'standalone'],
      ['c-terway', 'target'],
    ]);
  });

  it('a standalone cluster is its own subject, with no source', () => {
    const [subject, ...rest] = subjectsOf(snapshot([{ clusterId: 'c-other', role: 'standalone' }], [OTHER]));
    expect(rest).toEqual([]);
    expect(subject).toEqual({ clusterId: 'c-other', cluster: OTHER, role: 'standalone' });
    expect(subject).not.toHaveProperty('sourceClusterId');
    expect(subject).not.toHaveProperty('source');
  });

  it('a source whose target is not in scope becomes standalone', () => {
    const got = subjectsOf(snapshot([{ clusterId: 'c-flannel', role: 'source' }], [FLANNEL, TERWAY]));
    expect(got).toEqual([{ clusterId: 'c-flannel', cluster: FLANNEL, role: 'standalone' }]);
  });

  it('a source paired with a different target than the one in scope stays standalone', () => {
    const got = subjectsOf(
      snapshot(
        [
          { clusterId: 'c-flannel', role: 'source' },
          { clusterId: 'c-terway', role: 'target', sourceClusterId: 'c-elsewhere' },
        ],
        [FLANNEL, TERWAY],
      ),
    );
    expect(got.map((x) => [x.clusterId, x.role, x.sourceClusterId])).toEqual([
      ['c-flannel', 'standalone', undefined],
      ['c-terway', 'target', 'c-elsewhere'],
    ]);
    expect(got[1]!.source).toBeUndefined();
  });

  it('a target without a sourceClusterId is judged standalone', () => {
    const got = subjectsOf(snapshot([{ clusterId: 'c-terway', role: 'target' }], [TERWAY]));
    expect(got).toEqual([{ clusterId: 'c-terway', cluster: TERWAY, role: 'standalone' }]);
  });

  it('a cluster in scope but missing from clusters is still a subject, with cluster undefined', () => {
    const got = subjectsOf(
      snapshot(
        [
          { clusterId: 'c-flannel', role: 'source' },
          { clusterId: 'c-terway', role: 'target', sourceClusterId: 'c-flannel' },
        ],
        [FLANNEL],
      ),
    );
    expect(got).toHaveLength(1);
    expect(got[0]!.clusterId).toBe('c-terway');
    expect(got[0]!.role).toBe('target');
    expect(got[0]!.cluster).toBeUndefined();
    expect(got[0]!.source).toBe(FLANNEL);
  });

  it('a source missing from clusters leaves source undefined but keeps sourceClusterId', () => {
    const got = subjectsOf(
      snapshot(
        [
          { clusterId: 'c-flannel', role: 'source' },
          { clusterId: 'c-terway', role: 'target', sourceClusterId: 'c-flannel' },
        ],
        [TERWAY],
      ),
    );
    expect(got).toEqual([{ clusterId: 'c-terway', cluster: TERWAY, role: 'target', sourceClusterId: 'c-flannel', source: undefined }]);
  });

  it('an absent clusters section still yields every subject in scope', () => {
    const got = subjectsOf(
      snapshot(
        [
          { clusterId: 'c-flannel', role: 'source' },
          { clusterId: 'c-terway', role: 'target', sourceClusterId: 'c-flannel' },
          { clusterId: 'c-other', role: 'standalone' },
        ],
        undefined,
      ),
    );
    expect(got.map((x) => [x.clusterId, x.role, x.cluster, x.source])).toEqual([
      ['c-other', 'standalone', undefined, undefined],
      ['c-terway', 'target', undefined, undefined],
    ]);
  });

  it('empty scope yields no subjects', () => {
    expect(subjectsOf(snapshot([], [FLANNEL, TERWAY]))).toEqual([]);
  });
});

describe('clusterIdsOf', () => {
  it.each([
    { name: 'target with source', subject: { clusterId: 'c-terway', role: 'target' as const, sourceClusterId: 'c-flannel' }, want: ['c-terway', 'c-flannel'] },
    { name: 'standalone', subject: { clusterId: 'c-other', role: 'standalone' as const }, want: ['c-other'] },
  ])('$name', ({ subject, want }) => {
    expect(clusterIdsOf(subject)).toEqual(want);
  });
});
