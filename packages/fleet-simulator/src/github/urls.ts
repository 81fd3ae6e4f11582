/*
 * Every URL the simulated GitHub hands out: API URLs under `/api/v3`, web
 * (html_url) URLs under the public URL, as GitHub Enterprise Server lays
 * them out.
 */

/** Encodes a repository path for a URL, keeping its slashes. */
export function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

export class GithubUrls {
  readonly web: string;
  readonly api: string;
  readonly host: string;

  constructor(publicUrl: string) {
    this.web = publicUrl.replace(/\/+$/, '');
    this.api = `${this.web}/api/v3`;
    this.host = new URL(this.web).host;
  }

  user(login: string): string {
    return `${this.api}/users/${login}`;
  }

  userHtml(login: string): string {
    return `${this.web}/${login}`;
  }

  avatar(id: number): string {
    return `${this.web}/avatars/u/${id}?`;
  }

  repoApi(owner: string, repo: string): string {
    return `${this.api}/repos/${owner}/${repo}`;
  }

  repoHtml(owner: string, repo: string): string {
    return `${this.web}/${owner}/${repo}`;
  }

  blobHtml(owner: string, repo: string, ref: string, path: string): string {
    return `${this.repoHtml(owner, repo)}/blob/${ref}/${encodePath(path)}`;
  }

  treeHtml(owner: string, repo: string, ref: string, path: string): string {
    return `${this.repoHtml(owner, repo)}/tree/${ref}/${encodePath(path)}`;
  }

  /** GitHub Enterprise Server's raw file URL (`download_url`). */
  raw(owner: string, repo: string, ref: string, path: string): string {
    return `${this.web}/raw/${owner}/${repo}/${ref}/${encodePath(path)}`;
  }

  contents(owner: string, repo: string, path: string, ref: string): string {
    return `${this.repoApi(owner, repo)}/contents/${encodePath(
      path,
    )}?ref=${encodeURIComponent(ref)}`;
  }

  pullHtml(owner: string, repo: string, number: number): string {
    return `${this.repoHtml(owner, repo)}/pull/${number}`;
  }

  team(orgId: number, teamId: number): string {
    return `${this.api}/organizations/${orgId}/team/${teamId}`;
  }
}
