import { Octokit } from '@octokit/rest';
import { stringify } from 'yaml';
import type { JsonObject } from './health';
import type { HealthStatus } from './health';
import { applicationHealth, virtualMachineHealth } from './health';
import type { Application } from './types';
import { SINGLE_REPOSITORY_SCENARIO_FILE } from '../scenario';
import type { RunningSimulator } from '../startSimulator';
import { startSimulator } from '../startSimulator';

const SSH_KEY =
  'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIE2eTestKeyForTheLoopEndToEndTestOnly00000 e2e@fleet-simulator';

/** A VM folder in the per-vm-applicationset layout, written the way the product writes it. */
function vmFolder(
  vm: string,
  envs: string[],
  repoURL: string,
  namespace: string,
): Record<string, string> {
  const root = `applicationsets/vms/${vm}`;
  const files: Record<string, string> = {
    [`${root}/applicationset.yaml`]: stringify({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'ApplicationSet',
      metadata: { name: vm, namespace },
      spec: {
        generators: [
          {
            clusters: {
              selector: {
                matchExpressions: [
                  { key: 'env', operator: 'In', values: envs },
                ],
              },
            },
          },
        ],
        template: {
          metadata: {
            name: `{{nameNormalized}}-${vm}`,
            labels: {
              'kubevirt-gitops.io/vm': vm,
              'kubevirt-gitops.io/env': '{{metadata.labels.env}}',
              'kubevirt-gitops.io/cluster': '{{name}}',
            },
          },
          spec: {
            project: 'default',
            source: {
              repoURL,
              targetRevision: 'HEAD',
              path: `${root}/kustomize/{{metadata.labels.env}}`,
            },
            destination: { server: '{{server}}', namespace: 'vms' },
            syncPolicy: {
              automated: { prune: true, selfHeal: true },
              syncOptions: ['CreateNamespace=true'],
            },
          },
        },
      },
    }),
    [`${root}/kustomize/base/kustomization.yaml`]: stringify({
      resources: ['virtualmachine.yaml'],
    }),
    [`${root}/kustomize/base/virtualmachine.yaml`]: stringify({
      apiVersion: 'kubevirt.io/v1',
      kind: 'VirtualMachine',
      metadata: { name: vm },
      spec: {
        runStrategy: 'Always',
        template: {
          spec: {
            domain: {
              memory: { guest: '2Gi' },
              devices: { disks: [{ name: 'root', disk: { bus: 'virtio' } }] },
            },
            volumes: [
              {
                name: 'root',
                containerDisk: { image: 'quay.io/containerdisks/fedora:41' },
              },
              {
                name: 'cloudinit',
                cloudInitNoCloud: {
                  userData: `#cloud-config\nssh_authorized_keys:\n  - ${SSH_KEY}\n`,
                },
              },
            ],
          },
        },
      },
    }),
    [`${root}/catalog-info.yaml`]: stringify({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: vm,
        annotations: {
          'kubevirt-gitops.io/argocd-app-selector': `kubevirt-gitops.io/vm=${vm}`,
        },
      },
      spec: { type: 'virtual-machine', owner: 'group:default/platform-team' },
    }),
  };
  for (const env of envs) {
    files[`${root}/kustomize/${env}/kustomization.yaml`] = stringify({
      resources: ['../base'],
      namePrefix: `${env}-`,
    });
  }
  return files;
}

