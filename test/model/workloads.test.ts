import { describe, expect, it } from 'vitest';
import { demandOf, needsPodIp, nodesNeeded, podsPerNode } from '../../src/model/workloads.js';
import type { Pod } from '../../src/snapshot/types.js';

function pod(id: string, nodeName: string | undefined, opts: { hostNetwork?: boolean; phase?: string } = {}): Pod {
  const p: Pod = { id, clusterId: 'c-1', hostNetwork: opts.hostNetwork ?? false, hostPorts: [], phase: opts.phase ?? 'Running' };
  if (nodeName !== undefined) p.nodeName = nodeName;
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
    { name: 'sums pods and takes the peak', nodes: ['node-1', 'node-2'], want: { nodes: 2, pods: 47, peakPerNode: 40 } },
    { name: 'zero-pod nodes count as nodes with 0 pods', nodes: ['node-1', 'node-2', 'node-3', 'node-4'], want: { nodes: 4, pods: 47, peakPerNode: 40 } },
    { name: 'only zero-pod nodes', nodes: ['node-3', 'node-4'], want: { nodes: 2, pods: 0, peakPerNode: 0 } },
    { name: 'ignores counts of nodes outside the set', nodes: ['node-2'], want: { nodes: 1, pods: 7, peakPerNode: 7 } },
    { name: 'no nodes', nodes: [], want: { nodes: 0, pods: 0, peakPerNode: 0 } },
  ])('$name', ({ nodes, want }) => {
    expect(demandOf(nodes.map((name) => ({ name })), perNode)).toEqual(want);
  });

  it('works on podsPerNode output end to end', () => {
    const counts = podsPerNode([pod('a/1', 'n1'), pod('a/2', 'n1'), pod('a/3', 'n2'), pod('a/4', 'n2', { hostNetwork: true })]);
    expect(demandOf([{ name: 'n1' }, { name: 'n2' }, { name: 'n3' }], counts)).toEqual({ nodes: 3, pods: 3, peakPerNode: 2 });
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
