import type { SchedulerServiceTaskInvocationDefinition } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { InputError } from '@backstage/errors';
import type { EntityProviderMutation } from '@backstage/plugin-catalog-node';
import type { RepositoryVm } from '@internal/plugin-kubevirt-gitops-node';
import { parseCodeowners } from './codeowners';
import { ConfigReader } from '@backstage/config';
import { DEFAULT_DISCOVERY_SCHEDULE, readDiscoveryConfig } from './config';
import { KubevirtGitopsEntityProvider } from './KubevirtGitopsEntityProvider';
import { discoveredEntities, mergedEntities, vmEntity } from './vmEntity';

const repository = { host: 'ghe.example.com', owner: 'infra', repo: 'vms' };

const VM: RepositoryVm = {
  name: 'web-01',
  folder: 'clusters/apps/web',
  applicationSet: 'web',
  applicationSetFile: 'clusters/apps/web/applicationset.yaml',
  sourcePath: 'clusters/apps/web/overlays/{{env}}',
  environmentDirTemplate: 'clusters/apps/web/overlays/{env}',
  manifestFile: 'clusters/apps/web/base/vm.yaml',
  environments: ['dev', 'prod'],
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
      dependsOn: [
        'resource:default/vm-environment-dev',
        'resource:default/vm-environment-prod',
      ],
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
      dependsOn: [
        'resource:default/vm-environment-dev',
        'resource:default/vm-environment-prod',
      ],
    });
  });
});

describe('discoveredEntities', () => {
  it('relates each VM to the environments it has an overlay for, with one environment entity each', () => {
    const db: RepositoryVm = {
      ...VM,
      name: 'db-01',
      folder: 'clusters/db',
      environments: ['prod'],
    };
    const entities = discoveredEntities([VM, db], {
      repository,
      baseBranch: 'main',
      codeowners: [],
      defaultOwner: 'group:default/platform-team',
      environmentTitles: new Map([['prod', 'Production']]),
    });
    expect(
      entities.map(entity => [
        entity.metadata.name,
        entity.spec?.type,
        entity.spec?.dependsOn,
      ]),
    ).toEqual([
      [
        'web-01',
        'virtual-machine',
        [
          'resource:default/vm-environment-dev',
          'resource:default/vm-environment-prod',
        ],
      ],
      ['db-01', 'virtual-machine', ['resource:default/vm-environment-prod']],
      ['vm-environment-dev', 'kubevirt-environment', undefined],
      ['vm-environment-prod', 'kubevirt-environment', undefined],
    ]);
    expect(entities[3].metadata.title).toBe('Production (VM environment)');
    expect(entities[3].metadata.description).toContain('2 discovered VM(s)');
    expect(entities[2].metadata.title).toBe('dev (VM environment)');
    expect(entities[2].spec?.owner).toBe('group:default/platform-team');
  });

  it('gives a VM without environments no dependsOn and emits no environment entity', () => {
    const entities = discoveredEntities([{ ...VM, environments: [] }], {
      repository,
      baseBranch: 'main',
      codeowners: [],
      defaultOwner: 'group:default/platform-team',
    });
    expect(entities).toHaveLength(1);
    expect(entities[0].spec).not.toHaveProperty('dependsOn');
  });
});

