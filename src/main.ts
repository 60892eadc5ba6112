/**
 * The CLI's argument handling and error-to-exit-code mapping, over injected I/O (see Io).
 * Heavy modules (rules, CEL, reporters) are imported only after --version/--help are handled.
 */
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ExitCode, TerwayLintError, UsageError } from './errors.js';

const ISSUES_URL = 'https://github.com/terway-lint/terway-lint/issues';
export const LINT_FORMATS = ['text', 'json', 'sarif', 'junit', 'markdown', 'github'] as const;
const RULES_FORMATS = ['text', 'markdown', 'json'] as const;
const FAIL_ON = ['error', 'warning', 'info', 'none'] as const;
const LANG_CHOICES = ['en', 'zh-CN'] as const;

export interface Io {
  argv: string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  stdoutIsTTY: boolean;
  nodeVersion: string;
  /** The clock, for suppression expiry (tests pass a fixed day). */
  now?: Date;
  /** Progress lines go to stderr only on a terminal. */
  stderrIsTTY?: boolean;
}

/** Flags win; the config file fills in the collection settings they leave out. */
function withConfigDefaults(v: Parsed['values'], settings: import('./config/load.js').Config, configDir: string, cwd: string): Parsed['values'] {
  // Compose files in the config are relative to the config file.
  const compose = (settings.compose ?? []).map((c) => {
    const files = c.file.split(',').map((f) => relative(cwd, resolve(configDir, f.trim())) || '.').join(',');
    return c.nodes && c.nodes.length > 0 ? `${files}@${c.nodes.join(',')}` : files;
  });
  // The config's clusters and their sources are collected; its pairing is applied when linting.
  const clusterIds = [...new Set((settings.clusters ?? []).flatMap((c) => (c.source ? [c.id, c.source] : [c.id])))];
  return {
    ...v,
    region: v.region ?? settings.region,
    profile: v.profile ?? settings.profile,
    endpoint: (v.endpoint as string[] | undefined) ?? Object.entries(settings.endpoints ?? {}).map(([svc, url]) => `${svc}=${url}`),
    timeout: v.timeout ?? (settings.timeout !== undefined ? String(settings.timeout) : undefined),
    concurrency: v.concurrency ?? (settings.concurrency !== undefined ? String(settings.concurrency) : undefined),
    // The clusters the config pairs are the ones to collect, unless flags name others.
    cluster: (v.cluster as string[] | undefined) ?? (clusterIds.length > 0 ? clusterIds : undefined),
    compose: (v.compose as string[] | undefined) ?? (compose.length > 0 ? compose : undefined),
    'inspect-nodes': v['inspect-nodes'] ?? settings.inspectNodes,
  };
}

