#!/usr/bin/env node
/**
 * terway-lint benchmark. Run with `npm run bench` (builds first), or `node bench/run.mjs` on an
 * existing build. See bench/README.md for what is measured and how to read it.
 *
 *   node bench/run.mjs [--runs N] [--sizes 500,5000] [--seed S] [--profile]
 *
 * Reports; never fails because a target is missed. Exit 1 only when something crashed: the
 * generator, the schema check, or the CLI (exit 2, 70, a signal, or any code other than 0/1/3).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generateSnapshot, serialize } from './generate.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'bench', 'out');
/** BENCH_CLI overrides the CLI under test (e.g. an older build kept elsewhere, for comparison). */
const CLI = process.env.BENCH_CLI ? resolve(process.env.BENCH_CLI) : join(ROOT, 'dist', 'cli.js');
const SCHEMA = join(ROOT, 'dist', 'snapshot', 'schema.js');
const NODE = process.execPath;

/** Lint exit codes that mean "the CLI worked": 0 ready, 1 and 3 findings/incomplete. */
const LINT_OK = new Set([0, 1, 3]);
/** Targets (docs/architecture.md): lint ≤ 3× a bare parse, ≤ 12× growth for 10× nodes, start-up ≤ 2× node. */
const TARGETS = { lintOverParse: 3, growth: 12, startup: 2 };
/** Wall-clock budget for the measured runs; the slowest measurement gets fewer runs past it. */
const BUDGET_MS = 150_000;

/**
 * Peak RSS of a child: a preloaded module (node --import) records process.resourceUsage().maxRSS
 * (getrusage ru_maxrss, KiB on Linux) when the process exits, into the file named by BENCH_RSS_FILE.
 * It needs nothing installed and measures the same process the CLI runs in; GNU time is used only
 * as a cross-check when /usr/bin/time is present.
 */
const RSS_HOOK =
  'data:text/javascript,' +
  encodeURIComponent(
    'import { writeFileSync } from "node:fs";' +
      'process.on("exit", () => { try { writeFileSync(process.env.BENCH_RSS_FILE, String(process.resourceUsage().maxRSS)); } catch {} });',
  );

function parseArgs(argv) {
  const args = { runs: 5, sizes: [500, 5000], seed: 1, profile: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--runs') args.runs = Math.max(1, Number(argv[++i]) | 0);
    else if (a === '--sizes') args.sizes = argv[++i].split(',').map(Number);
    else if (a === '--seed') args.seed = argv[++i];
    else if (a === '--profile') args.profile = true;
    else if (a === '--help' || a === '-h') {
      console.log('usage: node bench/run.mjs [--runs N] [--sizes 500,5000] [--seed S] [--profile]');
      process.exit(0);
    } else throw new Error(`unknown option ${a}`);
  }
  if (args.sizes.length !== 2 || args.sizes.some((n) => !Number.isInteger(n) || n < 2)) {
    throw new Error('--sizes takes two node counts, small,large (e.g. 500,5000)');
  }
  return args;
}

class BenchFailure extends Error {}

const gnuTime = (() => {
  if (!existsSync('/usr/bin/time')) return undefined;
  mkdirSync(OUT, { recursive: true });
  const probe = join(OUT, '.time-probe');
  const r = spawnSync('/usr/bin/time', ['-f', '%M', '-o', probe, NODE, '-e', '0'], { stdio: 'ignore' });
  const ok = r.status === 0 && existsSync(probe) && /^\d+\s*$/.test(readFileSync(probe, 'utf8'));
  rmSync(probe, { force: true });
  return ok ? '/usr/bin/time' : undefined;
})();

/** Runs one child process; returns wall ms, exit code, peak RSS (KiB) when asked, stderr. */
function runOnce(cmd, { rss = false, okCodes = new Set([0]), label }) {
  const rssFile = join(OUT, '.rss');
  const timeFile = join(OUT, '.time');
  rmSync(rssFile, { force: true });
  rmSync(timeFile, { force: true });
  let [file, ...args] = cmd;
  if (rss) {
    args = ['--import', RSS_HOOK, ...args];
    if (gnuTime) {
      args = ['-f', '%M', '-o', timeFile, file, ...args];
      file = gnuTime;
    }
  }
  const env = { ...process.env, BENCH_RSS_FILE: rssFile, NO_COLOR: '1' };
  const t0 = performance.now();
  const r = spawnSync(file, args, { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 << 20 });
  const ms = performance.now() - t0;
  if (r.error) throw new BenchFailure(`${label}: could not start: ${r.error.message}`);
  const stderr = r.stderr.toString();
  // Under GNU time, a child killed by a signal shows as "Command terminated by signal N" and 128+N.
  const signalled = r.signal ?? (/Command terminated by signal (\d+)/.exec(readIf(timeFile) ?? '')?.[1] && 'signal');
  if (signalled || !okCodes.has(r.status)) {
    throw new BenchFailure(
      `${label}: exit ${r.signal ?? r.status} (${cmd.map(show).join(' ')})\n${stderr.trim().split('\n').slice(-15).join('\n')}`,
    );
  }
  const kib = rss ? Number(readIf(rssFile)) || undefined : undefined;
  const timeKib = rss && gnuTime ? Number(/(\d+)\s*$/.exec(readIf(timeFile) ?? '')?.[1]) || undefined : undefined;
  return { ms, code: r.status, kib, timeKib, stderr };
}

