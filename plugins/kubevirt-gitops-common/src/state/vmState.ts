/*
 * Derived VM state: what the VM is doing on a cluster (vmObservation.ts),
 * judged against what Git asks for (vmDesire.ts), then adjusted for failure
 * conditions and for where the change is in the GitOps loop (pull request
 * open, in Git, synced). ArgoCD's own VM health is not enough: it never
 * reports Degraded and calls a deliberately stopped VM Suspended.
 */
import { desire, judge } from './vmDesire';
import { findCondition, isTrue, observe } from './vmObservation';
import type { ClusterAvailability } from './clusterAvailability';
import type { DerivedVmState, VmStateInput } from './vmStateTypes';

const CLUSTER_NOT_AVAILABLE: Record<
  Exclude<ClusterAvailability, 'available'>,
  { reason: string; words: string }
> = {
  unreachable: { reason: 'ClusterUnreachable', words: 'cluster unreachable' },
  unavailable: { reason: 'ClusterUnavailable', words: 'cluster unavailable' },
  'not-joined': { reason: 'ClusterNotJoined', words: 'cluster not joined' },
  'awaiting-acceptance': {
    reason: 'ClusterAwaitingAcceptance',
    words: 'cluster awaiting acceptance',
  },
  deleting: { reason: 'ClusterDeleting', words: 'cluster being deleted' },
};

/**
 * On a cluster that is not available, the state is Unknown: ArgoCD's view
 * of it is stale (or empty), so neither "Missing" nor "Running" would be
 * true. What was last seen is kept in the label. A change still waiting for
 * its pull request stays "Pending merge": that does not depend on the
 * cluster.
 *
 * @public
 */
export function applyClusterAvailability(
  derived: DerivedVmState,
  availability: ClusterAvailability | undefined,
): DerivedVmState {
  if (availability === undefined || availability === 'available') {
    return derived;
  }
  if (derived.reason === 'PullRequestOpen') return derived;
  const { reason, words } = CLUSTER_NOT_AVAILABLE[availability];
  // Pending, Missing and Unknown say nothing about what was on the cluster.
  const seen = !['Pending', 'Missing', 'Unknown'].includes(derived.state);
  const lastSeen = seen ? ` (last seen: ${derived.label})` : '';
  return {
    state: 'Unknown',
    reason,
    matchesDesired: false,
    severity: 'unknown',
    label: `Unknown: ${words}${lastSeen}`,
  };
}

/** Failure conditions turn a state into an error; RestartRequired flags pending changes. */
function applyConditions(
  derived: DerivedVmState,
  input: VmStateInput,
): DerivedVmState {
  if (
    derived.state === 'Error' ||
    (derived.state === 'Stopped' && derived.matchesDesired)
  ) {
    return derived;
  }
  const failure = [
    findCondition(input.conditions, 'Failure'),
    findCondition(input.conditions, 'ManualRecoveryRequired'),
  ].find(isTrue);
  if (failure) {
    const reason = failure.reason || failure.type;
    return {
      state: 'Error',
      reason,
      matchesDesired: false,
      severity: 'error',
      label: `Error: ${reason}`,
    };
  }
  if (
    derived.state === 'Running' &&
    derived.matchesDesired &&
    isTrue(findCondition(input.conditions, 'RestartRequired'))
  ) {
    return {
      ...derived,
      reason: 'RestartRequired',
      matchesDesired: false,
      severity: 'warning',
      label: 'Running; restart required to apply changes',
    };
  }
  return derived;
}

/** Where the change is in the GitOps loop: removed from Git, or not yet synced. */
function applyGitops(
  derived: DerivedVmState,
  input: VmStateInput,
): DerivedVmState {
  if (input.inGit === false) {
    if (derived.state === 'Stopping' && derived.reason === 'Terminating') {
      return {
        ...derived,
        reason: 'NotInGit',
        matchesDesired: true,
        label: 'Being removed (not in Git)',
      };
    }
    return {
      ...derived,
      reason: 'NotInGit',
      matchesDesired: false,
      severity: derived.severity === 'error' ? 'error' : 'warning',
      label: `${derived.label}; removed from Git, waiting for prune`,
    };
  }
  if (
    input.syncStatus === 'OutOfSync' &&
    derived.severity === 'warning' &&
    !derived.matchesDesired
  ) {
    return {
      ...derived,
      reason: 'OutOfSync',
      severity: 'progress',
      label: derived.label.replace(/^Drift: /, 'Pending sync: '),
    };
  }
  return derived;
}

/** The VM is not on the cluster: pending (PR, Git), removed, or missing. */
function deriveAbsent(input: VmStateInput): DerivedVmState {
  if (input.pullRequestOpen && input.inGit !== true) {
    return {
      state: 'Pending',
      reason: 'PullRequestOpen',
      matchesDesired: false,
      severity: 'progress',
      label: 'Pending merge',
    };
  }
  if (input.inGit === false) {
    return {
      state: 'Missing',
      reason: 'NotInGit',
      matchesDesired: true,
      severity: 'ok',
      label: 'Removed (not in Git)',
    };
  }
  if (input.syncStatus === 'Synced') {
    return {
      state: 'Missing',
      matchesDesired: false,
      severity: 'warning',
      label: 'Missing: in Git but not on the cluster',
    };
  }
  if (input.inGit === true || input.syncStatus === 'OutOfSync') {
    return {
      state: 'Pending',
      reason: 'OutOfSync',
      matchesDesired: false,
      severity: 'progress',
      label: 'Pending sync',
    };
  }
  return {
    state: 'Missing',
    matchesDesired: false,
    severity: 'warning',
    label: 'Not found on the cluster',
  };
}

/**
 * Derives the state of one VM on one cluster, whether it matches what Git
 * asks for, and the words and severity to show. Pure.
 *
 * A VM stopped as declared (`Halted`) is healthy; one running although Git
 * says `Halted` is drift (or "pending sync" while the Application is
 * OutOfSync); `Manual` accepts running and stopped alike.
 *
 * @public
 */
export function deriveVmState(input: VmStateInput): DerivedVmState {
  return applyClusterAvailability(
    deriveOnCluster(input),
    input.clusterAvailability,
  );
}

function deriveOnCluster(input: VmStateInput): DerivedVmState {
  if (!input.existsOnCluster) {
    return deriveAbsent(input);
  }
  const wanted = desire(input);
  let observed = observe(input);
  if (observed.activity === 'noStatus' && wanted.intent === 'halt') {
    // KubeVirt has written no status, and Git asks for no VM to run: a
    // Halted VM never started has nothing to report. ArgoCD (PR #29664)
    // calls it Healthy "Stopped as declared" too.
    observed = { state: 'Stopped', activity: 'down' };
  }
  const judged = judge(observed, wanted);
  const derived = applyGitops(applyConditions(judged, input), input);
  if (derived.reason === undefined) {
    const { state, matchesDesired, label, severity } = derived;
    return { state, matchesDesired, label, severity };
  }
  return derived;
}
