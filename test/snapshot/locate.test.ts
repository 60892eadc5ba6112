import { describe, expect, it } from 'vitest';
import { linesOfPointers, pointerToPath } from '../../src/snapshot/locate.js';

/** The 1-based line of the first line of `text` that contains `needle` (the test's independent oracle). */
function lineOf(text: string, needle: string, from = 1): number {
  const lines = text.split('\n');
  for (let i = from - 1; i < lines.length; i++) if (lines[i]!.includes(needle)) return i + 1;
  throw new Error(`${needle} not in text`);
}

const DOC = {
  schemaVersion: 1,
  meta: { region: 'cn-hangzhou', scope: [{ clusterId: 'c-1', role: 'target' }] },
  vswitches: [
    { id: 'vsw-a', cidr: '10.0.0.0/24', name: 'has {braces} and [brackets]' },
    { id: 'vsw-b', cidr: '10.0.1.0/24', name: 'has "quotes" and \\ backslash } ]' },
    { id: 'vsw-c', cidr: '10.0.2.0/24' },
  ],
  matrix: [
    [1, 2],
    [3, [4, { deep: 'x' }]],
    [],
  ],
  empty: {},
  'a/b': { 'c~d': true, '~1': 'literal tilde one' },
  errors: [],
};

describe('linesOfPointers on pretty-printed JSON', () => {
  const text = JSON.stringify(DOC, null, 2);

  it.each([
    { pointer: '', want: () => 1 },
    { pointer: '/schemaVersion', want: () => lineOf(text, '"schemaVersion"') },
    { pointer: '/meta', want: () => lineOf(text, '"meta"') },
    { pointer: '/meta/scope/0', want: () => lineOf(text, '"scope"') + 1 },
    { pointer: '/meta/scope/0/role', want: () => lineOf(text, '"role"') },
    { pointer: '/vswitches', want: () => lineOf(text, '"vswitches"') },
    // An array element's value starts at its `{`, one line after the previous element closes.
    { pointer: '/vswitches/0', want: () => lineOf(text, '"vswitches"') + 1 },
    { pointer: '/vswitches/1', want: () => lineOf(text, '"vsw-b"') - 1 },
    { pointer: '/vswitches/2', want: () => lineOf(text, '"vsw-c"') - 1 },
    { pointer: '/vswitches/2/cidr', want: () => lineOf(text, '"10.0.2.0/24"') },
    { pointer: '/matrix/1/1/1/deep', want: () => lineOf(text, '"deep"') },
    { pointer: '/matrix/1/1/0', want: () => lineOf(text, '4,') },
    { pointer: '/matrix/2', want: () => lineOf(text, '[]', lineOf(text, '"matrix"')) },
    { pointer: '/empty', want: () => lineOf(text, '"empty"') },
    { pointer: '/a~1b', want: () => lineOf(text, '"a/b"') },
    { pointer: '/a~1b/c~0d', want: () => lineOf(text, '"c~d"') },
    { pointer: '/a~1b/~01', want: () => lineOf(text, '"~1"') },
    { pointer: '/errors', want: () => lineOf(text, '"errors"') },
  ])('$pointer', ({ pointer, want }) => {
    expect(linesOfPointers(text, [pointer]).get(pointer)).toBe(want());
  });

  it('finds many pointers in one pass, in any order', () => {
    const pointers = ['/vswitches/2/cidr', '/schemaVersion', '/a~1b/c~0d', '/vswitches/0', '/vswitches'];
    const got = linesOfPointers(text, pointers);
    expect(Object.fromEntries(got)).toEqual({
      '/vswitches/2/cidr': lineOf(text, '"10.0.2.0/24"'),
      '/schemaVersion': 2,
      '/a~1b/c~0d': lineOf(text, '"c~d"'),
      '/vswitches/0': lineOf(text, '"vswitches"') + 1,
      '/vswitches': lineOf(text, '"vswitches"'),
    });
  });

  it('strings with braces, brackets and escaped quotes do not throw the walk off', () => {
    // vsw-b's name holds `"`, `\` , `}` and `]`; the element after it must still be found.
    const got = linesOfPointers(text, ['/vswitches/2/id', '/matrix/1/1/1/deep']);
    expect(got.get('/vswitches/2/id')).toBe(lineOf(text, '"vsw-c"'));
    expect(got.get('/matrix/1/1/1/deep')).toBe(lineOf(text, '"deep"'));
  });

  it.each([
    '/nope',
    '/vswitches/3',
    '/vswitches/0/nope',
    '/vswitches/x',
    '/matrix/2/0',
    '/empty/x',
    '/schemaVersion/0',
    '/a/b', // unescaped: would be key "a" then "b"
    '/a~1b/c~d',
  ])('a pointer not present is left out: %j', (pointer) => {
    const got = linesOfPointers(text, [pointer, '/errors']);
    expect(got.has(pointer)).toBe(false);
    expect(got.get('/errors')).toBe(lineOf(text, '"errors"'));
  });

  it('returns an empty map for no pointers', () => {
    expect(linesOfPointers(text, []).size).toBe(0);
  });
});

