/** Variable interpolation, alone and inside ports (unresolved → a problem at the exact line, entry skipped). */
import { describe, expect, it } from 'vitest';
import { interpolate } from '../../../src/collect/compose/interpolate.js';
import { parseCompose } from '../../../src/collect/compose/read.js';

const env = { PORT: '6380', EMPTY: '', IP: '10.0.0.9', PROTO: 'udp' };

describe('interpolate', () => {
  const ok: [string, string][] = [
    ['${PORT}', '6380'],
    ['$PORT', '6380'],
    ['$PORT:6379', '6380:6379'],
    ['${PORT}:6379', '6380:6379'],
    ['${UNSET:-6379}:6379', '6379:6379'],
    ['${EMPTY:-6379}', '6379'],
    ['${EMPTY-6379}', ''],
    ['${UNSET-6379}', '6379'],
    ['${PORT:-1}', '6380'],
    ['${PORT-1}', '6380'],
    ['${UNSET:-${PORT}}', '6380'],
    ['${UNSET:-${ALSO_UNSET:-7}}', '7'],
    ['${PORT:+9000}', '9000'],
    ['${EMPTY:+9000}', ''],
    ['${EMPTY+9000}', '9000'],
    ['${UNSET+9000}', ''],
    ['${PORT:?port needed}', '6380'],
    ['$$PORT', '$PORT'],
    ['a$${PORT}b', 'a${PORT}b'],
    ['${IP}:${PORT}:80/${PROTO}', '10.0.0.9:6380:80/udp'],
    ['no variables', 'no variables'],
  ];
  it.each(ok)('%s → %s', (text, value) => {
    expect(interpolate(text, env)).toEqual({ ok: true, value });
  });

  const bad: [string, string][] = [
    ['${UNSET}', 'variable UNSET is not set'],
    ['$UNSET:80', 'variable UNSET is not set'],
    ['${UNSET:-${ALSO_UNSET}}', 'variable ALSO_UNSET is not set'],
    ['${UNSET:?set it}', 'required variable UNSET is not set: set it'],
    ['${EMPTY:?set it}', 'required variable EMPTY is empty: set it'],
    ['${UNSET?}', 'required variable UNSET is not set'],
    ['${PORT', 'unterminated'],
    ['${1X}', 'invalid interpolation'],
    ['${PORT:=1}', 'invalid interpolation'],
    ['$ 80', 'invalid interpolation'],
  ];
  it.each(bad)('%s fails: %s', (text, message) => {
    const r = interpolate(text, env);
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.message).toContain(message);
  });
});

describe('interpolation in compose files', () => {
  const text = [
    'services:', // 1
    '  cache:', // 2
    '    image: redis', // 3
    '    ports:', // 4
    '      - "${REDIS_PORT:-6379}:6379"', // 5
    '      - "${BIND_IP}:${METRICS_PORT}:9121"', // 6
    '      - target: 80', // 7
    '        published: $WEB', // 8
    '      - "$${literal}:1"', // 9
    '      - "${HOST_PORT}:443"', // 10
    '',
  ].join('\n');

  it('resolves from env; an unset variable is a problem naming file and line, and that port is skipped', () => {
    const { hostServices, problems } = parseCompose(text, 'app/compose.yaml', { BIND_IP: '127.0.0.1', WEB: '8088' });
    expect(hostServices.map((s) => [s.id, s.line, s.hostIp])).toEqual([
      ['app/compose.yaml#cache/6379/tcp', 5, ''],
      ['app/compose.yaml#cache/8088/tcp', 8, ''],
    ]);
    expect(problems).toEqual([
      { file: 'app/compose.yaml', line: 6, message: expect.stringContaining('variable METRICS_PORT is not set') },
      { file: 'app/compose.yaml', line: 9, message: expect.stringContaining('"${literal}:1"') },
      { file: 'app/compose.yaml', line: 10, message: expect.stringContaining('variable HOST_PORT is not set; entry skipped') },
    ]);
  });

  it('uses the environment values when set', () => {
    const { hostServices, problems } = parseCompose(text, 'c.yml', { REDIS_PORT: '16379', BIND_IP: '127.0.0.1', METRICS_PORT: '9121', WEB: '80', HOST_PORT: '8443' });
    expect(hostServices.map((s) => `${s.hostIp}:${s.hostPort}@${s.line}`)).toEqual([':16379@5', ':80@8', ':8443@10', '127.0.0.1:9121@6']);
    expect(problems).toHaveLength(1); // the literal "${literal}" is not a port
  });
});
