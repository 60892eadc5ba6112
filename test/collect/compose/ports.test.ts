/** Port syntaxes of docker-compose, through parseCompose: every entry's host port, address, protocol and exact line. */
import { describe, expect, it } from 'vitest';
import { parseCompose } from '../../../src/collect/compose/read.js';

const FILE = 'deploy/docker-compose.yml';

/** A file whose `ports` list item is on line 5. */
function oneServicePorts(item: string): string {
  return ['services:', '  app:', '    image: nginx', '    ports:', `      - ${item}`, ''].join('\n');
}

type Row = [string, { hostIp: string; hostPort: number; protocol: string }[]];

describe('short syntax', () => {
  const rows: Row[] = [
    ['"6379:6379"', [{ hostIp: '', hostPort: 6379, protocol: 'tcp' }]],
    ['6379:6379', [{ hostIp: '', hostPort: 6379, protocol: 'tcp' }]],
    ['"8080:80"', [{ hostIp: '', hostPort: 8080, protocol: 'tcp' }]],
    ['"127.0.0.1:8080:80"', [{ hostIp: '127.0.0.1', hostPort: 8080, protocol: 'tcp' }]],
    ['"0.0.0.0:8080:80"', [{ hostIp: '0.0.0.0', hostPort: 8080, protocol: 'tcp' }]],
    ['"10.0.1.5:8080:80/udp"', [{ hostIp: '10.0.1.5', hostPort: 8080, protocol: 'udp' }]],
    ['"53:53/udp"', [{ hostIp: '', hostPort: 53, protocol: 'udp' }]],
    ['"53:53/UDP"', [{ hostIp: '', hostPort: 53, protocol: 'udp' }]],
    ['"3868:3868/sctp"', [{ hostIp: '', hostPort: 3868, protocol: 'sctp' }]],
    ['"80:80/tcp"', [{ hostIp: '', hostPort: 80, protocol: 'tcp' }]],
    ['"[::1]:8080:80"', [{ hostIp: '::1', hostPort: 8080, protocol: 'tcp' }]],
    ['"[::]:8080:80/udp"', [{ hostIp: '::', hostPort: 8080, protocol: 'udp' }]],
    ['"::1:8080:80"', [{ hostIp: '::1', hostPort: 8080, protocol: 'tcp' }]],
    [
      '"8080-8081:80-81"',
      [
        { hostIp: '', hostPort: 8080, protocol: 'tcp' },
        { hostIp: '', hostPort: 8081, protocol: 'tcp' },
      ],
    ],
    [
      '"127.0.0.1:5000-5002:5000-5002/udp"',
      [
        { hostIp: '127.0.0.1', hostPort: 5000, protocol: 'udp' },
        { hostIp: '127.0.0.1', hostPort: 5001, protocol: 'udp' },
        { hostIp: '127.0.0.1', hostPort: 5002, protocol: 'udp' },
      ],
    ],
    // Docker picks a random host port: reported as host port 0 (with a problem saying so).
    ['"9000"', [{ hostIp: '', hostPort: 0, protocol: 'tcp' }]],
    ['9000', [{ hostIp: '', hostPort: 0, protocol: 'tcp' }]],
    ['"127.0.0.1::80"', [{ hostIp: '127.0.0.1', hostPort: 0, protocol: 'tcp' }]],
  ];
  it.each(rows)('%s', (item, expected) => {
    const { hostServices, problems } = parseCompose(oneServicePorts(item), FILE, {});
    expect(hostServices.map(({ hostIp, hostPort, protocol }) => ({ hostIp, hostPort, protocol }))).toEqual(
      [...expected].sort((a, b) => `${a.hostPort}`.localeCompare(`${b.hostPort}`)),
    );
    for (const s of hostServices) {
      expect(s).toMatchObject({ source: 'compose', file: FILE, line: 5, service: 'app' });
      expect(s.id).toBe(`${FILE}#app/${s.hostPort}/${s.protocol}`);
      expect(s).not.toHaveProperty('nodeId');
    }
    const random = expected.some((e) => e.hostPort === 0);
    expect(problems.length).toBe(random ? 1 : 0);
    if (random) expect(problems[0]).toMatchObject({ file: FILE, line: 5, message: expect.stringContaining('random') });
  });

  it('a host port range for one container port reports every port of the range, with a problem', () => {
    const { hostServices, problems } = parseCompose(oneServicePorts('"8000-8002:80"'), FILE, {});
    expect(hostServices.map((s) => s.hostPort)).toEqual([8000, 8001, 8002]);
    expect(problems).toEqual([{ file: FILE, line: 5, message: expect.stringContaining('one free port of the range') }]);
  });

  const bad: [string, string][] = [
    ['"8080-8081:80-83"', 'differ in length'],
    ['"70000:80"', 'outside 1-65535'],
    ['"http:80"', 'not a port'],
    ['"80:80/icmp"', 'not tcp, udp or sctp'],
    ['"8081-8080:80"', 'ends before it starts'],
    ['"[::1:8080:80"', 'IPv6'],
    ['{}', 'no "target"'],
  ];
  it.each(bad)('%s is a problem at its line, and skipped', (item, message) => {
    const { hostServices, problems } = parseCompose(oneServicePorts(item), FILE, {});
    expect(hostServices).toEqual([]);
    expect(problems).toEqual([{ file: FILE, line: 5, message: expect.stringContaining(message) }]);
  });
});

