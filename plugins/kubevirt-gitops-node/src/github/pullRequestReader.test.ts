import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { markedUpstreamErrorKind } from '@internal/plugin-kubevirt-gitops-common';
import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { createIntegrationClientFactory } from './githubCredentials';
import { createPullRequestReader } from './pullRequestReader';

const API = 'https://api.github.test';
const TOKEN = 'ghp_reader-test-token';
const server = setupServer();
registerMswTestHooks(server);

function reader(timeoutMs = 1000, onClient: () => void = () => {}) {
  const integrations = ScmIntegrations.fromConfig(
    new ConfigReader({
      integrations: {
        github: [{ host: 'github.test', apiBaseUrl: API, token: TOKEN }],
      },
    }),
  );
  return createPullRequestReader({
    repository: { host: 'github.test', owner: 'acme', repo: 'vms' },
    baseBranch: 'main',
    clientFactory: repository => {
      onClient();
      return createIntegrationClientFactory({
        integrations,
        clientOptions: { retries: 0, rateLimitRetries: 0, timeoutMs },
      })(repository);
    },
    ttlMs: 10_000,
  });
}

const pull = (number: number, ref: string) => ({
  number,
  title: `PR ${number}`,
  html_url: `https://github.test/acme/vms/pull/${number}`,
  user: { login: 'alice' },
  created_at: '2026-12-01T10:00:00Z',
  labels: [{ name: 'kubevirt-gitops' }],
  head: { ref, sha: `sha${number}` },
});

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a failure');
}

describe('createPullRequestReader (node: the one GitHub layer)', () => {
  it('lists the open pull requests against the base branch touching a folder, with the token', async () => {
    const seen: Request[] = [];
    server.use(
      http.get(`${API}/repos/acme/vms/pulls`, ({ request }) => {
        seen.push(request);
        return HttpResponse.json([
          pull(1, 'kubevirt-gitops/create/web'),
          pull(2, 'other'),
        ]);
      }),
      http.get(`${API}/repos/acme/vms/pulls/:number/files`, ({ params }) =>
        HttpResponse.json(
          params.number === '1'
            ? [{ filename: 'applicationsets/vms/web/base/vm.yaml' }]
            : [
                {
                  filename: 'applicationsets/vms/db/base/vm.yaml',
                  previous_filename: 'applicationsets/vms/web-old/vm.yaml',
                },
              ],
        ),
      ),
    );
    let clients = 0;
    const pulls = await reader(1000, () => {
      clients += 1;
    }).touching('applicationsets/vms/web');
    // one client (one credentials lookup) for the list and both files calls
    expect(clients).toBe(1);
    expect(pulls).toEqual([
      {
        number: 1,
        title: 'PR 1',
        url: 'https://github.test/acme/vms/pull/1',
        author: 'alice',
        createdAt: '2026-12-01T10:00:00Z',
        labels: ['kubevirt-gitops'],
        branch: 'kubevirt-gitops/create/web',
        files: ['applicationsets/vms/web/base/vm.yaml'],
      },
    ]);
    const url = new URL(seen[0].url);
    expect(url.searchParams.get('state')).toBe('open');
    expect(url.searchParams.get('base')).toBe('main');
    expect(seen[0].headers.get('authorization')).toBe(`token ${TOKEN}`);
  });

  it('maps a 500 once (no retries on the read path), naming the call, with its kind', async () => {
    let calls = 0;
    server.use(
      http.get(`${API}/repos/acme/vms/pulls`, () => {
        calls += 1;
        return HttpResponse.json({ message: 'Server Error' }, { status: 500 });
      }),
    );
    const error = await failure(reader().touching('vms/web'));
    expect(error.name).toBe('ServiceUnavailableError');
    expect(error.message).toMatch(
      /^GitHub answered 500 while listing open pull requests in acme\/vms/,
    );
    expect(markedUpstreamErrorKind(error)).toBe('unavailable');
    expect(calls).toBe(1);
  });

  it('says what to fix on 401 and 403, for reading, and tells a rate limit apart', async () => {
    server.use(
      http.get(`${API}/repos/acme/vms/pulls`, () =>
        HttpResponse.json({ message: 'Bad credentials' }, { status: 401 }),
      ),
    );
    const refused = await failure(reader().touching('vms/web'));
    expect(refused.name).toBe('AuthenticationError');
    expect(markedUpstreamErrorKind(refused)).toBe('credentials-rejected');
    expect(refused.message).not.toContain(TOKEN);

    server.use(
      http.get(`${API}/repos/acme/vms/pulls`, () =>
        HttpResponse.json(
          { message: 'Resource not accessible by integration' },
          { status: 403 },
        ),
      ),
    );
    const forbidden = await failure(reader().touching('vms/web'));
    expect(forbidden.message).toMatch(/read access to pull requests/);
    expect(forbidden.message).not.toMatch(/write access|run the template/);
    expect(markedUpstreamErrorKind(forbidden)).toBe('forbidden');

    server.use(
      http.get(`${API}/repos/acme/vms/pulls`, () =>
        HttpResponse.json(
          { message: 'API rate limit exceeded for installation ID 1.' },
          { status: 403, headers: { 'x-ratelimit-remaining': '0' } },
        ),
      ),
    );
    const limited = await failure(reader().touching('vms/web'));
    expect(markedUpstreamErrorKind(limited)).toBe('rate-limited');
    expect(limited.message).toMatch(/rate-limited listing open pull requests/);
  });

  it('refuses an answer of the wrong shape instead of showing no pull requests', async () => {
    server.use(
      http.get(`${API}/repos/acme/vms/pulls`, () =>
        HttpResponse.json({ items: [] }),
      ),
    );
    const error = await failure(reader().touching('vms/web'));
    expect(error.message).toMatch(/unexpected shape .*an object, not a list/);
    expect(markedUpstreamErrorKind(error)).toBe('bad-answer');
  });

  it('gives up after the timeout, saying so (the answer would come after 2 s)', async () => {
    server.use(
      http.get(`${API}/repos/acme/vms/pulls`, async () => {
        await delay(2000);
        return HttpResponse.json([]);
      }),
    );
    const error = await failure(reader(200).touching('vms/web'));
    expect(markedUpstreamErrorKind(error)).toBe('timeout');
    expect(error.message).toMatch(/did not answer in time/);
  });

  it('lists once per cache period, and again after forget() for its repository (a webhook)', async () => {
    let lists = 0;
    server.use(
      http.get(`${API}/repos/acme/vms/pulls`, () => {
        lists += 1;
        return HttpResponse.json([]);
      }),
    );
    const cached = reader();
    await cached.touching('vms/web');
    await cached.touching('vms/db');
    expect(lists).toBe(1);
    cached.forget({ owner: 'other', repo: 'vms' });
    await cached.touching('vms/web');
    expect(lists).toBe(1);
    cached.forget({ owner: 'ACME', repo: 'VMs' });
    await cached.touching('vms/web');
    expect(lists).toBe(2);
  });
});
