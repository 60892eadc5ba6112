/**
 * Reads rule files, checks them against the rule schema and compiles their CEL with type checking.
 * Every problem is a RuleLoadError naming the file and line.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { LineCounter, parseDocument } from 'yaml';
import { RuleLoadError } from '../errors.js';
import { collections } from '../model/collections/index.js';
import { LANGS } from '../model/types.js';
import { environmentFor, formatValue } from './cel.js';
import { ruleFileSchema } from './rule-schema.js';
import { parseTemplate } from './template.js';
import { lineOfYamlPath } from '../yaml-lines.js';
import { severityRank, type CompiledRule, type RuleFile, type Severity } from './types.js';

/** The catalogue shipped with terway-lint. */
export const BUILT_IN_RULES_DIR = fileURLToPath(new URL('../../rules/', import.meta.url));
export const DOCS_BASE_URL = 'https://github.com/terway-lint/terway-lint/blob/main/docs/rules/';

type Environment = ReturnType<typeof environmentFor>;

export interface RuleSource {
  dir: string;
  builtIn: boolean;
}

/** Loads every `*.yaml`/`*.yml` in the given folders (sorted by file name); ids must be unique. */
export function loadRules(sources: readonly RuleSource[], options: { relativeTo?: string } = {}): CompiledRule[] {
  const display = (file: string) => displayPath(file, options.relativeTo);
  const environments = new Map<string, Environment>();
  const validate = new Ajv({ allErrors: false, strict: true }).compile(ruleFileSchema);
  const rules: CompiledRule[] = [];
  const seen = new Map<string, string>();
  for (const source of sources) {
    for (const file of listRuleFiles(source.dir, display(source.dir))) {
      const rule = loadRuleFile(file, display(file), source.builtIn, validate, environments);
      const previous = seen.get(rule.meta.id);
      if (previous) throw new RuleLoadError(display(file), '1', `rule id "${rule.meta.id}" is already defined in ${display(previous)}`);
      seen.set(rule.meta.id, file);
      rules.push(rule);
    }
  }
  return rules.sort((a, b) => (a.meta.id < b.meta.id ? -1 : 1));
}

function listRuleFiles(dir: string, name: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new RuleLoadError(name, undefined, code === 'ENOENT' ? 'no such rules folder' : code === 'ENOTDIR' ? 'not a folder' : `cannot read (${code})`, { cause: err });
  }
  return names
    .filter((n) => /\.ya?ml$/.test(n))
    .sort()
    .map((n) => join(dir, n));
}

function displayPath(file: string, root: string | undefined): string {
  if (!root) return file;
  const rel = relative(root, file);
  return rel && !rel.startsWith('..') ? rel : file;
}

