import { trunkMemberPods } from '../capacity.js';
import { poolInstanceTypes, poolTarget } from '../pool-instance-types.js';
import { terwayApplicability } from '../terway-applicability.js';
import type { CollectionDef, Localized, ModelItem } from '../types.js';

/** Trunk ENI runs only on top of shared-ENI (multi-IP) mode: pools in these modes can carry trunk pods. */
const TRUNK_CAPABLE_MODES = new Set(['shared', 'trunk']);

/**
 * Each instance type of each node pool of a Terway cluster, with whether trunk ENI is wanted there
 * (eni-config enable_eni_trunking, or the pool's own trunk mode) and whether the type supports it.
 */
export const trunkPoolInstanceTypes: CollectionDef = {
  name: 'trunkPoolInstanceTypes',
  description:
    'Every node pool instance type of a Terway cluster with whether trunk ENI is wanted on it (eni-config enable_eni_trunking, or the pool mode) and whether the type supports trunk (EniTrunkSupported).',
  sections: ['clusters', 'instanceTypes', 'eniConfigs'],
  schema: {
    clusterId: 'string',
    nodePoolId: 'string',
    nodePoolName: 'string',
    instanceType: 'string',
    /** Terway IP mode of the pool: shared, exclusive, trunk or prefix. */
    mode: 'string',
    desiredSize: 'int',
    /** enable_eni_trunking in kube-system/eni-config (false when eni-config is not in the snapshot). */
    eniConfigTrunk: 'bool',
    /** Trunk is wanted on this pool: eni-config enables it and the pool is in shared mode, or the pool is in trunk mode. */
    trunkWanted: 'bool',
    eniTrunkSupported: 'bool',
    eniQuantity: 'int',
    eniTotalQuantity: 'int',
    /** Member ENIs (trunk pods) a node of the type can hold: EniTotalQuantity - EniQuantity, 0 without trunk support. */
    trunkMemberPods: 'int',
    /** Other "pool/instance type" of the cluster where trunk is wanted and supported: where trunk pods can still run. */
    trunkCapableElsewhere: 'list<string>',
  },
  applicability: (subject) =>
    terwayApplicability(subject, (id, plugin) => ({
      en: `${id} runs ${plugin}: it has no Terway trunk ENI configuration`,
      'zh-CN': `${id} 使用 ${plugin}，没有 Terway Trunk ENI 配置`,
    })),
  build(subject, index) {
    const cluster = subject.cluster!;
    const eniConfig = index.eniConfigs.get(cluster.id);
    const eniConfigTrunk = eniConfig?.entity.trunk ?? false;
    const { items: pools, gaps } = poolInstanceTypes(cluster, index);
    const allGaps: Localized[] = [...gaps];
    if (!eniConfig) {
      allGaps.push({
        en: `kube-system/eni-config of ${cluster.id} is not in the snapshot, so whether it enables trunk ENI (enable_eni_trunking) is unknown`,
        'zh-CN': `快照中没有 ${cluster.id} 的 kube-system/eni-config，无法得知是否开启了 Trunk ENI（enable_eni_trunking）`,
      });
    }
    const rows = pools.map((p) => {
      const type = index.instanceTypes.get(p.instanceType)!.entity;
      const trunkWanted = p.mode === 'trunk' || (eniConfigTrunk && TRUNK_CAPABLE_MODES.has(p.mode));
      return { p, type, trunkWanted, key: `${p.pool.name}/${p.instanceType}` };
    });
    const capable = rows.filter((r) => r.trunkWanted && r.type.eniTrunkSupported);
    const items: ModelItem[] = rows.map(({ p, type, trunkWanted, key }) => ({
      fields: {
        clusterId: cluster.id,
        nodePoolId: p.pool.id,
        nodePoolName: p.pool.name,
        instanceType: p.instanceType,
        mode: p.mode,
        desiredSize: p.pool.desiredSize,
        eniConfigTrunk,
        trunkWanted,
        eniTrunkSupported: type.eniTrunkSupported,
        eniQuantity: type.eniQuantity,
        eniTotalQuantity: type.eniTotalQuantity,
        trunkMemberPods: trunkMemberPods(type),
        trunkCapableElsewhere: capable.map((r) => r.key).filter((k) => k !== key).sort(),
      },
      target: poolTarget(p),
      location: { snapshotPointer: p.pointer },
    }));
    return { kind: 'items', items, gaps: allGaps };
  },
};
