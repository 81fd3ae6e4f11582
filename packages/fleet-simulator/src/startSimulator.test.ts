import https from 'node:https';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Octokit } from '@octokit/rest';
import { stringify } from 'yaml';
import type { ScenarioInput } from './scenario';
import { vmFolderFiles } from './scenario';
import type { RunningSimulator } from './startSimulator';
import { startSimulator } from './startSimulator';

const scenario: ScenarioInput = {
  name: 'two-clusters',
  credentials: {
    argocd: {
      username: 'admin',
      password: 'test-password',
      tokens: ['argocd-test-token-0123'],
    },
    hub: { token: 'hub-test-token-0123456' },
    github: { token: 'github-test-token-0123' },
  },
  hub: {
    clusterSets: [{ name: 'managed' }],
    clusterSetBindings: [{ namespace: 'argocd', clusterSet: 'managed' }],
    placements: [
      { name: 'gitops', namespace: 'argocd', clusterSets: ['managed'] },
    ],
    gitopsClusters: [
      {
        name: 'gitops',
        namespace: 'argocd',
        placement: 'gitops',
        argoNamespace: 'argocd',
      },
    ],
    clusters: [
      { name: 'dev-a', clusterSet: 'managed', env: 'dev' },
      { name: 'prod-a', clusterSet: 'managed', env: 'prod' },
    ],
  },
  repository: {
    owner: 'org',
    repo: 'gitops',
    files: vmFolderFiles({
      vm: 'web',
      envs: ['dev', 'prod'],
      repoUrl: 'https://github.com/org/gitops.git',
      argocdNamespace: 'argocd',
    }),
  },
};

/** GET over HTTPS trusting only `ca`. */
function httpsJson(
  url: string,
  ca: string,
  token: string,
): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    https
      .get(url, { ca, headers: { authorization: `Bearer ${token}` } }, res => {
        let text = '';
        res.on('data', chunk => {
          text += chunk;
        });
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }),
        );
      })
      .on('error', reject);
  });
}

describe('startSimulator', () => {
  let simulator: RunningSimulator;

  beforeAll(async () => {
    simulator = await startSimulator({
      scenario,
      ports: { control: 0, argocd: 0, hub: 0, github: 0 },
      timeScale: 100,
      quiet: true,
    });
  }, 60_000);

  afterAll(async () => {
    await simulator?.stop();
  });

  it('serves every upstream on loopback, the hub over HTTPS with the generated CA', async () => {
    const { urls, caFile, credentials } = simulator;
    expect(urls.control).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(urls.hub).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(urls.githubApi).toBe(`${urls.github}/api/v3`);
    expect(caFile && existsSync(caFile)).toBe(true);
    const list = await httpsJson(
      `${urls.hub}/apis/cluster.open-cluster-management.io/v1/managedclusters`,
      readFileSync(String(caFile), 'utf8'),
      credentials.hub.token,
    );
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({
      kind: 'ManagedClusterList',
      items: [
        { metadata: { name: 'dev-a' } },
        { metadata: { name: 'prod-a' } },
      ],
    });
  });

  it('creates one Application per cluster for the VM at start, and reports state', async () => {
    const state = await (await fetch(`${simulator.urls.control}/state`)).json();
    expect(state.hub.clusters.total).toBe(2);
    expect(state.argocd.applications.total).toBe(2);
    expect(
      simulator.argocd
        .applications()
        .map(app => app.metadata.name)
        .sort(),
    ).toEqual(['dev-a-web', 'prod-a-web']);
  });

  it('changes availability through the control API and logs hub calls', async () => {
    const response = await fetch(
      `${simulator.urls.control}/clusters/prod-a/availability`,
      {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ status: 'False' }),
      },
    );
    expect(response.status).toBe(200);
    const cluster = simulator.store.get('ManagedCluster', 'prod-a');
    expect(JSON.stringify(cluster?.status)).toContain(
      'ManagedClusterKubeAPIServerUnavailable',
    );
    const log = await (
      await fetch(`${simulator.urls.control}/log?upstream=hub`)
    ).json();
    expect(
      log.entries.some((e: { path: string }) =>
        e.path.endsWith('/managedclusters'),
      ),
    ).toBe(true);
  });

  it('injects faults into an upstream through the control API', async () => {
    await fetch(`${simulator.urls.control}/faults`, {
      method: 'POST',
      body: JSON.stringify({
        upstream: 'github',
        pathPattern: '^/api/v3/repos/',
        status: 502,
        times: 1,
      }),
    });
    const repoUrl = `${simulator.urls.githubApi}/repos/org/gitops`;
    const headers = {
      authorization: `token ${simulator.credentials.github.token}`,
    };
    expect((await fetch(repoUrl, { headers })).status).toBe(502);
    expect((await fetch(repoUrl, { headers })).status).toBe(200);
  });
});

