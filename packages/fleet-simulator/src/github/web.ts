/*
 * The web side of the simulated GitHub, for people and browser tests that
 * follow links: a pull request page, file views (`blob`, `raw`) and the
 * codeload tarball the API's tarball endpoint redirects to.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createTarball } from '../git/archive';
import { analysePull } from './pullAnalysis';
import type { GithubContext } from './http/route';
import type { PullRecord, RepoRecord } from './model';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, character => `&#${character.charCodeAt(0)};`);
}

function send(
  res: ServerResponse,
  status: number,
  contentType: string,
  data: Buffer | string,
  head: boolean,
): void {
  const body = typeof data === 'string' ? Buffer.from(data) : data;
  res.writeHead(status, {
    'content-type': contentType,
    'content-length': String(body.length),
  });
  res.end(head ? undefined : body);
}

/** Splits `<ref>/<path>` where the ref itself may contain slashes. */
function splitRefAndPath(
  repo: RepoRecord,
  rest: string,
): { sha: string; path: string } | undefined {
  const segments = rest.split('/');
  for (let count = 1; count <= segments.length; count++) {
    const sha = repo.git.resolveCommit(segments.slice(0, count).join('/'));
    if (sha) return { sha, path: segments.slice(count).join('/') };
  }
  return undefined;
}

function fileAt(repo: RepoRecord, rest: string): Buffer | undefined {
  const target = splitRefAndPath(repo, rest);
  const tree = target ? repo.git.commit(target.sha)?.tree : undefined;
  const entry =
    target && tree ? repo.git.entryAt(tree, target.path) : undefined;
  return entry?.type === 'blob' ? repo.git.blob(entry.sha)?.content : undefined;
}

function pullPage(
  context: GithubContext,
  repo: RepoRecord,
  pull: PullRecord,
): string {
  const analysis = analysePull(context.model, repo, pull);
  let state = pull.state === 'open' ? 'Open' : 'Closed';
  if (pull.mergedAt) state = 'Merged';
  const list = (items: string[]) =>
    items.length
      ? `<ul>${items.map(item => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`
      : '<p>None</p>';
  const files = analysis.files.map(
    file =>
      `<li><span class="status">${file.status}</span> <code>${escapeHtml(
        file.path,
      )}</code> +${file.additions} −${file.deletions}</li>`,
  );
  const comments = pull.comments.map(
    comment =>
      `<article class="comment"><h3>${escapeHtml(
        comment.author,
      )}</h3><pre>${escapeHtml(comment.body)}</pre></article>`,
  );
  const title = `${escapeHtml(pull.title)} · Pull Request #${
    pull.number
  } · ${escapeHtml(repo.owner.login)}/${escapeHtml(repo.name)}`;
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title></head>
<body>
<h1><span class="js-issue-title">${escapeHtml(pull.title)}</span> <span>#${
    pull.number
  }</span></h1>
<p><span class="State" data-state="${state.toLowerCase()}">${state}</span>
${escapeHtml(pull.author)} wants to merge into <code>${escapeHtml(
    pull.baseRef,
  )}</code> from <code>${escapeHtml(pull.headRef)}</code></p>
<section><h2>Labels</h2>${list(pull.labels)}</section>
<section><h2>Reviewers</h2>${list([
    ...pull.requestedReviewers,
    ...pull.requestedTeams.map(team => `${repo.owner.login}/${team}`),
  ])}</section>
<section><h2>Description</h2><pre class="body">${escapeHtml(
    pull.body ?? '',
  )}</pre></section>
<section><h2>Files changed (${
    analysis.files.length
  })</h2><ul class="files">${files.join('')}</ul></section>
<section><h2>Conversation</h2>${
    comments.join('') || '<p>No comments</p>'
  }</section>
</body></html>
`;
}

/** Serves a web route; returns false when the path is not one of them. */
export function handleWebRequest(
  context: GithubContext,
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const head = req.method === 'HEAD';
  const segments = pathname.split('/').slice(1).map(decodeURIComponent);
  const [first, second, third, fourth] = segments;
  const codeload = first === '_codeload' && fourth === 'legacy.tar.gz';
  const rawGhes = first === 'raw';
  const owner = codeload || rawGhes ? second : first;
  const name = codeload || rawGhes ? third : second;
  const repo = owner && name ? context.model.repo(owner, name) : undefined;
  if (!repo) return false;
  if (codeload) {
    const sha = repo.git.resolveCommit(segments.slice(4).join('/'));
    if (!sha) return false;
    res.setHeader(
      'content-disposition',
      `attachment; filename=${repo.owner.login}-${repo.name}-${sha.slice(
        0,
        7,
      )}.tar.gz`,
    );
    send(res, 200, 'application/x-gzip', createTarball(repo.git, sha), head);
    return true;
  }
  if (rawGhes || third === 'raw' || third === 'blob') {
    const content = fileAt(repo, segments.slice(3).join('/'));
    if (!content) return false;
    send(res, 200, 'text/plain; charset=utf-8', content, head);
    return true;
  }
  if (third === 'pull' && /^\d+$/.test(fourth ?? '')) {
    const pull = repo.pulls.get(Number(fourth));
    if (!pull) return false;
    send(
      res,
      200,
      'text/html; charset=utf-8',
      pullPage(context, repo, pull),
      head,
    );
    return true;
  }
  return false;
}
