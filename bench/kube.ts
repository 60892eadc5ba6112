/**
 * terway-lint Kubernetes collection benchmark (issue #4): readCluster, with the real
 * @kubernetes/client-node, reads a 2,000-node / 60,000-pod cluster from fake-kube. See
 * bench/README.md ("Kubernetes collection benchmark").
 *
 *   npm run build && tsc -p tsconfig.bench.json && node bench/out/build/bench/kube.js
 *        [--runs 3] [--nodes 2000] [--pods 60000] [--seed 1] [--growth 4]
 *
 * The parent serves the cluster (bench/kube-scenario.ts, pods built lazily page by page) and runs
 * every measurement in a fresh child process (this file with `--child MODE`), so a child's peak
 * RSS is its own and never the server's:
 *
 *   floor    load readCluster's modules (and with them @kubernetes/client-node), build the
 *            KubeConfig, exit: the RSS a collector has before it reads anything;
 *   collect  readCluster against fake-kube;
 *   fetch    the same requests with plain fetch + JSON.parse, every page discarded: the transport
 *            and parse cost no client can avoid.
 *
 * `collect` also runs against a cluster `--growth` times smaller (served by a second fake-kube), to
 * show what the extra pods cost in RSS against the JSON they add.
 *
 * Reports the requests made against the fewest the lists allow (⌈items/500⌉ a list, 1 a GET, from
 * fake-kube's call log); the collector's peak RSS above the floor against the raw list JSON served;
 * the time per 1,000 pods and its ratio to the fetch + parse floor. Exit 1 when something crashed
 * or a correctness check failed (counts, errors, requests ≠ minimum, content ≠ what was served);
 * a missed performance target is printed as MISSED and never changes the exit code.
 */
import { createHash } from 'node:crypto';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { ServerResponse } from 'node:http';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KubeConfig } from '@kubernetes/client-node';
import { readCluster, type KubeSections } from '../src/collect/kube/read.js';
import { FAKE_KUBE_TOKEN, startFakeKube, type FakeKube, type KubeCall } from '../test/fake-kube/server.js';
import { KUBE_BENCH_DEFAULTS, kubeBenchCluster, type KubeBenchCluster } from './kube-scenario.js';
import { fmtMs, fmtX, median, table } from './report-format.js';

/** The repository: the nearest directory up from here with terway-lint's package.json. */
function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'terway-lint') return dir;
    if (dirname(dir) === dir) throw new Error('cannot find the terway-lint repository above bench/');
  }
}
const SELF = fileURLToPath(import.meta.url);
const ROOT = findRoot(dirname(SELF));
const OUT = join(ROOT, 'bench', 'out');
/** Items per list page the issue counts with (and readCluster's default `limit`). */
const PAGE = 500;
const CHILD_TIMEOUT_MS = 180_000;
const MiB = 1024 * 1024;

class BenchFailure extends Error {}

// ── what a child reports ────────────────────────────────────────────────────────────────────────

type Mode = 'floor' | 'collect' | 'fetch';

interface ChildReport {
  mode: Mode;
  /** process.resourceUsage().maxRSS (getrusage ru_maxrss), KiB; taken right after the work. */
  maxRssKiB: number;
  /** Process start to the KubeConfig built: node's start-up and loading the modules. */
  loadMs: number;
  /** The work itself (collect: readCluster; fetch: every request), wall and CPU (user + system). */
  wallMs?: number;
  cpuMs?: number;
  /** process.memoryUsage() right after the work, and heapUsed after a full GC (what stays). */
  memory?: { heapUsedMiB: number; externalMiB: number; arrayBuffersMiB: number; retainedHeapMiB: number };
  collect?: {
    counts: { nodes: number; pods: number; networkPolicies: number; eniConfig: 'present' | 'null' | 'absent'; other: Record<string, number> };
    errors: KubeSections['errors'];
    stats: KubeSections['stats'];
    digests: Record<DigestSection, string>;
    /** JSON size of the reduced sections: what the collector keeps. */
    reducedBytes: number;
  };
  fetch?: { requests: number; items: Record<string, number>; bytes: number };
}

// ── content digests: what readCluster returned against what was served ─────────────────────────

type DigestSection = 'nodes' | 'pods' | 'networkPolicies';
/** The fields the bench checks; anything the collector adds later is left out of the comparison. */
const DIGEST_KEYS: Record<DigestSection, readonly string[]> = {
  pods: ['id', 'clusterId', 'nodeName', 'ownerKind', 'hostNetwork', 'hostPorts', 'phase'],
  nodes: ['clusterId', 'name', 'instanceId', 'providerId', 'zoneId', 'instanceType', 'nodePoolId', 'privateIp', 'kernelVersion', 'osImage', 'allocatablePods'],
  networkPolicies: ['id', 'clusterId', 'policyTypes'],
};

