/** main() over injected I/O: the mapping of unexpected errors to exit code 70. */
import { describe, expect, it } from 'vitest';
import { main, type Io } from '../../src/main.js';

function io(argv: string[], stdout: (t: string) => void): Io & { err: string[] } {
  const err: string[] = [];
  return { argv, env: {}, cwd: new URL('../../', import.meta.url).pathname, stdout, stderr: (t) => err.push(t), stdoutIsTTY: false, nodeVersion: 'v20-test', err };
}

describe('main', () => {
  it('maps an unexpected failure to exit 70 with a please-report line', async () => {
    const i = io(['--snapshot', 'fixtures/snapshots/seed-incident.json'], () => {
      throw new TypeError('stdout exploded');
    });
    expect(await main(i)).toBe(70);
    expect(i.err.join('')).toMatch(/^terway-lint: internal error: stdout exploded\nThis is a bug in terway-lint .* \(node v20-test\); please report it/);
    expect(i.err.join('')).not.toMatch(/\n\s+at /);
  });

  it('colours the text report only on a TTY and never with NO_COLOR', async () => {
    const out: string[] = [];
    const tty = { ...io(['--snapshot', 'fixtures/snapshots/seed-incident.json'], (t) => out.push(t)), stdoutIsTTY: true };
    await main(tty);
    expect(out.join('')).toMatch(/\u001b\[31m/);
    const plain: string[] = [];
    await main({ ...io(['--snapshot', 'fixtures/snapshots/seed-incident.json'], (t) => plain.push(t)), stdoutIsTTY: true, env: { NO_COLOR: '1' } });
    expect(plain.join('')).not.toMatch(/\u001b\[/);
  });
});

describe('formats', () => {
  it('the CLI offers exactly the formats the reporters render', async () => {
    const { LINT_FORMATS } = await import('../../src/main.js');
    const { REPORT_FORMATS } = await import('../../src/report/index.js');
    expect([...LINT_FORMATS].sort()).toEqual([...REPORT_FORMATS].sort());
  });
});
