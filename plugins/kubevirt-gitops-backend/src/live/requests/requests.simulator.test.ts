/*
 * The request tracker in the whole plugin against the fleet simulator: the
 * lifecycle action opens a pull request in the simulated GitHub (its event
 * reaches the tracker through the events service), the simulator merges it
 * (its GitHub webhook is delivered as the events backend's GitHub module
 * would), its ArgoCD syncs and its KubeVirt runs the VM; the timeline and
 * the notifications follow. A second backend on the same database stands
 * for a restart, two at once for two replicas. SQLite on a file, or
 * PostgreSQL when KUBEVIRT_GITOPS_TEST_POSTGRES_URL is set.
 */
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  actionsRegistryServiceFactory,
  actionsServiceFactory,
} from '@backstage/backend-defaults/alpha';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  DefaultEventsService,
  eventsServiceRef,
} from '@backstage/plugin-events-node';
import {
  notificationService,
  type NotificationSendOptions,
} from '@backstage/plugin-notifications-node';
import {
  AuthorizeResult,
  type AuthorizePermissionRequest,
} from '@backstage/plugin-permission-common';
import { type RunningSimulator } from '@internal/fleet-simulator';
import type { VmTimelineResponse } from '@internal/plugin-kubevirt-gitops-common';
import knexFactory, { type Knex } from 'knex';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { simulatorConfig } from '../../__testUtils__/simulatorConfig';
import {
  simulatorControl,
  startTestSimulator,
  untilWith,
} from '../../__testUtils__/simulatorHarness';
import { kubevirtGitopsPlugin } from '../../plugin';

jest.setTimeout(180_000);

const SSH_KEY =
  'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAINGllMjfwshMnmEtGDjjofz3g+fbAoKYVrimpyQ8RWwr agent@example.com';
const USER = mockCredentials.user().principal.userEntityRef;
const suffix = Date.now().toString(36).slice(-4);
const HAPPY = `tl-ok-${suffix}`;
const BIG = `tl-big-${suffix}`;
const TWO = `tl-two-${suffix}`;
const QUIET = `tl-quiet-${suffix}`;

const entity = (
  name: string,
  annotations: Record<string, string>,
  owner = 'group:default/platform-team',
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name, namespace: 'default', annotations },
  spec: { type: 'virtual-machine', owner },
});

const entities = [
  entity('analytics-db', {
    'kubevirt-gitops.io/vm-name': 'analytics-db',
    'kubevirt-gitops.io/gitops-path': 'applicationsets/vms/analytics-db',
  }),
  entity('demo-vm', {
    'kubevirt-gitops.io/vm-name': 'demo-vm',
    'kubevirt-gitops.io/applicationset': 'demo-vm',
  }),
  entity(
    HAPPY,
    { 'kubevirt-gitops.io/vm-name': HAPPY },
    'group:default/app-team',
  ),
  entity(BIG, { 'kubevirt-gitops.io/vm-name': BIG }, 'group:default/app-team'),
  entity(TWO, { 'kubevirt-gitops.io/vm-name': TWO }, 'group:default/app-team'),
  entity(
    QUIET,
    { 'kubevirt-gitops.io/vm-name': QUIET },
    'group:default/app-team',
  ),
];

const until = untilWith({ timeoutMs: 60_000 });

/**
 * SQLite on a file; PostgreSQL (a new database there) when
 * KUBEVIRT_GITOPS_TEST_POSTGRES_URL names a server.
 */
async function openDatabase(directory: string): Promise<Knex> {
  const postgresUrl = process.env.KUBEVIRT_GITOPS_TEST_POSTGRES_URL;
  if (!postgresUrl) {
    return knexFactory({
      client: 'better-sqlite3',
      connection: { filename: join(directory, 'plugin.sqlite') },
      useNullAsDefault: true,
    });
  }
  const name = `kubevirt_gitops_sim_${Date.now()}`;
  const admin = knexFactory({ client: 'pg', connection: postgresUrl });
  await admin.raw(`CREATE DATABASE ${name}`);
  await admin.destroy();
  const url = new URL(postgresUrl);
  url.pathname = `/${name}`;
  return knexFactory({ client: 'pg', connection: url.toString() });
}

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

