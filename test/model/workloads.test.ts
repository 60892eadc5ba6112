import { describe, expect, it } from 'vitest';
import {
  clusterPods,
  demandOf,
  isDaemonSetPod,
  needsPodIp,
  nodesNeeded,
  nodesNeededWithDaemonSets,
  poolDemandOf,
  podsPerNode,
  roomForOtherPods,
} from '../../src/model/workloads.js';
import type { Pod } from '../../src/snapshot/types.js';

function pod(id: string, nodeName: string | undefined, opts: { hostNetwork?: boolean; phase?: string; ownerKind?: string } = {}): Pod {
  const p: Pod = { id, clusterId: 'c-1', hostNetwork: opts.hostNetwork ?? false, hostPorts: [], phase: opts.phase ?? 'Running' };
  if (nodeName !== undefined) p.nodeName = nodeName;
  if (opts.ownerKind !== undefined) p.ownerKind = opts.ownerKind;
  return p;
}

describe('needsPodIp', () => {
  it.each([
    { hostNetwork: false, phase: 'Running', want: true },
    { hostNetwork: false, phase: 'Pending', want: true },
    { hostNetwork: false, phase: 'Unknown', want: true },
    { hostNetwork: false, phase: 'Succeeded', want: false },
    { hostNetwork: false, phase: 'Failed', want: false },
    { hostNetwork: true, phase: 'Running', want: false },
    { hostNetwork: true, phase: 'Pending', want: false },
    { hostNetwork: true, phase: 'Succeeded', want: false },
  ])('hostNetwork=$hostNetwork phase=$phase → $want', ({ hostNetwork, phase, want }) => {
    expect(needsPodIp({ hostNetwork, phase })).toBe(want);
  });
});

describe('podsPerNode', () => {
  it('counts only pods that need an IP and are bound to a node', () => {
    const pods = [
      pod('default/a', 'node-1'),
      pod('default/b', 'node-1'),
      pod('default/c', 'node-1', { phase: 'Pending' }),
      pod('kube-system/terway', 'node-1', { hostNetwork: true }),
      pod('default/job-done', 'node-1', { phase: 'Succeeded' }),
      pod('default/job-failed', 'node-2', { phase: 'Failed' }),
      pod('default/d', 'node-2'),
      pod('default/unscheduled', undefined, { phase: 'Pending' }),
      pod('default/empty-node-name', ''),
      pod('kube-system/proxy', 'node-3', { hostNetwork: true }),
    ];
    expect(Object.fromEntries(podsPerNode(pods))).toEqual({ 'node-1': 3, 'node-2': 1 });
  });

  it('leaves out nodes whose pods are all hostNetwork or finished', () => {
    const counts = podsPerNode([pod('a/x', 'node-3', { hostNetwork: true }), pod('a/y', 'node-3', { phase: 'Succeeded' })]);
    expect(counts.has('node-3')).toBe(false);
    expect(counts.size).toBe(0);
  });

  it('is empty for no pods', () => {
    expect(podsPerNode([]).size).toBe(0);
  });
});

describe('demandOf', () => {
  const perNode = new Map([
    ['node-1', 40],
    ['node-2', 7],
    ['node-9', 500], // not in the node set: must not count
  ]);

  it.each([
    { name: 'sums pods and takes the peak', nodes: ['node-1', 'node-2'], want: { nodes: 2, pods: 47, peakPerNode: 40, typicalPerNode: 40 } },
    { name: 'zero-pod nodes count as nodes with 0 pods', nodes: ['node-1', 'node-2', 'node-3', 'node-4'], want: { nodes: 4, pods: 47, peakPerNode: 40, typicalPerNode: 7 } },
    { name: 'typical is the median node, zeros included', nodes: ['node-1', 'node-2', 'node-3'], want: { nodes: 3, pods: 47, peakPerNode: 40, typicalPerNode: 7 } },
    { name: 'only zero-pod nodes', nodes: ['node-3', 'node-4'], want: { nodes: 2, pods: 0, peakPerNode: 0, typicalPerNode: 0 } },
    { name: 'ignores counts of nodes outside the set', nodes: ['node-2'], want: { nodes: 1, pods: 7, peakPerNode: 7, typicalPerNode: 7 } },
    { name: 'no nodes', nodes: [], want: { nodes: 0, pods: 0, peakPerNode: 0, typicalPerNode: 0 } },
  ])('$name', ({ nodes, want }) => {
    expect(demandOf(nodes.map((name) => ({ name })), perNode)).toEqual(want);
  });

  it('works on podsPerNode output end to end', () => {
    const counts = podsPerNode([pod('a/1', 'n1'), pod('a/2', 'n1'), pod('a/3', 'n2'), pod('a/4', 'n2', { hostNetwork: true })]);
    expect(demandOf([{ name: 'n1' }, { name: 'n2' }, { name: 'n3' }], counts)).toEqual({ nodes: 3, pods: 3, peakPerNode: 2, typicalPerNode: 1 });
  });
});

