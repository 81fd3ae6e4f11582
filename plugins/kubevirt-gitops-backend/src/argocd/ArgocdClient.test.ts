import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { http, HttpResponse, delay } from 'msw';
import { setupServer } from 'msw/node';
import {
  ARGO_TOKEN,
  ARGO_URL,
  application,
  resourceTree,
  virtualMachine,
} from '../__testUtils__/fixtures';
import {
  argocdHandlers,
  createFakeArgocd,
  type FakeArgocd,
} from '../__testUtils__/fakeUpstreams';
import type { ArgocdInstanceConfig } from '../config/types';
import { stringField } from '../upstream/json';
import { createArgocdClient } from './ArgocdClient';

const server = setupServer();
registerMswTestHooks(server);

function instance(
  overrides: Partial<ArgocdInstanceConfig> = {},
): ArgocdInstanceConfig {
  return {
    name: 'main',
    url: ARGO_URL,
    auth: { type: 'token', token: ARGO_TOKEN },
    tls: { skipTLSVerify: false },
    uiUrl: ARGO_URL,
    timeoutMs: 500,
    ...overrides,
  };
}

function jwt(expSeconds: number): string {
  const part = (value: object) =>
    Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'HS256' })}.${part({
    exp: expSeconds,
    sub: 'backstage',
  })}.signature`;
}

describe('createArgocdClient', () => {
  let fake: FakeArgocd;

  beforeEach(() => {
    fake = createFakeArgocd();
    fake.applications.push(
      application({ vm: 'web', cluster: 'dev-cluster-1' }),
      application({ vm: 'db', cluster: 'dev-cluster-1' }),
    );
    server.use(...argocdHandlers(fake));
  });

  it('lists Applications with the bearer token, selector and app namespace', async () => {
    const client = createArgocdClient({
      instance: instance({
        applicationSelector: 'kubevirt-gitops.io/vm',
        appNamespace: 'vms-apps',
      }),
    });
    const items = await client.listApplications();
    expect(items).toHaveLength(2);
    const [request] = fake.requests;
    expect(request.path).toBe('/api/v1/applications');
    expect(request.authorization).toBe(`Bearer ${ARGO_TOKEN}`);
    expect(request.query.get('selector')).toBe('kubevirt-gitops.io/vm');
    expect(request.query.get('appNamespace')).toBe('vms-apps');
  });

  it('maps the Application list item by item, keeping what the mapper returns', async () => {
    const client = createArgocdClient({
      instance: instance({ applicationSelector: 'kubevirt-gitops.io/vm' }),
    });
    const seen: unknown[] = [];
    const names = await client.mapApplications(item => {
      seen.push(item);
      const name = stringField(item, 'metadata', 'name');
      return name?.endsWith('-web') ? name : undefined;
    });
    expect(seen).toEqual(fake.applications);
    expect(names).toEqual(['dev-cluster-1-web']);
    const [request] = fake.requests;
    expect(request.path).toBe('/api/v1/applications');
    expect(request.authorization).toBe(`Bearer ${ARGO_TOKEN}`);
    expect(request.query.get('selector')).toBe('kubevirt-gitops.io/vm');
  });

  it('reads a live resource with its kind, group, version and name as query parameters', async () => {
    fake.trees.set('dev-cluster-1-web', resourceTree({ vmName: 'dev-web' }));
    fake.resources.set(
      'dev-cluster-1-web/VirtualMachine/dev-web',
      virtualMachine({ name: 'dev-web' }),
    );
    const client = createArgocdClient({ instance: instance() });
    const object = await client.getResource(
      { name: 'dev-cluster-1-web', namespace: 'argocd' },
      {
        group: 'kubevirt.io',
        version: 'v1',
        kind: 'VirtualMachine',
        namespace: 'vms',
        name: 'dev-web',
      },
    );
    expect(object).toMatchObject({
      kind: 'VirtualMachine',
      metadata: { name: 'dev-web' },
    });
    const query = fake.requests[0].query;
    expect(Object.fromEntries(query)).toEqual({
      namespace: 'vms',
      resourceName: 'dev-web',
      version: 'v1',
      group: 'kubevirt.io',
      kind: 'VirtualMachine',
      appNamespace: 'argocd',
    });
  });

  it('treats 403 for an Application as "not deployed yet"', async () => {
    const client = createArgocdClient({ instance: instance() });
    await expect(
      client.getResourceTree({ name: 'missing-app' }),
    ).rejects.toMatchObject({
      name: 'NotFoundError',
      message: expect.stringContaining('not deployed yet'),
    });
    await expect(
      client.refreshApplication({ name: 'missing-app' }),
    ).rejects.toMatchObject({
      name: 'NotFoundError',
    });
  });

  it('keeps 404 for a missing resource of an existing Application', async () => {
    fake.trees.set('dev-cluster-1-web', resourceTree({ vmName: 'dev-web' }));
    const client = createArgocdClient({ instance: instance() });
    await expect(
      client.getResource(
        { name: 'dev-cluster-1-web' },
        { version: 'v1', kind: 'VirtualMachineInstance', name: 'dev-web' },
      ),
    ).rejects.toMatchObject({
      name: 'NotFoundError',
      message: expect.not.stringContaining('not deployed'),
    });
  });

  it('asks for a refresh with refresh=normal', async () => {
    const client = createArgocdClient({ instance: instance() });
    await client.refreshApplication({
      name: 'dev-cluster-1-web',
      namespace: 'argocd',
    });
    expect(fake.requests[0].path).toBe(
      '/api/v1/applications/dev-cluster-1-web',
    );
    expect(fake.requests[0].query.get('refresh')).toBe('normal');
  });

  it('logs in with username and password once and reuses the session until it expires', async () => {
    fake.users.set('backstage', 'pa55word-secret');
    let now = Date.parse('2025-01-01T00:00:00Z');
    const exp = Math.floor(now / 1000) + 3600;
    fake.fault = request =>
      request.path === '/api/v1/session'
        ? HttpResponse.json({ token: jwt(exp) })
        : undefined;
    fake.tokens.add(jwt(exp));
    const client = createArgocdClient({
      instance: instance({
        auth: {
          type: 'session',
          username: 'backstage',
          password: 'pa55word-secret',
        },
      }),
      now: () => now,
    });
    await Promise.all([
      client.listApplications(),
      client.listClusters(),
      client.listApplications(),
    ]);
    expect(
      fake.requests.filter(r => r.path === '/api/v1/session'),
    ).toHaveLength(1);
    expect(
      fake.requests
        .filter(r => r.path !== '/api/v1/session')
        .every(r => r.authorization === `Bearer ${jwt(exp)}`),
    ).toBe(true);

    now += 3600 * 1000; // past expiry (minus the margin)
    await client.listApplications();
    expect(
      fake.requests.filter(r => r.path === '/api/v1/session'),
    ).toHaveLength(2);
  });

  it('logs in again once when ArgoCD rejects a cached session', async () => {
    fake.users.set('backstage', 'pa55word-secret');
    const client = createArgocdClient({
      instance: instance({
        auth: {
          type: 'session',
          username: 'backstage',
          password: 'pa55word-secret',
        },
      }),
    });
    await client.listApplications();
    fake.tokens = new Set(); // the server forgets every session
    const sessionsBefore = fake.requests.filter(
      r => r.path === '/api/v1/session',
    ).length;
    await client.listApplications();
    expect(fake.requests.filter(r => r.path === '/api/v1/session').length).toBe(
      sessionsBefore + 1,
    );
  });

  it('fails with AuthenticationError on wrong credentials, without the password in the message', async () => {
    const client = createArgocdClient({
      instance: instance({
        auth: {
          type: 'session',
          username: 'backstage',
          password: 'wrong-secret-pw',
        },
      }),
    });
    const error = await client.listApplications().catch((e: Error) => e);
    expect(error).toMatchObject({ name: 'AuthenticationError' });
    expect(String(error)).not.toContain('wrong-secret-pw');
  });

  it.each([
    [401, 'AuthenticationError'],
    [403, 'NotAllowedError'],
    [404, 'NotFoundError'],
    [500, 'ServiceUnavailableError'],
    [503, 'ServiceUnavailableError'],
  ])('maps a %i on a list to %s', async (status, name) => {
    fake.fault = () =>
      HttpResponse.json({ message: `boom ${status}` }, { status });
    const client = createArgocdClient({ instance: instance() });
    await expect(client.listApplications()).rejects.toMatchObject({
      name,
      message: expect.stringContaining(`argocd:main answered ${status}`),
    });
  });

  it('reports rate limiting with Retry-After', async () => {
    fake.fault = () =>
      new HttpResponse('slow down', {
        status: 429,
        headers: { 'Retry-After': '7' },
      });
    const client = createArgocdClient({ instance: instance() });
    await expect(client.listClusters()).rejects.toMatchObject({
      name: 'ServiceUnavailableError',
      message: expect.stringContaining('rate limited; retry after 7s'),
    });
  });

  it('times out a slow answer', async () => {
    fake.fault = async () => {
      await delay(6000);
      return HttpResponse.json({ items: [] });
    };
    const client = createArgocdClient({
      instance: instance({ timeoutMs: 100 }),
    });
    const started = Date.now();
    await expect(client.listApplications()).rejects.toMatchObject({
      name: 'ServiceUnavailableError',
      message: expect.stringContaining('did not answer within 100 ms'),
    });
    // well before the 6 s answer, with room for a loaded machine
    expect(Date.now() - started).toBeLessThan(4000);
  });

  it('reports a network error', async () => {
    server.use(
      http.get(`${ARGO_URL}/api/v1/applications`, () => HttpResponse.error()),
    );
    const client = createArgocdClient({ instance: instance() });
    await expect(client.listApplications()).rejects.toMatchObject({
      name: 'ServiceUnavailableError',
      message: expect.stringContaining('could not be reached'),
    });
  });
  it('opens the Application stream with the token, selector, app namespace and resourceVersion, and maps a refusal to its status', async () => {
    const seen: Array<{ query: string; authorization: string | null }> = [];
    server.use(
      http.get(`${ARGO_URL}/api/v1/stream/applications`, ({ request }) => {
        const url = new URL(request.url);
        seen.push({
          query: url.search,
          authorization: request.headers.get('authorization'),
        });
        if (url.searchParams.get('resourceVersion') === 'gone') {
          return HttpResponse.json(
            { code: 12, message: 'Not Implemented' },
            { status: 501 },
          );
        }
        return new HttpResponse(
          `data: ${JSON.stringify({
            result: { type: 'ADDED', application: { metadata: { name: 'x' } } },
          })}\n\n`,
          { headers: { 'content-type': 'text/event-stream' } },
        );
      }),
    );
    const client = createArgocdClient({
      instance: instance({
        applicationSelector: 'kubevirt-gitops.io/vm',
        appNamespace: 'argocd',
      }),
    });
    const controller = new AbortController();
    const response = await client.openApplicationStream({
      signal: controller.signal,
      resourceVersion: '42',
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('"type":"ADDED"');
    await expect(
      client.openApplicationStream({
        signal: controller.signal,
        resourceVersion: 'gone',
      }),
    ).rejects.toMatchObject({ status: 501 });
    expect(seen).toEqual([
      {
        query:
          '?selector=kubevirt-gitops.io%2Fvm&appNamespace=argocd&resourceVersion=42',
        authorization: `Bearer ${ARGO_TOKEN}`,
      },
      {
        query:
          '?selector=kubevirt-gitops.io%2Fvm&appNamespace=argocd&resourceVersion=gone',
        authorization: `Bearer ${ARGO_TOKEN}`,
      },
    ]);
    controller.abort();
  });
});
