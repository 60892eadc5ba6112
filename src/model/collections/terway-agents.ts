import { terwayApplicability } from '../terway-applicability.js';
import type { CollectionDef } from '../types.js';

/** Terway's node agent DaemonSets in kube-system, newest name first (reference §1.4). */
export const TERWAY_AGENT_DAEMONSETS = ['kube-system/terway-eniip', 'kube-system/terway-eni', 'kube-system/terway'] as const;

/**
 * The Terway agent of a Terway cluster that has nodes: the DaemonSet that runs it on every node, and
 * how many of its pods are ready. A pod scheduled on a node whose agent is not ready gets no IP.
 */
export const terwayAgents: CollectionDef = {
  name: 'terwayAgents',
  description:
    'The Terway agent DaemonSet (terway-eniip, or the older terway-eni / terway) of a Terway cluster with nodes, with the nodes it should run on and how many of its pods are ready.',
  sections: ['clusters', 'nodes', 'daemonSets'],
  schema: {
    clusterId: 'string',
    /** The DaemonSet found, e.g. kube-system/terway-eniip; "" when none of the names is in kube-system. */
    id: 'string',
    found: 'bool',
    /** Nodes of the cluster in the snapshot. */
    nodeCount: 'int',
    desiredNumberScheduled: 'int',
    numberReady: 'int',
    /** desiredNumberScheduled − numberReady, at least 0. */
    notReady: 'int',
    images: 'list<string>',
  },
  applicability: (subject) =>
    terwayApplicability(subject, (id, plugin) => ({
      en: `${id} runs ${plugin}: it has no Terway agent`,
      'zh-CN': `${id} 使用 ${plugin}，没有 Terway 组件`,
    })),
  build(subject, index) {
    const cluster = subject.cluster!;
    const nodes = index.nodesByCluster.get(cluster.id) ?? [];
    if (nodes.length === 0) {
      return {
        kind: 'not-applicable',
        reason: {
          en: `${cluster.id} has no nodes yet, so no Terway agent runs to be checked`,
          'zh-CN': `${cluster.id} 还没有节点，没有可检查的 Terway 组件`,
        },
      };
    }
    const daemonSets = index.daemonSetsByCluster.get(cluster.id) ?? [];
    const agent = TERWAY_AGENT_DAEMONSETS.map((id) => daemonSets.find((d) => d.entity.id === id)).find((d) => d !== undefined);
    if (agent && agent.entity.observed === false) {
      return {
        kind: 'items',
        items: [],
        gaps: [
          {
            en: `${agent.entity.id} of ${cluster.id} has no status for its current spec yet (its controller has not caught up), so how many agents are ready is unknown`,
            'zh-CN': `${cluster.id} 的 ${agent.entity.id} 尚未针对当前配置上报状态（其控制器尚未同步），无法得知有多少组件就绪`,
          },
        ],
      };
    }
    const desired = agent?.entity.desiredNumberScheduled ?? 0;
    const ready = agent?.entity.numberReady ?? 0;
    return {
      kind: 'items',
      items: [
        {
          fields: {
            clusterId: cluster.id,
            id: agent?.entity.id ?? '',
            found: agent !== undefined,
            nodeCount: nodes.length,
            desiredNumberScheduled: desired,
            numberReady: ready,
            notReady: Math.max(0, desired - ready),
            images: agent ? [...agent.entity.images] : [],
          },
          target: { kind: 'daemonset', id: agent?.entity.id ?? TERWAY_AGENT_DAEMONSETS[0] },
          location: { snapshotPointer: agent?.pointer ?? index.clusters.get(cluster.id)?.pointer },
        },
      ],
      gaps: [],
    };
  },
};
