/*
 * Issue 18 point 9: what the detail knows is not lost on the way to the row.
 * Fixtures are our own, written from upstream material:
 * - a Halted VM without status: argo-cd post-PR-#29664 VirtualMachine
 *   testdata healthy_stopped_nostatus.yaml (Healthy "Stopped as declared");
 * - a stopped VM's conditions (Ready False, reason VMINotExists, "VMI does
 *   not exist"): argo-cd VirtualMachine testdata healthy_halted_runstrategy.yaml;
 * - a DataVolume whose import fails (phase ImportInProgress, Running False
 *   reason Error): argo-cd cdi.kubevirt.io/DataVolume testdata
 *   degraded_badurl.yaml, health Degraded with the condition's message;
 * - Placement status (PlacementSatisfied, numberOfSelectedClusters):
 *   open-cluster-management-io/api cluster/v1beta1 Placement CRD.
 */
import { deriveVmState } from '@internal/plugin-kubevirt-gitops-common';
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
import { mapPlacements } from '../fleet/mapHubObjects';
import { buildVmRow } from './buildVmRows';
import { mapDataVolume, mapTreeNodes } from './mapVmDetail';
import type { VmDetail } from './VmDetailService';

const BAD_URL_MESSAGE =
  'Unable to connect to http data source: expected status code 200, got 404. Status: 404 Not Found';

function degradedDataVolumeNode() {
  return mapTreeNodes({
    nodes: [
      {
        group: 'cdi.kubevirt.io',
        version: 'v1beta1',
        kind: 'DataVolume',
        namespace: 'vms',
        name: 'dev-web-rootdisk',
        uid: 'dv',
        health: { status: 'Degraded', message: BAD_URL_MESSAGE },
      },
    ],
  })[0];
}

function rowFor(detail: VmDetail) {
  const index = indexOf(
    snapshotOf(
      [hubPart({ clusters: [managedCluster({ name: 'dev-1', env: 'dev' })] })],
      [
        argocdPart({
          clusters: [argoCluster('dev-1')],
          applications: [application({ vm: 'web', cluster: 'dev-1' })],
        }),
      ],
    ),
  );
  return buildVmRow(
    index.allApps[0],
    { type: 'loaded', detail },
    {
      index,
      uiUrls: new Map(),
      pullRequestOpen: false,
      detailLimit: 10,
      totalRows: 1,
    },
  );
}

describe('detail verdicts reach the row', () => {
  it('shows a Halted VM without any status as stopped as declared, not Pending', () => {
    expect(
      deriveVmState({ existsOnCluster: true, runStrategy: 'Halted' }),
    ).toMatchObject({
      state: 'Stopped',
      matchesDesired: true,
      label: 'Stopped as declared',
    });
    expect(deriveVmState({ existsOnCluster: true, running: false }).state).toBe(
      'Stopped',
    );
    // A VM that should run and has no status is still waiting for KubeVirt.
    expect(
      deriveVmState({ existsOnCluster: true, runStrategy: 'Always' }),
    ).toMatchObject({ state: 'Pending', reason: 'NoStatusYet' });
  });

  it("keeps ArgoCD's Degraded verdict of a DataVolume, in its summary and the row's message", () => {
    const node = degradedDataVolumeNode();
    const live = {
      status: {
        phase: 'ImportInProgress',
        progress: 'N/A',
        conditions: [
          {
            type: 'Running',
            status: 'False',
            reason: 'Error',
            message: BAD_URL_MESSAGE,
          },
        ],
      },
    };
    const summary = mapDataVolume(node, live);
    expect(summary).toEqual({
      name: 'dev-web-rootdisk',
      phase: 'ImportInProgress',
      health: { status: 'Degraded', message: BAD_URL_MESSAGE },
    });
    // Without the live object, the phase is not the Degraded message.
    expect(mapDataVolume(node, undefined).phase).toBe('Unknown');

    const row = rowFor({
      type: 'found',
      vmExists: true,
      vmName: 'dev-web',
      state: { runStrategy: 'Always', printableStatus: 'Provisioning' },
      conditions: [],
      vmi: { ipAddresses: [] },
      dataVolumes: [summary],
      problems: [],
    });
    expect(row.dataVolumes[0].health?.status).toBe('Degraded');
    expect(row.message).toContain(
      `DataVolume dev-web-rootdisk Degraded: ${BAD_URL_MESSAGE}`,
    );
  });

  it('does not show VMINotExists as a problem for a VM stopped as declared, but does for one that should run', () => {
    const vmiNotExists = {
      type: 'Ready',
      status: 'False',
      reason: 'VMINotExists',
      message: 'VMI does not exist',
    };
    const stopped = rowFor({
      type: 'found',
      vmExists: true,
      state: { runStrategy: 'Halted', printableStatus: 'Stopped' },
      conditions: [vmiNotExists],
      vmi: { ipAddresses: [] },
      dataVolumes: [],
      problems: [],
    });
    expect(stopped.derived.label).toBe('Stopped as declared');
    expect(stopped.conditions).toEqual([]);
    const shouldRun = rowFor({
      type: 'found',
      vmExists: true,
      state: { runStrategy: 'Always', printableStatus: 'Stopped' },
      conditions: [vmiNotExists],
      vmi: { ipAddresses: [] },
      dataVolumes: [],
      problems: [],
    });
    expect(shouldRun.conditions).toEqual([vmiNotExists]);
  });

  it('keeps Placement status: PlacementSatisfied and numberOfSelectedClusters', () => {
    expect(
      mapPlacements(
        [
          {
            metadata: { name: 'managed-gitops-placement', namespace: 'argocd' },
            spec: { clusterSets: ['managed'] },
            status: {
              numberOfSelectedClusters: 0,
              conditions: [
                {
                  type: 'PlacementSatisfied',
                  status: 'False',
                  reason: 'NoManagedClusterSetBindings',
                  message:
                    'None of ManagedClusterSets is bound to namespace argocd',
                  lastTransitionTime: '2025-03-01T08:00:00Z',
                },
              ],
            },
          },
        ],
        [],
      ),
    ).toEqual([
      {
        namespace: 'argocd',
        name: 'managed-gitops-placement',
        clusters: [],
        numberOfSelectedClusters: 0,
        satisfied: {
          status: 'False',
          reason: 'NoManagedClusterSetBindings',
          message: 'None of ManagedClusterSets is bound to namespace argocd',
        },
      },
    ]);
  });
});
