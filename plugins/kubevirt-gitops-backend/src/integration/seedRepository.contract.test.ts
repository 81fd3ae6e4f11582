/*
 * Open pull requests per repository, against the demo scenario as
 * `make start` serves it: demo-org/gitops-demo (kubevirtGitops.gitops.repoUrl)
 * and the real seed GitOps repository (../shared/reference/seed-gitops-repo,
 * served as 0xFelix/gitops-demo and adopted). A VM entity names its
 * repository with kubevirt-gitops.io/gitops-repo; its tab lists the pull
 * requests of that repository only, never one of the same folder in another.
 * Contract tier: it needs the reference folder.
 */
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  startSimulator,
  type RunningSimulator,
} from '@internal/fleet-simulator';
import type { VmStatusResponse } from '@internal/plugin-kubevirt-gitops-common';
import request from 'supertest';
import { kubevirtGitopsPlugin } from '../plugin';
import { simulatorConfig } from '../__testUtils__/simulatorConfig';

jest.setTimeout(120_000);

const entity = (name: string, annotations: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name, namespace: 'default', annotations },
  spec: { type: 'virtual-machine', owner: 'group:default/platform-team' },
});

const seedVm = {
  'kubevirt-gitops.io/vm-name': 'demo-vm',
  'kubevirt-gitops.io/applicationset': 'demo-vm',
  'kubevirt-gitops.io/gitops-path': 'applicationsets/demo-vm',
};
/** The entities; `host` is the simulated GitHub's (as simulatorConfig configures it). */
const entitiesFor = (host: string) => [
  // as discovery writes it for the adopted repository
  entity('demo-vm', {
    ...seedVm,
    'kubevirt-gitops.io/gitops-repo': `https://${host}/0xFelix/gitops-demo`,
  }),
  // the same folder, but in the primary repository (no gitops-repo)
  entity('demo-vm-primary', seedVm),
  entity('analytics-db', {
    'kubevirt-gitops.io/vm-name': 'analytics-db',
    'kubevirt-gitops.io/gitops-path': 'applicationsets/vms/analytics-db',
  }),
  entity('elsewhere', {
    ...seedVm,
    'kubevirt-gitops.io/gitops-repo': `https://${host}/evil/gitops`,
  }),
];

describe('open pull requests in the VM own repository (demo + adopted seed)', () => {
  let simulator: RunningSimulator;
  let backend: Awaited<ReturnType<typeof startTestBackend>>;

  /** The simulated GitHub REST API, as a client of the product would call it. */
  async function github(
    path: string,
    init?: { method: string; body: unknown },
  ) {
    const res = await fetch(`${simulator.urls.githubApi}${path}`, {
      method: init?.method ?? 'GET',
      headers: {
        authorization: `token ${simulator.credentials.github.token}`,
        'content-type': 'application/json',
      },
      ...(init ? { body: JSON.stringify(init.body) } : {}),
    });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return res.json();
  }

  /** Opens a pull request in owner/repo that writes one file. */
  async function openPullRequest(
    owner: string,
    repo: string,
    branch: string,
    file: string,
  ): Promise<string> {
    const base = await github(`/repos/${owner}/${repo}/git/ref/heads/main`);
    const parent = await github(
      `/repos/${owner}/${repo}/git/commits/${base.object.sha}`,
    );
    const tree = await github(`/repos/${owner}/${repo}/git/trees`, {
      method: 'POST',
      body: {
        base_tree: parent.tree.sha,
        tree: [{ path: file, mode: '100644', type: 'blob', content: 'x: 1\n' }],
      },
    });
    const commit = await github(`/repos/${owner}/${repo}/git/commits`, {
      method: 'POST',
      body: { message: branch, tree: tree.sha, parents: [base.object.sha] },
    });
    await github(`/repos/${owner}/${repo}/git/refs`, {
      method: 'POST',
      body: { ref: `refs/heads/${branch}`, sha: commit.sha },
    });
    const pull = await github(`/repos/${owner}/${repo}/pulls`, {
      method: 'POST',
      body: { title: branch, head: branch, base: 'main' },
    });
    return pull.html_url;
  }

  const vms = async (name: string): Promise<VmStatusResponse> =>
    (
      await request(backend.server)
        .get(`/api/kubevirt-gitops/entities/default/resource/${name}/vms`)
        .set('Authorization', mockCredentials.user.header())
    ).body;

  let seedPull: string;
  let primaryPull: string;

  beforeAll(async () => {
    simulator = await startSimulator({
      ports: { control: 0, argocd: 0, hub: 0, github: 0 },
      timeScale: 50,
      quiet: true,
    });
    if (simulator.skippedRepositories.length > 0)
      throw new Error(
        `the seed repository is not served: ${JSON.stringify(
          simulator.skippedRepositories,
        )}`,
      );
    backend = await startTestBackend({
      features: [
        kubevirtGitopsPlugin,
        mockServices.rootConfig.factory({ data: simulatorConfig(simulator) }),
        mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
        schedulerServiceFactory,
        mockServices.logger.factory(),
        catalogServiceMock.factory({
          entities: entitiesFor(new URL(simulator.urls.github).host),
        }),
      ],
    });
    seedPull = await openPullRequest(
      '0xFelix',
      'gitops-demo',
      'kubevirt-gitops/set-run-strategy/demo-vm',
      'applicationsets/demo-vm/kustomize/dev/kustomization.yaml',
    );
    primaryPull = await openPullRequest(
      'demo-org',
      'gitops-demo',
      'kubevirt-gitops/resize/demo-vm',
      'applicationsets/demo-vm/kustomize/dev/kustomization.yaml',
    );
  });

  afterAll(async () => {
    await backend?.stop();
    await simulator?.stop();
  });

  it('configures the adopted repository from the served one', () => {
    expect(
      simulatorConfig(simulator).kubevirtGitops as { gitops: unknown },
    ).toMatchObject({
      gitops: {
        adoptedRepositories: [
          { repoUrl: expect.stringMatching(/\/0xFelix\/gitops-demo$/) },
        ],
      },
    });
  });

  it("lists for the seed's demo-vm the pull request of 0xFelix/gitops-demo, not the one of the same folder in demo-org", async () => {
    const body = await vms('demo-vm');
    expect(body.errors).toEqual([]);
    expect(body.pullRequests.map(pull => pull.url)).toEqual([seedPull]);
    expect(seedPull).toMatch(/\/0xFelix\/gitops-demo\/pull\/\d+$/);
    expect(body.pullRequests[0].operation).toBe('set-run-strategy');
  });

  it("lists for an entity of the primary repository only that repository's pull request", async () => {
    const body = await vms('demo-vm-primary');
    expect(body.pullRequests.map(pull => pull.url)).toEqual([primaryPull]);
    expect(primaryPull).toMatch(/\/demo-org\/gitops-demo\/pull\/\d+$/);
  });

  it('lists nothing for a VM of another folder (analytics-db), in either repository', async () => {
    expect((await vms('analytics-db')).pullRequests).toEqual([]);
  });

  it('names the fix when the entity names a repository that is not configured, and still answers', async () => {
    const body = await vms('elsewhere');
    expect(body.pullRequests).toEqual([]);
    expect(body.errors).toEqual([
      expect.objectContaining({
        source: 'github',
        message: expect.stringContaining(
          '/evil/gitops, which is not a configured GitOps repository; add it to kubevirtGitops.gitops.adoptedRepositories',
        ),
      }),
    ]);
  });
});
