/*
 * The checks inside each action, without the actions registry's own
 * visibility check in front (the mock registry does not make it): the
 * action refuses on its own, before any catalog read or GitHub call.
 */
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import type { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  AuthorizeResult,
  type AuthorizePermissionRequest,
} from '@backstage/plugin-permission-common';
import {
  createRepositoryWriters,
  readGitopsWriterConfig,
} from '@internal/plugin-kubevirt-gitops-node';
import type { FleetViews } from '../fleet/FleetViews';
import type { VmStatusService } from '../vm/VmStatusService';
import { registerVmActions, VM_ACTION_NAMES } from './vmActions';

const rootConfig = new ConfigReader({
  kubevirtGitops: {
    gitops: {
      repoUrl: 'https://github.com/demo-org/gitops-demo',
      environments: [
        {
          name: 'dev',
          limits: { maxVcpus: 8, maxMemory: '32Gi', maxRootDisk: '100Gi' },
        },
      ],
    },
  },
});
const writerConfig = readGitopsWriterConfig(rootConfig)!;

const demoVm: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'demo-vm',
    namespace: 'default',
    annotations: { 'kubevirt-gitops.io/vm-name': 'demo-vm' },
  },
  spec: { type: 'virtual-machine', owner: 'group:default/platform-team' },
};

function setup(deny: (request: AuthorizePermissionRequest) => boolean) {
  const registry = actionsRegistryServiceMock();
  const clientFactory = jest.fn(async () => {
    throw new Error('no GitHub call expected');
  });
  const catalog = catalogServiceMock({ entities: [demoVm] });
  const getEntityByRef = jest.spyOn(catalog, 'getEntityByRef');
  const views = {
    index: jest.fn(),
    fleet: jest.fn(),
    environments: jest.fn(),
    choices: jest.fn(),
  } as unknown as FleetViews;
  const vms = {
    getSnapshotStatus: jest.fn(),
  } as unknown as VmStatusService;
  registerVmActions({
    registry,
    permissions: mockServices.permissions.mock({
      authorize: async requests =>
        requests.map(request => ({
          result: deny(request as AuthorizePermissionRequest)
            ? AuthorizeResult.DENY
            : AuthorizeResult.ALLOW,
        })),
    }) as never,
    catalog,
    auditor: mockServices.auditor.mock(),
    views,
    vms,
    gitops: writerConfig.gitops,
    writers: createRepositoryWriters({ writerConfig, clientFactory }),
    logger: mockServices.logger.mock(),
  });
  const invoke = (name: string, input: Record<string, unknown>) =>
    registry.invoke({
      id: `test:${name}`,
      input: input as never,
      credentials: mockCredentials.user(),
    });
  return { registry, invoke, clientFactory, getEntityByRef, views, vms };
}

describe('kubevirt-gitops actions: authorization inside each action', () => {
  it('registers every action once', () => {
    const { registry } = setup(() => false);
    expect([...registry.actions.keys()]).toEqual(
      VM_ACTION_NAMES.map(name => `test:${name}`),
    );
  });

  it.each([
    [
      'set-vm-run-strategy',
      { entityRef: 'resource:default/demo-vm', runStrategy: 'Halted' },
    ],
    [
      'resize-vm',
      {
        entityRef: 'resource:default/demo-vm',
        size: { instancetype: 'u1.small' },
      },
    ],
    ['decommission-vm', { entityRef: 'resource:default/demo-vm', reason: 'x' }],
  ])(
    '%s: without kubevirt-gitops.vm.pull-request.create, refuses before reading the catalog or GitHub',
    async (name, input) => {
      const { invoke, clientFactory, getEntityByRef } = setup(
        request =>
          request.permission.name === 'kubevirt-gitops.vm.pull-request.create',
      );
      await expect(invoke(name, input)).rejects.toThrow(
        'Not allowed: kubevirt-gitops.vm.pull-request.create',
      );
      expect(getEntityByRef).not.toHaveBeenCalled();
      expect(clientFactory).not.toHaveBeenCalled();
    },
  );

  it('reads: without kubevirt-gitops.fleet.read, nothing is read', async () => {
    const { invoke, views, vms } = setup(
      request => request.permission.name === 'kubevirt-gitops.fleet.read',
    );
    await expect(invoke('get-fleet', {})).rejects.toThrow(
      'Not allowed: kubevirt-gitops.fleet.read',
    );
    await expect(
      invoke('get-vm-status', { entityRef: 'resource:default/demo-vm' }),
    ).rejects.toThrow('Not allowed: kubevirt-gitops.fleet.read');
    expect(views.fleet).not.toHaveBeenCalled();
    expect(vms.getSnapshotStatus).not.toHaveBeenCalled();
  });

  it('an entity whose VM the caller may not read answers exactly as one that does not exist', async () => {
    const { invoke, vms, clientFactory } = setup(
      request =>
        request.permission.name === 'kubevirt-gitops.vm.read' &&
        'resourceRef' in request &&
        request.resourceRef === 'resource:default/demo-vm',
    );
    const denied = await invoke('get-vm-status', {
      entityRef: 'resource:default/demo-vm',
    }).catch((error: Error) => error);
    const missing = await invoke('get-vm-status', {
      entityRef: 'resource:default/nothing-here',
    }).catch((error: Error) => error);
    expect([denied, missing].map(e => (e as Error).name)).toEqual([
      'NotFoundError',
      'NotFoundError',
    ]);
    expect((denied as Error).message.replace('demo-vm', 'X')).toBe(
      (missing as Error).message.replace('nothing-here', 'X'),
    );
    await expect(
      invoke('set-vm-run-strategy', {
        entityRef: 'resource:default/demo-vm',
        runStrategy: 'Always',
        dryRun: true,
      }),
    ).rejects.toThrow(/not found/);
    expect(vms.getSnapshotStatus).not.toHaveBeenCalled();
    expect(clientFactory).not.toHaveBeenCalled();
  });

  it('refuses a malformed entity ref naming the field, and a bad run strategy naming it, before GitHub', async () => {
    const { invoke, clientFactory } = setup(() => false);
    await expect(
      invoke('get-vm-status', { entityRef: 'resource:' }),
    ).rejects.toThrow(/entityRef: must be an entity ref/);
    await expect(
      invoke('set-vm-run-strategy', {
        entityRef: 'resource:default/demo-vm',
        runStrategy: 'Sometimes',
      }),
    ).rejects.toThrow(/runStrategy/);
    expect(clientFactory).not.toHaveBeenCalled();
  });
});
