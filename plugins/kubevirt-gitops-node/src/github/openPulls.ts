/*
 * Open pull requests of the product for one VM (branches
 * `kubevirt-gitops/<operation>/<vm>` of the GitOps repository itself), and
 * the request fingerprint each carries in its body.
 */
import type { GitopsRepository } from '@internal/plugin-kubevirt-gitops-common';
import type { GithubClient } from './githubClient';
import { callGithub, type GithubCallContext } from './githubErrors';

const BRANCH = /^kubevirt-gitops\/([a-z-]+)\/([a-z0-9-]+)$/;
const FINGERPRINT = /<!-- kubevirt-gitops:request=([0-9a-f]{16,64}) -->/;
const PAGE_SIZE = 100;

/**
 * An open pull request the product opened for a VM.
 *
 * @public
 */
export interface OpenVmPull {
  number: number;
  url: string;
  title: string;
  branch: string;
  operation: string;
  /** The request fingerprint in its body, if any. */
  fingerprint?: string;
  labels: string[];
  reviewers: string[];
  teamReviewers: string[];
}

/** The marker that carries a request's fingerprint in a pull request body. */
export function fingerprintMarker(fingerprint: string): string {
  return `<!-- kubevirt-gitops:request=${fingerprint} -->`;
}

/** Lists the open pull requests of `vm` (every page). */
export async function listOpenVmPulls(
  client: GithubClient,
  repository: GitopsRepository,
  vm: string,
  context: GithubCallContext,
): Promise<OpenVmPull[]> {
  const result: OpenVmPull[] = [];
  const fullName = `${repository.owner}/${repository.repo}`.toLowerCase();
  for (let page = 1; ; page++) {
    const { data } = await callGithub(context, () =>
      client.rest.pulls.list({
        owner: repository.owner,
        repo: repository.repo,
        state: 'open',
        per_page: PAGE_SIZE,
        page,
      }),
    );
    for (const pull of data) {
      const match = BRANCH.exec(pull.head.ref);
      if (!match || match[2] !== vm || pull.head.repo?.full_name.toLowerCase() !== fullName) continue;
      result.push({
        number: pull.number,
        url: pull.html_url,
        title: pull.title,
        branch: pull.head.ref,
        operation: match[1],
        fingerprint: FINGERPRINT.exec(pull.body ?? '')?.[1],
        labels: pull.labels.map(label => label.name ?? '').filter(Boolean),
        reviewers: (pull.requested_reviewers ?? []).map(user => user.login),
        teamReviewers: (pull.requested_teams ?? []).map(team => team.slug),
      });
    }
    if (data.length < PAGE_SIZE) return result;
  }
}
