import { describe, expect, it } from 'vitest';
import { hostPortPods } from '../../src/model/collections/host-port-pods.js';
import {
  formatHostPort,
  formatHostPorts,
  hostPortUnderTerway,
  landingPoolOf,
  publishesHostPort,
} from '../../src/model/hostport-portmap.js';
import { indexSnapshot } from '../../src/model/snapshot-index.js';
import { subjectsOf } from '../../src/model/subjects.js';
import type { Cluster, NodePool, Pod, Snapshot } from '../../src/snapshot/types.js';
import { testMeta } from '../helpers/snapshot-meta.js';

const binding = (hostPort: number, protocol = 'TCP', containerPort = hostPort) => ({ hostPort, containerPort, protocol });

describe('publishesHostPort', () => {
  it.each([
    { hostNetwork: false, phase: 'Running', ports: 1, want: true },
    { hostNetwork: false, phase: 'Pending', ports: 2, want: true },
    { hostNetwork: false, phase: 'Running', ports: 0, want: false },
    { hostNetwork: true, phase: 'Running', ports: 1, want: false },
    { hostNetwork: false, phase: 'Succeeded', ports: 1, want: false },
    { hostNetwork: false, phase: 'Failed', ports: 1, want: false },
  ])('hostNetwork=$hostNetwork phase=$phase ports=$ports → $want', ({ hostNetwork, phase, ports, want }) => {
    const hostPorts = Array.from({ length: ports }, (_, i) => binding(8080 + i));
    expect(publishesHostPort({ hostNetwork, phase, hostPorts })).toBe(want);
  });
});

describe('formatHostPort(s)', () => {
  it.each([
    { b: binding(9100), want: '9100/TCP' },
    { b: binding(80, 'TCP', 8080), want: '80/TCP -> 8080' },
    { b: binding(514, 'udp'), want: '514/UDP' },
    { b: binding(53, '', 53), want: '53/TCP' },
    { b: { hostPort: 7000, containerPort: 0, protocol: 'SCTP' }, want: '7000/SCTP' },
  ])('$want', ({ b, want }) => expect(formatHostPort(b)).toBe(want));

  it('sorts by port then protocol and drops duplicates', () => {
    expect(formatHostPorts([binding(9100), binding(8125, 'UDP'), binding(53, 'UDP'), binding(53, 'TCP'), binding(9100)])).toEqual([
      '53/TCP',
      '53/UDP',
      '8125/UDP',
      '9100/TCP',
    ]);
  });

  it('is empty for no ports', () => expect(formatHostPorts([])).toEqual([]));
});

describe('landingPoolOf', () => {
  const pool = (id: string, name: string, terwayMode?: NodePool['terwayMode']): NodePool => ({
    id,
    name,
    instanceTypes: [],
    vswitchIds: [],
    desiredSize: 1,
    ...(terwayMode ? { terwayMode } : {}),
  });
  const srcApp = pool('np-src-app', 'app');
  const srcBatch = pool('np-src-batch', 'batch');
  const twApp = pool('np-tw-app', 'app');
  const twAppExclusive = pool('np-tw-app', 'app', 'exclusive');
  const twCoreExclusive = pool('np-tw-core', 'core', 'exclusive');
  const twWebTrunk = pool('np-tw-web', 'web', 'trunk');

  it.each([
    { name: 'target pod on a pool without a mode: shared', moving: false, nodePool: twApp, pools: [twApp], want: { pool: 'app', mode: 'shared' } },
    { name: 'target pod on an exclusive pool', moving: false, nodePool: twCoreExclusive, pools: [twApp, twCoreExclusive], want: { pool: 'core', mode: 'exclusive' } },
    { name: 'target pod on a trunk pool', moving: false, nodePool: twWebTrunk, pools: [twWebTrunk], want: { pool: 'web', mode: 'trunk' } },
    { name: 'target pod on a node outside any pool: cluster default', moving: false, nodePool: null, pools: [twCoreExclusive], want: { mode: 'shared' } },
    { name: 'target pod on an unknown node, exclusive pool exists', moving: false, nodePool: undefined, pools: [twCoreExclusive], want: {} },
    { name: 'target pod on an unknown node, no exclusive pool', moving: false, nodePool: undefined, pools: [twApp], want: { mode: 'shared' } },
    { name: 'moving pod lands on the pool of the same name', moving: true, nodePool: srcApp, pools: [twAppExclusive, twCoreExclusive], want: { pool: 'app', mode: 'exclusive' } },
    { name: 'moving pod, same-named pool is shared', moving: true, nodePool: srcApp, pools: [twApp, twCoreExclusive], want: { pool: 'app', mode: 'shared' } },
    { name: 'moving pod, no same-named pool, exclusive pool exists', moving: true, nodePool: srcBatch, pools: [twApp, twCoreExclusive], want: {} },
    { name: 'moving pod, no same-named pool, no exclusive pool', moving: true, nodePool: srcBatch, pools: [twApp, twWebTrunk], want: { mode: 'shared' } },
    { name: 'moving pod from a node in no pool, exclusive pool exists', moving: true, nodePool: null, pools: [twCoreExclusive], want: {} },
    { name: 'moving pod, target pools unknown', moving: true, nodePool: srcApp, pools: undefined, want: {} },
    { name: 'target pools empty: nothing is exclusive', moving: true, nodePool: undefined, pools: [], want: { mode: 'shared' } },
  ])('$name', ({ moving, nodePool, pools, want }) => {
    const got = landingPoolOf({ moving, nodePool, targetPools: pools });
    expect({ ...(got.pool ? { pool: got.pool.name } : {}), ...(got.mode ? { mode: got.mode } : {}) }).toEqual(want);
  });
});

