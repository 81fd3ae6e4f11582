/*
 * The simulated ArgoCD as each version users run it: 3.x keeps per-resource
 * health only in the resource tree (status.resourceHealthSource: appTree),
 * 2.x in the Application (status.resources[].health); before PR #29664 a VM
 * stopped as declared is Suspended, after it Healthy "Stopped as declared"
 * (argo-cd resource_customizations/kubevirt.io/VirtualMachine). The demo's
 * ci-runner VM is Halted by its Git state.
 */
import { SINGLE_REPOSITORY_SCENARIO_FILE } from '../scenario';
import {
  startSimulator,
  type RunningSimulator,
  type StartSimulatorOptions,
} from '../startSimulator';

jest.setTimeout(60_000);

interface AppResource {
  kind: string;
  name: string;
  health?: { status: string; message?: string };
}

interface AppList {
  items: Array<{
    metadata: { name: string };
    status: { resources?: AppResource[]; resourceHealthSource?: string };
  }>;
}

async function ciRunnerVms(
  sim: RunningSimulator,
): Promise<{ resources: AppResource[]; sources: Array<string | undefined> }> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const res = await fetch(`${sim.urls.argocd}/api/v1/applications`, {
      headers: { authorization: `Bearer ${sim.credentials.argocd.tokens[0]}` },
    });
    const list = (await res.json()) as AppList;
    const apps = list.items.filter(app =>
      app.metadata.name.includes('ci-runner'),
    );
    const resources = apps.flatMap(app =>
      (app.status.resources ?? []).filter(
        resource => resource.kind === 'VirtualMachine',
      ),
    );
    const settled =
      resources.length > 0 &&
      resources.every(
        resource =>
          resource.health === undefined ||
          resource.health.status !== 'Progressing',
      );
    if (settled || Date.now() > deadline)
      return {
        resources,
        sources: apps.map(app => app.status.resourceHealthSource),
      };
    await new Promise(resolve => setTimeout(resolve, 500));
  }
}

async function started(argocd: StartSimulatorOptions['argocd']) {
  // The demo fleet without the reference directory's seed repository.
  return startSimulator({
    scenario: SINGLE_REPOSITORY_SCENARIO_FILE,
    ports: { control: 0, argocd: 0, hub: 0, github: 0 },
    quiet: true,
    hubTls: false,
    timeScale: 1000,
    argocd,
  });
}

describe('ArgoCD versions', () => {
  it('3.x (default): no per-resource health in the Application, resourceHealthSource appTree', async () => {
    const sim = await started({});
    try {
      const { resources, sources } = await ciRunnerVms(sim);
      expect(resources.length).toBeGreaterThan(0);
      expect(resources.map(resource => resource.health)).toEqual(
        resources.map(() => undefined),
      );
      expect(new Set(sources)).toEqual(new Set(['appTree']));
    } finally {
      await sim.stop();
    }
  });

  it('2.x before PR #29664: the halted VM is Suspended, inline', async () => {
    const sim = await started({
      resourceHealth: 'inline',
      vmHealth: 'builtin',
    });
    try {
      const { resources, sources } = await ciRunnerVms(sim);
      expect(resources.length).toBeGreaterThan(0);
      expect(
        new Set(resources.map(resource => resource.health?.status)),
      ).toEqual(new Set(['Suspended']));
      expect(new Set(sources)).toEqual(new Set([undefined]));
    } finally {
      await sim.stop();
    }
  });

  it('2.x after PR #29664: the halted VM is Healthy "Stopped as declared", inline', async () => {
    const sim = await started({
      resourceHealth: 'inline',
      vmHealth: 'post-pr-29664',
    });
    try {
      const { resources } = await ciRunnerVms(sim);
      expect(resources.length).toBeGreaterThan(0);
      expect(resources.map(resource => resource.health)).toEqual(
        resources.map(() => ({
          status: 'Healthy',
          message: 'Stopped as declared',
        })),
      );
    } finally {
      await sim.stop();
    }
  });
});
