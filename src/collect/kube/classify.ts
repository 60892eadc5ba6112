/**
 * What went wrong with a Kubernetes API call, decided from the HTTP status of the ApiException or
 * the system error code of the transport — never from message text (mirrors ../classify.ts).
 */
import type { ErrorKind } from '../../snapshot/types.js';

export interface KubeClassifiedError {
  kind: ErrorKind;
  /** The HTTP status as a string ('403', '410', …) or the system code ('ECONNREFUSED'). */
  code?: string;
  status?: number;
  /** The Status object's reason (Forbidden, Expired, …) when the server sent one. */
  reason?: string;
  /** The Status object's message, else the error's first line. */
  message: string;
}

const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN', 'ECONNABORTED', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'CERT_HAS_EXPIRED', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'SELF_SIGNED_CERT_IN_CHAIN']);

interface KubeStatusBody {
  kind?: string;
  message?: string;
  reason?: string;
  code?: number;
}

/** The Status object an ApiException carries (a JSON string, an object, or nothing). */
export function statusBodyOf(err: unknown): KubeStatusBody | undefined {
  const body = (err as { body?: unknown } | null)?.body;
  let parsed: unknown = body;
  if (typeof body === 'string') {
    try {
      parsed = JSON.parse(body);
    } catch {
      return undefined;
    }
  }
  return parsed !== null && typeof parsed === 'object' ? (parsed as KubeStatusBody) : undefined;
}

/** The HTTP status of an ApiException (its numeric `code`), if it is one. */
export function httpStatusOf(err: unknown): number | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'number' ? code : undefined;
}

export function classifyKubeError(err: unknown): KubeClassifiedError {
  const e = (err ?? {}) as { name?: string; code?: unknown; errno?: unknown; type?: unknown; message?: unknown };
  const status = httpStatusOf(err);
  if (status !== undefined) {
    const body = statusBodyOf(err);
    const base = {
      code: String(status),
      status,
      ...(body?.reason ? { reason: body.reason } : {}),
      message: firstLine(body?.message ?? (status === 401 ? 'Unauthorized (the token or client certificate was refused)' : `HTTP ${status}`)),
    };
    if (status === 401 || status === 403) return { ...base, kind: 'permission' };
    if (status === 404) return { ...base, kind: 'not-found' };
    if (status === 429) return { ...base, kind: 'throttled' };
    if (status === 408 || status === 504) return { ...base, kind: 'timeout' };
    if (status === 410 || status >= 500) return { ...base, kind: 'unavailable' };
    if (status >= 400) return { ...base, kind: 'invalid-request' };
    return { ...base, kind: 'invalid-response' };
  }
  const sysCode = typeof e.code === 'string' ? e.code : typeof e.errno === 'string' ? e.errno : undefined;
  const message = firstLine(typeof e.message === 'string' ? e.message : String(err));
  if (e.name === 'AbortError' || e.name === 'TimeoutError' || e.type === 'request-timeout') return { kind: 'timeout', code: 'timeout', message };
  if (sysCode && NETWORK_CODES.has(sysCode)) return { kind: 'network', code: sysCode, message };
  if (e.name === 'FetchError' && e.type === 'system') return { kind: 'network', ...(sysCode ? { code: sysCode } : {}), message };
  // A body that is not JSON or does not fit the client's model.
  return { kind: 'invalid-response', ...(sysCode ? { code: sysCode } : {}), message };
}

export function firstLine(text: string): string {
  return (text.split('\n')[0] ?? '').slice(0, 300);
}
