import {
  createHmac,
  randomBytes,
  randomUUID,
  timingSafeEqual,
} from 'node:crypto';

export interface SessionOptions {
  users: Array<{ username: string; password: string }>;
  /** Static API tokens, accepted as bearer tokens as they are. */
  tokens: string[];
  /** Lifetime of a session token (default 24 h, as ArgoCD's). */
  sessionTtlSeconds?: number;
  /** Source of the current time (real time by default: tokens expire in wall-clock time). */
  now?: () => number;
}

export type TokenCheck =
  | { ok: true; subject: string }
  | { ok: false; reason: string };

function base64url(value: Buffer | string): string {
  return Buffer.from(value).toString('base64url');
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * ArgoCD's local users and API tokens: `POST /api/v1/session` hands out an
 * HS256 JWT (`iss: argocd`, `sub`, `iat`, `nbf`, `exp`, `jti`) signed with a
 * key made at start, so tokens die with the simulator and after their TTL.
 */
export function createSessions(options: SessionOptions) {
  const key = randomBytes(32);
  const ttlSeconds = options.sessionTtlSeconds ?? 24 * 60 * 60;
  const now = options.now ?? (() => Date.now());

  function sign(payload: string): string {
    return createHmac('sha256', key).update(payload).digest('base64url');
  }

  return {
    /** A new session token for valid credentials, else undefined. */
    login(username: string, password: string): string | undefined {
      const user = options.users.find(u => u.username === username);
      if (!user || !sameText(user.password, password)) return undefined;
      const issuedAt = Math.floor(now() / 1000);
      const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
      const claims = base64url(
        JSON.stringify({
          iss: 'argocd',
          sub: `${username}:login`,
          exp: issuedAt + ttlSeconds,
          nbf: issuedAt,
          iat: issuedAt,
          jti: randomUUID(),
        }),
      );
      return `${header}.${claims}.${sign(`${header}.${claims}`)}`;
    },
    /** Checks a bearer token; the reason reads like ArgoCD's "invalid session: ..." detail. */
    verify(token: string): TokenCheck {
      if (options.tokens.some(t => sameText(t, token)))
        return { ok: true, subject: 'admin' };
      const parts = token.split('.');
      if (parts.length !== 3)
        return {
          ok: false,
          reason: 'token contains an invalid number of segments',
        };
      const [header, claims, signature] = parts;
      if (!sameText(sign(`${header}.${claims}`), signature)) {
        return {
          ok: false,
          reason: 'token signature is invalid: signature is invalid',
        };
      }
      let parsed: { exp?: number; sub?: string };
      try {
        parsed = JSON.parse(Buffer.from(claims, 'base64url').toString('utf8'));
      } catch {
        return {
          ok: false,
          reason: 'token is malformed: could not JSON decode claim',
        };
      }
      if (typeof parsed.exp !== 'number' || parsed.exp * 1000 <= now()) {
        return {
          ok: false,
          reason: 'token has invalid claims: token is expired',
        };
      }
      return {
        ok: true,
        subject: String(parsed.sub ?? '').replace(/:login$/, ''),
      };
    },
  };
}

export type Sessions = ReturnType<typeof createSessions>;
