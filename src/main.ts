/**
 * The CLI's argument handling and error-to-exit-code mapping, over injected I/O (see Io).
 * Heavy modules (rules, CEL, reporters) are imported only after --version/--help are handled.
 */
import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
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
}

function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, resolve(cwd, path));
  return rel && !rel.startsWith('..') ? rel : path;
}

const HELP = `terway-lint — is it safe to move this ACK cluster from Flannel to Terway?

Usage:
  terway-lint --snapshot FILE [options]     lint a saved snapshot (offline)
  terway-lint report --from RESULT.json     re-render a result saved with --format json
  terway-lint rules [options]               list the rule catalogue

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
  --quiet                print nothing on stderr except errors
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
  2  usage or input error (bad flag; unreadable or invalid snapshot, config, rule,
     baseline or output file)
  3  incomplete: a rule could not be evaluated because data was missing
  70 internal error (a bug: please report it)

Examples:
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
} as const;

type Parsed = {
  command: 'lint' | 'rules' | 'report';
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
  if (command !== 'lint' && command !== 'rules' && command !== 'report') {
    throw new UsageError(`unknown command "${command}"; commands are: lint (default), rules, report`);
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
    const { snapshotFromConfig } = await import('./commands.js');
    const snapshot = typeof v.snapshot === 'string' ? v.snapshot : config ? snapshotFromConfig(config, io.cwd) : undefined;
    if (v.region !== undefined && snapshot === undefined) {
      throw new UsageError('collecting from Alibaba Cloud (--region) is not available in this version yet; lint a saved snapshot with --snapshot FILE');
    }
    if (snapshot === undefined) {
      throw new UsageError('nothing to lint: give --snapshot FILE (try fixtures/snapshots/seed-incident.json) or set snapshot in .terway-lint.yaml; see terway-lint --help');
    }
    return await runLint(
      {
        ...common,
        snapshot,
        reports,
        failOn,
        only: listOf(v.only as string[] | undefined),
        exclude: listOf(v.exclude as string[] | undefined),
        ...(config ? { config } : {}),
        ...(typeof v.baseline === 'string' ? { baseline: v.baseline } : {}),
        ...(typeof v['write-baseline'] === 'string' ? { writeBaseline: v['write-baseline'] } : {}),
        showSuppressed: v['show-suppressed'] === true,
        today: (io.now ?? new Date()).toISOString().slice(0, 10),
      },
      io,
    );
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

