import { ResponseError } from '@backstage/errors';
import { http, HttpResponse } from 'msw';
import {
  makeEnvironments,
  makeFleet,
  makeStatus,
  makeTimelineRequest,
} from '../__testUtils__/fixtures';
import {
  BACKEND,
  errorBody,
  makeClient,
  server,
  withMswServer,
} from '../__testUtils__/server';
import { UnexpectedResponseError } from './KubevirtGitopsClient';
import { describeError } from './describeError';

withMswServer();

const entityRef = { kind: 'Resource', namespace: 'default', name: 'demo-vm' };

describe('KubevirtGitopsClient', () => {
  it('asks for a VM by entity ref, with a lower-case kind', async () => {
    let seenUrl = '';
    server.use(
      http.get(
        `${BACKEND}/entities/:namespace/:kind/:name/vms`,
        ({ request }) => {
          seenUrl = request.url;
          return HttpResponse.json(makeStatus());
        },
      ),
    );
    const status = await makeClient().getVmStatus(entityRef);
    expect(seenUrl).toBe(`${BACKEND}/entities/default/resource/demo-vm/vms`);
    expect(status.rows).toHaveLength(3);
  });

  it('encodes entity ref parts', async () => {
    let seenPath = '';
    server.use(
      http.get(`${BACKEND}/entities/*`, ({ request }) => {
        seenPath = new URL(request.url).pathname;
        return HttpResponse.json(makeStatus());
      }),
    );
    await makeClient().getVmStatus({
      kind: 'Resource',
      namespace: 'team a',
      name: 'vm/1',
    });
    expect(seenPath).toBe(
      '/api/kubevirt-gitops/entities/team%20a/resource/vm%2F1/vms',
    );
  });

  it('POSTs the refresh', async () => {
    let method = '';
    server.use(
      http.post(
        `${BACKEND}/entities/default/resource/demo-vm/vms/refresh`,
        ({ request }) => {
          method = request.method;
          return HttpResponse.json({
            refreshed: ['demo-vm-dev-1'],
            errors: [],
          });
        },
      ),
    );
    const result = await makeClient().refreshVm(entityRef);
    expect(method).toBe('POST');
    expect(result.refreshed).toEqual(['demo-vm-dev-1']);
  });

  it('passes the cluster set as a query parameter, and only when given', async () => {
    const seen: string[] = [];
    server.use(
      http.get(`${BACKEND}/fleet`, ({ request }) => {
        seen.push(new URL(request.url).search);
        return HttpResponse.json(makeFleet());
      }),
    );
    await makeClient().getFleet({ clusterSet: 'dev clusters' });
    await makeClient().getFleet();
    expect(seen).toEqual(['?clusterSet=dev+clusters', '']);
  });

  it('reads the fleet of an entity through its entity ref', async () => {
    let seenPath = '';
    server.use(
      http.get(
        `${BACKEND}/entities/:namespace/:kind/:name/fleet`,
        ({ request }) => {
          seenPath = new URL(request.url).pathname;
          return HttpResponse.json(makeFleet());
        },
      ),
    );
    await makeClient().getEntityFleet({
      kind: 'System',
      namespace: 'default',
      name: 'platform',
    });
    expect(seenPath).toBe(
      '/api/kubevirt-gitops/entities/default/system/platform/fleet',
    );
  });

  it('reads environments', async () => {
    server.use(
      http.get(`${BACKEND}/environments`, () =>
        HttpResponse.json(makeEnvironments()),
      ),
    );
    const result = await makeClient().getEnvironments();
    expect(result.environments.map(e => e.name)).toEqual(['dev', 'prod']);
  });

  it('reads the template choices, refusing an answer without its lists', async () => {
    const choices = {
      sizes: [
        {
          name: 'u1.medium',
          vcpus: 1,
          memory: '4Gi',
          series: 'General Purpose',
          class: 'general.purpose',
          exceeds: [],
          reportedOn: [],
        },
      ],
      images: [],
      uncataloguedImages: [],
      errors: [],
      generatedAt: '2025-03-01T12:00:00Z',
    };
    server.use(
      http.get(`${BACKEND}/choices`, () => HttpResponse.json(choices)),
    );
    expect((await makeClient().getChoices()).sizes.map(s => s.name)).toEqual([
      'u1.medium',
    ]);
    server.use(
      http.get(`${BACKEND}/choices`, () =>
        HttpResponse.json({ sizes: [], errors: [] }),
      ),
    );
    await expect(makeClient().getChoices()).rejects.toThrow();
  });

  it.each([
    [400, 'InputError', 'annotation'],
    [401, 'AuthenticationError', 'sign-in'],
    [403, 'NotAllowedError', 'permission'],
    [404, 'NotFoundError', 'not-found'],
    [429, 'Error', 'backend'],
    [500, 'Error', 'backend'],
    [503, 'ServiceUnavailableError', 'backend'],
  ])(
    'maps %i (%s) to a ResponseError described as %s',
    async (status, name, kind) => {
      server.use(
        http.get(`${BACKEND}/fleet`, () =>
          HttpResponse.json(
            errorBody(name, `it failed with ${status}`, status),
            { status },
          ),
        ),
      );
      const error = await makeClient()
        .getFleet()
        .catch((e: unknown) => e);
      expect(ResponseError.is(error)).toBe(true);
      if (!ResponseError.is(error)) {
        throw new Error('expected a ResponseError');
      }
      expect(error.statusCode).toBe(status);
      expect(error.cause.name).toBe(name);
      expect(error.cause.message).toBe(`it failed with ${status}`);
      const described = describeError(error, 'kubevirt-gitops.fleet.read');
      expect(described.kind).toBe(kind);
      expect(described.serverMessage).toBe(`it failed with ${status}`);
    },
  );

  it('names the permission the server names on 403, else the one asked for', async () => {
    server.use(
      http.get(`${BACKEND}/fleet`, () =>
        HttpResponse.json(
          errorBody(
            'NotAllowedError',
            'Missing permission kubevirt-gitops.vm.refresh',
            403,
          ),
          { status: 403 },
        ),
      ),
    );
    const named = describeError(
      await makeClient()
        .getFleet()
        .catch((e: unknown) => e),
      'kubevirt-gitops.fleet.read',
    );
    expect(named.permission).toBe('kubevirt-gitops.vm.refresh');
    expect(named.description).toContain('kubevirt-gitops.vm.refresh');

    server.use(
      http.get(`${BACKEND}/fleet`, () =>
        HttpResponse.json(errorBody('NotAllowedError', 'Unauthorized', 403), {
          status: 403,
        }),
      ),
    );
    const fallback = describeError(
      await makeClient()
        .getFleet()
        .catch((e: unknown) => e),
      'kubevirt-gitops.fleet.read',
    );
    expect(fallback.permission).toBe('kubevirt-gitops.fleet.read');
  });

  it('tells a missing backend route (non-JSON 404) from a missing entity', async () => {
    server.use(
      http.get(
        `${BACKEND}/fleet`,
        () => new HttpResponse('Cannot GET /fleet', { status: 404 }),
      ),
    );
    const error = await makeClient()
      .getFleet()
      .catch((e: unknown) => e);
    expect(ResponseError.is(error)).toBe(true);
    const described = describeError(error, 'kubevirt-gitops.fleet.read');
    expect(described.kind).toBe('not-found');
    expect(described.description).toMatch(/backend plugin is installed/);
  });

  it('rejects a 2xx answer of the wrong shape with a clear error', async () => {
    server.use(
      http.get(`${BACKEND}/fleet`, () =>
        HttpResponse.text('<html>proxy</html>'),
      ),
    );
    const error = await makeClient()
      .getFleet()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnexpectedResponseError);
    expect(describeError(error, 'x').kind).toBe('unexpected');
  });

  it('lets network errors through, described as retryable', async () => {
    server.use(http.get(`${BACKEND}/fleet`, () => HttpResponse.error()));
    const error = await makeClient()
      .getFleet()
      .catch((e: unknown) => e);
    expect(ResponseError.is(error)).toBe(false);
    const described = describeError(error, 'kubevirt-gitops.fleet.read');
    expect(described).toMatchObject({ kind: 'network', retryable: true });
  });
});

