/*
 * The one place where upstream answers (ArgoCD, the OCM hub, GitHub) become
 * `@backstage/errors`, and where errors become the `errors[]` entries of our
 * responses. Messages name the upstream and the status, never a credential.
 */
import {
  AuthenticationError,
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
  isError,
} from '@backstage/errors';
import {
  markedUpstreamErrorKind,
  withUpstreamErrorKind as withKind,
  type UpstreamError,
  type UpstreamErrorKind,
} from '@internal/plugin-kubevirt-gitops-common';
import { asRecord } from './json';

const KIND_BY_NAME: Record<string, UpstreamErrorKind> = {
  AuthenticationError: 'credentials-rejected',
  NotAllowedError: 'forbidden',
  NotFoundError: 'not-found',
  ConflictError: 'conflict',
  InputError: 'bad-request',
  JsonItemsSyntaxError: 'bad-answer',
  AbortError: 'timeout',
  TimeoutError: 'timeout',
};

/**
 * The kind of a failed upstream call: the one the mapping functions below
 * marked (on the error or a cause), else read from the `@backstage/errors`
 * class, else `unreachable` for a Node.js system error, else `unavailable`.
 */
export function upstreamErrorKind(error: unknown): UpstreamErrorKind {
  for (let current: unknown = error, depth = 0; depth < 4; depth += 1) {
    if (!isError(current)) break;
    const marked = markedUpstreamErrorKind(current);
    if (marked) return marked;
    const named = KIND_BY_NAME[current.name];
    if (named) return named;
    current = (current as { cause?: unknown }).cause;
  }
  return errorCode(error) ? 'unreachable' : 'unavailable';
}

/** Longest upstream message we repeat. */
const MAX_DETAIL_LENGTH = 300;

/** What an upstream answered, as far as error mapping cares. */
export interface UpstreamAnswer {
  status: number;
  /** Response body text (JSON or not). */
  body?: string;
  /** The `Retry-After` header, when present. */
  retryAfter?: string | null;
}

/** Reads the human message out of an upstream error body. */
export function upstreamDetail(body: string | undefined): string | undefined {
  if (!body) {
    return undefined;
  }
  let detail = body;
  try {
    const fields = asRecord(JSON.parse(body));
    if (fields) {
      const candidate = [fields.message, fields.error].find(
        (value): value is string => typeof value === 'string' && value !== '',
      );
      if (candidate) {
        detail = candidate;
      }
    }
  } catch {
    // not JSON: use the text as is
  }
  detail = detail.replace(/\s+/g, ' ').trim();
  if (!detail) {
    return undefined;
  }
  return detail.length > MAX_DETAIL_LENGTH
    ? `${detail.slice(0, MAX_DETAIL_LENGTH)}…`
    : detail;
}

/**
 * Maps an unsuccessful upstream status to an error:
 * 400 InputError, 401 AuthenticationError, 403 NotAllowedError,
 * 404 NotFoundError, 409/410 ConflictError, 429 and 5xx (and anything else)
 * ServiceUnavailableError.
 *
 * @param source - the upstream, e.g. `argocd:main`
 * @param what - what was asked, e.g. `listing Applications`
 */
export function errorFromUpstreamStatus(
  source: string,
  what: string,
  answer: UpstreamAnswer,
): Error {
  const detail = upstreamDetail(answer.body);
  const suffix = detail ? `: ${detail}` : '';
  const prefix = `${source} answered ${answer.status} when ${what}`;
  switch (answer.status) {
    case 400:
      return new InputError(`${prefix}${suffix}`);
    case 401:
      return new AuthenticationError(
        `${prefix}: the configured credentials were rejected`,
      );
    case 403:
      // GitHub answers a spent rate limit with 403 and says so.
      return withKind(
        new NotAllowedError(`${prefix}${suffix}`),
        /rate limit/i.test(detail ?? '') ? 'rate-limited' : 'forbidden',
      );
    case 404:
      return new NotFoundError(`${prefix}${suffix}`);
    case 409:
    case 410:
      return new ConflictError(`${prefix}${suffix}`);
    case 429: {
      const retry = answer.retryAfter
        ? `; retry after ${answer.retryAfter}s`
        : '';
      return withKind(
        new ServiceUnavailableError(`${prefix}: rate limited${retry}`),
        'rate-limited',
      );
    }
    default:
      return withKind(
        new ServiceUnavailableError(`${prefix}${suffix}`),
        'unavailable',
      );
  }
}

/** The `code` of a Node.js system error (ECONNREFUSED, ENOENT), if any. */
export function errorCode(error: unknown): string | undefined {
  for (let current: unknown = error, depth = 0; depth < 4; depth += 1) {
    const record = asRecord(current);
    if (!record) {
      return undefined;
    }
    if (typeof record.code === 'string' && record.code !== '') {
      return record.code;
    }
    current = record.cause;
  }
  return undefined;
}

function isAbort(error: unknown): boolean {
  return (
    isError(error) &&
    (error.name === 'AbortError' || error.name === 'TimeoutError')
  );
}

/** Maps a request that never got an answer (timeout, refused, TLS) to an error. */
export function errorFromTransport(
  source: string,
  what: string,
  error: unknown,
  timeoutMs: number,
): Error {
  if (isAbort(error)) {
    return withKind(
      new ServiceUnavailableError(
        `${source} did not answer within ${timeoutMs} ms when ${what}`,
      ),
      'timeout',
    );
  }
  const code = errorCode(error) ?? (isError(error) ? error.name : 'error');
  return withKind(
    new ServiceUnavailableError(
      `${source} could not be reached when ${what} (${code})`,
    ),
    'unreachable',
  );
}

/** Replaces every configured secret in a text by `[redacted]`. */
export type Redactor = (text: string) => string;

/** A redactor for these secrets (tokens, passwords). */
export function createRedactor(secrets: Iterable<string>): Redactor {
  const values = [...new Set(secrets)]
    .filter(secret => secret.length >= 4)
    .sort((a, b) => b.length - a.length);
  return text =>
    values.reduce(
      (current, secret) => current.split(secret).join('[redacted]'),
      text,
    );
}

/** An `errors[]` entry for a failed upstream. */
export function toUpstreamError(
  source: string,
  error: unknown,
  redact: Redactor,
): UpstreamError {
  const message = isError(error) ? error.message : String(error);
  return { source, kind: upstreamErrorKind(error), message: redact(message) };
}
