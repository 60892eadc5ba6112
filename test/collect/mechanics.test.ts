/** Retries, paging and the concurrency bound, with a fake clock (no real time passes). */
import { describe, expect, it } from 'vitest';
import { classifyError } from '../../src/collect/classify.js';
import { createLimiter } from '../../src/collect/limit.js';
import { allNumberedPages, allTokenPages, batches, PagingLimitError } from '../../src/collect/paging.js';
import { withRetry, type Clock } from '../../src/collect/retry.js';
import { ramActionOf, READ_ONLY_ACTIONS, iamPolicy } from '../../src/collect/ram-actions.js';

function sdkError(name: string, fields: Record<string, unknown>): Error {
  return Object.assign(new Error(`${String(fields.code)}: sdk message that must not matter`), { name, ...fields });
}

function fakeClock(): Clock & { slept: number[] } {
  const slept: number[] = [];
  return { slept, sleep: async (ms) => void slept.push(ms), random: () => 0.5 };
}

describe('classifyError', () => {
  it.each([
    [sdkError('ThrottlingError', { code: 'Throttling.User', statusCode: 400, retryAfter: 1500, requestId: 'R1' }), { kind: 'throttled', retryable: true, retryAfterMs: 1500, requestId: 'R1' }],
    [sdkError('ServerError', { code: 'InternalError', statusCode: 500 }), { kind: 'unavailable', retryable: true }],
    [sdkError('ClientError', { code: 'Forbidden.RAM', statusCode: 403 }), { kind: 'permission', retryable: false }],
    [sdkError('ClientError', { code: 'InvalidAccessKeyId.NotFound', statusCode: 404 }), { kind: 'permission', retryable: false }],
    [sdkError('ClientError', { code: 'ErrorClusterNotFound', statusCode: 404 }), { kind: 'not-found', retryable: false }],
    [sdkError('ClientError', { code: 'InvalidParameter', statusCode: 400 }), { kind: 'invalid-request', retryable: false }],
    [sdkError('RequestTimeoutError', {}), { kind: 'timeout', retryable: true }],
    [Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), { kind: 'network', retryable: true }],
    [Object.assign(new Error('getaddrinfo'), { code: 'ENOTFOUND' }), { kind: 'network', retryable: false }],
    [new SyntaxError('Unexpected token < in JSON'), { kind: 'invalid-response', retryable: false }],
    [new Error('type of vSwitch is mismatch'), { kind: 'invalid-response', retryable: false }],
  ])('%s', (err, want) => {
    expect(classifyError(err)).toMatchObject(want);
  });

  it('never reads the message: the same message with another class classifies differently', () => {
    const text = 'Throttling.User: code: 400, Request was denied due to user flow control.';
    expect(classifyError(new Error(text)).kind).toBe('invalid-response');
    expect(classifyError(sdkError('ThrottlingError', { code: 'Throttling.User' })).kind).toBe('throttled');
  });
});

describe('withRetry', () => {
  const policy = { maxAttempts: 4, maxThrottledAttempts: 6, baseMs: 100, capMs: 1000 };

  it('retries throttling and 5xx with full-jitter backoff, honouring retry-after', async () => {
    const clock = fakeClock();
    const failures = [sdkError('ThrottlingError', { code: 'Throttling.User', retryAfter: 700 }), sdkError('ServerError', { code: 'InternalError', statusCode: 503 })];
    let calls = 0;
    const value = await withRetry(async () => {
      calls++;
      const f = failures.shift();
      if (f) throw f;
      return 'ok';
    }, policy, { remaining: 10 }, clock);
    expect(value).toBe('ok');
    expect(calls).toBe(3);
    expect(clock.slept).toEqual([700, 0.5 * 200]);
  });

  it('never retries permission, not-found or validation errors', async () => {
    for (const err of [sdkError('ClientError', { code: 'Forbidden.RAM', statusCode: 403 }), sdkError('ClientError', { code: 'ErrorClusterNotFound', statusCode: 404 }), sdkError('ClientError', { code: 'InvalidParameter', statusCode: 400 })]) {
      let calls = 0;
      await expect(withRetry(async () => { calls++; throw err; }, policy, { remaining: 10 }, fakeClock())).rejects.toBe(err);
      expect(calls).toBe(1);
    }
  });

  it('stops at the attempt cap and when the shared budget is spent', async () => {
    const err = sdkError('ServerError', { code: 'InternalError' });
    let calls = 0;
    await expect(withRetry(async () => { calls++; throw err; }, policy, { remaining: 10 }, fakeClock())).rejects.toBe(err);
    expect(calls).toBe(4);
    const budget = { remaining: 1 };
    calls = 0;
    await expect(withRetry(async () => { calls++; throw err; }, policy, budget, fakeClock())).rejects.toBe(err);
    expect(calls).toBe(2);
    expect(budget.remaining).toBe(0);
  });

  it('gives throttling more attempts than server errors', async () => {
    const throttled = sdkError('ThrottlingError', { code: 'Throttling.User' });
    let calls = 0;
    await expect(withRetry(async () => { calls++; throw throttled; }, policy, { remaining: 100 }, fakeClock())).rejects.toBe(throttled);
    expect(calls).toBe(6);
  });

  it('caps the backoff', async () => {
    const clock = { ...fakeClock(), random: () => 0.999 };
    const slept: number[] = [];
    clock.sleep = async (ms: number) => void slept.push(ms);
    let calls = 0;
    await withRetry(async () => {
      if (++calls < 4) throw sdkError('ServerError', { code: 'x' });
      return 1;
    }, { maxAttempts: 5, maxThrottledAttempts: 5, baseMs: 600, capMs: 1000 }, { remaining: 10 }, clock);
    expect(Math.max(...slept)).toBeLessThanOrEqual(1000);
  });
});