describe('VM requests: timeline and notifications, against the fleet simulator', () => {
  let simulator: RunningSimulator;
  let knex: Knex;
  let directory: string;
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  const sent: NotificationSendOptions[] = [];
  const denied = new Set<string>();
  // one events service per backend (a restart starts with no subscribers)
  let events: DefaultEventsService;

  const control = (path: string, init?: RequestInit) =>
    simulatorControl(simulator)(path, init);

  async function start(shared?: DefaultEventsService) {
    events =
      shared ??
      DefaultEventsService.create({
        logger: mockServices.logger.mock(),
        useEventBus: 'never',
      });
    return startTestBackend({
      features: [
        kubevirtGitopsPlugin,
        schedulerServiceFactory,
        actionsRegistryServiceFactory,
        actionsServiceFactory,
        mockServices.rootConfig.factory({
          data: {
            ...simulatorConfig(simulator),
            backend: { actions: { pluginSources: ['kubevirt-gitops'] } },
          },
        }),
        mockServices.database.factory({ knex }),
        mockServices.permissions.mock({
          authorize: async requests =>
            requests.map(asked => ({
              result: denied.has(
                (asked as AuthorizePermissionRequest).permission.name,
              )
                ? AuthorizeResult.DENY
                : AuthorizeResult.ALLOW,
            })),
        }).factory,
        catalogServiceMock.factory({ entities }),
        createServiceFactory({
          service: eventsServiceRef,
          deps: {},
          factory: () => events,
        }),
        createServiceFactory({
          service: notificationService,
          deps: {},
          factory: () => ({
            send: async (options: NotificationSendOptions) => {
              sent.push(options);
            },
          }),
        }),
      ],
    });
  }

  const invoke = (action: string, input: Record<string, unknown>) =>
    request(backend.server)
      .post(
        `/api/kubevirt-gitops/.backstage/actions/v1/actions/${encodeURIComponent(
          `kubevirt-gitops:${action}`,
        )}/invoke`,
      )
      .set('Authorization', mockCredentials.user.header())
      .send(input);
  const timeline = async (name: string): Promise<VmTimelineResponse> =>
    (
      await request(backend.server)
        .get(`/api/kubevirt-gitops/entities/default/resource/${name}/timeline`)
        .set('Authorization', mockCredentials.user.header())
    ).body;
  const toRequester = (scopePart: string) =>
    sent.filter(
      notification =>
        notification.payload.scope?.includes(scopePart) &&
        notification.recipients.type === 'entity' &&
        [notification.recipients.entityRef].flat().includes(USER),
    );

  async function requestVm(name: string, instancetype: string) {
    const response = await invoke('request-vm', {
      request: {
        name,
        namespace: 'vms',
        owner: 'group:default/app-team',
        environments: ['dev'],
        size: { instancetype },
        bootSource: { containerDisk: 'quay.io/containerdisks/fedora:42' },
        preference: 'fedora',
        rootDiskSize: '30Gi',
        runStrategy: 'Always',
        sshKeys: [SSH_KEY],
        purpose: 'Timeline test',
      },
    });
    expect(response.status).toBe(200);
    const number = response.body.output.pullRequestNumber as number;
    expect(number).toEqual(expect.any(Number));
    return number;
  }

  /** Merges in the simulated GitHub and delivers the webhook as GitHub would (unless `quiet`). */
  async function merge(number: number, quiet = false) {
    const merged = await control(
      `/github/demo-org/gitops-demo/pulls/${number}/merge`,
      { method: 'POST', body: JSON.stringify({ merge_method: 'merge' }) },
    );
    expect(merged.status).toBe(200);
    const { sha } = (await merged.json()) as { sha: string };
    if (quiet) return;
    await events.publish({
      topic: 'github.pull_request',
      eventPayload: {
        action: 'closed',
        number,
        repository: { full_name: 'demo-org/gitops-demo' },
        pull_request: {
          number,
          base: { ref: simulator.scenario.repository.defaultBranch },
          merged: true,
          merged_at: new Date().toISOString(),
          merge_commit_sha: sha,
        },
      },
    });
  }

  beforeAll(async () => {
    simulator = await startTestSimulator();
    directory = mkdtempSync(join(tmpdir(), 'kubevirt-gitops-requests-'));
    knex = await openDatabase(directory);
    backend = await start();
  });

  afterAll(async () => {
    await backend?.stop();
    await knex?.destroy();
    await simulator?.stop();
    if (directory) rmSync(directory, { recursive: true, force: true });
  });

  it('open → merge → Running on each dev cluster: the steps in order, one notification each to the requester', async () => {
    const number = await requestVm(HAPPY, 'u1.small');
    const opened = await until(
      () => timeline(HAPPY),
      body => body.requests?.[0]?.steps.length === 1,
    );
    expect(opened.requests).toHaveLength(1);
    expect(opened.requests[0]).toMatchObject({
      pullRequest: { number, repo: 'demo-org/gitops-demo' },
      operation: 'create',
      requester: USER,
      declaredState: 'Running',
      steps: [{ step: 'opened' }],
    });
    expect(toRequester(':opened')).toHaveLength(1);

    await merge(number);
    const done = await until(
      () => timeline(HAPPY),
      body => body.requests?.[0]?.steps.some(s => s.step === 'completed'),
      90_000,
    );
    const steps = done.requests[0].steps;
    const kinds = steps.map(
      s => `${s.step}${s.cluster ? `@${s.cluster}` : ''}`,
    );
    expect(done.requests[0].clusters).toEqual([
      'dev-cluster-1',
      'dev-cluster-2',
    ]);
    expect(kinds[0]).toBe('opened');
    expect(kinds[1]).toBe('merged');
    expect(kinds.at(-1)).toBe('completed');
    for (const cluster of ['dev-cluster-1', 'dev-cluster-2']) {
      const synced = kinds.indexOf(`synced@${cluster}`);
      const reached = kinds.indexOf(`reached@${cluster}`);
      expect({
        cluster,
        synced: synced > 1,
        reachedAfter: reached > synced,
      }).toEqual({ cluster, synced: true, reachedAfter: true });
      expect(steps[reached].detail).toBe('Running');
    }
    expect(kinds.filter(k => k.startsWith('failed'))).toEqual([]);

    // exactly one notification per step that notifies, all linking to the tab
    const ours = sent.filter(n => n.payload.scope?.includes(`#${number}:`));
    expect(ours.map(n => n.payload.scope?.split(':').at(-1))).toEqual([
      'opened',
      'merged',
      'completed',
    ]);
    expect(ours.map(n => n.payload.title)).toEqual([
      `VM ${HAPPY}: pull request #${number} opened`,
      `VM ${HAPPY}: pull request #${number} merged`,
      `VM ${HAPPY}: Running on every targeted cluster`,
    ]);
    for (const notification of ours) {
      expect(notification.recipients).toEqual({
        type: 'entity',
        entityRef: [USER],
      });
      expect(notification.payload.link).toBe(
        `/catalog/default/resource/${HAPPY}/virtual-machines`,
      );
      expect(notification.payload.topic).toBe('kubevirt-gitops.vm-request');
    }
  });

  it('sends nothing again after a restart on the same database', async () => {
    const before = sent.length;
    const stepsBefore = (await timeline(HAPPY)).requests[0].steps;
    await backend.stop();
    backend = await start();
    // several snapshot refreshes and checks on the new backend
    await sleep(5_000);
    const after = await timeline(HAPPY);
    expect(after.requests[0].steps).toEqual(stepsBefore);
    expect(
      sent
        .slice(before)
        .filter(n => n.payload.topic === 'kubevirt-gitops.vm-request'),
    ).toEqual([]);
  });

  it('notifies a failure with its reason (ErrorUnschedulable on the small cluster), and no completion', async () => {
    const number = await requestVm(BIG, 'u1.large');
    await until(
      () => timeline(BIG),
      body => body.requests?.[0]?.steps.length === 1,
    );
    await merge(number);
    const failed = await until(
      async () => toRequester(`#${number}:failed`),
      found => found.length > 0,
      90_000,
    );
    expect(failed).toHaveLength(1);
    expect(failed[0].payload).toMatchObject({
      title: `VM ${BIG} failed on dev-cluster-2: ErrorUnschedulable`,
      severity: 'high',
      link: `/catalog/default/resource/${BIG}/virtual-machines`,
    });
    const body = await until(
      () => timeline(BIG),
      answer =>
        answer.requests[0].steps.some(
          s => s.step === 'reached' && s.cluster === 'dev-cluster-1',
        ),
    );
    expect(body.requests[0].steps).toContainEqual(
      expect.objectContaining({
        step: 'failed',
        cluster: 'dev-cluster-2',
        detail: 'ErrorUnschedulable',
      }),
    );
    await sleep(3_000);
    expect(toRequester(`#${number}:failed`)).toHaveLength(1);
    expect(toRequester(`#${number}:completed`)).toHaveLength(0);
  });

  it('tells the owners of the VMs on a cluster that becomes unreachable, once per transition', async () => {
    const before = sent.length;
    await control('/clusters/dev-cluster-2/availability', {
      method: 'PUT',
      body: JSON.stringify({ status: 'False' }),
    });
    await until(
      async () =>
        sent
          .slice(before)
          .filter(
            n => n.payload.topic === 'kubevirt-gitops.cluster-unreachable',
          ),
      found => found.length > 0,
    );
    await sleep(4_000);
    const notices = sent
      .slice(before)
      .filter(n => n.payload.topic === 'kubevirt-gitops.cluster-unreachable');
    const appTeam = notices.find(n =>
      n.payload.scope?.endsWith(':group:default/app-team'),
    );
    expect(appTeam?.payload.title).toBe('Cluster dev-cluster-2 is unavailable');
    expect(appTeam?.recipients).toEqual({
      type: 'entity',
      entityRef: expect.arrayContaining([
        `resource:default/${HAPPY}`,
        `resource:default/${BIG}`,
      ]),
    });
    // one per owner, not one per refresh
    const owners = notices.map(n => n.payload.scope?.replace(/^.*?Z:/, ''));
    expect(new Set(owners).size).toBe(notices.length);
    expect(owners).toContain('group:default/app-team');

    // back up is no notification
    const told = sent.length;
    await control('/clusters/dev-cluster-2/availability', {
      method: 'PUT',
      body: JSON.stringify({ status: 'True' }),
    });
    await sleep(3_000);
    expect(
      sent
        .slice(told)
        .filter(n => n.payload.topic === 'kubevirt-gitops.cluster-unreachable'),
    ).toEqual([]);
  });

  it('without a webhook, reads the merge from GitHub (refresh.pullRequestTtlSeconds: 5)', async () => {
    const number = await requestVm(QUIET, 'u1.small');
    await until(
      () => timeline(QUIET),
      body => body.requests?.[0]?.steps.length === 1,
    );
    const mergedAt = Date.now();
    await merge(number, true);
    const body = await until(
      () => timeline(QUIET),
      answer => answer.requests[0].steps.some(s => s.step === 'merged'),
      20_000,
    );
    expect(body.requests[0].steps.map(s => s.step).slice(0, 2)).toEqual([
      'opened',
      'merged',
    ]);
    // within one read period (and a check), not at the next restart
    expect(Date.now() - mergedAt).toBeLessThan(12_000);
    expect(toRequester(`#${number}:merged`)).toHaveLength(1);
  });

  it('checks the VM read permission on the timeline: denied → 403 and no data', async () => {
    denied.add('kubevirt-gitops.vm.read');
    try {
      const response = await request(backend.server)
        .get(`/api/kubevirt-gitops/entities/default/resource/${HAPPY}/timeline`)
        .set('Authorization', mockCredentials.user.header());
      expect(response.status).toBe(403);
      expect(response.body.requests).toBeUndefined();
      expect(JSON.stringify(response.body)).not.toContain('pull');
    } finally {
      denied.delete('kubevirt-gitops.vm.read');
    }
    const allowed = await timeline(HAPPY);
    expect(allowed.requests).toHaveLength(1);
  });

  it('two replicas on one database, both getting every event, notify each step once', async () => {
    await backend.stop();
    const shared = DefaultEventsService.create({
      logger: mockServices.logger.mock(),
      useEventBus: 'never',
    });
    const replicas = [await start(shared), await start(shared)];
    backend = replicas[0];
    try {
      const number = await requestVm(TWO, 'u1.small');
      await merge(number);
      const done = await until(
        () => timeline(TWO),
        body => body.requests?.[0]?.steps.some(s => s.step === 'completed'),
        90_000,
      );
      // both replicas went on checking for a while
      await sleep(3_000);
      const kinds = done.requests[0].steps.map(s => s.step);
      expect(kinds.filter(kind => kind === 'opened')).toHaveLength(1);
      expect(kinds.filter(kind => kind === 'merged')).toHaveLength(1);
      expect(kinds.filter(kind => kind === 'completed')).toHaveLength(1);
      const ours = sent.filter(n => n.payload.scope?.includes(`#${number}:`));
      expect(ours.map(n => n.payload.scope?.split(':').at(-1))).toEqual([
        'opened',
        'merged',
        'completed',
      ]);
    } finally {
      await replicas[1].stop();
    }
  });
});
