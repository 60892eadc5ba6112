/** readComposeFiles: specs, globs, ties to nodes, overrides, bad input, and the seed incident's compose file. */
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseComposeSpec, readComposeFiles } from '../../../src/collect/compose/read.js';
import { InputFileError, UsageError } from '../../../src/errors.js';
import type { HostService, Snapshot } from '../../../src/snapshot/types.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const F = 'test/collect/compose/fixtures';
const opts = { cwd: root, env: {} };

function ids(list: HostService[]): string[] {
  return list.map((s) => s.id);
}

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected an error');
}

describe('the seed incident compose file', () => {
  const seed = JSON.parse(readFileSync(join(root, 'fixtures/snapshots/seed-incident.json'), 'utf8')) as Snapshot;

  it('gives exactly the two services of the seed snapshot (hostIp "" where the seed writes 0.0.0.0)', () => {
    const { hostServices, problems } = readComposeFiles(['fixtures/compose/redis/docker-compose.yml@i-bp1tapp000001'], opts);
    expect(problems).toEqual([]);
    expect(hostServices).toEqual([
      {
        id: 'fixtures/compose/redis/docker-compose.yml#redis-exporter/9121/tcp',
        source: 'compose',
        nodeId: 'i-bp1tapp000001',
        file: 'fixtures/compose/redis/docker-compose.yml',
        line: 14,
        service: 'redis-exporter',
        hostIp: '127.0.0.1',
        hostPort: 9121,
        protocol: 'tcp',
      },
      {
        id: 'fixtures/compose/redis/docker-compose.yml#redis/6379/tcp',
        source: 'compose',
        nodeId: 'i-bp1tapp000001',
        file: 'fixtures/compose/redis/docker-compose.yml',
        line: 8,
        service: 'redis',
        hostIp: '',
        hostPort: 6379,
        protocol: 'tcp',
      },
    ]);
    // The only difference with the hand-written seed: it spells the unset address "0.0.0.0".
    const normalised = (seed.hostServices ?? []).map((s) => ({ ...s, hostIp: s.hostIp === '0.0.0.0' ? '' : s.hostIp }));
    expect(hostServices).toEqual(normalised);
  });

  it('untied, it has no nodeId; the same ids', () => {
    const { hostServices } = readComposeFiles(['fixtures/compose/redis/docker-compose.yml'], opts);
    expect(ids(hostServices)).toEqual(['fixtures/compose/redis/docker-compose.yml#redis-exporter/9121/tcp', 'fixtures/compose/redis/docker-compose.yml#redis/6379/tcp']);
    for (const s of hostServices) expect(s).not.toHaveProperty('nodeId');
  });
});

describe('specs', () => {
  const rows: [string, { patterns: string[]; nodeIds: string[] }][] = [
    ['a.yml', { patterns: ['a.yml'], nodeIds: [] }],
    ['a.yml@i-bp1', { patterns: ['a.yml'], nodeIds: ['i-bp1'] }],
    ['deploy/**/*.yml@i-bp1,i-bp2', { patterns: ['deploy/**/*.yml'], nodeIds: ['i-bp1', 'i-bp2'] }],
    ['a.yml,b.yml@i-bp1', { patterns: ['a.yml', 'b.yml'], nodeIds: ['i-bp1'] }],
    ['a.yml, b.yml', { patterns: ['a.yml', 'b.yml'], nodeIds: [] }],
    ['node_modules/@scope/x.yml', { patterns: ['node_modules/@scope/x.yml'], nodeIds: [] }],
    ['dir/file@2.yml', { patterns: ['dir/file@2.yml'], nodeIds: [] }],
  ];
  it.each(rows)('%s', (spec, expected) => expect(parseComposeSpec(spec)).toEqual(expected));

  it.each(['a.yml@node-1', 'a.yml@i-1,', '@i-1', ','])('%s is a usage error', (spec) => {
    expect(() => parseComposeSpec(spec)).toThrow(UsageError);
  });
});