describe('mergedEntities: the primary repository and adopted ones', () => {
  const seed = { host: 'github.com', owner: '0xFelix', repo: 'gitops-demo' };
  const context = (repo: typeof repository, adoptedRepoUrl?: string) => ({
    repository: repo,
    baseBranch: 'main',
    ...(adoptedRepoUrl ? { adoptedRepoUrl } : {}),
    codeowners: [],
    defaultOwner: 'group:default/platform-team',
  });
  const demoVm: RepositoryVm = {
    ...VM,
    name: 'demo-vm',
    folder: 'applicationsets/demo-vm',
    applicationSet: 'demo-vm',
    environments: ['dev', 'prod'],
  };

  it("marks a VM of an adopted repository with kubevirt-gitops.io/gitops-repo and links to that repository; the primary's VMs carry no such annotation", () => {
    const { entities, warnings } = mergedEntities([
      { vms: [VM], context: context(repository) },
      {
        vms: [demoVm],
        context: context(seed, 'https://github.com/0xFelix/gitops-demo'),
      },
    ]);
    expect(warnings).toEqual([]);
    const [web, demo, ...environments] = entities;
    expect(web.metadata.annotations).not.toHaveProperty(
      'kubevirt-gitops.io/gitops-repo',
    );
    expect(demo.metadata.annotations).toMatchObject({
      'kubevirt-gitops.io/gitops-repo':
        'https://github.com/0xFelix/gitops-demo',
      'kubevirt-gitops.io/gitops-path': 'applicationsets/demo-vm',
      'backstage.io/view-url':
        'https://github.com/0xFelix/gitops-demo/tree/main/applicationsets/demo-vm',
    });
    // one entity per environment across both repositories, located in the first
    expect(environments.map(entity => entity.metadata.name)).toEqual([
      'vm-environment-dev',
      'vm-environment-prod',
    ]);
    expect(environments[0].metadata.description).toContain(
      '2 discovered VM(s)',
    );
    expect(
      environments[0].metadata.annotations?.[
        'backstage.io/managed-by-location'
      ],
    ).toBe('url:https://ghe.example.com/infra/vms/tree/main');
  });

  it('keeps a VM name found in two repositories from the first, and says so naming both', () => {
    const { entities, warnings } = mergedEntities([
      { vms: [demoVm], context: context(repository) },
      {
        vms: [demoVm, VM],
        context: context(seed, 'https://github.com/0xFelix/gitops-demo'),
      },
    ]);
    expect(
      entities
        .filter(entity => entity.spec?.type === 'virtual-machine')
        .map(entity => [
          entity.metadata.name,
          entity.metadata.annotations?.['kubevirt-gitops.io/gitops-repo'],
        ]),
    ).toEqual([
      ['demo-vm', undefined],
      ['web-01', 'https://github.com/0xFelix/gitops-demo'],
    ]);
    expect(warnings).toEqual([
      'VM demo-vm in applicationsets/demo-vm of 0xFelix/gitops-demo has the same name as the VM in applicationsets/demo-vm of infra/vms; the catalog shows the one in applicationsets/demo-vm of infra/vms (repositories are read in the order of kubevirtGitops.gitops: repoUrl, then adoptedRepositories). Rename one of them to see both.',
    ]);
  });
});

describe('readDiscoveryConfig: adoptedRepositories', () => {
  const config = (adoptedRepositories: unknown[]) =>
    new ConfigReader({
      kubevirtGitops: {
        gitops: {
          repoUrl: 'https://github.com/demo-org/gitops-demo',
          adoptedRepositories,
        },
        discovery: { defaultOwner: 'group:default/platform-team' },
      },
    } as never);

  it('reads the primary repository first, then the adopted ones with their branches', () => {
    expect(
      readDiscoveryConfig(
        config([
          { repoUrl: 'https://github.com/0xFelix/gitops-demo' },
          { repoUrl: 'https://github.com/acme/vms.git', baseBranch: 'live' },
        ]),
      )?.repositories.map(r => [
        r.repository.owner,
        r.repository.repo,
        r.baseBranch,
        r.primary,
      ]),
    ).toEqual([
      ['demo-org', 'gitops-demo', 'main', true],
      ['0xFelix', 'gitops-demo', 'main', false],
      ['acme', 'vms', 'live', false],
    ]);
  });

  it.each([
    [
      [{ repoUrl: 'git@github.com:0xFelix/gitops-demo' }],
      'kubevirtGitops.gitops.adoptedRepositories[0].repoUrl must be a repository URL such as https://github.com/acme/vm-gitops, not "git@github.com:0xFelix/gitops-demo"',
    ],
    [
      [
        { repoUrl: 'https://github.com/0xFelix/gitops-demo' },
        { repoUrl: 'https://github.com/Demo-Org/gitops-demo.git' },
      ],
      'kubevirtGitops.gitops.adoptedRepositories[1].repoUrl: https://github.com/Demo-Org/gitops-demo.git is configured twice (as repoUrl or another adopted repository); list each repository once',
    ],
  ])('refuses %j naming the key', (adopted, message) => {
    expect(() => readDiscoveryConfig(config(adopted))).toThrow(message);
  });
});

