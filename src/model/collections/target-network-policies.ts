import type { NetworkPolicy } from '../../snapshot/types.js';
import { policiesAcrossPair, splitNamespacedId, targetEnforcement, type Located } from '../network-policy-enforcement.js';
import type { CollectionDef, Localized, ModelItem } from '../types.js';
import { terwayApplicability } from '../terway-applicability.js';

/**
 * NetworkPolicies the Terway cluster has to enforce: its own and, for a target, those of the Flannel
 * source that move to it, one item per namespace/name, with what stops the cluster from enforcing
 * them (disable_network_policy in eni-config, exclusive-ENI node pools).
 */
export const targetNetworkPolicies: CollectionDef = {
  name: 'targetNetworkPolicies',
  description:
    'NetworkPolicies of the Terway cluster and of the Flannel source that moves to it, with whether eni-config disables NetworkPolicy and which node pools run exclusive ENI.',
  sections: ['clusters', 'networkPolicies', 'eniConfigs'],
  schema: {
    clusterId: 'string',
    /** namespace/name */
    id: 'string',
    namespace: 'string',
    name: 'string',
    policyTypes: 'list<string>',
    /** The policy exists in the Terway cluster. */
    inTarget: 'bool',
    /** The policy exists in the Flannel source and moves with its workloads. */
    inSource: 'bool',
    /** "" for a standalone cluster. */
    sourceClusterId: 'string',
    /** false when the cluster's kube-system/eni-config is not in the snapshot. */
    eniConfigFound: 'bool',
    /** eni-config sets disable_network_policy to "true". */
    networkPolicyDisabled: 'bool',
    /** Names of the cluster's node pools in exclusive ENI mode, whose pods get no NetworkPolicy. */
    exclusivePools: 'list<string>',
    /**
     * Where the cluster enforces NetworkPolicy (targetEnforcement, shared with flannelNetworkPolicies):
     * all, shared-eni-pools, none, unknown.
     */
    enforcedOn: 'string',
  },
  applicability(subject) {
    return terwayApplicability(
      subject,
      (id, plugin) => ({ en: `${id} runs ${plugin} and has no Terway target in this snapshot: there is no Terway configuration to check`, 'zh-CN': `${id} 使用 ${plugin}，且快照中没有对应的 Terway 目标集群：没有可检查的 Terway 配置` }),
      (id) => ({ en: `the network plugin of ${id} is unknown, so it is not known whether it enforces NetworkPolicy`, 'zh-CN': `无法确定 ${id} 的网络插件，因此无法判断其是否执行 NetworkPolicy` }),
    );
  },

  build(subject, index, snapshot) {
    const cluster = subject.cluster!;
    const all: Located<NetworkPolicy>[] = (snapshot.networkPolicies ?? []).map((entity, i) => ({ entity, pointer: `/networkPolicies/${i}` }));
    const policies = policiesAcrossPair(
      all.filter((p) => p.entity.clusterId === cluster.id),
      subject.sourceClusterId ? all.filter((p) => p.entity.clusterId === subject.sourceClusterId) : [],
    );
    if (policies.length === 0) return { kind: 'items', items: [], gaps: [] };

    const eniConfig = index.eniConfigs.get(cluster.id)?.entity;
    const enforcement = targetEnforcement(eniConfig, cluster.nodePools);
    const gaps: Localized[] = [];
    const count = `${policies.length} ${policies.length === 1 ? 'NetworkPolicy' : 'NetworkPolicies'}`;
    if (enforcement.disabled === undefined) {
      gaps.push({
        en: `kube-system/eni-config of ${cluster.id} is not in the snapshot, so it is not known whether disable_network_policy leaves ${count} unenforced`,
        'zh-CN': `快照中没有 ${cluster.id} 的 kube-system/eni-config，无法判断 disable_network_policy 是否使 ${policies.length} 个 NetworkPolicy 不生效`,
      });
    }
    if (enforcement.exclusivePools === undefined) {
      gaps.push({
        en: `node pools of ${cluster.id} are not in the snapshot, so it is not known whether exclusive-ENI pools leave ${count} unenforced`,
        'zh-CN': `快照中没有 ${cluster.id} 的节点池，无法判断独占 ENI 节点池是否使 ${policies.length} 个 NetworkPolicy 不生效`,
      });
    }
    const items: ModelItem[] = policies.map((p) => {
      const { namespace, name } = splitNamespacedId(p.id);
      return {
        fields: {
          clusterId: cluster.id,
          id: p.id,
          namespace,
          name,
          policyTypes: p.policyTypes,
          inTarget: p.target !== undefined,
          inSource: p.source !== undefined,
          sourceClusterId: subject.sourceClusterId ?? '',
          eniConfigFound: eniConfig !== undefined,
          networkPolicyDisabled: enforcement.disabled === true,
          exclusivePools: enforcement.exclusivePools ?? [],
          enforcedOn: enforcement.enforcedOn,
        },
        target: { kind: 'networkpolicy', id: p.id },
        location: { snapshotPointer: (p.target ?? p.source)!.pointer },
      };
    });
    return { kind: 'items', items, gaps };
  },
};
