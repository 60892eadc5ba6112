/** Demand: how many pods need a Terway IP, per node and per node pool, today. */
import type { Node, Pod } from '../snapshot/types.js';

/** Pods that would take a pod-vSwitch IP under Terway: not hostNetwork, not finished. */
export function needsPodIp(pod: Pick<Pod, 'hostNetwork' | 'phase'>): boolean {
  return !pod.hostNetwork && pod.phase !== 'Succeeded' && pod.phase !== 'Failed';
}

export interface Demand {
  /** Nodes counted. */
  nodes: number;
  /** Pods needing an IP, on those nodes. */
  pods: number;
  /** The most pods needing an IP on any one of those nodes. */
  peakPerNode: number;
}

/** Pods needing an IP per node name, for one cluster's pods. */
export function podsPerNode(pods: readonly Pod[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const p of pods) {
    if (!p.nodeName || !needsPodIp(p)) continue;
    counts.set(p.nodeName, (counts.get(p.nodeName) ?? 0) + 1);
  }
  return counts;
}

/** Demand over a set of nodes, given the per-node counts. Nodes without pods count as zero. */
export function demandOf(nodes: readonly Pick<Node, 'name'>[], perNode: ReadonlyMap<string, number>): Demand {
  let pods = 0;
  let peakPerNode = 0;
  for (const n of nodes) {
    const c = perNode.get(n.name) ?? 0;
    pods += c;
    if (c > peakPerNode) peakPerNode = c;
  }
  return { nodes: nodes.length, pods, peakPerNode };
}

/** Nodes needed to hold `pods` at `perNode` each (0 when nothing fits, which the caller reports). */
export function nodesNeeded(pods: number, perNode: number): number {
  if (pods === 0) return 0;
  return perNode > 0 ? Math.ceil(pods / perNode) : 0;
}