describe('startSimulator with the demo scenario', () => {
  let simulator: RunningSimulator;

  beforeAll(async () => {
    simulator = await startSimulator({
      ports: { control: 0, argocd: 0, hub: 0, github: 0 },
      hubTls: false,
      quiet: true,
    });
  }, 60_000);

  afterAll(async () => {
    await simulator?.stop();
  });

  it('has four clusters in set managed, the stopped lease one Unknown, all placed for ArgoCD', async () => {
    const state = await (await fetch(`${simulator.urls.control}/state`)).json();
    expect(state.hub.clusters).toEqual({
      total: 4,
      available: { True: 3, False: 0, Unknown: 1 },
      byEnv: { dev: 2, prod: 2 },
    });
    expect(state.hub.placements).toEqual([
      {
        namespace: 'argocd',
        name: 'managed-gitops-placement',
        selectedClusters: 4,
      },
    ]);
    expect(simulator.caFile).toBeUndefined();
    expect(simulator.urls.hub).toMatch(/^http:/);
    const gitops = simulator.store.get(
      'GitOpsCluster',
      'managed-gitops-cluster',
      'argocd',
    );
    expect(gitops?.status).toMatchObject({ phase: 'successful' });
  });

  it('serves demo-org/gitops-demo without its seed-style demo-vm; the seed repository when the reference is there', () => {
    const [demo, ...others] = simulator.repositories;
    expect([demo.owner, demo.repo]).toEqual(['demo-org', 'gitops-demo']);
    const head = simulator.github.git.resolveRef(
      'demo-org',
      'gitops-demo',
      'main',
    );
    const files = simulator.github.git.listFiles(
      'demo-org',
      'gitops-demo',
      String(head),
    );
    expect(files).toEqual(
      expect.arrayContaining([
        'applicationsets/cdi/applicationset-cdi.yaml',
        'applicationsets/vms/ci-runner/applicationset.yaml',
      ]),
    );
    expect(
      files.filter(file => file.startsWith('applicationsets/demo-vm/')),
    ).toEqual([]);
    // 0xFelix/gitops-demo is served or skipped (the unit tier runs without
    // the reference directory too), never both and never neither.
    const seed = [
      ...others.map(r => `served ${r.owner}/${r.repo}`),
      ...simulator.skippedRepositories.map(r => `skipped ${r.owner}/${r.repo}`),
    ];
    expect(seed).toEqual([
      expect.stringMatching(/^(served|skipped) 0xFelix\/gitops-demo$/),
    ]);
  });
});

