/*
 * Pull requests: create, list (state/head/base filters, sorting, pages),
 * get, update, files and commits.
 */
import { isAncestor } from '../../git/history';
import { validationFailed } from '../http/errors';
import {
  bodyObject,
  optionalBoolean,
  optionalEnum,
  optionalString,
  pageOf,
  requiredString,
} from '../http/input';
import { pagedResponse } from '../http/route';
import { commitJson } from '../json/commits';
import {
  diffEntryJson,
  pullRequestJson,
  pullRequestSimpleJson,
} from '../json/pulls';
import { analysePull, refreshPull } from '../pullAnalysis';
import { MAX_BODY_LENGTH, REPO, json, pullOf, repoOf } from './common';
import type { ApiRequest, GithubContext, Route } from '../http/route';
import type { PullRecord, RepoRecord } from '../model';

function bodyText(body: Record<string, unknown>): string | undefined {
  const text = optionalString(body, 'body');
  if (text !== undefined && text.length > MAX_BODY_LENGTH) {
    throw validationFailed([
      {
        resource: 'PullRequest',
        field: 'body',
        code: 'custom',
        message: `body is too long (maximum is ${MAX_BODY_LENGTH} characters)`,
      },
    ]);
  }
  return text;
}

function openPullWithHead(
  repo: RepoRecord,
  headRef: string,
  baseRef: string,
): PullRecord | undefined {
  for (const pull of repo.pulls.values()) {
    if (
      pull.state === 'open' &&
      pull.headRef === headRef &&
      pull.baseRef === baseRef
    )
      return pull;
  }
  return undefined;
}

/** `owner:branch` or `branch`; only same-repository heads exist here. */
function parseHead(repo: RepoRecord, head: string): string | undefined {
  const colon = head.indexOf(':');
  if (colon < 0) return head;
  const owner = head.slice(0, colon);
  return owner.toLowerCase() === repo.owner.login.toLowerCase()
    ? head.slice(colon + 1)
    : undefined;
}

function createPull(request: ApiRequest, context: GithubContext) {
  const { model } = context;
  const repo = repoOf(request, context);
  const body = bodyObject(request.body);
  const title = requiredString(body, 'title');
  const head = requiredString(body, 'head');
  const baseRef = requiredString(body, 'base');
  const text = bodyText(body);
  const headRef = parseHead(repo, head);
  const headSha = headRef ? model.branchSha(repo, headRef) : undefined;
  const baseSha = model.branchSha(repo, baseRef);
  if (!headRef || !headSha) {
    throw validationFailed([
      { resource: 'PullRequest', field: 'head', code: 'invalid' },
    ]);
  }
  if (!baseSha)
    throw validationFailed([
      { resource: 'PullRequest', field: 'base', code: 'invalid' },
    ]);
  if (openPullWithHead(repo, headRef, baseRef)) {
    throw validationFailed([
      {
        resource: 'PullRequest',
        code: 'custom',
        message: `A pull request already exists for ${repo.owner.login}:${headRef}.`,
      },
    ]);
  }
  if (isAncestor(repo.git, headSha, baseSha)) {
    throw validationFailed([
      {
        resource: 'PullRequest',
        code: 'custom',
        message: `No commits between ${baseRef} and ${headRef}`,
      },
    ]);
  }
  const id = model.nextId();
  const now = model.timestamp();
  const pull: PullRecord = {
    number: repo.nextNumber++,
    id,
    nodeId: model.nodeId('PR', id),
    title,
    body: text ?? null,
    state: 'open',
    draft: optionalBoolean(body, 'draft') ?? false,
    author: model.viewer.login,
    headRef,
    headSha,
    baseRef,
    baseSha,
    maintainerCanModify:
      optionalBoolean(body, 'maintainer_can_modify') ?? false,
    labels: [],
    requestedReviewers: [],
    requestedTeams: [],
    comments: [],
    createdAt: now,
    updatedAt: now,
    closedAt: null,
    mergedAt: null,
    mergedBy: null,
    mergeCommitSha: null,
  };
  repo.pulls.set(pull.number, pull);
  repo.updatedAt = now;
  return json(201, pullRequestJson(context, repo, pull), {
    location: `${context.urls.repoApi(repo.owner.login, repo.name)}/pulls/${
      pull.number
    }`,
  });
}

function sortPulls(pulls: PullRecord[], request: ApiRequest): PullRecord[] {
  const sort = request.query.get('sort') ?? 'created';
  const direction =
    request.query.get('direction') ?? (sort === 'created' ? 'desc' : 'asc');
  const key = (pull: PullRecord): string | number => {
    if (sort === 'updated') return pull.updatedAt;
    if (sort === 'popularity') return pull.comments.length;
    if (sort === 'long-running')
      return pull.state === 'open' ? pull.createdAt : '~';
    return pull.number;
  };
  const sign = direction === 'asc' ? 1 : -1;
  return [...pulls].sort((a, b) => {
    const left = key(a);
    const right = key(b);
    if (left === right) return sign * (a.number - b.number);
    return left < right ? -sign : sign;
  });
}

