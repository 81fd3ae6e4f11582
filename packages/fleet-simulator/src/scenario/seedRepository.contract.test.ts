/*
 * Contract tier (make test-contracts): the demo scenario serves the real seed
 * GitOps repository (../shared/reference/seed-gitops-repo, or
 * KUBEVIRT_GITOPS_REFERENCE_DIR) as 0xFelix/gitops-demo, every file byte for
 * byte as read at start, and the simulated ArgoCD deploys the seed's demo-vm
 * ApplicationSet from it: one Application per managed cluster, rendered by
 * kustomize from the seed's overlays (which still use the deprecated
 * `bases:`).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { REFERENCE_DIR, referencePath } from '../__testUtils__/reference';
import type { RunningSimulator } from '../startSimulator';
import { startSimulator } from '../startSimulator';

jest.setTimeout(60_000);

const SEED_URL = 'https://github.com/0xFelix/gitops-demo.git';

/** Every file under `root` by "/"-separated relative path. */
function referenceFiles(root: string, relative = ''): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const entry of readdirSync(path.join(root, relative), {
    withFileTypes: true,
  })) {
    const child = relative ? `${relative}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      for (const [file, bytes] of referenceFiles(root, child))
        files.set(file, bytes);
    } else {
      files.set(child, readFileSync(path.join(root, child)));
    }
  }
  return files;
}

function gitBlobSha(bytes: Buffer): string {
  return createHash('sha1')
    .update(Buffer.concat([Buffer.from(`blob ${bytes.length}\0`), bytes]))
    .digest('hex');
}

interface TargetVm {
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    annotations?: Record<string, string>;
  };
  spec: {
    running?: boolean;
    template: { spec: { domain: { memory: { guest: string } } } };
  };
}

describe('the seed GitOps repository in the demo scenario', () => {
  const seedDir = referencePath('seed-gitops-repo');
  let simulator: RunningSimulator;

  beforeAll(async () => {
    simulator = await startSimulator({
      referenceDir: REFERENCE_DIR,
      ports: { control: 0, argocd: 0, hub: 0, github: 0 },
      hubTls: false,
      timeScale: 1000,
      quiet: true,
    });
  });
  afterAll(() => simulator?.stop());

  async function github<T>(route: string): Promise<T> {
    const response = await fetch(`${simulator.urls.githubApi}${route}`, {
      headers: { authorization: `token ${simulator.credentials.github.token}` },
    });
    expect(response.status).toBe(200);
    return (await response.json()) as T;
  }

  async function argocd<T>(route: string): Promise<T> {
    const response = await fetch(`${simulator.urls.argocd}${route}`, {
      headers: {
        authorization: `Bearer ${simulator.credentials.argocd.tokens[0]}`,
      },
    });
    expect(response.status).toBe(200);
    return (await response.json()) as T;
  }

  it('serves 0xFelix/gitops-demo beside demo-org/gitops-demo, nothing skipped', () => {
    expect(simulator.skippedRepositories).toEqual([]);
    expect(simulator.repositories.map(r => `${r.owner}/${r.repo}`)).toEqual([
      'demo-org/gitops-demo',
      '0xFelix/gitops-demo',
    ]);
  });

  it('holds every file of the reference seed, byte for byte, and nothing else', async () => {
    const expected = referenceFiles(seedDir);
    expect(expected.size).toBeGreaterThan(10);
    const tree = await github<{
      truncated: boolean;
      tree: Array<{ path: string; type: string; sha: string; mode: string }>;
    }>('/repos/0xFelix/gitops-demo/git/trees/main?recursive=1');
    expect(tree.truncated).toBe(false);
    const blobs = tree.tree.filter(entry => entry.type === 'blob');
    expect(blobs.map(blob => blob.path).sort()).toEqual(
      [...expected.keys()].sort(),
    );
    for (const blob of blobs) {
      const bytes = expected.get(blob.path) as Buffer;
      const served = await github<{ content: string; encoding: string }>(
        `/repos/0xFelix/gitops-demo/git/blobs/${blob.sha}`,
      );
      expect(served.encoding).toBe('base64');
      const content = Buffer.from(served.content, 'base64');
      expect({ path: blob.path, same: content.equals(bytes) }).toEqual({
        path: blob.path,
        same: true,
      });
      expect({ path: blob.path, sha: blob.sha }).toEqual({
        path: blob.path,
        sha: gitBlobSha(bytes),
      });
    }
  });

  it("applies only the seed's demo-vm ApplicationSet, and demo-org's without a demo-vm of its own", () => {
    const sets = simulator.argocd
      .state()
      .applicationSets.map(set => [set.name, set.repository, set.path]);
    expect(
      sets.filter(([, repository]) => repository === '0xFelix/gitops-demo'),
    ).toEqual([
      [
        'demo-vm',
        '0xFelix/gitops-demo',
        'applicationsets/demo-vm/applicationset-demo-vm.yaml',
      ],
    ]);
    expect(
      sets.filter(([name]) => name === 'cdi' || name === 'kubevirt'),
    ).toEqual([
      [
        'cdi',
        'demo-org/gitops-demo',
        'applicationsets/cdi/applicationset-cdi.yaml',
      ],
      [
        'kubevirt',
        'demo-org/gitops-demo',
        'applicationsets/kubevirt/applicationset-kubevirt.yaml',
      ],
    ]);
    expect(sets.map(([name]) => name)).not.toContain('virtualization');
  });

  it("deploys <cluster>-demo-vm on every managed cluster from the seed's overlay for its env", async () => {
    const seedHead = simulator.github.git.resolveRef(
      '0xFelix',
      'gitops-demo',
      'main',
    );
    expect(seedHead).toMatch(/^[0-9a-f]{40}$/);
    const clusters = simulator.scenario.hub.clusters;
    expect(clusters.map(c => c.env).sort()).toEqual([
      'dev',
      'dev',
      'prod',
      'prod',
    ]);
    // kustomize v5 still renders `bases:` (with a warning on stderr).
    const rendered = Object.fromEntries(
      ['dev', 'prod'].map(env => [
        env,
        parseAllDocuments(
          execFileSync(
            'kubectl',
            [
              'kustomize',
              path.join(seedDir, 'applicationsets/demo-vm/kustomize', env),
            ],
            { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
          ),
        ).map(document => document.toJS() as TargetVm),
      ]),
    );

    for (const cluster of clusters) {
      const env = String(cluster.env);
      const name = `${cluster.name}-demo-vm`;
      const app = simulator.argocd
        .applications()
        .find(a => a.metadata.name === name);
      expect(app?.spec.source).toMatchObject({
        repoURL: SEED_URL,
        targetRevision: 'HEAD',
        path: `applicationsets/demo-vm/kustomize/${env}`,
      });
      expect(app?.spec.destination.namespace).toBe('demo-vm');
      // An unreachable cluster (prod-cluster-2's lease stopped) cannot be
      // compared: ArgoCD says Unknown; every reachable one is Synced.
      expect({ name, sync: app?.status.sync.status }).toEqual({
        name,
        sync: cluster.availability === 'True' ? 'Synced' : 'Unknown',
      });
      expect(app?.status.sync.revision).toBe(seedHead);

      const { items } = await argocd<{
        items: Array<{ kind: string; targetState: string }>;
      }>(`/api/v1/applications/${name}/managed-resources`);
      const targets = items.map(
        item => JSON.parse(item.targetState) as TargetVm,
      );
      expect(targets.map(t => `${t.kind}/${t.metadata.name}`)).toEqual([
        `VirtualMachine/${env}-demo-vm`,
      ]);
      const [vm] = targets;
      expect(vm.spec.running).toBe(false);
      expect(vm.spec.template.spec.domain.memory.guest).toBe(
        env === 'dev' ? '4096M' : '2048M',
      );
      expect(vm.metadata.namespace).toBe('demo-vm');
      expect(vm.metadata.annotations).toEqual({
        'managed-cluster': cluster.name,
      });
      // Exactly kustomize's render of the seed overlay, plus what the
      // Application adds (commonAnnotations, destination namespace).
      const [expected] = rendered[env];
      expect(vm).toEqual({
        ...expected,
        metadata: {
          ...expected.metadata,
          namespace: 'demo-vm',
          annotations: { 'managed-cluster': cluster.name },
        },
      });
    }
  });

  it("reports the halted VMs as ArgoCD's builtin check does (Suspended), Unknown where the cluster is unreachable", async () => {
    const deadline = Date.now() + 20_000;
    const healthOf = () =>
      Object.fromEntries(
        simulator.scenario.hub.clusters.map(cluster => [
          cluster.name,
          simulator.argocd
            .applications()
            .find(a => a.metadata.name === `${cluster.name}-demo-vm`)?.status
            .health.status,
        ]),
      );
    const want = Object.fromEntries(
      simulator.scenario.hub.clusters.map(cluster => [
        cluster.name,
        cluster.availability === 'True' ? 'Suspended' : 'Unknown',
      ]),
    );
    while (
      JSON.stringify(healthOf()) !== JSON.stringify(want) &&
      Date.now() < deadline
    )
      await new Promise(resolve => setTimeout(resolve, 100));
    expect(healthOf()).toEqual(want);
  });
});