describe('nodesNeeded', () => {
  it.each([
    { pods: 0, perNode: 45, want: 0 },
    { pods: 0, perNode: 0, want: 0 },
    { pods: 90, perNode: 45, want: 2 },
    { pods: 45, perNode: 45, want: 1 },
    { pods: 1, perNode: 45, want: 1 },
    { pods: 46, perNode: 45, want: 2 },
    { pods: 211, perNode: 210, want: 2 },
    { pods: 40, perNode: 6, want: 7 },
    { pods: 5, perNode: 0, want: 0 },
  ])('$pods pods at $perNode per node → $want', ({ pods, perNode, want }) => {
    expect(nodesNeeded(pods, perNode)).toBe(want);
  });
});

describe('isDaemonSetPod', () => {
  it.each([
    { ownerKind: 'DaemonSet', want: true },
    { ownerKind: 'ReplicaSet', want: false },
    { ownerKind: 'Job', want: false },
    { ownerKind: undefined, want: false },
    { ownerKind: 'daemonset', want: false },
  ])('$ownerKind → $want', ({ ownerKind, want }) => {
    expect(isDaemonSetPod(ownerKind === undefined ? {} : { ownerKind })).toBe(want);
  });
});

describe('clusterPods', () => {
  const nodes = [{ name: 'node-1' }, { name: 'node-2' }, { name: 'node-3' }];
  const pods = [
    pod('default/a', 'node-1'),
    pod('default/b', 'node-1', { phase: 'Pending' }),
    pod('kube-system/logs-1', 'node-1', { ownerKind: 'DaemonSet' }),
    pod('kube-system/proxy-1', 'node-1', { ownerKind: 'DaemonSet', hostNetwork: true }),
    pod('default/job', 'node-1', { phase: 'Succeeded' }),
    pod('default/c', 'node-2'),
    pod('kube-system/logs-2', 'node-2', { ownerKind: 'DaemonSet' }),
    pod('default/lost-1', '10.0.0.9'),
    pod('default/lost-2', '10.0.0.9'),
    pod('default/lost-3', '10.0.0.8', { ownerKind: 'DaemonSet' }),
    pod('default/lost-host', '10.0.0.7', { hostNetwork: true }),
    pod('default/lost-done', '10.0.0.6', { phase: 'Failed' }),
    pod('default/waiting-1', undefined, { phase: 'Pending' }),
    pod('default/waiting-2', '', { phase: 'Pending' }),
    pod('default/waiting-host', undefined, { phase: 'Pending', hostNetwork: true }),
  ];
  const got = clusterPods(nodes, pods);

  it('counts the pods needing an IP per known node, and the DaemonSet pods among them', () => {
    expect(Object.fromEntries(got.perNode)).toEqual({ 'node-1': 3, 'node-2': 2 });
    expect(Object.fromEntries(got.daemonSetPerNode)).toEqual({ 'node-1': 1, 'node-2': 1 });
  });

  it('keeps pods on nodes the snapshot does not have, instead of dropping them', () => {
    expect(got.onUnknownNodes).toBe(3);
    expect(got.unknownNodeNames).toEqual(['10.0.0.8', '10.0.0.9']);
  });

  it('counts pods with no node (missing or empty nodeName) as unscheduled', () => {
    expect(got.unscheduled).toBe(2);
  });

  it('agrees with podsPerNode when every node is known', () => {
    const known = pods.filter((p) => p.nodeName?.startsWith('node-'));
    expect(clusterPods(nodes, known).perNode).toEqual(podsPerNode(known));
  });

  it('is empty for no pods', () => {
    expect(clusterPods(nodes, [])).toEqual({ perNode: new Map(), daemonSetPerNode: new Map(), onUnknownNodes: 0, unknownNodeNames: [], unscheduled: 0 });
  });
});

