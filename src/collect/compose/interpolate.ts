/**
 * Compose variable interpolation: `$$`, `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`,
 * `${VAR:?error}`, `${VAR?error}`, `${VAR:+alt}`, `${VAR+alt}`; defaults may nest (`${A:-${B}}`).
 *
 * Unlike `docker compose` (which substitutes an empty string and warns), an unset variable is an
 * error here: the caller records a problem and skips the value rather than guessing a port.
 */
import type { ComposeEnv } from './types.js';

export type Interpolated = { ok: true; value: string } | { ok: false; message: string };

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

export function interpolate(text: string, env: ComposeEnv): Interpolated {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c !== '$') {
      out += c;
      i++;
      continue;
    }
    const next = text[i + 1];
    if (next === '$') {
      out += '$';
      i += 2;
      continue;
    }
    if (next === '{') {
      const end = closingBrace(text, i + 2);
      if (end < 0) return { ok: false, message: `unterminated "\${" in "${text}"` };
      const r = substitute(text.slice(i + 2, end), env, text);
      if (!r.ok) return r;
      out += r.value;
      i = end + 1;
      continue;
    }
    const m = NAME.exec(text.slice(i + 1));
    if (!m) return { ok: false, message: `invalid interpolation in "${text}": a "$" must start a variable or be written "$$"` };
    const v = env[m[0]];
    if (v === undefined) return { ok: false, message: `variable ${m[0]} is not set` };
    out += v;
    i += 1 + m[0].length;
  }
  return { ok: true, value: out };
}

/** Index of the `}` closing a `${` whose body starts at `from`, counting nested `${`; -1 if none. */
function closingBrace(text: string, from: number): number {
  let depth = 1;
  for (let j = from; j < text.length; j++) {
    if (text[j] === '$' && text[j + 1] === '{') {
      depth++;
      j++;
    } else if (text[j] === '$' && text[j + 1] === '$') {
      j++;
    } else if (text[j] === '}') {
      depth--;
      if (depth === 0) return j;
    }
  }
  return -1;
}

function substitute(body: string, env: ComposeEnv, whole: string): Interpolated {
  const m = NAME.exec(body);
  if (!m) return { ok: false, message: `invalid interpolation "\${${body}}" in "${whole}"` };
  const name = m[0];
  const rest = body.slice(name.length);
  const v = env[name];
  const set = v !== undefined;
  const nonEmpty = set && v !== '';
  if (rest === '') return set ? { ok: true, value: v } : { ok: false, message: `variable ${name} is not set` };
  const op = /^(:-|-|:\?|\?|:\+|\+)/.exec(rest)?.[0];
  if (!op) return { ok: false, message: `invalid interpolation "\${${body}}" in "${whole}"` };
  const arg = rest.slice(op.length);
  switch (op) {
    case ':-':
      return nonEmpty ? { ok: true, value: v } : interpolate(arg, env);
    case '-':
      return set ? { ok: true, value: v } : interpolate(arg, env);
    case ':?':
    case '?': {
      if (op === ':?' ? nonEmpty : set) return { ok: true, value: v as string };
      const msg = interpolate(arg, env);
      return { ok: false, message: `required variable ${name} is ${set ? 'empty' : 'not set'}${msg.ok && msg.value ? `: ${msg.value}` : ''}` };
    }
    case ':+':
      return nonEmpty ? interpolate(arg, env) : { ok: true, value: '' };
    default: // '+'
      return set ? interpolate(arg, env) : { ok: true, value: '' };
  }
}
