/**
 * What went wrong with a cloud call, decided from the error's class, HTTP status and code — never
 * from message text (reference §2.4, §3 item 6).
 */
import type { ErrorKind } from '../snapshot/types.js';

export interface ClassifiedError {
  kind: ErrorKind;
  retryable: boolean;
  code?: string;
  status?: number;
  requestId?: string;
  /** From x-acs-retry-after on throttling. */
  retryAfterMs?: number;
}

const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN', 'ECONNABORTED', 'EHOSTUNREACH', 'ENETUNREACH']);

export function classifyError(err: unknown): ClassifiedError {
  const e = (err ?? {}) as { name?: string; code?: unknown; statusCode?: unknown; requestId?: unknown; retryAfter?: unknown };
  const code = typeof e.code === 'string' ? e.code : undefined;
  const status = typeof e.statusCode === 'number' ? e.statusCode : undefined;
  const requestId = typeof e.requestId === 'string' && e.requestId !== 'undefined' ? e.requestId : undefined;
  const base = { ...(code ? { code } : {}), ...(status !== undefined ? { status } : {}), ...(requestId ? { requestId } : {}) };
  switch (e.name) {
    case 'ThrottlingError':
      return { ...base, kind: 'throttled', retryable: true, ...(typeof e.retryAfter === 'number' ? { retryAfterMs: e.retryAfter } : {}) };
    case 'ServerError':
      return { ...base, kind: 'unavailable', retryable: true };
    case 'ClientError':
      if (status === 401 || status === 403 || (code !== undefined && /^(Forbidden|NoPermission|InvalidAccessKeyId|SignatureDoesNotMatch|InvalidSecurityToken|IncompleteSignature)/.test(code))) {
        return { ...base, kind: 'permission', retryable: false };
      }
      if (status === 404 || (code !== undefined && /NotFound|NotExist/.test(code))) return { ...base, kind: 'not-found', retryable: false };
      return { ...base, kind: 'invalid-request', retryable: false };
    case 'RequestTimeoutError':
      return { ...base, kind: 'timeout', retryable: true };
  }
  if (code && NETWORK_CODES.has(code)) return { ...base, kind: 'network', retryable: true };
  if (code === 'ENOTFOUND') return { ...base, kind: 'network', retryable: false };
  // A body that is not JSON, or does not fit the SDK model ("type of X is mismatch").
  return { ...base, kind: 'invalid-response', retryable: false };
}
