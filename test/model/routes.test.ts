import { describe, expect, it } from 'vitest';
import { defaultRoutesOf, isDefaultRoute, isRouteInEffect, routeTableOf } from '../../src/model/routes.js';
import type { RouteEntry, RouteTable } from '../../src/snapshot/types.js';

const VPC_NATS = new Set(['ngw-a', 'ngw-b']);

function route(destinationCidr: string, nextHopType: string, nextHopId?: string, status?: string): RouteEntry {
  return { destinationCidr, nextHopType, ...(nextHopId ? { nextHopId } : {}), ...(status ? { status } : {}) };
}

describe('isDefaultRoute', () => {
  it.each<[string, boolean]>([
    ['0.0.0.0/0', true],
    [' 0.0.0.0/0 ', true],
    ['0.0.0.0/1', false],
    ['0.0.0.0', false],
    ['10.0.0.0/8', false],
    ['::/0', false],
    ['', false],
  ])('%j → %s', (cidr, want) => expect(isDefaultRoute(cidr)).toBe(want));
});

describe('isRouteInEffect', () => {
  it.each<[string | undefined, boolean]>([
    ['Available', true],
    [undefined, true],
    ['Pending', false],
    ['Modifying', false],
    ['Deleting', false],
  ])('status %s → %s', (status, want) => expect(isRouteInEffect(status === undefined ? {} : { status })).toBe(want));
});

describe('defaultRoutesOf', () => {
  it.each<{ name: string; entries: RouteEntry[]; nextHops: string[]; nat: string[] }>([
    { name: 'no entries', entries: [], nextHops: [], nat: [] },
    {
      name: 'a default route to a NAT gateway of the VPC',
      entries: [route('0.0.0.0/0', 'NatGateway', 'ngw-a', 'Available'), route('172.20.0.0/24', 'Instance', 'i-1')],
      nextHops: ['NatGateway ngw-a'],
      nat: ['ngw-a'],
    },
    {
      name: 'a default route without status counts',
      entries: [route('0.0.0.0/0', 'NatGateway', 'ngw-b')],
      nextHops: ['NatGateway ngw-b'],
      nat: ['ngw-b'],
    },
    {
      name: 'a Pending default route does not count',
      entries: [route('0.0.0.0/0', 'NatGateway', 'ngw-a', 'Pending')],
      nextHops: [],
      nat: [],
    },
    {
      name: 'a default route to a NAT gateway of another VPC is listed but is not a VPC NAT gateway',
      entries: [route('0.0.0.0/0', 'NatGateway', 'ngw-other')],
      nextHops: ['NatGateway ngw-other'],
      nat: [],
    },
    {
      name: 'a default route to an instance (self-built NAT) is not a NAT gateway',
      entries: [route('0.0.0.0/0', 'Instance', 'i-nat')],
      nextHops: ['Instance i-nat'],
      nat: [],
    },
    {
      name: 'a narrower route to a NAT gateway is not a default route',
      entries: [route('47.0.0.0/8', 'NatGateway', 'ngw-a')],
      nextHops: [],
      nat: [],
    },
    {
      name: 'ECMP: two default routes, both listed and sorted',
      entries: [route('0.0.0.0/0', 'NatGateway', 'ngw-b'), route('0.0.0.0/0', 'NatGateway', 'ngw-a')],
      nextHops: ['NatGateway ngw-a', 'NatGateway ngw-b'],
      nat: ['ngw-a', 'ngw-b'],
    },
    {
      name: 'a next hop without id prints its type',
      entries: [route('0.0.0.0/0', 'Ipv4Gateway')],
      nextHops: ['Ipv4Gateway'],
      nat: [],
    },
  ])('$name', ({ entries, nextHops, nat }) => {
    expect(defaultRoutesOf({ entries }, VPC_NATS)).toEqual({ nextHops, natGatewayIds: nat });
  });
});

describe('routeTableOf', () => {
  const table = (id: string, vswitchIds: string[]) => ({ entity: { id, vswitchIds } as Pick<RouteTable, 'id' | 'vswitchIds'> });
  const tables = [table('vtb-sys', ['vsw-a', 'vsw-b']), table('vtb-custom', ['vsw-c'])];

  it.each<{ name: string; vswitch: { id: string; routeTableId?: string }; want: unknown }>([
    { name: 'by the vSwitch route table id', vswitch: { id: 'vsw-c', routeTableId: 'vtb-custom' }, want: { kind: 'found', table: tables[1] } },
    {
      name: 'the vSwitch route table id wins over a table that lists it',
      vswitch: { id: 'vsw-a', routeTableId: 'vtb-custom' },
      want: { kind: 'found', table: tables[1] },
    },
    { name: 'by the table that lists the vSwitch', vswitch: { id: 'vsw-b' }, want: { kind: 'found', table: tables[0] } },
    { name: 'a named table that is not collected', vswitch: { id: 'vsw-a', routeTableId: 'vtb-gone' }, want: { kind: 'missing', routeTableId: 'vtb-gone' } },
    { name: 'no table at all', vswitch: { id: 'vsw-z' }, want: { kind: 'none' } },
  ])('$name', ({ vswitch, want }) => expect(routeTableOf(vswitch, tables)).toEqual(want));
});
