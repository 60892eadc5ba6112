/**
 * terway-lint collection benchmark: the built CLI collects a 1,000-node account from fake-cloud
 * (30 ms a call) through the real SDKs. See bench/README.md ("Collection benchmark").
 *
 *   npm run build && tsc -p tsconfig.bench.json && node bench/out/build/bench/collect.js
 *        [--runs 3] [--latency 30] [--throttle 0.2] [--seed 7] [--retry-after 5] [--wide 64]
 *
 * Reports, per API, the calls made against the fewest the page maxima and batch sizes allow; the
 * collection time against the critical-path lower bound; and the same collection under seeded
 * throttling, whose snapshot must equal the unthrottled one. Never fails because a target is
 * missed: exit 1 only when something crashed (the fake cloud, the CLI: a signal, a timeout or an
 * exit code other than 0/3) or a snapshot differs from the first unthrottled one.
 */
import { FAKE_KUBE_TOKEN, startFakeKube } from '../test/fake-kube/server.js';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Snapshot } from '../src/snapshot/types.js';
import { scenarioFromSnapshot, type FakeCloudScenario } from '../test/fake-cloud/scenario.js';
import { BATCH_LIMITS, PAGE_LIMITS, startFakeCloud, type CallRecord, type FakeCloud, type FakeCloudOptions } from '../test/fake-cloud/server.js';
import { BENCH_SIZES, benchSnapshot, expectedCollected } from './collect-scenario.js';
import { fmtMs, fmtX, median, table } from './report-format.js';

/** The repository: the nearest directory up from here with terway-lint's package.json. */
function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'terway-lint') return dir;
    if (dirname(dir) === dir) throw new Error('cannot find the terway-lint repository above bench/');
  }
}
const ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));
const OUT = join(ROOT, 'bench', 'out');
const CLI = process.env.BENCH_CLI ? resolve(process.env.BENCH_CLI) : join(ROOT, 'dist', 'cli.js');
/** The CLI's default --concurrency (src/main.ts). */
const CLI_DEFAULT_CONCURRENCY = 8;
const TARGET_TIME_RATIO = 1.5;
const CHILD_TIMEOUT_MS = 180_000;

class BenchFailure extends Error {}

