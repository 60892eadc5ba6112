/**
 * Minimal file globbing over node:fs: `*` and `?` within one path segment, `**` for any number of
 * directories (hidden directories and node_modules are not descended into by `**`). Results are
 * absolute paths of regular files, sorted. A pattern without wildcards is returned as is when the
 * file exists.
 */
import { readdirSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';

export function hasWildcard(pattern: string): boolean {
  return /[*?]/.test(pattern);
}

function segmentRegex(seg: string): RegExp {
  let re = '';
  for (const c of seg) {
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

function listDir(dir: string): { name: string; dir: boolean }[] {
  try {
    return readdirSync(dir, { withFileTypes: true }).map((d) => ({
      name: d.name,
      dir: d.isDirectory() || (d.isSymbolicLink() && isDir(join(dir, d.name))),
    }));
  } catch {
    return [];
  }
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

export function glob(pattern: string, cwd: string): string[] {
  const norm = pattern.replace(/\\/g, '/');
  if (!hasWildcard(norm)) {
    const p = resolve(cwd, norm);
    return isFile(p) ? [p] : [];
  }
  const absolute = isAbsolute(norm);
  const segs = norm.split('/').filter((s, i) => s !== '' && (s !== '.' || i > 0));
  // Fixed leading segments form the base directory.
  let base = absolute ? '/' : cwd;
  let k = 0;
  while (k < segs.length - 1 && !hasWildcard(segs[k] as string)) base = join(base, segs[k++] as string);
  const found = new Set<string>();
  walk(resolve(base), segs.slice(k), found);
  return [...found].sort();
}

function walk(dir: string, segs: string[], found: Set<string>): void {
  const [seg, ...rest] = segs;
  if (seg === undefined) return;
  if (seg === '**') {
    walk(dir, rest, found); // zero directories
    for (const e of listDir(dir)) {
      if (e.dir && !e.name.startsWith('.') && e.name !== 'node_modules') walk(join(dir, e.name), segs, found);
    }
    return;
  }
  if (!hasWildcard(seg)) {
    const p = join(dir, seg);
    if (rest.length === 0) {
      if (isFile(p)) found.add(p);
    } else if (isDir(p)) walk(p, rest, found);
    return;
  }
  const re = segmentRegex(seg);
  for (const e of listDir(dir)) {
    if (!re.test(e.name)) continue;
    const p = join(dir, e.name);
    if (rest.length === 0) {
      if (!e.dir && isFile(p)) found.add(p);
    } else if (e.dir) walk(p, rest, found);
  }
}
