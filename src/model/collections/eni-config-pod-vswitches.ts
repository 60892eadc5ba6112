import type { EniConfig, VSwitch } from '../../snapshot/types.js';
import { eniConfigZonePointer, missingEniConfigGap, vswitchInVpc, zonePodVSwitches } from '../pod-vswitch-zones.js';
import { eniConfigsOf } from '../eni-configs.js';
import type { Indexed, SnapshotIndex } from '../snapshot-index.js';
import type { Subject } from '../subjects.js';
import type { CollectionDef, CollectionResult, ModelItem } from '../types.js';
import { podVSwitches } from './pod-vswitches.js';

/** A vSwitch kube-system/eni-config lists, as the placement collections see it. */
export interface ListedPodVSwitch {
  id: string;
  /** Zones of eni-config that list it, sorted. */
  listedZones: string[];
  /** The vSwitch, when it is among the snapshot's vSwitches of the cluster's VPC. */
  vswitch: VSwitch | undefined;
  /** Listed zones it is not in: all of them when it is not found. */
  wrongZones: string[];
  /** The configs that list it, each with the zones it lists it under. */
  configs: { config: Indexed<EniConfig>; zones: string[] }[];
}

/**
 * The vSwitches of a cluster's configs (eni-config, then its dynamic configs), sorted by id, each
 * with the zones that list it in any of them and the first config that lists it.
 */
export function listedPodVSwitches(
  configs: readonly Indexed<EniConfig>[],
): Map<string, { zones: string[]; config: Indexed<EniConfig>; by: { config: Indexed<EniConfig>; zones: string[] }[] }> {
  const byId = new Map<string, { zones: string[]; config: Indexed<EniConfig>; by: { config: Indexed<EniConfig>; zones: string[] }[] }>();
  for (const config of configs) {
    for (const zoneId of Object.keys(config.entity.vswitches).sort()) {
      for (const id of config.entity.vswitches[zoneId]!) {
        const listed = byId.get(id) ?? byId.set(id, { zones: [], config, by: [] }).get(id)!;
        if (!listed.zones.includes(zoneId)) listed.zones.push(zoneId);
        const mine = listed.by.find((b) => b.config === config) ?? (listed.by.push({ config, zones: [] }), listed.by.at(-1)!);
        if (!mine.zones.includes(zoneId)) mine.zones.push(zoneId);
      }
    }
  }
  for (const listed of byId.values()) listed.zones.sort();
  return new Map([...byId].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * Builds one item per vSwitch listed in the subject cluster's eni-config or one of its dynamic
 * configs, with the fields `extra` adds; shared by the pod-vSwitch placement collections. No
 * eni-config: no items, and the gap says so.
 */
export function buildListedPodVSwitchItems(
  subject: Subject,
  index: SnapshotIndex,
  extra: (listed: ListedPodVSwitch) => Record<string, unknown> | undefined,
): CollectionResult {
  const cluster = subject.cluster!;
  const configs = eniConfigsOf(cluster.id, index);
  if (configs.length === 0) return { kind: 'items', items: [], gaps: [missingEniConfigGap(cluster.id)] };
  const items: ModelItem[] = [];
  for (const [id, { zones: listedZones, config, by }] of listedPodVSwitches(configs)) {
    const v = vswitchInVpc(id, cluster.vpcId, index.vswitches)?.entity;
    const wrongZones = v ? listedZones.filter((z) => z !== v.zoneId) : listedZones;
    const fields = extra({ id, listedZones, vswitch: v, wrongZones, configs: by });
    // Point at the list of a config that names it under the zone the finding is about.
    const zone = wrongZones[0] ?? listedZones[0]!;
    const pointAt = by.find((b) => b.zones.includes(zone))?.config ?? config;
    if (!fields) continue;
    items.push({
      fields: {
        clusterId: cluster.id,
        id,
        name: v?.name ?? '',
        found: v !== undefined,
        zoneId: v?.zoneId ?? '',
        cidr: v?.cidr ?? '',
        availableIpCount: v?.availableIpCount ?? 0,
        listedZones,
        ...fields,
      },
      target: { kind: 'vswitch', id, ...(v?.name ? { name: v.name } : {}) },
      location: { snapshotPointer: eniConfigZonePointer(pointAt.pointer, pointAt.entity, zone) },
    });
  }
  return { kind: 'items', items, gaps: [] };
}

export const listedPodVSwitchSchema = {
  clusterId: 'string',
  id: 'string',
  name: 'string',
  /** false when the vSwitch is not among the snapshot's vSwitches of the cluster's VPC. */
  found: 'bool',
  /** The zone the vSwitch is really in ("" when not found). */
  zoneId: 'string',
  cidr: 'string',
  availableIpCount: 'int',
  /** Zones kube-system/eni-config lists it under. */
  listedZones: 'list<string>',
} as const;

/**
 * Each vSwitch kube-system/eni-config of a Terway cluster (or one of its dynamic configs) lists: the
 * zones it is listed under against the zone it is in (Terway only uses a listed vSwitch for nodes of
 * its own zone: terway pkg/vswitch/vswitch.go GetOne).
 */
export const eniConfigPodVSwitches: CollectionDef = {
  name: 'eniConfigPodVSwitches',
  description:
    'Pod vSwitches listed in kube-system/eni-config (and the per-node terway-config ConfigMaps) of a Terway cluster, each with the zones it is listed under and the zone it is really in.',
  sections: ['clusters', 'vswitches', 'eniConfigs'],
  schema: {
    ...listedPodVSwitchSchema,
    /** Listed zones the vSwitch is not in (every listed zone when it is not found). */
    wrongZones: 'list<string>',
    /** Wrong zones where a config listing it there lists no other usable pod vSwitch: pods there get no IP at all. */
    strandedZones: 'list<string>',
    /** The configs that list it under a wrong zone (all that list it when none does), e.g. kube-system/eni-config. */
    configIds: 'list<string>',
    /** How messages name those configs: "eni-config" when it is eni-config alone, else their ids. */
    configLabel: 'string',
  },
  applicability: (subject) => podVSwitches.applicability!(subject),
  build(subject, index) {
    const cluster = subject.cluster!;
    return buildListedPodVSwitchItems(subject, index, ({ wrongZones, configs }) => {
      // Each config is judged on its own: nodes running it see only its lists.
      const wrongBy = configs.filter((c) => c.zones.some((z) => wrongZones.includes(z)));
      const strandedZones = wrongZones.filter((z) =>
        wrongBy.some((c) => c.zones.includes(z) && zonePodVSwitches(c.config.entity, z, cluster.vpcId, index.vswitches).usable.length === 0),
      );
      const configIds = (wrongBy.length > 0 ? wrongBy : configs).map((c) => c.config.entity.id);
      const configLabel = configIds.length === 1 && configIds[0] === 'kube-system/eni-config' ? 'eni-config' : configIds.join(', ');
      return { wrongZones, strandedZones, configIds, configLabel };
    });
  },
};
