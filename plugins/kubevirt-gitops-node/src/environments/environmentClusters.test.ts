import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import type { EnvironmentsResponse } from '@internal/plugin-kubevirt-gitops-common';
import { createBackendEnvironmentClustersFetcher } from './environmentClusters';

describe('createBackendEnvironmentClustersFetcher', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  const url = 'http://localhost:0/api/kubevirt-gitops/environments';
  const fetcher = createBackendEnvironmentClustersFetcher({
    discovery: mockServices.discovery(),
    auth: mockServices.auth(),
    timeoutMs: 200,
  });

  it('asks the backend with a service token and keeps the requested environments', async () => {
    let authorization: string | null = null;
    server.use(
      http.get(url, ({ request }) => {
        authorization = request.headers.get('authorization');
        return HttpResponse.json({
          environments: [
            {
              name: 'dev',
              clusters: [
                { name: 'dev-1', availability: 'available' },
                { name: 'dev-2', available: false },
              ],
            },
            { name: 'prod', clusters: ['prod-1'] },
            { name: 'lab', clusters: [] },
          ],
        });
      }),
    );
    await expect(fetcher(['dev', 'prod', 'qa'])).resolves.toEqual({
      ok: true,
      clusters: {
        dev: [
          { name: 'dev-1', availability: 'available' },
          { name: 'dev-2', availability: 'unavailable' },
        ],
        prod: [{ name: 'prod-1' }],
        qa: [],
      },
    });
    expect(authorization).toMatch(/^Bearer .+/);
  });

  it("reads the kubevirt-gitops backend's EnvironmentsResponse", async () => {
    const answer: EnvironmentsResponse = {
      environments: [
        {
          name: 'prod',
          title: 'Production',
          clusters: [
            { name: 'prod-cluster-1', availability: 'available' },
            { name: 'prod-cluster-2', availability: 'unreachable' },
          ],
          availableClusters: 1,
          freeCapacity: { cpu: 16, memory: 68719476736 },
          limits: { maxVcpus: 16, maxMemory: '64Gi', maxRootDisk: '500Gi' },
        },
      ],
      errors: [{ source: 'ocm:hub', kind: 'timeout', message: 'slow' }],
      generatedAt: '2025-01-01T00:00:00Z',
    };
    server.use(http.get(url, () => HttpResponse.json(answer)));
    await expect(fetcher(['prod'])).resolves.toEqual({
      ok: true,
      clusters: {
        prod: [
          { name: 'prod-cluster-1', availability: 'available' },
          { name: 'prod-cluster-2', availability: 'unreachable' },
        ],
      },
    });
  });

  it.each([
    [
      'a 404 (backend plugin not installed)',
      () => new HttpResponse(null, { status: 404, statusText: 'Not Found' }),
      /answered 404/,
    ],
    [
      'a 500',
      () =>
        new HttpResponse('boom', {
          status: 500,
          statusText: 'Internal Server Error',
        }),
      /answered 500/,
    ],
    [
      'an unexpected body',
      () => HttpResponse.json({ clusters: 'all of them' }),
      /unexpected shape/,
    ],
    ['a network error', () => HttpResponse.error(), /could not be reached/],
  ])(
    'answers "could not resolve" on %s, never throws',
    async (_name, respond, reason) => {
      server.use(http.get(url, respond));
      const result = await fetcher(['dev']);
      expect(result.ok).toBe(false);
      expect(result.ok ? '' : result.reason).toMatch(reason);
    },
  );

  it('gives up after its timeout', async () => {
    server.use(
      http.get(url, async () => {
        await new Promise(resolve => setTimeout(resolve, 1000));
        return HttpResponse.json({ environments: [] });
      }),
    );
    const result = await fetcher(['dev']);
    expect(result).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/could not be reached/),
    });
  });
});
