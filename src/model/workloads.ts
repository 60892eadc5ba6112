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
  /**
   * The median of pods needing an IP per node (nodes without pods count as zero; of an even number
   * of nodes, the higher middle one): what a typical node carries, next to the peak.
   */
  typicalPerNode: number;
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
  const counts: number[] = [];
  for (const n of nodes) {
    const c = perNode.get(n.name) ?? 0;
    pods += c;
    counts.push(c);
    if (c > peakPerNode) peakPerNode = c;
  }
  counts.sort((a, b) => a - b);
  return { nodes: nodes.length, pods, peakPerNode, typicalPerNode: counts[Math.floor(counts.length / 2)] ?? 0 };
}

/** Nodes needed to hold `pods` at `perNode` each (0 when nothing fits, which the caller reports). */
export function nodesNeeded(pods: number, perNode: number): number {
  if (pods === 0) return 0;
  return perNode > 0 ? Math.ceil(pods / perNode) : 0;
}

/**
 * DaemonSet pods run one per node the DaemonSet selects, so their number grows with the node count:
 * a pool of more, smaller nodes runs more of them.
 */
export function isDaemonSetPod(pod: Pick<Pod, 'ownerKind'>): boolean {
  return pod.ownerKind === 'DaemonSet';
}

/** The pods of one cluster that need an IP, sorted by where they run. */
export interface ClusterPods {
  /** Pods needing an IP per node name, for the nodes given (nodes without such pods are absent). */
  perNode: Map<string, number>;
  /** Of those, the DaemonSet pods per node name. */
  daemonSetPerNode: Map<string, number>;
  /** Pods needing an IP whose nodeName is none of the nodes given: their node is not in the snapshot. */
  onUnknownNodes: number;
  /** Those node names, sorted, each once. */
  unknownNodeNames: string[];
  /** Pods needing an IP with no nodeName (Pending, not scheduled yet): they belong to no node. */
  unscheduled: number;
}

/**
 * Where a cluster's pods that need an IP are, against the cluster's nodes: nothing is dropped. A pod
 * bound to a node that is not among `nodes` is counted in `onUnknownNodes` (the caller reports a gap),
 * a pod with no nodeName in `unscheduled`.
 */
export function clusterPods(nodes: readonly Pick<Node, 'name'>[], pods: readonly Pod[]): ClusterPods {
  const known = new Set(nodes.map((n) => n.name));
  const perNode = new Map<string, number>();
  const daemonSetPerNode = new Map<string, number>();
  const unknown = new Set<string>();
  let onUnknownNodes = 0;
  let unscheduled = 0;
  for (const p of pods) {
    if (!needsPodIp(p)) continue;
    if (!p.nodeName) {
      unscheduled++;
      continue;
    }
    if (!known.has(p.nodeName)) {
      onUnknownNodes++;
      unknown.add(p.nodeName);
      continue;
    }
    perNode.set(p.nodeName, (perNode.get(p.nodeName) ?? 0) + 1);
    if (isDaemonSetPod(p)) daemonSetPerNode.set(p.nodeName, (daemonSetPerNode.get(p.nodeName) ?? 0) + 1);
  }
  return { perNode, daemonSetPerNode, onUnknownNodes, unknownNodeNames: [...unknown].sort(), unscheduled };
}

export interface PoolDemand extends Demand {
  /** The most DaemonSet pods needing an IP on any one of the nodes: what every node of the pool runs. */
  daemonSetPerNode: number;
  /** Pods needing an IP that are not DaemonSet pods: the ones to spread over the nodes. */
  otherPods: number;
}

/** Demand over a set of nodes, with the DaemonSet pods taken apart. Nodes without pods count as zero. */
export function poolDemandOf(nodes: readonly Pick<Node, 'name'>[], pods: Pick<ClusterPods, 'perNode' | 'daemonSetPerNode'>): PoolDemand {
  const demand = demandOf(nodes, pods.perNode);
  let daemonSetPods = 0;
  let daemonSetPerNode = 0;
  for (const n of nodes) {
    const c = pods.daemonSetPerNode.get(n.name) ?? 0;
    daemonSetPods += c;
    if (c > daemonSetPerNode) daemonSetPerNode = c;
  }
  return { ...demand, daemonSetPerNode, otherPods: demand.pods - daemonSetPods };
}

/**
 * Nodes of `maxPods` each needed for `otherPods` when every node also runs `daemonSetPerNode`
 * DaemonSet pods: ceil(otherPods / (maxPods - daemonSetPerNode)). Undefined when no number of nodes
 * is enough: the DaemonSet pods alone overfill a node, or fill it while other pods still need room.
 */
export function nodesNeededWithDaemonSets(otherPods: number, maxPods: number, daemonSetPerNode: number): number | undefined {
  const room = maxPods - daemonSetPerNode;
  if (room < 0) return undefined;
  if (otherPods === 0) return 0;
  return room > 0 ? Math.ceil(otherPods / room) : undefined;
}

/** Pods other than DaemonSet pods that `nodes` nodes of `maxPods` each hold, when each runs `daemonSetPerNode` DaemonSet pods. */
export function roomForOtherPods(nodes: number, maxPods: number, daemonSetPerNode: number): number {
  return nodes * Math.max(0, maxPods - daemonSetPerNode);
}
