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
  /** Throttling is the service asking to slow down, not failing: it gets more attempts. */
  maxThrottledAttempts: number;
  baseMs: number;
  capMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 5, maxThrottledAttempts: 10, baseMs: 300, capMs: 20_000 };

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
      const cap = c.kind === 'throttled' ? policy.maxThrottledAttempts : policy.maxAttempts;
      if (!c.retryable || attempt >= cap || budget.remaining <= 0) throw err;
      budget.remaining--;
      // The service's retry-after, when it gives one, is the wait; otherwise capped full jitter.
      const delay =
        c.retryAfterMs !== undefined
          ? Math.min(policy.capMs, c.retryAfterMs)
          : clock.random() * Math.min(policy.capMs, policy.baseMs * 2 ** (attempt - 1));
      onRetry?.(attempt, delay);
      await clock.sleep(delay);
    }
  }
}