function listPulls(request: ApiRequest, context: GithubContext) {
  const repo = repoOf(request, context);
  const state = request.query.get('state') ?? 'open';
  const head = request.query.get('head');
  const headRef = head ? parseHead(repo, head) ?? '\0' : undefined;
  const base = request.query.get('base');
  const matching = [...repo.pulls.values()].filter(pull => {
    refreshPull(context.model, repo, pull);
    if (state !== 'all' && pull.state !== state) return false;
    if (headRef !== undefined && pull.headRef !== headRef) return false;
    return !base || pull.baseRef === base;
  });
  return pagedResponse(
    context,
    request,
    pageOf(request.query),
    sortPulls(matching, request),
    pull => pullRequestSimpleJson(context, repo, pull),
  );
}

function updatePull(request: ApiRequest, context: GithubContext) {
  const { model } = context;
  const repo = repoOf(request, context);
  const pull = pullOf(repo, request.params[2]);
  const body = bodyObject(request.body);
  const title = optionalString(body, 'title');
  const text = bodyText(body);
  const state = optionalEnum(body, 'state', ['open', 'closed'] as const);
  const base = optionalString(body, 'base');
  const canModify = optionalBoolean(body, 'maintainer_can_modify');
  if (base !== undefined && base !== pull.baseRef) {
    const baseSha = model.branchSha(repo, base);
    if (!baseSha || pull.state !== 'open') {
      throw validationFailed([
        { resource: 'PullRequest', field: 'base', code: 'invalid' },
      ]);
    }
    pull.baseRef = base;
    pull.baseSha = baseSha;
  }
  if (state === 'open' && pull.state === 'closed') {
    const headSha = model.branchSha(repo, pull.headRef);
    if (
      pull.mergedAt ||
      !headSha ||
      openPullWithHead(repo, pull.headRef, pull.baseRef)
    ) {
      throw validationFailed([
        { resource: 'PullRequest', field: 'state', code: 'invalid' },
      ]);
    }
    pull.state = 'open';
    pull.closedAt = null;
  } else if (state === 'closed' && pull.state === 'open') {
    refreshPull(model, repo, pull);
    pull.state = 'closed';
    pull.closedAt = model.timestamp();
  }
  if (title !== undefined) pull.title = title;
  if (text !== undefined) pull.body = text;
  if (canModify !== undefined) pull.maintainerCanModify = canModify;
  pull.updatedAt = model.timestamp();
  return json(200, pullRequestJson(context, repo, pull));
}

export const pullRoutes: Route[] = [
  {
    method: 'POST',
    pattern: new RegExp(`${REPO}/pulls$`),
    docs: 'pulls/pulls#create-a-pull-request',
    handle: createPull,
  },
  {
    method: 'GET',
    pattern: new RegExp(`${REPO}/pulls$`),
    docs: 'pulls/pulls#list-pull-requests',
    handle: listPulls,
  },
  {
    method: 'GET',
    pattern: new RegExp(`${REPO}/pulls/(\\d+)$`),
    docs: 'pulls/pulls#get-a-pull-request',
    handle(request, context) {
      const repo = repoOf(request, context);
      return json(
        200,
        pullRequestJson(context, repo, pullOf(repo, request.params[2])),
      );
    },
  },
  {
    method: 'PATCH',
    pattern: new RegExp(`${REPO}/pulls/(\\d+)$`),
    docs: 'pulls/pulls#update-a-pull-request',
    handle: updatePull,
  },
  {
    method: 'GET',
    pattern: new RegExp(`${REPO}/pulls/(\\d+)/files$`),
    docs: 'pulls/pulls#list-pull-requests-files',
    handle(request, context) {
      const repo = repoOf(request, context);
      const pull = pullOf(repo, request.params[2]);
      const { files } = analysePull(context.model, repo, pull);
      return pagedResponse(
        context,
        request,
        pageOf(request.query),
        files,
        file => diffEntryJson(context, repo, pull.headSha, file),
      );
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`${REPO}/pulls/(\\d+)/commits$`),
    docs: 'pulls/pulls#list-commits-on-a-pull-request',
    handle(request, context) {
      const repo = repoOf(request, context);
      const pull = pullOf(repo, request.params[2]);
      const oldestFirst = [
        ...analysePull(context.model, repo, pull).commits,
      ].reverse();
      return pagedResponse(
        context,
        request,
        pageOf(request.query),
        oldestFirst,
        sha => {
          const commit = repo.git.commit(sha);
          return commit ? commitJson(context, repo, sha, commit, false) : null;
        },
      );
    },
  },
];
