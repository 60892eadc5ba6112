import type { Cluster, Node, NodePool } from '../../snapshot/types.js';
import { poolInstanceTypeSchema, poolInstanceTypes, poolTarget, type PoolInstanceType } from '../pool-instance-types.js';
import type { SnapshotIndex } from '../snapshot-index.js';
import type { Subject } from '../subjects.js';
import type { CollectionDef, Localized, ModelItem } from '../types.js';
import { clusterPods, nodesNeededWithDaemonSets, poolDemandOf, roomForOtherPods, type ClusterPods } from '../workloads.js';
import { counterpartPool } from '../pool-pairing.js';

/**
 * Each instance type of each node pool of the cluster that will run Terway, with its Terway pod
 * capacity and today's demand: the pods on the nodes of the paired Flannel source's pool of the same
 * name or, for a standalone cluster, on the pool's own nodes. What no same-named pool accounts for
 * (source pools with no target pool of their name, nodes in no pool, pods not scheduled yet) is one
 * more item, `group`, measured against the target pools with no source pool of their name together.
 */
export const nodePoolCapacity: CollectionDef = {
  name: 'nodePoolCapacity',
  description:
    "Every node pool instance type of the cluster with its Terway pod capacity, against the pods the same-named pool runs today; plus one item for the pods no same-named pool accounts for, against the target pools with no same-named source pool, together.",
  sections: ['clusters', 'instanceTypes', 'nodes', 'pods'],
  schema: {
    ...poolInstanceTypeSchema,
    /** false: one instance type of a pool matched by name. true: the rest of the cluster (see below). */
    group: 'bool',
    demandClusterId: 'string',
    /** The source pool (by name) whose nodes today's demand was measured on; "" for the group. */
    demandPoolName: 'string',
    demandNodes: 'int',
    /** Pods needing an IP on those nodes, DaemonSet pods included. */
    demandPods: 'int',
    demandPeakPerNode: 'int',
    /** Median pods needing an IP per node of those nodes (the typical node, next to the peak). */
    demandTypicalPerNode: 'int',
    /** The most DaemonSet pods needing an IP on one of those nodes: every new node runs them too. */
    demandDaemonSetPerNode: 'int',
    /** demandPods without the DaemonSet pods. */
    demandOtherPods: 'int',
    /** ceil(demandOtherPods / (maxPods - demandDaemonSetPerNode)); 0 for the group. */
    nodesNeeded: 'int',
    /** false when no number of nodes is enough: the DaemonSet pods alone fill a node. */
    fits: 'bool',
    /** Group: the source pools with no target pool of the same name that have nodes. */
    demandPoolNames: 'list<string>',
    /** Group: source nodes in no node pool of the source. */
    demandPoollessNodes: 'int',
    /** Group: pods needing an IP with no node yet (Pending). */
    unscheduledPods: 'int',
    /** Group: target pools with no source pool of the same name, each as "<name> <nodes> x <pods per node>". */
    targetPools: 'list<string>',
    /** Group: pods other than DaemonSet pods those pools hold. */
    capacity: 'int',
    /** Group: room the same-named pools leave beyond their own pods (used for unscheduled pods only). */
    spareCapacity: 'int',
    /** Group: pods that find no room. */
    shortfall: 'int',
  },
  build(subject, index) {
    const cluster = subject.cluster!;
    if (subject.sourceClusterId && !subject.source) {
      const gap = {
        en: `source cluster ${subject.sourceClusterId} is not in the snapshot, so today's demand is unknown`,
        'zh-CN': `快照中没有源集群 ${subject.sourceClusterId}，无法得知当前负载`,
      };
      return { kind: 'items', items: [], gaps: [gap] };
    }
    if (subject.source && !subject.source.nodePools) {
      const gap = {
        en: `node pools of source cluster ${subject.source.id} are not in the snapshot, so target pools cannot be matched to today's pools`,
        'zh-CN': `快照中没有源集群 ${subject.source.id} 的节点池，无法将目标节点池与当前节点池对应`,
      };
      return { kind: 'items', items: [], gaps: [gap] };
    }
    const demandCluster = subject.source ?? cluster;
    const demandNodes = (index.nodesByCluster.get(demandCluster.id) ?? []).map((n) => n.entity);
    const pods = clusterPods(demandNodes, index.podsByCluster.get(demandCluster.id) ?? []);
    const { items: poolTypes, gaps } = poolInstanceTypes(cluster, index);
    if (pods.onUnknownNodes > 0) gaps.push(unknownNodesGap(demandCluster.id, pods));
    if (!cluster.nodePools) return { kind: 'items', items: [], gaps };

    const match = matchPools(cluster.nodePools, subject.source?.nodePools);
    const nodesOf = (pool: NodePool) => demandNodes.filter((n) => n.nodePoolId === pool.id);
    const base = baseFields(cluster.id, demandCluster.id);

    const items: ModelItem[] = [];
    for (const p of poolTypes) {
      const demandPool = match.sourceOf.get(p.pool.id);
      if (!demandPool) continue; // measured in the group
      const demand = poolDemandOf(nodesOf(demandPool), pods);
      const needed = nodesNeededWithDaemonSets(demand.otherPods, p.fields.maxPods, demand.daemonSetPerNode);
      items.push({
        fields: {
          ...base,
          ...p.fields,
          group: false,
          demandPoolName: demandPool.name,
          demandNodes: demand.nodes,
          demandPods: demand.pods,
          demandPeakPerNode: demand.peakPerNode,
          demandTypicalPerNode: demand.typicalPerNode,
          demandDaemonSetPerNode: demand.daemonSetPerNode,
          demandOtherPods: demand.otherPods,
          nodesNeeded: needed ?? 0,
          fits: needed !== undefined,
        },
        target: poolTarget(p),
        location: { snapshotPointer: p.pointer },
      });
    }

    const group = groupItem(cluster, index, match, demandNodes, pods, poolTypes, nodesOf, base);
    if (group) items.push(group);
    return { kind: 'items', items, gaps };
  },
};

