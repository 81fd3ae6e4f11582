/*
 * Real clients against the simulated GitHub: Backstage's URL readers (what
 * the catalog uses to read catalog-info.yaml), the pull request plugin
 * behind Backstage's core `publish:github:pull-request`, and the errors
 * every client must handle.
 */
import { UrlReaders } from '@backstage/backend-defaults/urlReader';
import { ConfigReader } from '@backstage/config';
import { Octokit as ActionOctokit } from 'octokit';
import {
  createPullRequest,
  DELETE_FILE,
} from 'octokit-plugin-create-pull-request';
import { secondaryRateLimitResponse } from './index';
import {
  SEED_FILES,
  startTestGithub,
  TEST_TOKEN,
} from './__testUtils__/startTestGithub';
import type { TestGithub } from './__testUtils__/startTestGithub';

class SilentLogger {
  error() {}
  warn() {}
  info() {}
  debug() {}
  child() {
    return this;
  }
}

describe('simulated GitHub with real clients', () => {
  let github: TestGithub;
  beforeEach(async () => {
    github = await startTestGithub();
  });
  afterEach(() => github.close());

  function urlReader() {
    const config = new ConfigReader({
      integrations: {
        github: [
          {
            host: new URL(github.webUrl).host,
            apiBaseUrl: github.apiUrl,
            token: TEST_TOKEN,
          },
        ],
      },
    });
    return UrlReaders.default({ config, logger: new SilentLogger() });
  }

  it("lets Backstage's URL reader read, search and tree-read the repository", async () => {
    const reader = urlReader();
    const url = `${github.webUrl}/acme/gitops/blob/main/catalog-info.yaml`;
    const file = await reader.readUrl(url);
    expect((await file.buffer()).toString('utf8')).toBe(
      SEED_FILES['catalog-info.yaml'],
    );
    await expect(
      reader.readUrl(url, { etag: file.etag }),
    ).rejects.toMatchObject({ name: 'NotModifiedError' });

    const found = await reader.search(
      `${github.webUrl}/acme/gitops/blob/main/applicationsets/*/catalog-info.yaml`,
    );
    expect(found.files.map(item => item.url)).toEqual([
      `${github.webUrl}/acme/gitops/blob/main/applicationsets/demo-vm/catalog-info.yaml`,
    ]);
    expect((await found.files[0].content()).toString('utf8')).toBe(
      SEED_FILES['applicationsets/demo-vm/catalog-info.yaml'],
    );

    const tree = await reader.readTree(
      `${github.webUrl}/acme/gitops/tree/main/applicationsets/demo-vm`,
    );
    const paths = (await tree.files()).map(item => item.path).sort();
    expect(paths).toEqual([
      'applicationset.yaml',
      'catalog-info.yaml',
      'kustomize/base/kustomization.yaml',
      'kustomize/base/virtualmachine.yaml',
    ]);
    await expect(
      reader.readUrl(`${github.webUrl}/acme/gitops/blob/main/missing.yaml`),
    ).rejects.toMatchObject({ name: 'NotFoundError' });
  });

  it("opens and then updates a pull request the way Backstage's core publish:github:pull-request does", async () => {
    // The same Octokit (octokit v3), plugin and options the Backstage action uses.
    const PullRequestOctokit = ActionOctokit.plugin(createPullRequest);
    const client = new PullRequestOctokit({
      baseUrl: github.apiUrl,
      auth: TEST_TOKEN,
      throttle: { enabled: false },
    });
    const options: createPullRequest.Options = {
      owner: 'acme',
      repo: 'gitops',
      title: 'Add web-2',
      body: 'Adds web-2',
      head: 'scaffolder/web-2',
      changes: [
        {
          files: {
            'vms/web-2/vm.yaml': {
              content: Buffer.from('name: web-2\n').toString('base64'),
              encoding: 'base64',
            },
            'README.md': DELETE_FILE,
            'never-existed.md': DELETE_FILE,
          },
          commit: 'Add web-2',
        },
      ],
    };
    const created = await client.createPullRequest(options);
    expect(created?.data).toMatchObject({
      number: 1,
      head: { ref: 'scaffolder/web-2' },
      base: { ref: 'main' },
    });
    const files = await client.rest.pulls.listFiles({
      owner: 'acme',
      repo: 'gitops',
      pull_number: 1,
    });
    expect(files.data.map(item => `${item.status} ${item.filename}`)).toEqual([
      'removed README.md',
      'added vms/web-2/vm.yaml',
    ]);

    await expect(client.createPullRequest(options)).rejects.toThrow(
      /Pull request already exists/,
    );
    const updated = await client.createPullRequest({
      ...options,
      update: true,
      title: 'Add web-2 (updated)',
    });
    expect(updated?.data).toMatchObject({
      number: 1,
      title: 'Add web-2 (updated)',
    });
    expect(github.simulator.state().repos[0].pulls).toHaveLength(1);
  });

  it('answers 401 for missing or wrong credentials and 404 for unknown routes and repositories', async () => {
    await expect(
      github.octokitWith('wrong').users.getAuthenticated(),
    ).rejects.toMatchObject({
      status: 401,
      response: { data: { message: 'Bad credentials' } },
    });
    await expect(
      github
        .octokitWith(undefined)
        .repos.get({ owner: 'acme', repo: 'gitops' }),
    ).rejects.toMatchObject({ status: 401 });
    await expect(
      github.octokit.repos.get({ owner: 'acme', repo: 'missing' }),
    ).rejects.toMatchObject({
      status: 404,
      response: {
        data: {
          message: 'Not Found',
          documentation_url: expect.stringContaining(
            'repos/repos#get-a-repository',
          ),
        },
      },
    });
    await expect(
      github.octokit.request('GET /repos/{owner}/{repo}/nothing-here', {
        owner: 'acme',
        repo: 'gitops',
      }),
    ).rejects.toMatchObject({
      status: 404,
      response: { data: { message: 'Not Found' } },
    });
    const raw = await fetch(`${github.apiUrl}/repos/acme/gitops/git/refs`, {
      method: 'POST',
      headers: { authorization: `token ${TEST_TOKEN}` },
      body: '{not json',
    });
    expect(raw.status).toBe(400);
    expect(await raw.json()).toMatchObject({
      message: 'Problems parsing JSON',
    });
  });

  it('puts rate-limit headers and a request id on every response, and counts per token', async () => {
    const first = await github.octokit.users.getAuthenticated();
    const second = await github.octokit.repos.get({
      owner: 'acme',
      repo: 'gitops',
    });
    expect(first.data.login).toBe('backstage-bot');
    expect(first.headers['x-ratelimit-limit']).toBe('5000');
    expect(
      Number(first.headers['x-ratelimit-remaining']) -
        Number(second.headers['x-ratelimit-remaining']),
    ).toBe(1);
    expect(second.headers['x-ratelimit-used']).toBe('2');
    expect(second.headers['x-ratelimit-resource']).toBe('core');
    expect(Number(second.headers['x-ratelimit-reset'])).toBe(
      Math.floor(github.clock.now().getTime() / 1000) + 3600,
    );
    expect(second.headers['x-github-request-id']).not.toBe(
      first.headers['x-github-request-id'],
    );
    const denied = await fetch(`${github.apiUrl}/user`);
    expect(denied.headers.get('x-ratelimit-limit')).toBe('60');
  });

  it('describes a secondary rate limit so that octokit throttling waits retry-after and retries', async () => {
    const limited = secondaryRateLimitResponse(1);
    expect(limited.status).toBe(403);
    expect(limited.headers['retry-after']).toBe('1');
    let injected = 0;
    const throttled = await startTestGithub({}, handler => (req, res) => {
      if (req.method === 'POST' && injected === 0) {
        injected += 1;
        res.writeHead(limited.status, limited.headers);
        res.end(JSON.stringify(limited.body));
        return undefined;
      }
      return handler(req, res);
    });
    try {
      const waits: number[] = [];
      const client = new ActionOctokit({
        baseUrl: throttled.apiUrl,
        auth: TEST_TOKEN,
        throttle: {
          onRateLimit: () => false,
          onSecondaryRateLimit: (retryAfter: number) => {
            waits.push(retryAfter);
            return true;
          },
        },
      });
      const { data } = await client.rest.git.createBlob({
        owner: 'acme',
        repo: 'gitops',
        content: 'x',
      });
      expect(data.sha).toMatch(/^[0-9a-f]{40}$/);
      expect(waits).toEqual([1]);
      expect(injected).toBe(1);
    } finally {
      await throttled.close();
    }
  });

  it('renders a pull request page a person can read', async () => {
    const base =
      github.simulator.git.resolveRef('acme', 'gitops', 'main') ?? '';
    const { data: tree } = await github.octokit.git.createTree({
      owner: 'acme',
      repo: 'gitops',
      base_tree: base,
      tree: [{ path: 'x.txt', mode: '100644', type: 'blob', content: 'x\n' }],
    });
    const { data: commit } = await github.octokit.git.createCommit({
      owner: 'acme',
      repo: 'gitops',
      message: 'x',
      tree: tree.sha,
      parents: [base],
    });
    await github.octokit.git.createRef({
      owner: 'acme',
      repo: 'gitops',
      ref: 'refs/heads/x',
      sha: commit.sha,
    });
    await github.octokit.pulls.create({
      owner: 'acme',
      repo: 'gitops',
      title: 'Add <x>',
      head: 'x',
      base: 'main',
      body: '| a | b |\n<script>',
    });
    await github.octokit.issues.addLabels({
      owner: 'acme',
      repo: 'gitops',
      issue_number: 1,
      labels: ['env/prod'],
    });
    const page = await fetch(`${github.webUrl}/acme/gitops/pull/1`);
    const html = await page.text();
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(html).toContain(
      '<title>Add &#60;x&#62; · Pull Request #1 · acme/gitops</title>',
    );
    expect(html).toContain('<li>env/prod</li>');
    expect(html).toContain('&#60;script&#62;');
    expect(html).not.toContain('<script>');
    expect(html).toContain('<code>x.txt</code>');
  });
});
