import https from 'node:https';
import { existsSync, readFileSync } from 'node:fs';
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
});
