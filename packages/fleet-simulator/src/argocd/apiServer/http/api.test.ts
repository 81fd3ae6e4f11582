import type { ArgocdHarness } from '../../__testUtils__/argocdHarness';
import {
  ADMIN,
  API_TOKEN,
  demoRepo,
  startDemoHarness,
} from '../../__testUtils__/argocdHarness';
import { openSse } from '../../__testUtils__/sse';

type ListItem = Record<string, unknown> & {
  metadata?: { name?: string };
  name?: string;
  status?: unknown;
  connectionState?: { status?: string };
};
type List = {
  metadata: Record<string, string>;
  items: Array<ListItem>;
};
const names = (body: unknown) =>
  (body as List).items.map(item => item.metadata?.name ?? item.name);

describe('ArgoCD API server', () => {
  let harness: ArgocdHarness;

  beforeAll(async () => {
    harness = await startDemoHarness();
  });
  afterAll(() => harness.stop());

  describe('authentication', () => {
    it('exchanges username/password for a session token', async () => {
      const session = await harness.api('/api/v1/session', {
        method: 'POST',
        token: null,
        body: JSON.stringify(ADMIN),
      });
      expect(session.status).toBe(200);
      const token = (session.body as { token: string }).token;
      expect(token.split('.')).toHaveLength(3);
      expect(
        (await harness.api('/api/v1/applications', { token })).status,
      ).toBe(200);
    });

    it('answers bad credentials and missing or invalid sessions with 401 like ArgoCD', async () => {
      const bad = await harness.api('/api/v1/session', {
        method: 'POST',
        token: null,
        body: JSON.stringify({ username: 'admin', password: 'nope' }),
      });
      expect(bad).toMatchObject({
        status: 401,
        body: {
          error: 'Invalid username or password',
          code: 16,
          message: 'Invalid username or password',
        },
      });
      expect(
        await harness.api('/api/v1/applications', { token: null }),
      ).toMatchObject({
        status: 401,
        body: {
          error: 'no session information',
          code: 16,
          message: 'no session information',
        },
      });
      const invalid = await harness.api('/api/v1/applications', {
        token: 'a.b.c',
      });
      expect(invalid).toMatchObject({
        status: 401,
        body: { code: 16, error: expect.stringMatching(/^invalid session: /) },
      });
    });
  });

  describe('applications', () => {
    it('lists every application by name', async () => {
      const { status, body } = await harness.api('/api/v1/applications');
      expect(status).toBe(200);
      expect(names(body)).toHaveLength(18);
      expect(names(body)).toEqual([...names(body)].sort());
      expect((body as List).metadata.resourceVersion).toMatch(/^\d+$/);
    });

    it('filters by equality and set-based label selectors', async () => {
      const byVm = await harness.api(
        `/api/v1/applications?selector=${encodeURIComponent(
          'kubevirt-gitops.io/vm=analytics-db',
        )}`,
      );
      expect(names(byVm.body)).toEqual([
        'dev-1-analytics-db',
        'dev-2-analytics-db',
        'prod-1-analytics-db',
        'prod-2-analytics-db',
      ]);
      const setBased = await harness.api(
        `/api/v1/applications?selector=${encodeURIComponent(
          'kubevirt-gitops.io/env in (dev),kubevirt-gitops.io/cluster notin (dev-2)',
        )}`,
      );
      expect(names(setBased.body)).toEqual([
        'dev-1-analytics-db',
        'dev-1-ci-runner',
      ]);
      const without = await harness.api(
        `/api/v1/applications?selector=${encodeURIComponent(
          '!kubevirt-gitops.io/vm',
        )}`,
      );
      expect(names(without.body)).toHaveLength(12);
      const invalid = await harness.api(
        `/api/v1/applications?selector=${encodeURIComponent('env in ()')}`,
      );
      expect(invalid).toMatchObject({
        status: 400,
        body: {
          code: 3,
          error: expect.stringContaining('error parsing the selector'),
        },
      });
    });

    it('filters by project and namespace and projects fields', async () => {
      expect(
        names(
          (
            await harness.api(
              '/api/v1/applications?projects=default&projects=other',
            )
          ).body,
        ),
      ).toHaveLength(18);
      expect(
        names((await harness.api('/api/v1/applications?project=other')).body),
      ).toEqual([]);
      expect(
        names(
          (await harness.api('/api/v1/applications?appNamespace=elsewhere'))
            .body,
        ),
      ).toEqual([]);
      const projected = await harness.api(
        '/api/v1/applications?fields=items.metadata.name,items.status.health&selector=kubevirt-gitops.io/cluster=dev-1',
      );
      expect(projected.body).toEqual({
        items: [
          {
            metadata: { name: 'dev-1-analytics-db' },
            status: {
              health: {
                status: 'Healthy',
                lastTransitionTime: expect.any(String),
              },
            },
          },
          {
            metadata: { name: 'dev-1-ci-runner' },
            status: {
              health: {
                status: 'Suspended',
                lastTransitionTime: expect.any(String),
              },
            },
          },
        ],
      });
    });

    it('answers 403 permission denied for a missing application, as the real server does', async () => {
      for (const suffix of [
        '',
        '/resource-tree',
        '/managed-resources',
        '/resource?kind=Pod&resourceName=x',
      ]) {
        expect(
          await harness.api(`/api/v1/applications/no-such-app${suffix}`),
        ).toMatchObject({
          status: 403,
          body: {
            error: 'permission denied',
            code: 7,
            message: 'permission denied',
          },
        });
      }
    });

    it('re-reads Git on refresh', async () => {
      const before = harness.app('dev-2-demo-vm').status.reconciledAt;
      harness.advance(5_000);
      const { status, body } = await harness.api(
        '/api/v1/applications/dev-2-demo-vm?refresh=hard',
      );
      expect(status).toBe(200);
      const app = body as {
        status: { reconciledAt: string; sync: { revision: string } };
      };
      expect(app.status.sync.revision).toBe(harness.git.head());
      expect(Date.parse(app.status.reconciledAt)).toBeGreaterThan(
        Date.parse(String(before)),
      );
    });
  });

  describe('applicationsets and clusters', () => {
    it('lists the ApplicationSets applied from the repository', async () => {
      const { body } = await harness.api('/api/v1/applicationsets');
      expect(names(body)).toEqual([
        'analytics-db',
        'cdi',
        'ci-runner',
        'demo-vm',
        'kubevirt',
      ]);
      const demo = (body as List).items.find(
        item => item.metadata?.name === 'demo-vm',
      );
      expect(demo?.status).toMatchObject({
        resourcesCount: 4,
        health: { status: 'Healthy' },
      });
    });

    it('lists the clusters the GitOpsCluster registered, with ManagedCluster labels and connection state', async () => {
      const { body } = await harness.api('/api/v1/clusters');
      const items = (body as List).items;
      expect(items.map(c => c.name)).toEqual([
        'in-cluster',
        'dev-1',
        'dev-2',
        'prod-1',
        'prod-2',
      ]);
      expect(items[1]).toMatchObject({
        server: 'https://api.dev-1.fleet.local:6443',
        labels: {
          env: 'dev',
          'cluster.open-cluster-management.io/clusterset': 'managed',
        },
        connectionState: { status: 'Successful' },
        info: { applicationsCount: 5 },
      });
      expect(items[4].connectionState).toMatchObject({
        status: 'Failed',
        message: expect.stringContaining('lease'),
      });
      expect(items[0].connectionState?.status).toBe('Unknown');
      expect(JSON.stringify(items)).not.toMatch(/bearerToken|password/);
      expect(
        names((await harness.api('/api/v1/clusters?name=dev-2')).body),
      ).toEqual(['dev-2']);
    });
  });

  it('streams application events as server-sent events, honouring the selector', async () => {
    const base = await harness.listen();
    const stream = await openSse(
      `${base}/api/v1/stream/applications?selector=${encodeURIComponent(
        'kubevirt-gitops.io/vm=ci-runner',
      )}`,
      API_TOKEN,
    );
    try {
      const initial = await stream.waitFor(2);
      expect(
        initial.map(
          e =>
            (
              e as {
                result: {
                  type: string;
                  application: { metadata: { name: string } };
                };
              }
            ).result,
        ),
      ).toEqual([
        expect.objectContaining({
          type: 'ADDED',
          application: expect.objectContaining({
            metadata: expect.objectContaining({ name: 'dev-1-ci-runner' }),
          }),
        }),
        expect.objectContaining({
          type: 'ADDED',
          application: expect.objectContaining({
            metadata: expect.objectContaining({ name: 'dev-2-ci-runner' }),
          }),
        }),
      ]);
      const file =
        'applicationsets/vms/ci-runner/kustomize/base/virtualmachine.yaml';
      harness.git.commit({
        [file]: demoRepo()[file].replace(
          'runStrategy: Halted',
          'runStrategy: Always',
        ),
      });
      await harness.argocd.reconcile();
      const events = await stream.waitFor(3);
      const later = events.slice(2).map(
        e =>
          (
            e as {
              result: {
                type: string;
                application: { metadata: { labels: Record<string, string> } };
              };
            }
          ).result,
      );
      expect(
        later.every(
          r =>
            r.type === 'MODIFIED' &&
            r.application.metadata.labels['kubevirt-gitops.io/vm'] ===
              'ci-runner',
        ),
      ).toBe(true);
    } finally {
      stream.close();
    }
  });
});