interface Args {
  runs: number;
  latency: number;
  throttle: number;
  seed: number;
  retryAfter: number;
  /** A diagnostic run with this --concurrency (0: none): is the cap or the collector's structure the limit? */
  wide: number;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { runs: 3, latency: 30, throttle: 0.2, seed: 7, retryAfter: 5, wide: 64 };
  const num = (i: number, flag: string) => {
    const v = Number(argv[i]);
    if (argv[i] === undefined || !Number.isFinite(v) || v < 0) throw new BenchFailure(`${flag} takes a number`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const f = argv[i];
    if (f === '--runs') a.runs = Math.max(1, Math.floor(num(++i, f)));
    else if (f === '--latency') a.latency = num(++i, f);
    else if (f === '--throttle') a.throttle = Math.min(1, num(++i, f));
    else if (f === '--seed') a.seed = Math.floor(num(++i, f));
    else if (f === '--retry-after') a.retryAfter = num(++i, f);
    else if (f === '--wide') a.wide = Math.floor(num(++i, f));
    else if (f === '--help' || f === '-h') {
      console.log('usage: node bench/out/build/bench/collect.js [--runs 3] [--latency 30] [--throttle 0.2] [--seed 7] [--retry-after 5] [--wide 64]');
      process.exit(0);
    } else throw new BenchFailure(`unknown option ${f} (try --help)`);
  }
  return a;
}

// ── the fewest calls ────────────────────────────────────────────────────────────────────────────

const pages = (items: number, max: number) => Math.max(1, Math.ceil(items / max));
const maxOf = (api: string) => PAGE_LIMITS[api]!.max;

interface Account {
  region: string;
  clusters: { id: string; vpcId: string; nodes: number }[];
  vpcIds: string[];
  /** Per VPC the clusters use. */
  vswitches: Map<string, number>;
  natGateways: Map<string, number>;
  routeTables: Map<string, number>;
  /** SNAT table id → its VPC and entries, for every table of those NAT gateways. */
  snatTables: Map<string, { vpcId: string; entries: number }>;
  /** Route table id → entries, for the tables a cluster vSwitch (node, pod or pool) is on. */
  usedRouteTables: Map<string, { vpcId: string; entries: number }>;
  eips: number;
  nodeInstances: number;
  typesInUse: number;
}

/** What the collector has to read, taken from the wire records the fake serves. */
function accountOf(s: FakeCloudScenario): Account {
  const clusters = s.clusters.filter((c) => c.detail.region_id === s.regionId);
  const vpcIds = [...new Set(clusters.map((c) => c.detail.vpc_id))].sort();
  const count = <T>(xs: T[], vpcOf: (x: T) => string) => new Map(vpcIds.map((v) => [v, xs.filter((x) => vpcOf(x) === v).length]));
  const nats = s.natGateways.filter((g) => vpcIds.includes(g.VpcId));
  const snatTables = new Map(
    nats.flatMap((g) => g.SnatTableIds.SnatTableId.map((t) => [t, { vpcId: g.VpcId, entries: s.snatEntries.filter((e) => e.SnatTableId === t).length }] as const)),
  );
  const used = new Set(
    clusters.flatMap((c) => [
      ...c.detail.vswitch_ids,
      ...(JSON.parse(c.detail.parameters?.PodVswitchIds || '[]') as string[]),
      ...c.nodePools.flatMap((p) => p.scaling_group.vswitch_ids),
    ]),
  );
  const usedRouteTables = new Map(
    s.routeTables
      .filter((t) => vpcIds.includes(t.VpcId) && t.VSwitchIds.VSwitchId.some((v) => used.has(v)))
      .map((t) => [t.RouteTableId, { vpcId: t.VpcId, entries: s.routeEntries.filter((e) => e.RouteTableId === t.RouteTableId).length }]),
  );
  const nodeIds = new Set(clusters.flatMap((c) => c.nodes.map((n) => n.instance_id)));
  const types = new Set([...clusters.flatMap((c) => c.nodePools.flatMap((p) => p.scaling_group.instance_types)), ...clusters.flatMap((c) => c.nodes.map((n) => n.instance_type))]);
  return {
    region: s.regionId,
    clusters: clusters.map((c) => ({ id: c.detail.cluster_id, vpcId: c.detail.vpc_id, nodes: c.nodes.length })),
    vpcIds,
    vswitches: count(s.vswitches, (v) => v.VpcId),
    natGateways: count(s.natGateways, (g) => g.VpcId),
    routeTables: count(s.routeTables, (t) => t.VpcId),
    snatTables,
    usedRouteTables,
    eips: s.eips.length,
    nodeInstances: nodeIds.size,
    typesInUse: [...types].filter(Boolean).length,
  };
}

interface MinimumRow {
  api: string;
  min: number;
  formula: string;
}

/**
 * The fewest calls a complete collection can make: every list at its page maximum (a list with no
 * items still costs one call, to learn it is empty), every batch API at its batch maximum, one
 * call per cluster for the per-cluster APIs.
 */
function minimumCalls(acc: Account): MinimumRow[] {
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const perVpc = (m: Map<string, number>, api: string) => {
    const parts = acc.vpcIds.map((v) => pages(m.get(v) ?? 0, maxOf(api)));
    return { min: sum(parts), formula: `Σ per VPC ⌈n/${maxOf(api)}⌉: ${acc.vpcIds.map((v) => `⌈${m.get(v)}/${maxOf(api)}⌉`).join(' + ')}` };
  };
  const C = acc.clusters.length;
  const nodePages = acc.clusters.map((c) => pages(c.nodes, maxOf('DescribeClusterNodes')));
  const snat = [...acc.snatTables.values()].map((t) => t.entries);
  const snatPages = snat.map((n) => pages(n, maxOf('DescribeSnatTableEntries')));
  const empty = snat.filter((n) => n === 0).length;
  const rePages = [...acc.usedRouteTables.values()].map((t) => pages(t.entries, maxOf('DescribeRouteEntryList')));
  const vsw = perVpc(acc.vswitches, 'DescribeVSwitches');
  const nat = perVpc(acc.natGateways, 'DescribeNatGateways');
  const rt = perVpc(acc.routeTables, 'DescribeRouteTableList');
  const bi = BATCH_LIMITS.DescribeInstances;
  const bt = BATCH_LIMITS.DescribeInstanceTypes;
  return [
    { api: 'DescribeClustersV1', min: pages(C, maxOf('DescribeClustersV1')), formula: `⌈${C} clusters/${maxOf('DescribeClustersV1')}⌉` },
    { api: 'DescribeClusterDetail', min: C, formula: `1 per cluster (${C})` },
    { api: 'DescribeClusterUserKubeconfig', min: C, formula: `1 per cluster (${C}): the Kubernetes API of each` },
    { api: 'ListClusterAddonInstances', min: C, formula: `1 per cluster (${C})` },
    { api: 'DescribeClusterNodePools', min: C, formula: `1 per cluster (${C}; not paged)` },
    {
      api: 'DescribeClusterNodes',
      min: sum(nodePages),
      formula: `Σ per cluster ⌈nodes/${maxOf('DescribeClusterNodes')}⌉: ${acc.clusters.map((c) => `⌈${c.nodes}/100⌉`).join(' + ')}`,
    },
    { api: 'DescribeVSwitches', ...vsw },
    { api: 'DescribeNatGateways', ...nat },
    {
      api: 'DescribeSnatTableEntries',
      min: sum(snatPages),
      formula: `Σ per SNAT table max(1, ⌈entries/${maxOf('DescribeSnatTableEntries')}⌉): ${snat.length} tables, ${sum(snat)} entries, ${empty} empty (1 call each), largest ${Math.max(...snat)} (${Math.max(...snatPages)} pages)`,
    },
    { api: 'DescribeRouteTableList', ...rt },
    {
      api: 'DescribeRouteEntryList',
      min: sum(rePages),
      formula: `Σ per route table a cluster vSwitch uses ⌈entries/${maxOf('DescribeRouteEntryList')}⌉: ${[...acc.usedRouteTables.values()].map((t) => `⌈${t.entries}/100⌉`).join(' + ')}`,
    },
    { api: 'DescribeEipAddresses', min: pages(acc.eips, maxOf('DescribeEipAddresses')), formula: `⌈${acc.eips} EIPs in the region/${maxOf('DescribeEipAddresses')}⌉` },
    { api: 'DescribeInstances', min: Math.ceil(acc.nodeInstances / bi), formula: `⌈${acc.nodeInstances} node instance ids/${bi} a batch⌉ (1 page each: MaxResults 100)` },
    { api: 'DescribeInstanceTypes', min: Math.ceil(acc.typesInUse / bt), formula: `⌈${acc.typesInUse} types in use/${bt} a batch⌉` },
  ];
}

// ── the critical path ───────────────────────────────────────────────────────────────────────────

interface Step {
  id: string;
  label: string;
  /** Calls that must follow one another inside this step. */
  rounds: number;
  after: string[];
}

/** Longest chain through the steps, in calls one after another; returns it with its steps. */
function longestChain(steps: Step[]): { rounds: number; chain: Step[] } {
  const byId = new Map(steps.map((s) => [s.id, s]));
  const memo = new Map<string, { end: number; prev?: string }>();
  const end = (id: string): number => {
    const known = memo.get(id);
    if (known) return known.end;
    const s = byId.get(id)!;
    let best = 0;
    let prev: string | undefined;
    for (const d of s.after) {
      const e = end(d);
      if (e > best) [best, prev] = [e, d];
    }
    memo.set(id, { end: best + s.rounds, ...(prev ? { prev } : {}) });
    return best + s.rounds;
  };
  let last = steps[0]!.id;
  for (const s of steps) if (end(s.id) > end(last)) last = s.id;
  const chain: Step[] = [];
  for (let id: string | undefined = last; id; id = memo.get(id)!.prev) chain.unshift(byId.get(id)!);
  return { rounds: end(last), chain: chain.filter((s) => s.rounds > 0) };
}

/**
 * The data dependencies of a complete collection at the fewest calls. What each call needs:
 * cluster ids and VPC ids come from DescribeClustersV1 (its items carry vpc_id); SNAT table ids
 * from DescribeNatGateways; which route tables to read from the used vSwitches (the cluster's node
 * vSwitches in the list item, pod vSwitches in DescribeClusterDetail, pool vSwitches in
 * DescribeClusterNodePools) and the table list; the instance-id batches and the type batches from
 * all node pages (batching across clusters is what keeps the call count minimal).
 *
 * `numbered`: how many rounds a PageNumber list of P pages costs. 'fanout': page 1 gives the total,
 * pages 2..P can then go at once, so min(P, 2); 'serial': P, one after another. NextToken lists are
 * always serial: each page names the next.
 */
function dependencySteps(acc: Account, numbered: 'fanout' | 'serial'): Step[] {
  const n = (p: number) => (numbered === 'fanout' ? Math.min(p, 2) : p);
  const steps: Step[] = [];
  const C = acc.clusters.length;
  steps.push({ id: 'list', label: `DescribeClustersV1 ×${pages(C, maxOf('DescribeClustersV1'))}`, rounds: n(pages(C, maxOf('DescribeClustersV1'))), after: [] });
  for (const c of acc.clusters) {
    steps.push({ id: `detail:${c.id}`, label: `DescribeClusterDetail ${c.id}`, rounds: 1, after: ['list'] });
    steps.push({ id: `addons:${c.id}`, label: `ListClusterAddonInstances ${c.id}`, rounds: 1, after: ['list'] });
    steps.push({ id: `pools:${c.id}`, label: `DescribeClusterNodePools ${c.id}`, rounds: 1, after: ['list'] });
    const p = pages(c.nodes, maxOf('DescribeClusterNodes'));
    steps.push({ id: `nodes:${c.id}`, label: `DescribeClusterNodes ${c.id} (${p} pages)`, rounds: n(p), after: ['list'] });
  }
  const clusterSteps = (kind: string) => acc.clusters.map((c) => `${kind}:${c.id}`);
  steps.push({ id: 'allNodes', label: 'all node pages', rounds: 0, after: clusterSteps('nodes') });
  if (acc.nodeInstances > 0) steps.push({ id: 'instances', label: `DescribeInstances (${Math.ceil(acc.nodeInstances / 100)} batches at once)`, rounds: 1, after: ['allNodes'] });
  if (acc.typesInUse > 0) steps.push({ id: 'types', label: `DescribeInstanceTypes (${Math.ceil(acc.typesInUse / 10)} batches at once)`, rounds: 1, after: ['allNodes', ...clusterSteps('pools')] });
  for (const v of acc.vpcIds) {
    const pv = pages(acc.vswitches.get(v) ?? 0, maxOf('DescribeVSwitches'));
    steps.push({ id: `vsw:${v}`, label: `DescribeVSwitches ${v} (${pv} pages)`, rounds: n(pv), after: ['list'] });
    const pn = pages(acc.natGateways.get(v) ?? 0, maxOf('DescribeNatGateways'));
    steps.push({ id: `nat:${v}`, label: `DescribeNatGateways ${v} (${pn} pages)`, rounds: n(pn), after: ['list'] });
    const pr = pages(acc.routeTables.get(v) ?? 0, maxOf('DescribeRouteTableList'));
    steps.push({ id: `rt:${v}`, label: `DescribeRouteTableList ${v} (${pr} pages)`, rounds: n(pr), after: ['list'] });
  }
  // SNAT tables hang off their VPC's gateway list; only the largest per VPC matters, but list all.
  for (const [t, { vpcId, entries }] of acc.snatTables) {
    const p = pages(entries, maxOf('DescribeSnatTableEntries'));
    steps.push({ id: `snat:${t}`, label: `DescribeSnatTableEntries ${t} (${p} pages)`, rounds: n(p), after: [`nat:${vpcId}`] });
  }
  for (const [t, { vpcId, entries }] of acc.usedRouteTables) {
    const p = pages(entries, maxOf('DescribeRouteEntryList'));
    steps.push({
      id: `re:${t}`,
      label: `DescribeRouteEntryList ${t} (${entries} entries: ${p} NextToken pages, one after another)`,
      rounds: p,
      after: [`rt:${vpcId}`, ...clusterSteps('detail'), ...clusterSteps('pools')],
    });
  }
  const pe = pages(acc.eips, maxOf('DescribeEipAddresses'));
  steps.push({ id: 'eips', label: `DescribeEipAddresses (${pe} pages)`, rounds: n(pe), after: [] });
  return steps;
}

/**
 * The depth of collect.ts as written (src/collect/collect.ts), with unlimited concurrency: four
 * phases, each waiting for the whole of the one before (Promise.all), every numbered list read
 * page after page. 1. clusters list, then all details; 2. per cluster addons ‖ node pools ‖ node
 * pages; 3. vSwitches ‖ NAT → SNAT pages ‖ route tables → entries ‖ EIPs ‖ instance batches;
 * 4. instance-type batches.
 */
function collectorDepth(acc: Account): { rounds: number; phases: { phase: string; rounds: number; longest: string }[] } {
  const C = acc.clusters.length;
  const pList = pages(C, maxOf('DescribeClustersV1'));
  const phase1 = { phase: '1 clusters list → details', rounds: pList + 1, longest: `DescribeClustersV1 ×${pList} → DescribeClusterDetail` };
  let p2 = { rounds: 1, longest: 'addons / node pools' };
  for (const c of acc.clusters) {
    const p = pages(c.nodes, maxOf('DescribeClusterNodes'));
    if (p > p2.rounds) p2 = { rounds: p, longest: `DescribeClusterNodes ${c.id}: ${p} pages one after another` };
  }
  // Phase 3 gathers over all VPCs before going on: the SNAT tables are read once every VPC's
  // gateway list is complete, the route entries once every VPC's table list is.
  const candidates: { rounds: number; longest: string }[] = [];
  const most = (xs: number[]) => Math.max(0, ...xs);
  const vswPages = most(acc.vpcIds.map((v) => pages(acc.vswitches.get(v) ?? 0, maxOf('DescribeVSwitches'))));
  candidates.push({ rounds: vswPages, longest: `DescribeVSwitches: ${vswPages} pages one after another` });
  const natPages = most(acc.vpcIds.map((v) => pages(acc.natGateways.get(v) ?? 0, maxOf('DescribeNatGateways'))));
  const snatPages = most([...acc.snatTables.values()].map((t) => pages(t.entries, maxOf('DescribeSnatTableEntries'))));
  candidates.push({ rounds: natPages + snatPages, longest: `DescribeNatGateways ×${natPages} → largest SNAT table: ${snatPages} pages one after another` });
  const rtPages = most(acc.vpcIds.map((v) => pages(acc.routeTables.get(v) ?? 0, maxOf('DescribeRouteTableList'))));
  const rePages = most([...acc.usedRouteTables.values()].map((t) => pages(t.entries, maxOf('DescribeRouteEntryList'))));
  candidates.push({ rounds: rtPages + rePages, longest: `DescribeRouteTableList ×${rtPages} → largest route table: ${rePages} NextToken pages` });
  const eipPages = pages(acc.eips, maxOf('DescribeEipAddresses'));
  candidates.push({ rounds: eipPages, longest: `DescribeEipAddresses: ${eipPages} pages one after another` });
  if (acc.nodeInstances > 0) candidates.push({ rounds: 1, longest: 'DescribeInstances batches' });
  const p3 = candidates.reduce((a, b) => (b.rounds > a.rounds ? b : a));
  const phases = [
    phase1,
    { phase: '2 per cluster: addons ‖ pools ‖ nodes', ...p2 },
    { phase: '3 network ‖ EIPs ‖ instances', ...p3 },
    ...(acc.typesInUse > 0 ? [{ phase: '4 instance types', rounds: 1, longest: 'DescribeInstanceTypes batches' }] : []),
  ];
  return { rounds: phases.reduce((s, p) => s + p.rounds, 0), phases };
}

// ── timing the calls at the fake ────────────────────────────────────────────────────────────────

interface Timed {
  record: CallRecord;
  start: number;
  end?: number;
}

/**
 * Times every call from the bench side without touching the server: the server pushes each record
 * onto `cloud.calls` when the request arrives and sets its `outcome` when it answers.
 */
function timeCalls(cloud: FakeCloud): Timed[] {
  const timed: Timed[] = [];
  const calls = cloud.calls;
  calls.push = (...records: CallRecord[]) => {
    for (const r of records) {
      const t: Timed = { record: r, start: performance.now() };
      let outcome = r.outcome;
      Object.defineProperty(r, 'outcome', {
        enumerable: true,
        configurable: true,
        get: () => outcome,
        set: (v: CallRecord['outcome']) => {
          outcome = v;
          if (v !== 'pending' && t.end === undefined) t.end = performance.now();
        },
      });
      timed.push(t);
    }
    return Array.prototype.push.apply(calls, records);
  };
  return timed;
}

// ── one collection ──────────────────────────────────────────────────────────────────────────────

interface RunResult {
  label: string;
  kind: 'plain' | 'throttled' | 'wide';
  concurrency: number;
  throttleSeed?: number;
  exitCode: number;
  file: string;
  snapshot: Snapshot;
  processMs: number;
  /** First call's arrival to the last call's answer. */
  windowMs: number;
  /** Spawn to the first call (node start-up, module loading, credentials). */
  startupMs: number;
  /** Last answer to exit (building and writing the snapshot). */
  tailMs: number;
  calls: number;
  byApi: Record<string, { calls: number; ok: number; throttled: number; other: number; firstMs: number; lastMs: number }>;
  throttled: number;
  maxInFlight: number;
  /** Share of the window during which the concurrency cap was reached. */
  saturated: number;
  collectionErrors: Snapshot['errors'];
  /** CPU time of the CLI process (user + system), start-up included. */
  cliCpuMs?: number;
  retries: RetryStats;
}

/** Retries as the fake saw them: attempts of one logical call share action, path and parameters. */
interface RetryStats {
  logicalCalls: number;
  /** Logical calls that needed more than one attempt. */
  retried: number;
  maxAttempts: number;
  /** Logical calls whose every attempt failed: the collector gave up on them. */
  gaveUp: { action: string; attempts: number; what: string }[];
  /** From a throttled answer to the retry's arrival: the collector's wait (plus its own overhead). */
  waitMs: { count: number; median: number; mean: number; max: number };
}

function retryStats(timed: Timed[]): RetryStats {
  const groups = new Map<string, Timed[]>();
  for (const t of timed) {
    const r = t.record;
    const key = `${r.action} ${r.path} ${canonical(r.params)}`;
    const g = groups.get(key);
    if (g) g.push(t);
    else groups.set(key, [t]);
  }
  const waits: number[] = [];
  const gaveUp: RetryStats['gaveUp'] = [];
  let retried = 0;
  let maxAttempts = 0;
  for (const g of groups.values()) {
    g.sort((a, b) => a.start - b.start);
    maxAttempts = Math.max(maxAttempts, g.length);
    if (g.length > 1) retried++;
    for (let i = 1; i < g.length; i++) if (g[i - 1]!.record.outcome === 'throttled') waits.push(g[i]!.start - (g[i - 1]!.end ?? g[i - 1]!.start));
    if (!g.some((t) => t.record.outcome === 'ok')) {
      const r = g[0]!.record;
      const p = r.params;
      const id = r.pathParams.ClusterId ?? p.SnatTableId ?? p.RouteTableId ?? p.VpcId ?? '';
      const page = p.PageNumber ?? p.pageNumber ?? p.page_number ?? (p.NextToken ? `token ${p.NextToken}` : undefined);
      gaveUp.push({ action: r.action, attempts: g.length, what: [id, page !== undefined ? `page ${page}` : ''].filter(Boolean).join(' ') });
    }
  }
  const sorted = [...waits].sort((a, b) => a - b);
  return {
    logicalCalls: groups.size,
    retried,
    maxAttempts,
    gaveUp,
    waitMs: {
      count: waits.length,
      median: waits.length ? Math.round(sorted[sorted.length >> 1]!) : 0,
      mean: waits.length ? Math.round(waits.reduce((a, b) => a + b, 0) / waits.length) : 0,
      max: waits.length ? Math.round(sorted.at(-1)!) : 0,
    },
  };
}

/**
 * CPU time of the child, written at exit by a module preloaded with `node --import` (as
 * bench/run.mjs does for RSS): process.resourceUsage() user + system, in µs.
 */
const USAGE_HOOK =
  'data:text/javascript,' +
  encodeURIComponent(
    'import { writeFileSync } from "node:fs";' +
      'process.on("exit", () => { try { const u = process.resourceUsage(); writeFileSync(process.env.BENCH_USAGE_FILE, String(u.userCPUTime + u.systemCPUTime)); } catch {} });',
  );

function runCli(args: string[], env: Record<string, string>): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string; ms: number; t0: number }> {
  return new Promise((resolveRun, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, ['--import', USAGE_HOOK, CLI, ...args], { cwd: mkdtempSync(join(tmpdir(), 'bench-collect-')), env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), CHILD_TIMEOUT_MS);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new BenchFailure(`could not start the CLI: ${e.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolveRun({ code, signal, stderr, ms: performance.now() - t0, t0 });
    });
  });
}

async function collectOnce(
  scenario: FakeCloudScenario,
  options: FakeCloudOptions,
  run: { label: string; kind: RunResult['kind']; concurrency?: number; throttleSeed?: number },
): Promise<RunResult> {
  // A live run also reads each cluster's Kubernetes API through a kubeconfig from ACK: serve an
  // empty one on loopback so those reads succeed (this bench measures the cloud collection).
  const kube = await startFakeKube({ nodes: [], pods: [], networkPolicies: [], configMaps: {} });
  const kubeconfig = `apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n    server: http://127.0.0.1:${kube.port}\n    insecure-skip-tls-verify: true\nusers:\n- name: u\n  user:\n    token: ${FAKE_KUBE_TOKEN}\ncontexts:\n- name: x\n  context:\n    cluster: c\n    user: u\ncurrent-context: x\n`;
  scenario = { ...scenario, clusters: scenario.clusters.map((c) => ({ ...c, kubeconfig })) };
  const cloud = await startFakeCloud(scenario, options);
  const closeKube = () => kube.close();
  const timed = timeCalls(cloud);
  const home = mkdtempSync(join(tmpdir(), 'bench-home-'));
  const usageFile = join(home, 'usage');
  const file = join(OUT, `collect-${run.label.replace(/[^a-z0-9]+/gi, '-').replace(/-$/, '')}.json`);
  rmSync(file, { force: true });
  const url = `http://${cloud.endpoint}`;
  const args = [
    'collect',
    '--region',
    scenario.regionId,
    '--endpoint',
    `cs=${url}`,
    '--endpoint',
    `vpc=${url}`,
    '--endpoint',
    `ecs=${url}`,
    '--output',
    file,
    '--quiet',
    ...(run.concurrency !== undefined ? ['--concurrency', String(run.concurrency)] : []),
  ];
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: home,
    LANG: 'C.UTF-8',
    NO_COLOR: '1',
    ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true',
    ALIBABA_CLOUD_ACCESS_KEY_ID: scenario.accessKeyId,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: scenario.accessKeySecret ?? '',
    BENCH_USAGE_FILE: usageFile,
  };
  let r;
  let cpuUs: number | undefined;
  try {
    r = await runCli(args, env);
    cpuUs = existsSync(usageFile) ? Number(readFileSync(usageFile, 'utf8')) || undefined : undefined;
  } finally {
    await cloud.close();
    await closeKube();
    rmSync(home, { recursive: true, force: true });
  }
  const tail = r.stderr.trim().split('\n').slice(-10).join('\n');
  if (r.signal || (r.code !== 0 && r.code !== 3)) {
    throw new BenchFailure(`${run.label}: the CLI ended with ${r.signal ?? `exit ${r.code}`}\n  node dist/cli.js ${args.join(' ')}\n${tail}`);
  }
  if (!existsSync(file)) throw new BenchFailure(`${run.label}: exit ${r.code} but no snapshot at ${relative(ROOT, file)}\n${tail}`);
  const snapshot = JSON.parse(readFileSync(file, 'utf8')) as Snapshot;

  const first = Math.min(...timed.map((t) => t.start));
  const last = Math.max(...timed.map((t) => t.end ?? t.start));
  const byApi: RunResult['byApi'] = {};
  for (const t of timed) {
    const a = (byApi[t.record.action] ??= { calls: 0, ok: 0, throttled: 0, other: 0, firstMs: Infinity, lastMs: 0 });
    a.calls++;
    if (t.record.outcome === 'ok') a.ok++;
    else if (t.record.outcome === 'throttled') a.throttled++;
    else a.other++;
    a.firstMs = Math.min(a.firstMs, t.start - first);
    a.lastMs = Math.max(a.lastMs, (t.end ?? t.start) - first);
  }
  const concurrency = run.concurrency ?? CLI_DEFAULT_CONCURRENCY;
  return {
    label: run.label,
    kind: run.kind,
    concurrency,
    ...(run.throttleSeed !== undefined ? { throttleSeed: run.throttleSeed } : {}),
    exitCode: r.code!,
    file,
    snapshot,
    processMs: r.ms,
    windowMs: last - first,
    startupMs: first - r.t0,
    tailMs: r.t0 + r.ms - last,
    calls: timed.length,
    byApi,
    throttled: timed.filter((t) => t.record.outcome === 'throttled').length,
    maxInFlight: cloud.stats().maxInFlight,
    saturated: saturation(timed, concurrency, first, last),
    collectionErrors: snapshot.errors.filter((e) => e.source !== 'kube'),
    ...(cpuUs !== undefined ? { cliCpuMs: cpuUs / 1000 } : {}),
    retries: retryStats(timed),
  };
}

/** Fraction of [from, to] with `cap` or more calls in flight. */
function saturation(timed: Timed[], cap: number, from: number, to: number): number {
  const events = timed.flatMap((t) => [
    [t.start, 1],
    [t.end ?? to, -1],
  ]) as [number, number][];
  events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let inFlight = 0;
  let at = from;
  let full = 0;
  for (const [time, d] of events) {
    if (inFlight >= cap) full += time - at;
    inFlight += d;
    at = time;
  }
  return to > from ? full / (to - from) : 0;
}

// ── comparing snapshots ─────────────────────────────────────────────────────────────────────────

/** JSON with object keys sorted, so key order never makes two equal values differ. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v)
      .sort()
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

/** Everything but meta.collectedAt; returns the differing top-level keys (meta fields as meta.x). */
function differences(a: Snapshot, b: Snapshot): string[] {
  const strip = (s: Snapshot) => {
    const { collectedAt: _c, ...meta } = s.meta;
    return { ...s, meta } as Record<string, unknown>;
  };
  const x = strip(a);
  const y = strip(b);
  const keys = [...new Set([...Object.keys(x), ...Object.keys(y)])];
  const out: string[] = [];
  for (const k of keys) {
    if (canonical(x[k]) === canonical(y[k])) continue;
    if (k === 'meta') {
      const mx = x.meta as Record<string, unknown>;
      const my = y.meta as Record<string, unknown>;
      for (const f of new Set([...Object.keys(mx), ...Object.keys(my)])) if (canonical(mx[f]) !== canonical(my[f])) out.push(`meta.${f}`);
    } else out.push(k);
  }
  return out;
}

/** The cloud sections the collector gave back against the account served (sorted by clusterId, id). */
function fidelity(collected: Snapshot, expected: Partial<Snapshot>): { section: string; expected: number; collected: number; equal: boolean }[] {
  const sort = (xs: unknown[] | undefined) =>
    [...(xs ?? [])].map(canonical).sort();
  return Object.entries(expected).map(([section, items]) => {
    const got = (collected as unknown as Record<string, unknown[] | undefined>)[section];
    const e = sort(items as unknown[]);
    const g = sort(got);
    return { section, expected: e.length, collected: got?.length ?? 0, equal: got !== undefined && e.length === g.length && e.every((x, i) => x === g[i]) };
  });
}

// ── report ──────────────────────────────────────────────────────────────────────────────────────


async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (!existsSync(CLI)) throw new BenchFailure(`${relative(ROOT, CLI)} is missing: run \`npm run build\` first`);
  mkdirSync(OUT, { recursive: true });
  const started = Date.now();
  const loadBefore = loadavg()[0]!;

  // The account.
  const source = benchSnapshot();
  const scenario = scenarioFromSnapshot(source);
  const got = {
    nodes: scenario.clusters.reduce((s, c) => s + c.nodes.length, 0),
    vswitches: scenario.vswitches.length,
    natGateways: scenario.natGateways.length,
    snatEntries: scenario.snatEntries.length,
    instanceTypes: scenario.instanceTypes.length,
  };
  for (const [k, want] of Object.entries(BENCH_SIZES)) {
    if (got[k as keyof typeof got] !== want) throw new BenchFailure(`the bench account has ${got[k as keyof typeof got]} ${k}, not ${want}`);
  }
  const acc = accountOf(scenario);
  const minimum = minimumCalls(acc);
  const minTotal = minimum.reduce((s, r) => s + r.min, 0);
  const strict = longestChain(dependencySteps(acc, 'fanout'));
  const serial = longestChain(dependencySteps(acc, 'serial'));
  const structure = collectorDepth(acc);
  const L = args.latency;
  const boundMs = strict.rounds * L;
  const expected = expectedCollected(source);

  // The runs: plain (default concurrency), throttled, and one wide diagnostic run; interleaved.
  const runs: RunResult[] = [];
  const plainOpts: FakeCloudOptions = { latencyMs: L };
  for (let i = 0; i < args.runs; i++) {
    runs.push(await collectOnce(scenario, plainOpts, { label: `plain ${i + 1}`, kind: 'plain' }));
    process.stderr.write(`plain ${i + 1}: ${fmtMs(runs.at(-1)!.windowMs)}, ${runs.at(-1)!.calls} calls\n`);
    if (args.throttle > 0) {
      const seed = args.seed + i;
      runs.push(
        await collectOnce(
          scenario,
          { latencyMs: L, throttle: { rate: args.throttle, seed, retryAfterMs: args.retryAfter } },
          { label: `throttled ${i + 1}`, kind: 'throttled', throttleSeed: seed },
        ),
      );
      process.stderr.write(`throttled ${i + 1}: ${fmtMs(runs.at(-1)!.windowMs)}, ${runs.at(-1)!.calls} calls, ${runs.at(-1)!.throttled} throttled\n`);
    }
  }
  if (args.wide > 0) {
    runs.push(await collectOnce(scenario, plainOpts, { label: `wide c${args.wide}`, kind: 'wide', concurrency: args.wide }));
    process.stderr.write(`wide (--concurrency ${args.wide}): ${fmtMs(runs.at(-1)!.windowMs)}\n`);
  }

  const plain = runs.filter((r) => r.kind === 'plain');
  const throttled = runs.filter((r) => r.kind === 'throttled');
  const wide = runs.find((r) => r.kind === 'wide');
  const reference = plain[0]!;
  const diffs = runs.slice(1).map((r) => ({ label: r.label, differs: differences(reference.snapshot, r.snapshot) }));
  const mismatched = diffs.filter((d) => d.differs.length > 0);
  const fid = fidelity(reference.snapshot, expected);

  // Calls per API: median over the plain runs (they should all be equal), against the minimum.
  const apiRows = minimum.map((m) => {
    const made = plain.map((r) => r.byApi[m.api]?.calls ?? 0);
    const madeMed = median(made);
    const thr = throttled.map((r) => r.byApi[m.api]?.throttled ?? 0);
    return { ...m, made: madeMed, allRunsEqual: made.every((x) => x === made[0]), throttled: throttled.length ? median(thr) : undefined, over: madeMed - m.min };
  });
  const unknownApis = [...new Set(plain.flatMap((r) => Object.keys(r.byApi)))].filter((a) => !minimum.some((m) => m.api === a));
  const plainCalls = median(plain.map((r) => r.calls));
  const plainWindow = median(plain.map((r) => r.windowMs));
  const plainProcess = median(plain.map((r) => r.processMs));
  const throttledWindow = throttled.length ? median(throttled.map((r) => r.windowMs)) : undefined;
  const throttledProcess = throttled.length ? median(throttled.map((r) => r.processMs)) : undefined;
  const concurrencyFloor = Math.ceil(minTotal / CLI_DEFAULT_CONCURRENCY);

  // ── print ──
  const lines: string[] = [];
  const env = { node: process.version, platform: `${process.platform} ${process.arch}`, cpus: cpus().length, cpuModel: cpus()[0]?.model };
  lines.push(`terway-lint collection bench — node ${env.node}, ${env.platform}, ${env.cpus} CPU (${env.cpuModel ?? '?'}), ${new Date().toISOString()}`);
  lines.push(
    `account: ${got.nodes} nodes in ${acc.clusters.length} clusters (${acc.clusters.map((c) => c.nodes).join('/')}), ${got.vswitches} vSwitches, ${got.natGateways} NAT gateways, ${got.snatEntries} SNAT entries, ${got.instanceTypes} instance types, ${acc.vpcIds.length} VPCs`,
  );
  lines.push(
    `fake-cloud: ${L} ms a call; throttled runs: rate ${args.throttle}, seeds ${args.seed}..${args.seed + args.runs - 1}, x-acs-retry-after ${args.retryAfter} ms; CLI: node ${relative(ROOT, CLI)} collect --region ${acc.region} --endpoint cs=… --endpoint vpc=… --endpoint ecs=… --output FILE --quiet (default --concurrency ${CLI_DEFAULT_CONCURRENCY})`,
  );
  const loadAfter = loadavg()[0]!;
  if (Math.max(loadBefore, loadAfter) > env.cpus) lines.push(`warning: the machine was busy (1-minute load ${loadBefore.toFixed(1)} → ${loadAfter.toFixed(1)}, ${env.cpus} CPUs)`);
  lines.push('');
  lines.push(
    table(
      ['API', 'min', 'made', 'over', 'throttled', 'minimum: formula'],
      [
        ...apiRows.map((r) => [r.api, r.min, `${r.made}${r.allRunsEqual ? '' : '*'}`, r.over === 0 ? '0' : `+${r.over}`, r.throttled ?? '–', r.formula]),
        ['total', minTotal, plainCalls, plainCalls - minTotal === 0 ? '0' : `+${plainCalls - minTotal}`, throttled.length ? median(throttled.map((r) => r.throttled)) : '–', 'made: median of the plain runs; throttled: median of the throttled runs'],
      ],
      'lrrrrl',
    ),
  );
  if (unknownApis.length) lines.push(`calls to APIs outside the minimum: ${unknownApis.join(', ')}`);
  lines.push('');
  lines.push(`critical-path lower bound: ${strict.rounds} calls one after another × ${L} ms = ${fmtMs(boundMs)}`);
  lines.push(`  chain: ${strict.chain.map((s) => `${s.label} [${s.rounds}]`).join(' → ')}`);
  lines.push(`  (numbered lists: page 1, then the other pages at once; NextToken lists page by page)`);
  lines.push(`if numbered lists are read page by page too: ${serial.rounds} calls = ${fmtMs(serial.rounds * L)}; chain: ${serial.chain.map((s) => `${s.label} [${s.rounds}]`).join(' → ')}`);
  lines.push(
    `collect.ts as written, unlimited concurrency: ${structure.rounds} calls = ${fmtMs(structure.rounds * L)} (${structure.phases.map((p) => `phase ${p.phase}: ${p.rounds} — ${p.longest}`).join('; ')})`,
  );
  lines.push(`at --concurrency ${CLI_DEFAULT_CONCURRENCY}: ${minTotal} calls need at least ⌈${minTotal}/${CLI_DEFAULT_CONCURRENCY}⌉ = ${concurrencyFloor} rounds = ${fmtMs(concurrencyFloor * L)}`);
  lines.push('');
  const timeRow = (label: string, rs: RunResult[]) => {
    const w = median(rs.map((r) => r.windowMs));
    return [
      label,
      rs.length,
      median(rs.map((r) => r.calls)),
      median(rs.map((r) => r.throttled)),
      fmtMs(w),
      `${fmtMs(Math.min(...rs.map((r) => r.windowMs)))}–${fmtMs(Math.max(...rs.map((r) => r.windowMs)))}`,
      fmtMs(median(rs.map((r) => r.processMs))),
      fmtX(w / boundMs),
      `${(w / L).toFixed(1)}`,
      Math.max(...rs.map((r) => r.maxInFlight)),
      `${(median(rs.map((r) => r.saturated)) * 100).toFixed(0)}%`,
    ];
  };
  lines.push(
    table(
      ['run', 'runs', 'calls', 'throttled', 'collection', 'min–max', 'process', '÷ bound', 'in latencies', 'max in flight', 'at cap'],
      [
        timeRow(`plain, --concurrency ${CLI_DEFAULT_CONCURRENCY}`, plain),
        ...(throttled.length ? [timeRow(`throttled ${args.throttle * 100}%`, throttled)] : []),
        ...(wide ? [timeRow(`plain, --concurrency ${wide.concurrency} (diagnostic)`, [wide])] : []),
      ],
      'lrrrrrrrrrr',
    ),
  );
  lines.push('collection: first call arriving at fake-cloud to the last answer; process: spawn to exit (adds start-up and writing the snapshot).');
  lines.push('');
  const differsOf = (r: RunResult) => (r === reference ? 'reference' : (diffs.find((d) => d.label === r.label)?.differs.join(', ') || 'equal'));
  lines.push(
    table(
      ['run', 'seed', 'exit', 'calls', 'throttled', 'retried', 'max tries', 'gave up', 'wait after 429', 'start-up', 'collection', 'process', 'CLI CPU', 'snapshot vs plain 1'],
      runs.map((r) => [
        r.label,
        r.throttleSeed ?? '–',
        r.exitCode,
        r.calls,
        r.throttled,
        r.retries.retried,
        r.retries.maxAttempts,
        r.retries.gaveUp.length ? r.retries.gaveUp.map((g) => `${g.action} ${g.what} ×${g.attempts}`).join('; ') : '0',
        r.retries.waitMs.count ? `${r.retries.waitMs.median} ms (max ${r.retries.waitMs.max})` : '–',
        fmtMs(r.startupMs),
        fmtMs(r.windowMs),
        fmtMs(r.processMs),
        r.cliCpuMs !== undefined ? fmtMs(r.cliCpuMs) : '–',
        differsOf(r),
      ]),
      'lrrrrrrlrrrrrl',
    ),
  );
  lines.push(
    `wait after 429: median time from a throttled answer to the retry arriving (the server asked for ${args.retryAfter} ms); gave up: logical calls with no successful attempt.`,
  );
  lines.push('');
  const targets = [
    ['API calls = minimum', `${plainCalls} vs ${minTotal}`, plainCalls === minTotal ? 'yes' : 'NO'],
    [`collection ≤ ${TARGET_TIME_RATIO}× critical path`, `${fmtMs(plainWindow)} vs ${fmtMs(boundMs)} = ${fmtX(plainWindow / boundMs)}`, plainWindow <= TARGET_TIME_RATIO * boundMs ? 'yes' : 'NO'],
    ...(throttledWindow !== undefined
      ? [
          ['throttled snapshot = plain (but collectedAt)', mismatched.length ? mismatched.map((d) => `${d.label}: ${d.differs.join(', ')}`).join('; ') : `${runs.length - 1} of ${runs.length - 1} equal`, mismatched.length ? 'NO' : 'yes'],
          ['throttled / plain collection time', fmtX(throttledWindow / plainWindow), 'report'],
        ]
      : []),
    ['collected = account served', fid.every((f) => f.equal) ? `${fid.length} sections equal` : fid.filter((f) => !f.equal).map((f) => `${f.section} ${f.collected}/${f.expected}`).join(', '), fid.every((f) => f.equal) ? 'yes' : 'NO'],
  ];
  lines.push(table(['target', 'value', 'met'], targets, 'lll'));
  lines.push('');
  lines.push(`timeline of plain 1 (ms from the first call; ÷${L} = latency units):`);
  lines.push(
    table(
      ['API', 'calls', 'first start', 'last answer', 'span in latencies'],
      Object.entries(reference.byApi)
        .sort((a, b) => a[1].firstMs - b[1].firstMs)
        .map(([api, a]) => [api, a.calls, `${a.firstMs.toFixed(0)} (${(a.firstMs / L).toFixed(1)})`, `${a.lastMs.toFixed(0)} (${(a.lastMs / L).toFixed(1)})`, ((a.lastMs - a.firstMs) / L).toFixed(1)]),
      'lrrrr',
    ),
  );
  const errs = runs.filter((r) => r.collectionErrors.length > 0 || r.exitCode !== 0);
  for (const r of errs) lines.push(`${r.label}: exit ${r.exitCode}; errors: ${r.collectionErrors.map((e) => `${e.source} ${e.kind} ${e.code ?? ''}`).join('; ') || 'none'}`);
  lines.push('');
  lines.push(`total bench time ${fmtMs(Date.now() - started)}; details in ${relative(ROOT, join(OUT, 'collect-results.json'))}`);
  console.log(lines.join('\n'));

  const r1 = (x: number) => Math.round(x * 10) / 10;
  const results = {
    createdAt: new Date().toISOString(),
    environment: { ...env, loadAverage1m: { before: +loadBefore.toFixed(2), after: +loadAfter.toFixed(2) } },
    options: args,
    account: { ...got, clusters: acc.clusters, vpcs: acc.vpcIds.length, snatTables: Object.fromEntries([...acc.snatTables].map(([t, v]) => [t, v.entries])), usedRouteTables: Object.fromEntries(acc.usedRouteTables), eips: acc.eips, typesInUse: acc.typesInUse },
    minimumCalls: { total: minTotal, perApi: apiRows },
    bounds: {
      latencyMs: L,
      criticalPath: { rounds: strict.rounds, ms: boundMs, chain: strict.chain.map((s) => ({ step: s.label, rounds: s.rounds })) },
      serialPaging: { rounds: serial.rounds, ms: serial.rounds * L, chain: serial.chain.map((s) => ({ step: s.label, rounds: s.rounds })) },
      collectorStructure: { rounds: structure.rounds, ms: structure.rounds * L, phases: structure.phases },
      concurrencyFloor: { concurrency: CLI_DEFAULT_CONCURRENCY, rounds: concurrencyFloor, ms: concurrencyFloor * L },
    },
    summary: {
      calls: plainCalls,
      callsOverMinimum: plainCalls - minTotal,
      collectionMs: r1(plainWindow),
      processMs: r1(plainProcess),
      timeOverBound: +(plainWindow / boundMs).toFixed(3),
      throttledCollectionMs: throttledWindow === undefined ? undefined : r1(throttledWindow),
      throttledProcessMs: throttledProcess === undefined ? undefined : r1(throttledProcess),
      throttledOverPlain: throttledWindow === undefined ? undefined : +(throttledWindow / plainWindow).toFixed(3),
      throttledCalls: throttled.length ? median(throttled.map((r) => r.throttled)) : undefined,
      wideCollectionMs: wide ? r1(wide.windowMs) : undefined,
      snapshotsEqual: mismatched.length === 0,
      fidelity: fid,
      targets: { callsEqualMinimum: plainCalls === minTotal, timeWithinBound: plainWindow <= TARGET_TIME_RATIO * boundMs },
    },
    runs: runs.map(({ snapshot: _s, file, ...r }) => ({
      ...r,
      file: relative(ROOT, file),
      processMs: r1(r.processMs),
      windowMs: r1(r.windowMs),
      startupMs: r1(r.startupMs),
      tailMs: r1(r.tailMs),
      saturated: +r.saturated.toFixed(3),
      byApi: Object.fromEntries(Object.entries(r.byApi).map(([k, v]) => [k, { ...v, firstMs: r1(v.firstMs), lastMs: r1(v.lastMs) }])),
    })),
    snapshotDifferences: diffs,
    totalMs: Date.now() - started,
  };
  writeFileSync(join(OUT, 'collect-results.json'), `${JSON.stringify(results, null, 2)}\n`);
  if (mismatched.length > 0) {
    throw new BenchFailure(`snapshots differ from plain 1 (collectedAt aside): ${mismatched.map((d) => `${d.label}: ${d.differs.join(', ')}`).join('; ')}`);
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof BenchFailure ? `bench failed: ${err.message}` : err);
  process.exit(1);
});
