import { poolInstanceTypeSchema, poolInstanceTypes, poolTarget } from '../pool-instance-types.js';
import { demandOf, nodesNeeded, podsPerNode } from '../workloads.js';
import type { CollectionDef, ModelItem } from '../types.js';

/**
 * Each instance type of each node pool of the cluster that will run Terway, with its Terway pod
 * capacity and today's demand: the paired Flannel source's pool of the same name (else the whole
 * source cluster, which the message says), or, for a standalone cluster, the pool's own nodes.
 */
export const nodePoolCapacity: CollectionDef = {
  name: 'nodePoolCapacity',
  description: 'Every node pool instance type of the cluster with its Terway pod capacity, against the pods the matching pool runs today.',
  sections: ['clusters', 'instanceTypes', 'nodes', 'pods'],
  schema: {
    ...poolInstanceTypeSchema,
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
    const perNode = podsPerNode(index.podsByCluster.get(demandCluster.id) ?? []);
    const { items: pools, gaps } = poolInstanceTypes(cluster, index);
    const items: ModelItem[] = pools.map((p) => {
      const demandPool = subject.source ? subject.source.nodePools?.find((sp) => sp.name === p.pool.name) : p.pool;
      const nodes = demandPool ? demandNodes.filter((n) => n.nodePoolId === demandPool.id) : demandNodes;
      const demand = demandOf(nodes, perNode);
      return {
        fields: {
          ...p.fields,
          demandClusterId: demandCluster.id,
          demandPoolName: demandPool ? demandPool.name : '',
          demandNodes: demand.nodes,
          demandPods: demand.pods,
          demandPeakPerNode: demand.peakPerNode,
          nodesNeeded: nodesNeeded(demand.pods, p.fields.maxPods),
        },
        target: poolTarget(p),
        location: { snapshotPointer: p.pointer },
      };
    });
    return { kind: 'items', items, gaps };
  },
};