interface PoolMatch {
  /** Target pool id → the source pool whose nodes measure its demand (itself for a standalone cluster). */
  sourceOf: Map<string, NodePool>;
  /** Target pools with no source pool of the same name. */
  unmatchedTarget: NodePool[];
  /** Source pools with no target pool of the same name. */
  unmatchedSource: NodePool[];
  /** Ids of every source pool (the cluster's own for a standalone cluster). */
  sourcePoolIds: Set<string>;
}

/** Pairs target and source pools (`counterpartPool`); unpaired pools go to the group. */
function matchPools(targetPools: readonly NodePool[], sourcePools: readonly NodePool[] | undefined): PoolMatch {
  if (!sourcePools) {
    return {
      sourceOf: new Map(targetPools.map((p) => [p.id, p])),
      unmatchedTarget: [],
      unmatchedSource: [],
      sourcePoolIds: new Set(targetPools.map((p) => p.id)),
    };
  }
  const sourceOf = new Map<string, NodePool>();
  const matchedSource = new Set<string>();
  for (const t of targetPools) {
    const s = counterpartPool(t, targetPools, sourcePools);
    if (!s) continue;
    sourceOf.set(t.id, s);
    matchedSource.add(s.id);
  }
  return {
    sourceOf,
    unmatchedTarget: targetPools.filter((p) => !sourceOf.has(p.id)),
    unmatchedSource: sourcePools.filter((p) => !matchedSource.has(p.id)),
    sourcePoolIds: new Set(sourcePools.map((p) => p.id)),
  };
}

/** Pods a pool's nodes hold, per node, whatever instance type a node gets: the smallest joinable type; undefined when a type is unknown. */
function poolMaxPods(pool: NodePool, poolTypes: readonly PoolInstanceType[]): number | undefined {
  const types = poolTypes.filter((p) => p.pool.id === pool.id);
  if (types.length < pool.instanceTypes.length) return undefined;
  const joinable = types.filter((p) => p.fields.canJoin).map((p) => p.fields.maxPods);
  return joinable.length > 0 ? Math.min(...joinable) : 0;
}

