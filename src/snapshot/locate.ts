/**
 * Finds the line where a JSON value starts, by JSON pointer, without a second full parse.
 * Used for error messages and for SARIF physical locations that point into the snapshot file.
 */

/** Returns pointer → 1-based line of the value's first character, for the pointers found. */
export function linesOfPointers(text: string, pointers: Iterable<string>): Map<string, number> {
  const wanted = new Set(pointers);
  const found = new Map<string, number>();
  if (wanted.size === 0) return found;
  // Every strict ancestor of a wanted pointer: the only subtrees worth descending into.
  const ancestors = new Set<string>(['']);
  for (const p of wanted) {
    for (let i = p.indexOf('/', 1); i !== -1; i = p.indexOf('/', i + 1)) ancestors.add(p.slice(0, i));
  }

  let pos = 0;
  let line = 1;
  const len = text.length;

  const skipWs = () => {
    while (pos < len) {
      const c = text.charCodeAt(pos);
      if (c === 10) line++;
      else if (c !== 32 && c !== 9 && c !== 13) return;
      pos++;
    }
  };
  const readString = (): string => {
    const start = ++pos;
    let escaped = false;
    while (pos < len) {
      const c = text.charCodeAt(pos);
      if (c === 92) escaped = true;
      else if (c === 34) break;
      pos++;
      if (c === 92) pos++;
    }
    const raw = text.slice(start, pos);
    pos++;
    return escaped ? (JSON.parse(`"${raw}"`) as string) : raw;
  };
  /** Skips a value without descending (used for subtrees no pointer goes into). */
  const skipValue = () => {
    let depth = 0;
    while (pos < len) {
      const c = text.charCodeAt(pos);
      if (c === 34) {
        readString();
        if (depth === 0) return;
        continue;
      }
      if (c === 10) line++;
      if (c === 123 || c === 91) depth++;
      else if (c === 125 || c === 93) {
        depth--;
        if (depth === 0) {
          pos++;
          return;
        }
        if (depth < 0) return;
      } else if (depth === 0 && (c === 44)) return;
      pos++;
    }
  };
  const escapeToken = (k: string) => k.replace(/~/g, '~0').replace(/\//g, '~1');

  const visit = (pointer: string): void => {
    skipWs();
    if (wanted.has(pointer)) {
      found.set(pointer, line);
      if (found.size === wanted.size) return;
    }
    if (!ancestors.has(pointer)) {
      skipValue();
      return;
    }
    const c = text.charCodeAt(pos);
    if (c === 123) {
      pos++;
      skipWs();
      if (text.charCodeAt(pos) === 125) {
        pos++;
        return;
      }
      while (pos < len && found.size < wanted.size) {
        skipWs();
        const key = readString();
        skipWs();
        pos++; // colon
        visit(`${pointer}/${escapeToken(key)}`);
        skipWs();
        if (text.charCodeAt(pos) === 44) pos++;
        else {
          pos++;
          return;
        }
      }
    } else if (c === 91) {
      pos++;
      skipWs();
      if (text.charCodeAt(pos) === 93) {
        pos++;
        return;
      }
      for (let i = 0; pos < len && found.size < wanted.size; i++) {
        visit(`${pointer}/${i}`);
        skipWs();
        if (text.charCodeAt(pos) === 44) pos++;
        else {
          pos++;
          return;
        }
      }
    } else {
      skipValue();
    }
  };
  try {
    visit('');
  } catch {
    // Malformed text: return what was found so far.
  }
  return found;
}

/** `/vswitches/3/cidr` → `$.vswitches[3].cidr` */
export function pointerToPath(pointer: string): string {
  if (pointer === '') return '$';
  return (
    '$' +
    pointer
      .slice(1)
      .split('/')
      .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'))
      .map((t) => (/^\d+$/.test(t) ? `[${t}]` : /^[A-Za-z_$][\w$-]*$/.test(t) ? `.${t}` : `[${JSON.stringify(t)}]`))
      .join('')
  );
}
