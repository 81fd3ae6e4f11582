import { createSessions } from './sessions';

describe('ArgoCD sessions', () => {
  let now = 1_700_000_000_000;
  const sessions = createSessions({
    users: [{ username: 'admin', password: 'correct-horse' }],
    tokens: ['static-api-token-0123456789'],
    sessionTtlSeconds: 60,
    now: () => now,
  });

  it('issues a JWT with ArgoCD claims that expires after the TTL', () => {
    const token = sessions.login('admin', 'correct-horse');
    expect(token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    const claims = JSON.parse(
      Buffer.from(String(token).split('.')[1], 'base64url').toString('utf8'),
    );
    expect(claims).toMatchObject({
      iss: 'argocd',
      sub: 'admin:login',
      exp: now / 1000 + 60,
      iat: now / 1000,
    });
    expect(sessions.verify(String(token))).toEqual({
      ok: true,
      subject: 'admin',
    });
    now += 61_000;
    expect(sessions.verify(String(token))).toEqual({
      ok: false,
      reason: 'token has invalid claims: token is expired',
    });
  });

  it('refuses wrong credentials and forged tokens, and accepts static tokens', () => {
    expect(sessions.login('admin', 'wrong')).toBeUndefined();
    expect(sessions.login('nobody', 'correct-horse')).toBeUndefined();
    const token = String(sessions.login('admin', 'correct-horse'));
    const [header, , signature] = token.split('.');
    const forged = `${header}.${Buffer.from(
      '{"sub":"admin","exp":9999999999}',
    ).toString('base64url')}.${signature}`;
    expect(sessions.verify(forged)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('signature is invalid'),
    });
    expect(sessions.verify('not-a-token')).toMatchObject({ ok: false });
    expect(sessions.verify('static-api-token-0123456789')).toEqual({
      ok: true,
      subject: 'admin',
    });
  });
});
