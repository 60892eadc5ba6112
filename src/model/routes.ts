/**
 * VPC route tables as the egress rules read them: which table a vSwitch uses, and where its default
 * route (0.0.0.0/0) leads. Reference §2.2 (DescribeRouteTableList, DescribeRouteEntryList) and §6.
 */
import type { RouteEntry, RouteTable, VSwitch } from '../snapshot/types.js';
import { parseIpv4Cidr } from './cidr.js';

/**
 * A route entry is in effect when its status is Available. The snapshot may leave `status` out (the
 * field is optional); such an entry is taken as in effect, since DescribeRouteEntryList lists the
 * table's entries and the collector would have no other status to record.
 */
export function isRouteInEffect(entry: Pick<RouteEntry, 'status'>): boolean {
  return entry.status === undefined || entry.status === 'Available';
}

/** True for the IPv4 default route: a destination with prefix length 0 (0.0.0.0/0). */
export function isDefaultRoute(destinationCidr: string): boolean {
  return parseIpv4Cidr(destinationCidr)?.prefix === 0;
}

export interface DefaultRoutes {
  /** Every in-effect 0.0.0.0/0 entry as "NextHopType next-hop-id", sorted. */
  nextHops: string[];
  /** The NAT gateways, among `natGatewayIds`, that an in-effect 0.0.0.0/0 entry sends traffic to, sorted. */
  natGatewayIds: string[];
}

/**
 * Where a table sends internet-bound traffic. Only next hops of type NatGateway that name one of
 * `natGatewayIds` (the NAT gateways of the table's VPC) count as NAT gateways.
 */
export function defaultRoutesOf(table: Pick<RouteTable, 'entries'>, natGatewayIds: ReadonlySet<string>): DefaultRoutes {
  const nextHops = new Set<string>();
  const nat = new Set<string>();
  for (const e of table.entries) {
    if (!isDefaultRoute(e.destinationCidr) || !isRouteInEffect(e)) continue;
    nextHops.add(e.nextHopId ? `${e.nextHopType} ${e.nextHopId}` : e.nextHopType);
    if (e.nextHopType === 'NatGateway' && e.nextHopId && natGatewayIds.has(e.nextHopId)) nat.add(e.nextHopId);
  }
  return { nextHops: [...nextHops].sort(), natGatewayIds: [...nat].sort() };
}

export type RouteTableOf<T> =
  | { kind: 'found'; table: T }
  /** The vSwitch names a route table that is not among `tables`. */
  | { kind: 'missing'; routeTableId: string }
  /** The vSwitch names no route table and no table lists it. */
  | { kind: 'none' };

/**
 * The route table a vSwitch is associated with: the one its RouteTable.RouteTableId names, else the
 * one whose VSwitchIds list it. `tables` should be the tables of the vSwitch's VPC.
 */
export function routeTableOf<T extends { entity: Pick<RouteTable, 'id' | 'vswitchIds'> }>(
  vswitch: Pick<VSwitch, 'id' | 'routeTableId'>,
  tables: readonly T[],
): RouteTableOf<T> {
  if (vswitch.routeTableId) {
    const table = tables.find((t) => t.entity.id === vswitch.routeTableId);
    return table ? { kind: 'found', table } : { kind: 'missing', routeTableId: vswitch.routeTableId };
  }
  const table = tables.find((t) => t.entity.vswitchIds.includes(vswitch.id));
  return table ? { kind: 'found', table } : { kind: 'none' };
}
