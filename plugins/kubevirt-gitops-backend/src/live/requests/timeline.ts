/*
 * The route's answer (common's VmTimelineResponse) from the stored
 * requests and steps: newest request first, each request's steps oldest
 * first (the order they happened; per cluster, synced before reached).
 */
import type {
  VmTimelineRequest,
  VmTimelineResponse,
  VmTimelineStep,
  VmTimelineStepKind,
} from '@internal/plugin-kubevirt-gitops-common';
import type { StoredStep, TrackedRequest } from './RequestStore';

const ORDER: Record<VmTimelineStepKind, number> = {
  opened: 0,
  merged: 1,
  closed: 1,
  synced: 2,
  failed: 3,
  reached: 3,
  completed: 4,
};

/** Times compare as instants: GitHub's `…:05Z` is before `…:05.123Z`, though not as text. */
function byTime(a: StoredStep, b: StoredStep): number {
  return (
    Date.parse(a.at) - Date.parse(b.at) ||
    ORDER[a.step] - ORDER[b.step] ||
    a.cluster.localeCompare(b.cluster)
  );
}

/** Builds the answer. */
export function toTimeline(
  entityRef: string,
  requests: readonly TrackedRequest[],
  steps: readonly StoredStep[],
): VmTimelineResponse {
  return {
    entityRef,
    requests: requests.map((request): VmTimelineRequest => {
      const own = steps
        .filter(step => step.requestId === request.id)
        .sort(byTime)
        .map(
          (step): VmTimelineStep => ({
            step: step.step,
            at: step.at,
            ...(step.cluster ? { cluster: step.cluster } : {}),
            ...(step.detail ? { detail: step.detail } : {}),
          }),
        );
      return {
        pullRequest: {
          number: request.pullRequest.number,
          url: request.pullRequest.url,
          title: request.pullRequest.title,
          repo: request.repository,
        },
        operation: request.operation,
        ...(request.requester ? { requester: request.requester } : {}),
        clusters: request.clusters ?? [],
        ...(request.declaredState
          ? { declaredState: request.declaredState }
          : {}),
        steps: own,
      };
    }),
  };
}
