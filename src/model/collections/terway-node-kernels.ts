import {
  compareKernelVersions,
  EBPF_MIN_KERNEL,
  formatKernelVersion,
  parseKernelVersion,
  TERWAY_MIN_KERNEL,
} from '../kernel-version.js';
import type { Indexed } from '../snapshot-index.js';
import { terwayApplicability } from '../terway-applicability.js';
import type { CollectionDef, Localized, ModelItem } from '../types.js';
import type { Cluster, Node, NodePool } from '../../snapshot/types.js';
import { counterpartPool } from '../pool-pairing.js';

/** How many node names a gap lists before "and N more". */
const NAMES_IN_GAP = 5;

/**
 * The kernels Terway will run on: every node of the Terway cluster, and, for a Terway node pool that
 * has no nodes yet, the nodes of the paired Flannel source's pool of the same name (the new pool may
 * be created from the same OS image; the snapshot does not record a pool's image).
 */
export const terwayNodeKernels: CollectionDef = {
  name: 'terwayNodeKernels',
  description:
    'Kernel versions of the nodes of a Terway cluster, and, for its node pools without nodes yet, of the nodes of the Flannel source pool with the same name, against the kernel current Terway requires.',
  sections: ['clusters', 'nodes'],
  schema: {
    /** Cluster the node belongs to (the Flannel source for a stand-in node). */
    clusterId: 'string',
    /** The Terway cluster being judged. */
    targetClusterId: 'string',
    nodeId: 'string',
    nodeName: 'string',
    nodePoolId: 'string',
    nodePoolName: 'string',
    /** "target": a node of the Terway cluster; "source": a Flannel node standing in for a Terway pool without nodes. */
    role: 'string',
    /** For a stand-in: the Terway node pool (same name) it stands in for; "" otherwise. */
    forPoolName: 'string',
    osImage: 'string',
    kernelVersion: 'string',
    /** The minimum current terway-cli accepts, "5.10". */
    requiredKernel: 'string',
    /** The minimum of the IPvlan / DataPath V2 eBPF datapath, "4.19". */
    ebpfKernel: 'string',
    meetsTerway: 'bool',
    meetsEbpf: 'bool',
  },
  applicability: (subject) =>
    terwayApplicability(subject, (id, plugin) => ({
      en: `${id} runs ${plugin}: Terway does not run on its nodes`,
      'zh-CN': `${id} 使用 ${plugin}，其节点上不运行 Terway`,
    })),
  build(subject, index) {
    const cluster = subject.cluster!;
    const items: ModelItem[] = [];
    const unknown = new Map<string, { reason: (names: string) => Localized; names: string[] }>();
    const noteUnknown = (key: string, reason: (names: string) => Localized, name: string) =>
      (unknown.get(key) ?? unknown.set(key, { reason, names: [] }).get(key)!).names.push(name);

    const add = (node: Indexed<Node>, pools: readonly NodePool[] | undefined, standIn?: { pool: NodePool; source: Cluster }) => {
      const n = node.entity;
      const version = parseKernelVersion(n.kernelVersion);
      const label = `${n.name} (${n.id})`;
      if (!version) {
        const where: Localized = standIn
          ? {
              en: `nodes of ${n.clusterId} standing in for Terway node pool ${standIn.pool.name}, which has no nodes yet`,
              'zh-CN': `${n.clusterId} 的节点，代表尚无节点的 Terway 节点池 ${standIn.pool.name}`,
            }
          : { en: `nodes of ${n.clusterId}`, 'zh-CN': `${n.clusterId} 的节点` };
        if (n.kernelVersion === undefined || n.kernelVersion.trim() === '') {
          noteUnknown(`missing ${where.en}`, (names) => ({
            en: `no kernelVersion is recorded for ${names} (${where.en}), so whether Terway can run on them is unknown`,
            'zh-CN': `快照中没有 ${names}（${where['zh-CN']}）的 kernelVersion，无法判断 Terway 能否在其上运行`,
          }), label);
        } else {
          noteUnknown(`garbage ${where.en}`, (names) => ({
            en: `the kernelVersion of ${names} (${where.en}) is not a comparable version, so whether Terway can run on them is unknown`,
            'zh-CN': `${names}（${where['zh-CN']}）的 kernelVersion 不是可比较的版本号，无法判断 Terway 能否在其上运行`,
          }), `${label} "${n.kernelVersion}"`);
        }
        return;
      }
      const pool = pools?.find((p) => p.id === n.nodePoolId);
      items.push({
        fields: {
          clusterId: n.clusterId,
          targetClusterId: cluster.id,
          nodeId: n.id,
          nodeName: n.name,
          nodePoolId: n.nodePoolId ?? '',
          nodePoolName: pool?.name ?? '',
          role: standIn ? 'source' : 'target',
          forPoolName: standIn?.pool.name ?? '',
          osImage: n.osImage ?? '',
          kernelVersion: n.kernelVersion!.trim(),
          requiredKernel: formatKernelVersion(TERWAY_MIN_KERNEL),
          ebpfKernel: formatKernelVersion(EBPF_MIN_KERNEL),
          meetsTerway: compareKernelVersions(version, TERWAY_MIN_KERNEL) >= 0,
          meetsEbpf: compareKernelVersions(version, EBPF_MIN_KERNEL) >= 0,
        },
        target: { kind: 'node', id: n.id, name: n.name },
        location: { snapshotPointer: node.pointer },
      });
    };

    const targetNodes = index.nodesByCluster.get(cluster.id) ?? [];
    targetNodes.forEach((n) => add(n, cluster.nodePools));

    const gaps: Localized[] = [];
    if (!cluster.nodePools && targetNodes.length === 0) {
      gaps.push({
        en: `${cluster.id} has no nodes in the snapshot and its node pools are not in the snapshot, so the kernels Terway will run on are unknown`,
        'zh-CN': `快照中既没有 ${cluster.id} 的节点，也没有其节点池，无法得知 Terway 将运行在什么内核上`,
      });
    }
    // A Terway pool without nodes yet: its nodes will run whatever image it is created with. The
    // snapshot has no pool image, so the Flannel pool it replaces (same name) is the best evidence.
    const source = subject.source;
    const sourceNodes = source ? index.nodesByCluster.get(source.id) ?? [] : [];
    for (const pool of cluster.nodePools ?? []) {
      if (targetNodes.some((n) => n.entity.nodePoolId === pool.id)) continue;
      const sourcePool = counterpartPool(pool, cluster.nodePools, source?.nodePools);
      const standIns = sourcePool ? sourceNodes.filter((n) => n.entity.nodePoolId === sourcePool.id) : [];
      if (standIns.length > 0) {
        standIns.forEach((n) => add(n, source!.nodePools, { pool, source: source! }));
      } else if (pool.desiredSize > 0) {
        const counterpart = source
          ? { en: `, and ${source.id} has no node pool of the same name with nodes`, 'zh-CN': `，${source.id} 也没有同名且有节点的节点池` }
          : { en: '', 'zh-CN': '' };
        gaps.push({
          en: `node pool ${pool.name} (${pool.id}) of ${cluster.id} has no nodes in the snapshot yet${counterpart.en}, so the kernel its nodes will run is unknown`,
          'zh-CN': `快照中还没有 ${cluster.id} 的节点池 ${pool.name}（${pool.id}）的节点${counterpart['zh-CN']}，无法得知其节点将运行的内核版本`,
        });
      }
    }
    for (const { reason, names } of unknown.values()) {
      const shown = names.slice(0, NAMES_IN_GAP).join(', ');
      const more = names.length > NAMES_IN_GAP ? ` and ${names.length - NAMES_IN_GAP} more` : '';
      const moreZh = names.length > NAMES_IN_GAP ? ` 等 ${names.length} 个节点` : '';
      const en = reason(shown + more).en;
      const zh = reason(names.slice(0, NAMES_IN_GAP).join('、') + moreZh)['zh-CN'];
      gaps.push({ en, 'zh-CN': zh });
    }
    return { kind: 'items', items, gaps };
  },
};
