/*
 * Git database objects (refs, trees, commits, blobs) as the Git Data API shows them.
 */
import { signatureDate } from '../../git/objects';
import type { CommitObject, GitSignature } from '../../git/objects';
import type { GithubContext } from '../http/route';
import type { RepoRecord } from '../model';

function gitApi(context: GithubContext, repo: RepoRecord): string {
  return `${context.urls.repoApi(repo.owner.login, repo.name)}/git`;
}

/** Wraps base64 at 60 characters per line, as GitHub does in `content` fields. */
export function wrappedBase64(content: Buffer): string {
  const encoded = content.toString('base64');
  let wrapped = '';
  for (let index = 0; index < encoded.length; index += 60) {
    wrapped += `${encoded.slice(index, index + 60)}\n`;
  }
  return wrapped;
}

export function gitRefJson(
  context: GithubContext,
  repo: RepoRecord,
  ref: string,
  sha: string,
) {
  const object = repo.git.object(sha);
  const type = object?.type ?? 'commit';
  return {
    ref,
    node_id: context.model.nodeId('REF', `${repo.id}:${ref}`),
    url: `${gitApi(context, repo)}/${ref}`,
    object: { sha, type, url: `${gitApi(context, repo)}/${type}s/${sha}` },
  };
}

export function gitTreeJson(
  context: GithubContext,
  repo: RepoRecord,
  treeSha: string,
  recursive: boolean,
) {
  const base = gitApi(context, repo);
  return {
    sha: treeSha,
    url: `${base}/trees/${treeSha}`,
    tree: repo.git.walk(treeSha, recursive).map(({ path, entry }) => ({
      path,
      mode: entry.mode,
      type: entry.type,
      sha: entry.sha,
      ...(entry.type === 'blob' ? { size: repo.git.size(entry.sha) } : {}),
      ...(entry.type === 'commit'
        ? {}
        : { url: `${base}/${entry.type}s/${entry.sha}` }),
    })),
    truncated: false,
  };
}

export function gitUserJson(signature: GitSignature) {
  return {
    name: signature.name,
    email: signature.email,
    date: signatureDate(signature),
  };
}

export const UNSIGNED = {
  verified: false,
  reason: 'unsigned',
  signature: null,
  payload: null,
  verified_at: null,
};

export function gitCommitJson(
  context: GithubContext,
  repo: RepoRecord,
  sha: string,
  commit: CommitObject,
) {
  const base = gitApi(context, repo);
  const html = context.urls.repoHtml(repo.owner.login, repo.name);
  return {
    sha,
    node_id: context.model.nodeId('C', sha),
    url: `${base}/commits/${sha}`,
    html_url: `${html}/commit/${sha}`,
    author: gitUserJson(commit.author),
    committer: gitUserJson(commit.committer),
    tree: { sha: commit.tree, url: `${base}/trees/${commit.tree}` },
    message: commit.message,
    parents: commit.parents.map(parent => ({
      sha: parent,
      url: `${base}/commits/${parent}`,
      html_url: `${html}/commit/${parent}`,
    })),
    verification: UNSIGNED,
  };
}

export function blobJson(
  context: GithubContext,
  repo: RepoRecord,
  sha: string,
  content: Buffer,
) {
  return {
    sha,
    node_id: context.model.nodeId('B', sha),
    size: content.length,
    url: `${gitApi(context, repo)}/blobs/${sha}`,
    content: wrappedBase64(content),
    encoding: 'base64',
  };
}

export function shortBlobJson(
  context: GithubContext,
  repo: RepoRecord,
  sha: string,
) {
  return { url: `${gitApi(context, repo)}/blobs/${sha}`, sha };
}