describe('the GitOps loop end to end', () => {
  let simulator: RunningSimulator;
  let token: string;

  async function argocd<T>(path: string): Promise<T> {
    const response = await fetch(`${simulator.urls.argocd}${path}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    if (!response.ok) throw new Error(`${path} answered ${response.status}`);
    return (await response.json()) as T;
  }

  async function eventually<T>(
    check: () => Promise<T>,
    timeoutMs = 20_000,
  ): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        return await check();
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise(resolve => setTimeout(resolve, 50));
      }
    }
  }

  beforeAll(async () => {
    // The demo fleet without the reference directory's seed repository.
    simulator = await startSimulator({
      scenario: SINGLE_REPOSITORY_SCENARIO_FILE,
      ports: { control: 0, argocd: 0, hub: 0, github: 0 },
      timeScale: 1000,
      hubTls: false,
      quiet: true,
    });
    const { username, password } = simulator.credentials.argocd;
    const session = await fetch(`${simulator.urls.argocd}/api/v1/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    token = ((await session.json()) as { token: string }).token;
  });
  afterAll(() => simulator?.stop());

  it('deploys a merged VM pull request to the clusters whose env matches', async () => {
    const octokit = new Octokit({
      baseUrl: simulator.urls.githubApi,
      auth: simulator.credentials.github.token,
    });
    const { owner, repo, defaultBranch } = simulator.scenario.repository;
    const repoURL = `https://github.com/${owner}/${repo}.git`;
    const namespace = simulator.scenario.argocd.namespace;
    const files = {
      ...vmFolder('web-02', ['dev'], repoURL, namespace),
      ...vmFolder('batch-01', ['prod'], repoURL, namespace),
    };

    const base = await octokit.git.getRef({
      owner,
      repo,
      ref: `heads/${defaultBranch}`,
    });
    const baseCommit = await octokit.git.getCommit({
      owner,
      repo,
      commit_sha: base.data.object.sha,
    });
    const newTree = await octokit.git.createTree({
      owner,
      repo,
      base_tree: baseCommit.data.tree.sha,
      tree: Object.entries(files).map(([path, content]) => ({
        path,
        mode: '100644' as const,
        type: 'blob' as const,
        content,
      })),
    });
    const commit = await octokit.git.createCommit({
      owner,
      repo,
      message: 'Add VMs web-02 and batch-01',
      tree: newTree.data.sha,
      parents: [base.data.object.sha],
    });
    await octokit.git.createRef({
      owner,
      repo,
      ref: 'refs/heads/add-vms',
      sha: commit.data.sha,
    });
    const pull = await octokit.pulls.create({
      owner,
      repo,
      title: 'Add VMs',
      head: 'add-vms',
      base: defaultBranch,
    });
    const before = await argocd<{ items: Application[] }>(
      '/api/v1/applications?selector=kubevirt-gitops.io/vm%20in%20(web-02,batch-01)',
    );
    expect(before.items).toEqual([]);

    const merged = await octokit.pulls.merge({
      owner,
      repo,
      pull_number: pull.data.number,
    });
    expect(merged.data.merged).toBe(true);
    await simulator.reconcile();

    const clustersOf = async (vm: string) =>
      (
        await argocd<{ items: Application[] }>(
          `/api/v1/applications?selector=kubevirt-gitops.io/vm%3D${vm}`,
        )
      ).items.map(a => a.metadata.labels?.['kubevirt-gitops.io/cluster']);
    expect(await clustersOf('web-02')).toEqual([
      'dev-cluster-1',
      'dev-cluster-2',
    ]);
    expect(await clustersOf('batch-01')).toEqual([
      'prod-cluster-1',
      'prod-cluster-2',
    ]);

    for (const app of [
      'dev-cluster-1-web-02',
      'dev-cluster-2-web-02',
      'prod-cluster-1-batch-01',
    ]) {
      const [env] = app.includes('web-02') ? ['dev'] : ['prod'];
      const vmName = `${env}-${app.includes('web-02') ? 'web-02' : 'batch-01'}`;
      const vm = await eventually(async () => {
        const resource = await argocd<{ manifest: string }>(
          `/api/v1/applications/${app}/resource?namespace=vms&resourceName=${vmName}&version=v1&group=kubevirt.io&kind=VirtualMachine`,
        );
        const object = JSON.parse(resource.manifest) as JsonObject & {
          status: { printableStatus: string };
        };
        expect(object.status.printableStatus).toBe('Running');
        return object;
      });
      const application = await eventually(async () => {
        const current = await argocd<Application>(
          `/api/v1/applications/${app}`,
        );
        expect(current.status.health.status).toBe('Healthy');
        return current;
      });
      expect(application.status.sync).toMatchObject({
        status: 'Synced',
        revision: merged.data.sha,
      });
      const tree = await argocd<{
        nodes: Array<{
          kind: string;
          health?: HealthStatus;
        }>;
      }>(`/api/v1/applications/${app}/resource-tree`);
      const vmNode = tree.nodes.find(n => n.kind === 'VirtualMachine');
      expect(vmNode?.health).toEqual(virtualMachineHealth(vm));
      const worst = applicationHealth(
        tree.nodes
          .filter(n => n.kind === 'VirtualMachine')
          .map(n => ({ live: true, health: n.health?.status })),
      );
      expect(application.status.health.status).toBe(worst);
      expect(tree.nodes.map(n => n.kind).sort()).toEqual([
        'Pod',
        'VirtualMachine',
        'VirtualMachineInstance',
      ]);
    }

    const unreachable = await argocd<Application>(
      '/api/v1/applications/prod-cluster-2-batch-01',
    );
    expect(unreachable.status.health.status).toBe('Unknown');
    expect(unreachable.status.sync.status).toBe('Unknown');
    expect(unreachable.status.conditions?.[0]?.message).toContain(
      'prod-cluster-2',
    );
  });
});
