/*
 * The module in a test backend, reading the fleet simulator's GitHub (the
 * demo repository demo-org/gitops-demo, as `make start` serves it) through
 * `integrations.github`, the way the real backend does: the catalog gets
 * exactly the seed's demo-vm (the other VMs there have a catalog-info.yaml),
 * with the annotations the VM tab and the templates use and the owner from
 * the repository's CODEOWNERS; a failed read leaves the catalog alone.
 */
import type {
  SchedulerServiceTaskInvocationDefinition,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  catalogProcessingExtensionPoint,
  type EntityProvider,
  type EntityProviderMutation,
} from '@backstage/plugin-catalog-node';
import {
  SINGLE_REPOSITORY_SCENARIO_FILE,
  startSimulator,
  type RunningSimulator,
  simulatorBackstageConfig,
} from '@internal/fleet-simulator';
import { catalogModuleKubevirtGitops } from './module';

jest.setTimeout(60_000);

describe('VM discovery against the fleet simulator', () => {
  let sim: RunningSimulator;
  let provider: EntityProvider;
  const tasks: SchedulerServiceTaskInvocationDefinition[] = [];
  const schedules: SchedulerServiceTaskScheduleDefinition[] = [];
  const mutations: EntityProviderMutation[] = [];
  const logger = mockServices.logger.mock();
  logger.child.mockImplementation(() => logger);

  beforeAll(async () => {
    sim = await startSimulator({
      // one repository, demo-org/gitops-demo, with the seed-style demo-vm
      scenario: SINGLE_REPOSITORY_SCENARIO_FILE,
      ports: { control: 0, argocd: 0, hub: 0, github: 0 },
      quiet: true,
      hubTls: false,
      timeScale: 1000,
    });
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
                baseBranch: 'main',
              },
              discovery: {
                // Not the CODEOWNERS team, to see which one is used.
                defaultOwner: 'group:default/app-team',
                system: 'virtualization-platform',
                schedule: {
                  frequency: { seconds: 10 },
                  timeout: { seconds: 30 },
                },
              },
            },
          },
        }),
        mockServices.scheduler.mock({
          createScheduledTaskRunner(schedule) {
            schedules.push(schedule);
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
    if (providers.length !== 1)
      throw new Error(`expected one provider, got ${providers.length}`);
    provider = providers[0];
    await provider.connect({
      applyMutation: async mutation => {
        mutations.push(mutation);
      },
      refresh: async () => {},
    });
  });

  afterAll(async () => {
    await sim?.stop();
  });

  const runTask = async () => {
    expect(tasks).toHaveLength(1);
    await tasks[0].fn(new AbortController().signal);
  };

  it('runs on the configured schedule, as one task', () => {
    expect(schedules).toEqual([
      { frequency: { seconds: 10 }, timeout: { seconds: 30 } },
    ]);
    expect(tasks.map(task => task.id)).toEqual([
      'kubevirt-gitops-vm-discovery:refresh',
    ]);
  });

  // The environments demo-vm has an overlay for, as catalog entities the VM
  // depends on (the seed layout: kustomize/dev and kustomize/prod).
  const environmentEntity = (env: string) => {
    const repoUrl = 'https://github.com/demo-org/gitops-demo/tree/main';
    return {
      locationKey: 'kubevirt-gitops-vm-discovery',
      entity: {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Resource',
        metadata: {
          name: `vm-environment-${env}`,
          namespace: 'default',
          title: `${env} (VM environment)`,
          description: `The ${env} environment of demo-org/gitops-demo: 1 discovered VM(s) have an overlay for it (found by kubevirt-gitops discovery).`,
          annotations: {
            'backstage.io/managed-by-location': `url:${repoUrl}`,
            'backstage.io/managed-by-origin-location': `url:${repoUrl}`,
          },
          tags: ['kubevirt', 'environment'],
        },
        spec: {
          type: 'kubevirt-environment',
          owner: 'group:default/app-team',
          system: 'virtualization-platform',
        },
      },
    };
  };

  it('emits exactly demo-vm, with its annotations and the CODEOWNERS owner', async () => {
    await runTask();
    expect(mutations).toHaveLength(1);
    const url =
      'https://github.com/demo-org/gitops-demo/tree/main/applicationsets/demo-vm';
    expect(mutations[0]).toEqual({
      type: 'full',
      entities: [
        {
          locationKey: 'kubevirt-gitops-vm-discovery',
          entity: {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Resource',
            metadata: {
              name: 'demo-vm',
              namespace: 'default',
              title: 'demo-vm',
              description: expect.stringContaining(
                'deployed by the ApplicationSet demo-vm',
              ),
              annotations: {
                'kubevirt-gitops.io/vm-name': 'demo-vm',
                'kubevirt-gitops.io/applicationset': 'demo-vm',
                'kubevirt-gitops.io/gitops-path': 'applicationsets/demo-vm',
                'backstage.io/managed-by-location': `url:${url}`,
                'backstage.io/managed-by-origin-location': `url:${url}`,
                'backstage.io/view-url': url,
              },
              tags: ['virtual-machine', 'kubevirt'],
            },
            spec: {
              type: 'virtual-machine',
              owner: 'group:default/platform-team',
              system: 'virtualization-platform',
              dependsOn: [
                'resource:default/vm-environment-dev',
                'resource:default/vm-environment-prod',
              ],
            },
          },
        },
        environmentEntity('dev'),
        environmentEntity('prod'),
      ],
    });
    expect(logger.info).toHaveBeenCalledWith(
      expect.stringMatching(
        /demo-org\/gitops-demo@main at [0-9a-f]{12}: 1 VM\(s\) \(demo-vm\); left to their catalog-info\.yaml: 2 folder\(s\)/,
      ),
    );
    expect(logger.warn).not.toHaveBeenCalled();
  });

  it('keeps the entities it emitted when GitHub refuses a read (no mutation, a warning)', async () => {
    sim.faults.add([
      {
        upstream: 'github',
        method: 'GET',
        pathPattern: '/git/trees/',
        status: 401,
        times: 1,
      },
    ]);
    const before = mutations.length;
    await runTask();
    expect(mutations).toHaveLength(before);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        'VM discovery could not read demo-org/gitops-demo@main; the catalog keeps the VMs discovered before. GitHub refused the credentials for github.com',
      ),
    );

    await runTask();
    expect(mutations).toHaveLength(before + 1);
    expect(mutations[before]).toEqual(mutations[0]);
  });
});
