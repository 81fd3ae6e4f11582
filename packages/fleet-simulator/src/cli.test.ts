import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';

const scenario = {
  name: 'cli-test',
  ports: { control: 0, argocd: 0, hub: 0, github: 0 },
  credentials: {
    argocd: { username: 'admin', password: 'cli-test-password', tokens: [] },
    hub: { token: 'hub-cli-test-token-01' },
    github: { token: 'github-cli-test-token-01' },
  },
  hub: {
    clusterSets: [{ name: 'managed' }],
    clusters: [{ name: 'one', clusterSet: 'managed', env: 'dev' }],
  },
  repository: { owner: 'org', repo: 'gitops', files: { 'README.md': 'empty' } },
};

describe('fleet-simulator CLI', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'fleet-cli-test-'));
    await writeFile(path.join(dir, 'scenario.yaml'), stringify(scenario));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('prints the URLs, credentials and CA file, serves, and stops on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      [
        '--require',
        require.resolve('@backstage/cli/config/nodeTransform.cjs'),
        path.join(__dirname, 'cli.ts'),
        '--scenario',
        path.join(dir, 'scenario.yaml'),
        '--quiet',
        '--time-scale',
        '5',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', chunk => {
      output += String(chunk);
    });
    child.stderr.on('data', chunk => {
      output += String(chunk);
    });
    const exited = new Promise<number | null>(resolve =>
      child.on('exit', code => resolve(code)),
    );
    const deadline = Date.now() + 30_000;
    while (
      !output.includes('press Ctrl+C') &&
      Date.now() < deadline &&
      child.exitCode === null
    ) {
      await new Promise(resolve => setTimeout(resolve, 50));
    }
    expect(output).toContain(
      'Fleet simulator running (scenario cli-test, time scale 5x',
    );
    expect(output).toContain('bearer token hub-cli-test-token-01');
    expect(output).toMatch(/hub CA file \S+ca\.crt/);
    const control = /control API\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(
      output,
    )?.[1];
    expect(control).toBeDefined();
    const health = await fetch(`${control}/healthz`);
    expect(health.status).toBe(200);

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output).toContain('SIGTERM: stopping the fleet simulator');
  }, 60_000);

  it('prints every served repository and each skipped one with the reason', async () => {
    const referenceDir = path.join(dir, 'reference');
    await mkdir(path.join(referenceDir, 'present'), { recursive: true });
    await writeFile(path.join(referenceDir, 'present', 'seed.yaml'), 'a: 1\n');
    const file = path.join(dir, 'repositories.yaml');
    const { repository: _one, ports: _ports, ...rest } = scenario;
    await writeFile(
      file,
      stringify({
        ...rest,
        // Fixed ports in the file; --ports overrides them with free ones.
        ports: { control: 1, argocd: 2, hub: 3, github: 4 },
        repositories: [
          scenario.repository,
          { owner: 'seed', repo: 'present', reference: 'present' },
          { owner: 'seed', repo: 'absent', reference: 'absent' },
        ],
      }),
    );
    const child = spawn(
      process.execPath,
      [
        '--require',
        require.resolve('@backstage/cli/config/nodeTransform.cjs'),
        path.join(__dirname, 'cli.ts'),
        '--scenario',
        file,
        '--reference-dir',
        referenceDir,
        '--ports',
        '0,0,0,0',
        '--hub-http',
        '--quiet',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', chunk => {
      output += String(chunk);
    });
    child.stderr.on('data', chunk => {
      output += String(chunk);
    });
    const exited = new Promise<number | null>(resolve =>
      child.on('exit', code => resolve(code)),
    );
    const deadline = Date.now() + 30_000;
    while (
      !output.includes('press Ctrl+C') &&
      Date.now() < deadline &&
      child.exitCode === null
    ) {
      await new Promise(resolve => setTimeout(resolve, 50));
    }
    const github = /GitHub\s+(http:\/\/127\.0\.0\.1:\d+)\/api\/v3/.exec(
      output,
    )?.[1];
    expect(github).toBeDefined();
    const lines = output.split('\n').map(line => line.trim());
    expect(lines.filter(line => line.startsWith('GitOps repository'))).toEqual([
      `GitOps repository ${github}/org/gitops (branch main, 1 files)`,
      `GitOps repository ${github}/seed/present (branch main, 1 files)`,
    ]);
    expect(lines.filter(line => line.startsWith('not served'))).toEqual([
      `not served: seed/absent: ${path.join(
        referenceDir,
        'absent',
      )} does not exist (set KUBEVIRT_GITOPS_REFERENCE_DIR to the folder holding absent)`,
    ]);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 60_000);

  it('names the bad option and exits 2', async () => {
    const child = spawn(
      process.execPath,
      [
        '--require',
        require.resolve('@backstage/cli/config/nodeTransform.cjs'),
        path.join(__dirname, 'cli.ts'),
        '--time-scale',
        'fast',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let errors = '';
    child.stderr.on('data', chunk => {
      errors += String(chunk);
    });
    const code = await new Promise<number | null>(resolve =>
      child.on('exit', resolve),
    );
    expect(code).toBe(2);
    expect(errors).toContain(
      '--time-scale must be a positive number, got "fast"',
    );
  }, 30_000);
});
