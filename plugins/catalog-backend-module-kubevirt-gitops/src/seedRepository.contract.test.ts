/*
 * Discovery over two repositories, as `make start` serves them: the demo
 * repository demo-org/gitops-demo (kubevirtGitops.gitops.repoUrl) and the
 * real seed GitOps repository (../shared/reference/seed-gitops-repo, read by
 * the fleet simulator at start and served as 0xFelix/gitops-demo), adopted
 * with kubevirtGitops.gitops.adoptedRepositories. Contract tier: it needs
 * the reference folder.
 */
import type { SchedulerServiceTaskInvocationDefinition } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import {
  catalogProcessingExtensionPoint,
  type EntityProvider,
  type EntityProviderMutation,
} from '@backstage/plugin-catalog-node';
import {
  startSimulator,
  type RunningSimulator,
  simulatorBackstageConfig,
} from '@internal/fleet-simulator';
import { catalogModuleKubevirtGitops } from './module';

jest.setTimeout(60_000);

describe('VM discovery over the demo repository and the adopted seed repository', () => {
  let sim: RunningSimulator;
  const tasks: SchedulerServiceTaskInvocationDefinition[] = [];
  const mutations: EntityProviderMutation[] = [];
  const logger = mockServices.logger.mock();
  logger.child.mockImplementation(() => logger);

  beforeAll(async () => {
    // the demo scenario (make start's): both repositories
    sim = await startSimulator({
      ports: { control: 0, argocd: 0, hub: 0, github: 0 },
      quiet: true,
      hubTls: false,
      timeScale: 1000,
    });
    if (sim.skippedRepositories.length > 0)
      throw new Error(
        `the seed repository is not served: ${JSON.stringify(
          sim.skippedRepositories,
        )}`,
      );
    const providers: EntityProvider[] = [];
    await startTestBackend({
      extensionPoints: [
        [
          catalogProcessingExtensionPoint,
          {
            addEntityProvider: (...added) => {
              providers.push(...added.flat());
            },
          },
        ],
      ],
      features: [
        catalogModuleKubevirtGitops,
        mockServices.rootConfig.factory({
          data: {
            integrations: simulatorBackstageConfig(sim).integrations,
            kubevirtGitops: {
              gitops: {
                repoUrl: 'https://github.com/demo-org/gitops-demo',
                adoptedRepositories: [
                  { repoUrl: 'https://github.com/0xFelix/gitops-demo' },
                ],
              },
              discovery: { defaultOwner: 'group:default/app-team' },
            },
          },
        }),
        mockServices.scheduler.mock({
          createScheduledTaskRunner() {
            return {
              run: async task => {
                tasks.push(task);
              },
            };
          },
        }).factory,
        logger.factory,
      ],
    });
    await providers[0].connect({
      applyMutation: async mutation => {
        mutations.push(mutation);
      },
      refresh: async () => {},
    });
  });

  afterAll(async () => {
    await sim?.stop();
  });

  const runTask = () => tasks[0].fn(new AbortController().signal);
  const entitiesOf = (mutation: EntityProviderMutation): Entity[] =>
    mutation.type === 'full' ? mutation.entities.map(e => e.entity) : [];

  it("emits the seed's demo-vm from 0xFelix/gitops-demo, marked with that repository, and nothing else from it", async () => {
    await runTask();
    expect(mutations).toHaveLength(1);
    const entities = entitiesOf(mutations[0]);
    const vms = entities.filter(e => e.spec?.type === 'virtual-machine');
    // demo-org's VMs have a catalog-info.yaml (left to it); its seed-style
    // demo-vm is not served by the demo scenario: only the seed's is found
    expect(vms.map(vm => vm.metadata.name)).toEqual(['demo-vm']);
    const url =
      'https://github.com/0xFelix/gitops-demo/tree/main/applicationsets/demo-vm';
    expect(vms[0].metadata.annotations).toEqual({
      'kubevirt-gitops.io/vm-name': 'demo-vm',
      'kubevirt-gitops.io/applicationset': 'demo-vm',
      'kubevirt-gitops.io/gitops-path': 'applicationsets/demo-vm',
      'kubevirt-gitops.io/gitops-repo':
        'https://github.com/0xFelix/gitops-demo',
      'backstage.io/managed-by-location': `url:${url}`,
      'backstage.io/managed-by-origin-location': `url:${url}`,
      'backstage.io/view-url': url,
    });
    // the seed has no CODEOWNERS: the configured default owner
    expect(vms[0].spec).toMatchObject({
      owner: 'group:default/app-team',
      dependsOn: [
        'resource:default/vm-environment-dev',
        'resource:default/vm-environment-prod',
      ],
    });
    expect(
      entities
        .filter(e => e.spec?.type === 'kubevirt-environment')
        .map(e => e.metadata.name),
    ).toEqual(['vm-environment-dev', 'vm-environment-prod']);
    expect(logger.info).toHaveBeenCalledWith(
      expect.stringMatching(
        /demo-org\/gitops-demo@main at [0-9a-f]{12}: 0 VM\(s\) \(\); left to their catalog-info\.yaml: 2 folder\(s\); 0xFelix\/gitops-demo@main at [0-9a-f]{12}: 1 VM\(s\) \(demo-vm\)/,
      ),
    );
  });

  it('applies nothing when the adopted repository cannot be read, though the primary one could', async () => {
    sim.faults.add([
      {
        upstream: 'github',
        method: 'GET',
        pathPattern: '/repos/0xFelix/gitops-demo/git/trees/',
        status: 401,
        times: 1,
      },
    ]);
    const before = mutations.length;
    await runTask();
    expect(mutations).toHaveLength(before);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        'VM discovery could not read 0xFelix/gitops-demo@main; the catalog keeps the VMs discovered before in every repository. GitHub refused the credentials for github.com',
      ),
    );
    sim.faults.clear();
    await runTask();
    expect(mutations).toHaveLength(before + 1);
    expect(mutations[before]).toEqual(mutations[0]);
  });
});
