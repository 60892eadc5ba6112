import { describe, expect, it } from 'vitest';
import { clusterZones, eniConfigZonePointer, zonePodVSwitches } from '../../src/model/pod-vswitch-zones.js';
import { indexSnapshot } from '../../src/model/snapshot-index.js';
import type { Cluster, Node, Snapshot, VSwitch } from '../../src/snapshot/types.js';

const vsw = (id: string, zoneId: string, vpcId = 'vpc-1', availableIpCount = 100): VSwitch => ({
  id,
  vpcId,
  zoneId,
  cidr: '10.0.0.0/24',
  availableIpCount,
});
const node = (id: string, zoneId: string): Node => ({
  id,
  clusterId: 'c-1',
  name: `node-${id}`,
  zoneId,
  instanceType: 'ecs.g7.xlarge',
  privateIp: '10.0.0.1',
});

function snapshotWith(vswitches: VSwitch[], cluster: Partial<Cluster> = {}, nodes: Node[] = []): { snapshot: Snapshot; cluster: Cluster } {
  const c: Cluster = {
    id: 'c-1',
    name: 'one',
    region: 'cn-hangzhou',
    networkPlugin: 'terway',
    addons: [],
    vpcId: 'vpc-1',
    nodeVSwitchIds: [],
    ...cluster,
  };
  const snapshot: Snapshot = {
    schemaVersion: 1,
    meta: { toolVersion: 't', collectedAt: '2026-01-01T00:00:00Z', region: 'cn-hangzhou', scope: [{ clusterId: 'c-1', role: 'standalone' }] },
    clusters: [c],
    vswitches,
    nodes,
    errors: [],
  };
  return { snapshot, cluster: c };
}

describe('zonePodVSwitches', () => {
  const { snapshot } = snapshotWith([vsw('vsw-h1', 'h'), vsw('vsw-h2', 'h'), vsw('vsw-i1', 'i'), vsw('vsw-other', 'h', 'vpc-2')]);
  const index = indexSnapshot(snapshot);
  it.each<{ name: string; list: Record<string, string[]>; zone: string; usable: string[]; unusable: string[] }>([
    { name: 'two usable vSwitches', list: { h: ['vsw-h1', 'vsw-h2'] }, zone: 'h', usable: ['vsw-h1', 'vsw-h2'], unusable: [] },
    { name: 'a duplicate counts once', list: { h: ['vsw-h1', 'vsw-h1'] }, zone: 'h', usable: ['vsw-h1'], unusable: [] },
    { name: 'a vSwitch of another zone is unusable', list: { h: ['vsw-h1', 'vsw-i1'] }, zone: 'h', usable: ['vsw-h1'], unusable: ['vsw-i1'] },
    { name: 'a vSwitch of another VPC is unusable', list: { h: ['vsw-other'] }, zone: 'h', usable: [], unusable: ['vsw-other'] },
    { name: 'an unknown vSwitch is unusable', list: { h: ['vsw-gone'] }, zone: 'h', usable: [], unusable: ['vsw-gone'] },
    { name: 'no entry for the zone', list: { i: ['vsw-i1'] }, zone: 'h', usable: [], unusable: [] },
    { name: 'an empty entry', list: { h: [] }, zone: 'h', usable: [], unusable: [] },
  ])('$name', ({ list, zone, usable, unusable }) => {
    const got = zonePodVSwitches({ vswitches: list }, zone, 'vpc-1', index.vswitches);
    expect(got.usable.map((v) => v.id)).toEqual(usable);
    expect(got.unusable).toEqual(unusable);
  });

  it('does not take inherited keys for zones', () => {
    expect(zonePodVSwitches({ vswitches: {} }, 'constructor', 'vpc-1', index.vswitches).listed).toEqual([]);
  });
});

