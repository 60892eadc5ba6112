/**
 * Retries for cloud calls: capped full-jitter exponential backoff that honours the service's
 * retry-after, a cap on attempts per call and a retry budget shared by the whole collection.
 * The SDK's own retries stay off (reference §3 item 7: its exponential policy is broken).
 */
import { classifyError } from './classify.js';

export interface Clock {
  sleep(ms: number): Promise<void>;
  /** Uniform in [0, 1). */
  random(): number;
}

export interface RetryPolicy {
  maxAttempts: number;
  baseMs: number;
  capMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 5, baseMs: 300, capMs: 20_000 };

/** Retries left for the whole collection, so a throttled account does not retry forever. */
export interface RetryBudget {
  remaining: number;
}

export async function withRetry<T>(
  call: () => Promise<T>,
  policy: RetryPolicy,
  budget: RetryBudget,
  clock: Clock,
  onRetry?: (attempt: number, delayMs: number) => void,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (err) {
      const c = classifyError(err);
      if (!c.retryable || attempt >= policy.maxAttempts || budget.remaining <= 0) throw err;
      budget.remaining--;
      const backoff = clock.random() * Math.min(policy.capMs, policy.baseMs * 2 ** (attempt - 1));
      const delay = c.retryAfterMs !== undefined ? Math.min(policy.capMs, Math.max(c.retryAfterMs, backoff)) : backoff;
      onRetry?.(attempt, delay);
      await clock.sleep(delay);
    }
  }
}
