import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ExitCode, InputFileError, SnapshotError } from '../../src/errors.js';
import { parseSnapshot, readSnapshotFile } from '../../src/snapshot/read.js';
import { SECTION_NAMES, type Snapshot } from '../../src/snapshot/types.js';

const fixturePath = (name: string) => new URL(`../../fixtures/snapshots/${name}.json`, import.meta.url);
const fixtureText = (name: string) => readFileSync(fixturePath(name), 'utf8');

const FILE = 'snapshots/broken.json';

/** A minimal valid snapshot. */
function minimal(): Record<string, unknown> {
  return {
    schemaVersion: 1,
    meta: { toolVersion: '0.1.0', collectedAt: '2026-11-20T08:30:00Z', region: 'cn-hangzhou', scope: [{ clusterId: 'c-1', role: 'standalone' }] },
    errors: [],
  };
}

/** The 1-based line of the first line containing `needle`. */
function lineOf(text: string, needle: string): number {
  const i = text.split('\n').findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`${needle} not in text`);
  return i + 1;
}

/** Calls parseSnapshot and returns the SnapshotError it must throw. */
function parseError(text: string, file = FILE): SnapshotError {
  try {
    parseSnapshot(text, file);
  } catch (err) {
    expect(err).toBeInstanceOf(SnapshotError);
    expect(err).toBeInstanceOf(InputFileError);
    const e = err as SnapshotError;
    expect(e.file).toBe(file);
    expect(e.exitCode).toBe(ExitCode.Usage);
    expect(e.name).toBe('SnapshotError');
    expect(e.message.startsWith(`${file}`)).toBe(true);
    return e;
  }
  throw new Error('parseSnapshot accepted invalid input');
}

describe('parseSnapshot: valid files', () => {
  it.each(['seed-incident', 'ready'])('accepts fixtures/snapshots/%s.json unchanged', (name) => {
    const text = fixtureText(name);
    const snapshot = parseSnapshot(text, `${name}.json`);
    expect(snapshot).toEqual(JSON.parse(text));
    expect(snapshot.schemaVersion).toBe(1);
    expect(snapshot.meta.scope.map((s) => s.role).sort()).toEqual(['source', 'target']);
    expect(snapshot.instanceTypes?.find((t) => t.id === 'ecs.g6.large')).toEqual({
      id: 'ecs.g6.large',
      eniQuantity: 2,
      eniPrivateIpAddressQuantity: 6,
      eniTotalQuantity: 2,
      eniTrunkSupported: false,
      eniIpv6AddressQuantity: 1,
    });
    expect(snapshot.vswitches?.length).toBeGreaterThan(0);
  });

  it('accepts a minimal snapshot with every section absent, and keeps them absent', () => {
    const snapshot = parseSnapshot(JSON.stringify(minimal()), FILE);
    for (const name of SECTION_NAMES) expect(snapshot, name).not.toHaveProperty(name);
    expect(snapshot.errors).toEqual([]);
  });

  it('accepts minified JSON', () => {
    const text = JSON.stringify(JSON.parse(fixtureText('ready')));
    expect(parseSnapshot(text, FILE)).toEqual(JSON.parse(text));
  });

  it('readSnapshotFile returns the snapshot, the text and the file name', () => {
    const path = fixturePath('seed-incident').pathname;
    const loaded = readSnapshotFile(path);
    expect(loaded.file).toBe(path);
    expect(loaded.text).toBe(fixtureText('seed-incident'));
    expect(loaded.snapshot).toEqual(JSON.parse(loaded.text));
  });

  it('readSnapshotFile: a missing file is a SnapshotError naming it', () => {
    const path = new URL('./does-not-exist.snapshot.json', import.meta.url).pathname;
    expect(() => readSnapshotFile(path)).toThrow(SnapshotError);
    expect(() => readSnapshotFile(path)).toThrow(`${path}: no such file`);
  });
});

