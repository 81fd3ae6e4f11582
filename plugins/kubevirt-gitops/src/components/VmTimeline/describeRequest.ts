import type {
  VmOperation,
  VmTimelineRequest,
  VmTimelineStep,
} from '@internal/plugin-kubevirt-gitops-common';

/** One cluster of a request: when ArgoCD synced it, when the VM got there, or why not. */
export interface TimelineCluster {
  cluster: string;
  synced?: Date;
  reached?: { at: Date; state: string };
  failed?: { at: Date; reason: string };
}

/** A request as the timeline shows it. */
export interface TimelineView {
  number: number;
  url: string;
  title: string;
  repo: string;
  operation?: string;
  requester?: string;
  declaredState: string;
  opened?: Date;
  merged?: Date;
  closed?: Date;
  completed?: Date;
  clusters: TimelineCluster[];
  /** Where it stands, in words. */
  summary: string;
  tone: 'ok' | 'progress' | 'error' | 'neutral';
}

const OPERATION_WORDS: Record<VmOperation, string> = {
  create: 'Create',
  'set-run-strategy': 'Start/stop',
  resize: 'Resize',
  decommission: 'Decommission',
};

const at = (step: VmTimelineStep) => new Date(step.at);

/** The last step of a kind (a step seen again, e.g. after a resync, counts as its latest time). */
function lastOf(
  steps: readonly VmTimelineStep[],
  kind: VmTimelineStep['step'],
  cluster?: string,
): VmTimelineStep | undefined {
  let found: VmTimelineStep | undefined;
  for (const step of steps) {
    if (
      step.step === kind &&
      (cluster === undefined || step.cluster === cluster)
    ) {
      found = step;
    }
  }
  return found;
}

function clusterOf(
  request: VmTimelineRequest,
  cluster: string,
): TimelineCluster {
  const synced = lastOf(request.steps, 'synced', cluster);
  const reached = lastOf(request.steps, 'reached', cluster);
  const failed = lastOf(request.steps, 'failed', cluster);
  const view: TimelineCluster = { cluster };
  if (synced) view.synced = at(synced);
  if (reached) {
    view.reached = {
      at: at(reached),
      state: reached.detail ?? request.declaredState ?? 'reached',
    };
  }
  // a failure after the VM got there (or with no success) is where it stands
  if (failed && (!reached || at(failed) > at(reached))) {
    view.failed = { at: at(failed), reason: failed.detail ?? 'failed' };
    delete view.reached;
  }
  return view;
}

/** The request's steps, arranged: the pull request's, then one line per cluster. */
export function describeRequest(request: VmTimelineRequest): TimelineView {
  const clusterNames = [
    ...new Set([
      ...request.clusters,
      ...request.steps.flatMap(s => (s.cluster ? [s.cluster] : [])),
    ]),
  ].sort();
  const clusters = clusterNames.map(name => clusterOf(request, name));
  const opened = lastOf(request.steps, 'opened');
  const merged = lastOf(request.steps, 'merged');
  const closed = lastOf(request.steps, 'closed');
  const completed = lastOf(request.steps, 'completed');
  const declaredState = request.declaredState ?? 'Running';
  const failed = clusters.filter(c => c.failed);
  const reached = clusters.filter(c => c.reached);

  let summary: string;
  let tone: TimelineView['tone'];
  if (failed.length > 0) {
    summary = `Failed on ${failed.map(c => c.cluster).join(', ')}`;
    tone = 'error';
  } else if (completed) {
    summary = `${declaredState} on every cluster`;
    tone = 'ok';
  } else if (closed && !merged) {
    summary = 'Closed without merge';
    tone = 'neutral';
  } else if (merged) {
    summary =
      clusters.length > 0
        ? `Merged; ${declaredState} on ${reached.length} of ${clusters.length} clusters`
        : 'Merged; waiting for ArgoCD';
    tone = 'progress';
  } else {
    summary = 'Open, waiting for review';
    tone = 'progress';
  }

  return {
    number: request.pullRequest.number,
    url: request.pullRequest.url,
    title:
      request.pullRequest.title ??
      `Pull request #${request.pullRequest.number}`,
    repo: request.pullRequest.repo,
    operation: request.operation
      ? OPERATION_WORDS[request.operation]
      : undefined,
    requester: request.requester,
    declaredState,
    opened: opened ? at(opened) : undefined,
    merged: merged ? at(merged) : undefined,
    closed: closed ? at(closed) : undefined,
    completed: completed ? at(completed) : undefined,
    clusters,
    summary,
    tone,
  };
}
