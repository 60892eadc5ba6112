import type { Node, NodePool, Pod } from '../../snapshot/types.js';
import { formatHostPorts, hostPortUnderTerway, landingPoolOf, publishesHostPort } from '../hostport-portmap.js';
import { splitNamespacedId } from '../network-policy-enforcement.js';
import type { SnapshotIndex } from '../snapshot-index.js';
import type { Subject } from '../subjects.js';
import type { CollectionDef, CollectionResult, Localized, ModelItem } from '../types.js';

/**
 * Pods that publish a hostPort (not hostNetwork, not finished) in the Terway cluster and, for a
 * target, in the Flannel source whose workloads move to it: one item per pod, with whether the
 * target's eni-config chains portmap and the Terway mode of the node pool the pod runs on or lands on.
 *
 * A standalone Flannel cluster is judged as the cluster that will move to Terway (as the egress rules
 * judge it): its pods move to a Terway cluster not in the snapshot, whose configuration is unknown, so
 * they are judged against a default Terway installation, which chains no portmap plugin.
 */
export const hostPortPods: CollectionDef = {
  name: 'hostPortPods',
  description:
    'Pods publishing a hostPort in the Terway cluster and in the Flannel source that moves to it (or in a standalone Flannel cluster, judged against a default Terway installation), with the portmap chain of the target eni-config and the Terway mode of the node pool each pod lands on.',
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
    /** true for a pod of a Flannel cluster, which moves to the target (or, standalone, to a future Terway cluster). */
    moving: 'bool',
    /**
     * true for a pod of a standalone Flannel cluster: no Terway target in the snapshot, judged against a
     * default Terway installation (no portmap chain; portmapChain is false, pool and mode unknown).
     */
    standalone: 'bool',
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
  applicability({ cluster, role }) {
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
    // A standalone Flannel cluster is the cluster that will move to Terway.
    if (role === 'standalone') return { kind: 'applicable' };
    return {
      kind: 'not-applicable',
      reason: {
        en: `the target ${cluster!.id} runs ${cluster!.networkPlugin}, which serves hostPort itself`,
        'zh-CN': `目标集群 ${cluster!.id} 使用 ${cluster!.networkPlugin}，其自身支持 hostPort`,
      },
    };
  },
  build(subject, index, snapshot) {
    const cluster = subject.cluster!;
    const pointers = new Map<Pod, string>();
    (snapshot.pods ?? []).forEach((p, i) => pointers.set(p, `/pods/${i}`));
    if (cluster.networkPlugin === 'flannel' && !subject.sourceClusterId) return standaloneFlannel(subject, index, pointers);
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
    const gaps: Localized[] = [];
    const items: ModelItem[] = [];
    for (const { pod, moving } of candidates) {
      const podCluster = moving ? subject.source : cluster;
      const node = nodeOfPod(index, pod, nodesByName);
      const landing = landingPoolOf({ moving, nodePool: poolOfNode(node, podCluster?.nodePools), ownPools: podCluster?.nodePools, targetPools: cluster.nodePools });
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
          standalone: false,
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

/**
 * A standalone Flannel cluster: its hostPort pods move to a Terway cluster that is not in the
 * snapshot, judged against a default Terway installation (no portmap chain). Which pool they land on
 * is not known, and does not matter: without the chain no pool serves hostPort.
 */
function standaloneFlannel(subject: Subject, index: SnapshotIndex, pointers: Map<Pod, string>): CollectionResult {
  const nodesByName = new Map<string, Map<string, Node>>();
  const items: ModelItem[] = (index.podsByCluster.get(subject.clusterId) ?? []).filter(publishesHostPort).map((pod) => {
    const node = nodeOfPod(index, pod, nodesByName);
    const { namespace, name } = splitNamespacedId(pod.id);
    return {
      fields: {
        clusterId: subject.clusterId,
        podClusterId: pod.clusterId,
        id: pod.id,
        namespace,
        name,
        ownerKind: pod.ownerKind ?? '',
        moving: true,
        standalone: true,
        nodeName: pod.nodeName ?? '',
        nodeId: node?.id ?? '',
        hostPorts: formatHostPorts(pod.hostPorts),
        portmapChain: false,
        nodePoolName: '',
        nodePoolMode: '',
        exclusiveEni: false,
      },
      target: { kind: 'pod', id: `${pod.clusterId}/${pod.id}`, name: pod.id },
      location: { snapshotPointer: pointers.get(pod) ?? '' },
    };
  });
  return { kind: 'items', items, gaps: [] };
}

/** The node a pod runs on, by name in the pod's cluster; undefined when not scheduled or not in the snapshot. */
function nodeOfPod(index: SnapshotIndex, pod: Pod, cache: Map<string, Map<string, Node>>): Node | undefined {
  if (!pod.nodeName) return undefined;
  if (!cache.has(pod.clusterId)) {
    cache.set(pod.clusterId, new Map((index.nodesByCluster.get(pod.clusterId) ?? []).map((n) => [n.entity.name, n.entity])));
  }
  return cache.get(pod.clusterId)!.get(pod.nodeName);
}

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