describe('parseSnapshot: not JSON', () => {
  it.each([
    { name: 'trailing comma in an object', text: '{\n  "schemaVersion": 1,\n  "meta": {},\n}\n', line: '4' },
    { name: 'missing comma between properties', text: '{\n  "schemaVersion": 1\n  "meta": {}\n}\n', line: '3' },
    { name: 'text after the document', text: '{\n  "schemaVersion": 1\n}\n}\n', line: '4' },
    { name: 'truncated inside an object', text: '{\n  "schemaVersion": 1,\n  "meta": {\n', line: '4' },
    { name: 'truncated inside a string', text: '{\n  "schemaVersion": 1,\n  "region": "cn-hang', line: '3' },
  ])('$name: names the line', ({ text, line }) => {
    const e = parseError(text);
    expect(e.where).toBe(line);
    expect(e.message).toMatch(new RegExp(`^${FILE}:${line}: not valid JSON: `));
  });

  it.each([
    { name: 'empty file', text: '' },
    { name: 'plain text', text: 'hello' },
    { name: 'YAML', text: 'schemaVersion: 1\nmeta: {}\n' },
  ])('$name: is a SnapshotError that says it is not JSON', ({ text }) => {
    expect(parseError(text).message).toContain(`${FILE}`);
    expect(parseError(text).message).toContain('not valid JSON');
  });

  // On Node 20, V8's "Unexpected token 'x', ... is not valid JSON" and "Unexpected end of JSON
  // input" messages carry no position; the line must still be named.
  it('an unquoted value names the line', () => {
    const e = parseError('{\n  "schemaVersion": 1,\n  "meta": x\n}\n');
    expect(e.where).toBe('3');
  });

  it('a truncated file names its last line', () => {
    const e = parseError('{\n  "schemaVersion": 1,\n  "meta": ');
    expect(e.where).toBe('3');
  });

  it('repeated ids in a section are rejected with the path and line', () => {
    const s = JSON.parse(readFileSync(new URL('../../fixtures/snapshots/ready.json', import.meta.url), 'utf8'));
    s.vswitches[1].id = s.vswitches[0].id;
    const e = parseError(JSON.stringify(s, null, 2));
    expect(e.message).toMatch(/\$\.vswitches\[1\] repeats id "vsw-bp1nodeh0001"; ids must be unique/);
    expect(Number(e.where)).toBeGreaterThan(1);
  });

  it.each([
    { name: 'an array', text: '[]' },
    { name: 'null', text: 'null' },
    { name: 'a number', text: '1' },
    { name: 'a string', text: '"snapshot"' },
  ])('JSON that is $name is not a snapshot', ({ text }) => {
    expect(parseError(text).message).toBe(`${FILE}: not a terway-lint snapshot: expected a JSON object`);
  });
});

describe('parseSnapshot: schemaVersion', () => {
  it.each([
    { value: 2, shown: '2' },
    { value: 0, shown: '0' },
    { value: '1', shown: '"1"' },
    { value: null, shown: 'null' },
    { value: 1.5, shown: '1.5' },
  ])('rejects schemaVersion $shown, naming its line', ({ value, shown }) => {
    const text = JSON.stringify({ ...minimal(), schemaVersion: value }, null, 2);
    const e = parseError(text);
    expect(e.where).toBe('2');
    expect(e.message).toBe(`${FILE}:2: unsupported schemaVersion ${shown} (this version reads 1)`);
  });

  it('finds the line of schemaVersion when it is not first', () => {
    const { schemaVersion: _, ...rest } = minimal();
    const text = JSON.stringify({ ...rest, schemaVersion: 7 }, null, 2);
    const e = parseError(text);
    expect(e.where).toBe(String(lineOf(text, '"schemaVersion"')));
    expect(e.message).toContain('unsupported schemaVersion 7');
  });

  it('rejects a missing schemaVersion', () => {
    const { schemaVersion: _, ...rest } = minimal();
    const e = parseError(JSON.stringify(rest, null, 2));
    expect(e.where).toBeUndefined();
    expect(e.message).toBe(`${FILE}: not a terway-lint snapshot: $.schemaVersion is missing (this version reads schemaVersion 1)`);
  });

  it('checks schemaVersion before the schema (a v2 file with unknown fields reports the version)', () => {
    const text = JSON.stringify({ schemaVersion: 2, somethingNew: {} }, null, 2);
    expect(parseError(text).message).toContain('unsupported schemaVersion 2');
  });
});

