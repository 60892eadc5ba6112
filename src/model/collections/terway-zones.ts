import type { EniConfig } from '../../snapshot/types.js';
import { clusterConfigs } from '../eni-configs.js';
import { clusterZones, eniConfigZonePointer, missingEniConfigGap } from '../pod-vswitch-zones.js';
import type { Indexed } from '../snapshot-index.js';
import type { CollectionDef, ModelItem } from '../types.js';
import { podVSwitches } from './pod-vswitches.js';

/**
 * Every zone of a Terway cluster (where it has nodes, or where one of its node pools has a vSwitch),
 * with the pod vSwitches the config its nodes run with lists for that zone: kube-system/eni-config,
 * or for nodes labelled terway-config=<name> (and node pools that give their nodes that label, or
 * whose nodes all carry it) that dynamic config, judged in an item of its own.
 */
export const terwayZones: CollectionDef = {
  name: 'terwayZones',
  description:
    'Zones of a Terway cluster (those of its nodes and of its node pool vSwitches), each with the pod vSwitches the config its nodes run with (kube-system/eni-config, or a per-node terway-config ConfigMap) lists for it and the node vSwitches Terway falls back to.',
  sections: ['clusters', 'nodes', 'vswitches', 'eniConfigs'],
  schema: {
    clusterId: 'string',
    zoneId: 'string',
    /** The config judged: kube-system/eni-config, or kube-system/<name> for nodes labelled terway-config=<name>. */
    configId: 'string',
    /** vSwitch ids that config lists under the zone (empty when the zone has no entry, or an empty one). */
    podVSwitchIds: 'list<string>',
    /** true when the config has a key for the zone, even with an empty list. */
    listedInEniConfig: 'bool',
    nodeCount: 'int',
    nodeNames: 'list<string>',
    /** Names of the node pools with a vSwitch in the zone. */
    nodePools: 'list<string>',
    /** The cluster's node vSwitches in the zone: where pods get their IPs when the config has none. */
    nodeVSwitchIds: 'list<string>',
  },
  applicability: (subject) => podVSwitches.applicability!(subject),
  build(subject, index) {
    const cluster = subject.cluster!;
    const configs = clusterConfigs(cluster, index);
    if (!configs) return { kind: 'items', items: [], gaps: [missingEniConfigGap(cluster.id)] };

    const { zones, gaps } = clusterZones(cluster, index);
    const items: ModelItem[] = [];
    for (const config of configs.all) {
      for (const z of zones) {
        const zoneNodes = z.nodes.filter((n) => configs.ofLabel(n.entity.terwayConfig) === config);
        const zonePools = z.nodePools.filter((p) => configs.ofPool(p.pool) === config);
        // Every zone has a node or a pool; one whose all run another config is not this config's.
        if (zoneNodes.length === 0 && zonePools.length === 0) continue;
        items.push(zoneItem(cluster.id, config, z.zoneId, zoneNodes.map((n) => n.entity.name), zonePools.map((p) => p.pool.name), z.nodeVSwitchIds));
      }
    }
    return { kind: 'items', items, gaps };
  },
};

function zoneItem(clusterId: string, config: Indexed<EniConfig>, zoneId: string, nodeNames: string[], nodePools: string[], nodeVSwitchIds: string[]): ModelItem {
  const listed = Object.hasOwn(config.entity.vswitches, zoneId);
  const name = config.entity.terwayConfig;
  return {
    fields: {
      clusterId,
      zoneId,
      configId: config.entity.id,
      podVSwitchIds: listed ? [...new Set(config.entity.vswitches[zoneId])] : [],
      listedInEniConfig: listed,
      nodeCount: nodeNames.length,
      nodeNames: [...nodeNames].sort(),
      nodePools: [...nodePools].sort(),
      nodeVSwitchIds,
    },
    target: name === undefined ? { kind: 'zone', id: zoneId } : { kind: 'zone', id: `${zoneId}/${name}`, name: `${zoneId} (terway-config ${name})` },
    location: { snapshotPointer: eniConfigZonePointer(config.pointer, config.entity, zoneId) },
  };
}
