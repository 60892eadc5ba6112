import { describe, expect, it } from 'vitest';
import {
  compareKernelVersions,
  EBPF_MIN_KERNEL,
  formatKernelVersion,
  kernelAtLeast,
  parseKernelVersion,
  TERWAY_MIN_KERNEL,
} from '../../src/model/kernel-version.js';

describe('constants', () => {
  it('match the Terway checks of reference §1.3 (terway-cli >= 5.10, IPvlan/eBPF >= 4.19)', () => {
    expect(formatKernelVersion(TERWAY_MIN_KERNEL)).toBe('5.10');
    expect(formatKernelVersion(EBPF_MIN_KERNEL)).toBe('4.19');
  });
});

describe('parseKernelVersion', () => {
  it.each([
    { text: '5.10.134-16.3.al8.x86_64', want: { major: 5, minor: 10, patch: 134 } }, // Alibaba Cloud Linux 3
    { text: '4.19.91-27.al7.x86_64', want: { major: 4, minor: 19, patch: 91 } }, // Alibaba Cloud Linux 2
    { text: '3.10.0-1160.el7.x86_64', want: { major: 3, minor: 10, patch: 0 } }, // CentOS 7
    { text: '4.18.0-372.9.1.el8.x86_64', want: { major: 4, minor: 18, patch: 0 } }, // RHEL / Rocky 8
    { text: '5.15.0-91-generic', want: { major: 5, minor: 15, patch: 0 } }, // Ubuntu 22.04
    { text: '6.6.71-3_rc1.al8.x86_64', want: { major: 6, minor: 6, patch: 71 } },
    { text: '5.10.0+', want: { major: 5, minor: 10, patch: 0 } },
    { text: '5.10', want: { major: 5, minor: 10, patch: 0 } }, // no patch number
    { text: '5.10-rc1', want: { major: 5, minor: 10, patch: 0 } }, // suffix straight after minor
    { text: '2.6.32.1', want: { major: 2, minor: 6, patch: 32 } }, // four components
    { text: ' 5.10.134 ', want: { major: 5, minor: 10, patch: 134 } }, // surrounding whitespace
  ])('$text', ({ text, want }) => {
    expect(parseKernelVersion(text)).toEqual(want);
  });

  it.each([
    { text: undefined },
    { text: '' },
    { text: '   ' },
    { text: 'unknown' },
    { text: '5' }, // no minor
    { text: 'v5.10.0' }, // prefix
    { text: '5.10abc' }, // letters glued to the minor
    { text: '5.10.' }, // trailing separator with nothing after it
    { text: '5..10' },
    { text: '.10.0' },
    { text: 'Linux 5.10.134' },
    { text: '5.x.1' },
    { text: '12345678.1' }, // absurdly long component
  ])('"$text" is not comparable', ({ text }) => {
    expect(parseKernelVersion(text)).toBeUndefined();
  });
});

describe('compareKernelVersions', () => {
  const v = (s: string) => parseKernelVersion(s)!;
  it.each([
    { a: '5.10.134', b: '5.10', want: 1 },
    { a: '5.10', b: '5.10.0', want: 0 },
    { a: '5.9.255', b: '5.10', want: -1 }, // numeric, not lexical: 9 < 10
    { a: '5.10', b: '5.9', want: 1 },
    { a: '4.19.91', b: '5.10', want: -1 },
    { a: '6.1', b: '5.19', want: 1 },
    { a: '10.0', b: '9.99', want: 1 },
  ])('$a vs $b', ({ a, b, want }) => {
    expect(Math.sign(compareKernelVersions(v(a), v(b)))).toBe(want);
  });
});

describe('kernelAtLeast', () => {
  it.each([
    { text: '5.10.134-16.3.al8.x86_64', min: TERWAY_MIN_KERNEL, want: true },
    { text: '5.10.0-1-generic', min: TERWAY_MIN_KERNEL, want: true }, // exactly the minimum
    { text: '5.10', min: TERWAY_MIN_KERNEL, want: true }, // missing patch counts as .0
    { text: '5.9.16', min: TERWAY_MIN_KERNEL, want: false },
    { text: '4.19.91-27.al7.x86_64', min: TERWAY_MIN_KERNEL, want: false },
    { text: '4.19.91-27.al7.x86_64', min: EBPF_MIN_KERNEL, want: true },
    { text: '4.18.0-372.el8.x86_64', min: EBPF_MIN_KERNEL, want: false },
    { text: '3.10.0-1160.el7.x86_64', min: EBPF_MIN_KERNEL, want: false },
    { text: '6.6.71-3.al8.x86_64', min: TERWAY_MIN_KERNEL, want: true },
  ])('$text >= $min.major.$min.minor is $want', ({ text, min, want }) => {
    expect(kernelAtLeast(text, min)).toBe(want);
  });

  it.each([undefined, '', 'garbage', '5', 'v6.1'])('"%s" is undefined: not comparable is never a pass', (text) => {
    expect(kernelAtLeast(text, TERWAY_MIN_KERNEL)).toBeUndefined();
  });
});

describe('formatKernelVersion', () => {
  it('leaves out a zero patch and keeps any other', () => {
    expect(formatKernelVersion({ major: 5, minor: 10, patch: 0 })).toBe('5.10');
    expect(formatKernelVersion({ major: 4, minor: 19, patch: 91 })).toBe('4.19.91');
  });
});