describe('paging', () => {
  it('reads every numbered page until the total count', async () => {
    const data = Array.from({ length: 123 }, (_, i) => i);
    const pages: number[] = [];
    const items = await allNumberedPages('t', async (page) => {
      pages.push(page);
      return { items: data.slice((page - 1) * 50, page * 50), totalCount: data.length };
    });
    expect(items).toEqual(data);
    expect(pages).toEqual([1, 2, 3]);
  });

  it('stops on an empty page even if the total count says more', async () => {
    const items = await allNumberedPages('t', async (page) => ({ items: page === 1 ? [1, 2] : [], totalCount: 10 }));
    expect(items).toEqual([1, 2]);
  });

  it('fails loudly past the page bound', async () => {
    await expect(allNumberedPages('vpc.DescribeVSwitches', async () => ({ items: [1], totalCount: 1e9 }), 5)).rejects.toBeInstanceOf(PagingLimitError);
  });

  it('follows NextToken and stops on a missing or repeated token', async () => {
    const tokens: (string | undefined)[] = [];
    const items = await allTokenPages('t', async (token) => {
      tokens.push(token);
      return token === undefined ? { items: [1], nextToken: 'a' } : token === 'a' ? { items: [2], nextToken: 'b' } : { items: [3], nextToken: 'b' };
    });
    expect(items).toEqual([1, 2, 3]);
    expect(tokens).toEqual([undefined, 'a', 'b']);
    expect(await allTokenPages('t', async () => ({ items: [1], nextToken: '' }))).toEqual([1]);
  });

  it('batches ids to the API maximum', () => {
    expect(batches(Array.from({ length: 25 }, (_, i) => i), 10).map((b) => b.length)).toEqual([10, 10, 5]);
    expect(batches([], 100)).toEqual([]);
  });
});

describe('createLimiter', () => {
  it('never has more than n tasks in flight, and runs them all', async () => {
    const limit = createLimiter(3);
    let active = 0;
    let peak = 0;
    const release: (() => void)[] = [];
    const tasks = Array.from({ length: 10 }, (_, i) =>
      limit(async () => {
        active++;
        peak = Math.max(peak, active);
        await new Promise<void>((r) => release.push(r));
        active--;
        return i;
      }),
    );
    for (let i = 0; i < 10; i++) {
      await new Promise((r) => setImmediate(r));
      release.shift()?.();
    }
    while (release.length) {
      await new Promise((r) => setImmediate(r));
      release.shift()?.();
    }
    expect(await Promise.all(tasks)).toEqual([...Array(10).keys()]);
    expect(peak).toBe(3);
  });
});

describe('RAM actions', () => {
  it('names the action behind each API and prints a read-only policy', () => {
    expect(ramActionOf('cs.DescribeClustersV1')).toBe('cs:GetClusters');
    expect(ramActionOf('vpc.DescribeSnatTableEntries')).toBe('vpc:DescribeSnatTableEntries');
    const policy = JSON.parse(iamPolicy());
    expect(policy.Statement[0].Action).toEqual([...READ_ONLY_ACTIONS]);
    for (const a of READ_ONLY_ACTIONS) expect(a).toMatch(/^(cs|vpc|ecs):(Describe|List|Get)/);
  });
});

describe('docs/permissions.md', () => {
  it('grants the Kubernetes reads the collector makes: cluster-wide lists, kube-system DaemonSets and ConfigMaps', async () => {
    const { readFileSync } = await import('node:fs');
    const { parseAllDocuments } = await import('yaml');
    const doc = readFileSync(new URL('../../docs/permissions.md', import.meta.url), 'utf8');
    const yamlBlock = /```yaml\n([\s\S]*?)```/.exec(doc)![1]!;
    const objects = parseAllDocuments(yamlBlock).map((d) => d.toJS() as { kind: string; metadata: { namespace?: string }; rules?: { resources: string[]; verbs: string[] }[] });
    const grants = (kind: string) =>
      objects
        .filter((o) => o.kind === kind)
        .flatMap((o) => (o.rules ?? []).flatMap((r) => r.resources.map((res) => `${o.metadata.namespace ?? '*'} ${r.verbs.join(',')} ${res}`)))
        .sort();
    expect(grants('ClusterRole')).toEqual(['* list networkpolicies', '* list nodes', '* list pods']);
    expect(grants('Role')).toEqual(['kube-system get configmaps', 'kube-system list daemonsets']);
    expect(objects.map((o) => o.kind).sort()).toEqual(['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding']);
  });

  it('shows exactly the policy terway-lint iam-policy prints', async () => {
    const { readFileSync } = await import('node:fs');
    const doc = readFileSync(new URL('../../docs/permissions.md', import.meta.url), 'utf8');
    const json = /```json\n([\s\S]*?)```/.exec(doc)![1]!;
    expect(JSON.parse(json)).toEqual(JSON.parse(iamPolicy()));
  });
});