describe('poolDemandOf', () => {
  const counts = {
    perNode: new Map([
      ['n1', 75],
      ['n2', 60],
      ['n9', 500],
    ]),
    daemonSetPerNode: new Map([
      ['n1', 20],
      ['n2', 18],
      ['n9', 100],
    ]),
  };

  it.each([
    { name: 'takes DaemonSet pods apart, at the most on one node', nodes: ['n1', 'n2'], want: { nodes: 2, pods: 135, peakPerNode: 75, typicalPerNode: 75, daemonSetPerNode: 20, otherPods: 97 } },
    { name: 'nodes without pods count as zero', nodes: ['n1', 'n3'], want: { nodes: 2, pods: 75, peakPerNode: 75, typicalPerNode: 75, daemonSetPerNode: 20, otherPods: 55 } },
    { name: 'no nodes', nodes: [], want: { nodes: 0, pods: 0, peakPerNode: 0, typicalPerNode: 0, daemonSetPerNode: 0, otherPods: 0 } },
  ])('$name', ({ nodes, want }) => {
    expect(poolDemandOf(nodes.map((name) => ({ name })), counts)).toEqual(want);
  });
});

describe('nodesNeededWithDaemonSets', () => {
  it.each([
    // The review example: 2 nodes of 20 DaemonSet + 55 other pods, 45 pods per node → ceil(110 / 25) = 5, not ceil(150 / 45) = 4.
    { other: 110, maxPods: 45, ds: 20, want: 5 },
    { other: 109, maxPods: 45, ds: 0, want: 3 },
    { other: 26, maxPods: 14, ds: 6, want: 4 },
    { other: 25, maxPods: 30, ds: 5, want: 1 },
    { other: 26, maxPods: 30, ds: 5, want: 2 },
    { other: 0, maxPods: 45, ds: 20, want: 0 },
    { other: 0, maxPods: 45, ds: 45, want: 0 },
    { other: 1, maxPods: 45, ds: 45, want: undefined },
    { other: 0, maxPods: 14, ds: 15, want: undefined },
    { other: 10, maxPods: 14, ds: 15, want: undefined },
    { other: 5, maxPods: 0, ds: 0, want: undefined },
  ])('$other other pods, $maxPods per node, $ds DaemonSet pods each → $want', ({ other, maxPods, ds, want }) => {
    expect(nodesNeededWithDaemonSets(other, maxPods, ds)).toBe(want);
  });

  it('equals nodesNeeded without DaemonSet pods', () => {
    for (const [pods, perNode] of [[90, 45], [46, 45], [211, 210], [40, 6], [0, 45]] as const) {
      expect(nodesNeededWithDaemonSets(pods, perNode, 0)).toBe(nodesNeeded(pods, perNode));
    }
  });
});

describe('roomForOtherPods', () => {
  it.each([
    { nodes: 2, maxPods: 75, ds: 0, want: 150 },
    { nodes: 4, maxPods: 45, ds: 20, want: 100 },
    { nodes: 3, maxPods: 14, ds: 14, want: 0 },
    { nodes: 3, maxPods: 14, ds: 20, want: 0 },
    { nodes: 0, maxPods: 75, ds: 0, want: 0 },
  ])('$nodes nodes of $maxPods with $ds DaemonSet pods each → $want', ({ nodes, maxPods, ds, want }) => {
    expect(roomForOtherPods(nodes, maxPods, ds)).toBe(want);
  });
});
