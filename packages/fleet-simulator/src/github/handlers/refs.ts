/*
 * Git references: get, list by prefix, create, move (fast-forward unless
 * forced) and delete.
 */
import { isAncestor } from '../../git/history';
import { unprocessable, notFound } from '../http/errors';
import { bodyObject, optionalBoolean, requiredString } from '../http/input';
import { gitRefJson } from '../json/git';
import { REPO, json, repoOf } from './common';
import type { ApiResponse, GithubContext, Route } from '../http/route';
import type { RepoRecord } from '../model';

function refList(context: GithubContext, repo: RepoRecord, prefix: string) {
  return repo.git
    .listRefs(prefix)
    .map(({ ref, sha }) => gitRefJson(context, repo, ref, sha));
}

function isValidRefName(ref: string): boolean {
  return (
    /^refs\/[^/]+\/.+/.test(ref) &&
    !/(\.\.|\/\/|@\{|[\s~^:?*[\\]|\.lock$|\/$|\.$)/.test(ref)
  );
}

/** Closes open pull requests whose head branch was deleted, as GitHub does. */
function closePullsFromDeletedBranch(
  context: GithubContext,
  repo: RepoRecord,
  fullRef: string,
) {
  if (!fullRef.startsWith('refs/heads/')) return;
  const branch = fullRef.slice('refs/heads/'.length);
  const now = context.model.timestamp();
  for (const pull of repo.pulls.values()) {
    if (pull.state === 'open' && pull.headRef === branch) {
      pull.state = 'closed';
      pull.closedAt = now;
      pull.updatedAt = now;
    }
  }
}

export const refRoutes: Route[] = [
  {
    method: 'GET',
    pattern: new RegExp(`${REPO}/git/ref/(.+)$`),
    docs: 'git/refs#get-a-reference',
    handle(request, context) {
      const repo = repoOf(request, context);
      const fullRef = `refs/${request.params[2]}`;
      const sha = repo.git.getRef(fullRef);
      if (!sha) throw notFound();
      return json(200, gitRefJson(context, repo, fullRef, sha));
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`${REPO}/git/matching-refs/(.*)$`),
    docs: 'git/refs#list-matching-references',
    handle(request, context) {
      const repo = repoOf(request, context);
      return json(200, refList(context, repo, `refs/${request.params[2]}`));
    },
  },
  {
    // The older listing form: an exact ref gives one object, a prefix gives a list.
    method: 'GET',
    pattern: new RegExp(`${REPO}/git/refs(?:/(.*))?$`),
    docs: 'git/refs#get-a-reference',
    handle(request, context) {
      const repo = repoOf(request, context);
      const fullRef = request.params[2] ? `refs/${request.params[2]}` : 'refs/';
      const sha = repo.git.getRef(fullRef);
      if (sha) return json(200, gitRefJson(context, repo, fullRef, sha));
      const list = refList(context, repo, fullRef);
      if (list.length === 0) throw notFound();
      return json(200, list);
    },
  },
  {
    method: 'POST',
    pattern: new RegExp(`${REPO}/git/refs$`),
    docs: 'git/refs#create-a-reference',
    handle(request, context): ApiResponse {
      const repo = repoOf(request, context);
      const body = bodyObject(request.body);
      const ref = requiredString(body, 'ref');
      const sha = requiredString(body, 'sha');
      if (!isValidRefName(ref)) {
        throw unprocessable(`${ref} is not a valid ref name.`);
      }
      if (!repo.git.has(sha)) throw unprocessable('Object does not exist');
      if (repo.git.getRef(ref)) throw unprocessable('Reference already exists');
      context.model.updateRef(repo, ref, sha);
      return {
        status: 201,
        body: gitRefJson(context, repo, ref, sha),
        headers: {
          location: `${context.urls.repoApi(
            repo.owner.login,
            repo.name,
          )}/git/${ref}`,
        },
      };
    },
  },
  {
    method: 'PATCH',
    pattern: new RegExp(`${REPO}/git/refs/(.+)$`),
    docs: 'git/refs#update-a-reference',
    handle(request, context) {
      const repo = repoOf(request, context);
      const body = bodyObject(request.body);
      const sha = requiredString(body, 'sha');
      const force = optionalBoolean(body, 'force') ?? false;
      const fullRef = `refs/${request.params[2]}`;
      const current = repo.git.getRef(fullRef);
      if (!current) throw unprocessable('Reference does not exist');
      if (!repo.git.has(sha)) throw unprocessable('Object does not exist');
      const isBranch = fullRef.startsWith('refs/heads/');
      if (isBranch && !repo.git.commit(sha))
        throw unprocessable('Object does not exist');
      if (isBranch && !force && !isAncestor(repo.git, current, sha)) {
        throw unprocessable('Update is not a fast forward');
      }
      context.model.updateRef(repo, fullRef, sha);
      return json(200, gitRefJson(context, repo, fullRef, sha));
    },
  },
  {
    method: 'DELETE',
    pattern: new RegExp(`${REPO}/git/refs/(.+)$`),
    docs: 'git/refs#delete-a-reference',
    handle(request, context) {
      const repo = repoOf(request, context);
      const fullRef = `refs/${request.params[2]}`;
      if (fullRef === `refs/heads/${repo.defaultBranch}`) {
        throw unprocessable('Cannot delete the default branch');
      }
      if (!context.model.store.deleteRef(repo.git, fullRef)) {
        throw unprocessable('Reference does not exist');
      }
      closePullsFromDeletedBranch(context, repo, fullRef);
      return { status: 204 };
    },
  },
];
