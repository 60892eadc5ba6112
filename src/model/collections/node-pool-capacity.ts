import { canJoin, capacityFormula, maxPods, MIN_ENIS_EXCLUSIVE, MIN_PODS_TO_JOIN } from '../capacity.js';
import { demandOf, nodesNeeded, podsPerNode } from '../workloads.js';
import type { CollectionDef, Localized, ModelItem } from '../types.js';
import type { Node } from '../../snapshot/types.js';

/**
 * Each instance type of each node pool of the cluster that will run Terway, with its Terway pod
 * capacity and today's demand: the paired Flannel source's pool of the same name (else the whole
 * source cluster, which the message says), or, for a standalone cluster, the pool's own nodes.
 */
export const nodePoolCapacity: CollectionDef = {
  name: 'nodePoolCapacity',
  description: 'Terway pod capacity of every node pool instance type against the pods per node running today.',
  sections: ['clusters', 'instanceTypes', 'nodes', 'pods'],
  schema: {
    clusterId: 'string',
    nodePoolId: 'string',
    nodePoolName: 'string',
    instanceType: 'string',
    mode: 'string',
    eniQuantity: 'int',
    eniPrivateIpAddressQuantity: 'int',
    maxPods: 'int',
    /** The arithmetic behind maxPods, e.g. "(4 - 1) x 15 = 45". */
    formula: 'string',
    canJoin: 'bool',
    /** What joining needs: more than this many pods (ENIs in exclusive mode). */
    joinThreshold: 'int',
    /** Nodes the pool is sized for. */
    desiredSize: 'int',
    demandClusterId: 'string',
    /** The source pool (by name) whose nodes today's demand was measured on; "" for the whole cluster. */
    demandPoolName: 'string',
    demandNodes: 'int',
    demandPods: 'int',
    demandPeakPerNode: 'int',
    nodesNeeded: 'int',
  },
  build(subject, index) {
    const cluster = subject.cluster!;
    const clusterIndexed = index.clusters.get(cluster.id)!;
    if (!cluster.nodePools) {
      return { kind: 'items', items: [], gaps: [noPools(cluster.id)] };
    }
    const demandCluster = subject.source ?? cluster;
    const demandNodes = (index.nodesByCluster.get(demandCluster.id) ?? []).map((n) => n.entity);
    const perNode = podsPerNode(index.podsByCluster.get(demandCluster.id) ?? []);
    const gaps: Localized[] = [];
    if (subject.sourceClusterId && !subject.source) {
      gaps.push({
        en: `source cluster ${subject.sourceClusterId} is not in the snapshot, so today's demand is unknown`,
        'zh-CN': `快照中没有源集群 ${subject.sourceClusterId}，无法得知当前负载`,
      });
      return { kind: 'items', items: [], gaps };
    }
    const items: ModelItem[] = [];
    cluster.nodePools.forEach((pool, poolIndex) => {
      const demandPool = subject.source
        ? subject.source.nodePools?.find((p) => p.name === pool.name)
        : pool;
      const nodes: Node[] = demandPool ? demandNodes.filter((n) => n.nodePoolId === demandPool.id) : demandNodes;
      const demand = demandOf(nodes, perNode);
      const mode = pool.terwayMode ?? 'shared';
      for (const typeId of pool.instanceTypes) {
        const type = index.instanceTypes.get(typeId)?.entity;
        if (!type) {
          gaps.push({
            en: `instance type ${typeId} of node pool ${pool.name} is not in the snapshot (DescribeInstanceTypes)`,
            'zh-CN': `快照中没有节点池 ${pool.name} 的实例规格 ${typeId}（DescribeInstanceTypes）`,
          });
          continue;
        }
        const capacity = maxPods(type, mode);
        items.push({
          fields: {
            clusterId: cluster.id,
            nodePoolId: pool.id,
            nodePoolName: pool.name,
            instanceType: typeId,
            mode,
            eniQuantity: type.eniQuantity,
            eniPrivateIpAddressQuantity: type.eniPrivateIpAddressQuantity,
            maxPods: capacity,
            formula: capacityFormula(type, mode),
            canJoin: canJoin(type, mode),
            joinThreshold: mode === 'exclusive' ? MIN_ENIS_EXCLUSIVE : MIN_PODS_TO_JOIN,
            desiredSize: pool.desiredSize,
            demandClusterId: demandCluster.id,
            demandPoolName: demandPool ? demandPool.name : '',
            demandNodes: demand.nodes,
            demandPods: demand.pods,
            demandPeakPerNode: demand.peakPerNode,
            nodesNeeded: nodesNeeded(demand.pods, capacity),
          },
          target: { kind: 'node-pool', id: `${pool.id}/${typeId}`, name: pool.name },
          location: { snapshotPointer: `${clusterIndexed.pointer}/nodePools/${poolIndex}` },
        });
      }
    });
    return { kind: 'items', items, gaps };
  },
};

function noPools(clusterId: string): Localized {
  return {
    en: `node pools of ${clusterId} are not in the snapshot`,
    'zh-CN': `快照中没有 ${clusterId} 的节点池`,
  };
}
