/**
 * docker-compose files → snapshot `hostServices` (ports published on nodes outside Kubernetes).
 *
 * A spec (`--compose` value or config entry) is `PATTERN[,PATTERN…][@i-xxx[,i-yyy…]]`:
 * - each PATTERN is a path or a glob (`*`, `?`, `**`), relative to `cwd`; a pattern that matches no
 *   file is an InputFileError;
 * - one pattern: every matched file is read on its own (one compose project each);
 * - several patterns: all their files, in order, are merged into one project, like
 *   `docker compose -f a.yml -f b.yml` (see mergeModels for what is merged);
 * - `@i-…` ties the files to the ECS instances they run on; without it, nodeId is absent (the file
 *   applies to any node). Several instances give one entry per instance, with id suffix `@i-…`.
 *
 * Results: ids `<file>#<service>/<hostPort>/<protocol>` (file relative to cwd, forward slashes;
 * a clash gets `~2`, `~3`…), sorted by id; hostIp '' when the entry names no address; hostPort 0
 * for a random (Docker-chosen) or unknown host port. See parse.ts and ports.ts for the syntax.
 */
import { readFileSync } from 'node:fs';
import { relative, sep } from 'node:path';
import { InputFileError, UsageError } from '../../errors.js';
import type { HostService } from '../../snapshot/types.js';
import { glob, hasWildcard } from './glob.js';
import { mergeModels, parseComposeModel } from './parse.js';
import type { ComposeEnv, ComposeModel, ComposeProblem, PortBinding } from './types.js';

export type { ComposeEnv, ComposeProblem } from './types.js';
export { interpolate } from './interpolate.js';

export interface ComposeReadOptions {
  /** Directory patterns are relative to and result paths are relative to. */
  cwd: string;
  /** Variables for `${VAR}` interpolation (usually process.env). */
  env: ComposeEnv;
  /** ECS instance ids of the snapshot's nodes: a tie to any other id is reported as a problem. */
  knownNodeIds?: Set<string>;
}

export interface ComposeReadResult {
  hostServices: HostService[];
  problems: ComposeProblem[];
}

export interface ComposeSpec {
  patterns: string[];
  nodeIds: string[];
}

const INSTANCE_ID = /^i-[0-9a-z]+$/i;

/** Splits `a.yml,b.yml@i-1,i-2`; a bad instance id or an empty pattern is a UsageError. */
export function parseComposeSpec(spec: string): ComposeSpec {
  let body = spec.trim();
  let nodeIds: string[] = [];
  const at = body.lastIndexOf('@');
  if (at >= 0 && /^[^/\\.]*$/.test(body.slice(at + 1))) {
    nodeIds = body
      .slice(at + 1)
      .split(',')
      .map((s) => s.trim());
    body = body.slice(0, at);
    const bad = nodeIds.find((id) => !INSTANCE_ID.test(id));
    if (bad !== undefined) throw new UsageError(`--compose ${spec}: "${bad}" is not an ECS instance id (i-…)`);
    nodeIds = [...new Set(nodeIds)];
  }
  const patterns = body
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (patterns.length === 0) throw new UsageError(`--compose ${spec}: no compose file given`);
  return { patterns, nodeIds };
}

export function readComposeFiles(specs: string[], opts: ComposeReadOptions): ComposeReadResult {
  const all: HostService[] = [];
  const problems: ComposeProblem[] = [];
  for (const spec of specs) {
    const { patterns, nodeIds } = parseComposeSpec(spec);
    const matched = patterns.map((p) => {
      const files = glob(p, opts.cwd);
      if (files.length === 0) throw new InputFileError(p, undefined, hasWildcard(p) ? 'no compose file matches this pattern' : 'no such file');
      return files;
    });
    const projects = patterns.length === 1 ? (matched[0] ?? []).map((f) => [f]) : [[...new Set(matched.flat())]];
    for (const files of projects) {
      const model = mergeModels(files.map((abs) => parseComposeModel(readText(abs, rel(opts.cwd, abs)), rel(opts.cwd, abs), opts.env)));
      const r = emit(model, nodeIds);
      all.push(...r.hostServices);
      problems.push(...r.problems);
      for (const id of nodeIds) {
        if (opts.knownNodeIds && !opts.knownNodeIds.has(id)) {
          problems.push({ file: model.files[0] ?? spec, line: 1, message: `tied to ${id}, which is not a node of any cluster in the snapshot` });
        }
      }
    }
  }
  return { hostServices: uniqueSorted(all), problems };
}

