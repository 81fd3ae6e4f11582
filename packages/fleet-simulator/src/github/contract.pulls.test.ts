/*
 * Contract tests (2/2): pull requests, reviewers, labels, comments and
 * merging validate against GitHub's OpenAPI description (GHES 3.19).
 */
import {
  owner,
  repo,
  useContractHarness,
} from './__testUtils__/contractHarness';

describe('simulated GitHub conforms to the GitHub OpenAPI description: pull requests', () => {
  const { contract, github, call, expectConforms } = useContractHarness();
  let baseSha = '';
  let headSha = '';
  beforeAll(async () => {
    const { octokit, simulator } = github();
    baseSha = simulator.git.resolveRef(owner, repo, 'main') ?? '';
    const { data: tree } = await octokit.git.createTree({
      owner,
      repo,
      base_tree: baseSha,
      tree: [
        {
          path: 'vms/web/vm.yaml',
          mode: '100644',
          type: 'blob',
          content: 'name: web\n',
        },
      ],
    });
    const { data: commit } = await octokit.git.createCommit({
      owner,
      repo,
      message: 'Add web',
      tree: tree.sha,
      parents: [baseSha],
    });
    headSha = commit.sha;
    await octokit.git.createRef({
      owner,
      repo,
      ref: 'refs/heads/feature/web',
      sha: headSha,
    });
  });

  it('pull requests, reviewers, labels, comments and merging', async () => {
    await expectConforms(
      'POST /repos/{owner}/{repo}/pulls',
      '/repos/{owner}/{repo}/pulls',
      201,
      { title: 'Add web', head: 'feature/web', base: 'main', body: 'Adds web' },
    );
    await expectConforms(
      'POST /repos/{owner}/{repo}/pulls',
      '/repos/{owner}/{repo}/pulls',
      422,
      { title: 'Again', head: 'feature/web', base: 'main' },
    );
    await expectConforms(
      'GET /repos/{owner}/{repo}/pulls',
      '/repos/{owner}/{repo}/pulls',
      200,
      { head: 'acme:feature/web', state: 'all' },
    );
    await expectConforms(
      'GET /repos/{owner}/{repo}/pulls/{pull_number}',
      '/repos/{owner}/{repo}/pulls/{pull_number}',
      200,
      { pull_number: 1 },
    );
    await expectConforms(
      'GET /repos/{owner}/{repo}/pulls/{pull_number}',
      '/repos/{owner}/{repo}/pulls/{pull_number}',
      404,
      { pull_number: 99 },
    );
    await expectConforms(
      'PATCH /repos/{owner}/{repo}/pulls/{pull_number}',
      '/repos/{owner}/{repo}/pulls/{pull_number}',
      200,
      { pull_number: 1, body: 'Adds the web VM' },
    );
    await expectConforms(
      'GET /repos/{owner}/{repo}/pulls/{pull_number}/files',
      '/repos/{owner}/{repo}/pulls/{pull_number}/files',
      200,
      { pull_number: 1 },
    );
    await expectConforms(
      'GET /repos/{owner}/{repo}/pulls/{pull_number}/commits',
      '/repos/{owner}/{repo}/pulls/{pull_number}/commits',
      200,
      { pull_number: 1 },
    );
    await expectConforms(
      'POST /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers',
      '/repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers',
      201,
      {
        pull_number: 1,
        reviewers: ['alice'],
        team_reviewers: ['platform-team'],
      },
    );
    await expectConforms(
      'GET /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers',
      '/repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers',
      200,
      { pull_number: 1 },
    );
    await expectConforms(
      'POST /repos/{owner}/{repo}/issues/{issue_number}/labels',
      '/repos/{owner}/{repo}/issues/{issue_number}/labels',
      200,
      { issue_number: 1, labels: ['vm/create', 'bug'] },
    );
    await expectConforms(
      'GET /repos/{owner}/{repo}/issues/{issue_number}/labels',
      '/repos/{owner}/{repo}/issues/{issue_number}/labels',
      200,
      { issue_number: 1 },
    );
    await expectConforms(
      'GET /repos/{owner}/{repo}/labels',
      '/repos/{owner}/{repo}/labels',
      200,
    );
    await expectConforms(
      'POST /repos/{owner}/{repo}/issues/{issue_number}/comments',
      '/repos/{owner}/{repo}/issues/{issue_number}/comments',
      201,
      { issue_number: 1, body: 'LGTM' },
    );
    await expectConforms(
      'GET /repos/{owner}/{repo}/issues/{issue_number}/comments',
      '/repos/{owner}/{repo}/issues/{issue_number}/comments',
      200,
      { issue_number: 1 },
    );
    await expectConforms(
      'PUT /repos/{owner}/{repo}/pulls/{pull_number}/merge',
      '/repos/{owner}/{repo}/pulls/{pull_number}/merge',
      409,
      { pull_number: 1, sha: baseSha },
    );
    await expectConforms(
      'PUT /repos/{owner}/{repo}/pulls/{pull_number}/merge',
      '/repos/{owner}/{repo}/pulls/{pull_number}/merge',
      200,
      { pull_number: 1, sha: headSha },
    );
    await expectConforms(
      'PUT /repos/{owner}/{repo}/pulls/{pull_number}/merge',
      '/repos/{owner}/{repo}/pulls/{pull_number}/merge',
      405,
      { pull_number: 1 },
    );
    const merged = await expectConforms(
      'GET /repos/{owner}/{repo}/pulls/{pull_number}',
      '/repos/{owner}/{repo}/pulls/{pull_number}',
      200,
      { pull_number: 1 },
    );
    expect(merged).toMatchObject({ merged: true, state: 'closed' });
  });

  it('rejects responses that break the description, down to nested components', async () => {
    const pull = await call('GET /repos/{owner}/{repo}/pulls/{pull_number}', {
      pull_number: 1,
    });
    const broken = JSON.parse(JSON.stringify(pull.data));
    delete broken.head.repo.owner.login;
    broken.labels[0].color = 7;
    const errors = contract.validate(
      'GET',
      '/repos/{owner}/{repo}/pulls/{pull_number}',
      200,
      broken,
    );
    expect(errors).toHaveLength(2);
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringContaining('/head/repo/owner'),
        expect.stringContaining('/labels/0/color'),
      ]),
    );
    expect(
      contract.validate('GET', '/repos/{owner}/{repo}/git/ref/{ref}', 200, {
        ref: 'refs/heads/main',
      }),
    ).not.toEqual([]);
    expect(
      contract.validate('GET', '/user', 200, { login: 'someone' }),
    ).not.toEqual([]);
  });
});
