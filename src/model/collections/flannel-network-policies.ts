import { availabilityOf } from '../../rules/availability.js';
import type { EniConfig, NetworkPolicy, Snapshot } from '../../snapshot/types.js';
import { splitNamespacedId, targetEnforcement, type Located, type TargetEnforcement } from '../network-policy-enforcement.js';
import type { SnapshotIndex } from '../snapshot-index.js';
import type { Subject } from '../subjects.js';
import type { Applicability, CollectionDef, Localized, ModelItem } from '../types.js';

/**
 * NetworkPolicies of a Flannel cluster, which Flannel never enforced: the source of a Flannel→Terway
 * pair (judged through its target), or a Flannel cluster on its own (a readiness check before any
 * Terway cluster exists). One item per policy, with where the Terway target will enforce it
 * (targetEnforcement, the fact network-policy-not-enforced reads too).
 *
 * For a paired target it also reads the target's kube-system/eni-config (disable_network_policy).
 * `eniConfigs` is deliberately not in `sections`: a standalone Flannel cluster, judged against a
 * default Terway cluster, must not need it. When the target's eni-config is missing and the node
 * pools do not settle the question, the items are kept (they do not fire) with a gap.
 */
export const flannelNetworkPolicies: CollectionDef = {
  name: 'flannelNetworkPolicies',
  description:
    'NetworkPolicies of the Flannel cluster (the source of a pair, or a standalone Flannel cluster), which Flannel never enforced, with where the Terway target will enforce them (for a pair, from its eni-config and node pools; a standalone cluster is judged against a default Terway cluster).',
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
    /**
     * Where the Terway target will enforce it: all, shared-eni-pools (some pools run exclusive ENI),
     * none (disable_network_policy "true", or every pool exclusive ENI), unknown (a gap). "all" for a
     * standalone cluster: a default Terway cluster enforces NetworkPolicy.
     */
    enforcedOn: 'string',
    /** The target's exclusive-ENI node pools, whose pods get no NetworkPolicy; [] for a standalone cluster. */
    exclusivePools: 'list<string>',
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
  build(subject, index, snapshot) {
    const flannelId = subject.sourceClusterId ?? subject.clusterId;
    const all: Located<NetworkPolicy>[] = (snapshot.networkPolicies ?? []).map((entity, i) => ({ entity, pointer: `/networkPolicies/${i}` }));
    const inTarget = new Set(subject.sourceClusterId ? all.filter((p) => p.entity.clusterId === subject.clusterId).map((p) => p.entity.id) : []);
    const policies = all
      .filter((p) => p.entity.clusterId === flannelId)
      .sort((a, b) => (a.entity.id < b.entity.id ? -1 : a.entity.id > b.entity.id ? 1 : 0));
    if (policies.length === 0) return { kind: 'items', items: [], gaps: [] };

    // A standalone Flannel cluster is judged against a default Terway cluster, which enforces.
    let enforcement: TargetEnforcement = { enforcedOn: 'all' };
    const gaps: Localized[] = [];
    if (subject.sourceClusterId) {
      const eni = targetEniConfig(subject, index, snapshot);
      enforcement = targetEnforcement(eni.entity, subject.cluster?.nodePools);
      if (enforcement.enforcedOn === 'unknown') gaps.push(...unknownEnforcementGaps(subject, policies.length, eni.missing, enforcement));
    }
    const items: ModelItem[] = policies.map(({ entity: p, pointer }) => {
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
          enforcedOn: enforcement.enforcedOn,
          exclusivePools: enforcement.exclusivePools ?? [],
        },
        target: { kind: 'networkpolicy', id: p.id },
        location: { snapshotPointer: pointer },
      };
    });
    return { kind: 'items', items, gaps };
  },
};

/**
 * The target's kube-system/eni-config, or why it is not known: `missing` holds the reasons when the
 * eniConfigs section is absent or failed for the target (an entity read despite an error for the
 * cluster is not trusted, as the engine would not trust it for a rule that requires the section).
 */
function targetEniConfig(subject: Subject, index: SnapshotIndex, snapshot: Snapshot): { entity?: EniConfig; missing?: Localized[] } {
  const availability = availabilityOf(snapshot, ['eniConfigs'], [subject.clusterId]);
  if (availability.kind === 'missing') return { missing: availability.reasons };
  if (availability.kind === 'not-requested') return { missing: [availability.reason] };
  const entity = index.eniConfigs.get(subject.clusterId)?.entity;
  return entity ? { entity } : {};
}

function unknownEnforcementGaps(subject: Subject, count: number, eniMissing: Localized[] | undefined, e: TargetEnforcement): Localized[] {
  const target = subject.clusterId;
  const source = subject.sourceClusterId!;
  const whether = {
    en: `it is not known whether ${target} will enforce the ${count} ${count === 1 ? 'NetworkPolicy' : 'NetworkPolicies'} of ${source}`,
    'zh-CN': `无法判断 ${target} 是否会执行 ${source} 的 ${count} 个 NetworkPolicy`,
  };
  const gaps: Localized[] = [];
  if (e.disabled === undefined) {
    if (eniMissing) {
      gaps.push(
        ...eniMissing.map((r) => ({
          en: `${r.en}: ${whether.en} (disable_network_policy in its kube-system/eni-config)`,
          'zh-CN': `${r['zh-CN']}：${whether['zh-CN']}（取决于其 kube-system/eni-config 中的 disable_network_policy）`,
        })),
      );
    } else {
      gaps.push({
        en: `kube-system/eni-config of ${target} is not in the snapshot, so ${whether.en} (disable_network_policy)`,
        'zh-CN': `快照中没有 ${target} 的 kube-system/eni-config，${whether['zh-CN']}（disable_network_policy）`,
      });
    }
  }
  if (e.exclusivePools === undefined) {
    gaps.push({
      en: `node pools of ${target} are not in the snapshot, so ${whether.en} (exclusive-ENI pools enforce none)`,
      'zh-CN': `快照中没有 ${target} 的节点池，${whether['zh-CN']}（独占 ENI 节点池不执行 NetworkPolicy）`,
    });
  }
  return gaps;
}

function unknownPlugin(clusterId: string): Applicability {
  return {
    kind: 'unknown',
    reason: {
      en: `the network plugin of ${clusterId} is unknown, so it is not known whether its NetworkPolicies are enforced today`,
      'zh-CN': `无法确定 ${clusterId} 的网络插件，因此无法判断其 NetworkPolicy 目前是否生效`,
    },
  };
}
