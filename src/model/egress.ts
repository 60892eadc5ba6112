/** Internet egress of a vSwitch through NAT gateway SNAT entries (reference §1.5 (2)). */
import type { NatGateway, SnatEntry, VSwitch } from '../snapshot/types.js';
import { ipv4Contains, parseIpv4Cidr, type Ipv4Cidr } from './cidr.js';

export interface SnatCoverage {
  snatEntryId: string;
  natGatewayId: string;
  snatIp: string;
  /** How the entry matches: by SourceVSwitchId, or by a SourceCIDR that contains the vSwitch CIDR. */
  matchedBy: 'vswitch' | 'cidr';
}

/** Available SNAT entries, parsed once: by source vSwitch, and the CIDR-only ones with their CIDR. */
export interface SnatIndex {
  byVSwitch: Map<string, SnatEntry[]>;
  byCidr: { entry: SnatEntry; cidr: Ipv4Cidr }[];
}

export function indexSnatEntries(entries: readonly SnatEntry[]): SnatIndex {
  const index: SnatIndex = { byVSwitch: new Map(), byCidr: [] };
  for (const e of entries) {
    if (e.status !== 'Available') continue;
    if (e.sourceVSwitchId) {
      const list = index.byVSwitch.get(e.sourceVSwitchId);
      if (list) list.push(e);
      else index.byVSwitch.set(e.sourceVSwitchId, [e]);
    } else if (e.sourceCidr) {
      const cidr = parseIpv4Cidr(e.sourceCidr);
      if (cidr) index.byCidr.push({ entry: e, cidr });
    }
  }
  return index;
}

/**
 * The Available SNAT entries that give this vSwitch internet egress, sorted by entry id. An entry
 * with a SourceVSwitchId belongs to that vSwitch only; its SourceCIDR is that vSwitch's block.
 * `vswitch.cidr` may be unknown (vSwitch not found): then only SourceVSwitchId can match.
 */
export function snatCoverageIn(vswitch: Pick<VSwitch, 'id'> & { cidr?: string }, index: SnatIndex): SnatCoverage[] {
  const out: SnatCoverage[] = [];
  for (const e of index.byVSwitch.get(vswitch.id) ?? []) {
    out.push({ snatEntryId: e.id, natGatewayId: e.natGatewayId, snatIp: e.snatIp, matchedBy: 'vswitch' });
  }
  const inner = vswitch.cidr ? parseIpv4Cidr(vswitch.cidr) : undefined;
  if (inner) {
    for (const { entry: e, cidr } of index.byCidr) {
      if (ipv4Contains(cidr, inner)) out.push({ snatEntryId: e.id, natGatewayId: e.natGatewayId, snatIp: e.snatIp, matchedBy: 'cidr' });
    }
  }
  return out.sort((a, b) => (a.snatEntryId < b.snatEntryId ? -1 : a.snatEntryId > b.snatEntryId ? 1 : 0));
}

/** Convenience over snatCoverageIn for one-off questions. */
export function snatCoverage(vswitch: Pick<VSwitch, 'id'> & { cidr?: string }, entries: readonly SnatEntry[]): SnatCoverage[] {
  return snatCoverageIn(vswitch, indexSnatEntries(entries));
}

/** The NAT gateways of one VPC: only they can give its vSwitches egress. */
export function vpcNatGatewayIds(vpcId: string, natGateways: readonly NatGateway[]): Set<string> {
  return new Set(natGateways.filter((g) => g.vpcId === vpcId).map((g) => g.id));
}

/** The SNAT entries of one VPC's NAT gateways, indexed. */
export function vpcSnatIndex(vpcId: string, natGateways: readonly NatGateway[], snatEntries: readonly SnatEntry[]): SnatIndex {
  const gatewayIds = vpcNatGatewayIds(vpcId, natGateways);
  return indexSnatEntries(snatEntries.filter((e) => gatewayIds.has(e.natGatewayId)));
}
