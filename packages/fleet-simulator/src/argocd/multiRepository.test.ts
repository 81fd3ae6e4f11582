/*
 * The simulated ArgoCD over two GitOps repositories in one Git store:
 * ApplicationSets come from both, each Application renders from the
 * repository its repoURL names (at that repository's revision), a push to
 * one repository moves only its Applications, and a repository's
 * `applicationSets` list limits which of its files are applied.
 */
import { stringify } from 'yaml';
import { vmFolderFiles } from '../scenario';
import type { ArgocdHarness } from './__testUtils__/argocdHarness';
import { NAMESPACE, createArgocdHarness } from './__testUtils__/argocdHarness';

const A_URL = 'https://github.com/example/gitops.git';
const B_URL = 'https://github.com/seed-org/seed.git';

/** A ConfigMap whose data says which repository (and commit) it came from. */
function configMap(origin: string): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'origin' },
    data: { origin },
  });
}

/** An ApplicationSet over every external cluster rendering `path` of `repoURL`. */
function applicationSet(name: string, repoURL: string, path: string): string {
  return stringify({
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'ApplicationSet',
    metadata: { name, namespace: NAMESPACE },
    spec: {
      generators: [
        {
          clusters: {
            selector: {
              matchLabels: { 'argocd.argoproj.io/secret-type': 'cluster' },
            },
          },
        },
      ],
      template: {
        metadata: { name: `{{nameNormalized}}-${name}` },
        spec: {
          project: 'default',
          source: { repoURL, targetRevision: 'HEAD', path },
          destination: { server: '{{server}}', namespace: name },
          syncPolicy: { automated: { prune: true, selfHeal: true } },
        },
      },
    },
  });
}

const repoA = {
  ...vmFolderFiles({
    vm: 'web',
    envs: ['dev', 'prod'],
    repoUrl: A_URL,
    argocdNamespace: NAMESPACE,
  }),
  // The same path in both repositories, with different content.
  'shared/configmap.yaml': configMap('A'),
};

const repoB = {
  'applicationsets/app-b.yaml': applicationSet('app-b', B_URL, 'shared'),
  // In B, but its Applications name A: they render A's files.
  'applicationsets/cross.yaml': applicationSet('cross', A_URL, 'shared'),
  // Not in B's applicationSets list: never applied.
  'applicationsets/unlisted.yaml': applicationSet('unlisted', B_URL, 'shared'),
  'shared/configmap.yaml': configMap('B'),
};

/** The origin of the ConfigMap ArgoCD's target state of `app` holds. */
async function targetOrigin(harness: ArgocdHarness, app: string) {
  const { status, body } = await harness.api(
    `/api/v1/applications/${app}/managed-resources`,
  );
  expect(status).toBe(200);
  const items = (
    body as { items: Array<{ kind: string; targetState: string }> }
  ).items;
  const target = items.find(item => item.kind === 'ConfigMap')?.targetState;
  return target
    ? (JSON.parse(target) as { data: { origin: string } }).data.origin
    : undefined;
}

/**
 * What must not move on an Application when another repository changes
 * (`reconciledAt` may: every pass compares every Application again, as
 * ArgoCD's periodic refresh does).
 */
function settledState(harness: ArgocdHarness, name: string) {
  const { metadata, status } = harness.app(name);
  return {
    generation: metadata.generation,
    sync: status.sync,
    health: status.health,
    history: status.history,
    operationState: status.operationState,
    resources: status.resources,
  };
}