describe('KubevirtGitopsClient.getVmTimeline', () => {
  it('asks for the timeline by entity ref and returns its requests', async () => {
    let seenUrl = '';
    server.use(
      http.get(
        `${BACKEND}/entities/:namespace/:kind/:name/timeline`,
        ({ request }) => {
          seenUrl = request.url;
          return HttpResponse.json({
            entityRef: 'resource:default/demo-vm',
            requests: [makeTimelineRequest()],
          });
        },
      ),
    );
    const timeline = await makeClient().getVmTimeline(entityRef);
    expect(seenUrl).toBe(
      `${BACKEND}/entities/default/resource/demo-vm/timeline`,
    );
    expect(timeline.requests[0].pullRequest.number).toBe(7);
  });

  it('rejects a 404 with a ResponseError, and a body without requests as unexpected', async () => {
    server.use(
      http.get(`${BACKEND}/entities/default/resource/demo-vm/timeline`, () =>
        HttpResponse.json(errorBody('NotFoundError', 'no such entity', 404), {
          status: 404,
        }),
      ),
    );
    await expect(makeClient().getVmTimeline(entityRef)).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 404,
    });
    server.use(
      http.get(`${BACKEND}/entities/default/resource/demo-vm/timeline`, () =>
        HttpResponse.json({ entityRef: 'resource:default/demo-vm' }),
      ),
    );
    await expect(makeClient().getVmTimeline(entityRef)).rejects.toBeInstanceOf(
      UnexpectedResponseError,
    );
  });
});