function loadRuleFile(
  file: string,
  name: string,
  builtIn: boolean,
  validate: ReturnType<Ajv['compile']>,
  environments: Map<string, Environment>,
): CompiledRule {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new RuleLoadError(name, undefined, `cannot read (${(err as NodeJS.ErrnoException).code})`, { cause: err });
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    throw new RuleLoadError(name, String(lineCounter.linePos(e.pos[0]).line), `YAML error: ${e.message.split('\n')[0]}`);
  }
  const lineOf = (path: (string | number)[], key = false) => String(lineOfYamlPath(doc, lineCounter, path, key));
  const value = doc.toJS() as unknown;
  if (!validate(value)) {
    const e = validate.errors![0]!;
    const path = e.instancePath.split('/').slice(1).map((t) => (/^\d+$/.test(t) ? Number(t) : t));
    if (e.keyword === 'additionalProperties') {
      const field = (e.params as { additionalProperty: string }).additionalProperty;
      throw new RuleLoadError(name, lineOf([...path, field], true), `unknown field "${[...path, field].join('.')}"`);
    }
    if (e.keyword === 'required') {
      const field = (e.params as { missingProperty: string }).missingProperty;
      throw new RuleLoadError(name, lineOf(path, path.length > 0), `missing field "${[...path, field].join('.')}"`);
    }
    const detail =
      e.keyword === 'enum'
        ? `must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`
        : (e.message ?? 'is invalid');
    throw new RuleLoadError(name, lineOf(path), `${path.join('.') || 'rule'} ${detail}`);
  }
  const meta = value as RuleFile;
  for (const field of ['title', 'description', 'remediation'] as const) {
    for (const lang of LANGS) meta[field][lang] = tidyText(meta[field][lang]).trim();
  }
  const expectedId = basename(file).replace(/\.ya?ml$/, '');
  if (meta.id !== expectedId) {
    throw new RuleLoadError(name, lineOf(['id']), `id "${meta.id}" must equal the file name "${expectedId}"`);
  }
  const collection = collections.get(meta.for);
  if (!collection) {
    throw new RuleLoadError(name, lineOf(['for']), `unknown collection "${meta.for}"; known: ${[...collections.keys()].sort().join(', ')}`);
  }
  const missing = collection.sections.filter((s) => !meta.requires.includes(s));
  if (missing.length > 0) {
    throw new RuleLoadError(name, lineOf(['requires']), `requires must list ${missing.join(', ')} (read by collection ${collection.name})`);
  }
  const env = environments.get(collection.name) ?? environments.set(collection.name, environmentFor(collection)).get(collection.name)!;
  const compile = (expr: string, path: (string | number)[], wantBool: boolean) => compileExpression(env, expr, name, lineOf(path), wantBool);

  const when = compile(meta.when, ['when'], true);
  const message = Object.fromEntries(
    LANGS.map((lang) => [lang, compileTemplate(meta.message[lang], (expr) => compile(expr, ['message', lang], false), name, lineOf(['message', lang]))]),
  ) as CompiledRule['message'];
  const evidence = Object.entries(meta.evidence ?? {}).map(
    ([key, expr]) => [key, compile(expr, ['evidence', key], false)] as [string, (ctx: Record<string, unknown>) => unknown],
  );
  const severityWhen = (['warning', 'info'] as const)
    .filter((level) => meta.severityWhen?.[level] !== undefined)
    .map((level) => {
      if (severityRank(level) >= severityRank(meta.severity)) {
        throw new RuleLoadError(name, lineOf(['severityWhen', level], true), `severityWhen.${level} must be below the rule's severity ${meta.severity}`);
      }
      return [level, compile(meta.severityWhen![level]!, ['severityWhen', level], true)] as [Severity, (ctx: Record<string, unknown>) => unknown];
    });
  return {
    meta,
    file,
    builtIn,
    severityWhen,
    docsUrl: meta.docsUrl ?? (builtIn ? `${DOCS_BASE_URL}${meta.id}.md` : undefined),
    when,
    message,
    evidence,
  };
}

function compileExpression(
  env: Environment,
  expr: string,
  file: string,
  line: string,
  wantBool: boolean,
): (ctx: Record<string, unknown>) => unknown {
  const checked = env.check(expr);
  if (!checked.valid) {
    throw new RuleLoadError(file, line, `CEL error in "${expr}": ${firstLine(checked.error?.message)}`);
  }
  if (wantBool && checked.type !== 'bool') {
    throw new RuleLoadError(file, line, `"${expr}" must be a bool expression, it is ${checked.type}`);
  }
  return env.parse(expr) as unknown as (ctx: Record<string, unknown>) => unknown;
}

function compileTemplate(
  template: string,
  compile: (expr: string) => (ctx: Record<string, unknown>) => unknown,
  file: string,
  line: string,
): (ctx: Record<string, unknown>) => string {
  let parts;
  try {
    parts = parseTemplate(template);
  } catch (err) {
    throw new RuleLoadError(file, line, `message: ${(err as Error).message}`);
  }
  const compiled = parts.map((p) => ('text' in p ? tidyText(p.text) : compile(p.expr)));
  return (ctx) => compiled.map((p) => (typeof p === 'string' ? p : formatValue(p(ctx)))).join('');
}

/**
 * Folded YAML turns line breaks into spaces; that is right in English and wrong in Chinese, so drop
 * a space that touches full-width punctuation or sits between two Han characters.
 */
function tidyText(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/ (?=[\u3000-\u303f\uff00-\uffef])|(?<=[\u3000-\u303f\uff00-\uffef]) /g, '')
    .replace(/(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff])/g, '');
}

function firstLine(text: string | undefined): string {
  return (text ?? 'invalid expression').split('\n')[0]!.trim();
}
