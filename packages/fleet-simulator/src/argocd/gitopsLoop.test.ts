import type { ArgocdHarness } from './__testUtils__/argocdHarness';
import {
  DEMO_CLUSTERS,
  createDemoHarness,
  demoRepo,
  vmResourcePath,
} from './__testUtils__/argocdHarness';
import { setAvailability, setDecisions } from './__testUtils__/hubFixture';

async function vmStatus(
  harness: ArgocdHarness,
  app: string,
  namespace: string,
  vm: string,
) {
  const { status, body } = await harness.api(
    vmResourcePath(app, namespace, vm),
  );
  if (status !== 200)
    throw new Error(`resource answered ${status}: ${JSON.stringify(body)}`);
  return (
    JSON.parse((body as { manifest: string }).manifest) as {
      status: { printableStatus: string };
    }
  ).status;
}

describe('the GitOps loop over the demo repository', () => {
  let harness: ArgocdHarness;

  beforeEach(async () => {
    harness = createDemoHarness();
    await harness.argocd.reconcile();
  });
  afterEach(() => harness.stop());

  it('expands every ApplicationSet onto the clusters its generator selects', () => {
    const names = harness.argocd.applications().map(a => a.metadata.name);
    expect(names).toEqual([
      'dev-1-analytics-db',
      'dev-1-cdi',
      'dev-1-ci-runner',
      'dev-1-demo-vm',
      'dev-1-kubevirt',
      'dev-2-analytics-db',
      'dev-2-cdi',
      'dev-2-ci-runner',
      'dev-2-demo-vm',
      'dev-2-kubevirt',
      'prod-1-analytics-db',
      'prod-1-cdi',
      'prod-1-demo-vm',
      'prod-1-kubevirt',
      'prod-2-analytics-db',
      'prod-2-cdi',
      'prod-2-demo-vm',
      'prod-2-kubevirt',
    ]);
    const app = harness.app('prod-1-analytics-db');
    expect(app.metadata.labels).toEqual({
      'kubevirt-gitops.io/vm': 'analytics-db',
      'kubevirt-gitops.io/env': 'prod',
      'kubevirt-gitops.io/cluster': 'prod-1',
    });
    expect(app.metadata.ownerReferences).toEqual([
      expect.objectContaining({
        kind: 'ApplicationSet',
        name: 'analytics-db',
        controller: true,
      }),
    ]);
    expect(app.spec.source?.path).toBe(
      'applicationsets/vms/analytics-db/kustomize/prod',
    );
    expect(app.spec.destination.server).toBe(
      'https://api.prod-1.fleet.local:6443',
    );
    expect(harness.argocd.state().renders.kubectlRuns).toBeLessThanOrEqual(8);
  });

  it('brings VMs to their declared state and reports health by the ArgoCD rules', async () => {
    await harness.eventually(() => {
      expect(harness.app('dev-1-demo-vm').status.health.status).toBe('Healthy');
      expect(harness.app('dev-2-analytics-db').status.health.status).toBe(
        'Healthy',
      );
      expect(harness.app('dev-1-ci-runner').status.health.status).toBe(
        'Suspended',
      );
      expect(harness.app('prod-1-analytics-db').status.health.status).toBe(
        'Progressing',
      );
    });
    expect(harness.app('dev-1-demo-vm').status).toMatchObject({
      sync: { status: 'Synced', revision: harness.git.head() },
      operationState: { phase: 'Succeeded' },
      history: [
        expect.objectContaining({ id: 0, revision: harness.git.head() }),
      ],
      resourceHealthSource: 'appTree',
      sourceType: 'Kustomize',
    });
    expect(harness.app('dev-1-kubevirt').status.health.status).toBe('Healthy');
    await harness.eventually(async () =>
      expect(
        await vmStatus(harness, 'dev-1-demo-vm', 'demo-vm', 'dev-demo-vm'),
      ).toMatchObject({ printableStatus: 'Running', ready: true }),
    );
    await harness.eventually(async () =>
      expect(
        await vmStatus(harness, 'dev-1-ci-runner', 'vms', 'dev-ci-runner'),
      ).toMatchObject({ printableStatus: 'Stopped' }),
    );
    await harness.eventually(async () =>
      expect(
        await vmStatus(
          harness,
          'prod-1-analytics-db',
          'vms',
          'prod-analytics-db',
        ),
      ).toMatchObject({
        printableStatus: 'ErrorUnschedulable',
        conditions: expect.arrayContaining([
          expect.objectContaining({
            type: 'PodScheduled',
            status: 'False',
            reason: 'Unschedulable',
          }),
        ]),
      }),
    );
  });

  it('reports the unreachable cluster Unknown and recovers when it is back', async () => {
    const unreachable = harness.app('prod-2-demo-vm');
    expect(unreachable.status.health.status).toBe('Unknown');
    expect(unreachable.status.sync.status).toBe('Unknown');
    expect(unreachable.status.conditions?.[0]).toMatchObject({
      type: 'ComparisonError',
      message: expect.stringContaining('https://api.prod-2.fleet.local:6443'),
    });
    setAvailability(harness.store, DEMO_CLUSTERS[3], 'True');
    await harness.eventually(() => {
      expect(harness.app('prod-2-demo-vm').status).toMatchObject({
        health: { status: 'Healthy' },
        sync: { status: 'Synced' },
      });
    });
    setAvailability(harness.store, DEMO_CLUSTERS[0], 'False');
    await harness.eventually(() =>
      expect(harness.app('dev-1-demo-vm').status.health.status).toBe('Unknown'),
    );
  });

  it('stops and restarts a VM when a later commit changes its runStrategy', async () => {
    await harness.eventually(() =>
      expect(harness.app('dev-1-analytics-db').status.health.status).toBe(
        'Healthy',
      ),
    );
    const base =
      'applicationsets/vms/analytics-db/kustomize/base/virtualmachine.yaml';
    harness.git.commit({
      [base]: demoRepo()[base].replace(
        'runStrategy: Always',
        'runStrategy: Halted',
      ),
    });
    await harness.argocd.reconcile();
    expect(
      harness.app('dev-1-analytics-db').status.operationState?.syncResult
        ?.resources[0],
    ).toMatchObject({
      message: 'virtualmachine.kubevirt.io/dev-analytics-db configured',
    });
    await harness.eventually(() =>
      expect(harness.app('dev-1-analytics-db').status.health.status).toBe(
        'Suspended',
      ),
    );
    await harness.eventually(async () =>
      expect(
        await vmStatus(
          harness,
          'dev-1-analytics-db',
          'vms',
          'dev-analytics-db',
        ),
      ).toMatchObject({ printableStatus: 'Stopped' }),
    );
    expect(
      harness.app('dev-1-analytics-db').status.history?.map(h => h.revision),
    ).toHaveLength(2);
    harness.git.commit({ [base]: demoRepo()[base] });
    await harness.argocd.reconcile();
    await harness.eventually(() =>
      expect(harness.app('dev-1-analytics-db').status.health.status).toBe(
        'Healthy',
      ),
    );
  });

  it("marks an application whose overlay does not render with kustomize's error", async () => {
    harness.git.commit({
      'applicationsets/demo-vm/kustomize/dev/kustomization.yaml':
        'resources:\n  - ../missing\n',
    });
    await harness.argocd.reconcile();
    const app = harness.app('dev-1-demo-vm');
    expect(app.status.sync.status).toBe('Unknown');
    expect(app.status.conditions?.[0]).toMatchObject({
      type: 'ComparisonError',
      message: expect.stringMatching(
        /kustomize build applicationsets\/demo-vm\/kustomize\/dev.*missing/,
      ),
    });
    expect(harness.app('prod-1-demo-vm').status.conditions).toBeUndefined();
  });

  it('prunes applications when their ApplicationSet or cluster goes away, and follows label changes', async () => {
    harness.git.commit({
      'applicationsets/vms/ci-runner/applicationset.yaml': null,
    });
    await harness.argocd.reconcile();
    expect(
      harness.argocd
        .applications()
        .filter(a => a.metadata.name.includes('ci-runner')),
    ).toEqual([]);

    setDecisions(harness.store, 'openshift-gitops', ['dev-1', 'prod-1']);
    await harness.eventually(() =>
      expect(
        harness.argocd
          .applications()
          .filter(a => a.metadata.name.startsWith('dev-2')),
      ).toEqual([]),
    );

    harness.store.upsert({
      ...harness.store.get('ManagedCluster', 'dev-1')!,
      metadata: {
        ...harness.store.get('ManagedCluster', 'dev-1')!.metadata,
        labels: { env: 'prod' },
      },
    });
    await harness.eventually(() =>
      expect(harness.app('dev-1-demo-vm').spec.source?.path).toBe(
        'applicationsets/demo-vm/kustomize/prod',
      ),
    );
  });
});
