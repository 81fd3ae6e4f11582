/*
 * Contract tests (1/2): users, repositories, the Git Data API, commits and
 * contents validate against GitHub's OpenAPI description (GHES 3.19).
 */
import { TEST_TOKEN } from './__testUtils__/startTestGithub';
import {
  owner,
  repo,
  useContractHarness,
} from './__testUtils__/contractHarness';

describe('simulated GitHub conforms to the GitHub OpenAPI description: git data', () => {
  const { contract, github, call, expectConforms } = useContractHarness();
  let baseSha = '';
  let headSha = '';
  let treeSha = '';
  let blobSha = '';
  beforeAll(() => {
    baseSha = github().simulator.git.resolveRef(owner, repo, 'main') ?? '';
  });

  it('GET /user and GET /repos/{owner}/{repo}, and their 401 and 404', async () => {
    await expectConforms('GET /user', '/user', 200);
    await expectConforms(
      'GET /repos/{owner}/{repo}',
      '/repos/{owner}/{repo}',
      200,
    );
    await expectConforms(
      'GET /repos/{owner}/{repo}',
      '/repos/{owner}/{repo}',
      404,
      { repo: 'missing' },
    );
    const denied = await fetch(`${github().apiUrl}/user`, {
      headers: { authorization: 'token nope' },
    });
    expect(denied.status).toBe(401);
    expect(contract.validate('GET', '/user', 401, await denied.json())).toEqual(
      [],
    );
  });

  it('git blobs, trees and commits', async () => {
    const blob = await expectConforms(
      'POST /repos/{owner}/{repo}/git/blobs',
      '/repos/{owner}/{repo}/git/blobs',
      201,
      { content: 'hello\n', encoding: 'utf-8' },
    );
    blobSha = String(Reflect.get(Object(blob), 'sha'));
    await expectConforms(
      'GET /repos/{owner}/{repo}/git/blobs/{file_sha}',
      '/repos/{owner}/{repo}/git/blobs/{file_sha}',
      200,
      { file_sha: blobSha },
    );
    await expectConforms(
      'GET /repos/{owner}/{repo}/git/blobs/{file_sha}',
      '/repos/{owner}/{repo}/git/blobs/{file_sha}',
      404,
      { file_sha: '0'.repeat(40) },
    );

    const tree = await expectConforms(
      'POST /repos/{owner}/{repo}/git/trees',
      '/repos/{owner}/{repo}/git/trees',
      201,
      {
        base_tree: baseSha,
        tree: [
          {
            path: 'vms/web/vm.yaml',
            mode: '100644',
            type: 'blob',
            content: 'name: web\n',
          },
          { path: 'hello.txt', mode: '100644', type: 'blob', sha: blobSha },
          { path: 'README.md', mode: '100644', type: 'blob', sha: null },
        ],
      },
    );
    treeSha = String(Reflect.get(Object(tree), 'sha'));
    await expectConforms(
      'POST /repos/{owner}/{repo}/git/trees',
      '/repos/{owner}/{repo}/git/trees',
      422,
      {
        base_tree: baseSha,
        tree: [{ path: 'nope', mode: '100644', type: 'blob', sha: null }],
      },
    );
    await expectConforms(
      'GET /repos/{owner}/{repo}/git/trees/{tree_sha}',
      '/repos/{owner}/{repo}/git/trees/{tree_sha}',
      200,
      { tree_sha: treeSha, recursive: '1' },
    );

    const commit = await expectConforms(
      'POST /repos/{owner}/{repo}/git/commits',
      '/repos/{owner}/{repo}/git/commits',
      201,
      {
        message: 'Add web',
        tree: treeSha,
        parents: [baseSha],
      },
    );
    headSha = String(Reflect.get(Object(commit), 'sha'));
    await expectConforms(
      'POST /repos/{owner}/{repo}/git/commits',
      '/repos/{owner}/{repo}/git/commits',
      422,
      { message: 'x', tree: '0'.repeat(40), parents: [] },
    );
    await expectConforms(
      'GET /repos/{owner}/{repo}/git/commits/{commit_sha}',
      '/repos/{owner}/{repo}/git/commits/{commit_sha}',
      200,
      { commit_sha: headSha },
    );
    expect([blobSha, treeSha, headSha]).toEqual([
      expect.stringMatching(/^[0-9a-f]{40}$/),
      expect.stringMatching(/^[0-9a-f]{40}$/),
      expect.stringMatching(/^[0-9a-f]{40}$/),
    ]);
  });

  it('git refs', async () => {
    await expectConforms(
      'POST /repos/{owner}/{repo}/git/refs',
      '/repos/{owner}/{repo}/git/refs',
      201,
      { ref: 'refs/heads/feature/web', sha: headSha },
    );
    await expectConforms(
      'POST /repos/{owner}/{repo}/git/refs',
      '/repos/{owner}/{repo}/git/refs',
      422,
      { ref: 'refs/heads/feature/web', sha: headSha },
    );
    await expectConforms(
      'GET /repos/{owner}/{repo}/git/ref/{ref}',
      '/repos/{owner}/{repo}/git/ref/{ref}',
      200,
      { ref: 'heads/feature/web' },
    );
    await expectConforms(
      'GET /repos/{owner}/{repo}/git/ref/{ref}',
      '/repos/{owner}/{repo}/git/ref/{ref}',
      404,
      { ref: 'heads/none' },
    );
    await expectConforms(
      'GET /repos/{owner}/{repo}/git/matching-refs/{ref}',
      '/repos/{owner}/{repo}/git/matching-refs/{ref}',
      200,
      { ref: 'heads/' },
    );
    await expectConforms(
      'PATCH /repos/{owner}/{repo}/git/refs/{ref}',
      '/repos/{owner}/{repo}/git/refs/{ref}',
      200,
      { ref: 'heads/feature/web', sha: headSha },
    );
    await expectConforms(
      'PATCH /repos/{owner}/{repo}/git/refs/{ref}',
      '/repos/{owner}/{repo}/git/refs/{ref}',
      422,
      { ref: 'heads/feature/web', sha: baseSha },
    );
    await expectConforms(
      'POST /repos/{owner}/{repo}/git/refs',
      '/repos/{owner}/{repo}/git/refs',
      201,
      { ref: 'refs/heads/short-lived', sha: headSha },
    );
    const deleted = await call('DELETE /repos/{owner}/{repo}/git/refs/{ref}', {
      ref: 'heads/short-lived',
    });
    expect(deleted.status).toBe(204);
    expect(deleted.data ?? '').toBe('');
    await expectConforms(
      'GET /repos/{owner}/{repo}/git/ref/{ref}',
      '/repos/{owner}/{repo}/git/ref/{ref}',
      404,
      { ref: 'heads/short-lived' },
    );
  });

  it('commits and contents', async () => {
    await expectConforms(
      'GET /repos/{owner}/{repo}/commits',
      '/repos/{owner}/{repo}/commits',
      200,
      { sha: 'feature/web', per_page: 5 },
    );
    await expectConforms(
      'GET /repos/{owner}/{repo}/commits/{ref}',
      '/repos/{owner}/{repo}/commits/{ref}',
      200,
      { ref: headSha },
    );
    await expectConforms(
      'GET /repos/{owner}/{repo}/commits/{ref}/status',
      '/repos/{owner}/{repo}/commits/{ref}/status',
      200,
      { ref: 'main' },
    );
    await expectConforms(
      'GET /repos/{owner}/{repo}/contents/{path}',
      '/repos/{owner}/{repo}/contents/{path}',
      200,
      { path: 'catalog-info.yaml' },
    );
    await expectConforms(
      'GET /repos/{owner}/{repo}/contents/{path}',
      '/repos/{owner}/{repo}/contents/{path}',
      200,
      { path: 'applicationsets/demo-vm' },
    );
    await expectConforms(
      'GET /repos/{owner}/{repo}/contents/{path}',
      '/repos/{owner}/{repo}/contents/{path}',
      404,
      { path: 'none.yaml' },
    );
    const object = await fetch(
      `${github().apiUrl}/repos/acme/gitops/contents/applicationsets`,
      {
        headers: {
          authorization: `token ${TEST_TOKEN}`,
          accept: 'application/vnd.github.object',
        },
      },
    );
    expect(
      contract.validate(
        'GET',
        '/repos/{owner}/{repo}/contents/{path}',
        200,
        await object.json(),
        'application/vnd.github.object',
      ),
    ).toEqual([]);
  });
});
