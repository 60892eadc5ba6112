import { isLoopbackOrUnspecifiedHostIp } from '../cidr.js';
import { clusterIdsOf } from '../subjects.js';
import type { CollectionDef, ModelItem } from '../types.js';

/**
 * Ports published on the subject's nodes by things that are not pods (compose files, node inventory).
 * A compose file not tied to a node applies to every node; a service on a node that is in no
 * cluster of the snapshot is shown under every subject rather than dropped.
 */
export const hostServices: CollectionDef = {
  name: 'hostServices',
  description: 'Host ports published on the nodes by containers or processes that Kubernetes does not manage.',
  sections: ['clusters', 'hostServices', 'nodes'],
  schema: {
    clusterId: 'string',
    id: 'string',
    source: 'string',
    service: 'string',
    hostIp: 'string',
    hostPort: 'int',
    protocol: 'string',
    /** true when the service is tied to a node (compose FILE@i-xxx or node inventory). */
    tied: 'bool',
    nodeId: 'string',
    nodeName: 'string',
    /** false when the node is in no cluster of the snapshot. */
    nodeKnown: 'bool',
    /** true when the node runs Terway today; false for a Flannel source node, whose services must move. */
    onTerwayNode: 'bool',
    /** Bound to 127.0.0.0/8 or ::1 only: no pod reaches it under any CNI. */
    loopbackOnly: 'bool',
    file: 'string',
    line: 'int',
  },
  build(subject, index, snapshot) {
    const clusterIds = new Set(clusterIdsOf(subject));
    const items: ModelItem[] = [];
    for (const { entity: s, pointer } of index.hostServices) {
      const node = s.nodeId ? index.nodesById.get(s.nodeId)?.entity : undefined;
      if (node && !clusterIds.has(node.clusterId)) continue;
      items.push({
        fields: {
          clusterId: subject.clusterId,
          id: s.id,
          source: s.source,
          service: s.service,
          hostIp: displayHostIp(s.hostIp),
          hostPort: s.hostPort,
          protocol: s.protocol,
          tied: s.nodeId !== undefined,
          nodeId: s.nodeId ?? '',
          nodeName: node?.name ?? '',
          nodeKnown: node !== undefined,
          onTerwayNode: node !== undefined && index.clusters.get(node.clusterId)?.entity.networkPlugin === 'terway',
          loopbackOnly: isLoopbackOrUnspecifiedHostIp(s.hostIp) === 'loopback',
          file: s.file ?? '',
          line: s.line ?? 0,
        },
        target: { kind: 'host-service', id: s.id, name: `${s.service} ${s.hostPort}/${s.protocol}` },
        location: s.file ? { file: s.file, line: s.line ?? 1, snapshotPointer: pointer } : { snapshotPointer: pointer },
      });
    }
    // Nodes that could not be inspected: what they publish is unknown; every other node is judged.
    const gaps = snapshot.errors
      .filter((e) => e.section === 'hostServices' && e.nodeId !== undefined)
      .filter((e) => {
        const clusterId = e.clusterId ?? index.nodesById.get(e.nodeId!)?.entity.clusterId;
        return clusterId === undefined || clusterIds.has(clusterId);
      })
      .map((e) => {
        const name = index.nodesById.get(e.nodeId!)?.entity.name;
        const node = name ? `${name} (${e.nodeId})` : e.nodeId!;
        const what = `${e.source} ${e.kind}${e.code ? ` ${e.code}` : ''}`;
        const detail = e.message.replace(/^node i-[\w-]+: /, '').replace(/;? ?not inspected$/, '');
        return {
          en: `node ${node} was not inspected (${what}: ${detail}), so the ports it publishes outside Kubernetes are unknown`,
          'zh-CN': `节点 ${node} 未能巡检（${what}：${detail}），无法得知其在 Kubernetes 之外发布的端口`,
        };
      });
    return { kind: 'items', items, gaps };
  },
};

/** The address as it prints before ":port": all interfaces as 0.0.0.0, IPv6 in brackets. */
function displayHostIp(ip: string): string {
  const a = ip.trim();
  if (a === '') return '0.0.0.0';
  return a.includes(':') && !a.startsWith('[') ? `[${a}]` : a;
}