describe('ties to nodes', () => {
  it('several instances give one entry per instance, id suffixed with @instance', () => {
    const { hostServices } = readComposeFiles(['fixtures/compose/redis/docker-compose.yml@i-a1,i-b2'], opts);
    expect(hostServices.map((s) => [s.id, s.nodeId, s.line])).toEqual([
      ['fixtures/compose/redis/docker-compose.yml#redis-exporter/9121/tcp@i-a1', 'i-a1', 14],
      ['fixtures/compose/redis/docker-compose.yml#redis-exporter/9121/tcp@i-b2', 'i-b2', 14],
      ['fixtures/compose/redis/docker-compose.yml#redis/6379/tcp@i-a1', 'i-a1', 8],
      ['fixtures/compose/redis/docker-compose.yml#redis/6379/tcp@i-b2', 'i-b2', 8],
    ]);
  });

  it('the same file tied in two specs to different instances keeps both, ids stay unique', () => {
    const f = 'fixtures/compose/redis/docker-compose.yml';
    const { hostServices } = readComposeFiles([`${f}@i-a1`, `${f}@i-b2`, `${f}@i-a1`], opts);
    expect(hostServices.map((s) => [s.id, s.nodeId])).toEqual([
      [`${f}#redis-exporter/9121/tcp`, 'i-a1'],
      [`${f}#redis-exporter/9121/tcp@i-b2`, 'i-b2'],
      [`${f}#redis/6379/tcp`, 'i-a1'],
      [`${f}#redis/6379/tcp@i-b2`, 'i-b2'],
    ]);
  });

  it('an instance that is not a known node is a problem (the entries stay)', () => {
    const { hostServices, problems } = readComposeFiles(['fixtures/compose/redis/docker-compose.yml@i-bp1tapp000001,i-gone'], {
      ...opts,
      knownNodeIds: new Set(['i-bp1tapp000001']),
    });
    expect(hostServices).toHaveLength(4);
    expect(problems).toEqual([{ file: 'fixtures/compose/redis/docker-compose.yml', line: 1, message: expect.stringContaining('i-gone') }]);
  });
});

describe('globs', () => {
  it('`*` within a directory, each file read on its own (no merge)', () => {
    const { hostServices } = readComposeFiles([`${F}/stack/prod/docker-compose.y*`], opts);
    expect(ids(hostServices)).toEqual([`${F}/stack/prod/docker-compose.yml#api/8080/tcp`]);
  });

  it('`**` across directories, files sorted, paths relative to cwd with forward slashes', () => {
    const { hostServices } = readComposeFiles([`${F}/stack/**/*.y*ml`], { ...opts, env: { API_PORT: '9999' } });
    expect(ids(hostServices)).toEqual([
      `${F}/stack/prod/docker-compose.override.yml#api/9090/tcp`,
      `${F}/stack/prod/docker-compose.override.yml#sidecar/5353/udp`,
      `${F}/stack/prod/docker-compose.override.yml#worker/7070/tcp`,
      `${F}/stack/prod/docker-compose.replace.yml#api/18080/tcp`,
      `${F}/stack/prod/docker-compose.yml#api/8080/tcp`,
      `${F}/stack/staging/compose.yaml#api/9999/tcp`,
    ]);
    expect(hostServices.find((s) => s.hostPort === 9999)?.line).toBe(6);
  });

  it('relative to cwd, also from another working directory', () => {
    const { hostServices } = readComposeFiles(['**/compose.yaml'], { cwd: join(root, F, 'stack'), env: {} });
    expect(ids(hostServices)).toEqual(['staging/compose.yaml#api/8081/tcp']);
  });

  it('absolute patterns give paths relative to cwd', () => {
    const { hostServices } = readComposeFiles([join(root, F, 'stack/staging/*.yaml')], opts);
    expect(ids(hostServices)).toEqual([`${F}/stack/staging/compose.yaml#api/8081/tcp`]);
  });

  it.each([`${F}/nothing/*.yml`, `${F}/**/none-such.yml`, `${F}/missing.yml`])('%s matching no file is an InputFileError', (spec) => {
    const e = thrown(() => readComposeFiles([spec], opts));
    expect(e).toBeInstanceOf(InputFileError);
    expect((e as InputFileError).file).toBe(spec);
  });
});

