/**
 * `.terway-lint.yaml`: found from the working directory upward, or named with --config. Checked
 * against schema/config.schema.json; every problem is an InputFileError naming the file and line.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { LineCounter, parseDocument } from 'yaml';
import { InputFileError } from '../errors.js';
import type { TerwayMode } from '../snapshot/types.js';
import { lineOfYamlPath } from '../yaml-lines.js';
import type { Severity } from '../rules/types.js';

export const CONFIG_FILE_NAMES = ['.terway-lint.yaml', '.terway-lint.yml'] as const;
export const CONFIG_SCHEMA_FILE = fileURLToPath(new URL('../../schema/config.schema.json', import.meta.url));

export interface PlannedNodePool {
  name: string;
  instanceType: string;
  count: number;
  mode?: TerwayMode;
  vswitches?: string[];
}

export interface PlannedCluster {
  id?: string;
  name?: string;
  source: string;
  podVSwitches: Record<string, string[]>;
  securityGroups?: string[];
  trunk?: boolean;
  nodePools: PlannedNodePool[];
}

export interface SuppressionEntry {
  rule: string;
  resource: string;
  cluster?: string;
  reason: string;
  owner?: string;
  expires?: string;
}

export interface Config {
  snapshot?: string;
  lang?: 'en' | 'zh-CN';
  failOn?: Severity | 'none';
  region?: string;
  profile?: string;
  endpoints?: Partial<Record<'cs' | 'vpc' | 'ecs', string>>;
  timeout?: number;
  concurrency?: number;
  compose?: { file: string; nodes?: string[] }[];
  inspectNodes?: boolean;
  clusters?: { id: string; source?: string }[];
  plan?: PlannedCluster[];
  rules?: Record<string, 'off' | Severity>;
  suppressions?: SuppressionEntry[];
}

export interface LoadedConfig {
  /** Path as given or found (for messages and SARIF). */
  file: string;
  config: Config;
  /** 1-based line of the value at a path, e.g. ['suppressions', 0]. */
  lineOf(path: (string | number)[]): number;
}

/** The nearest config file from `dir` upward, or undefined. */
export function findConfigFile(dir: string): string | undefined {
  for (let current = resolve(dir); ; current = dirname(current)) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = join(current, name);
      if (existsSync(candidate)) return candidate;
    }
    if (dirname(current) === current) return undefined;
  }
}

export function loadConfigFile(path: string, displayName = path): LoadedConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputFileError(displayName, undefined, code === 'ENOENT' ? 'no such config file' : `cannot read (${code})`, { cause: err });
  }
  return parseConfig(text, displayName);
}

export function parseConfig(text: string, file: string): LoadedConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    throw new InputFileError(file, String(lineCounter.linePos(e.pos[0]).line), `YAML error: ${e.message.split('\n')[0]}`);
  }
  const lineOf = (path: (string | number)[], key = false) => lineOfYamlPath(doc, lineCounter, path, key);
  const value = (doc.toJS() ?? {}) as unknown;
  const schema = JSON.parse(readFileSync(CONFIG_SCHEMA_FILE, 'utf8')) as object;
  const validate = new Ajv({ allErrors: false, strict: false }).compile(schema);
  if (!validate(value)) {
    const e = validate.errors![0]!;
    const path = e.instancePath.split('/').slice(1).map((t) => (/^\d+$/.test(t) ? Number(t) : t));
    const at = (p: (string | number)[], key = false) => String(lineOf(p, key));
    const dotted = (p: (string | number)[]) => p.map((t) => (typeof t === 'number' ? `[${t}]` : `.${t}`)).join('').replace(/^\./, '');
    if (e.keyword === 'additionalProperties') {
      const field = (e.params as { additionalProperty: string }).additionalProperty;
      throw new InputFileError(file, at([...path, field], true), `unknown key "${dotted([...path, field])}"`);
    }
    if (e.keyword === 'required') {
      const field = (e.params as { missingProperty: string }).missingProperty;
      const why = field === 'reason' ? ' (every suppression needs a reason)' : '';
      throw new InputFileError(file, at(path, path.length > 0), `${dotted(path) || 'config'} is missing "${field}"${why}`);
    }
    const detail =
      e.keyword === 'enum'
        ? `must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`
        : e.keyword === 'pattern' && path[path.length - 1] === 'expires'
          ? 'must be a date written YYYY-MM-DD'
          : (e.message ?? 'is invalid');
    throw new InputFileError(file, at(path), `${dotted(path) || 'config'} ${detail}`);
  }
  const config = value as Config;
  for (const [i, s] of (config.suppressions ?? []).entries()) {
    if (s.expires && !isRealDay(s.expires)) {
      throw new InputFileError(file, String(lineOf(['suppressions', i, 'expires'])), `suppressions[${i}].expires is not a real date: ${s.expires}`);
    }
  }
  return { file, config, lineOf: (path) => lineOf(path) };
}

/** 2026-02-31 matches the pattern but is no day; Date would roll it into March. */
function isRealDay(day: string): boolean {
  const t = Date.parse(`${day}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === day;
}
