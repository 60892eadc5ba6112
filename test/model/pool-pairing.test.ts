import { describe, expect, it } from 'vitest';
import { counterpartPool } from '../../src/model/pool-pairing.js';

const pool = (id: string, name: string) => ({ id, name });

describe('counterpartPool', () => {
  const targets = [pool('np-tw-web', 'web'), pool('np-tw-app', 'app'), pool('np-tw-x1', 'dup'), pool('np-tw-x2', 'dup')];
  const sources = [pool('np-src-web', 'web'), pool('np-src-dup', 'dup'), pool('np-src-old1', 'old'), pool('np-src-old2', 'old')];

  it.each([
    { name: 'pairs the one pool of the same name', of: targets[0]!, own: targets, other: sources, want: 'np-src-web' },
    { name: 'no pool of that name on the other side', of: targets[1]!, own: targets, other: sources, want: undefined },
    { name: 'a name held twice on its own side pairs nothing', of: targets[2]!, own: targets, other: sources, want: undefined },
    { name: 'a name held twice on the other side pairs nothing', of: pool('np-tw-old', 'old'), own: targets, other: sources, want: undefined },
    { name: 'other side unknown', of: targets[0]!, own: targets, other: undefined, want: undefined },
    { name: 'own side not given: only the other side is checked', of: targets[0]!, own: undefined, other: sources, want: 'np-src-web' },
  ])('$name', ({ of, own, other, want }) => {
    expect(counterpartPool(of, own, other)?.id).toBe(want);
  });
});