/** Collects live from the flags: region, clusters, credentials profile, endpoints, timeout, concurrency. */
async function collectFromFlags(v: Parsed['values'], io: Io, version: string) {
  const region = (v.region as string | undefined) ?? io.env.ALIBABA_CLOUD_REGION_ID;
  if (!region) throw new UsageError('collecting needs a region: --region cn-hangzhou (or ALIBABA_CLOUD_REGION_ID)');
  const clusterIds = listOf(v.cluster as string[] | undefined);
  const source = v['source-cluster'] as string | undefined;
  if (source && clusterIds.length !== 1) throw new UsageError('--source-cluster pairs one Flannel cluster with one --cluster (the Terway target)');
  const { parseEndpointUrl } = await import('./collect/alicloud/clients.js');
  const endpoints: Record<string, { host: string; protocol: 'http' | 'https' }> = {};
  for (const spec of (v.endpoint as string[] | undefined) ?? []) {
    const m = /^(cs|vpc|ecs)=(.+)$/.exec(spec);
    const url = m ? parseEndpointUrl(m[2]!) : undefined;
    if (!m || !url) throw new UsageError(`--endpoint ${spec}: expected SERVICE=URL with SERVICE cs, vpc or ecs and URL like https://vpc-vpc.cn-hangzhou.aliyuncs.com`);
    endpoints[m[1]!] = url;
  }
  const timeout = positiveNumber('--timeout', v.timeout, 10);
  const concurrency = positiveNumber('--concurrency', v.concurrency, 16);
  // The credentials chain reads the profile name from the environment.
  if (typeof v.profile === 'string') io.env.ALIBABA_CLOUD_PROFILE = v.profile;
  const progress = io.stderrIsTTY === true && v.quiet !== true;
  const kubeconfigs: Record<string, string> = {};
  for (const spec of (v.kubeconfig as string[] | undefined) ?? (io.env.KUBECONFIG ? [io.env.KUBECONFIG] : [])) {
    const m = /^(c[-\w]+)=(.+)$/.exec(spec);
    kubeconfigs[m ? m[1]! : ''] = resolve(io.cwd, m ? m[2]! : spec);
  }
  if (Object.keys(kubeconfigs).length > 0) {
    const { checkKubeconfigFile } = await import('./collect/kube/check-kubeconfig.js');
    for (const file of Object.values(kubeconfigs)) checkKubeconfigFile(file, displayPath(file, io.cwd), typeof v.context === 'string' ? v.context : undefined);
  }
  if (kubeconfigs[''] !== undefined && clusterIds.length + (source ? 1 : 0) > 1) {
    throw new UsageError('--kubeconfig FILE without a cluster id is for one cluster: give --kubeconfig CLUSTER_ID=FILE for each, or none to fetch them from ACK');
  }
  const { collectLive } = await import('./collect/live.js');
  const result = await collectLive({
    inspectNodes: v['inspect-nodes'] === true,
    workloads: {
      kubeconfigs,
      ...(typeof v.context === 'string' ? { context: v.context } : {}),
      privateEndpoint: v['private-endpoint'] === true,
      compose: (v.compose as string[] | undefined) ?? [],
      cwd: io.cwd,
      env: io.env,
    },
    region,
    clusterIds,
    ...(source ? { sourceClusterId: source } : {}),
    endpoints,
    timeoutMs: timeout * 1000,
    concurrency: Math.floor(concurrency),
    toolVersion: version,
    now: io.now ?? new Date(),
    ...(progress ? { onCall: (what: string, calls: number) => io.stderr(`\rcollecting ${region}: ${calls} calls, now ${what}\u001b[K`) } : {}),
  });
  if (progress) io.stderr(`\rcollected ${region}: ${result.stats.calls} calls, ${result.stats.retries} retries\u001b[K\n`);
  // A compose entry that could not be read (unset variable, random port, …) is said, not dropped.
  if (v.quiet !== true) for (const p of result.composeProblems) io.stderr(`terway-lint: compose ${p.file}:${p.line}: ${p.message}\n`);
  return result;
}

function positiveNumber(flag: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (typeof value !== 'string' || !Number.isFinite(n) || n <= 0) throw new UsageError(`${flag} must be a positive number (got "${String(value)}")`);
  return n;
}

function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, resolve(cwd, path));
  return rel && !rel.startsWith('..') ? rel : path;
}

