/**
 * Terway pod capacity of an instance type, per IP mode (reference §1.2, Terway pkg/aliyun/client/limit.go).
 */
import type { InstanceType, TerwayMode } from '../snapshot/types.js';

/** ACK: a node must allow more than this many pods to join a Terway cluster. */
export const MIN_PODS_TO_JOIN = 11;
/** Terway docs: exclusive-ENI nodes need more than this many ENIs. */
export const MIN_ENIS_EXCLUSIVE = 6;
/** IPs per /28 prefix in IPv4 prefix-delegation mode. */
const IPS_PER_PREFIX = 16;

type EniLimits = Pick<InstanceType, 'eniQuantity' | 'eniPrivateIpAddressQuantity' | 'eniTotalQuantity' | 'eniTrunkSupported'>;

/** Shared ENI (ENIIP): (EniQuantity − 1) × EniPrivateIpAddressQuantity. */
export function sharedEniMaxPods(t: EniLimits): number {
  return Math.max(0, t.eniQuantity - 1) * t.eniPrivateIpAddressQuantity;
}

/** Exclusive ENI: EniQuantity − 1. */
export function exclusiveEniMaxPods(t: EniLimits): number {
  return Math.max(0, t.eniQuantity - 1);
}

/** Trunk member-ENI pods, counted in addition to shared-ENI pods: EniTotalQuantity − EniQuantity. */
export function trunkMemberPods(t: EniLimits): number {
  return t.eniTrunkSupported ? Math.max(0, t.eniTotalQuantity - t.eniQuantity) : 0;
}

/** IPv4 prefix delegation: (EniPrivateIpAddressQuantity − 1) × 16 × (EniTotalQuantity − 1). */
export function prefixMaxPods(t: EniLimits): number {
  return Math.max(0, t.eniPrivateIpAddressQuantity - 1) * IPS_PER_PREFIX * Math.max(0, t.eniTotalQuantity - 1);
}

export function maxPods(t: EniLimits, mode: TerwayMode): number {
  switch (mode) {
    case 'shared':
      return sharedEniMaxPods(t);
    case 'exclusive':
      return exclusiveEniMaxPods(t);
    case 'trunk':
      return sharedEniMaxPods(t) + trunkMemberPods(t);
    case 'prefix':
      return prefixMaxPods(t);
  }
}

/**
 * Whether a node of this type can join a Terway cluster in this mode: more than 11 pods in the
 * shared-ENI based modes (trunk needs shared ENIs underneath), more than 6 ENIs for exclusive ENI.
 */
export function canJoin(t: EniLimits, mode: TerwayMode): boolean {
  switch (mode) {
    case 'exclusive':
      return t.eniQuantity > MIN_ENIS_EXCLUSIVE;
    case 'prefix':
      return prefixMaxPods(t) > MIN_PODS_TO_JOIN;
    default:
      return sharedEniMaxPods(t) > MIN_PODS_TO_JOIN;
  }
}

/** The arithmetic behind maxPods, for messages: e.g. "(4 - 1) x 15 = 45". */
export function capacityFormula(t: EniLimits, mode: TerwayMode): string {
  const shared = `(${t.eniQuantity} - 1) x ${t.eniPrivateIpAddressQuantity}`;
  switch (mode) {
    case 'shared':
      return `${shared} = ${sharedEniMaxPods(t)}`;
    case 'exclusive':
      return `${t.eniQuantity} - 1 = ${exclusiveEniMaxPods(t)}`;
    case 'trunk':
      return t.eniTrunkSupported
        ? `${shared} + (${t.eniTotalQuantity} - ${t.eniQuantity}) trunk = ${maxPods(t, 'trunk')}`
        : `${shared} + 0 trunk = ${maxPods(t, 'trunk')}`;
    case 'prefix':
      return `(${t.eniPrivateIpAddressQuantity} - 1) x ${IPS_PER_PREFIX} x (${t.eniTotalQuantity} - 1) = ${prefixMaxPods(t)}`;
  }
}
