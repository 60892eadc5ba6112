/** Every (node pool, instance type) of a cluster with its Terway capacity: shared by the capacity collections. */
import type { Cluster, NodePool, TerwayMode } from '../snapshot/types.js';
import { canJoin, capacityFormula, maxPods, MIN_ENIS_EXCLUSIVE, MIN_PODS_TO_JOIN } from './capacity.js';
import type { SnapshotIndex } from './snapshot-index.js';
import type { Localized } from './types.js';

export interface PoolInstanceType {
  pool: NodePool;
  /** JSON pointer of the pool in the snapshot. */
  pointer: string;
  instanceType: string;
  mode: TerwayMode;
  /** The CEL fields every capacity collection shares. */
  fields: {
    clusterId: string;
    nodePoolId: string;
    nodePoolName: string;
    instanceType: string;
    mode: string;
    eniQuantity: number;
    eniPrivateIpAddressQuantity: number;
    maxPods: number;
    formula: string;
    canJoin: boolean;
    joinThreshold: number;
    desiredSize: number;
  };
}

export const poolInstanceTypeSchema = {
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
} as const;

export function poolInstanceTypes(cluster: Cluster, index: SnapshotIndex): { items: PoolInstanceType[]; gaps: Localized[] } {
  const clusterPointer = index.clusters.get(cluster.id)?.pointer ?? '';
  if (!cluster.nodePools) {
    return {
      items: [],
      gaps: [{ en: `node pools of ${cluster.id} are not in the snapshot`, 'zh-CN': `快照中没有 ${cluster.id} 的节点池` }],
    };
  }
  const items: PoolInstanceType[] = [];
  const gaps: Localized[] = [];
  cluster.nodePools.forEach((pool, poolIndex) => {
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
      items.push({
        pool,
        pointer: `${clusterPointer}/nodePools/${poolIndex}`,
        instanceType: typeId,
        mode,
        fields: {
          clusterId: cluster.id,
          nodePoolId: pool.id,
          nodePoolName: pool.name,
          instanceType: typeId,
          mode,
          eniQuantity: type.eniQuantity,
          eniPrivateIpAddressQuantity: type.eniPrivateIpAddressQuantity,
          maxPods: maxPods(type, mode),
          formula: capacityFormula(type, mode),
          canJoin: canJoin(type, mode),
          joinThreshold: mode === 'exclusive' ? MIN_ENIS_EXCLUSIVE : MIN_PODS_TO_JOIN,
          desiredSize: pool.desiredSize,
        },
      });
    }
  });
  return { items, gaps };
}

export function poolTarget(p: PoolInstanceType) {
  return { kind: 'node-pool', id: `${p.pool.id}/${p.instanceType}`, name: p.pool.name };
}
