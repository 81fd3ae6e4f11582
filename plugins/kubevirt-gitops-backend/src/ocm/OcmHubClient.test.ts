import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { HttpResponse, delay, http } from 'msw';
import { setupServer } from 'msw/node';
import { HUB_TOKEN, HUB_URL, managedCluster } from '../__testUtils__/fixtures';
import {
  createFakeHub,
  hubHandlers,
  type FakeHub,
} from '../__testUtils__/fakeUpstreams';
import type { OcmHubConfig } from '../config/types';
import {
  OCM_KINDS,
  createHubKubeConfig,
  createOcmHubClient,
} from './OcmHubClient';

const server = setupServer();
registerMswTestHooks(server);

function hub(overrides: Partial<OcmHubConfig> = {}): OcmHubConfig {
  return {
    name: 'hub',
    connection: {
      type: 'url',
      url: HUB_URL,
      token: HUB_TOKEN,
      tls: { skipTLSVerify: false },
    },
    clusterSets: [],
    timeoutMs: 500,
    pageSize: 2,
    ...overrides,
  };
}

describe('createOcmHubClient', () => {
  let fake: FakeHub;

  beforeEach(() => {
    fake = createFakeHub();
    fake.managedClusters.push(
      managedCluster({ name: 'c1' }),
      managedCluster({ name: 'c2' }),
      managedCluster({ name: 'c3' }),
      managedCluster({ name: 'c4' }),
      managedCluster({ name: 'c5' }),
    );
    server.use(...hubHandlers(fake));
  });

  it('follows continue tokens with the configured limit and the bearer token', async () => {
    const client = createOcmHubClient({ hub: hub() });
    const items = await client.listAll(OCM_KINDS.managedClusters);
    expect(items).toHaveLength(5);
    expect(
      fake.requests.map(r => [r.query.get('limit'), r.query.get('continue')]),
    ).toEqual([
      ['2', null],
      ['2', '2'],
      ['2', '4'],
    ]);
    expect(
      fake.requests.every(r => r.authorization === `Bearer ${HUB_TOKEN}`),
    ).toBe(true);
    expect(fake.requests[0].path).toBe(
      '/apis/cluster.open-cluster-management.io/v1/managedclusters',
    );
  });

  it('lists namespaced kinds across all namespaces', async () => {
    const client = createOcmHubClient({ hub: hub() });
    await client.listAll(OCM_KINDS.placementDecisions);
    expect(fake.requests[0].path).toBe(
      '/apis/cluster.open-cluster-management.io/v1beta1/placementdecisions',
    );
  });

  it.each([
    [401, 'AuthenticationError'],
    [403, 'NotAllowedError'],
    [410, 'ConflictError'],
    [500, 'ServiceUnavailableError'],
  ])('maps %i to %s naming the hub', async (status, name) => {
    fake.fault = () =>
      HttpResponse.json(
        {
          kind: 'Status',
          status: 'Failure',
          message: `failure ${status}`,
          code: status,
        },
        { status },
      );
    const client = createOcmHubClient({ hub: hub() });
    await expect(
      client.listAll(OCM_KINDS.managedClusters),
    ).rejects.toMatchObject({
      name,
      message: expect.stringContaining(
        `ocm:hub answered ${status} when listing ManagedCluster objects`,
      ),
    });
  });

  it('reports rate limiting', async () => {
    fake.fault = () =>
      new HttpResponse('{"message":"too many"}', {
        status: 429,
        headers: { 'Retry-After': '3' },
      });
    const client = createOcmHubClient({ hub: hub() });
    await expect(
      client.listAll(OCM_KINDS.managedClusters),
    ).rejects.toMatchObject({
      name: 'ServiceUnavailableError',
      message: expect.stringContaining('rate limited; retry after 3s'),
    });
  });

  it('times out a page that takes too long', async () => {
    fake.fault = async () => {
      await delay(6000);
      return HttpResponse.json({ items: [] });
    };
    const client = createOcmHubClient({ hub: hub({ timeoutMs: 150 }) });
    const started = Date.now();
    await expect(
      client.listAll(OCM_KINDS.managedClusters),
    ).rejects.toMatchObject({
      message: expect.stringContaining('did not answer within 150 ms'),
    });
    // well before the 6 s answer, with room for a loaded machine
    expect(Date.now() - started).toBeLessThan(4000);
  });

  it('reports a network error', async () => {
    server.use(
      http.get(
        `${HUB_URL}/apis/cluster.open-cluster-management.io/v1/managedclusters`,
        () => HttpResponse.error(),
      ),
    );
    const client = createOcmHubClient({ hub: hub() });
    await expect(
      client.listAll(OCM_KINDS.managedClusters),
    ).rejects.toMatchObject({
      name: 'ServiceUnavailableError',
      message: expect.stringContaining('could not be reached'),
    });
  });
});

describe('createHubKubeConfig', () => {
  it('carries the CA and the token of a URL hub, and the per-hub skipTLSVerify', () => {
    const ca = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
    const kc = createHubKubeConfig(
      hub({
        connection: {
          type: 'url',
          url: HUB_URL,
          token: HUB_TOKEN,
          tls: { ca, skipTLSVerify: true },
        },
      }),
    );
    expect(kc.getCurrentCluster()).toMatchObject({
      server: HUB_URL,
      caData: Buffer.from(ca).toString('base64'),
      skipTLSVerify: true,
    });
    expect(kc.getCurrentUser()?.token).toBe(HUB_TOKEN);
  });
});
