import { describe, expect, it } from 'vitest';
import { snatCoverage } from '../../src/model/egress.js';
import type { SnatEntry } from '../../src/snapshot/types.js';

function entry(id: string, source: { vsw?: string; cidr?: string }, status = 'Available'): SnatEntry {
  const e: SnatEntry = {
    id,
    snatTableId: 'stb-1',
    natGatewayId: `ngw-${id}`,
    snatIp: '47.98.10.20',
    status,
  };
  if (source.vsw !== undefined) e.sourceVSwitchId = source.vsw;
  if (source.cidr !== undefined) e.sourceCidr = source.cidr;
  return e;
}

const POD_H2 = { id: 'vsw-podh2', cidr: '10.0.64.0/19' };

describe('snatCoverage', () => {
  it.each<{ name: string; vswitch: { id: string; cidr?: string }; entries: SnatEntry[]; want: [string, 'vswitch' | 'cidr'][] }>([
    {
      name: 'matches by SourceVSwitchId',
      vswitch: POD_H2,
      entries: [entry('snat-a', { vsw: 'vsw-podh2', cidr: '10.0.64.0/19' })],
      want: [['snat-a', 'vswitch']],
    },
    {
      name: 'matches by SourceVSwitchId even when its SourceCIDR does not contain the vSwitch',
      vswitch: POD_H2,
      entries: [entry('snat-a', { vsw: 'vsw-podh2', cidr: '192.168.0.0/24' })],
      want: [['snat-a', 'vswitch']],
    },
    {
      name: 'matches by a SourceCIDR equal to the vSwitch CIDR',
      vswitch: POD_H2,
      entries: [entry('snat-a', { cidr: '10.0.64.0/19' })],
      want: [['snat-a', 'cidr']],
    },
    {
      name: 'matches by a SourceCIDR that contains the vSwitch CIDR',
      vswitch: POD_H2,
      entries: [entry('snat-a', { cidr: '10.0.0.0/16' })],
      want: [['snat-a', 'cidr']],
    },
    {
      name: 'matches by 0.0.0.0/0',
      vswitch: POD_H2,
      entries: [entry('snat-a', { cidr: '0.0.0.0/0' })],
      want: [['snat-a', 'cidr']],
    },
    {
      name: 'a SourceCIDR that only overlaps (smaller, inside the vSwitch) does not match',
      vswitch: POD_H2,
      entries: [entry('snat-a', { cidr: '10.0.64.0/24' })],
      want: [],
    },
    {
      name: 'a SourceCIDR covering the upper half of the vSwitch only does not match',
      vswitch: POD_H2,
      entries: [entry('snat-a', { cidr: '10.0.80.0/20' })],
      want: [],
    },
    {
      name: 'matches by a SourceCIDR written with host bits set (normalised to its block)',
      vswitch: POD_H2,
      entries: [entry('snat-a', { cidr: '10.0.77.1/18' })],
      want: [['snat-a', 'cidr']],
    },
    {
      name: 'an adjacent SourceCIDR does not match',
      vswitch: POD_H2,
      entries: [entry('snat-a', { cidr: '10.0.96.0/19' })],
      want: [],
    },
    {
      name: 'an entry of another vSwitch whose CIDR contains ours does not match (it belongs to that vSwitch)',
      vswitch: POD_H2,
      entries: [entry('snat-a', { vsw: 'vsw-other', cidr: '10.0.0.0/16' })],
      want: [],
    },
    {
      name: 'entries that are not Available are ignored',
      vswitch: POD_H2,
      entries: [
        entry('snat-pending', { vsw: 'vsw-podh2' }, 'Pending'),
        entry('snat-deleting', { cidr: '10.0.0.0/8' }, 'Deleting'),
        entry('snat-lower', { vsw: 'vsw-podh2' }, 'available'),
        entry('snat-ok', { vsw: 'vsw-podh2' }),
      ],
      want: [['snat-ok', 'vswitch']],
    },
    {
      name: 'unknown vSwitch CIDR: only SourceVSwitchId can match',
      vswitch: { id: 'vsw-podh2' },
      entries: [entry('snat-cidr', { cidr: '0.0.0.0/0' }), entry('snat-vsw', { vsw: 'vsw-podh2' })],
      want: [['snat-vsw', 'vswitch']],
    },
    {
      name: 'unknown vSwitch CIDR and no SourceVSwitchId entry: nothing',
      vswitch: { id: 'vsw-podh2' },
      entries: [entry('snat-cidr', { cidr: '10.0.0.0/8' })],
      want: [],
    },
    {
      name: 'unparseable SourceCIDR never matches',
      vswitch: POD_H2,
      entries: [entry('snat-a', { cidr: 'garbage' }), entry('snat-b', { cidr: '::/0' })],
      want: [],
    },
    {
      name: 'an entry with neither source never matches',
      vswitch: POD_H2,
      entries: [entry('snat-a', {})],
      want: [],
    },
    {
      name: 'no entries',
      vswitch: POD_H2,
      entries: [],
      want: [],
    },
  ])('$name', ({ vswitch, entries, want }) => {
    const got = snatCoverage(vswitch, entries);
    expect(got.map((c) => [c.snatEntryId, c.matchedBy])).toEqual(want);
  });

  it('reports the gateway and SNAT IP of each matching entry', () => {
    const e: SnatEntry = {
      id: 'snat-1',
      snatTableId: 'stb-1',
      natGatewayId: 'ngw-bp1shop0001',
      sourceVSwitchId: 'vsw-podh2',
      sourceCidr: '10.0.64.0/19',
      snatIp: '47.98.10.21',
      status: 'Available',
    };
    expect(snatCoverage(POD_H2, [e])).toEqual([
      { snatEntryId: 'snat-1', natGatewayId: 'ngw-bp1shop0001', snatIp: '47.98.10.21', matchedBy: 'vswitch' },
    ]);
  });

  it('sorts by entry id, whatever the input order', () => {
    const entries = [
      entry('snat-c', { cidr: '10.0.0.0/8' }),
      entry('snat-a', { vsw: 'vsw-podh2' }),
      entry('snat-B', { cidr: '10.0.64.0/19' }),
      entry('snat-b', { vsw: 'vsw-podh2' }),
    ];
    const want = ['snat-B', 'snat-a', 'snat-b', 'snat-c'];
    expect(snatCoverage(POD_H2, entries).map((c) => c.snatEntryId)).toEqual(want);
    expect(snatCoverage(POD_H2, [...entries].reverse()).map((c) => c.snatEntryId)).toEqual(want);
    expect(snatCoverage(POD_H2, [entries[2]!, entries[0]!, entries[3]!, entries[1]!]).map((c) => c.snatEntryId)).toEqual(want);
  });

  it('does not mutate its input', () => {
    const entries = [entry('snat-b', { vsw: 'vsw-podh2' }), entry('snat-a', { vsw: 'vsw-podh2' })];
    const copy = structuredClone(entries);
    snatCoverage(POD_H2, entries);
    expect(entries).toEqual(copy);
  });
});
