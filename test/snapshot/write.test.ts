import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSnapshot } from '../../src/snapshot/read.js';
import { SECTION_NAMES, type CollectionError, type Node, type Snapshot } from '../../src/snapshot/types.js';
import { normalizeSnapshot, serializeSnapshot } from '../../src/snapshot/write.js';

const fixtureText = (name: string) => readFileSync(new URL(`../../fixtures/snapshots/${name}.json`, import.meta.url), 'utf8');

function base(): Snapshot {
  return {
    schemaVersion: 1,
    meta: { toolVersion: '0.1.0', collectedAt: '2026-11-20T08:30:00Z', region: 'cn-hangzhou', scope: [{ clusterId: 'c-a', role: 'standalone' }] },
    errors: [],
  };
}

function node(clusterId: string, id: string): Node {
  return { id, clusterId, name: `${clusterId}-${id}`, zoneId: 'cn-hangzhou-h', instanceType: 'ecs.g7.xlarge', privateIp: '10.0.0.1' };
}

function vsw(id: string) {
  return { id, vpcId: 'vpc-1', zoneId: 'cn-hangzhou-h', cidr: '10.0.0.0/24', availableIpCount: 10 };
}

/** Deterministic Fisher–Yates shuffle (mulberry32), so failures reproduce. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  let a = seed >>> 0;
  const rand = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function shuffleSections(s: Snapshot, seed: number): Snapshot {
  const out: Record<string, unknown> = { ...s };
  for (const name of SECTION_NAMES) {
    const section = s[name] as unknown[] | undefined;
    if (section) out[name] = shuffled(section, seed + name.length);
  }
  out.errors = shuffled(s.errors, seed);
  return out as unknown as Snapshot;
}

/**
 * Makes (clusterId, id) unique by suffixing repeats. The example fixtures repeat pod ids within a
 * cluster (reported: scripts/build-example-fixtures.mjs keys pods by the node's last octet only), and
 * entities that tie on (clusterId, id) keep their input order.
 */
function withUniqueIds(s: Snapshot): Snapshot {
  const out: Record<string, unknown> = { ...s };
  for (const name of SECTION_NAMES) {
    const section = s[name] as { clusterId?: string; id: string }[] | undefined;
    if (!section) continue;
    const seen = new Map<string, number>();
    out[name] = section.map((e) => {
      const key = `${e.clusterId ?? ''}\0${e.id}`;
      const n = seen.get(key) ?? 0;
      seen.set(key, n + 1);
      return n === 0 ? e : { ...e, id: `${e.id}#${n}` };
    });
  }
  return out as unknown as Snapshot;
}

describe('serializeSnapshot: order', () => {
  it('sorts entities by clusterId, then id', () => {
    const s = { ...base(), nodes: [node('c-b', 'i-1'), node('c-a', 'i-3'), node('c-b', 'i-0'), node('c-a', 'i-2')] };
    const out = JSON.parse(serializeSnapshot(s)) as Snapshot;
    expect(out.nodes!.map((n) => `${n.clusterId}/${n.id}`)).toEqual(['c-a/i-2', 'c-a/i-3', 'c-b/i-0', 'c-b/i-1']);
  });

  it('sorts entities without a clusterId by id', () => {
    const s = { ...base(), vswitches: [vsw('vsw-c'), vsw('vsw-a'), vsw('vsw-b')] };
    const out = JSON.parse(serializeSnapshot(s)) as Snapshot;
    expect(out.vswitches!.map((v) => v.id)).toEqual(['vsw-a', 'vsw-b', 'vsw-c']);
  });

  it('sorts by code unit, independent of locale (uppercase before lowercase, "-" before digits)', () => {
    const s = { ...base(), vswitches: [vsw('vsw-b'), vsw('vsw-B'), vsw('vsw-a1'), vsw('vsw-a-1')] };
    const out = JSON.parse(serializeSnapshot(s)) as Snapshot;
    expect(out.vswitches!.map((v) => v.id)).toEqual(['vsw-B', 'vsw-a-1', 'vsw-a1', 'vsw-b']);
  });

  it('sorts errors by section, clusterId, source', () => {
    const e = (section: CollectionError['section'], source: string, clusterId?: string): CollectionError => ({
      source,
      section,
      kind: 'permission',
      message: `${section} ${source}`,
      ...(clusterId ? { clusterId } : {}),
    });
    const s = {
      ...base(),
      errors: [e('snatEntries', 'vpc.DescribeSnatTableEntries'), e('pods', 'kube.list.pods', 'c-b'), e('pods', 'kube.list.pods', 'c-a'), e('nodes', 'kube.list.nodes', 'c-a')],
    };
    const out = JSON.parse(serializeSnapshot(s)) as Snapshot;
    expect(out.errors.map((x) => `${x.section}|${x.clusterId ?? ''}`)).toEqual(['nodes|c-a', 'pods|c-a', 'pods|c-b', 'snatEntries|']);
  });

  it('writes top-level keys in a fixed order, whatever the input key order', () => {
    const s = { errors: [], pods: [], vswitches: [vsw('vsw-1')], clusters: [], meta: base().meta, schemaVersion: 1 } as unknown as Snapshot;
    expect(Object.keys(JSON.parse(serializeSnapshot(s)))).toEqual(['schemaVersion', 'meta', 'clusters', 'vswitches', 'pods', 'errors']);
  });

  it('does not reorder the input', () => {
    const s = { ...base(), vswitches: [vsw('vsw-c'), vsw('vsw-a')] };
    serializeSnapshot(s);
    expect(s.vswitches.map((v) => v.id)).toEqual(['vsw-c', 'vsw-a']);
  });
});