describe('multiple files and overrides', () => {
  const base = `${F}/stack/prod/docker-compose.yml`;
  const over = `${F}/stack/prod/docker-compose.override.yml`;
  const repl = `${F}/stack/prod/docker-compose.replace.yml`;

  it('merged in order: ports appended, new services added, network_mode replaced, each entry at its own file and line', () => {
    const { hostServices, problems } = readComposeFiles([`${base},${over}@i-bp1`], opts);
    expect(hostServices.map(({ id, file, line, hostIp, hostPort, nodeId }) => ({ id, file, line, hostIp, hostPort, nodeId }))).toEqual([
      { id: `${over}#api/9090/tcp`, file: over, line: 4, hostIp: '127.0.0.1', hostPort: 9090, nodeId: 'i-bp1' },
      { id: `${over}#sidecar/5353/udp`, file: over, line: 12, hostIp: '', hostPort: 5353, nodeId: 'i-bp1' },
      { id: `${over}#worker/7070/tcp`, file: over, line: 8, hostIp: '', hostPort: 7070, nodeId: 'i-bp1' },
      { id: `${base}#api/8080/tcp`, file: base, line: 5, hostIp: '', hostPort: 8080, nodeId: 'i-bp1' },
    ]);
    expect(problems).toEqual([]);
  });

  it('!override in a later file replaces the ports', () => {
    const { hostServices } = readComposeFiles([`${base},${repl}`], opts);
    expect(ids(hostServices)).toEqual([`${repl}#api/18080/tcp`]);
  });

  it('the same port in base and override is reported once (at the base)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'compose-'));
    writeFileSync(join(dir, 'a.yml'), 'services:\n  s:\n    ports: ["80:80"]\n');
    writeFileSync(join(dir, 'b.yml'), 'services:\n  s:\n    ports:\n      - "80:80"\n      - "81:81"\n');
    const { hostServices } = readComposeFiles(['a.yml,b.yml'], { cwd: dir, env: {} });
    expect(hostServices.map((s) => [s.id, s.line])).toEqual([
      ['a.yml#s/80/tcp', 3],
      ['b.yml#s/81/tcp', 5],
    ]);
  });

  it('!reset empties the ports; network_mode: host from an override turns ports into host ports', () => {
    const dir = mkdtempSync(join(tmpdir(), 'compose-'));
    writeFileSync(join(dir, 'a.yml'), 'services:\n  s:\n    ports: ["8080:80"]\n  t:\n    ports: ["1:1"]\n');
    writeFileSync(join(dir, 'b.yml'), 'services:\n  s:\n    network_mode: host\n  t:\n    ports: !reset []\n');
    const { hostServices } = readComposeFiles(['a.yml,b.yml'], { cwd: dir, env: {} });
    expect(hostServices.map((s) => [s.id, s.line, s.hostPort])).toEqual([['a.yml#s/80/tcp', 3, 80]]);
  });
});

