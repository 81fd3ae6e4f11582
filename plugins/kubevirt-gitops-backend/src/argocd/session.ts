/*
 * ArgoCD credentials: a static token, or a username/password session from
 * `POST /api/v1/session`, cached until the JWT expires (a minute early) and
 * shared by concurrent callers (one login at a time).
 */
import type { ArgocdAuth } from '../config/types';
import type { FetchLike } from '../upstream/http';
import { requestJson } from '../upstream/http';
import { stringField } from '../upstream/json';

/** Without an `exp` claim, a session is reused this long. */
const DEFAULT_SESSION_MS = 30 * 60 * 1000;
const EXPIRY_MARGIN_MS = 60 * 1000;

/** Hands out the bearer token of one ArgoCD instance. */
export interface ArgocdTokenProvider {
  /** The token to send. */
  token(): Promise<string>;
  /** Forgets a session ArgoCD rejected (no-op for static tokens); true when a retry can help. */
  invalidate(rejected: string): boolean;
}

/** When a JWT expires (ms since epoch), from its `exp` claim. */
export function jwtExpiry(token: string): number | undefined {
  const payload = token.split('.')[1];
  if (!payload) {
    return undefined;
  }
  try {
    const claims: unknown = JSON.parse(
      Buffer.from(payload, 'base64url').toString('utf8'),
    );
    const exp =
      typeof claims === 'object' && claims !== null && 'exp' in claims
        ? claims.exp
        : undefined;
    return typeof exp === 'number' ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

/** Options of {@link createArgocdTokenProvider}. */
export interface ArgocdTokenProviderOptions {
  source: string;
  url: string;
  auth: ArgocdAuth;
  fetch: FetchLike;
  timeoutMs: number;
  now?: () => number;
}

/** Creates the token provider of one instance. */
export function createArgocdTokenProvider(
  options: ArgocdTokenProviderOptions,
): ArgocdTokenProvider {
  const { auth } = options;
  if (auth.type === 'token') {
    return { token: async () => auth.token, invalidate: () => false };
  }
  const { username, password } = auth;
  const now = options.now ?? Date.now;
  let session: { token: string; expiresAt: number } | undefined;
  let login: Promise<string> | undefined;

  async function createSession(): Promise<string> {
    const answer = await requestJson(options.fetch, {
      source: options.source,
      what: 'creating a session',
      url: `${options.url}/api/v1/session`,
      method: 'POST',
      body: { username, password },
      timeoutMs: options.timeoutMs,
    });
    const token = stringField(answer.body, 'token');
    if (!token) {
      throw new Error(`${options.source} answered a session without a token`);
    }
    const expiry = jwtExpiry(token) ?? now() + DEFAULT_SESSION_MS;
    session = { token, expiresAt: expiry - EXPIRY_MARGIN_MS };
    return token;
  }

  return {
    async token() {
      if (session && session.expiresAt > now()) {
        return session.token;
      }
      if (!login) {
        login = createSession().finally(() => {
          login = undefined;
        });
      }
      return login;
    },
    invalidate(rejected) {
      if (session?.token === rejected) {
        session = undefined;
      }
      return true;
    },
  };
}
