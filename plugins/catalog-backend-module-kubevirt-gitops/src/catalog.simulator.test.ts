/*
 * The module in the real catalog backend (and the real scheduler), reading
 * the fleet simulator's demo repository: the discovered demo-vm passes the
 * catalog's validation and processing and is served by the catalog API
 * with its owner and system relations, as the VM tab and the templates
 * see it.
 */
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  mockServices,
  startTestBackend,
  type TestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import {
  SINGLE_REPOSITORY_SCENARIO_FILE,
  startSimulator,
  type RunningSimulator,
  simulatorBackstageConfig,
} from '@internal/fleet-simulator';
import type { AddressInfo } from 'node:net';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { catalogModuleKubevirtGitops } from './module';

jest.setTimeout(90_000);

async function until<T>(
  read: () => Promise<T | undefined>,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise(resolve => setTimeout(resolve, 250));
  }
}

describe('discovered VMs in the catalog', () => {
  let sim: RunningSimulator;
  let backend: TestBackend;

  beforeAll(async () => {
    sim = await startSimulator({
      // one repository, demo-org/gitops-demo, with the seed-style demo-vm
      scenario: SINGLE_REPOSITORY_SCENARIO_FILE,
      ports: { control: 0, argocd: 0, hub: 0, github: 0 },
      quiet: true,
      hubTls: false,
      timeScale: 1000,
    });
    backend = await startTestBackend({
      features: [
        catalogPlugin,
        catalogModuleKubevirtGitops,
        schedulerServiceFactory,
        mockServices.rootConfig.factory({
          data: {
            integrations: simulatorBackstageConfig(sim).integrations,
            catalog: {
              processingInterval: { seconds: 1 },
              rules: [{ allow: ['Component', 'System', 'Resource'] }],
            },
            kubevirtGitops: {
              gitops: {
                repoUrl: 'https://github.com/demo-org/gitops-demo',
                baseBranch: 'main',
              },
              discovery: {
                defaultOwner: 'group:default/app-team',
                system: 'virtualization-platform',
                schedule: {
                  frequency: { seconds: 2 },
                  timeout: { seconds: 30 },
                },
              },
            },
          },
        }),
      ],
    });
  });

  afterAll(async () => {
    await backend?.stop();
    await sim?.stop();
  });

  it('serves demo-vm with the annotations the VM tab uses and its owner and system relations', async () => {
    const { port } = backend.server.address() as AddressInfo;
    const entity = await until(async () => {
      const response = await fetch(
        `http://127.0.0.1:${port}/api/catalog/entities/by-name/resource/default/demo-vm`,
      );
      if (response.status !== 200) return undefined;
      const body = (await response.json()) as Entity;
      return body.relations && body.relations.length > 0 ? body : undefined;
    }, 60_000);

    expect(entity.metadata.annotations).toMatchObject({
      'kubevirt-gitops.io/vm-name': 'demo-vm',
      'kubevirt-gitops.io/applicationset': 'demo-vm',
      'kubevirt-gitops.io/gitops-path': 'applicationsets/demo-vm',
    });
    expect(entity.spec).toEqual({
      type: 'virtual-machine',
      owner: 'group:default/platform-team',
      system: 'virtualization-platform',
      dependsOn: [
        'resource:default/vm-environment-dev',
        'resource:default/vm-environment-prod',
      ],
    });
    expect(
      (entity.relations ?? []).map(
        relation => `${relation.type} ${relation.targetRef}`,
      ),
    ).toEqual(
      expect.arrayContaining([
        'ownedBy group:default/platform-team',
        'partOf system:default/virtualization-platform',
        'dependsOn resource:default/vm-environment-dev',
        'dependsOn resource:default/vm-environment-prod',
      ]),
    );

    const list = await fetch(
      `http://127.0.0.1:${port}/api/catalog/entities/by-query?filter=kind=resource,spec.type=virtual-machine`,
    );
    const { items } = (await list.json()) as { items: Entity[] };
    expect(items.map(item => item.metadata.name)).toEqual(['demo-vm']);

    // The environments are entities of their own, and nothing else is
    // emitted by discovery (the two catalog-info.yaml folders stay theirs).
    const environments = await fetch(
      `http://127.0.0.1:${port}/api/catalog/entities/by-query?filter=kind=resource,spec.type=kubevirt-environment`,
    );
    const { items: envItems } = (await environments.json()) as {
      items: Entity[];
    };
    expect(envItems.map(item => item.metadata.name).sort()).toEqual([
      'vm-environment-dev',
      'vm-environment-prod',
    ]);
  });
});
