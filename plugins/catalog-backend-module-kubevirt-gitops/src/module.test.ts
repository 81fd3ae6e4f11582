import type { SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { JsonObject } from '@backstage/types';
import {
  catalogProcessingExtensionPoint,
  type EntityProvider,
} from '@backstage/plugin-catalog-node';
import { catalogModuleKubevirtGitops } from './module';

const GITOPS = {
  repoUrl: 'https://github.com/demo-org/gitops-demo',
  baseBranch: 'main',
};

async function start(kubevirtGitops: JsonObject) {
  const providers: EntityProvider[] = [];
  const schedules: SchedulerServiceTaskScheduleDefinition[] = [];
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
      mockServices.rootConfig.factory({ data: { kubevirtGitops } }),
      mockServices.scheduler.mock({
        createScheduledTaskRunner(schedule) {
          schedules.push(schedule);
          return { run: async () => {} };
        },
      }).factory,
    ],
  });
  return { providers, schedules };
}

describe('catalogModuleKubevirtGitops', () => {
  it('adds the provider when kubevirtGitops.discovery is present, every 5 minutes by default', async () => {
    const { providers, schedules } = await start({
      gitops: GITOPS,
      discovery: { defaultOwner: 'group:default/platform-team' },
    });
    expect(providers.map(provider => provider.getProviderName())).toEqual([
      'kubevirt-gitops-vm-discovery',
    ]);
    expect(schedules).toEqual([
      { frequency: { minutes: 5 }, timeout: { minutes: 3 } },
    ]);
  });

  it('takes the schedule from kubevirtGitops.discovery.schedule', async () => {
    const { schedules } = await start({
      gitops: GITOPS,
      discovery: {
        defaultOwner: 'platform-team',
        schedule: {
          frequency: { cron: '*/2 * * * *' },
          timeout: 'PT1M',
          initialDelay: { seconds: 5 },
          scope: 'global',
        },
      },
    });
    expect(schedules).toEqual([
      {
        frequency: { cron: '*/2 * * * *' },
        timeout: { minutes: 1 },
        initialDelay: { seconds: 5 },
        scope: 'global',
      },
    ]);
  });

  it('adds nothing without kubevirtGitops.discovery', async () => {
    const { providers, schedules } = await start({ gitops: GITOPS });
    expect(providers).toEqual([]);
    expect(schedules).toEqual([]);
  });

  it.each([
    [
      'no defaultOwner',
      { gitops: GITOPS, discovery: { system: 'virtualization-platform' } },
      /kubevirtGitops\.discovery\.defaultOwner is required when kubevirtGitops\.discovery is present/,
    ],
    [
      'an owner that is not a group or user',
      { gitops: GITOPS, discovery: { defaultOwner: 'component:default/x' } },
      /kubevirtGitops\.discovery\.defaultOwner must name a group or user, not a component/,
    ],
    [
      'a system that is not a system',
      {
        gitops: GITOPS,
        discovery: { defaultOwner: 'platform-team', system: 'group:a' },
      },
      /kubevirtGitops\.discovery\.system must name a system/,
    ],
    [
      'no repository',
      { discovery: { defaultOwner: 'platform-team' } },
      /kubevirtGitops\.discovery is present but kubevirtGitops\.gitops\.repoUrl is not set/,
    ],
    [
      'a repository URL that is not one',
      {
        gitops: { repoUrl: 'github.com/demo-org' },
        discovery: { defaultOwner: 'platform-team' },
      },
      /kubevirtGitops\.gitops\.repoUrl must be a repository URL/,
    ],
    [
      'a schedule that is not one',
      {
        gitops: GITOPS,
        discovery: {
          defaultOwner: 'platform-team',
          schedule: { frequency: 'often' },
        },
      },
      /kubevirtGitops\.discovery\.schedule is not a schedule/,
    ],
  ])(
    'refuses to start with %s, naming the key',
    async (_case, config, message) => {
      await expect(start(config)).rejects.toThrow(message);
    },
  );
});