describe('clusterZones', () => {
  it('takes zones from nodes and node pool vSwitches, and names the node vSwitches there', () => {
    const { snapshot, cluster } = snapshotWith(
      [vsw('vsw-node-h', 'h'), vsw('vsw-node-i', 'i'), vsw('vsw-node-k', 'k'), vsw('vsw-node-j', 'j')],
      {
        nodeVSwitchIds: ['vsw-node-h', 'vsw-node-j'],
        nodePools: [
          { id: 'np-a', name: 'a', instanceTypes: [], vswitchIds: ['vsw-node-h', 'vsw-node-k'], desiredSize: 1 },
          { id: 'np-b', name: 'b', instanceTypes: [], vswitchIds: ['vsw-node-i'], desiredSize: 1 },
        ],
      },
      [node('i-1', 'h'), node('i-2', 'h'), node('i-3', 'm')],
    );
    const { zones, gaps } = clusterZones(cluster, indexSnapshot(snapshot));
    expect(gaps).toEqual([]);
    expect(
      zones.map((z) => ({ zone: z.zoneId, nodes: z.nodes.length, pools: z.nodePools.map((p) => p.pool.name), nodeVSwitchIds: z.nodeVSwitchIds })),
    ).toEqual([
      { zone: 'h', nodes: 2, pools: ['a'], nodeVSwitchIds: ['vsw-node-h'] },
      { zone: 'i', nodes: 0, pools: ['b'], nodeVSwitchIds: ['vsw-node-i'] },
      { zone: 'k', nodes: 0, pools: ['a'], nodeVSwitchIds: ['vsw-node-k'] },
      // A node outside any pool's zones; the cluster-level vSwitch of zone j does not add a zone.
      { zone: 'm', nodes: 1, pools: [], nodeVSwitchIds: [] },
    ]);
  });

  it('reports a node pool vSwitch it cannot place as a gap, not as a zone', () => {
    const { snapshot, cluster } = snapshotWith([vsw('vsw-other', 'h', 'vpc-2')], {
      nodePools: [{ id: 'np-a', name: 'a', instanceTypes: [], vswitchIds: ['vsw-other', 'vsw-gone'], desiredSize: 1 }],
    });
    const { zones, gaps } = clusterZones(cluster, indexSnapshot(snapshot));
    expect(zones).toEqual([]);
    expect(gaps.map((g) => g.en)).toEqual([
      "vSwitch vsw-other of node pool a is not among the VPC's vSwitches in the snapshot, so its zone is unknown",
      "vSwitch vsw-gone of node pool a is not among the VPC's vSwitches in the snapshot, so its zone is unknown",
    ]);
  });
});

describe('clusterZones without node pools', () => {
  it('node pools that were not collected are a gap: zones only they reach are unknown', () => {
    const { snapshot, cluster } = snapshotWith([vsw('vsw-node-h', 'h')], { nodeVSwitchIds: ['vsw-node-h'] }, [node('i-1', 'h')]);
    expect(cluster.nodePools).toBeUndefined();
    const { zones, gaps } = clusterZones(cluster, indexSnapshot(snapshot));
    expect(zones.map((z) => ({ zone: z.zoneId, nodes: z.nodes.length, nodeVSwitchIds: z.nodeVSwitchIds }))).toEqual([
      { zone: 'h', nodes: 1, nodeVSwitchIds: ['vsw-node-h'] },
    ]);
    expect(gaps).toEqual([
      {
        en: 'node pools of c-1 are not in the snapshot, so the zones they can create nodes in are unknown',
        'zh-CN': '快照中没有 c-1 的节点池，无法得知它们可在哪些可用区创建节点',
      },
    ]);
  });

  it('an empty list of node pools is no node pools, not a gap', () => {
    const { snapshot, cluster } = snapshotWith([], { nodePools: [] }, [node('i-1', 'h')]);
    const { zones, gaps } = clusterZones(cluster, indexSnapshot(snapshot));
    expect(zones.map((z) => z.zoneId)).toEqual(['h']);
    expect(gaps).toEqual([]);
  });
});

describe('eniConfigZonePointer', () => {
  it.each<{ zone: string; list: Record<string, string[]>; want: string }>([
    { zone: 'cn-hangzhou-h', list: { 'cn-hangzhou-h': ['vsw-1'] }, want: '/eniConfigs/0/vswitches/cn-hangzhou-h' },
    { zone: 'cn-hangzhou-k', list: { 'cn-hangzhou-h': ['vsw-1'] }, want: '/eniConfigs/0' },
    { zone: 'a/b~c', list: { 'a/b~c': [] }, want: '/eniConfigs/0/vswitches/a~1b~0c' },
  ])('$zone → $want', ({ zone, list, want }) => {
    expect(eniConfigZonePointer('/eniConfigs/0', { vswitches: list }, zone)).toBe(want);
  });
});
