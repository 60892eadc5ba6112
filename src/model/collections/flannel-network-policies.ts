import type { NetworkPolicy } from '../../snapshot/types.js';
import { splitNamespacedId, type Located } from '../network-policy-enforcement.js';
import type { Applicability, CollectionDef, ModelItem } from '../types.js';

/**
 * NetworkPolicies of a Flannel cluster, which Flannel never enforced: the source of a Flannel→Terway
 * pair (judged through its target), or a Flannel cluster on its own (a readiness check before any
 * Terway cluster exists). One item per policy.
 */
export const flannelNetworkPolicies: CollectionDef = {
  name: 'flannelNetworkPolicies',
  description:
    'NetworkPolicies of the Flannel cluster (the source of a pair, or a standalone Flannel cluster), which Flannel never enforced.',
  sections: ['clusters', 'networkPolicies'],
  schema: {
    clusterId: 'string',
    /** The Flannel cluster the policy is in. */
    policyClusterId: 'string',
    /** namespace/name */
    id: 'string',
    namespace: 'string',
    name: 'string',
    policyTypes: 'list<string>',
    /** true for a Flannel cluster with no Terway target in the snapshot. */
    standalone: 'bool',
    /** The Terway target ("" for a standalone cluster). */
    targetClusterId: 'string',
    /** A policy of the same namespace/name already exists in the target, where Terway enforces it. */
    inTarget: 'bool',
  },
  applicability(subject) {
    const cluster = subject.cluster!;
    if (subject.role === 'standalone') {
      if (cluster.networkPlugin === 'flannel') return { kind: 'applicable' };
      if (cluster.networkPlugin === 'unknown') return unknownPlugin(cluster.id);
      return {
        kind: 'not-applicable',
        reason: {
          en: `${cluster.id} runs ${cluster.networkPlugin} and moves from no Flannel cluster in this snapshot: its NetworkPolicies are enforced today`,
          'zh-CN': `${cluster.id} 使用 ${cluster.networkPlugin}，快照中没有要迁入它的 Flannel 集群：其 NetworkPolicy 目前已生效`,
        },
      };
    }
    if (cluster.networkPlugin === 'unknown') return unknownPlugin(cluster.id);
    if (cluster.networkPlugin !== 'terway') {
      return {
        kind: 'not-applicable',
        reason: {
          en: `the target ${cluster.id} runs ${cluster.networkPlugin}, which enforces no NetworkPolicy either`,
          'zh-CN': `目标集群 ${cluster.id} 使用 ${cluster.networkPlugin}，同样不执行 NetworkPolicy`,
        },
      };
    }
    const source = subject.source;
    // A source missing from clusters is still the Flannel cluster the scope pairs with the target.
    if (!source || source.networkPlugin === 'flannel') return { kind: 'applicable' };
    if (source.networkPlugin === 'unknown') return unknownPlugin(source.id);
    return {
      kind: 'not-applicable',
      reason: {
        en: `the source ${source.id} runs ${source.networkPlugin}: its NetworkPolicies are enforced today`,
        'zh-CN': `源集群 ${source.id} 使用 ${source.networkPlugin}：其 NetworkPolicy 目前已生效`,
      },
    };
  },
  build(subject, _index, snapshot) {
    const flannelId = subject.sourceClusterId ?? subject.clusterId;
    const all: Located<NetworkPolicy>[] = (snapshot.networkPolicies ?? []).map((entity, i) => ({ entity, pointer: `/networkPolicies/${i}` }));
    const inTarget = new Set(subject.sourceClusterId ? all.filter((p) => p.entity.clusterId === subject.clusterId).map((p) => p.entity.id) : []);
    const items: ModelItem[] = all
      .filter((p) => p.entity.clusterId === flannelId)
      .sort((a, b) => (a.entity.id < b.entity.id ? -1 : a.entity.id > b.entity.id ? 1 : 0))
      .map(({ entity: p, pointer }) => {
        const { namespace, name } = splitNamespacedId(p.id);
        return {
          fields: {
            clusterId: subject.clusterId,
            policyClusterId: flannelId,
            id: p.id,
            namespace,
            name,
            policyTypes: [...p.policyTypes].sort(),
            standalone: subject.sourceClusterId === undefined,
            targetClusterId: subject.sourceClusterId ? subject.clusterId : '',
            inTarget: inTarget.has(p.id),
          },
          target: { kind: 'networkpolicy', id: p.id },
          location: { snapshotPointer: pointer },
        };
      });
    return { kind: 'items', items, gaps: [] };
  },
};

function unknownPlugin(clusterId: string): Applicability {
  return {
    kind: 'unknown',
    reason: {
      en: `the network plugin of ${clusterId} is unknown, so it is not known whether its NetworkPolicies are enforced today`,
      'zh-CN': `无法确定 ${clusterId} 的网络插件，因此无法判断其 NetworkPolicy 目前是否生效`,
    },
  };
}
