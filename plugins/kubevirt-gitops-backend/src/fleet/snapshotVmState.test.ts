/*
 * The VM state from the Application list alone (fleet counts, VM tab rows
 * without detail): exact only where ArgoCD's inline VM health carries the
 * printableStatus, otherwise ArgoCD's own word, marked approximate.
 *
 * Fixtures are our own, written from upstream material:
 * - inline health messages: argo-cd resource_customizations/kubevirt.io/
 *   VirtualMachine/health.lua before and after PR #29664 (testdata
 *   healthy_halted_runstrategy.yaml → Healthy "Stopped as declared");
 * - the 3.x list shape (no `health` on `status.resources[]`,
 *   `status.resourceHealthSource: appTree`): argo-cd
 *   manifests/crds/application-crd.yaml ("inline if not set or appTree");
 * - "a Missing resource does not affect app health": argo-cd
 *   controller/health.go setApplicationHealth.
 */
import {
  application,
  argoCluster,
  managedCluster,
} from '../__testUtils__/fixtures';
import {
  argocdPart,
  hubPart,
  indexOf,
  snapshotOf,
} from '../__testUtils__/snapshot';
import { pickForDetail } from '../vm/findVmApplications';
import { snapshotVmState } from './approximateVmState';
import { buildFleetResponse } from './buildFleetResponse';
import { mapApplication } from './mapArgoObjects';

type InlineHealth = { status: string; message?: string };

/**
 * An Application for one VM. `inline` gives the VM resource ArgoCD 2.x's
 * inline health; without it the object is ArgoCD 3.x's list shape.
 */
function vmApplication(options: {
  cluster: string;
  health: string;
  sync?: string;
  vmSync?: string;
  inline?: InlineHealth;
}) {
  const raw = application({
    vm: 'web',
    cluster: options.cluster,
    health: options.health,
    sync: options.sync ?? 'Synced',
  });
  const vm: Record<string, unknown> = {
    ...raw.status.resources[0],
    status: options.vmSync ?? options.sync ?? 'Synced',
  };
  if (options.inline) vm.health = options.inline;
  const status: Record<string, unknown> = { ...raw.status, resources: [vm] };
  if (options.inline) delete status.resourceHealthSource;
  return { ...raw, status };
}

function stateOf(raw: unknown) {
  const app = mapApplication(raw, new Map());
  if (!app) throw new Error('fixture has no name');
  return snapshotVmState(app);
}

describe('snapshotVmState: exact vs approximate', () => {
  // Defect 1: Healthy was counted as Running.
  it('counts a VM stopped as declared (ArgoCD after PR #29664) as Stopped, and a 3.x Healthy Application as approximate Healthy, never Running', () => {
    expect(
      stateOf(
        vmApplication({
          cluster: 'dev-1',
          health: 'Healthy',
          inline: { status: 'Healthy', message: 'Stopped as declared' },
        }),
      ),
    ).toMatchObject({
      state: 'Stopped',
      certainty: 'exact',
      matchesDesired: true,
      label: 'Stopped as declared',
    });
    const approximate = stateOf(
      vmApplication({ cluster: 'dev-1', health: 'Healthy' }),
    );
    expect(approximate).toMatchObject({
      state: 'Healthy',
      certainty: 'approximate',
      severity: 'ok',
    });
    expect(approximate.label).toContain(
      'from ArgoCD health, not the VM itself',
    );
    expect(approximate.label).toContain('stopped as declared');

    const index = indexOf(
      snapshotOf(
        [
          hubPart({
            clusters: [
              managedCluster({ name: 'dev-1', env: 'dev' }),
              managedCluster({ name: 'dev-2', env: 'dev' }),
            ],
          }),
        ],
        [
          argocdPart({
            clusters: [argoCluster('dev-1'), argoCluster('dev-2')],
            applications: [
              // 2.x, VM Running (printableStatus in the message): exact
              vmApplication({
                cluster: 'dev-1',
                health: 'Healthy',
                inline: { status: 'Healthy', message: 'Running' },
              }),
              // 3.x: Healthy may be "stopped as declared"
              vmApplication({ cluster: 'dev-2', health: 'Healthy' }),
            ],
          }),
        ],
      ),
    );
    const fleet = buildFleetResponse(index, {
      virtualizationStackPattern: /kubevirt/,
      generatedAt: '2025-03-01T10:00:00Z',
    });
    expect(fleet.clusters.map(c => [c.name, c.vmCounts])).toEqual([
      ['dev-1', { Running: 1 }],
      ['dev-2', { Healthy: 1 }],
    ]);
    expect(fleet.totals[0].approximateVmCounts).toEqual({ Healthy: 1 });
    // The approximate Healthy row is read in detail before the exact one.
    const apps = index.allApps;
    const chosen = pickForDetail(apps, index, 1);
    expect([...chosen].map(entry => entry.app.cluster)).toEqual(['dev-2']);
  });

  // Defect 4: a VM not yet created counted as Running.
  it('does not call a VM that ArgoCD has not created yet Running: OutOfSync without health is Pending sync, approximate', () => {
    const derived = stateOf(
      vmApplication({
        cluster: 'dev-1',
        health: 'Healthy',
        sync: 'OutOfSync',
        vmSync: 'OutOfSync',
      }),
    );
    expect(derived).toMatchObject({
      state: 'Pending',
      certainty: 'approximate',
      reason: 'OutOfSync',
      matchesDesired: false,
    });
    expect(derived.label).toMatch(/may not exist yet/);
    // ArgoCD 2.x says Missing inline: that is exact.
    expect(
      stateOf(
        vmApplication({
          cluster: 'dev-1',
          health: 'Healthy',
          sync: 'OutOfSync',
          inline: { status: 'Missing' },
        }),
      ),
    ).toMatchObject({
      state: 'Pending',
      certainty: 'exact',
      label: 'Pending sync',
    });
  });

  // Defect 3: on 3.x, Progressing became "Starting" and Suspended "Stopped".
  it.each([
    // ErrorUnschedulable, Stopping, Provisioning: ArgoCD says Progressing
    ['Progressing', 'Progressing', 'progress'],
    // Paused, Stopped: ArgoCD says Suspended
    ['Suspended', 'Suspended', 'unknown'],
    // a DataVolume failed (the VM check never says Degraded)
    ['Degraded', 'Degraded', 'error'],
    ['Unknown', 'Unknown', 'unknown'],
  ] as const)(
    'keeps a 3.x %s Application as approximate %s, not a definite VM state',
    (health, state, severity) => {
      const derived = stateOf(vmApplication({ cluster: 'dev-1', health }));
      expect(derived).toMatchObject({
        state,
        certainty: 'approximate',
        severity,
      });
      expect(['Starting', 'Stopped', 'Running', 'Error']).not.toContain(
        derived.state,
      );
    },
  );

  it('reads 2.x inline health with a printableStatus as exact', () => {
    expect(
      stateOf(
        vmApplication({
          cluster: 'dev-1',
          health: 'Progressing',
          inline: { status: 'Progressing', message: 'ErrorUnschedulable' },
        }),
      ),
    ).toMatchObject({
      state: 'Error',
      reason: 'ErrorUnschedulable',
      certainty: 'exact',
    });
    expect(
      stateOf(
        vmApplication({
          cluster: 'dev-1',
          health: 'Suspended',
          inline: { status: 'Suspended', message: 'Paused' },
        }),
      ),
    ).toMatchObject({ state: 'Paused', certainty: 'exact' });
  });
});
