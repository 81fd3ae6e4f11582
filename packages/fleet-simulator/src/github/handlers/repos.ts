/*
 * The authenticated user, repositories, commits (list, get, combined
 * status) and the tarball redirect.
 */
import { log } from '../../git/history';
import { GithubApiError } from '../http/errors';
import { pageOf } from '../http/input';
import { pagedResponse } from '../http/route';
import { privateUser } from '../json/accounts';
import { combinedStatusJson, commitJson } from '../json/commits';
import { fullRepositoryJson } from '../json/repository';
import { encodePath } from '../urls';
import { REPO, commitOf, json, repoOf } from './common';
import type { Route } from '../http/route';
import type { RepoRecord } from '../model';

/** Whether a commit changed `path` compared with its first parent. */
function touches(repo: RepoRecord, sha: string, path: string): boolean {
  const commit = repo.git.commit(sha);
  if (!commit) return false;
  const parent =
    commit.parents.length > 0 ? repo.git.commit(commit.parents[0]) : undefined;
  const now = repo.git.entryAt(commit.tree, path)?.sha;
  const before = parent ? repo.git.entryAt(parent.tree, path)?.sha : undefined;
  return now !== before;
}

export const repoRoutes: Route[] = [
  {
    method: 'GET',
    pattern: /^\/user$/,
    docs: 'users/users#get-the-authenticated-user',
    handle(_request, context) {
      return json(200, privateUser(context, context.model.viewer));
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`${REPO}$`),
    docs: 'repos/repos#get-a-repository',
    handle(request, context) {
      return json(200, fullRepositoryJson(context, repoOf(request, context)));
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`${REPO}/commits$`),
    docs: 'commits/commits#list-commits',
    handle(request, context) {
      const repo = repoOf(request, context);
      const ref = request.query.get('sha') || repo.defaultBranch;
      const start = repo.git.resolveCommit(ref);
      if (!start) throw new GithubApiError(404, 'Not Found');
      const path = request.query.get('path');
      let commits = log(repo.git, start);
      if (path) commits = commits.filter(sha => touches(repo, sha, path));
      return pagedResponse(
        context,
        request,
        pageOf(request.query),
        commits,
        sha => {
          const commit = repo.git.commit(sha);
          return commit ? commitJson(context, repo, sha, commit, false) : null;
        },
      );
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`${REPO}/commits/(.+)/status$`),
    docs: 'commits/statuses#get-the-combined-status-for-a-specific-reference',
    handle(request, context) {
      const repo = repoOf(request, context);
      const { sha } = commitOf(repo, request.params[2]);
      return json(200, combinedStatusJson(context, repo, sha));
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`${REPO}/commits/(.+)$`),
    docs: 'commits/commits#get-a-commit',
    handle(request, context) {
      const repo = repoOf(request, context);
      const ref = request.params[2];
      const sha = repo.git.resolveCommit(ref);
      const commit = sha ? repo.git.commit(sha) : undefined;
      if (!sha || !commit)
        throw new GithubApiError(422, `No commit found for SHA: ${ref}`);
      if (
        (request.headers.accept ?? '').includes('application/vnd.github.sha')
      ) {
        return {
          status: 200,
          raw: {
            data: Buffer.from(sha),
            contentType: 'application/vnd.github.sha; charset=utf-8',
          },
        };
      }
      return json(200, commitJson(context, repo, sha, commit, true));
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`${REPO}/tarball(?:/(.+))?$`),
    docs: 'repos/contents#download-a-repository-archive-tar',
    handle(request, context) {
      const repo = repoOf(request, context);
      const ref = request.params[2] || repo.defaultBranch;
      commitOf(repo, ref);
      const location = `${context.urls.web}/_codeload/${repo.owner.login}/${
        repo.name
      }/legacy.tar.gz/${encodePath(ref)}`;
      return { status: 302, headers: { location } };
    },
  },
];
