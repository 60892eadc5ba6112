import { clusterZones, eniConfigZonePointer, missingEniConfigGap } from '../pod-vswitch-zones.js';
import type { CollectionDef, ModelItem } from '../types.js';
import { podVSwitches } from './pod-vswitches.js';

/**
 * Every zone of a Terway cluster (where it has nodes, or where one of its node pools has a vSwitch),
 * with the pod vSwitches kube-system/eni-config lists for that zone.
 */
export const terwayZones: CollectionDef = {
  name: 'terwayZones',
  description:
    'Zones of a Terway cluster (those of its nodes and of its node pool vSwitches), each with the pod vSwitches kube-system/eni-config lists for it and the node vSwitches Terway falls back to.',
  sections: ['clusters', 'nodes', 'vswitches', 'eniConfigs'],
  schema: {
    clusterId: 'string',
    zoneId: 'string',
    /** vSwitch ids eni-config lists under the zone (empty when the zone has no entry, or an empty one). */
    podVSwitchIds: 'list<string>',
    /** true when eni-config has a key for the zone, even with an empty list. */
    listedInEniConfig: 'bool',
    nodeCount: 'int',
    nodeNames: 'list<string>',
    /** Names of the node pools with a vSwitch in the zone. */
    nodePools: 'list<string>',
    /** The cluster's node vSwitches in the zone: where pods get their IPs when eni-config has none. */
    nodeVSwitchIds: 'list<string>',
  },
  applicability: (subject) => podVSwitches.applicability!(subject),
  build(subject, index) {
    const cluster = subject.cluster!;
    const eniConfig = index.eniConfigs.get(cluster.id);
    if (!eniConfig) return { kind: 'items', items: [], gaps: [missingEniConfigGap(cluster.id)] };
    const { zones, gaps } = clusterZones(cluster, index);
    const items: ModelItem[] = zones.map((z) => {
      const listed = Object.hasOwn(eniConfig.entity.vswitches, z.zoneId);
      return {
        fields: {
          clusterId: cluster.id,
          zoneId: z.zoneId,
          podVSwitchIds: listed ? [...new Set(eniConfig.entity.vswitches[z.zoneId])] : [],
          listedInEniConfig: listed,
          nodeCount: z.nodes.length,
          nodeNames: z.nodes.map((n) => n.entity.name).sort(),
          nodePools: z.nodePools.map((p) => p.pool.name).sort(),
          nodeVSwitchIds: z.nodeVSwitchIds,
        },
        target: { kind: 'zone', id: z.zoneId },
        location: { snapshotPointer: eniConfigZonePointer(eniConfig.pointer, eniConfig.entity, z.zoneId) },
      };
    });
    return { kind: 'items', items, gaps };
  },
};