/** One file's host services, not tied to any node (for tests and single-file use). */
export function parseCompose(text: string, file: string, env: ComposeEnv): ComposeReadResult {
  const r = emit(parseComposeModel(text, file, env), []);
  return { hostServices: uniqueSorted(r.hostServices), problems: r.problems };
}

function rel(cwd: string, abs: string): string {
  return relative(cwd, abs).split(sep).join('/');
}

function readText(abs: string, file: string): string {
  try {
    return readFileSync(abs, 'utf8');
  } catch (e) {
    throw new InputFileError(file, undefined, `cannot read: ${(e as Error).message}`, { cause: e });
  }
}

/** A merged project → host services, one per binding and tied instance. */
function emit(model: ComposeModel, nodeIds: string[]): ComposeReadResult {
  const problems = [...model.problems];
  const out: HostService[] = [];
  const used = new Set<string>();
  for (const svc of model.services.values()) {
    const mode = svc.networkMode?.value;
    let bindings: PortBinding[];
    if (mode === 'host') {
      bindings = [...svc.ports, ...svc.expose].flatMap((e) =>
        e.targets.map((t) => ({ file: e.file, line: t.line, hostIp: '', hostPort: t.port, containerPort: t.port, protocol: t.protocol })),
      );
      if (bindings.length === 0) {
        const where = svc.networkMode ?? { file: svc.file, line: svc.line };
        bindings = [{ file: where.file, line: where.line, hostIp: '', hostPort: 0, containerPort: 0, protocol: 'tcp' }];
        problems.push({
          file: where.file,
          line: where.line,
          message: `service "${svc.name}" uses network_mode: host and declares no ports or expose: every port it listens on is a host port, which ones is unknown (reported as host port 0)`,
        });
      }
    } else if (mode === 'none') {
      bindings = [];
    } else {
      bindings = svc.ports.flatMap((e) => e.bindings);
    }
    const seen = new Set<string>();
    for (const b of bindings) {
      const key = `${b.hostIp}|${b.hostPort}|${b.containerPort}|${b.protocol}`;
      if (seen.has(key)) continue;
      seen.add(key);
      let id = `${b.file}#${svc.name}/${b.hostPort}/${b.protocol}`;
      for (let n = 2; used.has(id); n++) id = `${b.file}#${svc.name}/${b.hostPort}/${b.protocol}~${n}`;
      used.add(id);
      const base = { file: b.file, line: b.line, service: svc.name, hostIp: b.hostIp, hostPort: b.hostPort, protocol: b.protocol };
      if (nodeIds.length === 0) out.push({ id, source: 'compose', ...base });
      else if (nodeIds.length === 1) out.push({ id, source: 'compose', nodeId: nodeIds[0], ...base });
      else for (const nodeId of nodeIds) out.push({ id: `${id}@${nodeId}`, source: 'compose', nodeId, ...base });
    }
  }
  return { hostServices: out, problems };
}

/** Drops exact duplicates (a file given twice), renames clashing ids (`@node`, then `~n`), sorts by id. */
function uniqueSorted(list: HostService[]): HostService[] {
  const byId = new Map<string, HostService>();
  for (const s of list) {
    const prev = byId.get(s.id);
    if (!prev) {
      byId.set(s.id, s);
      continue;
    }
    if (JSON.stringify(prev) === JSON.stringify(s)) continue;
    let id = s.nodeId && !s.id.endsWith(`@${s.nodeId}`) ? `${s.id}@${s.nodeId}` : `${s.id}~2`;
    for (let n = 2; byId.has(id); n++) id = `${s.id}~${n}`;
    byId.set(id, { ...s, id });
  }
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
