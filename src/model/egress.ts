/** Internet egress of a vSwitch through NAT gateway SNAT entries (reference §1.5 (2)). */
import type { SnatEntry, VSwitch } from '../snapshot/types.js';
import { cidrContains } from './cidr.js';

export interface SnatCoverage {
  snatEntryId: string;
  natGatewayId: string;
  snatIp: string;
  /** How the entry matches: by SourceVSwitchId, or by a SourceCIDR that contains the vSwitch CIDR. */
  matchedBy: 'vswitch' | 'cidr';
}

/**
 * The Available SNAT entries that give this vSwitch internet egress, sorted by entry id.
 * `vswitch.cidr` may be unknown (vSwitch not found): then only SourceVSwitchId can match.
 */
export function snatCoverage(vswitch: Pick<VSwitch, 'id'> & { cidr?: string }, entries: readonly SnatEntry[]): SnatCoverage[] {
  const out: SnatCoverage[] = [];
  for (const e of entries) {
    if (e.status !== 'Available') continue;
    let matchedBy: SnatCoverage['matchedBy'] | undefined;
    if (e.sourceVSwitchId && e.sourceVSwitchId === vswitch.id) matchedBy = 'vswitch';
    else if (!e.sourceVSwitchId && e.sourceCidr && vswitch.cidr && cidrContains(e.sourceCidr, vswitch.cidr)) matchedBy = 'cidr';
    if (matchedBy) out.push({ snatEntryId: e.id, natGatewayId: e.natGatewayId, snatIp: e.snatIp, matchedBy });
  }
  return out.sort((a, b) => (a.snatEntryId < b.snatEntryId ? -1 : a.snatEntryId > b.snatEntryId ? 1 : 0));
}
