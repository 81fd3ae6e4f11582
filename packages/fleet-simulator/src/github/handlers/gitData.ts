/*
 * The Git Data API: trees (with base_tree, inline content and deletions),
 * commits and blobs.
 */
import { entryTypeForMode, parseSignatureDate } from '../../git/objects';
import {
  editTree,
  isValidTreePath,
  MissingPathError,
} from '../../git/treeEdit';
import { invalidRequest, notFound, unprocessable } from '../http/errors';
import {
  bodyObject,
  isJsonObject,
  optionalEnum,
  optionalString,
  requiredString,
} from '../http/input';
import {
  blobJson,
  gitCommitJson,
  gitTreeJson,
  shortBlobJson,
} from '../json/git';
import { wantsRaw, rawResponse } from './rawMedia';
import { REPO, json, repoOf } from './common';
import type { FileMode, GitSignature } from '../../git/objects';
import type { TreeEdit } from '../../git/treeEdit';
import type { JsonObject } from '../http/input';
import type { GithubContext, Route } from '../http/route';
import type { RepoRecord } from '../model';

const MODES: readonly FileMode[] = [
  '100644',
  '100755',
  '040000',
  '160000',
  '120000',
];

/** A tree SHA, or the tree of a commit or branch (GitHub accepts all three). */
function peelToTree(repo: RepoRecord, ref: string): string | undefined {
  const sha = repo.git.resolve(ref);
  if (!sha) return undefined;
  if (repo.git.tree(sha)) return sha;
  return repo.git.commit(sha)?.tree;
}

function treeEdit(repo: RepoRecord, item: unknown): TreeEdit {
  if (!isJsonObject(item))
    throw invalidRequest(
      `For 'items', ${JSON.stringify(item)} is not an object.`,
    );
  const path = requiredString(item, 'path');
  if (!isValidTreePath(path))
    throw unprocessable('tree.path contains a malformed path component');
  const type = optionalEnum(item, 'type', ['blob', 'tree', 'commit'] as const);
  const mode =
    optionalEnum(item, 'mode', MODES) ??
    (type === 'tree' ? '040000' : '100644');
  const entryType = type ?? entryTypeForMode(mode);
  const hasSha = 'sha' in item;
  const content = optionalString(item, 'content');
  if (hasSha && item.sha !== null && content !== undefined) {
    throw unprocessable(
      'Must supply either tree.sha or tree.content, not both',
    );
  }
  if (hasSha && item.sha === null) return { path, entry: null };
  if (content !== undefined) {
    if (entryType !== 'blob')
      throw unprocessable(`tree.content can only be used with blobs`);
    return {
      path,
      entry: { mode, type: 'blob', sha: repo.git.writeBlob(content) },
    };
  }
  const sha = optionalString(item, 'sha');
  if (sha === undefined)
    throw unprocessable('Must supply either tree.sha or tree.content');
  if (entryType === 'blob' && !repo.git.blob(sha))
    throw unprocessable(`tree.sha ${sha} is not a valid blob`);
  if (entryType === 'tree' && !repo.git.tree(sha))
    throw unprocessable(`tree.sha ${sha} is not a valid tree`);
  return { path, entry: { mode, type: entryType, sha } };
}

function signatureFrom(
  context: GithubContext,
  body: JsonObject,
  field: 'author' | 'committer',
  fallback: GitSignature,
): GitSignature {
  const value = body[field];
  if (value === undefined || value === null) return fallback;
  if (!isJsonObject(value))
    throw invalidRequest(
      `For 'properties/${field}', ${JSON.stringify(value)} is not an object.`,
    );
  const name = requiredString(value, 'name');
  const email = requiredString(value, 'email');
  const dateText = optionalString(value, 'date');
  const date = dateText ? parseSignatureDate(dateText) : undefined;
  if (dateText && !date)
    throw invalidRequest(
      `For 'properties/date', ${JSON.stringify(dateText)} is not a timestamp.`,
    );
  return { name, email, ...(date ?? context.model.signature(name, email)) };
}

