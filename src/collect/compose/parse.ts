/**
 * One compose file → its services' ports, keeping the line of every entry. Reads the YAML syntax
 * tree (not `toJS`) so that each value keeps its position; aliases and `<<` merge keys are followed
 * (lines then point at the anchored text), `!reset` / `!override` tags are honoured when merging.
 *
 * Bad input (not YAML, not a compose file, a structure compose itself rejects, too many aliases)
 * throws InputFileError naming file and line; a value that cannot be resolved (unset variable,
 * malformed port) is a ComposeProblem and the entry is skipped.
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import { InputFileError } from '../../errors.js';
import { interpolate } from './interpolate.js';
import { parseExpose, parseLongPort, parseShortPort, type PortResult } from './ports.js';
import type { ComposeEnv, ComposeModel, ComposeProblem, ComposeService, PortEntry } from './types.js';

/** Resolved aliases allowed in one file (`toJS` counts them the same way); beyond → InputFileError. */
export const MAX_ALIAS_COUNT = 100;

type AnyNode = Node | Pair | null | undefined | unknown;

class Tree {
  constructor(
    readonly doc: Document,
    readonly lc: LineCounter,
    readonly file: string,
  ) {}

  deref(node: AnyNode): unknown {
    let n = node;
    for (let hops = 0; isAlias(n); hops++) {
      if (hops > MAX_ALIAS_COUNT) throw new InputFileError(this.file, String(this.line(node)), 'alias chain too long');
      n = n.resolve(this.doc);
    }
    return n;
  }

  line(node: AnyNode): number {
    const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
    return range ? this.lc.linePos(range[0]).line : 1;
  }

  /** Pairs of a map, explicit keys first, then those brought in by `<<` merge keys (not overriding). */
  pairs(map: YAMLMap): { key: string; keyNode: unknown; value: unknown }[] {
    const out: { key: string; keyNode: unknown; value: unknown }[] = [];
    const seen = new Set<string>();
    const merges: unknown[] = [];
    for (const p of map.items) {
      if (isScalar(p.key) && (typeof p.key.value === 'symbol' || p.key.value === '<<')) {
        merges.push(p.value);
        continue;
      }
      const key = isScalar(p.key) ? String(p.key.value) : String(p.key);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ key, keyNode: p.key, value: p.value });
    }
    for (const m of merges) {
      const v = this.deref(m);
      const sources = isSeq(v) ? v.items.map((x) => this.deref(x)) : [v];
      for (const src of sources) {
        if (!isMap(src)) continue;
        for (const p of this.pairs(src)) {
          if (seen.has(p.key)) continue;
          seen.add(p.key);
          out.push(p);
        }
      }
    }
    return out;
  }

  get(map: YAMLMap, key: string): { keyNode: unknown; value: unknown } | undefined {
    return this.pairs(map).find((p) => p.key === key);
  }
}

/** Parses one compose file; `file` is how results name it (relative to the working directory). */
export function parseComposeModel(text: string, file: string, env: ComposeEnv): ComposeModel {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, merge: true, prettyErrors: false, uniqueKeys: true });
  const first = doc.errors[0];
  if (first) {
    const line = lc.linePos(first.pos[0]).line;
    throw new InputFileError(file, String(line), `not valid YAML: ${first.message.split('\n')[0]}`);
  }
  try {
    doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    throw new InputFileError(file, String(firstAliasLine(doc, lc)), `YAML aliases: ${(e as Error).message.split('\n')[0]} (limit ${MAX_ALIAS_COUNT})`, { cause: e });
  }
  const t = new Tree(doc, lc, file);
  const root = t.deref(doc.contents);
  if (root === null || (isScalar(root) && root.value === null)) throw new InputFileError(file, '1', 'not a compose file: no "services" map (the file is empty)');
  if (!isMap(root)) throw new InputFileError(file, String(t.line(doc.contents)), 'not a compose file: the top level is not a map with "services"');
  const servicesPair = t.get(root, 'services');
  const services = t.deref(servicesPair?.value);
  if (!isMap(services)) {
    const where = servicesPair ? t.line(servicesPair.keyNode) : 1;
    throw new InputFileError(file, String(where), servicesPair ? 'not a compose file: "services" is not a map' : 'not a compose file: no "services" map');
  }
  const problems: ComposeProblem[] = [];
  const model: ComposeModel = { files: [file], services: new Map(), problems };
  for (const { key, keyNode, value } of t.pairs(services)) {
    model.services.set(key, readService(t, key, t.line(keyNode), value, env, problems));
  }
  return model;
}

function firstAliasLine(doc: Document, lc: LineCounter): number {
  let line = 1;
  const visit = (n: unknown): boolean => {
    if (isAlias(n)) {
      const r = (n as { range?: [number, number, number] }).range;
      if (r) line = lc.linePos(r[0]).line;
      return true;
    }
    if (isMap(n)) return n.items.some((p) => visit(p.key) || visit(p.value));
    if (isSeq(n)) return n.items.some(visit);
    return false;
  };
  visit(doc.contents);
  return line;
}

/** A scalar's text after interpolation; a problem (and undefined) when it cannot be resolved. */
function scalarText(t: Tree, node: unknown, env: ComposeEnv, problems: ComposeProblem[], what: string): string | undefined {
  const n = t.deref(node);
  if (!isScalar(n) || n.value === null || typeof n.value === 'object') {
    problems.push({ file: t.file, line: t.line(node), message: `${what} is not a string or number` });
    return undefined;
  }
  if (typeof n.value !== 'string') return String(n.value);
  const r = interpolate(n.value, env);
  if (!r.ok) {
    problems.push({ file: t.file, line: t.line(node), message: `${what}: ${r.message}; entry skipped` });
    return undefined;
  }
  return r.value;
}

