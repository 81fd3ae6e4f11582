/*
 * Opening the pull request (or finding the one a lost response already
 * opened), and its labels and reviewers in one parallel round trip.
 */
import { ConflictError } from '@backstage/errors';
import type { GitopsRepository } from '@internal/plugin-kubevirt-gitops-common';
import type { GithubClient } from './githubClient';
import {
  callGithub,
  githubMessage,
  githubStatus,
  toActionableError,
  type GithubCallContext,
} from './githubErrors';
import { listOpenVmPulls, type OpenVmPull } from './openPulls';

interface PullTarget {
  client: GithubClient;
  repository: GitopsRepository;
  baseBranch: string;
  context: (action: string) => GithubCallContext;
}

/** The pull request of a change (a JSON value: it is stored by checkpoints). */
export type OpenedPull = {
  number: number;
  url: string;
};

/** Opens the pull request; if one is already open for the branch (a lost response), returns it. */
export async function openPull(
  target: PullTarget,
  options: {
    vm: string;
    branch: string;
    title: string;
    body: string;
    fingerprint: string;
  },
): Promise<OpenedPull> {
  const { owner, repo } = target.repository;
  try {
    const { data } = await target.client.rest.pulls.create({
      owner,
      repo,
      title: options.title,
      body: options.body,
      head: options.branch,
      base: target.baseBranch,
      maintainer_can_modify: true,
    });
    return { number: data.number, url: data.html_url };
  } catch (error) {
    if (
      githubStatus(error) !== 422 ||
      !/already exists/i.test(githubMessage(error))
    ) {
      throw toActionableError(
        error,
        target.context('opening the pull request'),
      );
    }
  }
  const existing = (
    await listOpenVmPulls(
      target.client,
      target.repository,
      options.vm,
      options.branch,
      target.context('finding the open pull request'),
    )
  ).find(pull => pull.branch === options.branch);
  if (!existing || existing.fingerprint !== options.fingerprint) {
    throw new ConflictError(
      `GitHub says a pull request from ${options.branch} is already open${
        existing ? ` (#${existing.number} ${existing.url})` : ''
      }, for a different request. Merge or close it first.`,
    );
  }
  return { number: existing.number, url: existing.url };
}

/** What a pull request should carry. */
export interface PullDecoration {
  labels: string[];
  reviewers: string[];
  teamReviewers: string[];
}

/**
 * Adds the labels and requests the reviewers the pull request does not
 * have yet (both calls at once). A reviewer GitHub refuses (not a
 * collaborator, the author) is a warning, not a failure: the pull request
 * is open and reviewable.
 */
export async function decoratePull(
  target: PullTarget,
  pull: OpenedPull,
  wanted: PullDecoration,
  existing?: Pick<OpenVmPull, 'labels' | 'reviewers' | 'teamReviewers'>,
): Promise<string[]> {
  const { owner, repo } = target.repository;
  const labels = wanted.labels.filter(
    label => !existing?.labels.includes(label),
  );
  const reviewers = wanted.reviewers.filter(
    login => !existing?.reviewers.includes(login),
  );
  const teamReviewers = wanted.teamReviewers.filter(
    team => !existing?.teamReviewers.includes(team),
  );
  const warnings: string[] = [];
  await Promise.all([
    labels.length > 0
      ? callGithub(target.context('labelling the pull request'), () =>
          target.client.rest.issues.addLabels({
            owner,
            repo,
            issue_number: pull.number,
            labels,
          }),
        )
      : undefined,
    reviewers.length + teamReviewers.length > 0
      ? target.client.rest.pulls
          .requestReviewers({
            owner,
            repo,
            pull_number: pull.number,
            reviewers,
            team_reviewers: teamReviewers,
          })
          .catch(error => {
            if (githubStatus(error) !== 422) {
              throw toActionableError(
                error,
                target.context('requesting reviewers'),
              );
            }
            warnings.push(
              `GitHub did not request the reviewers ${[
                ...reviewers,
                ...teamReviewers.map(team => `@${owner}/${team}`),
              ].join(', ')} on #${pull.number}: ${githubMessage(
                error,
              )}. Check kubevirtGitops.gitops.environments[].reviewers/teamReviewers: they must be collaborators (teams with access) and not the pull request's author.`,
            );
          })
      : undefined,
  ]);
  return warnings;
}
