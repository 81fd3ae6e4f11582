import { gunzipSync } from 'node:zlib';
import {
  SEED_FILES,
  startTestGithub,
  TEST_TOKEN,
} from './__testUtils__/startTestGithub';
import type { TestGithub } from './__testUtils__/startTestGithub';

const owner = 'acme';
const repo = 'gitops';

describe('simulated GitHub: contents, git data and commits', () => {
  let github: TestGithub;
  beforeAll(async () => {
    github = await startTestGithub();
  });
  afterAll(() => github.close());

  it('serves a file as base64 JSON whose sha is the blob sha', async () => {
    const { data } = await github.octokit.repos.getContent({
      owner,
      repo,
      path: 'catalog-info.yaml',
      ref: 'main',
    });
    if (Array.isArray(data) || data.type !== 'file' || !('content' in data))
      throw new Error('expected a file');
    expect(Buffer.from(data.content, 'base64').toString('utf8')).toBe(
      SEED_FILES['catalog-info.yaml'],
    );
    expect(data.content.split('\n').every(line => line.length <= 60)).toBe(
      true,
    );
    expect(data).toMatchObject({
      encoding: 'base64',
      name: 'catalog-info.yaml',
      path: 'catalog-info.yaml',
      download_url: `${github.webUrl}/raw/acme/gitops/main/catalog-info.yaml`,
      html_url: `${github.webUrl}/acme/gitops/blob/main/catalog-info.yaml`,
    });
    const { data: blob } = await github.octokit.git.getBlob({
      owner,
      repo,
      file_sha: data.sha,
    });
    expect(Buffer.from(blob.content, 'base64').toString('utf8')).toBe(
      SEED_FILES['catalog-info.yaml'],
    );
  });

  it('lists a directory and the repository root', async () => {
    const { data } = await github.octokit.repos.getContent({
      owner,
      repo,
      path: 'applicationsets/demo-vm',
    });
    if (!Array.isArray(data)) throw new Error('expected a listing');
    expect(data.map(item => `${item.type} ${item.name}`)).toEqual([
      'file applicationset.yaml',
      'file catalog-info.yaml',
      'dir kustomize',
    ]);
    const { data: root } = await github.octokit.request(
      'GET /repos/{owner}/{repo}/contents',
      { owner, repo },
    );
    expect(Array.isArray(root) && root.map(item => item.path)).toEqual([
      'README.md',
      'applicationsets',
      'catalog-info.yaml',
    ]);
  });

  it.each([
    'application/vnd.github.raw',
    'application/vnd.github.v3.raw',
    'application/vnd.github.raw+json',
  ])('answers %s with the raw file', async accept => {
    const response = await fetch(
      `${github.apiUrl}/repos/acme/gitops/contents/catalog-info.yaml?ref=main`,
      {
        headers: { authorization: `token ${TEST_TOKEN}`, accept },
      },
    );
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(SEED_FILES['catalog-info.yaml']);
    expect(response.headers.get('etag')).toMatch(/^"[0-9a-f]{40}"$/);
  });

  it('answers If-None-Match with 304', async () => {
    const url = `${github.apiUrl}/repos/acme/gitops/contents/README.md`;
    const headers = { authorization: `Bearer ${TEST_TOKEN}` };
    const first = await fetch(url, { headers });
    const etag = first.headers.get('etag') ?? '';
    expect(etag).toMatch(/^W\/"/);
    const second = await fetch(url, {
      headers: { ...headers, 'if-none-match': etag },
    });
    expect(second.status).toBe(304);
    expect(second.headers.get('x-ratelimit-remaining')).toBeTruthy();
  });

  it('reports a missing path or ref with 404', async () => {
    await expect(
      github.octokit.repos.getContent({ owner, repo, path: 'nope.yaml' }),
    ).rejects.toMatchObject({ status: 404 });
    await expect(
      github.octokit.repos.getContent({
        owner,
        repo,
        path: 'README.md',
        ref: 'no-branch',
      }),
    ).rejects.toMatchObject({
      status: 404,
      response: { data: { message: 'No commit found for the ref no-branch' } },
    });
  });

  it('creates blobs and lists trees recursively', async () => {
    const { data: blob } = await github.octokit.git.createBlob({
      owner,
      repo,
      content: Buffer.from('binary\0data').toString('base64'),
      encoding: 'base64',
    });
    const { data: fetched } = await github.octokit.git.getBlob({
      owner,
      repo,
      file_sha: blob.sha,
    });
    expect(Buffer.from(fetched.content, 'base64')).toEqual(
      Buffer.from('binary\0data'),
    );
    const { data: tree } = await github.octokit.git.getTree({
      owner,
      repo,
      tree_sha: 'main',
      recursive: '1',
    });
    expect(
      tree.tree
        .filter(entry => entry.type === 'blob')
        .map(entry => entry.path)
        .sort(),
    ).toEqual(Object.keys(SEED_FILES).sort());
    const { data: flat } = await github.octokit.git.getTree({
      owner,
      repo,
      tree_sha: tree.sha,
    });
    expect(flat.tree.map(entry => entry.path)).toEqual([
      'README.md',
      'applicationsets',
      'catalog-info.yaml',
    ]);
    await expect(
      github.octokit.git.createTree({
        owner,
        repo,
        base_tree: tree.sha,
        tree: [
          { path: 'missing.yaml', mode: '100644', type: 'blob', sha: null },
        ],
      }),
    ).rejects.toMatchObject({
      status: 422,
      response: { data: { message: 'GitRPC::BadObjectState' } },
    });
    await expect(
      github.octokit.git.createTree({
        owner,
        repo,
        base_tree: 'f'.repeat(40),
        tree: [],
      }),
    ).rejects.toMatchObject({
      status: 422,
      response: { data: { message: 'base_tree is not a valid tree oid' } },
    });
  });

  it('lists commits like octokit-plugin-create-pull-request reads them, and the combined status', async () => {
    const { data: commits, headers } = await github.octokit.repos.listCommits({
      owner,
      repo,
      sha: 'main',
      per_page: 1,
    });
    expect(commits).toHaveLength(1);
    expect(headers.link).toBeUndefined();
    const head = github.simulator.git.resolveRef(owner, repo, 'main');
    expect(commits[0].sha).toBe(head);
    const { data: single } = await github.octokit.repos.getCommit({
      owner,
      repo,
      ref: 'main',
    });
    expect(single.files?.length).toBe(Object.keys(SEED_FILES).length);
    const { data: status } = await github.octokit.repos.getCombinedStatusForRef(
      { owner, repo, ref: 'main' },
    );
    expect(status).toMatchObject({
      sha: head,
      state: 'pending',
      total_count: 0,
      repository: { full_name: 'acme/gitops' },
    });
  });

  it('redirects the tarball to a gzipped archive of the commit', async () => {
    const response = await fetch(
      `${github.apiUrl}/repos/acme/gitops/tarball/main`,
      { headers: { authorization: `token ${TEST_TOKEN}` } },
    );
    expect(response.status).toBe(200);
    expect(response.url).toContain('/_codeload/acme/gitops/legacy.tar.gz/main');
    const tar = gunzipSync(Buffer.from(await response.arrayBuffer())).toString(
      'latin1',
    );
    expect(tar).toContain('applicationsets/demo-vm/catalog-info.yaml');
  });

  it('serves the web pages pull request links point at', async () => {
    const blob = await fetch(
      `${github.webUrl}/acme/gitops/blob/main/applicationsets/demo-vm/catalog-info.yaml`,
    );
    expect(blob.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await blob.text()).toBe(
      SEED_FILES['applicationsets/demo-vm/catalog-info.yaml'],
    );
    const missing = await fetch(`${github.webUrl}/acme/gitops/pull/999`);
    expect(missing.status).toBe(404);
  });
});