function readService(t: Tree, name: string, line: number, value: unknown, env: ComposeEnv, problems: ComposeProblem[]): ComposeService {
  const svc: ComposeService = { name, file: t.file, line, ports: [], expose: [] };
  const map = t.deref(value);
  if (value === null || (isScalar(map) && map.value === null)) return svc; // `name:` with no body: nothing published
  if (!isMap(map)) throw new InputFileError(t.file, String(line), `service "${name}" is not a map`);
  const nm = t.get(map, 'network_mode');
  if (nm) {
    const v = scalarText(t, nm.value, env, problems, `service "${name}" network_mode`);
    if (v !== undefined) svc.networkMode = { value: v, file: t.file, line: t.line(nm.value) };
  }
  if (t.get(map, 'extends')) {
    problems.push({ file: t.file, line: t.line(t.get(map, 'extends')?.keyNode), message: `service "${name}" uses "extends", which is not followed: ports of the extended service are not read` });
  }
  const ports = t.get(map, 'ports');
  if (ports) {
    const { entries, replace } = readList(t, name, 'ports', ports.value, (item) => readPortItem(t, name, item, env, problems));
    svc.ports = entries;
    svc.replacePorts = replace;
  }
  const expose = t.get(map, 'expose');
  if (expose) {
    const { entries, replace } = readList(t, name, 'expose', expose.value, (item) => {
      const text = scalarText(t, item, env, problems, `service "${name}" expose`);
      if (text === undefined) return undefined;
      return finish(t, item, parseExpose(text), problems, `service "${name}" expose`, t.line(item));
    });
    svc.expose = entries;
    svc.replaceExpose = replace;
  }
  return svc;
}

function readList(
  t: Tree,
  service: string,
  field: string,
  node: unknown,
  read: (item: unknown) => PortEntry | undefined,
): { entries: PortEntry[]; replace: boolean } {
  const tag = (node as { tag?: string } | null)?.tag;
  const replace = tag === '!reset' || tag === '!override';
  const seq = t.deref(node);
  if (isScalar(seq) && seq.value === null) return { entries: [], replace };
  if (!isSeq(seq)) throw new InputFileError(t.file, String(t.line(node)), `service "${service}": "${field}" is not a list`);
  const entries: PortEntry[] = [];
  for (const item of seq.items) {
    const e = read(item);
    if (e) entries.push(e);
  }
  return { entries, replace };
}

function readPortItem(t: Tree, service: string, item: unknown, env: ComposeEnv, problems: ComposeProblem[]): PortEntry | undefined {
  const what = `service "${service}" port`;
  const n = t.deref(item);
  if (isMap(n)) {
    const fields: Record<string, string | undefined> = {};
    let publishedLine = t.line(item);
    let targetLine = t.line(item);
    for (const key of ['target', 'published', 'host_ip', 'protocol'] as const) {
      const p = t.get(n, key);
      if (!p) continue;
      if (key === 'published') publishedLine = t.line(p.value);
      if (key === 'target') targetLine = t.line(p.value);
      const v = scalarText(t, p.value, env, problems, `${what} ${key}`);
      if (v === undefined) return undefined;
      fields[key] = v;
    }
    const entry = finish(t, item, parseLongPort(fields, t.file, publishedLine), problems, what, publishedLine);
    if (entry) for (const x of entry.targets) x.line = targetLine;
    return entry;
  }
  const text = scalarText(t, item, env, problems, what);
  if (text === undefined) return undefined;
  return finish(t, item, parseShortPort(text, t.file, t.line(item)), problems, what, t.line(item));
}

function finish(t: Tree, item: unknown, r: PortResult, problems: ComposeProblem[], what: string, line: number): PortEntry | undefined {
  if (!r.ok) {
    problems.push({ file: t.file, line, message: `${what}: ${r.message}; entry skipped` });
    return undefined;
  }
  for (const note of r.notes) problems.push({ file: t.file, line, message: `${what}: ${note}` });
  return { file: t.file, line: t.line(item), bindings: r.bindings, targets: r.targets.map((x) => ({ ...x, line: t.line(item) })) };
}

/**
 * Merges files like `docker compose -f a.yml -f b.yml`, restricted to what matters for ports:
 * a service only in a later file is added; for a service in both, `ports` and `expose` are appended
 * (replaced when the later file tags them `!override`, emptied by `!reset`), and `network_mode` is
 * replaced when the later file sets it. Everything else is ignored.
 */
export function mergeModels(models: ComposeModel[]): ComposeModel {
  const out: ComposeModel = { files: [], services: new Map(), problems: [] };
  for (const m of models) {
    out.files.push(...m.files);
    out.problems.push(...m.problems);
    for (const [name, s] of m.services) {
      const base = out.services.get(name);
      if (!base) {
        out.services.set(name, { ...s, ports: [...s.ports], expose: [...s.expose] });
        continue;
      }
      base.ports = s.replacePorts ? [...s.ports] : [...base.ports, ...s.ports];
      base.expose = s.replaceExpose ? [...s.expose] : [...base.expose, ...s.expose];
      if (s.networkMode) base.networkMode = s.networkMode;
    }
  }
  return out;
}
