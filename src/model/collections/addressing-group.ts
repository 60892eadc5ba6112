import type { CollectionDef } from '../types.js';
import { eniConfigPodVSwitches } from './eni-config-pod-vswitches.js';
import { podVSwitchNodeUse } from './pod-vswitch-node-use.js';
import { podVSwitchServiceCidr } from './pod-vswitch-service-cidr.js';
import { terwayZones } from './terway-zones.js';
import { zonePodIpHeadroom } from './zone-pod-ip-headroom.js';

/** Collections for the addressing rules. Each collection lives in its own file; list it here. */
export const addressingCollections: CollectionDef[] = [
  zonePodIpHeadroom,
  terwayZones,
  eniConfigPodVSwitches,
  podVSwitchNodeUse,
  podVSwitchServiceCidr,
];
