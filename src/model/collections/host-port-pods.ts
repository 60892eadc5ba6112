import type { Node, NodePool, Pod } from '../../snapshot/types.js';
import { formatHostPorts, hostPortUnderTerway, landingPoolOf, publishesHostPort } from '../hostport-portmap.js';
import { splitNamespacedId } from '../network-policy-enforcement.js';
import type { Subject } from '../subjects.js';
import type { CollectionDef, Localized, ModelItem } from '../types.js';

/**
 * Pods that publish a hostPort (not hostNetwork, not finished) in the Terway cluster and, for a
 * target, in the Flannel source whose workloads move to it: one item per pod, with whether the
 * target's eni-config chains portmap and the Terway mode of the node pool the pod runs on or lands on.
 */
export const hostPortPods: CollectionDef = {
  name: 'hostPortPods',
  description:
    'Pods publishing a hostPort in the Terway cluster and in the Flannel source that moves to it, with the portmap chain of the target eni-config and the Terway mode of the node pool each pod lands on.',
  sections: ['clusters', 'nodes', 'pods', 'eniConfigs'],
  schema: {
    clusterId: 'string',
    /** The cluster the pod runs in today. */
    podClusterId: 'string',
    /** namespace/name */
    id: 'string',
    namespace: 'string',
    name: 'string',
    ownerKind: 'string',
    /** true for a pod of the Flannel source, which moves to the target. */
    moving: 'bool',
    /** "" when the pod is not scheduled. */
    nodeName: 'string',
    /** ECS instance id of the node; "" when the node is not in the snapshot. */
    nodeId: 'string',
    /** e.g. ["8080/TCP -> 80", "9100/TCP"] */
    hostPorts: 'list<string>',
    /** true when the target's 10-terway.conflist chains the portmap plugin. */
    portmapChain: 'bool',
    /** The target node pool the pod runs on or lands on (same name as its source pool); "" when none or unknown. */
    nodePoolName: 'string',
    /** Terway mode the pod gets there: shared, exclusive, trunk, prefix; "" when unknown. */
    nodePoolMode: 'string',
    /** The pool runs exclusive ENI, which takes no custom CNI chain: hostPort cannot work there. */
    exclusiveEni: 'bool',
  },
  applicability({ cluster }) {
    if (cluster!.networkPlugin === 'terway') return { kind: 'applicable' };
    if (cluster!.networkPlugin === 'unknown') {
      return {
        kind: 'unknown',
        reason: {
          en: `the network plugin of ${cluster!.id} is unknown, so it is not known whether hostPort needs a portmap chain there`,
          'zh-CN': `无法确定 ${cluster!.id} 的网络插件，因此无法判断 hostPort 是否需要 portmap 插件链`,
        },
      };
    }
    return {
      kind: 'not-applicable',
      reason: {
        en: `${cluster!.id} runs ${cluster!.networkPlugin} and has no Terway target in this snapshot: ${cluster!.networkPlugin} serves hostPort itself`,
        'zh-CN': `${cluster!.id} 使用 ${cluster!.networkPlugin}，且快照中没有对应的 Terway 目标集群：${cluster!.networkPlugin} 自身支持 hostPort`,
      },
    };
  },
  build(subject, index, snapshot) {
    const cluster = subject.cluster!;
    const pointers = new Map<Pod, string>();
    (snapshot.pods ?? []).forEach((p, i) => pointers.set(p, `/pods/${i}`));
    const candidates = [
      ...(index.podsByCluster.get(cluster.id) ?? []).filter(publishesHostPort).map((pod) => ({ pod, moving: false })),
      ...(subject.sourceClusterId ? (index.podsByCluster.get(subject.sourceClusterId) ?? []) : [])
        .filter(publishesHostPort)
        .map((pod) => ({ pod, moving: true })),
    ];
    if (candidates.length === 0) return { kind: 'items', items: [], gaps: [] };

    const eniConfig = index.eniConfigs.get(cluster.id);
    if (!eniConfig) {
      const gap: Localized = {
        en: `kube-system/eni-config of ${cluster.id} is not in the snapshot, so it is not known whether the hostPorts of ${candidates.length} ${candidates.length === 1 ? 'pod' : 'pods'} work (portmap chain)`,
        'zh-CN': `快照中没有 ${cluster.id} 的 kube-system/eni-config，无法判断 ${candidates.length} 个 Pod 的 hostPort 是否可用（portmap 插件链）`,
      };
      return { kind: 'items', items: [], gaps: [gap] };
    }
    const portmapChain = eniConfig.entity.portmapChain;
    const nodesByName = new Map<string, Map<string, Node>>();
    const nodeNamed = (clusterId: string, name: string) => {
      if (!nodesByName.has(clusterId)) {
        nodesByName.set(clusterId, new Map((index.nodesByCluster.get(clusterId) ?? []).map((n) => [n.entity.name, n.entity])));
      }
      return nodesByName.get(clusterId)!.get(name);
    };
    const gaps: Localized[] = [];
    const items: ModelItem[] = [];
    for (const { pod, moving } of candidates) {
      const podCluster = moving ? subject.source : cluster;
      const node = pod.nodeName ? nodeNamed(pod.clusterId, pod.nodeName) : undefined;
      const landing = landingPoolOf({ moving, nodePool: poolOfNode(node, podCluster?.nodePools), targetPools: cluster.nodePools });
      const verdict = hostPortUnderTerway(portmapChain, landing.mode);
      if (verdict === 'unknown') gaps.push(unknownPoolGap(subject, pod));
      const { namespace, name } = splitNamespacedId(pod.id);
      items.push({
        fields: {
          clusterId: cluster.id,
          podClusterId: pod.clusterId,
          id: pod.id,
          namespace,
          name,
          ownerKind: pod.ownerKind ?? '',
          moving,
          nodeName: pod.nodeName ?? '',
          nodeId: node?.id ?? '',
          hostPorts: formatHostPorts(pod.hostPorts),
          portmapChain,
          nodePoolName: landing.pool?.name ?? '',
          nodePoolMode: landing.mode ?? '',
          exclusiveEni: verdict === 'exclusive-eni',
        },
        // A StatefulSet pod has the same namespace/name in both clusters of a pair: keep the cluster in the id.
        target: { kind: 'pod', id: `${pod.clusterId}/${pod.id}`, name: pod.id },
        location: { snapshotPointer: pointers.get(pod) ?? '' },
      });
    }
    return { kind: 'items', items, gaps };
  },
};

/** The pool of a node in its own cluster: null when the node is in no pool, undefined when unknown. */
function poolOfNode(
  node: { nodePoolId?: string } | undefined,
  pools: readonly NodePool[] | undefined,
): NodePool | null | undefined {
  if (!node) return undefined;
  if (!node.nodePoolId) return null;
  return pools?.find((p) => p.id === node.nodePoolId);
}

function unknownPoolGap(subject: Subject, pod: Pod): Localized {
  return {
    en: `${pod.clusterId}/${pod.id}: the node pool of ${subject.clusterId} it ${pod.clusterId === subject.clusterId ? 'runs on' : 'lands on'} is not known, and a node pool in exclusive ENI mode takes no portmap chain`,
    'zh-CN': `${pod.clusterId}/${pod.id}：无法确定它在 ${subject.clusterId} 中${pod.clusterId === subject.clusterId ? '所在' : '将落到'}的节点池，而独占 ENI 模式的节点池不支持 portmap 插件链`,
  };
}