describe('serializeSnapshot: absent and empty sections', () => {
  it('keeps absent sections absent and empty sections empty', () => {
    const s = { ...base(), vswitches: [], snatEntries: [] };
    const out = JSON.parse(serializeSnapshot(s)) as Record<string, unknown>;
    expect(out.vswitches).toEqual([]);
    expect(out.snatEntries).toEqual([]);
    for (const name of SECTION_NAMES.filter((n) => n !== 'vswitches' && n !== 'snatEntries')) {
      expect(out, name).not.toHaveProperty(name);
    }
  });

  it('a section set to undefined is left out, not written as [] or null', () => {
    const s = { ...base(), pods: undefined, nodes: [node('c-a', 'i-1')] };
    const text = serializeSnapshot(s);
    expect(text).not.toContain('"pods"');
    expect(JSON.parse(text)).not.toHaveProperty('pods');
  });

  it('the seed fixture with its pods section removed keeps it removed', () => {
    const s = parseSnapshot(fixtureText('seed-incident'), 'seed-incident.json');
    delete s.pods;
    delete s.hostServices;
    const out = parseSnapshot(serializeSnapshot(s), 'out.json');
    expect(out).not.toHaveProperty('pods');
    expect(out).not.toHaveProperty('hostServices');
    expect(out.nodes).toEqual(s.nodes);
  });
});

describe('serializeSnapshot: stable output', () => {
  it.each(['seed-incident', 'ready'])('%s.json is already in canonical form (serialize(parse(text)) === text)', (name) => {
    const text = fixtureText(name);
    expect(serializeSnapshot(parseSnapshot(text, `${name}.json`))).toBe(text);
  });

  it.each([1, 2, 3, 42, 2026])('shuffled sections of the seed fixture give byte-identical output (seed %i)', (seed) => {
    const s = withUniqueIds(parseSnapshot(fixtureText('seed-incident'), 'seed-incident.json'));
    const shuffledSnapshot = shuffleSections(s, seed);
    // The shuffle must really have changed something for the test to mean anything.
    expect(shuffledSnapshot.pods!.map((p) => p.id)).not.toEqual(s.pods!.map((p) => p.id));
    expect(serializeSnapshot(shuffledSnapshot)).toBe(serializeSnapshot(s));
  });

  it('shuffled errors give identical output when their (section, clusterId, source) differ', () => {
    const errors: CollectionError[] = [
      { source: 'vpc.DescribeSnatTableEntries', section: 'snatEntries', kind: 'permission', message: 'denied', code: 'Forbidden.RAM' },
      { source: 'kube.list.pods', section: 'pods', clusterId: 'c-a', kind: 'timeout', message: 'timed out' },
      { source: 'kube.list.pods', section: 'pods', clusterId: 'c-b', kind: 'throttled', message: 'slow down' },
      { source: 'ecs.DescribeInstances', section: 'instances', kind: 'network', message: 'reset' },
    ];
    const want = serializeSnapshot({ ...base(), errors });
    for (const seed of [1, 2, 3, 4, 5]) expect(serializeSnapshot({ ...base(), errors: shuffled(errors, seed) })).toBe(want);
  });

  // Errors that tie on section, cluster and source must still not keep their input order.
  it('two errors from the same source for the same cluster serialize the same in either order', () => {
    const e1: CollectionError = { source: 'kube.list.pods', section: 'pods', clusterId: 'c-a', kind: 'throttled', message: 'slow down' };
    const e2: CollectionError = { source: 'kube.list.pods', section: 'pods', clusterId: 'c-a', kind: 'timeout', message: 'timed out' };
    expect(serializeSnapshot({ ...base(), errors: [e2, e1] })).toBe(serializeSnapshot({ ...base(), errors: [e1, e2] }));
  });

  it('is idempotent and round-trips through parseSnapshot', () => {
    const once = serializeSnapshot(shuffleSections(withUniqueIds(parseSnapshot(fixtureText('ready'), 'ready.json')), 7));
    expect(serializeSnapshot(parseSnapshot(once, 'once.json'))).toBe(once);
  });

  it('uses two-space indentation and ends with one newline', () => {
    const text = serializeSnapshot(base());
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.endsWith('\n\n')).toBe(false);
    expect(text.split('\n')[1]).toBe('  "schemaVersion": 1,');
  });

  it('normalizeSnapshot returns the same data, only reordered', () => {
    const s = parseSnapshot(fixtureText('seed-incident'), 'seed-incident.json');
    const n = normalizeSnapshot(shuffleSections(s, 9));
    for (const name of SECTION_NAMES) {
      const a = (s[name] ?? []) as { id: string }[];
      const b = (n[name] ?? []) as { id: string }[];
      expect(b, name).toHaveLength(a.length);
      expect(new Set(b.map((x) => JSON.stringify(x))), name).toEqual(new Set(a.map((x) => JSON.stringify(x))));
    }
  });
});
