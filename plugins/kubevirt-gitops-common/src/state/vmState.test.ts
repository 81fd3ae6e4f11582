/*
 * deriveVmState beyond the printableStatus table: VMs not on the cluster,
 * the GitOps loop (pull request, Git, sync), failure conditions, and VMs
 * without a printableStatus.
 */
import { resolveDesiredRunStrategy } from './vmDesire';
import { deriveVmState } from './vmState';
import type { DerivedVmState, VmStateInput } from './vmStateTypes';

const condition = (type: string, status: string, reason?: string) => ({
  type,
  status,
  ...(reason ? { reason } : {}),
});

describe('deriveVmState: a VM not on the cluster', () => {
  it.each<[string, Omit<VmStateInput, 'existsOnCluster'>, DerivedVmState]>([
    [
      'an open pull request, not yet merged',
      { pullRequestOpen: true, inGit: false, runStrategy: 'Always' },
      {
        state: 'Pending',
        reason: 'PullRequestOpen',
        matchesDesired: false,
        severity: 'progress',
        label: 'Pending merge',
      },
    ],
    [
      'merged, the Application not yet synced',
      { inGit: true, syncStatus: 'OutOfSync', runStrategy: 'Always' },
      {
        state: 'Pending',
        reason: 'OutOfSync',
        matchesDesired: false,
        severity: 'progress',
        label: 'Pending sync',
      },
    ],
    [
      'merged, and a later pull request is open too',
      { inGit: true, pullRequestOpen: true, syncStatus: 'OutOfSync' },
      {
        state: 'Pending',
        reason: 'OutOfSync',
        matchesDesired: false,
        severity: 'progress',
        label: 'Pending sync',
      },
    ],
    [
      'in Git and synced, yet absent (deleted out of band)',
      { inGit: true, syncStatus: 'Synced' },
      {
        state: 'Missing',
        matchesDesired: false,
        severity: 'warning',
        label: 'Missing: in Git but not on the cluster',
      },
    ],
    [
      'decommissioned: gone from Git and from the cluster',
      { inGit: false, syncStatus: 'Synced' },
      {
        state: 'Missing',
        reason: 'NotInGit',
        matchesDesired: true,
        severity: 'ok',
        label: 'Removed (not in Git)',
      },
    ],
    [
      'nothing known about Git or sync',
      {},
      {
        state: 'Missing',
        matchesDesired: false,
        severity: 'warning',
        label: 'Not found on the cluster',
      },
    ],
  ])('%s', (_case, input, expected) => {
    expect(deriveVmState({ existsOnCluster: false, ...input })).toEqual(
      expected,
    );
  });
});

describe('deriveVmState: the GitOps loop', () => {
  it('calls a stop that is merged but not yet synced "pending sync", not drift', () => {
    expect(
      deriveVmState({
        existsOnCluster: true,
        printableStatus: 'Running',
        runStrategy: 'Halted',
        syncStatus: 'OutOfSync',
        inGit: true,
      }),
    ).toEqual({
      state: 'Running',
      reason: 'OutOfSync',
      matchesDesired: false,
      severity: 'progress',
      label: 'Pending sync: running but Git says Halted',
    });
  });

  it('keeps drift when the Application says Synced', () => {
    expect(
      deriveVmState({
        existsOnCluster: true,
        printableStatus: 'Stopped',
        runStrategy: 'Always',
        syncStatus: 'Synced',
      }),
    ).toMatchObject({
      matchesDesired: false,
      severity: 'warning',
      label: 'Drift: stopped but Git says Always',
    });
  });

  it('says a VM removed from Git waits for prune', () => {
    expect(
      deriveVmState({
        existsOnCluster: true,
        printableStatus: 'Running',
        runStrategy: 'Always',
        inGit: false,
        syncStatus: 'OutOfSync',
      }),
    ).toEqual({
      state: 'Running',
      reason: 'NotInGit',
      matchesDesired: false,
      severity: 'warning',
      label: 'Running; removed from Git, waiting for prune',
    });
  });

  it('calls a terminating VM that Git no longer has "being removed", as desired', () => {
    expect(
      deriveVmState({
        existsOnCluster: true,
        printableStatus: 'Terminating',
        runStrategy: 'Always',
        inGit: false,
      }),
    ).toEqual({
      state: 'Stopping',
      reason: 'NotInGit',
      matchesDesired: true,
      severity: 'progress',
      label: 'Being removed (not in Git)',
    });
  });

  it('keeps an error an error when the VM is also gone from Git', () => {
    expect(
      deriveVmState({
        existsOnCluster: true,
        printableStatus: 'ErrImagePull',
        runStrategy: 'Always',
        inGit: false,
      }),
    ).toMatchObject({
      state: 'Error',
      severity: 'error',
      label: 'Error: ErrImagePull; removed from Git, waiting for prune',
    });
  });
});

