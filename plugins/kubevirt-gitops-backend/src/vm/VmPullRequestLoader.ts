/*
 * Loading pull requests: the open pull requests touching a VM's folder
 * (common's `vmFolderOf`: the entity's gitops-path, else the layout's
 * folder), bounded by GitHub's timeout. While GitHub fails, the last list
 * it gave for that folder is served with its time, as the fleet snapshot
 * keeps its last good data, so pending pull requests do not vanish from the
 * tab during an outage.
 */
import {
  vmFolderOf,
  type GitopsConfig,
  type UpstreamError,
  type VmAnnotations,
  type VmPullRequest,
} from '@internal/plugin-kubevirt-gitops-common';
import type { PullRequestReader } from '@internal/plugin-kubevirt-gitops-node';
import { toVmPullRequest } from '../github/toVmPullRequest';
import { settle } from '../upstream/concurrency';
import { toUpstreamError, type Redactor } from '../upstream/errors';
import { withDeadline } from './withDeadline';

/** What the loader needs. */
export interface VmPullRequestLoaderOptions {
  reader?: PullRequestReader;
  gitops?: Pick<GitopsConfig, 'layout'>;
  githubTimeoutMs: number;
  redact: Redactor;
  now: () => Date;
}

/** The pull requests of one VM, or why they are missing. */
export interface VmPullRequests {
  pulls: VmPullRequest[];
  error?: UpstreamError;
  /** Set when `pulls` is GitHub's last list, not its current one. */
  asOf?: string;
}

/** Loads a VM's open pull requests. */
export type VmPullRequestLoader = (
  annotations: VmAnnotations,
) => Promise<VmPullRequests>;

const LAST_PULLS_MAX = 2000;

/** Creates the loader. */
export function createVmPullRequestLoader(
  options: VmPullRequestLoaderOptions,
): VmPullRequestLoader {
  const { reader, redact, now } = options;
  const lastPulls = new Map<string, { at: string; pulls: VmPullRequest[] }>();

  return async annotations => {
    if (!reader) return { pulls: [] };
    const folder = vmFolderOf(options.gitops?.layout, annotations);
    const key = `${annotations.gitopsRepo ?? ''}#${folder}`;
    const stale = (error: UpstreamError): VmPullRequests => {
      const last = lastPulls.get(key);
      return last
        ? {
            pulls: last.pulls,
            asOf: last.at,
            error: {
              ...error,
              message: `${error.message} (showing pull requests from ${last.at})`,
            },
          }
        : { pulls: [], error };
    };
    const outcome = await withDeadline(
      settle(() => reader.touching(folder, annotations.gitopsRepo)),
      options.githubTimeoutMs + 100,
    );
    if (!outcome.done) {
      return stale({
        source: reader.source,
        kind: 'timeout',
        message: `GitHub did not answer within ${options.githubTimeoutMs} ms`,
      });
    }
    if (!outcome.value.ok) {
      return stale(toUpstreamError(reader.source, outcome.value.error, redact));
    }
    const pulls = outcome.value.value.map(toVmPullRequest);
    lastPulls.delete(key);
    lastPulls.set(key, { at: now().toISOString(), pulls });
    if (lastPulls.size > LAST_PULLS_MAX) {
      lastPulls.delete(lastPulls.keys().next().value as string);
    }
    return { pulls };
  };
}
