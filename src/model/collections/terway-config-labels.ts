import { terwayApplicability } from '../terway-applicability.js';
import type { CollectionDef, ModelItem } from '../types.js';

/**
 * The dynamic configs the nodes of a Terway cluster ask for with label terway-config=<name>, each
 * with whether ConfigMap kube-system/<name> was found (reference §1.4). The collector reads those
 * ConfigMaps only for a cluster whose eni-config it read, so without eni-config this is a gap.
 */
export const terwayConfigLabels: CollectionDef = {
  name: 'terwayConfigLabels',
  description:
    'The per-node dynamic configs the nodes and node pools of a Terway cluster name in their terway-config label, each with whether ConfigMap kube-system/<name> (with an eni_conf key) exists.',
  sections: ['clusters', 'nodes', 'eniConfigs'],
  schema: {
    clusterId: 'string',
    /** The label value: the ConfigMap's name in kube-system. */
    name: 'string',
    /** kube-system/<name> */
    id: 'string',
    /** The ConfigMap exists and has an eni_conf key Terway can merge. */
    found: 'bool',
    nodeCount: 'int',
    /** Names of the nodes carrying the label, sorted. */
    nodeNames: 'list<string>',
    /** Names of the node pools that give their nodes the label, sorted. */
    nodePools: 'list<string>',
  },
  applicability: (subject) =>
    terwayApplicability(subject, (id, plugin) => ({
      en: `${id} runs ${plugin}: Terway's per-node configs do not apply to it`,
      'zh-CN': `${id} 使用 ${plugin}，Terway 的节点级动态配置对其不适用`,
    })),
  build(subject, index) {
    const cluster = subject.cluster!;
    if (!index.eniConfigs.get(cluster.id)) {
      return {
        kind: 'items',
        items: [],
        gaps: [
          {
            en: `kube-system/eni-config of ${cluster.id} is not in the snapshot, so the per-node configs its nodes name were not read`,
            'zh-CN': `快照中没有 ${cluster.id} 的 kube-system/eni-config，其节点指定的节点级配置未被读取`,
          },
        ],
      };
    }
    // A label naming eni-config itself names the default, which exists.
    const found = new Set(['eni-config', ...(index.dynamicEniConfigs.get(cluster.id) ?? []).map((e) => e.entity.terwayConfig)]);
    const byName = new Map<string, { nodes: string[]; pools: string[]; pointer: string }>();
    const entry = (name: string, pointer: string) => byName.get(name) ?? byName.set(name, { nodes: [], pools: [], pointer }).get(name)!;
    for (const n of index.nodesByCluster.get(cluster.id) ?? []) {
      if (n.entity.terwayConfig) entry(n.entity.terwayConfig, `${n.pointer}/terwayConfig`).nodes.push(n.entity.name);
    }
    const clusterPointer = index.clusters.get(cluster.id)?.pointer ?? '';
    (cluster.nodePools ?? []).forEach((p, i) => {
      if (p.terwayConfig) entry(p.terwayConfig, `${clusterPointer}/nodePools/${i}/terwayConfig`).pools.push(p.name);
    });
    const items: ModelItem[] = [...byName.keys()].sort().map((name) => {
      const { nodes, pools, pointer } = byName.get(name)!;
      return {
        fields: {
          clusterId: cluster.id,
          name,
          id: `kube-system/${name}`,
          found: found.has(name),
          nodeCount: nodes.length,
          nodeNames: nodes.sort(),
          nodePools: pools.sort(),
        },
        target: { kind: 'configmap', id: `kube-system/${name}` },
        location: { snapshotPointer: pointer },
      };
    });
    return { kind: 'items', items, gaps: [] };
  },
};