describe('deriveVmState: conditions', () => {
  it('turns a Failure condition into an error with its reason', () => {
    expect(
      deriveVmState({
        existsOnCluster: true,
        printableStatus: 'Starting',
        runStrategy: 'Always',
        conditions: [
          condition('Failure', 'True', 'FailedCreate'),
          condition('Ready', 'False'),
        ],
      }),
    ).toEqual({
      state: 'Error',
      reason: 'FailedCreate',
      matchesDesired: false,
      severity: 'error',
      label: 'Error: FailedCreate',
    });
  });

  it('reports ManualRecoveryRequired as an error', () => {
    expect(
      deriveVmState({
        existsOnCluster: true,
        printableStatus: 'Stopped',
        runStrategy: 'Always',
        conditions: [condition('ManualRecoveryRequired', 'True')],
      }),
    ).toMatchObject({
      state: 'Error',
      reason: 'ManualRecoveryRequired',
      label: 'Error: ManualRecoveryRequired',
    });
  });

  it('ignores a stale Failure condition on a VM stopped as declared', () => {
    expect(
      deriveVmState({
        existsOnCluster: true,
        printableStatus: 'Stopped',
        runStrategy: 'Halted',
        conditions: [condition('Failure', 'True', 'FailedCreate')],
      }),
    ).toMatchObject({
      state: 'Stopped',
      label: 'Stopped as declared',
      severity: 'ok',
    });
  });

  it('ignores a Failure condition that is False', () => {
    expect(
      deriveVmState({
        existsOnCluster: true,
        printableStatus: 'Running',
        runStrategy: 'Always',
        conditions: [condition('Failure', 'False')],
      }),
    ).toMatchObject({ state: 'Running', severity: 'ok' });
  });

  it('flags a running VM whose resize waits for a restart', () => {
    expect(
      deriveVmState({
        existsOnCluster: true,
        printableStatus: 'Running',
        runStrategy: 'Always',
        conditions: [
          condition('Ready', 'True'),
          condition('RestartRequired', 'True'),
        ],
      }),
    ).toEqual({
      state: 'Running',
      reason: 'RestartRequired',
      matchesDesired: false,
      severity: 'warning',
      label: 'Running; restart required to apply changes',
    });
  });

  it('keeps an unrecognised printableStatus as the reason of Unknown', () => {
    expect(
      deriveVmState({
        existsOnCluster: true,
        printableStatus: 'Hibernating',
        runStrategy: 'Always',
      }),
    ).toEqual({
      state: 'Unknown',
      reason: 'Hibernating',
      matchesDesired: false,
      severity: 'unknown',
      label: 'Unknown: Hibernating',
    });
  });
});