describe('bad input: InputFileError naming file and line', () => {
  const rows: [string, string | undefined, RegExp][] = [
    [`${F}/bad/not-yaml.yml`, '5', /not valid YAML/],
    [`${F}/bad/not-compose.yml`, '1', /not a compose file: no "services" map/],
    [`${F}/bad/services-list.yml`, '2', /"services" is not a map/],
  ];
  it.each(rows)('%s', (file, where, detail) => {
    const e = thrown(() => readComposeFiles([file], opts)) as InputFileError;
    expect(e).toBeInstanceOf(InputFileError);
    expect(e.exitCode).toBe(2);
    expect(e.file).toBe(file);
    expect(e.where).toBe(where);
    expect(e.detail).toMatch(detail);
    expect(e.message).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:${where}: `));
  });

  const inline: [string, string, string, RegExp][] = [
    ['empty file', '', '1', /no "services" map/],
    ['a list at the top', '- a\n- b\n', '1', /top level is not a map/],
    ['a service that is a string', 'services:\n  web: nginx\n', '2', /service "web" is not a map/],
    ['ports that are a string', 'services:\n  web:\n    ports: "80:80"\n', '3', /"ports" is not a list/],
    ['a duplicate key', 'services:\n  web:\n    image: a\n    image: b\n', '4', /not valid YAML/],
    ['tabs as indentation', 'services:\n\tweb: {}\n', '2', /not valid YAML/],
  ];
  it.each(inline)('%s', (_name, text, where, detail) => {
    const dir = mkdtempSync(join(tmpdir(), 'compose-'));
    writeFileSync(join(dir, 'c.yml'), text);
    const e = thrown(() => readComposeFiles(['c.yml'], { cwd: dir, env: {} })) as InputFileError;
    expect(e).toBeInstanceOf(InputFileError);
    expect([e.file, e.where]).toEqual(['c.yml', where]);
    expect(e.detail).toMatch(detail);
  });

  it('anchors and aliases beyond the limit (billion laughs) name the first alias line', () => {
    const lines = ['x-a: &a ["1:1","1:1","1:1","1:1","1:1","1:1","1:1","1:1","1:1","1:1"]'];
    for (let k = 1; k <= 6; k++) lines.push(`x-${k}: &l${k} [${Array(10).fill(k === 1 ? '*a' : `*l${k - 1}`).join(', ')}]`);
    lines.push('services:', '  s:', '    ports: *l6');
    const dir = mkdtempSync(join(tmpdir(), 'compose-'));
    writeFileSync(join(dir, 'lol.yml'), lines.join('\n') + '\n');
    const e = thrown(() => readComposeFiles(['lol.yml'], { cwd: dir, env: {} })) as InputFileError;
    expect(e).toBeInstanceOf(InputFileError);
    expect([e.file, e.where]).toEqual(['lol.yml', '2']);
    expect(e.detail).toMatch(/alias/i);
  });

  it('an unreadable file', () => {
    if (process.getuid?.() === 0) return; // root reads anything
    const dir = mkdtempSync(join(tmpdir(), 'compose-'));
    writeFileSync(join(dir, 'c.yml'), 'services: {}\n');
    chmodSync(join(dir, 'c.yml'), 0o000);
    const e = thrown(() => readComposeFiles(['c.yml'], { cwd: dir, env: {} })) as InputFileError;
    expect(e).toBeInstanceOf(InputFileError);
    expect(e.file).toBe('c.yml');
    expect(e.detail).toMatch(/cannot read/);
  });

  it('a directory is not a compose file (no match)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'compose-'));
    mkdirSync(join(dir, 'd.yml'));
    expect(() => readComposeFiles(['d.yml'], { cwd: dir, env: {} })).toThrow(/d\.yml: no such file/);
  });

  it('unresolved variables are problems, not errors', () => {
    const dir = mkdtempSync(join(tmpdir(), 'compose-'));
    writeFileSync(join(dir, 'c.yml'), 'services:\n  api:\n    ports:\n      - target: 8080\n        published: ${API_PORT}\n      - "${API_PORT:-8081}:8081"\n');
    const { hostServices, problems } = readComposeFiles(['c.yml'], { cwd: dir, env: { API_PORT: undefined } });
    expect(hostServices.map((s) => [s.id, s.line])).toEqual([['c.yml#api/8081/tcp', 6]]);
    expect(problems).toEqual([{ file: 'c.yml', line: 5, message: 'service "api" port published: variable API_PORT is not set; entry skipped' }]);
  });
});