describe('the GitOps loop over two repositories', () => {
  let harness: ArgocdHarness;

  beforeEach(async () => {
    harness = createArgocdHarness({
      files: repoA,
      clusters: [
        { name: 'dev-1', env: 'dev' },
        { name: 'prod-1', env: 'prod' },
      ],
      clock: 'manual',
      repositories: [
        {
          owner: 'seed-org',
          repo: 'seed',
          files: repoB,
          applicationSets: [
            'applicationsets/app-b.yaml',
            'applicationsets/cross.yaml',
          ],
        },
      ],
    });
    await harness.argocd.reconcile();
  });
  afterEach(() => harness.stop());

  it('applies the ApplicationSets of both repositories, only the listed files of B', () => {
    expect(harness.argocd.applications().map(a => a.metadata.name)).toEqual([
      'dev-1-app-b',
      'dev-1-cross',
      'dev-1-web',
      'prod-1-app-b',
      'prod-1-cross',
      'prod-1-web',
    ]);
    const state = harness.argocd.state();
    expect(
      state.applicationSets.map(set => [set.name, set.repository, set.path]),
    ).toEqual([
      ['web', 'example/gitops', 'applicationsets/vms/web/applicationset.yaml'],
      ['app-b', 'seed-org/seed', 'applicationsets/app-b.yaml'],
      ['cross', 'seed-org/seed', 'applicationsets/cross.yaml'],
    ]);
    expect(state.revisions).toEqual([
      { repository: 'example/gitops', revision: harness.git.head() },
      { repository: 'seed-org/seed', revision: harness.repositories[0].head() },
    ]);
    expect(state.revision).toBe(harness.git.head());
    expect(state.errors).toBeUndefined();
    expect(harness.repositories[0].head()).not.toBe(harness.git.head());
  });

  it("renders each Application from the repository its repoURL names, at that repository's revision", async () => {
    const headA = harness.git.head();
    const headB = harness.repositories[0].head();
    await harness.eventually(() => {
      for (const name of ['dev-1-app-b', 'dev-1-cross', 'prod-1-app-b']) {
        expect(harness.app(name).status.sync.status).toBe('Synced');
      }
    });
    expect(harness.app('dev-1-app-b').status.sync.revision).toBe(headB);
    expect(await targetOrigin(harness, 'dev-1-app-b')).toBe('B');
    expect(harness.app('dev-1-cross').status.sync.revision).toBe(headA);
    expect(await targetOrigin(harness, 'dev-1-cross')).toBe('A');
    expect(harness.app('dev-1-web').status.sync.revision).toBe(headA);
    expect(harness.app('dev-1-web').status.sourceType).toBe('Kustomize');
    expect(harness.app('dev-1-app-b').status.sourceType).toBe('Directory');
    // One checkout per repository.
    expect(harness.argocd.state().renders.checkouts).toBe(2);
  });

  it("moves B's Applications to B's new revision on a push to B, and leaves A's as they were", async () => {
    harness.advance(600_000);
    await harness.waitForHealth('dev-1-web', 'Healthy');
    await harness.waitForHealth('prod-1-web', 'Healthy');
    const headA = harness.git.head();
    const before = Object.fromEntries(
      ['dev-1-web', 'prod-1-web', 'dev-1-cross'].map(name => [
        name,
        settledState(harness, name),
      ]),
    );
    expect(harness.app('dev-1-app-b').status.history).toHaveLength(1);

    // A push (no explicit reconcile): B's ConfigMap changes, and so does the
    // unlisted file, which still must not be applied.
    const pushed = harness.repositories[0].commit({
      'shared/configmap.yaml': configMap('B2'),
      'applicationsets/unlisted.yaml': applicationSet(
        'unlisted',
        B_URL,
        'elsewhere',
      ),
    });
    await harness.eventually(async () => {
      expect(harness.app('dev-1-app-b').status.sync).toMatchObject({
        status: 'Synced',
        revision: pushed,
      });
      expect(await targetOrigin(harness, 'dev-1-app-b')).toBe('B2');
    }, 4_000);
    await harness.eventually(() =>
      expect(harness.app('prod-1-app-b').status.sync.revision).toBe(pushed),
    );
    expect(
      harness.app('dev-1-app-b').status.history?.map(entry => entry.revision),
    ).toEqual([expect.any(String), pushed]);
    expect(harness.argocd.state().revisions).toEqual([
      { repository: 'example/gitops', revision: headA },
      { repository: 'seed-org/seed', revision: pushed },
    ]);

    // A did not move: same revision, history, operation and health.
    expect(harness.git.head()).toBe(headA);
    for (const name of ['dev-1-web', 'prod-1-web', 'dev-1-cross']) {
      expect({ name, ...settledState(harness, name) }).toEqual({
        name,
        ...before[name],
      });
      expect(harness.app(name).status.sync.revision).toBe(headA);
    }
    expect(await targetOrigin(harness, 'dev-1-cross')).toBe('A');
    expect(harness.argocd.applications().map(a => a.metadata.name)).toEqual([
      'dev-1-app-b',
      'dev-1-cross',
      'dev-1-web',
      'prod-1-app-b',
      'prod-1-cross',
      'prod-1-web',
    ]);
  });

  it('reports a listed file that is missing or holds no ApplicationSet, and applies no other file', async () => {
    const listing = createArgocdHarness({
      files: repoA,
      clusters: [{ name: 'dev-1', env: 'dev' }],
      clock: 'manual',
      repositories: [
        {
          owner: 'seed-org',
          repo: 'seed',
          files: repoB,
          applicationSets: [
            'applicationsets/gone.yaml',
            'shared/configmap.yaml',
          ],
        },
      ],
    });
    try {
      await listing.argocd.reconcile();
      expect(listing.argocd.applications().map(a => a.metadata.name)).toEqual([
        'dev-1-web',
      ]);
      expect(listing.argocd.state().errors).toEqual([
        expect.stringMatching(
          /^seed-org\/seed: applicationsets\/gone\.yaml \(listed in applicationSets\) is not a file of commit [0-9a-f]{40}$/,
        ),
        'seed-org/seed: shared/configmap.yaml (listed in applicationSets) holds no ApplicationSet',
      ]);
    } finally {
      await listing.stop();
    }
  });

  it('without applicationSets, applies every ApplicationSet file of the repository (the default)', async () => {
    const everything = createArgocdHarness({
      files: repoA,
      clusters: [{ name: 'dev-1', env: 'dev' }],
      clock: 'manual',
      repositories: [{ owner: 'seed-org', repo: 'seed', files: repoB }],
    });
    try {
      await everything.argocd.reconcile();
      expect(
        everything.argocd.applications().map(a => a.metadata.name),
      ).toEqual(['dev-1-app-b', 'dev-1-cross', 'dev-1-unlisted', 'dev-1-web']);
    } finally {
      await everything.stop();
    }
  });

  it('keeps the first of two ApplicationSets with one name across repositories, and reports the second', async () => {
    const clash = createArgocdHarness({
      files: repoA,
      clusters: [{ name: 'dev-1', env: 'dev' }],
      clock: 'manual',
      repositories: [
        {
          owner: 'seed-org',
          repo: 'seed',
          files: {
            ...repoB,
            'applicationsets/web.yaml': applicationSet('web', B_URL, 'shared'),
          },
          applicationSets: ['applicationsets/web.yaml'],
        },
      ],
    });
    try {
      await clash.argocd.reconcile();
      expect(clash.app('dev-1-web').spec.source?.repoURL).toBe(A_URL);
      expect(clash.argocd.state().errors).toEqual([
        'seed-org/seed: applicationsets/web.yaml: ApplicationSet web is also defined in example/gitops: applicationsets/vms/web/applicationset.yaml; the first one applies',
      ]);
    } finally {
      await clash.stop();
    }
  });
});