describe('long syntax', () => {
  const text = [
    'services:', // 1
    '  web:', // 2
    '    image: nginx', // 3
    '    ports:', // 4
    '      - target: 80', // 5
    '        published: 8080', // 6
    '        host_ip: 127.0.0.1', // 7
    '        protocol: tcp', // 8
    '        mode: host', // 9
    '      - target: 53', // 10
    '        host_ip: "::1"', // 11
    '        protocol: udp', // 12
    '        published: "5353"', // 13
    '      - target: 9000', // 14
    '      - mode: ingress', // 15
    '        target: 443', // 16
    '        published: 8443-8444', // 17
    '      - target: 81', // 18
    '        published: ${WEB_PORT:-8081}', // 19
    '        host_ip: "[::]"', // 20
    '',
  ].join('\n');

  it('reports the line of `published` (or of the item when there is none)', () => {
    const { hostServices, problems } = parseCompose(text, FILE, {});
    expect(hostServices.map(({ id, line, hostIp, hostPort, protocol }) => ({ id, line, hostIp, hostPort, protocol }))).toEqual([
      { id: `${FILE}#web/0/tcp`, line: 14, hostIp: '', hostPort: 0, protocol: 'tcp' },
      { id: `${FILE}#web/5353/udp`, line: 13, hostIp: '::1', hostPort: 5353, protocol: 'udp' },
      { id: `${FILE}#web/8080/tcp`, line: 6, hostIp: '127.0.0.1', hostPort: 8080, protocol: 'tcp' },
      { id: `${FILE}#web/8081/tcp`, line: 19, hostIp: '::', hostPort: 8081, protocol: 'tcp' },
      { id: `${FILE}#web/8443/tcp`, line: 17, hostIp: '', hostPort: 8443, protocol: 'tcp' },
      { id: `${FILE}#web/8444/tcp`, line: 17, hostIp: '', hostPort: 8444, protocol: 'tcp' },
    ]);
    expect(problems).toEqual([
      { file: FILE, line: 14, message: expect.stringContaining('container port 9000/tcp published on a host port Docker picks at random') },
      { file: FILE, line: 17, message: expect.stringContaining('host port range 8443-8444 for one container port') },
    ]);
  });
});

describe('ids', () => {
  it('are unique: two random ports and one port on two addresses get ~2', () => {
    const text = ['services:', '  a:', '    ports:', '      - "9000"', '      - "9001"', '      - "127.0.0.1:80:80"', '      - "[::1]:80:80"', '      - "127.0.0.1:80:80"', ''].join('\n');
    const { hostServices } = parseCompose(text, 'c.yml', {});
    expect(hostServices.map((s) => [s.id, s.line])).toEqual([
      ['c.yml#a/0/tcp', 4],
      ['c.yml#a/0/tcp~2', 5],
      ['c.yml#a/80/tcp', 6],
      ['c.yml#a/80/tcp~2', 7],
    ]);
  });
});