describe('KubevirtGitopsEntityProvider', () => {
  function provider(
    clientFactory: () => Promise<never>,
    adopted: Array<{ owner: string; repo: string; baseBranch: string }> = [],
  ) {
    const logger = mockServices.logger.mock();
    logger.child.mockImplementation(() => logger);
    const tasks: SchedulerServiceTaskInvocationDefinition[] = [];
    const instance = new KubevirtGitopsEntityProvider({
      discovery: {
        repository,
        baseBranch: 'main',
        repositories: [
          {
            repository,
            baseBranch: 'main',
            repoUrl: 'https://ghe.example.com/infra/vms',
            primary: true,
          },
          ...adopted.map(({ owner, repo, baseBranch }) => ({
            repository: { host: 'github.com', owner, repo },
            baseBranch,
            repoUrl: `https://github.com/${owner}/${repo}`,
            primary: false,
          })),
        ],
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

  describe('GitHub push events', () => {
    function pushEvent(fullName: string, ref: string) {
      return {
        topic: 'github.push',
        eventPayload: { ref, repository: { full_name: fullName } },
      };
    }

    async function connected() {
      let reads = 0;
      let release: () => void = () => {};
      let gate = Promise.resolve();
      const { instance, tasks } = provider(async () => {
        reads += 1;
        await gate;
        throw new Error('the repository is not readable in this test');
      });
      await instance.connect({
        applyMutation: async () => {},
        refresh: async () => {},
      });
      return {
        instance,
        tasks,
        reads: () => reads,
        block() {
          gate = new Promise(resolve => {
            release = resolve;
          });
        },
        release: () => release(),
      };
    }

    it('reads the repository again on a push to its base branch, case-insensitively on the name', async () => {
      const { instance, reads } = await connected();
      await expect(
        instance.onEvent(pushEvent('Infra/VMs', 'refs/heads/main')),
      ).resolves.toBe(true);
      expect(reads()).toBe(1);
    });

    it("reads again on a push to an adopted repository's own base branch, and not on its other branches", async () => {
      let reads = 0;
      const { instance } = provider(async () => {
        reads += 1;
        throw new Error('the repository is not readable in this test');
      }, [{ owner: '0xFelix', repo: 'gitops-demo', baseBranch: 'live' }]);
      await instance.connect({
        applyMutation: async () => {},
        refresh: async () => {},
      });
      await expect(
        instance.onEvent(pushEvent('0xfelix/gitops-demo', 'refs/heads/main')),
      ).resolves.toBe(false);
      expect(reads).toBe(0);
      await expect(
        instance.onEvent(pushEvent('0xFelix/gitops-demo', 'refs/heads/live')),
      ).resolves.toBe(true);
      // the primary repository is read first; its failure stops the refresh
      expect(reads).toBe(1);
    });

    it('ignores pushes to other branches, other repositories, tags and other topics', async () => {
      const { instance, reads } = await connected();
      for (const event of [
        pushEvent('infra/vms', 'refs/heads/feature/x'),
        pushEvent('infra/vms', 'refs/tags/main'),
        pushEvent('infra/other', 'refs/heads/main'),
        pushEvent('infra/vms-old', 'refs/heads/main'),
        {
          topic: 'github.pull_request',
          eventPayload: {
            ref: 'refs/heads/main',
            repository: { full_name: 'infra/vms' },
          },
        },
        { topic: 'github.push', eventPayload: null },
      ]) {
        await expect(instance.onEvent(event)).resolves.toBe(false);
      }
      expect(reads()).toBe(0);
    });

    it('turns pushes that arrive during a read into one more read, not one per push', async () => {
      const { instance, reads, block, release } = await connected();
      block();
      const first = instance.onEvent(pushEvent('infra/vms', 'refs/heads/main'));
      await new Promise(resolve => setImmediate(resolve));
      expect(reads()).toBe(1);
      const more = [1, 2, 3].map(() =>
        instance.onEvent(pushEvent('infra/vms', 'refs/heads/main')),
      );
      release();
      await Promise.all([first, ...more]);
      expect(reads()).toBe(2);
    });

    it('subscribes to github.push when connected with the events service', async () => {
      const events = mockServices.events.mock();
      const logger = mockServices.logger.mock();
      logger.child.mockImplementation(() => logger);
      const instance = new KubevirtGitopsEntityProvider({
        discovery: {
          repository,
          baseBranch: 'main',
          repositories: [
            {
              repository,
              baseBranch: 'main',
              repoUrl: 'https://ghe.example.com/infra/vms',
              primary: true,
            },
          ],
          defaultOwner: 'group:default/platform-team',
          schedule: DEFAULT_DISCOVERY_SCHEDULE,
        },
        clientFactory: async () => {
          throw new Error('not read in this test');
        },
        logger,
        taskRunner: { run: async () => {} },
        events,
      });
      await instance.connect({
        applyMutation: async () => {},
        refresh: async () => {},
      });
      expect(events.subscribe).toHaveBeenCalledWith(
        expect.objectContaining({
          id: 'kubevirt-gitops-vm-discovery',
          topics: ['github.push'],
        }),
      );
    });
  });
});