/** An argument as shown in messages and results.json: node for this node, paths relative to the repo. */
function show(arg) {
  if (arg === NODE) return 'node';
  return arg.startsWith(`${ROOT}/`) ? relative(ROOT, arg) : arg;
}

function readIf(file) {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

function fmtMs(ms) {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`;
}
function fmtMiB(kib) {
  return kib === undefined ? '–' : `${(kib / 1024).toFixed(0)} MiB`;
}
function fmtInt(n) {
  return n.toLocaleString('en-US');
}
function pad(cells, widths, align) {
  return cells.map((c, i) => (align[i] === 'r' ? String(c).padStart(widths[i]) : String(c).padEnd(widths[i]))).join('  ').trimEnd();
}
function table(header, rows, align) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  return [pad(header, widths, align), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map((r) => pad(r, widths, align))].join('\n');
}

async function validateSnapshot(text, file) {
  if (!existsSync(SCHEMA)) return 'skipped (dist/snapshot/schema.js missing)';
  const { snapshotSchema } = await import(pathToFileURL(SCHEMA).href);
  const { Ajv } = await import('ajv');
  const validate = new Ajv({ allErrors: false, strict: true }).compile(snapshotSchema);
  if (!validate(JSON.parse(text))) {
    throw new BenchFailure(`generated ${file} does not match the snapshot schema: ${JSON.stringify(validate.errors?.slice(0, 3))}`);
  }
  return 'valid';
}

/** Top self-time functions of a .cpuprofile (V8 format written by node --cpu-prof). */
function summariseProfile(file, top = 15) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const dt = new Map();
  // timeDeltas[i] is the time before samples[i]; attribute it to that sample's node.
  profile.samples.forEach((id, i) => dt.set(id, (dt.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const byFn = new Map();
  let total = 0;
  for (const node of profile.nodes) {
    const us = dt.get(node.id) ?? 0;
    total += us;
    const f = node.callFrame;
    const where = f.url ? `${f.url.replace(pathToFileURL(ROOT).href + '/', '')}:${f.lineNumber + 1}` : '';
    const key = `${f.functionName || '(anonymous)'} ${where}`.trim();
    byFn.set(key, (byFn.get(key) ?? 0) + us);
  }
  return [...byFn.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([fn, us]) => ({ fn, ms: us / 1000, share: us / total }));
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  mkdirSync(OUT, { recursive: true });
  if (!existsSync(CLI)) throw new BenchFailure(`${relative(ROOT, CLI)} is missing: run \`npm run build\` (or \`npm run bench\`)`);
  const started = Date.now();
  const loadBefore = loadavg()[0];

  // ── snapshots ──────────────────────────────────────────────────────────────────────────────
  const snapshots = [];
  for (const nodes of args.sizes) {
    const t0 = performance.now();
    const snapshot = generateSnapshot({ nodes, seed: args.seed });
    const text = serialize(snapshot);
    const file = join(OUT, `snapshot-${nodes}.json`);
    writeFileSync(file, text);
    const genMs = performance.now() - t0;
    const schema = await validateSnapshot(text, file);
    snapshots.push({
      nodes,
      file,
      bytes: statSync(file).size,
      pods: snapshot.pods.length,
      vswitches: snapshot.vswitches.length,
      snatEntries: snapshot.snatEntries.length,
      generateMs: Math.round(genMs),
      schema,
    });
    console.error(`generated ${relative(ROOT, file)}: ${fmtInt(nodes)} nodes, ${fmtInt(snapshot.pods.length)} pods, ${(text.length / 1e6).toFixed(1)} MB (${fmtMs(genMs)}, schema ${schema})`);
  }
  const [small, large] = snapshots;

  // ── the CLI's command line ─────────────────────────────────────────────────────────────────
  const help = spawnSync(NODE, [CLI, '--help'], { cwd: ROOT, encoding: 'utf8' });
  const helpText = `${help.stdout ?? ''}${help.stderr ?? ''}`;
  const quiet = /--quiet\b/.test(helpText);
  const lintCmd = (file, output = '/dev/null') => [
    NODE,
    CLI,
    '--snapshot',
    file,
    '--format',
    'json',
    '--output',
    output,
    ...(quiet ? ['--quiet'] : []),
  ];
  const parseCmd = (file) => [NODE, '-e', 'JSON.parse(require("node:fs").readFileSync(process.argv[1], "utf8"))', file];

  // ── warm-up: one unmeasured run of each lint, keeping the result to show what was linted ──
  const warm = {};
  for (const s of snapshots) {
    const resultFile = join(OUT, `result-${s.nodes}.json`);
    const r = runOnce(lintCmd(s.file, resultFile), { okCodes: LINT_OK, label: `lint ${s.nodes} (warm-up)` });
    warm[s.nodes] = r.ms;
    try {
      const result = JSON.parse(readFileSync(resultFile, 'utf8'));
      s.lint = {
        exitCode: r.code,
        verdict: result.verdict,
        findings: result.findings?.length,
        rules: result.rules?.length,
        resultBytes: statSync(resultFile).size,
      };
    } catch (err) {
      s.lint = { exitCode: r.code, note: `result not readable: ${err.message}` };
    }
    console.error(`warm-up lint ${fmtInt(s.nodes)} nodes: ${fmtMs(r.ms)}, exit ${r.code}, ${s.lint.findings ?? '?'} findings`);
  }

  // ── measurements, interleaved round by round so drift hits all of them alike ────────────────
  const measures = [
    { key: 'lintSmall', label: `lint ${fmtInt(small.nodes)} nodes`, cmd: lintCmd(small.file), rss: true, okCodes: LINT_OK },
    { key: 'lintLarge', label: `lint ${fmtInt(large.nodes)} nodes`, cmd: lintCmd(large.file), rss: true, okCodes: LINT_OK },
    { key: 'parseLarge', label: `parse ${fmtInt(large.nodes)} nodes (floor)`, cmd: parseCmd(large.file), rss: true },
    { key: 'version', label: 'node dist/cli.js --version', cmd: [NODE, CLI, '--version'], startup: true },
    { key: 'nodeBare', label: 'node -e 0', cmd: [NODE, '-e', '0'], startup: true },
  ];
  // Runs per measurement: start-up figures are tiny and noisy, so twice as many; the big lint gets
  // fewer when its warm-up says N runs would blow the budget.
  const perRound = warm[small.nodes] + warm[large.nodes] * 1.3 + 200;
  let runs = args.runs;
  while (runs > 1 && perRound * runs > BUDGET_MS) runs--;
  for (const m of measures) {
    m.runs = m.startup ? args.runs * 2 : m.key === 'lintLarge' || m.key === 'parseLarge' ? runs : args.runs;
    m.samples = [];
  }
  const rounds = Math.max(...measures.map((m) => m.runs));
  for (let round = 0; round < rounds; round++) {
    for (const m of measures) {
      if (m.samples.length >= m.runs) continue;
      m.samples.push(runOnce(m.cmd, { rss: m.rss, okCodes: m.okCodes ?? new Set([0]), label: m.label }));
    }
    process.stderr.write(`round ${round + 1}/${rounds} done\n`);
  }
  for (const m of measures) {
    m.medianMs = median(m.samples.map((s) => s.ms));
    m.minMs = Math.min(...m.samples.map((s) => s.ms));
    m.maxMs = Math.max(...m.samples.map((s) => s.ms));
    const kibs = m.samples.map((s) => s.kib).filter((k) => k !== undefined);
    m.peakRssKiB = kibs.length ? median(kibs) : undefined;
    const timeKibs = m.samples.map((s) => s.timeKib).filter((k) => k !== undefined);
    m.gnuTimeRssKiB = timeKibs.length ? median(timeKibs) : undefined;
  }
  const by = Object.fromEntries(measures.map((m) => [m.key, m]));

  const ratios = [
    {
      key: 'lintOverParse',
      label: `lint / parse at ${fmtInt(large.nodes)} nodes`,
      value: by.lintLarge.medianMs / by.parseLarge.medianMs,
      target: TARGETS.lintOverParse,
    },
    {
      key: 'growth',
      label: `growth lint ${fmtInt(large.nodes)} / lint ${fmtInt(small.nodes)}`,
      value: by.lintLarge.medianMs / by.lintSmall.medianMs,
      target: TARGETS.growth,
    },
    { key: 'startup', label: 'start-up --version / node -e 0', value: by.version.medianMs / by.nodeBare.medianMs, target: TARGETS.startup },
  ].map((r) => ({ ...r, met: r.value <= r.target }));

  // ── optional CPU profile of the big lint ─────────────────────────────────────────────────────
  let profile;
  if (args.profile) {
    const dir = join(OUT, 'profile');
    rmSync(dir, { recursive: true, force: true });
    const [node, ...rest] = lintCmd(large.file);
    runOnce([node, '--cpu-prof', '--cpu-prof-dir', dir, ...rest], { okCodes: LINT_OK, label: 'profiled lint' });
    const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
    profile = { file: relative(ROOT, join(dir, file)), top: summariseProfile(join(dir, file)) };
  }

  // ── report ──────────────────────────────────────────────────────────────────────────────────
  const loadAfter = loadavg()[0];
  const env = {
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    memoryGiB: +(totalmem() / 2 ** 30).toFixed(1),
    loadAverage1m: { before: +loadBefore.toFixed(2), after: +loadAfter.toFixed(2) },
    rssMethod: `process.resourceUsage().maxRSS via node --import hook${gnuTime ? '; GNU time %M as cross-check' : ''}`,
    cliArgs: lintCmd('FILE').slice(1).map(show).join(' '),
  };
  const lines = [];
  lines.push(`terway-lint bench — node ${env.node}, ${env.platform}, ${env.cpus} CPU (${env.cpuModel ?? '?'}), ${new Date().toISOString()}`);
  lines.push(`lint command: node ${env.cliArgs}`);
  if (Math.max(loadBefore, loadAfter) > env.cpus) {
    lines.push(
      `warning: the machine was busy (1-minute load ${loadBefore.toFixed(1)} before, ${loadAfter.toFixed(1)} after, ${env.cpus} CPUs): figures are noisy; compare min columns or re-run`,
    );
  }
  lines.push('');
  lines.push(
    table(
      ['snapshot', 'nodes', 'pods', 'size', 'verdict', 'findings', 'exit'],
      snapshots.map((s) => [
        relative(ROOT, s.file),
        fmtInt(s.nodes),
        fmtInt(s.pods),
        `${(s.bytes / 1e6).toFixed(1)} MB`,
        s.lint?.verdict ?? '?',
        s.lint?.findings ?? '?',
        s.lint?.exitCode ?? '?',
      ]),
      ['l', 'r', 'r', 'r', 'l', 'r', 'r'],
    ),
  );
  lines.push('');
  lines.push(
    table(
      ['measure', 'median', 'min', 'max', 'runs', 'peak RSS'],
      measures.map((m) => [m.label, fmtMs(m.medianMs), fmtMs(m.minMs), fmtMs(m.maxMs), m.samples.length, fmtMiB(m.peakRssKiB)]),
      ['l', 'r', 'r', 'r', 'r', 'r'],
    ),
  );
  lines.push('');
  lines.push(
    table(
      ['ratio', 'value', 'target', 'met'],
      ratios.map((r) => [r.label, `${r.value.toFixed(2)}×`, `≤ ${r.target}×`, r.met ? 'yes' : 'NO']),
      ['l', 'r', 'r', 'l'],
    ),
  );
  if (profile) {
    lines.push('');
    lines.push(`CPU profile of lint ${fmtInt(large.nodes)} nodes (${profile.file}), top self time:`);
    lines.push(
      table(
        ['function', 'self', 'share'],
        profile.top.map((t) => [t.fn, fmtMs(t.ms), `${(t.share * 100).toFixed(1)}%`]),
        ['l', 'r', 'r'],
      ),
    );
  }
  lines.push('');
  lines.push(`total bench time ${fmtMs(Date.now() - started)}; details in ${relative(ROOT, join(OUT, 'results.json'))}`);
  console.log(lines.join('\n'));

  const round1 = (x) => (x === undefined ? undefined : Math.round(x * 10) / 10);
  const results = {
    createdAt: new Date().toISOString(),
    environment: env,
    snapshots: snapshots.map((s) => ({ ...s, file: relative(ROOT, s.file) })),
    measurements: Object.fromEntries(
      measures.map((m) => [
        m.key,
        {
          label: m.label,
          command: m.cmd.map(show).join(' '),
          runs: m.samples.length,
          medianMs: round1(m.medianMs),
          minMs: round1(m.minMs),
          maxMs: round1(m.maxMs),
          samplesMs: m.samples.map((s) => round1(s.ms)),
          ...(m.rss ? { peakRssKiB: m.peakRssKiB, samplesRssKiB: m.samples.map((s) => s.kib) } : {}),
          ...(m.gnuTimeRssKiB !== undefined ? { gnuTimeRssKiB: m.gnuTimeRssKiB } : {}),
        },
      ]),
    ),
    ratios: Object.fromEntries(ratios.map((r) => [r.key, { label: r.label, value: +r.value.toFixed(3), target: r.target, met: r.met }])),
    ...(profile ? { profile } : {}),
    totalMs: Date.now() - started,
  };
  writeFileSync(join(OUT, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
}

main().catch((err) => {
  console.error(err instanceof BenchFailure ? `bench failed: ${err.message}` : err);
  process.exit(1);
});
