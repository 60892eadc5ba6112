/**
 * Finds the line where a JSON value starts, by JSON pointer, without a second full parse.
 * Used for error messages and for SARIF physical locations that point into the snapshot file.
 */

/** Returns pointer → 1-based line of the value's first character, for the pointers found. */
export function linesOfPointers(text: string, pointers: Iterable<string>): Map<string, number> {
  const wanted = new Set(pointers);
  const found = new Map<string, number>();
  if (wanted.size === 0) return found;
  // For every strict ancestor of a wanted pointer, the child tokens worth descending into: every
  // other element is skipped without building its pointer (arrays here hold 100,000s of entities).
  const childrenOf = new Map<string, Set<string>>();
  for (const p of wanted) {
    let parent = '';
    for (const token of p.split('/').slice(1)) {
      const set = childrenOf.get(parent) ?? childrenOf.set(parent, new Set()).get(parent)!;
      set.add(token);
      parent = `${parent}/${token}`;
    }
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
  // The characters that matter when skipping: the regex engine finds them far faster than a loop
  // over every character (snapshots run to tens of megabytes). Newlines only occur outside strings.
  const structural = /[{}[\]",\n]/g;
  const stringEnd = /["\\]/g;
  /** Skips a value without descending (used for subtrees no pointer goes into). */
  const skipValue = () => {
    let depth = 0;
    for (;;) {
      structural.lastIndex = pos;
      const m = structural.exec(text);
      if (!m) {
        pos = len;
        return;
      }
      pos = m.index;
      const c = text.charCodeAt(pos);
      if (c === 34) {
        // to the closing quote, stepping over escapes
        stringEnd.lastIndex = pos + 1;
        let closed = false;
        for (let e = stringEnd.exec(text); e; e = stringEnd.exec(text)) {
          if (text.charCodeAt(e.index) === 34) {
            pos = e.index + 1;
            closed = true;
            break;
          }
          stringEnd.lastIndex = e.index + 2;
        }
        if (!closed) {
          pos = len; // unterminated string: nothing more to find
          return;
        }
        if (depth === 0) return;
        continue;
      }
      if (c === 10) line++;
      else if (c === 123 || c === 91) depth++;
      else if (c === 125 || c === 93) {
        depth--;
        if (depth === 0) {
          pos++;
          return;
        }
        if (depth < 0) return;
      } else if (depth === 0) return; // a comma ends a scalar
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
    const children = childrenOf.get(pointer);
    if (!children) {
      skipValue();
      return;
    }
    const c = text.charCodeAt(pos);
    if (c !== 123 && c !== 91) {
      skipValue();
      return;
    }
    const isObject = c === 123;
    pos++;
    skipWs();
    if (text.charCodeAt(pos) === (isObject ? 125 : 93)) {
      pos++;
      return;
    }
    for (let i = 0; pos < len && found.size < wanted.size; i++) {
      skipWs();
      let token: string;
      if (isObject) {
        token = escapeToken(readString());
        skipWs();
        pos++; // colon
      } else {
        token = String(i);
      }
      if (children.has(token)) visit(`${pointer}/${token}`);
      else {
        skipWs();
        skipValue();
      }
      skipWs();
      if (text.charCodeAt(pos) === 44) pos++;
      else {
        pos++;
        return;
      }
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