describe('hostPortUnderTerway', () => {
  it.each([
    { portmap: true, mode: 'shared', want: 'works' },
    { portmap: true, mode: 'trunk', want: 'works' },
    { portmap: true, mode: 'prefix', want: 'works' },
    { portmap: false, mode: 'shared', want: 'no-portmap' },
    { portmap: false, mode: undefined, want: 'no-portmap' },
    { portmap: true, mode: 'exclusive', want: 'exclusive-eni' },
    { portmap: false, mode: 'exclusive', want: 'exclusive-eni' },
    { portmap: true, mode: undefined, want: 'unknown' },
  ] as const)('portmap=$portmap mode=$mode → $want', ({ portmap, mode, want }) => {
    expect(hostPortUnderTerway(portmap, mode)).toBe(want);
  });
});

describe('hostPortPods collection', () => {
  const cluster = (id: string, networkPlugin: Cluster['networkPlugin']): Cluster => ({
    id,
    name: id,
    region: 'cn-hangzhou',
    networkPlugin,
    addons: [],
    vpcId: 'vpc-1',
    nodeVSwitchIds: [],
    nodePools: [],
  });
  const pod = (clusterId: string, id: string): Pod => ({
    id,
    clusterId,
    nodeName: 'node-1',
    ownerKind: 'StatefulSet',
    hostNetwork: false,
    hostPorts: [binding(514, 'UDP')],
    phase: 'Running',
  });
  const snapshot: Snapshot = {
    schemaVersion: 1,
    meta: testMeta(),
    clusters: [cluster('c-flannel', 'flannel'), cluster('c-terway', 'terway')],
    nodes: [],
    pods: [pod('c-flannel', 'shop/syslog-0'), pod('c-terway', 'shop/syslog-0')],
    eniConfigs: [
      { id: 'kube-system/eni-config', clusterId: 'c-terway', vswitches: {}, securityGroups: [], trunk: false, prefix: false, ipStack: 'ipv4', portmapChain: false },
    ],
    errors: [],
  };

  it('a StatefulSet pod of the same namespace/name in both clusters gives two targets', () => {
    const [subject] = subjectsOf(snapshot);
    const result = hostPortPods.build(subject!, indexSnapshot(snapshot), snapshot);
    expect(result.kind).toBe('items');
    if (result.kind !== 'items') return;
    expect(result.items.map((i) => [i.target.id, i.location.snapshotPointer, i.fields['moving']])).toEqual([
      ['c-terway/shop/syslog-0', '/pods/1', false],
      ['c-flannel/shop/syslog-0', '/pods/0', true],
    ]);
    expect(result.gaps).toEqual([]);
  });
});

describe('hostPortPods on a standalone Flannel cluster', () => {
  const snapshot: Snapshot = {
    schemaVersion: 1,
    meta: testMeta([{ clusterId: 'c-flannel', role: 'standalone' }]),
    clusters: [
      {
        id: 'c-flannel',
        name: 'c-flannel',
        region: 'cn-hangzhou',
        networkPlugin: 'flannel',
        addons: [],
        vpcId: 'vpc-1',
        nodeVSwitchIds: [],
        nodePools: [{ id: 'np-app', name: 'app', instanceTypes: [], vswitchIds: [], desiredSize: 1 }],
      },
    ],
    nodes: [],
    pods: [
      { id: 'shop/gw', clusterId: 'c-flannel', nodeName: 'node-1', ownerKind: 'ReplicaSet', hostNetwork: false, hostPorts: [binding(8080, 'TCP', 80)], phase: 'Running' },
      { id: 'shop/web', clusterId: 'c-flannel', nodeName: 'node-1', hostNetwork: false, hostPorts: [], phase: 'Running' },
    ],
    eniConfigs: [],
    errors: [],
  };

  it('is applicable: the cluster that will move to Terway', () => {
    const [subject] = subjectsOf(snapshot);
    expect(hostPortPods.applicability!(subject!)).toEqual({ kind: 'applicable' });
  });

  it('judges its hostPort pods against a default Terway installation: no portmap chain, pool unknown, no gap', () => {
    const [subject] = subjectsOf(snapshot);
    const result = hostPortPods.build(subject!, indexSnapshot(snapshot), snapshot);
    expect(result.kind).toBe('items');
    if (result.kind !== 'items') return;
    expect(result.items.map((i) => i.fields)).toEqual([
      {
        clusterId: 'c-flannel',
        podClusterId: 'c-flannel',
        id: 'shop/gw',
        namespace: 'shop',
        name: 'gw',
        ownerKind: 'ReplicaSet',
        moving: true,
        standalone: true,
        nodeName: 'node-1',
        nodeId: '',
        hostPorts: ['8080/TCP -> 80'],
        portmapChain: false,
        nodePoolName: '',
        nodePoolMode: '',
        exclusiveEni: false,
      },
    ]);
    expect(result.gaps).toEqual([]);
  });

  it('a paired target that runs Flannel is not applicable', () => {
    const paired: Snapshot = {
      ...snapshot,
      meta: { ...snapshot.meta, scope: [{ clusterId: 'c-flannel', role: 'target', sourceClusterId: 'c-other' }] },
    };
    const [subject] = subjectsOf(paired);
    expect(hostPortPods.applicability!(subject!)).toMatchObject({ kind: 'not-applicable' });
  });
});
