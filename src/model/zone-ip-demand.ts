/**
 * IPs the pods planned in a zone take from its pod vSwitches (reference §1.5 item 8): one per pod,
 * plus the primary IP of every ENI Terway creates for them there, plus a safety margin.
 */
import type { InstanceType, Pod } from '../snapshot/types.js';
import { needsPodIp } from './workloads.js';

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

/** The margin alone: what withMargin adds on top of `ips`. */
export function marginOf(ips: number, percent: number = HEADROOM_MARGIN_PERCENT): number {
  return withMargin(ips, percent) - ips;
}

/** Where the pods of one cluster that need an IP are, against the nodes the snapshot has for it. */
export interface PodPlacement {
  /** Pods needing an IP per node name, for nodes in the snapshot. */
  perNode: Map<string, number>;
  /** Pods needing an IP that are not bound to a node yet (no nodeName, e.g. Pending): no zone decided. */
  unbound: number;
  /** Pods needing an IP bound to a node that is not in the snapshot: their zone is unknown. */
  offSnapshot: { pods: number; nodeNames: string[] };
}

/**
 * Sorts a cluster's pods that need an IP (workloads.ts needsPodIp) by where they are: on a node of
 * the snapshot, on no node yet, or on a node the snapshot does not have. Nothing is dropped silently.
 */
export function placePods(pods: readonly Pick<Pod, 'nodeName' | 'hostNetwork' | 'phase'>[], nodeNames: Iterable<string>): PodPlacement {
  const known = new Set(nodeNames);
  const perNode = new Map<string, number>();
  const offNodes = new Set<string>();
  let unbound = 0;
  let offPods = 0;
  for (const p of pods) {
    if (!needsPodIp(p)) continue;
    if (!p.nodeName) unbound++;
    else if (known.has(p.nodeName)) perNode.set(p.nodeName, (perNode.get(p.nodeName) ?? 0) + 1);
    else {
      offPods++;
      offNodes.add(p.nodeName);
    }
  }
  return { perNode, unbound, offSnapshot: { pods: offPods, nodeNames: [...offNodes].sort() } };
}

/** What a zone's free pod IPs are measured against. */
export interface ZoneHeadroomNeed {
  /** Pods that will take a new IP in the zone. */
  plannedPods: number;
  /** ENIs Terway creates for them (one primary IP each). */
  enis: number;
  /** plannedPods + enis: IPs still to be taken from the zone's free IPs. */
  neededIps: number;
  /** IPs the zone's pods already hold (and their ENIs): counted out of the free IPs already. */
  heldIps: number;
  /** The margin over everything the zone's pods take, held or needed. */
  marginIps: number;
  /** neededIps + marginIps */
  neededWithMargin: number;
}

/**
 * The need of a zone. `bound` are the pods bound to nodes of the zone, `unbound` the pods bound to
 * no node yet that may land there. When the pods move in (`incoming`: a Flannel source's pods moving
 * to its Terway target) every one of them needs a new IP. Otherwise (a Terway cluster on its own) the
 * bound pods already hold theirs, which AvailableIpAddressCount no longer counts: only the unbound
 * pods need new IPs, and the bound ones count toward the margin alone.
 */
export function zoneHeadroomNeed(
  incoming: boolean,
  bound: ZoneIpNeed,
  unbound: ZoneIpNeed,
  percent: number = HEADROOM_MARGIN_PERCENT,
): ZoneHeadroomNeed {
  const planned = incoming ? { pods: bound.pods + unbound.pods, enis: bound.enis + unbound.enis } : { pods: unbound.pods, enis: unbound.enis };
  const neededIps = planned.pods + planned.enis;
  const heldIps = incoming ? 0 : bound.ips;
  const marginIps = marginOf(neededIps + heldIps, percent);
  return { plannedPods: planned.pods, enis: planned.enis, neededIps, heldIps, marginIps, neededWithMargin: neededIps + marginIps };
}

/**
 * The IPs per ENI to plan with when the pods may land on any of several instance types: the smallest,
 * which gives the most ENIs (the conservative choice). Undefined for an empty list.
 */
export function smallestIpsPerEni(types: readonly Pick<InstanceType, 'eniPrivateIpAddressQuantity'>[]): number | undefined {
  if (types.length === 0) return undefined;
  return Math.min(...types.map((t) => t.eniPrivateIpAddressQuantity));
}
