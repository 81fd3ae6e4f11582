/*
 * readRepositoryFiles against a small stand-in for GitHub's API (one REST
 * tree listing, GraphQL for the branch and the blobs), served on loopback
 * and reached through the real Octokit client: the calls made, the caps,
 * and what a truncated listing does. The fleet simulator's GitHub is used
 * by the catalog module's discovery test.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGithubClient } from './githubClient';
import { readRepositoryFiles } from './readRepositoryFiles';

interface TreeEntry {
  path: string;
  type: 'blob' | 'tree';
  size?: number;
}

interface FakeGithub {
  url: string;
  /** Aliases of each file query, in order. */
  fileQueries: number[];
  treeCalls: number;
  close(): Promise<void>;
}

interface FakeRepository {
  files: Record<string, string>;
  truncated?: boolean;
  /** Paths GitHub calls binary. */
  binary?: string[];
  /** No such branch. */
  noBranch?: boolean;
}

const COMMIT = 'c0ffee0000000000000000000000000000000000';
const TREE = '7ree000000000000000000000000000000000000';

async function fakeGithub(repository: FakeRepository): Promise<FakeGithub> {
  const state = { fileQueries: [] as number[], treeCalls: 0 };
  const dirs = new Set<string>();
  for (const file of Object.keys(repository.files)) {
    const parts = file.split('/');
    for (let i = 1; i < parts.length; i++)
      dirs.add(parts.slice(0, i).join('/'));
  }
  const entries: TreeEntry[] = [
    ...[...dirs].map(path => ({ path, type: 'tree' as const })),
    ...Object.entries(repository.files).map(([path, text]) => ({
      path,
      type: 'blob' as const,
      size: Buffer.byteLength(text),
    })),
  ];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', chunk => chunks.push(chunk));
    request.on('end', () => {
      const send = (status: number, body: unknown) => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(body));
      };
      if (
        request.method === 'GET' &&
        request.url?.startsWith(`/repos/demo-org/gitops-demo/git/trees/${TREE}`)
      ) {
        state.treeCalls++;
        send(200, {
          sha: TREE,
          tree: entries,
          truncated: repository.truncated ?? false,
        });
        return;
      }
      if (request.method === 'POST' && request.url === '/graphql') {
        const { query, variables } = JSON.parse(
          Buffer.concat(chunks).toString('utf8'),
        ) as { query: string; variables: Record<string, string> };
        if (query.includes('KubevirtGitopsDiscoveryHead')) {
          send(200, {
            data: {
              repository: {
                ref: repository.noBranch
                  ? null
                  : { target: { oid: COMMIT, tree: { oid: TREE } } },
              },
            },
          });
          return;
        }
        const aliases = Object.keys(variables).filter(key =>
          /^v\d+$/.test(key),
        );
        state.fileQueries.push(aliases.length);
        const answer: Record<string, unknown> = {};
        for (const alias of aliases) {
          const [commit, path] = variables[alias].split(/:(.*)/s);
          const text = commit === COMMIT ? repository.files[path] : undefined;
          const binary = repository.binary?.includes(path) ?? false;
          answer[`o${alias.slice(1)}`] =
            text === undefined
              ? null
              : {
                  __typename: 'Blob',
                  text: binary ? null : text,
                  isBinary: binary,
                  isTruncated: false,
                };
        }
        send(200, { data: { repository: answer } });
        return;
      }
      send(404, { message: 'Not Found' });
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get fileQueries() {
      return state.fileQueries;
    },
    get treeCalls() {
      return state.treeCalls;
    },
    close: () =>
      new Promise<void>((resolve, reject) =>
        server.close(error => (error ? reject(error) : resolve())),
      ),
  };
}

function read(
  github: FakeGithub,
  options: { maxFiles?: number; maxFileBytes?: number } = {},
) {
  return readRepositoryFiles({
    client: createGithubClient({
      token: 'test-token',
      baseUrl: github.url,
      retries: 0,
    }),
    repository: { host: 'github.com', owner: 'demo-org', repo: 'gitops-demo' },
    baseBranch: 'main',
    ...options,
  });
}