function groupItem(
  cluster: Cluster,
  index: SnapshotIndex,
  match: PoolMatch,
  demandNodes: readonly Node[],
  pods: ClusterPods,
  poolTypes: readonly PoolInstanceType[],
  nodesOf: (pool: NodePool) => Node[],
  base: Record<string, unknown>,
): ModelItem | undefined {
  const sourcePoolNodes = match.unmatchedSource.map((p) => ({ pool: p, nodes: nodesOf(p) })).filter((s) => s.nodes.length > 0);
  const poolless = demandNodes.filter((n) => !n.nodePoolId || !match.sourcePoolIds.has(n.nodePoolId));
  const nodes = [...sourcePoolNodes.flatMap((s) => s.nodes), ...poolless];
  if (nodes.length === 0 && pods.unscheduled === 0) return undefined;
  const demand = poolDemandOf(nodes, pods);

  // What the target pools with no same-named source pool hold; unknown if an instance type is.
  let capacity = 0;
  let targetNodes = 0;
  const targetPools: string[] = [];
  const terms: string[] = [];
  const ds = demand.daemonSetPerNode;
  for (const pool of match.unmatchedTarget) {
    const maxPods = poolMaxPods(pool, poolTypes);
    if (maxPods === undefined) return undefined; // the missing type is a gap already
    capacity += roomForOtherPods(pool.desiredSize, maxPods, ds);
    targetNodes += pool.desiredSize;
    targetPools.push(`${pool.name} ${pool.desiredSize} x ${maxPods}`);
    terms.push(`${pool.desiredSize} x ${ds === 0 ? maxPods : maxPods > ds ? `(${maxPods} - ${ds})` : 0}`);
  }
  // Pods with no node yet may land wherever room is left, in the same-named pools too.
  let spareCapacity = 0;
  if (pods.unscheduled > 0) {
    for (const [targetId, sourcePool] of match.sourceOf) {
      const pool = cluster.nodePools!.find((p) => p.id === targetId)!;
      const maxPods = poolMaxPods(pool, poolTypes);
      if (maxPods === undefined) return undefined;
      const own = poolDemandOf(nodesOf(sourcePool), pods);
      spareCapacity += Math.max(0, roomForOtherPods(pool.desiredSize, maxPods, own.daemonSetPerNode) - own.otherPods);
    }
  }
  const over = Math.max(0, demand.otherPods - capacity);
  const room = Math.max(0, capacity - demand.otherPods) + spareCapacity;
  const shortfall = over + Math.max(0, pods.unscheduled - room);

  const clusterPointer = index.clusters.get(cluster.id)?.pointer ?? '';
  return {
    fields: {
      ...base,
      group: true,
      /** The arithmetic behind capacity, e.g. "2 x 75 + 1 x 210 = 360". */
      formula: terms.length > 0 ? `${terms.join(' + ')} = ${capacity}` : '0',
      desiredSize: targetNodes,
      demandNodes: demand.nodes,
      demandPods: demand.pods,
      demandPeakPerNode: demand.peakPerNode,
      demandTypicalPerNode: demand.typicalPerNode,
      demandDaemonSetPerNode: demand.daemonSetPerNode,
      demandOtherPods: demand.otherPods,
      demandPoolNames: sourcePoolNodes.map((s) => s.pool.name),
      demandPoollessNodes: poolless.length,
      unscheduledPods: pods.unscheduled,
      targetPools,
      capacity,
      spareCapacity,
      shortfall,
    },
    target: { kind: 'cluster', id: cluster.id, name: cluster.name },
    location: { snapshotPointer: clusterPointer },
  };
}

/** Every field of the schema with an empty value: pool items and the group each fill in their own. */
function baseFields(clusterId: string, demandClusterId: string): Record<string, unknown> {
  return {
    clusterId,
    nodePoolId: '',
    nodePoolName: '',
    instanceType: '',
    mode: '',
    eniQuantity: 0,
    eniPrivateIpAddressQuantity: 0,
    maxPods: 0,
    formula: '',
    canJoin: true,
    joinThreshold: 0,
    desiredSize: 0,
    group: false,
    demandClusterId,
    demandPoolName: '',
    demandNodes: 0,
    demandPods: 0,
    demandPeakPerNode: 0,
    demandTypicalPerNode: 0,
    demandDaemonSetPerNode: 0,
    demandOtherPods: 0,
    nodesNeeded: 0,
    fits: true,
    demandPoolNames: [],
    demandPoollessNodes: 0,
    unscheduledPods: 0,
    targetPools: [],
    capacity: 0,
    spareCapacity: 0,
    shortfall: 0,
  };
}

function unknownNodesGap(clusterId: string, pods: ClusterPods): Localized {
  const shown = pods.unknownNodeNames.slice(0, 3);
  const more = pods.unknownNodeNames.length - shown.length;
  const n = pods.onUnknownNodes;
  return {
    en:
      `${n} ${n === 1 ? 'pod' : 'pods'} of ${clusterId} ${n === 1 ? 'is' : 'are'} on nodes not in the snapshot ` +
      `(${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}), so the node pools they belong to are unknown`,
    'zh-CN':
      `${clusterId} 的 ${n} 个 Pod 所在的节点不在快照中（${shown.join('、')}${more > 0 ? ` 等 ${pods.unknownNodeNames.length} 个节点` : ''}），` +
      `无法得知它们属于哪个节点池`,
  };
}
