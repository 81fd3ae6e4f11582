import type { SchedulerServiceTaskInvocationDefinition } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { InputError } from '@backstage/errors';
import type { EntityProviderMutation } from '@backstage/plugin-catalog-node';
import type { RepositoryVm } from '@internal/plugin-kubevirt-gitops-node';
import { parseCodeowners } from './codeowners';
import { DEFAULT_DISCOVERY_SCHEDULE } from './config';
import { KubevirtGitopsEntityProvider } from './KubevirtGitopsEntityProvider';
import { vmEntity } from './vmEntity';

const repository = { host: 'ghe.example.com', owner: 'infra', repo: 'vms' };

const VM: RepositoryVm = {
  name: 'web-01',
  folder: 'clusters/apps/web',
  applicationSet: 'web',
  applicationSetFile: 'clusters/apps/web/applicationset.yaml',
  sourcePath: 'clusters/apps/web/overlays/{{env}}',
  environmentDirTemplate: 'clusters/apps/web/overlays/{env}',
  manifestFile: 'clusters/apps/web/base/vm.yaml',
};

describe('vmEntity', () => {
  it('falls back to the default owner when CODEOWNERS names nobody for the manifest, and has no system unless configured', () => {
    const entity = vmEntity(VM, {
      repository,
      baseBranch: 'release/2026',
      codeowners: parseCodeowners(
        '/clusters/db/ @infra/dba\n/clusters/apps/web/ ops@example.com\n',
      ),
      defaultOwner: 'group:default/platform-team',
    });
    expect(entity.spec).toEqual({
      type: 'virtual-machine',
      owner: 'group:default/platform-team',
    });
    expect(entity.metadata.annotations).toMatchObject({
      'backstage.io/managed-by-location':
        'url:https://ghe.example.com/infra/vms/tree/release/2026/clusters/apps/web',
      'backstage.io/view-url':
        'https://ghe.example.com/infra/vms/tree/release/2026/clusters/apps/web',
      'kubevirt-gitops.io/gitops-path': 'clusters/apps/web',
    });
  });

  it('takes a user from CODEOWNERS', () => {
    const entity = vmEntity(VM, {
      repository,
      baseBranch: 'main',
      codeowners: parseCodeowners('*.yaml @alice\n'),
      defaultOwner: 'group:default/platform-team',
      system: 'virtualization-platform',
    });
    expect(entity.spec).toEqual({
      type: 'virtual-machine',
      owner: 'user:default/alice',
      system: 'virtualization-platform',
    });
  });
});

describe('KubevirtGitopsEntityProvider', () => {
  function provider(clientFactory: () => Promise<never>) {
    const logger = mockServices.logger.mock();
    logger.child.mockImplementation(() => logger);
    const tasks: SchedulerServiceTaskInvocationDefinition[] = [];
    const instance = new KubevirtGitopsEntityProvider({
      discovery: {
        repository,
        baseBranch: 'main',
        defaultOwner: 'group:default/platform-team',
        schedule: DEFAULT_DISCOVERY_SCHEDULE,
      },
      clientFactory,
      logger,
      taskRunner: {
        run: async task => {
          tasks.push(task);
        },
      },
    });
    return { instance, logger, tasks };
  }

  it('applies nothing and warns when it cannot get a GitHub client', async () => {
    const { instance, logger, tasks } = provider(async () => {
      throw new InputError(
        'There is no GitHub integration for ghe.example.com: add one under integrations.github',
      );
    });
    const mutations: EntityProviderMutation[] = [];
    await instance.connect({
      applyMutation: async mutation => {
        mutations.push(mutation);
      },
      refresh: async () => {},
    });
    expect(tasks.map(task => task.id)).toEqual([
      'kubevirt-gitops-vm-discovery:refresh',
    ]);
    await tasks[0].fn(new AbortController().signal);
    expect(mutations).toEqual([]);
    expect(logger.warn).toHaveBeenCalledWith(
      'VM discovery could not read infra/vms@main; the catalog keeps the VMs discovered before. There is no GitHub integration for ghe.example.com: add one under integrations.github',
    );
    await expect(instance.refresh()).resolves.toMatchObject({
      applied: false,
      error: { name: 'InputError' },
    });
  });

  it('refuses to refresh before the catalog connects it', async () => {
    const { instance } = provider(async () => {
      throw new Error('not called');
    });
    await expect(instance.refresh()).rejects.toThrow(
      'kubevirt-gitops-vm-discovery is not connected',
    );
  });
});
