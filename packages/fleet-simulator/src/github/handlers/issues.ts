/*
 * Issue endpoints that apply to pull requests: labels (unknown labels are
 * created on the fly, as GitHub does) and comments.
 */
import { GithubApiError, validationFailed } from '../http/errors';
import {
  bodyObject,
  isJsonObject,
  pageOf,
  requiredString,
} from '../http/input';
import { pagedResponse } from '../http/route';
import { commentJson, labelJson, pullLabels } from '../json/issues';
import { MAX_BODY_LENGTH, REPO, json, pullOf, repoOf } from './common';
import type { ApiRequest, GithubContext, Route } from '../http/route';
import type { CommentRecord } from '../model';

const MAX_LABEL_LENGTH = 50;

/** Label names from `{labels: [...]}` or a bare array, each a string or `{name}`. */
function labelNames(body: unknown): string[] {
  const list = isJsonObject(body) ? body.labels : body;
  if (!Array.isArray(list)) {
    throw new GithubApiError(
      422,
      `Invalid request.\n\n"labels" wasn't supplied.`,
    );
  }
  return list.map(item => {
    const name = isJsonObject(item) ? item.name : item;
    if (
      typeof name !== 'string' ||
      name.trim() === '' ||
      name.length > MAX_LABEL_LENGTH
    ) {
      throw validationFailed([
        { resource: 'Label', field: 'name', code: 'invalid', value: name },
      ]);
    }
    return name;
  });
}

function setLabels(
  request: ApiRequest,
  context: GithubContext,
  replace: boolean,
) {
  const repo = repoOf(request, context);
  const pull = pullOf(repo, request.params[2]);
  const names = labelNames(request.body).map(
    name => context.model.ensureLabel(repo, name).name,
  );
  const next = replace ? [] : [...pull.labels];
  for (const name of names) {
    if (!next.some(existing => existing.toLowerCase() === name.toLowerCase()))
      next.push(name);
  }
  pull.labels = next;
  pull.updatedAt = context.model.timestamp();
  return json(200, pullLabels(context, repo, pull));
}

export const issueRoutes: Route[] = [
  {
    method: 'POST',
    pattern: new RegExp(`${REPO}/issues/(\\d+)/labels$`),
    docs: 'issues/labels#add-labels-to-an-issue',
    handle: (request, context) => setLabels(request, context, false),
  },
  {
    method: 'PUT',
    pattern: new RegExp(`${REPO}/issues/(\\d+)/labels$`),
    docs: 'issues/labels#set-labels-for-an-issue',
    handle: (request, context) => setLabels(request, context, true),
  },
  {
    method: 'GET',
    pattern: new RegExp(`${REPO}/issues/(\\d+)/labels$`),
    docs: 'issues/labels#list-labels-for-an-issue',
    handle(request, context) {
      const repo = repoOf(request, context);
      const labels = pullLabels(context, repo, pullOf(repo, request.params[2]));
      return pagedResponse(
        context,
        request,
        pageOf(request.query),
        labels,
        label => label,
      );
    },
  },
  {
    method: 'DELETE',
    pattern: new RegExp(`${REPO}/issues/(\\d+)/labels/(.+)$`),
    docs: 'issues/labels#remove-a-label-from-an-issue',
    handle(request, context) {
      const repo = repoOf(request, context);
      const pull = pullOf(repo, request.params[2]);
      const name = request.params[3].toLowerCase();
      if (!pull.labels.some(label => label.toLowerCase() === name)) {
        throw new GithubApiError(404, 'Label does not exist');
      }
      pull.labels = pull.labels.filter(label => label.toLowerCase() !== name);
      return json(200, pullLabels(context, repo, pull));
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`${REPO}/labels$`),
    docs: 'issues/labels#list-labels-for-a-repository',
    handle(request, context) {
      const repo = repoOf(request, context);
      const labels = [...repo.labels.values()].sort((a, b) =>
        a.name.toLowerCase().localeCompare(b.name.toLowerCase()),
      );
      return pagedResponse(
        context,
        request,
        pageOf(request.query),
        labels,
        label => labelJson(context, repo, label),
      );
    },
  },
  {
    method: 'POST',
    pattern: new RegExp(`${REPO}/issues/(\\d+)/comments$`),
    docs: 'issues/comments#create-an-issue-comment',
    handle(request, context) {
      const { model } = context;
      const repo = repoOf(request, context);
      const pull = pullOf(repo, request.params[2]);
      const text = requiredString(bodyObject(request.body), 'body');
      if (text.length > MAX_BODY_LENGTH) {
        throw validationFailed([
          {
            resource: 'IssueComment',
            field: 'body',
            code: 'custom',
            message: `Body is too long (maximum is ${MAX_BODY_LENGTH} characters)`,
          },
        ]);
      }
      const id = model.nextId();
      const now = model.timestamp();
      const comment: CommentRecord = {
        id,
        nodeId: model.nodeId('IC', id),
        body: text,
        author: model.viewer.login,
        createdAt: now,
        updatedAt: now,
      };
      pull.comments.push(comment);
      pull.updatedAt = now;
      return json(201, commentJson(context, repo, pull, comment), {
        location: `${context.urls.repoApi(
          repo.owner.login,
          repo.name,
        )}/issues/comments/${id}`,
      });
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`${REPO}/issues/(\\d+)/comments$`),
    docs: 'issues/comments#list-issue-comments',
    handle(request, context) {
      const repo = repoOf(request, context);
      const pull = pullOf(repo, request.params[2]);
      return pagedResponse(
        context,
        request,
        pageOf(request.query),
        pull.comments,
        comment => commentJson(context, repo, pull, comment),
      );
    },
  },
];