describe('network_mode: host', () => {
  it('turns every declared port (ports targets and expose) into a host port', () => {
    const text = [
      'services:', // 1
      '  agent:', // 2
      '    network_mode: host', // 3
      '    ports:', // 4
      '      - "8080:80"', // 5
      '      - target: 9100', // 6
      '        published: 19100', // 7
      '    expose:', // 8
      '      - "3000-3001"', // 9
      '      - 53/udp', // 10
      '      - "80"', // 11 (same as the ports target: reported once)
      '',
    ].join('\n');
    const { hostServices, problems } = parseCompose(text, 'h.yml', {});
    expect(hostServices.map(({ id, line, hostIp, hostPort, protocol }) => ({ id, line, hostIp, hostPort, protocol }))).toEqual([
      { id: 'h.yml#agent/3000/tcp', line: 9, hostIp: '', hostPort: 3000, protocol: 'tcp' },
      { id: 'h.yml#agent/3001/tcp', line: 9, hostIp: '', hostPort: 3001, protocol: 'tcp' },
      { id: 'h.yml#agent/53/udp', line: 10, hostIp: '', hostPort: 53, protocol: 'udp' },
      { id: 'h.yml#agent/80/tcp', line: 5, hostIp: '', hostPort: 80, protocol: 'tcp' },
      { id: 'h.yml#agent/9100/tcp', line: 6, hostIp: '', hostPort: 9100, protocol: 'tcp' },
    ]);
    expect(problems).toEqual([]);
  });

  it('with no declared port: one entry with host port 0 at the network_mode line, and a problem', () => {
    const text = ['services:', '  node-exporter:', '    image: prom/node-exporter', '    network_mode: "${NET:-host}"', ''].join('\n');
    const { hostServices, problems } = parseCompose(text, 'h.yml', {});
    expect(hostServices).toEqual([
      { id: 'h.yml#node-exporter/0/tcp', source: 'compose', file: 'h.yml', line: 4, service: 'node-exporter', hostIp: '', hostPort: 0, protocol: 'tcp' },
    ]);
    expect(problems).toEqual([{ file: 'h.yml', line: 4, message: expect.stringMatching(/node-exporter.*network_mode: host.*unknown/) }]);
  });

  it('network_mode none publishes nothing; bridge and service:x publish their ports', () => {
    const text = ['services:', '  a:', '    network_mode: none', '    ports: ["1:1"]', '  b:', '    network_mode: bridge', '    ports: ["2:2"]', ''].join('\n');
    expect(parseCompose(text, 'n.yml', {}).hostServices.map((s) => s.id)).toEqual(['n.yml#b/2/tcp']);
  });
});

describe('YAML features', () => {
  it('follows anchors, aliases and merge keys; lines point at the anchored text', () => {
    const text = [
      'x-ports: &ports', // 1
      '  - "7000:7000"', // 2
      'x-base: &base', // 3
      '  restart: always', // 4
      '  ports:', // 5
      '    - "7100:7100"', // 6
      'services:', // 7
      '  a:', // 8
      '    ports: *ports', // 9
      '  b:', // 10
      '    <<: *base', // 11
      '  c:', // 12
      '    <<: *base', // 13
      '    ports: ["7200:7200"]', // 14
      '',
    ].join('\n');
    const { hostServices } = parseCompose(text, 'y.yml', {});
    expect(hostServices.map((s) => [s.id, s.line])).toEqual([
      ['y.yml#a/7000/tcp', 2],
      ['y.yml#b/7100/tcp', 6],
      ['y.yml#c/7200/tcp', 14],
    ]);
  });

  it('a service without a body or without ports publishes nothing; extends is reported as not followed', () => {
    const text = ['services:', '  a:', '  b:', '    image: x', '  c:', '    extends:', '      service: b', ''].join('\n');
    const r = parseCompose(text, 'e.yml', {});
    expect(r.hostServices).toEqual([]);
    expect(r.problems).toEqual([{ file: 'e.yml', line: 6, message: expect.stringContaining('"extends"') }]);
  });
});