describe('startSimulator with several repositories', () => {
  let simulator: RunningSimulator;
  let referenceDir: string;
  const stderr: string[] = [];

  const extraFiles = {
    'applicationsets/extra.yaml': stringify({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'ApplicationSet',
      metadata: { name: 'extra', namespace: 'argocd' },
      spec: {
        generators: [
          { clusters: { selector: { matchLabels: { env: 'dev' } } } },
        ],
        template: {
          metadata: { name: '{{name}}-extra' },
          spec: {
            project: 'default',
            source: {
              repoURL: 'https://github.com/other/extra.git',
              targetRevision: 'HEAD',
              path: 'manifests',
            },
            destination: { server: '{{server}}', namespace: 'extra' },
            syncPolicy: { automated: { prune: true } },
          },
        },
      },
    }),
    'applicationsets/ignored.yaml': stringify({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'ApplicationSet',
      metadata: { name: 'ignored', namespace: 'argocd' },
      spec: {
        generators: [
          { clusters: { selector: { matchLabels: { env: 'dev' } } } },
        ],
        template: {
          metadata: { name: '{{name}}-ignored' },
          spec: {
            project: 'default',
            source: {
              repoURL: 'https://github.com/other/extra.git',
              path: 'manifests',
            },
            destination: { server: '{{server}}', namespace: 'extra' },
          },
        },
      },
    }),
    'manifests/configmap.yaml': stringify({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'extra' },
      data: { version: '1' },
    }),
  };

  beforeAll(async () => {
    referenceDir = mkdtempSync(path.join(os.tmpdir(), 'no-reference-'));
    jest.spyOn(process.stderr, 'write').mockImplementation(chunk => {
      stderr.push(String(chunk));
      return true;
    });
    try {
      simulator = await startSimulator({
        scenario: {
          ...scenario,
          repository: undefined,
          repositories: [
            scenario.repository!,
            {
              owner: 'other',
              repo: 'extra',
              files: extraFiles,
              applicationSets: ['applicationsets/extra.yaml'],
            },
            { owner: 'missing', repo: 'seed', reference: 'seed-gitops-repo' },
          ],
        },
        referenceDir,
        ports: { control: 0, argocd: 0, hub: 0, github: 0 },
        hubTls: false,
        timeScale: 100,
      });
    } finally {
      jest.restoreAllMocks();
    }
  }, 60_000);

  afterAll(async () => {
    await simulator?.stop();
    rmSync(referenceDir, { recursive: true, force: true });
  });

  it('serves the repositories it can, and names the skipped one and why, once', async () => {
    expect(
      simulator.repositories.map(r => [r.owner, r.repo, r.url, r.repoURL]),
    ).toEqual([
      [
        'org',
        'gitops',
        `${simulator.urls.github}/org/gitops`,
        'https://github.com/org/gitops.git',
      ],
      [
        'other',
        'extra',
        `${simulator.urls.github}/other/extra`,
        'https://github.com/other/extra.git',
      ],
    ]);
    const reason = `${path.join(
      referenceDir,
      'seed-gitops-repo',
    )} does not exist (set KUBEVIRT_GITOPS_REFERENCE_DIR to the folder holding seed-gitops-repo)`;
    expect(simulator.skippedRepositories).toEqual([
      { owner: 'missing', repo: 'seed', reason },
    ]);
    const lines = stderr.join('').split('\n');
    expect(lines.filter(line => line.includes('not served'))).toEqual([
      `fleet-simulator: repository missing/seed not served: ${reason}`,
    ]);
    expect(lines).toContain(
      'fleet-simulator: scenario two-clusters: 2 clusters, 2 repositories (org/gitops: 6 files, other/extra: 3 files)',
    );
    const headers = {
      authorization: `token ${simulator.credentials.github.token}`,
    };
    for (const [repo, status] of [
      ['org/gitops', 200],
      ['other/extra', 200],
      ['missing/seed', 404],
    ] as const) {
      expect([
        repo,
        (await fetch(`${simulator.urls.githubApi}/repos/${repo}`, { headers }))
          .status,
      ]).toEqual([repo, status]);
    }
  });

  it("applies the listed ApplicationSets of each repository, and reconciles on a push to the second one's default branch", async () => {
    const names = () =>
      simulator.argocd
        .applications()
        .map(app => app.metadata.name)
        .sort();
    expect(names()).toEqual(['dev-a-extra', 'dev-a-web', 'prod-a-web']);
    const extra = () =>
      simulator.argocd
        .applications()
        .find(a => a.metadata.name === 'dev-a-extra');
    const web = () =>
      simulator.argocd
        .applications()
        .find(a => a.metadata.name === 'dev-a-web');
    const webRevision = web()?.status.sync.revision;
    expect(webRevision).toBe(
      simulator.github.git.resolveRef('org', 'gitops', 'main'),
    );

    const octokit = new Octokit({
      baseUrl: simulator.urls.githubApi,
      auth: simulator.credentials.github.token,
    });
    const push = async (branch: string, version: string) => {
      const owner = 'other';
      const repo = 'extra';
      const base = await octokit.git.getRef({ owner, repo, ref: 'heads/main' });
      const parent = await octokit.git.getCommit({
        owner,
        repo,
        commit_sha: base.data.object.sha,
      });
      const tree = await octokit.git.createTree({
        owner,
        repo,
        base_tree: parent.data.tree.sha,
        tree: [
          {
            path: 'manifests/configmap.yaml',
            mode: '100644',
            type: 'blob',
            content: stringify({
              apiVersion: 'v1',
              kind: 'ConfigMap',
              metadata: { name: 'extra' },
              data: { version },
            }),
          },
        ],
      });
      const commit = await octokit.git.createCommit({
        owner,
        repo,
        message: `version ${version}`,
        tree: tree.data.sha,
        parents: [base.data.object.sha],
      });
      if (branch === 'main')
        await octokit.git.updateRef({
          owner,
          repo,
          ref: 'heads/main',
          sha: commit.data.sha,
        });
      else
        await octokit.git.createRef({
          owner,
          repo,
          ref: `refs/heads/${branch}`,
          sha: commit.data.sha,
        });
      return commit.data.sha;
    };

    const first = extra()?.status.sync.revision;
    expect(first).toBe(
      simulator.github.git.resolveRef('other', 'extra', 'main'),
    );
    // A branch that is not the default one changes nothing.
    await push('feature', '2');
    await simulator.reconcile();
    expect(extra()?.status.sync.revision).toBe(first);

    const pushed = await push('main', '3');
    const deadline = Date.now() + 4000;
    while (extra()?.status.sync.revision !== pushed && Date.now() < deadline)
      await new Promise(resolve => setTimeout(resolve, 20));
    expect(extra()?.status.sync).toMatchObject({
      status: 'Synced',
      revision: pushed,
    });
    expect(web()?.status.sync.revision).toBe(webRevision);
    expect(names()).toEqual(['dev-a-extra', 'dev-a-web', 'prod-a-web']);
    expect(simulator.argocd.state().revisions).toEqual([
      { repository: 'org/gitops', revision: webRevision },
      { repository: 'other/extra', revision: pushed },
    ]);
  });
});
