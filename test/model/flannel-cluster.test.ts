import { describe, expect, it } from 'vitest';
import { flannelApplicability, flannelClusterOf } from '../../src/model/flannel-cluster.js';
import type { Subject } from '../../src/model/subjects.js';
import type { Cluster, NetworkPlugin } from '../../src/snapshot/types.js';

function cluster(id: string, networkPlugin: NetworkPlugin): Cluster {
  return { id, name: id, region: 'cn-hangzhou', networkPlugin, addons: [], vpcId: 'vpc-1', nodeVSwitchIds: [] };
}
const terway = cluster('c-terway', 'terway');
const flannel = cluster('c-flannel', 'flannel');

describe('flannelClusterOf', () => {
  it.each<{ name: string; subject: Subject; kind: string; clusterId?: string; reason?: RegExp }>([
    {
      name: 'a Terway target: its Flannel source',
      subject: { clusterId: 'c-terway', cluster: terway, role: 'target', sourceClusterId: 'c-flannel', source: flannel },
      kind: 'flannel',
      clusterId: 'c-flannel',
    },
    {
      name: 'a target whose source is not in the snapshot',
      subject: { clusterId: 'c-terway', cluster: terway, role: 'target', sourceClusterId: 'c-flannel' },
      kind: 'missing',
      reason: /source cluster c-flannel of c-terway is not in the snapshot/,
    },
    {
      name: 'a target whose source runs Terway',
      subject: { clusterId: 'c-terway', cluster: terway, role: 'target', sourceClusterId: 'c-t2', source: cluster('c-t2', 'terway') },
      kind: 'not-applicable',
      reason: /source cluster c-t2 of c-terway runs terway, not flannel/,
    },
    {
      name: 'a target whose source plugin is unknown',
      subject: { clusterId: 'c-terway', cluster: terway, role: 'target', sourceClusterId: 'c-u', source: cluster('c-u', 'unknown') },
      kind: 'unknown',
      reason: /network plugin of c-u is unknown/,
    },
    { name: 'a standalone Flannel cluster: itself', subject: { clusterId: 'c-flannel', cluster: flannel, role: 'standalone' }, kind: 'flannel', clusterId: 'c-flannel' },
    {
      name: 'a standalone Terway cluster',
      subject: { clusterId: 'c-terway', cluster: terway, role: 'standalone' },
      kind: 'not-applicable',
      reason: /c-terway runs terway and is not paired with a Flannel source/,
    },
    {
      name: 'a standalone cluster with an unknown plugin',
      subject: { clusterId: 'c-u', cluster: cluster('c-u', 'unknown'), role: 'standalone' },
      kind: 'unknown',
      reason: /network plugin of c-u is unknown/,
    },
    { name: 'a standalone cluster not in the snapshot', subject: { clusterId: 'c-gone', role: 'standalone' }, kind: 'missing', reason: /c-gone is not in/ },
  ])('$name', ({ subject, kind, clusterId, reason }) => {
    const of = flannelClusterOf(subject);
    expect(of.kind).toBe(kind);
    if (clusterId) expect(of.kind === 'flannel' && of.cluster.id).toBe(clusterId);
    if (reason) expect('reason' in of && of.reason.en).toMatch(reason);
    if ('reason' in of) expect(of.reason['zh-CN']).not.toBe('');
  });

  it('applicability: a missing source is applicable (build reports the gap)', () => {
    expect(flannelApplicability({ clusterId: 'c-terway', cluster: terway, role: 'target', sourceClusterId: 'c-flannel' }).kind).toBe('applicable');
    expect(flannelApplicability({ clusterId: 'c-terway', cluster: terway, role: 'standalone' }).kind).toBe('not-applicable');
  });
});