describe('deriveVmState: no printableStatus (older KubeVirt, or not reconciled yet)', () => {
  it.each<
    [
      string,
      Omit<VmStateInput, 'existsOnCluster' | 'runStrategy'>,
      string,
      string,
    ]
  >([
    [
      'Ready True',
      { conditions: [condition('Ready', 'True')] },
      'Running',
      'Running',
    ],
    [
      'Paused True',
      { conditions: [condition('Ready', 'True'), condition('Paused', 'True')] },
      'Paused',
      'Paused; Git says Always',
    ],
    [
      'Ready False with a VMI',
      { created: true, conditions: [condition('Ready', 'False')] },
      'Starting',
      'Starting',
    ],
    [
      'Ready False without a VMI',
      { conditions: [condition('Ready', 'False')] },
      'Stopped',
      'Drift: stopped but Git says Always',
    ],
    [
      'VMI phase Scheduling',
      { vmiPhase: 'Scheduling' },
      'Starting',
      'Starting',
    ],
    ['VMI phase Running', { vmiPhase: 'Running' }, 'Running', 'Running'],
    ['VMI phase Failed', { vmiPhase: 'Failed' }, 'Error', 'Error: VMIFailed'],
    ['VMI phase Unknown', { vmiPhase: 'Unknown' }, 'Unknown', 'Unknown'],
    [
      'nothing at all',
      {},
      'Pending',
      'Waiting for KubeVirt to report a status',
    ],
  ])('%s → %s', (_case, input, state, label) => {
    expect(
      deriveVmState({ existsOnCluster: true, runStrategy: 'Always', ...input }),
    ).toMatchObject({ state, label });
  });
});

describe('resolveDesiredRunStrategy', () => {
  it.each<[{ runStrategy?: string; running?: boolean }, string | undefined]>([
    [{ runStrategy: 'Always' }, 'Always'],
    [{ runStrategy: 'Halted', running: true }, 'Halted'],
    [{ running: true }, 'Always'],
    [{ running: false }, 'Halted'],
    [{ runStrategy: 'Sometimes' }, undefined],
    [{}, undefined],
  ])('%j → %s', (spec, expected) => {
    expect(resolveDesiredRunStrategy(spec)).toBe(expected);
  });
});

describe('deriveVmState: the cluster is not available', () => {
  it.each<[string, Partial<VmStateInput>, DerivedVmState]>([
    [
      'unreachable, the VM not seen (ArgoCD cannot reach the cluster)',
      {
        existsOnCluster: false,
        syncStatus: 'Unknown',
        clusterAvailability: 'unreachable',
      },
      {
        state: 'Unknown',
        reason: 'ClusterUnreachable',
        matchesDesired: false,
        severity: 'unknown',
        label: 'Unknown: cluster unreachable',
      },
    ],
    [
      'unavailable, the VM last seen running',
      {
        existsOnCluster: true,
        runStrategy: 'Always',
        printableStatus: 'Running',
        syncStatus: 'Synced',
        clusterAvailability: 'unavailable',
      },
      {
        state: 'Unknown',
        reason: 'ClusterUnavailable',
        matchesDesired: false,
        severity: 'unknown',
        label: 'Unknown: cluster unavailable (last seen: Running)',
      },
    ],
    [
      'not joined',
      { existsOnCluster: false, clusterAvailability: 'not-joined' },
      {
        state: 'Unknown',
        reason: 'ClusterNotJoined',
        matchesDesired: false,
        severity: 'unknown',
        label: 'Unknown: cluster not joined',
      },
    ],
    [
      'unreachable, but the change still waits for its pull request',
      {
        existsOnCluster: false,
        pullRequestOpen: true,
        inGit: false,
        clusterAvailability: 'unreachable',
      },
      {
        state: 'Pending',
        reason: 'PullRequestOpen',
        matchesDesired: false,
        severity: 'progress',
        label: 'Pending merge',
      },
    ],
  ])('%s', (_name, input, expected) => {
    expect(
      deriveVmState({ existsOnCluster: false, ...input } as VmStateInput),
    ).toEqual(expected);
  });

  it('changes nothing on an available cluster', () => {
    const input: VmStateInput = {
      existsOnCluster: true,
      runStrategy: 'Halted',
      printableStatus: 'Stopped',
      syncStatus: 'Synced',
    };
    expect(
      deriveVmState({ ...input, clusterAvailability: 'available' }),
    ).toEqual(deriveVmState(input));
    expect(deriveVmState(input).label).toBe('Stopped as declared');
  });
});