describe('parseSnapshot: schema violations name the JSON path and the line', () => {
  /** The ready fixture with one change applied, pretty-printed like the fixtures. */
  function readyWith(change: (s: Snapshot & Record<string, unknown>) => void): string {
    const s = JSON.parse(fixtureText('ready')) as Snapshot & Record<string, unknown>;
    change(s);
    return JSON.stringify(s, null, 2);
  }

  it('an unknown field inside a vSwitch', () => {
    const text = readyWith((s) => {
      (s.vswitches![1] as unknown as Record<string, unknown>).ipv6Cidr = '2408::/64';
    });
    const e = parseError(text);
    // The vSwitch object starts on the line before its "id".
    const line = String(lineOf(text, '"id": "vsw-bp1nodei0001"') - 1);
    expect(e.where).toBe(line);
    expect(e.message).toBe(`${FILE}:${line}: $.vswitches[1] unknown field "ipv6Cidr"`);
  });

  it('an unknown field deep inside a cluster node pool', () => {
    const text = readyWith((s) => {
      (s.clusters![1]!.nodePools![0] as unknown as Record<string, unknown>).autoScaling = true;
    });
    const e = parseError(text);
    const line = String(lineOf(text, '"id": "np-tw-app"') - 1);
    expect(e.message).toContain('$.clusters[1].nodePools[0]');
    expect(e.message).toContain('unknown field "autoScaling"');
    expect(e.where).toBe(line);
    expect(e.message.startsWith(`${FILE}:${line}: `)).toBe(true);
  });

  it('an unknown top-level field', () => {
    const text = JSON.stringify({ ...minimal(), secrets: [] }, null, 2);
    const e = parseError(text);
    expect(e.message).toBe(`${FILE}:1: $ unknown field "secrets"`);
  });

  it('a wrong type: a string where an integer belongs', () => {
    const text = readyWith((s) => {
      (s.vswitches![2] as unknown as Record<string, unknown>).availableIpCount = '8000';
    });
    const e = parseError(text);
    const line = String(lineOf(text, '"availableIpCount": "8000"'));
    expect(e.where).toBe(line);
    expect(e.message).toBe(`${FILE}:${line}: $.vswitches[2].availableIpCount must be integer`);
  });

  it('a wrong type: a negative count', () => {
    const text = readyWith((s) => {
      s.instanceTypes![0]!.eniQuantity = -1;
    });
    const e = parseError(text);
    expect(e.message).toContain('$.instanceTypes[0].eniQuantity');
    expect(e.where).toBe(String(lineOf(text, '"eniQuantity": -1')));
  });

  it('a wrong type: a section that is an object instead of a list', () => {
    const text = JSON.stringify({ ...minimal(), pods: {} }, null, 2);
    const e = parseError(text);
    expect(e.where).toBe(String(lineOf(text, '"pods"')));
    expect(e.message).toContain('$.pods must be array');
  });

  it('a value outside an enum lists the allowed values', () => {
    const text = readyWith((s) => {
      s.clusters![0]!.networkPlugin = 'calico' as never;
    });
    const e = parseError(text);
    expect(e.where).toBe(String(lineOf(text, '"networkPlugin": "calico"')));
    expect(e.message).toContain('$.clusters[0].networkPlugin must be one of "flannel", "terway", "unknown"');
  });

  it('a missing required field names the entity that lacks it', () => {
    const text = readyWith((s) => {
      delete (s.snatEntries![0] as unknown as Record<string, unknown>).snatIp;
    });
    const e = parseError(text);
    expect(e.where).toBe(String(lineOf(text, '"id": "snat-bp1nodeh0001"') - 1));
    expect(e.message).toContain('$.snatEntries[0]');
    expect(e.message).toContain('snatIp');
  });

  it('reports the path in a minified file on line 1', () => {
    const s = minimal();
    s.vswitches = [{ id: 'vsw-1', vpcId: 'v', zoneId: 'z', cidr: '10.0.0.0/24', availableIpCount: 1, foo: 1 }];
    const e = parseError(JSON.stringify(s));
    expect(e.message).toBe(`${FILE}:1: $.vswitches[0] unknown field "foo"`);
  });
});
