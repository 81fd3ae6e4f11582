import { execFile, spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { smallHub } from './testing/fixtures';
import type { TestHub } from './testing/startTestHub';
import { startTestHub } from './testing/startTestHub';

const run = promisify(execFile);
const hasKubectl =
  spawnSync('kubectl', ['version', '--client'], { stdio: 'ignore' }).status ===
  0;

describe('hub API through kubectl', () => {
  if (!hasKubectl) {
    // eslint-disable-next-line no-console
    console.warn(
      'kubectl checks of the hub did not run: kubectl is not on PATH',
    );
    it('has no kubectl to check with', () => {
      expect(hasKubectl).toBe(false);
    });
    return;
  }

  let hub: TestHub;
  let cacheDir: string;
  const kubectl = async (...args: string[]) => {
    const { stdout } = await run('kubectl', [
      '--server',
      hub.url,
      '--token',
      hub.token,
      '--certificate-authority',
      String(hub.caFile),
      '--cache-dir',
      cacheDir,
      ...args,
    ]);
    return stdout;
  };

  beforeAll(async () => {
    hub = await startTestHub({ definition: smallHub(), tls: true });
    cacheDir = await mkdtemp(path.join(os.tmpdir(), 'kubectl-cache-'));
  });

  afterAll(async () => {
    await hub.close();
    await rm(cacheDir, { recursive: true, force: true });
  });

  it('discovers every OCM resource', async () => {
    const resources = await kubectl('api-resources', '-o', 'name');
    expect(resources.trim().split('\n').sort()).toEqual([
      'gitopsclusters.apps.open-cluster-management.io',
      'managedclusters.cluster.open-cluster-management.io',
      'managedclustersetbindings.cluster.open-cluster-management.io',
      'managedclustersets.cluster.open-cluster-management.io',
      'namespaces',
      'placementdecisions.cluster.open-cluster-management.io',
      'placements.cluster.open-cluster-management.io',
    ]);
  });

  it('gets clusters by short name with a label selector, and decisions across namespaces', async () => {
    expect(await kubectl('get', 'mcl', '-l', 'env=prod', '-o', 'name')).toBe(
      'managedcluster.cluster.open-cluster-management.io/prod-1\nmanagedcluster.cluster.open-cluster-management.io/prod-2\n',
    );
    const decisions = await kubectl(
      'get',
      'placementdecisions',
      '-A',
      '-o',
      'jsonpath={.items[*].metadata.name}',
    );
    expect(decisions).toBe('all-managed-decision-1 prod-only-decision-1');
  });

  it('reports a missing cluster as the API server does', async () => {
    await expect(
      kubectl('get', 'managedcluster', 'nope'),
    ).rejects.toMatchObject({
      stderr: expect.stringContaining(
        'managedclusters.cluster.open-cluster-management.io "nope" not found',
      ),
    });
  });
});