describe('linesOfPointers on minified JSON', () => {
  const text = JSON.stringify(DOC);

  it.each([
    '',
    '/schemaVersion',
    '/vswitches/2/cidr',
    '/matrix/1/1/1/deep',
    '/a~1b/c~0d',
    '/a~1b/~01',
    '/errors',
  ])('%j is on line 1', (pointer) => {
    expect(linesOfPointers(text, [pointer]).get(pointer)).toBe(1);
  });

  it('finds every pointer of the document at once', () => {
    const pointers = ['/vswitches/0/name', '/vswitches/1/name', '/vswitches/2/id', '/empty', '/matrix/2'];
    expect(linesOfPointers(text, pointers).size).toBe(pointers.length);
  });

  it('leaves out pointers not present', () => {
    expect(linesOfPointers(text, ['/vswitches/9', '/meta/nope']).size).toBe(0);
  });
});

describe('linesOfPointers on hand-written JSON', () => {
  it('counts lines with CRLF, tabs and values on the line after their key', () => {
    const text = '{\r\n\t"a":\r\n\t\t[\r\n\t\t\t1,\r\n\t\t\t{"b": "x"}\r\n\t\t],\r\n\t"c": 2\r\n}';
    expect(Object.fromEntries(linesOfPointers(text, ['/a', '/a/0', '/a/1/b', '/c']))).toEqual({
      '/a': 3,
      '/a/0': 4,
      '/a/1/b': 5,
      '/c': 7,
    });
  });

  it('counts newlines inside skipped subtrees', () => {
    const text = ['{', '  "skip": {', '    "x": [1,', '      2]', '  },', '  "n": 5,', '  "want": true', '}'].join('\n');
    expect(linesOfPointers(text, ['/want']).get('/want')).toBe(7);
  });

  it('decodes escaped keys before matching', () => {
    const text = '{\n"a\\u002fb": 1,\n"q\\"k": 2,\n"back\\\\": 3\n}';
    expect(Object.fromEntries(linesOfPointers(text, ['/a~1b', '/q"k', '/back\\']))).toEqual({
      '/a~1b': 2,
      '/q"k': 3,
      '/back\\': 4,
    });
  });

  it('returns what it found before malformed text, without throwing', () => {
    const text = '{\n"a": 1,\n"b": [1, 2';
    const got = linesOfPointers(text, ['/a', '/c']);
    expect(got.get('/a')).toBe(2);
    expect(got.has('/c')).toBe(false);
  });
});

describe('pointerToPath', () => {
  it.each([
    ['', '$'],
    ['/vswitches', '$.vswitches'],
    ['/vswitches/3', '$.vswitches[3]'],
    ['/vswitches/3/cidr', '$.vswitches[3].cidr'],
    ['/matrix/1/0', '$.matrix[1][0]'],
    ['/meta/scope/0/sourceClusterId', '$.meta.scope[0].sourceClusterId'],
    ['/a~1b', '$["a/b"]'],
    ['/a~0b', '$["a~b"]'],
    ['/~01', '$["~1"]'],
    ['/~10', '$["/0"]'],
    ['/with space', '$["with space"]'],
    ['/q"k', '$["q\\"k"]'],
    ['/$ref', '$.$ref'],
    ['/_x', '$._x'],
    ['/kebab-case', '$.kebab-case'],
    ['/1abc', '$["1abc"]'],
    ['/', '$[""]'],
  ])('%j → %s', (pointer, want) => {
    expect(pointerToPath(pointer)).toBe(want);
  });
});

describe('linesOfPointers on broken text', () => {
  it('stops at an unterminated string instead of looping', () => {
    const text = '{\n  "a": [\n    {"x": "never closed\n';
    expect(linesOfPointers(text, ['/b'])).toEqual(new Map());
    expect(linesOfPointers('{"a": [1, {"s": "x\\\\"}], "b": 2}', ['/b'])).toEqual(new Map([['/b', 1]]));
  });
});
