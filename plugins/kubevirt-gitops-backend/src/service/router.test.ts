import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import type { PermissionsService } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { VmStatusResponse } from '@internal/plugin-kubevirt-gitops-common';
import express from 'express';
import request from 'supertest';
import type { FleetViews } from '../fleet/FleetViews';
import type { VmStatusService } from '../vm/VmStatusService';
import { createRouter } from './router';
import { serializeJson } from './serializedBody';

const vmEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'web',
    namespace: 'default',
    annotations: {
      'kubevirt-gitops.io/vm-name': 'web',
      'kubevirt-gitops.io/gitops-path': 'applicationsets/vms/web',
    },
  },
  spec: { type: 'virtual-machine', owner: 'group:default/platform' },
};
const bareEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'bare', namespace: 'default' },
  spec: { type: 'service', owner: 'group:default/platform' },
};
const systemEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: {
    name: 'fleet',
    namespace: 'default',
    annotations: { 'kubevirt-gitops.io/cluster-set': 'managed' },
  },
  spec: { owner: 'group:default/platform' },
};

const statusResponse: VmStatusResponse = {
  entityRef: 'resource:default/web',
  vmName: 'web',
  rows: [],
  applicationSets: [],
  pullRequests: [],
  errors: [],
  generatedAt: '2025-03-01T12:00:00.000Z',
};

function permissionsAnswering(
  result: AuthorizeResult.ALLOW | AuthorizeResult.DENY,
): PermissionsService & { authorize: jest.Mock } {
  return {
    authorize: jest.fn(async requests => requests.map(() => ({ result }))),
    authorizeConditional: jest.fn(),
  };
}

const fleetBody = serializeJson({ clusters: [] });

async function app(
  result: AuthorizeResult.ALLOW | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
) {
  const permissions = permissionsAnswering(result);
  const views = {
    index: jest.fn(),
    fleet: jest.fn(async () => fleetBody),
    environments: jest.fn(async () => ({
      environments: [],
      errors: [],
      generatedAt: 'now',
    })),
    choices: jest.fn(async () => ({
      sizes: [],
      images: [],
      uncataloguedImages: [],
      errors: [],
      generatedAt: 'now',
    })),
  } satisfies FleetViews;
  const vms = {
    getStatusBody: jest.fn(async () => serializeJson(statusResponse)),
    getStatus: jest.fn(async () => statusResponse),
    getSnapshotStatus: jest.fn(async () => statusResponse),
    refresh: jest.fn(async () => ({ refreshed: ['dev-1-web'], errors: [] })),
    invalidate: jest.fn(),
  } satisfies VmStatusService;
  const live = { watch: jest.fn() };
  const requests = {
    timeline: jest.fn(async (entityRef: string) => ({
      entityRef,
      requests: [],
    })),
  };
  const logger = mockServices.logger.mock();
  const router = await createRouter({
    httpAuth: mockServices.httpAuth(),
    permissions,
    catalog: catalogServiceMock({
      entities: [vmEntity, bareEntity, systemEntity],
    }),
    views,
    vms,
    live,
    requests,
    logger,
  });
  const server = express()
    .use(router)
    .use(
      MiddlewareFactory.create({
        config: mockServices.rootConfig(),
        logger,
      }).error(),
    );
  return { server, permissions, views, vms, live, requests };
}