export const gitDataRoutes: Route[] = [
  {
    method: 'GET',
    pattern: new RegExp(`${REPO}/git/trees/([^/]+)$`),
    docs: 'git/trees#get-a-tree',
    handle(request, context) {
      const repo = repoOf(request, context);
      const tree = peelToTree(repo, request.params[2]);
      if (!tree) throw notFound();
      return json(
        200,
        gitTreeJson(context, repo, tree, request.query.has('recursive')),
      );
    },
  },
  {
    method: 'POST',
    pattern: new RegExp(`${REPO}/git/trees$`),
    docs: 'git/trees#create-a-tree',
    handle(request, context) {
      const repo = repoOf(request, context);
      const body = bodyObject(request.body);
      if (!Array.isArray(body.tree))
        throw invalidRequest(`"tree" wasn't supplied.`);
      const baseTreeRef = optionalString(body, 'base_tree');
      const baseTree = baseTreeRef ? peelToTree(repo, baseTreeRef) : undefined;
      if (baseTreeRef && !baseTree)
        throw unprocessable('base_tree is not a valid tree oid');
      const edits = body.tree.map(item => treeEdit(repo, item));
      let sha: string;
      try {
        sha = editTree(repo.git, baseTree, edits);
      } catch (error) {
        if (error instanceof MissingPathError)
          throw unprocessable('GitRPC::BadObjectState', error.message);
        throw error;
      }
      return json(201, gitTreeJson(context, repo, sha, false), {
        location: `${context.urls.repoApi(
          repo.owner.login,
          repo.name,
        )}/git/trees/${sha}`,
      });
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`${REPO}/git/commits/([^/]+)$`),
    docs: 'git/commits#get-a-commit-object',
    handle(request, context) {
      const repo = repoOf(request, context);
      const sha = request.params[2];
      const commit = repo.git.commit(sha);
      if (!commit) throw notFound();
      return json(200, gitCommitJson(context, repo, sha, commit));
    },
  },
  {
    method: 'POST',
    pattern: new RegExp(`${REPO}/git/commits$`),
    docs: 'git/commits#create-a-commit',
    handle(request, context) {
      const repo = repoOf(request, context);
      const body = bodyObject(request.body);
      const message = requiredString(body, 'message');
      const tree = requiredString(body, 'tree');
      const parents = body.parents ?? [];
      if (
        !Array.isArray(parents) ||
        parents.some(parent => typeof parent !== 'string')
      ) {
        throw invalidRequest(
          `For 'properties/parents', ${JSON.stringify(
            parents,
          )} is not an array of strings.`,
        );
      }
      if (!repo.git.tree(tree)) throw unprocessable('Tree SHA does not exist');
      for (const parent of parents) {
        if (!repo.git.commit(String(parent))) {
          throw unprocessable(
            'Parent SHA does not exist or is not a commit object',
          );
        }
      }
      const { viewer } = context.model;
      const defaultSignature = context.model.signature(
        viewer.login,
        context.model.noreplyEmail(viewer.login),
      );
      const author = signatureFrom(context, body, 'author', defaultSignature);
      const committer = signatureFrom(context, body, 'committer', author);
      const sha = repo.git.writeCommit({
        tree,
        parents: parents.map(String),
        author,
        committer,
        message,
      });
      const commit = repo.git.commit(sha);
      if (!commit) throw new Error(`Commit ${sha} was not stored`);
      return json(201, gitCommitJson(context, repo, sha, commit), {
        location: `${context.urls.repoApi(
          repo.owner.login,
          repo.name,
        )}/git/commits/${sha}`,
      });
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`${REPO}/git/blobs/([^/]+)$`),
    docs: 'git/blobs#get-a-blob',
    handle(request, context) {
      const repo = repoOf(request, context);
      const sha = request.params[2];
      const blob = repo.git.blob(sha);
      if (!blob) throw notFound();
      if (wantsRaw(request)) return rawResponse(blob.content, sha);
      return json(200, blobJson(context, repo, sha, blob.content));
    },
  },
  {
    method: 'POST',
    pattern: new RegExp(`${REPO}/git/blobs$`),
    docs: 'git/blobs#create-a-blob',
    handle(request, context) {
      const repo = repoOf(request, context);
      const body = bodyObject(request.body);
      const content = requiredString(body, 'content');
      const encoding =
        optionalEnum(body, 'encoding', ['utf-8', 'utf8', 'base64'] as const) ??
        'utf-8';
      const bytes = Buffer.from(
        content,
        encoding === 'base64' ? 'base64' : 'utf8',
      );
      const sha = repo.git.writeBlob(bytes);
      return json(201, shortBlobJson(context, repo, sha), {
        location: `${context.urls.repoApi(
          repo.owner.login,
          repo.name,
        )}/git/blobs/${sha}`,
      });
    },
  },
];