describe('readRepositoryFiles', () => {
  let github: FakeGithub | undefined;

  afterEach(async () => {
    await github?.close();
    github = undefined;
  });

  it('lists the tree once and reads every YAML file outside hidden folders, 50 per query, with the CODEOWNERS GitHub uses', async () => {
    const files: Record<string, string> = {
      'README.md': '# demo\n',
      '.github/workflows/ci.yml': 'on: push\n',
      '.github/CODEOWNERS': '* @demo-org/platform-team\n',
      CODEOWNERS: '* @someone-else\n',
      'vms/web/kustomize/base/Kustomization': 'resources: [vm.yaml]\n',
    };
    for (let i = 0; i < 119; i++) files[`vms/vm-${i}/vm.yaml`] = `n: ${i}\n`;
    github = await fakeGithub({ files });
    const result = await read(github);

    expect(github.treeCalls).toBe(1);
    expect(github.fileQueries).toEqual([50, 50, 21]);
    expect(result.commitSha).toBe(COMMIT);
    expect(result.paths).toHaveLength(Object.keys(files).length);
    expect([...result.files.keys()].sort()).toEqual(
      Object.keys(files)
        .filter(path => path.startsWith('vms/'))
        .sort(),
    );
    expect(result.files.get('vms/vm-7/vm.yaml')).toBe('n: 7\n');
    expect(result.codeowners).toEqual({
      path: '.github/CODEOWNERS',
      text: '* @demo-org/platform-team\n',
    });
    expect(result.warnings).toEqual([]);
  });

  it('reads at most maxFiles files and says which were left out', async () => {
    github = await fakeGithub({
      files: {
        'a.yaml': 'a: 1\n',
        'b.yaml': 'b: 1\n',
        'c.yaml': 'c: 1\n',
        'docs/CODEOWNERS': '/c.yaml @c-owner\n',
      },
    });
    const result = await read(github, { maxFiles: 2 });
    expect([...result.files.keys()]).toEqual(['a.yaml', 'b.yaml']);
    expect(result.codeowners?.path).toBe('docs/CODEOWNERS');
    expect(result.warnings).toEqual([
      '3 files qualify, only the first 2 were read; 1 were not (from c.yaml): VMs defined there are not discovered',
    ]);
  });

  it('leaves out files that are too large or binary, with a warning', async () => {
    github = await fakeGithub({
      files: {
        'big.yaml': `x: "${'y'.repeat(2000)}"\n`,
        'binary.yaml': 'not really',
        'small.yaml': 'a: 1\n',
      },
      binary: ['binary.yaml'],
    });
    const result = await read(github, { maxFileBytes: 1000 });
    expect([...result.files.keys()]).toEqual(['small.yaml']);
    expect(result.warnings).toEqual([
      '1 file(s) larger than 1000 bytes were not read: big.yaml',
      'GitHub gave no text (binary or truncated) for binary.yaml',
    ]);
  });

  it('fails, reading no file, when GitHub truncates the listing (part of a repository would drop VMs)', async () => {
    github = await fakeGithub({
      files: { 'a.yaml': 'a: 1\n' },
      truncated: true,
    });
    await expect(read(github)).rejects.toMatchObject({
      name: 'ServiceUnavailableError',
      message: expect.stringContaining(
        'GitHub truncated the listing of demo-org/gitops-demo at main',
      ),
    });
    expect(github.fileQueries).toEqual([]);
  });

  it('names the configuration to check when the branch does not exist', async () => {
    github = await fakeGithub({ files: {}, noBranch: true });
    await expect(read(github)).rejects.toMatchObject({
      name: 'NotFoundError',
      message: expect.stringContaining(
        'Check kubevirtGitops.gitops.repoUrl and baseBranch',
      ),
    });
    expect(github.treeCalls).toBe(0);
  });
});
