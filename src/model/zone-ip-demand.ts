/**
 * IPs the pods planned in a zone take from its pod vSwitches (reference §1.5 item 8): one per pod,
 * plus the primary IP of every ENI Terway creates for them there, plus a safety margin.
 */
import type { InstanceType } from '../snapshot/types.js';

/**
 * Default headroom above the computed need, in percent. Below the need the zone is an error; between
 * the need and the need plus this margin it is a warning. The margin absorbs what the estimate leaves
 * out: idle IPs Terway keeps in each node's pool (max_pool_size), surges during rolling updates, and
 * growth before the cutover. Configurable once the config file exists.
 */
export const HEADROOM_MARGIN_PERCENT = 20;

/** Pods a node will hold under Terway, and the IPs one ENI of its Terway instance type carries. */
export interface NodeIpDemand {
  pods: number;
  /** EniPrivateIpAddressQuantity of the instance type the pods will run on. */
  ipsPerEni: number;
}

export interface ZoneIpNeed {
  pods: number;
  enis: number;
  /** pods + enis */
  ips: number;
}

/**
 * Secondary ENIs a node needs for its pods in shared-ENI mode: pods / IPs per ENI, rounded up.
 * No pods need no ENI; pods with an unusable IPs-per-ENI figure are unknown (undefined).
 */
export function enisForPods(pods: number, ipsPerEni: number): number | undefined {
  if (pods <= 0) return 0;
  if (!(ipsPerEni > 0)) return undefined;
  return Math.ceil(pods / ipsPerEni);
}

/** The zone's need: every node's pods plus one primary IP per ENI, ENIs counted per node. */
export function zoneIpNeed(nodes: readonly NodeIpDemand[]): ZoneIpNeed | undefined {
  let pods = 0;
  let enis = 0;
  for (const n of nodes) {
    const e = enisForPods(n.pods, n.ipsPerEni);
    if (e === undefined) return undefined;
    pods += n.pods;
    enis += e;
  }
  return { pods, enis, ips: pods + enis };
}

/** The need with the margin on top, rounded up to a whole IP. */
export function withMargin(ips: number, percent: number = HEADROOM_MARGIN_PERCENT): number {
  return Math.ceil((ips * (100 + percent)) / 100);
}

/**
 * The IPs per ENI to plan with when the pods may land on any of several instance types: the smallest,
 * which gives the most ENIs (the conservative choice). Undefined for an empty list.
 */
export function smallestIpsPerEni(types: readonly Pick<InstanceType, 'eniPrivateIpAddressQuantity'>[]): number | undefined {
  if (types.length === 0) return undefined;
  return Math.min(...types.map((t) => t.eniPrivateIpAddressQuantity));
}