function canonicalLines(section: DigestSection, items: readonly object[]): string[] {
  const keys = DIGEST_KEYS[section];
  return items
    .map((item) => {
      const o = item as Record<string, unknown>;
      const picked: Record<string, unknown> = {};
      for (const k of keys) {
        const v = o[k];
        if (v === undefined) continue;
        picked[k] = k === 'hostPorts' ? (v as Record<string, unknown>[]).map((h) => ({ containerPort: h['containerPort'], hostPort: h['hostPort'], protocol: h['protocol'] })) : v;
      }
      return JSON.stringify(picked);
    })
    .sort();
}

const sha256 = (lines: string[]) => createHash('sha256').update(lines.join('\n')).digest('hex');

// ── children ────────────────────────────────────────────────────────────────────────────────────

function kubeConfigFor(server: string, token: string): KubeConfig {
  // As test/collect/kube/read.test.ts: plain HTTP on loopback, a bearer token.
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'fake', server, skipTLSVerify: true }],
    users: [{ name: 'bench', token }],
    contexts: [{ name: 'fake', cluster: 'fake', user: 'bench' }],
    currentContext: 'fake',
  });
  return kc;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

function memoryNow(): Omit<NonNullable<ChildReport['memory']>, 'retainedHeapMiB'> {
  const m = process.memoryUsage();
  return { heapUsedMiB: round1(m.heapUsed / MiB), externalMiB: round1(m.external / MiB), arrayBuffersMiB: round1(m.arrayBuffers / MiB) };
}

function retainedHeapMiB(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  return round1(process.memoryUsage().heapUsed / MiB);
}

async function child(mode: Mode): Promise<ChildReport> {
  const server = process.env.BENCH_KUBE_SERVER ?? '';
  const token = process.env.BENCH_KUBE_TOKEN ?? '';
  const clusterId = process.env.BENCH_KUBE_CLUSTER ?? '';
  const kc = kubeConfigFor(server, token);
  // performance.now() counts from the process's start: node itself, then loading every module.
  const load = round1(performance.now());
  if (mode === 'floor') return { mode, maxRssKiB: process.resourceUsage().maxRSS, loadMs: load, memory: { ...memoryNow(), retainedHeapMiB: retainedHeapMiB() } };

  if (mode === 'collect') {
    const cpu0 = process.cpuUsage();
    const w0 = performance.now();
    const r = await readCluster(kc, clusterId);
    const wallMs = performance.now() - w0;
    const cpu = process.cpuUsage(cpu0);
    const maxRssKiB = process.resourceUsage().maxRSS;
    const mem = memoryNow();
    // Everything below happens after the peak was read: it does not count.
    const digests = {} as Record<DigestSection, string>;
    const dump = process.env.BENCH_KUBE_DUMP;
    const dumped: Record<string, string[]> = {};
    for (const s of Object.keys(DIGEST_KEYS) as DigestSection[]) {
      const lines = canonicalLines(s, (r[s] as object[] | undefined) ?? []);
      digests[s] = sha256(lines);
      if (dump) dumped[s] = lines;
    }
    if (dump) writeFileSync(dump, JSON.stringify(dumped));
    const { errors, stats, nodes, pods, networkPolicies, eniConfig, ...rest } = r;
    const other: Record<string, number> = {};
    for (const [k, v] of Object.entries(rest)) if (Array.isArray(v)) other[k] = v.length;
    const reducedBytes = Buffer.byteLength(JSON.stringify({ nodes, pods, networkPolicies, eniConfig, ...rest }));
    return {
      mode,
      maxRssKiB,
      loadMs: load,
      wallMs: round1(wallMs),
      cpuMs: round1((cpu.user + cpu.system) / 1000),
      memory: { ...mem, retainedHeapMiB: retainedHeapMiB() },
      collect: {
        counts: { nodes: nodes?.length ?? -1, pods: pods?.length ?? -1, networkPolicies: networkPolicies?.length ?? -1, eniConfig: eniConfig === undefined ? 'absent' : eniConfig === null ? 'null' : 'present', other },
        errors,
        stats,
        digests,
        reducedBytes,
      },
    };
  }

  // fetch: the collector's requests, made with fetch + JSON.parse, nothing kept.
  const endpoints = JSON.parse(process.env.BENCH_KUBE_ENDPOINTS ?? '[]') as Endpoint[];
  const headers = { authorization: `Bearer ${token}`, accept: 'application/json' };
  let requests = 0;
  let bytes = 0;
  const items: Record<string, number> = {};
  const get = async (url: string): Promise<{ items?: unknown[]; metadata?: { continue?: string } }> => {
    requests++;
    const res = await fetch(url, { headers });
    const text = await res.text();
    bytes += Buffer.byteLength(text);
    if (res.status !== 200) throw new Error(`fetch floor: ${url} answered ${res.status}`);
    return JSON.parse(text) as { items?: unknown[]; metadata?: { continue?: string } };
  };
  const cpu0 = process.cpuUsage();
  const w0 = performance.now();
  await Promise.all(
    endpoints.map(async (e) => {
      if (e.kind === 'get') {
        await get(`${server}${e.path}`);
        return;
      }
      let cont: string | undefined;
      let n = 0;
      do {
        const body = await get(`${server}${e.path}?limit=${e.limit ?? PAGE}${cont ? `&continue=${encodeURIComponent(cont)}` : ''}`);
        n += body.items?.length ?? 0;
        cont = body.metadata?.continue || undefined;
      } while (cont);
      items[e.path] = n;
    }),
  );
  const wallMs = performance.now() - w0;
  const cpu = process.cpuUsage(cpu0);
  const maxRssKiB = process.resourceUsage().maxRSS;
  return { mode, maxRssKiB, loadMs: load, wallMs: round1(wallMs), cpuMs: round1((cpu.user + cpu.system) / 1000), memory: { ...memoryNow(), retainedHeapMiB: retainedHeapMiB() }, fetch: { requests, items, bytes } };
}

