/*
 * The Contents API: one file (`content-file`) or a directory listing.
 */
import { wrappedBase64 } from './git';
import type { PathEntry } from '../../git/repository';
import type { GithubContext } from '../http/route';
import type { RepoRecord } from '../model';

function contentType(
  entry: PathEntry,
): 'file' | 'dir' | 'symlink' | 'submodule' {
  if (entry.type === 'tree') return 'dir';
  if (entry.type === 'commit') return 'submodule';
  return entry.mode === '120000' ? 'symlink' : 'file';
}

/** One entry of a directory listing (no content). */
export function contentItemJson(
  context: GithubContext,
  repo: RepoRecord,
  ref: string,
  entry: PathEntry,
) {
  const { urls } = context;
  const owner = repo.owner.login;
  const type = contentType(entry);
  const url = urls.contents(owner, repo.name, entry.path, ref);
  const gitUrl =
    type === 'submodule'
      ? null
      : `${urls.repoApi(owner, repo.name)}/git/${
          type === 'dir' ? 'trees' : 'blobs'
        }/${entry.sha}`;
  const htmlUrl =
    type === 'dir'
      ? urls.treeHtml(owner, repo.name, ref, entry.path)
      : urls.blobHtml(owner, repo.name, ref, entry.path);
  return {
    // GitHub lists submodules as files in directory listings, for backwards compatibility.
    type: type === 'submodule' ? 'file' : type,
    size: entry.type === 'blob' ? repo.git.size(entry.sha) : 0,
    name: entry.name,
    path: entry.path,
    sha: entry.sha,
    url,
    git_url: gitUrl,
    html_url: htmlUrl,
    download_url:
      entry.type === 'blob'
        ? urls.raw(owner, repo.name, ref, entry.path)
        : null,
    _links: { self: url, git: gitUrl, html: htmlUrl },
  };
}

export function contentFileJson(
  context: GithubContext,
  repo: RepoRecord,
  ref: string,
  entry: PathEntry,
  content: Buffer,
) {
  return {
    ...contentItemJson(context, repo, ref, entry),
    type: contentType(entry) === 'symlink' ? 'symlink' : 'file',
    encoding: 'base64',
    content: wrappedBase64(content),
    ...(entry.mode === '120000' ? { target: content.toString('utf8') } : {}),
  };
}

export function directoryListingJson(
  context: GithubContext,
  repo: RepoRecord,
  ref: string,
  entry: PathEntry,
) {
  const tree = repo.git.tree(entry.sha);
  return (tree?.entries ?? []).map(child =>
    contentItemJson(context, repo, ref, {
      ...child,
      path: entry.path ? `${entry.path}/${child.name}` : child.name,
    }),
  );
}