const HELP = `terway-lint — is it safe to move this ACK cluster from Flannel to Terway?

Usage:
  terway-lint --region REGION [options]     collect live from Alibaba Cloud and lint
  terway-lint --snapshot FILE [options]     lint a saved snapshot (offline)
  terway-lint collect --region REGION --output FILE
                                            collect and save a snapshot (no secrets in it)
  terway-lint report --from RESULT.json     re-render a result saved with --format json
  terway-lint rules [options]               list the rule catalogue
  terway-lint iam-policy [--inspect-nodes]  print the RAM policy the tool needs

Collecting:
  --region REGION        region to read (default: ALIBABA_CLOUD_REGION_ID)
  --cluster ID           only this cluster (repeatable; default: every cluster in the region)
  --source-cluster ID    the Flannel cluster that --cluster (the Terway target) replaces
  --profile NAME         aliyun CLI profile for credentials (default: the credentials chain:
                         ALIBABA_CLOUD_ACCESS_KEY_ID/SECRET, OIDC/RRSA, ~/.aliyun/config.json,
                         ~/.alibabacloud/credentials, ECS RAM role)
  --endpoint SVC=URL     endpoint for cs, vpc or ecs, e.g. vpc=https://vpc-vpc.cn-hangzhou.aliyuncs.com
                         (repeatable; the URL's scheme sets the protocol)
  --timeout SECONDS      connect and read timeout per call (default 10)
  --concurrency N        API calls in flight at most (default 16)
  --save-snapshot FILE   also save the collected snapshot (needed for sarif, junit,
                         markdown and github reports, which point at its lines)
  --kubeconfig [ID=]FILE kubeconfig of a cluster (repeatable; default: KUBECONFIG, else
                         a 15-minute one from ACK per cluster, kept in memory)
  --context NAME         context of a --kubeconfig FILE
  --private-endpoint     ask ACK for the cluster API's intranet address
  --compose SPEC         compose file(s) whose published ports run on nodes outside
                         Kubernetes: FILE or GLOB, with @i-xxx,i-yyy to tie it to nodes
                         (repeatable; FILE1,FILE2 merges overrides; also with --snapshot,
                         for a snapshot collected without compose files)
  --inspect-nodes        opt-in: run the fixed read-only inventory script on the nodes
                         through Cloud Assistant (ecs:RunCommand; see docs/node-inspection.md)

Lint options:
  --snapshot FILE        snapshot JSON to lint (see fixtures/snapshots/ for examples);
                         default: "snapshot" in the config file
  --config FILE          config file (default: the nearest .terway-lint.yaml from the
                         working directory up; see schema/config.schema.json)
  --format FORMAT        text (default), json, sarif, junit, markdown or github;
                         repeat for several reports
  --output FILE          write the report of the preceding --format to FILE
                         (without it that report goes to stdout; only one may)
  --fail-on LEVEL        lowest severity that fails the run: error (default),
                         warning, info or none
  --only IDS             run only these rules (comma-separated, repeatable)
  --exclude IDS          skip these rules (comma-separated, repeatable)
  --rules DIR            also load the rule files in DIR (repeatable)
  --baseline FILE        findings listed in FILE are reported but do not fail the run
  --write-baseline FILE  record the current findings' fingerprints in FILE
  --show-suppressed      list the findings that config suppressions cover
  --lang LANG            en or zh-CN (default: config, else LC_ALL/LC_MESSAGES/LANG)
  --quiet                no progress on stderr
  --debug                show stack traces for errors
  -h, --help             show this help
  -v, --version          print the version

Report options: --from RESULT.json, and --format/--output, --fail-on, --lang,
  --show-suppressed as above.

Rules options:
  --format FORMAT        text (default), markdown or json
  --output FILE          write the catalogue to FILE
  --rules DIR, --lang LANG as above

Exit codes:
  0  ready: no finding at or above --fail-on, every rule evaluated
  1  a finding at or above --fail-on (suppressed and baseline findings do not count)
  2  usage or input error (bad flag; no credentials; unreadable or invalid snapshot,
     config, rule, baseline or output file)
  3  incomplete: data a rule needed could not be collected (the report says which
     and the RAM action to grant), so readiness is unknown
  70 internal error (a bug: please report it)

Examples:
  terway-lint --region cn-hangzhou --cluster c-new --source-cluster c-old
  terway-lint --snapshot fixtures/snapshots/seed-incident.json
  terway-lint --snapshot snap.json --format sarif --output terway-lint.sarif --format text
  terway-lint report --from result.json --format markdown
  terway-lint rules --lang zh-CN
`;

const optionSpec = {
  snapshot: { type: 'string' },
  format: { type: 'string', multiple: true },
  output: { type: 'string', multiple: true },
  'fail-on': { type: 'string' },
  only: { type: 'string', multiple: true },
  exclude: { type: 'string', multiple: true },
  rules: { type: 'string', multiple: true },
  lang: { type: 'string' },
  quiet: { type: 'boolean' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
  region: { type: 'string' },
  config: { type: 'string' },
  baseline: { type: 'string' },
  'write-baseline': { type: 'string' },
  'show-suppressed': { type: 'boolean' },
  from: { type: 'string' },
  cluster: { type: 'string', multiple: true },
  'source-cluster': { type: 'string' },
  profile: { type: 'string' },
  endpoint: { type: 'string', multiple: true },
  timeout: { type: 'string' },
  concurrency: { type: 'string' },
  'save-snapshot': { type: 'string' },
  kubeconfig: { type: 'string', multiple: true },
  context: { type: 'string' },
  'private-endpoint': { type: 'boolean' },
  compose: { type: 'string', multiple: true },
  'inspect-nodes': { type: 'boolean' },
} as const;

const COMMANDS = ['lint', 'collect', 'report', 'rules', 'iam-policy'] as const;

type Parsed = {
  command: (typeof COMMANDS)[number];
  values: Record<string, string | boolean | string[] | undefined>;
  reports: { format: string; output?: string }[];
};

function toolVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

function parse(argv: string[]): Parsed {
  const { values, positionals, tokens } = parseArgs({ args: argv, options: optionSpec, strict: false, allowPositionals: true, tokens: true });
  for (const t of tokens) {
    if (t.kind !== 'option') continue;
    const spec = (optionSpec as Record<string, { type: string }>)[t.name];
    if (!spec) throw new UsageError(`unknown option ${t.rawName}; run terway-lint --help for the options`);
    if (spec.type === 'string' && t.value === undefined) throw new UsageError(`option ${t.rawName} needs a value`);
    if (spec.type === 'boolean' && t.value !== undefined) throw new UsageError(`option ${t.rawName} takes no value`);
  }
  const [command = 'lint', ...extra] = positionals;
  if (!(COMMANDS as readonly string[]).includes(command)) {
    throw new UsageError(`unknown command "${command}"; commands are: ${COMMANDS.join(', ')} (lint is the default)`);
  }
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);

  // --output belongs to the --format before it; an --output with no --format at all writes the default format.
  const reports: { format: string; output?: string }[] = [];
  for (const t of tokens) {
    if (t.kind !== 'option') continue;
    if (t.name === 'format') reports.push({ format: t.value! });
    if (t.name === 'output') {
      const last = reports[reports.length - 1];
      if (!last && tokens.some((x) => x.kind === 'option' && x.name === 'format')) {
        throw new UsageError('--output must come after the --format it writes');
      }
      if (!last) reports.push({ format: 'text', output: t.value! });
      else if (last.output) throw new UsageError(`two --output values for --format ${last.format}; give each --output its own --format`);
      else last.output = t.value!;
    }
  }
  return { command: command as Parsed['command'], values: values as Parsed['values'], reports };
}