// ── the parent ──────────────────────────────────────────────────────────────────────────────────

interface Args {
  runs: number;
  nodes: number;
  pods: number;
  seed: number;
  /** Also collect a cluster this many times smaller (0 or 1: not), for how RSS grows with pods. */
  growth: number;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { runs: 3, nodes: KUBE_BENCH_DEFAULTS.nodes, pods: KUBE_BENCH_DEFAULTS.pods, seed: KUBE_BENCH_DEFAULTS.seed, growth: 4 };
  const num = (i: number, flag: string) => {
    const v = Number(argv[i]);
    if (argv[i] === undefined || !Number.isInteger(v) || v < 0) throw new BenchFailure(`${flag} takes a whole number`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const f = argv[i];
    if (f === '--runs') a.runs = Math.max(1, num(++i, f));
    else if (f === '--nodes') a.nodes = Math.max(1, num(++i, f));
    else if (f === '--pods') a.pods = num(++i, f);
    else if (f === '--seed') a.seed = num(++i, f);
    else if (f === '--growth') a.growth = num(++i, f);
    else if (f === '--help' || f === '-h') {
      console.log('usage: node bench/out/build/bench/kube.js [--runs 3] [--nodes 2000] [--pods 60000] [--seed 1] [--growth 4]');
      process.exit(0);
    } else throw new BenchFailure(`unknown option ${f} (try --help)`);
  }
  return a;
}

/** A Kubernetes API path is a list (…/<resource>) or a GET of one object (…/<resource>/<name>). */
function endpointKind(path: string): 'list' | 'get' {
  const m = /^\/(?:api\/v1|apis\/[^/]+\/[^/]+)\/(.*)$/.exec(path);
  const parts = (m?.[1] ?? '').split('/').filter(Boolean);
  const rest = parts[0] === 'namespaces' && parts.length >= 3 ? parts.slice(2) : parts;
  return rest.length === 1 ? 'list' : 'get';
}

interface Endpoint {
  path: string;
  kind: 'list' | 'get';
  limit?: number;
}

/** One answer fake-kube sent, seen from outside it (ServerResponse.prototype.end, wrapped). */
interface Served {
  path: string;
  continued: boolean;
  status: number;
  bytes: number;
  /** For the first page of a list the scenario does not size: items + remainingItemCount. */
  listTotal?: number;
}

/**
 * Watches every answer this process's HTTP servers send (only fake-kube runs here): body size, and
 * for a list the scenario cannot size, its total from the first page. fake-kube is not touched.
 */
function watchAnswers(known: Record<string, number>): { take(): Served[] } {
  let served: Served[] = [];
  const end = ServerResponse.prototype.end;
  ServerResponse.prototype.end = function (this: ServerResponse, ...args: unknown[]) {
    const chunk = args[0];
    if (typeof chunk === 'string' || Buffer.isBuffer(chunk)) {
      const url = new URL(this.req?.url ?? '/', 'http://127.0.0.1');
      const continued = url.searchParams.has('continue');
      const s: Served = { path: url.pathname, continued, status: this.statusCode, bytes: Buffer.byteLength(chunk) };
      if (s.status === 200 && !continued && endpointKind(s.path) === 'list' && known[s.path] === undefined) {
        try {
          const body = JSON.parse(chunk.toString()) as { items?: unknown[]; metadata?: { remainingItemCount?: number } };
          s.listTotal = (body.items?.length ?? 0) + (body.metadata?.remainingItemCount ?? 0);
        } catch {
          /* not JSON: left unsized */
        }
      }
      served.push(s);
    }
    return (end as (...a: unknown[]) => ServerResponse).apply(this, args);
  } as typeof end;
  return {
    take: () => {
      const out = served;
      served = [];
      return out;
    },
  };
}

interface Run {
  mode: Mode;
  size: Size['label'];
  round: number;
  report: ChildReport;
  /** fake-kube's call log during the run. */
  calls: KubeCall[];
  served: Served[];
  processMs: number;
}

function runChild(mode: Mode, env: Record<string, string>): Promise<{ report: ChildReport; ms: number }> {
  return new Promise((resolveRun, reject) => {
    const t0 = performance.now();
    const c = spawn(process.execPath, ['--expose-gc', SELF, '--child', mode], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    c.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    c.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => c.kill('SIGKILL'), CHILD_TIMEOUT_MS);
    c.on('error', (e) => {
      clearTimeout(timer);
      reject(new BenchFailure(`could not start the ${mode} child: ${e.message}`));
    });
    c.on('close', (code, signal) => {
      clearTimeout(timer);
      const ms = performance.now() - t0;
      const line = stdout.trim().split('\n').reverse().find((l) => l.startsWith('{'));
      if (code !== 0 || signal || !line) {
        reject(new BenchFailure(`the ${mode} child ended with ${signal ?? `exit ${code}`}${line ? '' : ' and no report'}\n${stderr.trim().split('\n').slice(-15).join('\n')}`));
        return;
      }
      resolveRun({ report: JSON.parse(line) as ChildReport, ms });
    });
  });
}

const fmtMiB = (bytes: number) => `${(bytes / MiB).toFixed(1)} MiB`;
const fmtN = (n: number) => n.toLocaleString('en-US');

interface MinimumRow {
  endpoint: string;
  kind: 'list' | 'get';
  items?: number;
  min: number;
  made: number;
  limits: string;
}

/** The fewest requests for what the collector read, from fake-kube's log: ⌈items/500⌉ a list (≥ 1), 1 a GET. */
function minimumOf(calls: KubeCall[], served: Served[], cluster: KubeBenchCluster): MinimumRow[] {
  const byPath = new Map<string, KubeCall[]>();
  for (const c of calls) {
    const g = byPath.get(c.path);
    if (g) g.push(c);
    else byPath.set(c.path, [c]);
  }
  return [...byPath.entries()].map(([path, cs]) => {
    const kind = endpointKind(path);
    if (kind === 'get') return { endpoint: path, kind, min: 1, made: cs.length, limits: '' };
    const items = cluster.listSizes[path] ?? served.find((s) => s.path === path && s.listTotal !== undefined)?.listTotal;
    const limits = [...new Set(cs.map((c) => c.limit ?? 'none'))].join(',');
    return { endpoint: path, kind, ...(items !== undefined ? { items } : {}), min: items === undefined ? 1 : Math.max(1, Math.ceil(items / PAGE)), made: cs.length, limits };
  });
}

/** One cluster size: its scenario, what readCluster must return, and the fake-kube serving it. */
interface Size {
  label: 'full' | 'small';
  cluster: KubeBenchCluster;
  expected: Record<DigestSection, string[]>;
  expectedDigest: Record<DigestSection, string>;
  generateMs: number;
  kube?: FakeKube;
}

function sizeOf(label: Size['label'], nodes: number, pods: number, seed: number): Size {
  const g0 = performance.now();
  const cluster = kubeBenchCluster({ nodes, pods, seed });
  const generateMs = performance.now() - g0;
  const expected: Record<DigestSection, string[]> = {
    nodes: canonicalLines('nodes', cluster.expected.nodes),
    pods: canonicalLines('pods', cluster.expected.pods),
    networkPolicies: canonicalLines('networkPolicies', cluster.expected.networkPolicies),
  };
  const expectedDigest = Object.fromEntries(Object.entries(expected).map(([k, v]) => [k, sha256(v)])) as Record<DigestSection, string>;
  return { label, cluster, expected, expectedDigest, generateMs };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  mkdirSync(OUT, { recursive: true });
  const started = Date.now();
  const loadBefore = loadavg()[0]!;

  const full = sizeOf('full', args.nodes, args.pods, args.seed);
  const small = args.growth > 1 ? sizeOf('small', Math.max(1, Math.round(args.nodes / args.growth)), Math.round(args.pods / args.growth), args.seed) : undefined;
  const sizes = [full, ...(small ? [small] : [])];
  const cluster = full.cluster;
  // Warm the generator and JSON.stringify in this process, so the first measured run does not pay
  // for their compilation.
  for (let o = 0; o < Math.min(cluster.counts.pods, 10 * PAGE); o += PAGE) JSON.stringify(cluster.scenario.pods.slice(o, o + PAGE));

  const answers = watchAnswers({ ...cluster.listSizes });
  for (const s of sizes) s.kube = await startFakeKube(s.cluster.scenario);
  const dumpFile = join(OUT, 'kube-collected.json');
  const runs: Run[] = [];
  let endpoints: Endpoint[] | undefined;
  const once = async (mode: Mode, round: number, size: Size) => {
    const kube = size.kube!;
    const from = kube.calls.length;
    answers.take();
    const dump = mode === 'collect' && round === 1 && size === full;
    const extra: Record<string, string> = mode === 'fetch' ? { BENCH_KUBE_ENDPOINTS: JSON.stringify(endpoints ?? []) } : dump ? { BENCH_KUBE_DUMP: dumpFile } : {};
    if (dump) rmSync(dumpFile, { force: true });
    const { report, ms } = await runChild(mode, { BENCH_KUBE_SERVER: kube.server, BENCH_KUBE_TOKEN: FAKE_KUBE_TOKEN, BENCH_KUBE_CLUSTER: size.cluster.clusterId, ...extra });
    const run: Run = { mode, size: size.label, round, report, calls: kube.calls.slice(from), served: answers.take(), processMs: ms };
    runs.push(run);
    if (mode === 'collect' && size === full && !endpoints) {
      const seen = new Map<string, Endpoint>();
      for (const c of run.calls) if (c.status === 200 && !seen.has(c.path)) seen.set(c.path, { path: c.path, kind: endpointKind(c.path), ...(c.limit !== undefined ? { limit: c.limit } : {}) });
      endpoints = [...seen.values()];
    }
    const label = size === full ? mode : `${mode} (${fmtN(size.cluster.counts.pods)} pods)`;
    process.stderr.write(`  ${label} ${round}: ${report.wallMs !== undefined ? fmtMs(report.wallMs) : fmtMs(ms)}, peak RSS ${fmtMiB(report.maxRssKiB * 1024)}\n`);
    return run;
  };
  process.stderr.write(
    `kube bench: ${fmtN(cluster.counts.nodes)} nodes, ${fmtN(cluster.counts.pods)} pods; ${args.runs} rounds of collect, fetch, floor${small ? `, collect at ${fmtN(small.cluster.counts.pods)} pods` : ''}\n`,
  );
  try {
    // Interleaved round by round, so a slow patch on the machine touches every measurement alike.
    for (let round = 1; round <= args.runs; round++) {
      await once('collect', round, full);
      await once('fetch', round, full);
      await once('floor', round, full);
      if (small) await once('collect', round, small);
    }
  } finally {
    for (const s of sizes) await s.kube?.close();
  }

  // ── figures ──
  const of = (mode: Mode, size: Size = full) => runs.filter((r) => r.mode === mode && r.size === size.label);
  const collects = of('collect');
  const fetches = of('fetch');
  const floors = of('floor');
  const first = collects[0]!;
  const minimumFor = (s: Size) => {
    const r = of('collect', s)[0]!;
    const rows = minimumOf(r.calls, r.served, s.cluster);
    return { rows, total: rows.reduce((sum, m) => sum + m.min, 0) };
  };
  const minimum = minimumFor(full);
  const minTotal = minimum.total;
  const listBytes = (r: Run) => r.served.filter((s) => s.status === 200 && endpointKind(s.path) === 'list').reduce((s, x) => s + x.bytes, 0);
  const podBytes = (r: Run) => r.served.filter((s) => s.status === 200 && s.path === '/api/v1/pods').reduce((s, x) => s + x.bytes, 0);
  const rawList = median(collects.map(listBytes));
  const rawPods = median(collects.map(podBytes));
  const rss = (rs: Run[]) => median(rs.map((r) => r.report.maxRssKiB * 1024));
  const floorRss = rss(floors);
  const collectRss = rss(collects);
  const fetchRss = rss(fetches);
  const aboveFloor = collectRss - floorRss;
  const retainedOf = (rs: Run[]) => median(rs.map((r) => r.report.memory!.retainedHeapMiB));
  /** Heap that survives a full GC after readCluster, above the floor's: what the collector keeps. */
  const keptMiB = round1(retainedOf(collects) - retainedOf(floors));
  const rssRatio = aboveFloor / rawList;
  const wall = (rs: Run[]) => median(rs.map((r) => r.report.wallMs!));
  const cpuOf = (rs: Run[]) => median(rs.map((r) => r.report.cpuMs!));
  const collectWall = wall(collects);
  const fetchWall = wall(fetches);
  const kPods = cluster.counts.pods / 1000;
  const msPer1000 = collectWall / kPods;
  const timeRatio = collectWall / fetchWall;
  const cpuRatio = cpuOf(collects) / cpuOf(fetches);
  const made = median(collects.map((r) => r.calls.length));
  // Growth: what the extra pods of the full size cost in RSS, against the raw JSON they add.
  const smallCollects = small ? of('collect', small) : [];
  const growth = small
    ? (() => {
        const raw = median(smallCollects.map(listBytes));
        const peak = rss(smallCollects);
        return { pods: small.cluster.counts.pods, raw, peak, deltaRss: collectRss - peak, deltaRaw: rawList - raw, ratio: (collectRss - peak) / (rawList - raw), wallMs: wall(smallCollects) };
      })()
    : undefined;

  // ── correctness ──
  const failures: string[] = [];
  for (const s of sizes) {
    const min = s === full ? minimum : minimumFor(s);
    for (const r of of('collect', s)) {
      const c = r.report.collect!;
      const n = s.cluster.counts;
      const tag = s === full ? `collect ${r.round}` : `collect ${fmtN(n.pods)} pods ${r.round}`;
      if (c.counts.nodes !== n.nodes) failures.push(`${tag}: ${c.counts.nodes} nodes, served ${n.nodes}`);
      if (c.counts.pods !== n.pods) failures.push(`${tag}: ${c.counts.pods} pods, served ${n.pods}`);
      if (c.counts.networkPolicies !== n.networkPolicies) failures.push(`${tag}: ${c.counts.networkPolicies} NetworkPolicies, served ${n.networkPolicies}`);
      if (c.counts.eniConfig !== 'present') failures.push(`${tag}: eni-config ${c.counts.eniConfig}`);
      if (c.errors.length) failures.push(`${tag}: ${c.errors.length} errors: ${c.errors.map((e) => `${e.source} ${e.kind} ${e.code ?? ''} ${e.message}`).join('; ')}`);
      if (c.stats.requests !== r.calls.length) failures.push(`${tag}: readCluster counted ${c.stats.requests} requests, fake-kube logged ${r.calls.length}`);
      if (r.calls.length !== min.total) failures.push(`${tag}: ${r.calls.length} requests, the minimum is ${min.total}`);
      if (c.stats.restarts) failures.push(`${tag}: ${c.stats.restarts} lists restarted`);
      for (const d of Object.keys(s.expectedDigest) as DigestSection[]) {
        if (c.digests[d] !== s.expectedDigest[d]) failures.push(`${tag}: ${d} differ from what was served${r === first ? ` (${diffHint(d, s.expected[d], dumpFile)})` : ''}`);
      }
    }
  }
  for (const r of fetches) {
    for (const [path, n] of Object.entries(cluster.listSizes)) {
      const got = r.report.fetch!.items[path];
      if (got !== undefined && got !== n) failures.push(`fetch ${r.round}: ${path} gave ${got} items, served ${n}`);
    }
    if (r.report.fetch!.requests !== first.calls.length) failures.push(`fetch ${r.round}: ${r.report.fetch!.requests} requests, the collector made ${first.calls.length}`);
  }

  // ── print ──
  const lines: string[] = [];
  const envInfo = { node: process.version, platform: `${process.platform} ${process.arch}`, cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGiB: round1(totalmem() / 1024 ** 3) };
  lines.push(`terway-lint Kubernetes collection bench — node ${envInfo.node}, ${envInfo.platform}, ${envInfo.cpus} CPU (${envInfo.cpuModel ?? '?'}), ${envInfo.memoryGiB} GiB, ${new Date().toISOString()}`);
  const cnt = cluster.counts;
  lines.push(
    `cluster ${cluster.clusterId} (seed ${args.seed}): ${fmtN(cnt.nodes)} nodes, ${fmtN(cnt.pods)} pods (${fmtN(cnt.daemonSetPods)} DaemonSet, ${fmtN(cnt.hostNetworkPods)} hostNetwork, ${cnt.hostPortPods} with a hostPort, ${cnt.pendingPods} Pending) in ${fmtN(cnt.workloads)} workloads and ${cnt.namespaces} namespaces, ${cnt.networkPolicies} NetworkPolicies, ${(cluster.scenario.daemonSets ?? []).length} kube-system DaemonSets, ${Object.keys(cluster.scenario.configMaps).length} ConfigMaps; built in ${fmtMs(full.generateMs)}, pods built as each page is served`,
  );
  lines.push(
    `raw list JSON served to the collector: ${fmtMiB(rawList)} (pods ${fmtMiB(rawPods)}, ${fmtN(Math.round(rawPods / cnt.pods))} bytes a pod on average); the reduced sections it returns: ${fmtMiB(first.report.collect!.reducedBytes)} of JSON`,
  );
  const loadAfter = loadavg()[0]!;
  if (Math.max(loadBefore, loadAfter) > envInfo.cpus) lines.push(`warning: the machine was busy (1-minute load ${loadBefore.toFixed(1)} → ${loadAfter.toFixed(1)}, ${envInfo.cpus} CPUs)`);
  lines.push('');
  lines.push(
    table(
      ['endpoint', 'kind', 'items', 'min', 'made', 'over', 'limit'],
      [
        ...minimum.rows.map((m) => [m.endpoint, m.kind, m.items !== undefined ? fmtN(m.items) : '–', m.min, m.made, m.made - m.min === 0 ? '0' : `${m.made > m.min ? '+' : ''}${m.made - m.min}`, m.limits || '–']),
        ['total', '', '', minTotal, made, made - minTotal === 0 ? '0' : `${made > minTotal ? '+' : ''}${made - minTotal}`, ''],
      ],
      'llrrrrl',
    ),
  );
  lines.push(`min: ⌈items/${PAGE}⌉ a list (at least 1), 1 a GET; made: fake-kube's log of collect 1 (total: median of the collect runs)`);
  lines.push('');
  const heapNote = (rs: Run[]) => {
    const m = rs.map((r) => r.report.memory!);
    return `heap ${median(m.map((x) => x.heapUsedMiB))} MiB at the end, ${median(m.map((x) => x.retainedHeapMiB))} MiB after a full GC`;
  };
  const memRow = (label: string, rs: Run[], note: string) => {
    const xs = rs.map((r) => r.report.maxRssKiB * 1024);
    return [label, rs.length, fmtMiB(median(xs)), `${fmtMiB(Math.min(...xs))}–${fmtMiB(Math.max(...xs))}`, label === 'floor' ? '–' : fmtMiB(median(xs) - floorRss), note];
  };
  lines.push(
    table(
      ['child', 'runs', 'peak RSS', 'min–max', 'above floor', ''],
      [
        memRow('floor', floors, `${heapNote(floors)}; modules loaded, KubeConfig built, nothing read`),
        memRow('collect', collects, heapNote(collects)),
        memRow('fetch + parse', fetches, `${heapNote(fetches)}; keeps nothing`),
        ...(small ? [memRow(`collect, ${fmtN(small.cluster.counts.pods)} pods`, smallCollects, `${heapNote(smallCollects)}; raw list JSON ${fmtMiB(growth!.raw)}`)] : []),
      ],
      'lrrrrl',
    ),
  );
  lines.push(`peak RSS: the child's process.resourceUsage().maxRSS right after the reads; above floor: minus the floor's median`);
  lines.push(`kept: the collector's heap after a full GC is ${keptMiB} MiB above the floor's (the reduced sections); the rest of its peak is garbage of pages already reduced`);
  if (growth) {
    lines.push(
      `growth ${fmtN(growth.pods)} → ${fmtN(cnt.pods)} pods: peak RSS +${fmtMiB(growth.deltaRss)} for +${fmtMiB(growth.deltaRaw)} of raw list JSON = ${fmtX(growth.ratio)} (what each extra pod costs the collector, against its JSON)`,
    );
  }
  lines.push('');
  const timeRow = (label: string, rs: Run[], pods: number) => {
    const w = wall(rs);
    const ws = rs.map((r) => r.report.wallMs!);
    return [label, rs.length, fmtMs(w), `${fmtMs(Math.min(...ws))}–${fmtMs(Math.max(...ws))}`, fmtMs(cpuOf(rs)), `${(w / (pods / 1000)).toFixed(1)} ms`, fmtX(w / fetchWall), fmtMs(median(rs.map((r) => r.processMs)))];
  };
  lines.push(
    table(
      ['child', 'runs', 'wall', 'min–max', 'CPU', 'per 1,000 pods', '÷ fetch', 'process'],
      [
        timeRow('collect (readCluster)', collects, cnt.pods),
        timeRow('fetch + parse', fetches, cnt.pods),
        ...(small ? [timeRow(`collect, ${fmtN(small.cluster.counts.pods)} pods`, smallCollects, small.cluster.counts.pods).map((c, i) => (i === 6 ? '–' : c))] : []),
      ],
      'lrrrrrrr',
    ),
  );
  lines.push(`wall: the reads alone, module loading excluded; CPU: the child's user + system time over the same span; process: spawn to exit`);
  lines.push('');
  const targets = [
    ['requests = minimum', `${made} vs ${minTotal}`, made === minTotal ? 'yes' : 'NO'],
    ['collector RSS above floor < raw list JSON', `${fmtMiB(aboveFloor)} vs ${fmtMiB(rawList)} = ${fmtX(rssRatio)}`, rssRatio < 1 ? 'yes' : 'MISSED'],
    ...(growth ? [['RSS growth ÷ raw JSON growth', `${fmtMiB(growth.deltaRss)} vs ${fmtMiB(growth.deltaRaw)} = ${fmtX(growth.ratio)}`, 'report']] : []),
    ['ms per 1,000 pods', `${msPer1000.toFixed(1)} ms (${fmtMs(collectWall)} for ${fmtN(cnt.pods)} pods)`, 'report'],
    ['readCluster ÷ fetch + parse, wall', `${fmtMs(collectWall)} vs ${fmtMs(fetchWall)} = ${fmtX(timeRatio)}`, 'report'],
    ['readCluster ÷ fetch + parse, CPU', `${fmtMs(cpuOf(collects))} vs ${fmtMs(cpuOf(fetches))} = ${fmtX(cpuRatio)}`, 'report'],
    ['correctness (counts, no errors, content = served)', failures.length ? `${failures.length} failed` : `${runs.filter((r) => r.mode === 'collect').length} collect runs`, failures.length ? 'NO' : 'yes'],
  ];
  lines.push(table(['target', 'value', 'met'], targets, 'lll'));
  for (const f of failures) lines.push(`  ✗ ${f}`);
  lines.push('');
  lines.push(`total bench time ${fmtMs(Date.now() - started)}; details in ${relative(ROOT, join(OUT, 'kube-results.json'))}`);
  console.log(lines.join('\n'));

  const results = {
    createdAt: new Date().toISOString(),
    environment: { ...envInfo, loadAverage1m: { before: +loadBefore.toFixed(2), after: +loadAfter.toFixed(2) } },
    options: args,
    cluster: {
      id: cluster.clusterId,
      ...cnt,
      daemonSets: (cluster.scenario.daemonSets ?? []).length,
      configMaps: Object.keys(cluster.scenario.configMaps),
      listSizes: cluster.listSizes,
      generateMs: Math.round(full.generateMs),
      ...(small ? { small: { ...small.cluster.counts, listSizes: small.cluster.listSizes } } : {}),
    },
    minimumRequests: { total: minTotal, perEndpoint: minimum.rows },
    summary: {
      requests: made,
      requestsOverMinimum: made - minTotal,
      rawListJsonBytes: rawList,
      rawPodJsonBytes: rawPods,
      bytesPerPod: Math.round(rawPods / cnt.pods),
      reducedJsonBytes: first.report.collect!.reducedBytes,
      peakRssMiB: { floor: round1(floorRss / MiB), collect: round1(collectRss / MiB), fetchParse: round1(fetchRss / MiB) },
      collectAboveFloorMiB: round1(aboveFloor / MiB),
      collectAboveFloorOverRawList: +rssRatio.toFixed(3),
      retainedHeapAboveFloorMiB: keptMiB,
      ...(growth
        ? { growth: { fromPods: growth.pods, toPods: cnt.pods, smallPeakRssMiB: round1(growth.peak / MiB), deltaRssMiB: round1(growth.deltaRss / MiB), deltaRawMiB: round1(growth.deltaRaw / MiB), ratio: +growth.ratio.toFixed(3), smallWallMs: growth.wallMs } }
        : {}),
      collectWallMs: collectWall,
      fetchWallMs: fetchWall,
      msPer1000Pods: +msPer1000.toFixed(2),
      collectOverFetchWall: +timeRatio.toFixed(3),
      collectOverFetchCpu: +cpuRatio.toFixed(3),
      targets: { requestsEqualMinimum: made === minTotal, rssBelowRawList: rssRatio < 1 },
      failures,
    },
    runs: runs.map((r) => ({
      size: r.size,
      round: r.round,
      processMs: round1(r.processMs),
      requests: r.calls.length,
      listBytes: listBytes(r),
      ...r.report,
    })),
    totalMs: Date.now() - started,
  };
  writeFileSync(join(OUT, 'kube-results.json'), `${JSON.stringify(results, null, 2)}\n`);
  if (failures.length > 0) throw new BenchFailure(`${failures.length} correctness check(s) failed (see above)`);
}

/** Where the collected section first departs from the served one, from collect 1's dump. */
function diffHint(section: DigestSection, expected: string[], dumpFile: string): string {
  if (!existsSync(dumpFile)) return 'no dump';
  const got = (JSON.parse(readFileSync(dumpFile, 'utf8')) as Record<string, string[]>)[section] ?? [];
  const want = new Set(expected);
  const have = new Set(got);
  const missing = expected.filter((x) => !have.has(x));
  const extra = got.filter((x) => !want.has(x));
  return `${missing.length} served not collected, e.g. ${missing[0] ?? '–'}; ${extra.length} collected not served, e.g. ${extra[0] ?? '–'}`;
}

if (process.argv[2] === '--child') {
  const mode = process.argv[3] as Mode;
  child(mode)
    .then((r) => {
      process.stdout.write(`${JSON.stringify(r)}\n`);
    })
    .catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
} else {
  main().catch((err: unknown) => {
    console.error(err instanceof BenchFailure ? `bench failed: ${err.message}` : err);
    process.exit(1);
  });
}
