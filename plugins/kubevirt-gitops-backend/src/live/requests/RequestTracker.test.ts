/*
 * The tracker's bookkeeping on a real database (SQLite in memory), with
 * the fleet and GitHub replaced by injected functions: two trackers on one
 * database stand for two replicas.
 */
import { mockServices } from '@backstage/backend-test-utils';
import type { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import type {
  VmClusterRow,
  VmRequestEvent,
  VmStatusResponse,
} from '@internal/plugin-kubevirt-gitops-common';
import type { PullRequestState } from '@internal/plugin-kubevirt-gitops-node';
import knexFactory, { type Knex } from 'knex';
import type { FleetIndex } from '../../fleet/fleetIndex';
import { createRequestStore } from './RequestStore';
import {
  createRequestTracker,
  MAX_NOTICE_ATTEMPTS,
  noticeRetryDelayMs,
} from './RequestTracker';

const event: VmRequestEvent = {
  kind: 'opened',
  requester: 'user:default/jane',
  repository: 'demo-org/gitops-demo',
  repoUrl: 'https://github.com/demo-org/gitops-demo',
  pullRequest: {
    number: 5,
    url: 'https://github.com/demo-org/gitops-demo/pull/5',
    title: 'Request VM web-1',
    branch: 'kubevirt-gitops/create/web-1',
    reused: false,
  },
  vmName: 'web-1',
  entityRef: 'resource:default/web-1',
  operation: 'create',
  environments: ['dev'],
  declaredState: 'Running',
  openedAt: '2026-12-07T00:00:00.000Z',
};

function row(
  cluster: string,
  state: VmClusterRow['derived']['state'],
  revision = 'm1',
): VmClusterRow {
  return {
    cluster,
    environment: 'dev',
    clusterAvailability: 'available',
    argocd: {
      instance: 'a',
      application: `${cluster}-web-1`,
      namespace: 'argocd',
    },
    sync: { status: 'Synced', revision },
    health: { status: 'Healthy' },
    derived: {
      state,
      matchesDesired: state === 'Running',
      label: state,
      severity: state === 'Error' ? 'error' : 'ok',
      ...(state === 'Error' ? { reason: 'ErrorUnschedulable' } : {}),
    },
    conditions: [],
    vmi: { ipAddresses: [] },
    dataVolumes: [],
  };
}

function fakeIndex(version: string): FleetIndex {
  const cluster = (name: string) => ({
    hub: 'hub',
    cluster: { name, availability: 'available' },
    clusterSets: [],
    placements: [],
    environment: 'dev',
  });
  return {
    snapshot: { version },
    clusters: new Map([
      ['dev-1', cluster('dev-1')],
      ['dev-2', cluster('dev-2')],
    ]),
    byCluster: new Map(),
    hubsComplete: true,
  } as unknown as FleetIndex;
}

/**
 * SQLite always; PostgreSQL too when KUBEVIRT_GITOPS_TEST_POSTGRES_URL
 * names a server (a database per test is created there).
 */
const postgresUrl = process.env.KUBEVIRT_GITOPS_TEST_POSTGRES_URL;
const databases: Array<[string, () => Promise<Knex>]> = [
  [
    'SQLite',
    async () =>
      knexFactory({
        client: 'better-sqlite3',
        connection: { filename: ':memory:' },
        useNullAsDefault: true,
      }),
  ],
  ...(postgresUrl
    ? [
        [
          'PostgreSQL',
          async () => {
            const name = `kubevirt_gitops_test_${Date.now()}_${Math.floor(
              Math.random() * 1e6,
            )}`;
            const admin = knexFactory({
              client: 'pg',
              connection: postgresUrl,
            });
            await admin.raw(`CREATE DATABASE ${name}`);
            await admin.destroy();
            const url = new URL(postgresUrl);
            url.pathname = `/${name}`;
            return knexFactory({ client: 'pg', connection: url.toString() });
          },
        ] as [string, () => Promise<Knex>],
      ]
    : []),
];

describe.each(databases)('createRequestTracker on %s', (_name, connect) => {
  let knex: Knex;
  const sent: NotificationSendOptions[] = [];
  let rows: VmClusterRow[] = [];
  let version = 'v1';
  let pull: PullRequestState = { state: 'open' };
  const reads = { count: 0, status: 0 };
  // sends the notifications service refuses before it accepts again
  const refuse = { next: 0, tried: 0 };
  // a clock that moves 1 ms per reading: every step has its own time
  let clock = 0;

  async function tracker(logger = mockServices.logger.mock()) {
    return createRequestTracker({
      store: await createRequestStore(knex),
      views: { index: async () => fakeIndex(version) },
      vms: {
        getStatus: async () => {
          reads.status += 1;
          return { rows } as unknown as VmStatusResponse;
        },
      },
      catalog: {
        getEntityByRef: async () => undefined,
        getEntities: async () => ({ items: [] }),
      },
      auth: mockServices.auth(),
      notifications: {
        send: async options => {
          refuse.tried += 1;
          if (refuse.next > 0) {
            refuse.next -= 1;
            throw new Error('connect ECONNREFUSED (notifications backend)');
          }
          sent.push(options);
        },
      },
      pullRequestState: async () => {
        reads.count += 1;
        return pull;
      },
      pullRequestCheckMs: 60_000,
      now: () => (clock += 1),
      logger,
    });
  }

  beforeEach(async () => {
    knex = await connect();
    sent.length = 0;
    rows = [];
    version = 'v1';
    pull = { state: 'open' };
    reads.count = 0;
    reads.status = 0;
    refuse.next = 0;
    refuse.tried = 0;
    clock = Date.parse('2026-12-07T01:00:00.000Z');
  });

  afterEach(async () => {
    await knex.destroy();
  });

  const scopes = () => sent.map(n => n.payload.scope);
  const outbox = async () =>
    (await knex('kubevirt_gitops_notification_outbox').select('scope')).map(
      r => r.scope as string,
    );
  const OPENED = 'kubevirt-gitops:demo-org/gitops-demo#5:opened';

  it('two replicas that both get the event notify the requester once', async () => {
    const [a, b] = [await tracker(), await tracker()];
    expect(await a.onRequestEvent(event)).toBe(true);
    expect(await b.onRequestEvent(event)).toBe(false);
    expect(
      await a.onRequestEvent({
        ...event,
        pullRequest: { ...event.pullRequest, reused: true },
      }),
    ).toBe(false);
    expect(scopes()).toEqual(['kubevirt-gitops:demo-org/gitops-demo#5:opened']);
    expect(sent[0].recipients).toEqual({
      type: 'entity',
      entityRef: ['user:default/jane'],
    });
  });

  it('ignores a malformed event', async () => {
    const a = await tracker();
    expect(await a.onRequestEvent({ kind: 'opened', vmName: 'x' })).toBe(false);
    expect(sent).toEqual([]);
    expect((await a.timeline('resource:default/web-1')).requests).toEqual([]);
  });

  it('reads GitHub at a bounded rate when no webhook comes, and follows the rollout to completed', async () => {
    const [a, b] = [await tracker(), await tracker()];
    await a.onRequestEvent(event);
    await a.check();
    await b.check();
    // one read across both replicas within the period
    expect(reads.count).toBe(1);

    // merged: no webhook; the next period's read finds it
    pull = {
      state: 'merged',
      closedAt: '2026-12-07T00:05:00.000Z',
      mergeCommitSha: 'm1',
    };
    await knex('kubevirt_gitops_vm_requests').update({ pr_checked_at: 0 });
    await a.check();
    await b.check();
    expect(reads.count).toBe(2);
    expect(scopes()).toEqual([
      'kubevirt-gitops:demo-org/gitops-demo#5:opened',
      'kubevirt-gitops:demo-org/gitops-demo#5:merged',
    ]);

    // the snapshot moves: synced and Starting on dev-1, nothing on dev-2
    version = 'v2';
    rows = [row('dev-1', 'Starting')];
    await a.check();
    version = 'v3';
    rows = [row('dev-1', 'Running'), row('dev-2', 'Running')];
    await b.check();
    await a.check();
    const timeline = await a.timeline('Resource:default/web-1');
    expect(
      timeline.requests[0].steps.map(
        s => `${s.step}${s.cluster ? `@${s.cluster}` : ''}`,
      ),
    ).toEqual([
      'opened',
      'merged',
      'synced@dev-1',
      'reached@dev-1',
      'synced@dev-2',
      'reached@dev-2',
      'completed',
    ]);
    expect(timeline.requests[0].clusters).toEqual(['dev-1', 'dev-2']);
    expect(scopes()).toEqual([
      'kubevirt-gitops:demo-org/gitops-demo#5:opened',
      'kubevirt-gitops:demo-org/gitops-demo#5:merged',
      'kubevirt-gitops:demo-org/gitops-demo#5:completed',
    ]);
    expect(sent[2].payload.title).toBe(
      'VM web-1: Running on every targeted cluster',
    );

    // a restart: a new tracker on the same database sends nothing again
    version = 'v4';
    const c = await tracker();
    await c.check();
    expect(sent).toHaveLength(3);
  });

  it('a failure is notified once with its reason; a close without merge ends the request', async () => {
    const a = await tracker();
    await a.onRequestEvent(event);
    await a.onPullRequestClosed({
      repository: 'Demo-Org/gitops-demo',
      number: 5,
      merged: true,
      mergeCommitSha: 'm1',
    });
    rows = [row('dev-1', 'Running'), row('dev-2', 'Error')];
    version = 'v2';
    await a.check();
    version = 'v3';
    await a.check();
    const failed = sent.filter(n => n.payload.scope?.includes(':failed'));
    expect(failed.map(n => n.payload.title)).toEqual([
      'VM web-1 failed on dev-2: ErrorUnschedulable',
    ]);
    expect(scopes()).not.toContain(
      'kubevirt-gitops:demo-org/gitops-demo#5:completed',
    );
    // every cluster reached or failed: looked at again only after 5 minutes
    expect(reads.status).toBe(1);
    clock += 5 * 60_000;
    version = 'v4';
    await a.check();
    expect(reads.status).toBe(2);

    const closed = await tracker();
    await closed.onRequestEvent({
      ...event,
      pullRequest: { ...event.pullRequest, number: 6 },
    });
    await closed.onPullRequestClosed({
      repository: 'demo-org/gitops-demo',
      number: 6,
      merged: false,
    });
    await closed.onPullRequestClosed({
      repository: 'demo-org/gitops-demo',
      number: 6,
      merged: false,
    });
    expect(
      sent
        .filter(n => n.payload.scope?.endsWith('#6:closed'))
        .map(n => n.payload.title),
    ).toEqual(['VM web-1: pull request #6 closed without merge']);
    // newest first
    const timeline = await closed.timeline('resource:default/web-1');
    expect(timeline.requests.map(r => r.pullRequest.number)).toEqual([6, 5]);
  });

  it('a notification the notifications service refused is sent again when due, and once', async () => {
    const a = await tracker();
    refuse.next = 2;
    await a.onRequestEvent(event);
    // recorded, not sent: it waits in the outbox
    expect(sent).toEqual([]);
    expect(await outbox()).toEqual([OPENED]);
    expect((await a.timeline('resource:default/web-1')).requests).toHaveLength(
      1,
    );
    // not due yet (5 s after the first refusal)
    await a.check();
    expect(refuse.tried).toBe(1);
    clock += noticeRetryDelayMs(1);
    await a.check();
    // refused again: the next try waits twice as long
    expect(refuse.tried).toBe(2);
    clock += noticeRetryDelayMs(1);
    await a.check();
    expect(refuse.tried).toBe(2);
    clock += noticeRetryDelayMs(2);
    await a.check();
    expect(refuse.tried).toBe(3);
    expect(scopes()).toEqual([OPENED]);
    expect(sent[0].recipients).toEqual({
      type: 'entity',
      entityRef: ['user:default/jane'],
    });
    expect(await outbox()).toEqual([]);
    // nothing more, however long it runs
    clock += 3600_000;
    await a.check();
    expect(sent).toHaveLength(1);
  });

  it('two replicas send a due notice once; a restart sends what a stopped replica claimed and never sent', async () => {
    const [a, b] = [await tracker(), await tracker()];
    refuse.next = 1;
    await a.onRequestEvent(event);
    clock += noticeRetryDelayMs(1);
    await Promise.all([a.check(), b.check()]);
    expect(scopes()).toEqual([OPENED]);
    expect(refuse.tried).toBe(2);

    // a replica recorded a step (and queued its notice) and stopped before
    // sending it: its claim runs out, then another tracker sends it
    const store = await createRequestStore(knex);
    const payload = {
      title: 'VM web-1: pull request #5 merged',
      scope: 'kubevirt-gitops:demo-org/gitops-demo#5:merged',
    };
    expect(
      await store.addStep(
        {
          requestId: 'demo-org/gitops-demo#5',
          step: 'merged',
          cluster: '',
          at: new Date(clock).toISOString(),
        },
        {
          notice: {
            scope: payload.scope,
            what: 'merged',
            recipients: ['user:default/jane'],
            payload,
          },
          now: clock,
        },
      ),
    ).toBe(true);
    const c = await tracker();
    await c.check();
    expect(sent).toHaveLength(1);
    clock += 60_000;
    await Promise.all([c.check(), a.check()]);
    expect(scopes()).toEqual([OPENED, payload.scope]);
    expect(await outbox()).toEqual([]);
  });

  it('gives a notice up after MAX_NOTICE_ATTEMPTS refusals, with an error log', async () => {
    const logger = mockServices.logger.mock();
    const a = await tracker(logger);
    refuse.next = Number.POSITIVE_INFINITY;
    await a.onRequestEvent(event);
    for (let i = 0; i < MAX_NOTICE_ATTEMPTS + 3; i++) {
      clock += 30 * 60_000;
      await a.check();
    }
    expect(refuse.tried).toBe(MAX_NOTICE_ATTEMPTS);
    expect(sent).toEqual([]);
    expect(await outbox()).toEqual([]);
    expect(logger.error).toHaveBeenCalledWith(
      'Gave up sending a kubevirt-gitops notification',
      expect.objectContaining({ scope: OPENED, attempts: MAX_NOTICE_ATTEMPTS }),
    );
  });
});
