import type { CollectionDef, Localized } from '../types.js';
import { buildListedPodVSwitchItems, listedPodVSwitchSchema } from './eni-config-pod-vswitches.js';
import { podVSwitches } from './pod-vswitches.js';

/**
 * Each pod vSwitch a Terway cluster's configs list, with the clusters and node pools of the snapshot
 * that also put nodes on it. A cluster of the same VPC whose node pools were not collected may use it
 * too: that is a gap, never "not shared".
 */
export const podVSwitchNodeUse: CollectionDef = {
  name: 'podVSwitchNodeUse',
  description:
    'Pod vSwitches listed in kube-system/eni-config (and the per-node terway-config ConfigMaps) of a Terway cluster, each with the clusters and node pools of the snapshot that also use it as a node vSwitch.',
  sections: ['clusters', 'vswitches', 'eniConfigs'],
  schema: {
    ...listedPodVSwitchSchema,
    /** Clusters of the snapshot whose nodeVSwitchIds include it. */
    nodeVSwitchOf: 'list<string>',
    /** Node pools of the snapshot whose vswitchIds include it, as "<cluster id>/<pool name>". */
    nodePoolsUsing: 'list<string>',
    /** nodeVSwitchOf or nodePoolsUsing is not empty. */
    sharedWithNodes: 'bool',
  },
  applicability: (subject) => podVSwitches.applicability!(subject),
  build(subject, index) {
    const cluster = subject.cluster!;
    const clusters = [...index.clusters.values()].map((c) => c.entity);
    const result = buildListedPodVSwitchItems(subject, index, ({ id }) => {
      const nodeVSwitchOf = clusters.filter((c) => c.nodeVSwitchIds.includes(id)).map((c) => c.id).sort();
      const nodePoolsUsing = clusters
        .flatMap((c) => (c.nodePools ?? []).filter((p) => p.vswitchIds.includes(id)).map((p) => `${c.id}/${p.name}`))
        .sort();
      return { nodeVSwitchOf, nodePoolsUsing, sharedWithNodes: nodeVSwitchOf.length + nodePoolsUsing.length > 0 };
    });
    if (result.kind !== 'items' || result.items.length === 0) return result;
    const unknownPools: Localized[] = clusters
      .filter((c) => c.vpcId === cluster.vpcId && c.nodePools === undefined)
      .map((c) => c.id)
      .sort()
      .map((id) => ({
        en: `node pools of ${id} are not in the snapshot, so whether they put nodes on the pod vSwitches of ${cluster.id} is unknown`,
        'zh-CN': `快照中没有 ${id} 的节点池，无法判断它们是否把节点放在 ${cluster.id} 的 Pod 交换机上`,
      }));
    return { ...result, gaps: [...result.gaps, ...unknownPools] };
  },
};