function listOf(values: string[] | undefined): string[] {
  return (values ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
}

function oneOf<T extends string>(flag: string, value: unknown, choices: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (typeof value === 'string' && (choices as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${flag} must be one of ${choices.join(', ')} (got "${String(value)}")`);
}

function langFromEnv(env: NodeJS.ProcessEnv): 'en' | 'zh-CN' {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^zh/i.test(locale) ? 'zh-CN' : 'en';
}

export async function main(io: Io): Promise<number> {
  let debug = io.argv.includes('--debug');
  try {
    const parsed = parse(io.argv);
    debug = parsed.values.debug === true;
    if (parsed.values.help) {
      io.stdout(HELP);
      return ExitCode.Ready;
    }
    if (parsed.values.version) {
      io.stdout(`${toolVersion()}\n`);
      return ExitCode.Ready;
    }
    const v = parsed.values;
    if (parsed.command === 'iam-policy') {
      io.stdout((await import('./collect/ram-actions.js')).iamPolicy({ inspectNodes: v['inspect-nodes'] === true }));
      return ExitCode.Ready;
    }
    const { runLint, runReport, runRules } = await import('./commands.js');
    const { findConfigFile, loadConfigFile } = await import('./config/load.js');
    // The config file: --config, else the nearest .terway-lint.yaml from the working directory up.
    const configPath = typeof v.config === 'string' ? v.config : parsed.command === 'lint' ? findConfigFile(io.cwd) : undefined;
    const config = configPath ? loadConfigFile(resolve(io.cwd, configPath), displayPath(configPath, io.cwd)) : undefined;
    const settings = config?.config ?? {};
    const lang = oneOf('--lang', v.lang ?? settings.lang, LANG_CHOICES, langFromEnv(io.env));
    const failOn = oneOf('--fail-on', v['fail-on'] ?? settings.failOn, FAIL_ON, 'error');
    const common = {
      cwd: io.cwd,
      lang,
      ruleDirs: (v.rules as string[] | undefined) ?? [],
      toolVersion: toolVersion(),
      color: io.stdoutIsTTY && !('NO_COLOR' in io.env && io.env.NO_COLOR !== ''),
    };
    if (parsed.command === 'rules') {
      const reports = parsed.reports.length > 0 ? parsed.reports : [{ format: 'text' }];
      for (const r of reports) oneOf('--format', r.format, RULES_FORMATS, 'text');
      return runRules({ ...common, reports }, io);
    }
    const reports = parsed.reports.length > 0 ? parsed.reports : [{ format: 'text' }];
    for (const r of reports) oneOf('--format', r.format, LINT_FORMATS, 'text');
    if (parsed.command === 'report') {
      if (typeof v.from !== 'string') throw new UsageError('report needs --from RESULT.json (a result saved with --format json)');
      return await runReport({ ...common, reports, from: v.from, failOn, showSuppressed: v['show-suppressed'] === true }, io);
    }
    if (v.from !== undefined) throw new UsageError('--from belongs to the report command: terway-lint report --from RESULT.json');
    const { snapshotFromConfig, lintSnapshot, saveSnapshot } = await import('./commands.js');
    const snapshot = typeof v.snapshot === 'string' ? v.snapshot : undefined;
    const lintOptions = {
      ...common,
      reports,
      failOn,
      only: listOf(v.only as string[] | undefined),
      exclude: listOf(v.exclude as string[] | undefined),
      ...(config ? { config } : {}),
      ...(typeof v.baseline === 'string' ? { baseline: v.baseline } : {}),
      ...(typeof v['write-baseline'] === 'string' ? { writeBaseline: v['write-baseline'] } : {}),
      showSuppressed: v['show-suppressed'] === true,
      today: (io.now ?? new Date()).toISOString().slice(0, 10),
    };
    const live = parsed.command === 'collect' || (snapshot === undefined && (v.region !== undefined || v.cluster !== undefined || (settings.region !== undefined && settings.snapshot === undefined)));
    if (!live) {
      const file = snapshot ?? (config ? snapshotFromConfig(config, io.cwd) : undefined);
      if (file === undefined) {
        throw new UsageError(
          'nothing to lint: give --region REGION (live, with Alibaba Cloud credentials) or --snapshot FILE (try fixtures/snapshots/seed-incident.json); see terway-lint --help',
        );
      }
      const configDir = config ? dirname(resolve(io.cwd, config.file)) : io.cwd;
      const specs = (withConfigDefaults(v, settings, configDir, io.cwd).compose as string[] | undefined) ?? [];
      const compose = { specs, fromConfig: v.compose === undefined, env: io.env, warn: (t: string) => (v.quiet === true ? undefined : io.stderr(t)) };
      return await runLint({ ...lintOptions, snapshot: file, compose }, io);
    }
    if (snapshot !== undefined) throw new UsageError('--snapshot lints a saved snapshot; it does not go with collecting (--region, --cluster, collect)');
    const configDir = config ? dirname(resolve(io.cwd, config.file)) : io.cwd;
    const collected = await collectFromFlags(withConfigDefaults(v, settings, configDir, io.cwd), io, toolVersion());
    if (parsed.command === 'collect') {
      if (parsed.reports.some((r) => r.format !== 'text')) throw new UsageError('collect writes a snapshot: give --output FILE, without --format');
      const out = parsed.reports[0]?.output ?? (typeof v['save-snapshot'] === 'string' ? v['save-snapshot'] : undefined);
      if (out) saveSnapshot(collected.snapshot, out, io.cwd);
      else io.stdout((await import('./snapshot/write.js')).serializeSnapshot(collected.snapshot));
      const cloudGaps = collected.snapshot.errors.filter((e) => e.source !== 'kube');
      for (const e of cloudGaps) io.stderr(`terway-lint: not collected: ${e.section}${e.clusterId ? ` of ${e.clusterId}` : ''}${e.nodeId ? ` (node ${e.nodeId})` : ''}: ${e.source} ${e.kind}${e.code ? ` ${e.code}` : ''}${e.action ? `; grant ${e.action}` : ''}\n`);
      return cloudGaps.length > 0 ? ExitCode.Incomplete : ExitCode.Ready;
    }
    const input =
      typeof v['save-snapshot'] === 'string'
        ? saveSnapshot(collected.snapshot, v['save-snapshot'], io.cwd)
        : { snapshot: collected.snapshot, text: JSON.stringify(collected.snapshot) };
    return await lintSnapshot(lintOptions, io, input);
  } catch (err) {
    if (err instanceof TerwayLintError) {
      io.stderr(`terway-lint: ${err.message}\n`);
      if (debug && err.stack) io.stderr(`${err.stack}\n`);
      return err.exitCode;
    }
    const e = err as Error;
    io.stderr(
      `terway-lint: internal error: ${e?.message ?? String(err)}\n` +
        `This is a bug in terway-lint ${safeVersion()} (node ${io.nodeVersion}); please report it with the command you ran at ${ISSUES_URL}\n`,
    );
    if (debug && e?.stack) io.stderr(`${e.stack}\n`);
    return ExitCode.Internal;
  }
}

function safeVersion(): string {
  try {
    return toolVersion();
  } catch {
    return 'unknown';
  }
}