describe('router', () => {
  it('answers the timeline of a VM entity with the VM read permission, 403 without, 400/404 like the VM route', async () => {
    const { server, permissions, requests } = await app();
    const response = await request(server).get(
      '/entities/default/resource/web/timeline',
    );
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      entityRef: 'resource:default/web',
      requests: [],
    });
    expect(permissions.authorize).toHaveBeenCalledWith(
      [
        {
          permission: expect.objectContaining({
            name: 'kubevirt-gitops.vm.read',
          }),
          resourceRef: 'resource:default/web',
        },
      ],
      { credentials: mockCredentials.user() },
    );
    expect(
      (await request(server).get('/entities/default/component/bare/timeline'))
        .status,
    ).toBe(400);
    expect(
      (await request(server).get('/entities/default/resource/nope/timeline'))
        .status,
    ).toBe(404);
    expect(requests.timeline).toHaveBeenCalledTimes(1);

    const denied = await app(AuthorizeResult.DENY);
    const refused = await request(denied.server).get(
      '/entities/default/resource/web/timeline',
    );
    expect(refused.status).toBe(403);
    expect(refused.body.requests).toBeUndefined();
    expect(denied.requests.timeline).not.toHaveBeenCalled();
  });

  it('answers the VM status of an entity, authorizing the entity as the resource', async () => {
    const { server, permissions, vms } = await app();
    const response = await request(server).get(
      '/entities/default/resource/web/vms',
    );
    expect(response.status).toBe(200);
    expect(response.body).toEqual(statusResponse);
    expect(permissions.authorize).toHaveBeenCalledWith(
      [
        {
          permission: expect.objectContaining({
            name: 'kubevirt-gitops.vm.read',
          }),
          resourceRef: 'resource:default/web',
        },
      ],
      { credentials: mockCredentials.user() },
    );
    expect(vms.getStatusBody).toHaveBeenCalledWith('resource:default/web', {
      vmName: 'web',
      appSelector: 'kubevirt-gitops.io/vm=web',
      gitopsPath: 'applicationsets/vms/web',
    });
  });

  it('has the VM signalled to the user it answered, once the read was allowed', async () => {
    const allowed = await app();
    await request(allowed.server).get('/entities/default/resource/web/vms');
    expect(allowed.live.watch).toHaveBeenCalledWith(
      'resource:default/web',
      expect.objectContaining({ vmName: 'web' }),
      mockCredentials.user().principal.userEntityRef,
    );
    const denied = await app(AuthorizeResult.DENY);
    await request(denied.server).get('/entities/default/resource/web/vms');
    await request(denied.server).get(
      '/entities/default/resource/secret-vm/vms',
    );
    expect(denied.live.watch).not.toHaveBeenCalled();
  });

  it('answers 403 on DENY before touching anything', async () => {
    const { server, vms, views } = await app(AuthorizeResult.DENY);
    const response = await request(server).get(
      '/entities/default/resource/web/vms',
    );
    expect(response.status).toBe(403);
    expect(response.body.error.name).toBe('NotAllowedError');
    const refresh = await request(server).post(
      '/entities/default/resource/web/vms/refresh',
    );
    expect(refresh.status).toBe(403);
    expect((await request(server).get('/fleet')).status).toBe(403);
    expect((await request(server).get('/environments')).status).toBe(403);
    expect((await request(server).get('/choices')).status).toBe(403);
    expect(views.choices).not.toHaveBeenCalled();
    expect(views.environments).not.toHaveBeenCalled();
    expect(vms.getStatusBody).not.toHaveBeenCalled();
    expect(vms.refresh).not.toHaveBeenCalled();
    expect(views.fleet).not.toHaveBeenCalled();
  });

  it('answers 404 for an entity the caller cannot see', async () => {
    const { server, vms } = await app();
    const response = await request(server).get(
      '/entities/default/resource/secret-vm/vms',
    );
    expect(response.status).toBe(404);
    expect(vms.getStatusBody).not.toHaveBeenCalled();
  });

  it('answers 400 naming the annotation to add', async () => {
    const { server } = await app();
    const response = await request(server).get(
      '/entities/default/component/bare/vms',
    );
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain('kubevirt-gitops.io/vm-name');
    expect(response.body.error.message).toContain('metadata:\n  annotations:');
  });

  it('answers 400 for a malformed entity reference', async () => {
    const { server } = await app();
    const response = await request(server).get(
      '/entities/default/res%20ource/web/vms',
    );
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain(
      'kind must be an entity kind',
    );
  });

  it('refreshes with the refresh permission', async () => {
    const { server, permissions } = await app();
    const response = await request(server).post(
      '/entities/default/resource/web/vms/refresh',
    );
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ refreshed: ['dev-1-web'], errors: [] });
    expect(permissions.authorize.mock.calls[0][0][0].permission.name).toBe(
      'kubevirt-gitops.vm.refresh',
    );
  });

  it('serves the fleet with an ETag and answers 304 when unchanged', async () => {
    const { server, views } = await app();
    const response = await request(server).get('/fleet?clusterSet=managed');
    expect(response.status).toBe(200);
    expect(response.headers.etag).toBe(fleetBody.etag);
    expect(response.body).toEqual({ clusters: [] });
    expect(views.fleet).toHaveBeenCalledWith('managed');
    const again = await request(server)
      .get('/fleet')
      .set('If-None-Match', fleetBody.etag);
    expect(again.status).toBe(304);
  });

  it('sends large answers gzip-compressed to clients that accept it', async () => {
    const big = serializeJson({
      clusters: Array.from({ length: 500 }, (_, i) => ({
        name: `cluster-${i}`,
      })),
    });
    const { server, views } = await app();
    views.fleet.mockResolvedValue(big);
    const response = await request(server)
      .get('/fleet')
      .set('Accept-Encoding', 'gzip');
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(response.body.clusters).toHaveLength(500);
    const plain = await request(server)
      .get('/fleet')
      .set('Accept-Encoding', 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.clusters).toHaveLength(500);
  });

  it('rejects unknown fleet query parameters', async () => {
    const { server, views } = await app();
    expect(
      (await request(server).get('/fleet?clusterSet=Bad_Name')).status,
    ).toBe(400);
    expect(
      (await request(server).get('/fleet?selector=env%3Dprod')).status,
    ).toBe(400);
    expect(views.fleet).not.toHaveBeenCalled();
  });

  it('serves the fleet of an entity from its cluster-set annotation', async () => {
    const { server, views } = await app();
    expect(
      (await request(server).get('/entities/default/system/fleet/fleet'))
        .status,
    ).toBe(200);
    expect(views.fleet).toHaveBeenCalledWith('managed');
    const bare = await request(server).get(
      '/entities/default/component/bare/fleet',
    );
    expect(bare.status).toBe(400);
    expect(bare.body.error.message).toContain('kubevirt-gitops.io/cluster-set');
  });

  it('serves the environments', async () => {
    const { server } = await app();
    const response = await request(server).get('/environments');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      environments: [],
      errors: [],
      generatedAt: 'now',
    });
  });

  it('serves the template choices with the fleet read permission', async () => {
    const { server, permissions } = await app();
    const response = await request(server).get('/choices');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      sizes: [],
      images: [],
      uncataloguedImages: [],
      errors: [],
      generatedAt: 'now',
    });
    expect(permissions.authorize).toHaveBeenCalledWith(
      [
        {
          permission: expect.objectContaining({
            name: 'kubevirt-gitops.fleet.read',
          }),
        },
      ],
      expect.anything(),
    );
  });
});
