/*
 * Requested reviewers: users (who must be known collaborators, and not the
 * author) and teams (of the repository's organisation).
 */
import { unprocessable } from '../http/errors';
import { bodyObject, optionalStringArray } from '../http/input';
import { simpleUser, teamSimple } from '../json/accounts';
import { pullRequestSimpleJson } from '../json/pulls';
import { REPO, json, pullOf, repoOf } from './common';
import type { ApiRequest, GithubContext, Route } from '../http/route';
import type { PullRecord, RepoRecord, TeamRecord } from '../model';

function addUnique(list: string[], values: string[]): void {
  for (const value of values) {
    if (!list.some(existing => existing.toLowerCase() === value.toLowerCase()))
      list.push(value);
  }
}

function requestReviewers(request: ApiRequest, context: GithubContext) {
  const { model } = context;
  const repo = repoOf(request, context);
  const pull = pullOf(repo, request.params[2]);
  const body = bodyObject(request.body);
  const reviewers = optionalStringArray(body, 'reviewers') ?? [];
  const teams = optionalStringArray(body, 'team_reviewers') ?? [];
  if (
    reviewers.some(login => login.toLowerCase() === pull.author.toLowerCase())
  ) {
    throw unprocessable('Review cannot be requested from pull request author.');
  }
  const unknownUser = reviewers.some(login => !model.isKnownUser(login));
  const unknownTeam = teams.some(slug => !model.team(repo.owner.login, slug));
  if (unknownUser || unknownTeam) {
    throw unprocessable(
      `Reviews may only be requested from collaborators. One or more of the users or teams you specified is not a collaborator of the ${repo.owner.login}/${repo.name} repository.`,
    );
  }
  addUnique(
    pull.requestedReviewers,
    reviewers.map(login => model.account(login).login),
  );
  addUnique(
    pull.requestedTeams,
    teams.map(slug => model.team(repo.owner.login, slug)?.slug ?? slug),
  );
  pull.updatedAt = model.timestamp();
  return json(201, pullRequestSimpleJson(context, repo, pull));
}

function removeReviewers(request: ApiRequest, context: GithubContext) {
  const repo = repoOf(request, context);
  const pull = pullOf(repo, request.params[2]);
  const body = bodyObject(request.body);
  const reviewers = (optionalStringArray(body, 'reviewers') ?? []).map(login =>
    login.toLowerCase(),
  );
  const teams = (optionalStringArray(body, 'team_reviewers') ?? []).map(slug =>
    slug.toLowerCase(),
  );
  pull.requestedReviewers = pull.requestedReviewers.filter(
    login => !reviewers.includes(login.toLowerCase()),
  );
  pull.requestedTeams = pull.requestedTeams.filter(
    slug => !teams.includes(slug.toLowerCase()),
  );
  pull.updatedAt = context.model.timestamp();
  return json(200, pullRequestSimpleJson(context, repo, pull));
}

function requestedTeams(
  context: GithubContext,
  repo: RepoRecord,
  pull: PullRecord,
): TeamRecord[] {
  return pull.requestedTeams
    .map(slug => context.model.team(repo.owner.login, slug))
    .filter((team): team is TeamRecord => team !== undefined);
}

export const reviewerRoutes: Route[] = [
  {
    method: 'POST',
    pattern: new RegExp(`${REPO}/pulls/(\\d+)/requested_reviewers$`),
    docs: 'pulls/review-requests#request-reviewers-for-a-pull-request',
    handle: requestReviewers,
  },
  {
    method: 'DELETE',
    pattern: new RegExp(`${REPO}/pulls/(\\d+)/requested_reviewers$`),
    docs: 'pulls/review-requests#remove-requested-reviewers-from-a-pull-request',
    handle: removeReviewers,
  },
  {
    method: 'GET',
    pattern: new RegExp(`${REPO}/pulls/(\\d+)/requested_reviewers$`),
    docs: 'pulls/review-requests#get-all-requested-reviewers-for-a-pull-request',
    handle(request, context) {
      const repo = repoOf(request, context);
      const pull = pullOf(repo, request.params[2]);
      return json(200, {
        users: pull.requestedReviewers.map(login =>
          simpleUser(context, context.model.account(login)),
        ),
        teams: requestedTeams(context, repo, pull).map(team =>
          teamSimple(context, team),
        ),
      });
    },
  },
];
