import type {
  VmPullRequest,
  VmStatusResponse,
} from '@internal/plugin-kubevirt-gitops-common';
import { useMemo, useRef } from 'react';

/** The source of the backend's GitHub errors (its pull request reader). */
export const GITHUB_SOURCE = 'github';

/** What the tab shows of the open pull requests. */
export interface ShownPullRequests {
  /** The answer, with the pull requests to show. */
  status: VmStatusResponse;
  /**
   * Set when GitHub did not answer and the pull requests are the last ones
   * this tab saw: when they were read.
   */
  pullRequestsAsOf?: Date;
}

/**
 * While GitHub does not answer, the backend's answer has a `github` error
 * and either the last list GitHub gave (with `pullRequestsAsOf`) or none:
 * then keep showing the last ones this tab saw for the same entity, with
 * their time, rather than none.
 */
export function useLastPullRequests(
  status: VmStatusResponse | undefined,
  updatedAt: Date | undefined,
): ShownPullRequests | undefined {
  const last = useRef<
    { entityRef: string; pullRequests: VmPullRequest[]; at?: Date } | undefined
  >(undefined);
  return useMemo(() => {
    if (!status) return undefined;
    const githubFailed = status.errors.some(
      error => error.source === GITHUB_SOURCE,
    );
    if (!githubFailed) {
      last.current = {
        entityRef: status.entityRef,
        pullRequests: status.pullRequests,
        at: updatedAt,
      };
      return { status };
    }
    // the backend kept GitHub's last list for us, and says from when
    if (status.pullRequestsAsOf && status.pullRequests.length > 0) {
      return {
        status,
        pullRequestsAsOf: new Date(status.pullRequestsAsOf),
      };
    }
    const kept = last.current;
    if (
      status.pullRequests.length === 0 &&
      kept?.entityRef === status.entityRef &&
      kept.pullRequests.length > 0
    ) {
      return {
        status: { ...status, pullRequests: kept.pullRequests },
        pullRequestsAsOf: kept.at,
      };
    }
    return { status };
  }, [status, updatedAt]);
}
