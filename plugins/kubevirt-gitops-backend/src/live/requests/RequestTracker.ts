/*
 * The request→running tracker (issue 12, parts 3 and 5). It learns of a VM
 * pull request from the request event (`kubevirt-gitops.vm-request`, the
 * scaffolder action and the lifecycle actions publish it), of its merge or
 * close from the GitHub webhook or, when none comes, by reading the pull
 * request at a bounded rate, and of its rollout from the fleet snapshot
 * and the VM's detail (the VM's rows as the VM tab shows them). Each step is stored once
 * (RequestStore) and notifies the requester once: opened, merged or
 * closed, failed on a cluster (with the reason), completed (reached on
 * every targeted cluster). The owners of the VMs on a cluster that becomes
 * unreachable are told once per transition.
 *
 * `check()` runs on every replica each second (a local scheduler task, the
 * sibling of the signals check); the store's claims make the replicas agree
 * on who notifies.
 */
import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import {
  readVmAnnotations,
  type VmAnnotations,
  type VmTimelineResponse,
} from '@internal/plugin-kubevirt-gitops-common';
import type { PullRequestState } from '@internal/plugin-kubevirt-gitops-node';
import type { FleetViews } from '../../fleet/FleetViews';
import type { FleetIndex } from '../../fleet/fleetIndex';
import type { VmStatusService } from '../../vm/VmStatusService';
import { createClusterWatch } from './clusterWatch';
import { clusterSteps } from './clusterSteps';
import {
  requestNotification,
  type RequestNotice,
  type ScopedPayload,
} from './notifications';
import {
  requestId,
  type OutboxNotice,
  type RequestStore,
  type StoredStep,
  type TrackedRequest,
} from './RequestStore';
import { parseRequestEvent } from './requestEvent';
import { toTimeline } from './timeline';

/** Options of {@link createRequestTracker}. */
export interface RequestTrackerOptions {
  store: RequestStore;
  views: Pick<FleetViews, 'index'>;
  /**
   * The VM's rows as the VM tab shows them (with the per-VM detail: the
   * snapshot alone says "Healthy" where the VM says Running or
   * ErrorUnschedulable); asked once per snapshot change per request that
   * is rolling out.
   */
  vms: Pick<VmStatusService, 'getStatus'>;
  catalog: Pick<CatalogService, 'getEntityByRef' | 'getEntities'>;
  auth: Pick<AuthService, 'getOwnServiceCredentials'>;
  notifications: Pick<NotificationService, 'send'>;
  /**
   * Reads a tracked pull request's state (node's GitHub layer); absent
   * when no GitOps repository is configured (webhooks only then).
   */
  pullRequestState?: (request: TrackedRequest) => Promise<PullRequestState>;
  /** Each open pull request is read at most once per this (default 60 s). */
  pullRequestCheckMs?: number;
  /** A merged request is followed for this long at most (default 24 h). */
  rolloutWindowMs?: number;
  /**
   * Called with the VM entity's ref once a new step is recorded (the
   * plugin signals the VM's page: "merged" alone changes no row).
   */
  onStep?: (entityRef: string) => void;
  logger: LoggerService;
  now?: () => number;
}

/** The tracker. */
export interface RequestTracker {
  /** A request event (any payload: checked here). Returns whether it was new. */
  onRequestEvent(payload: unknown): Promise<boolean>;
  /** A `github.pull_request` `closed` webhook of a tracked repository. */
  onPullRequestClosed(event: {
    repository: string;
    number: number;
    merged: boolean;
    at?: string;
    mergeCommitSha?: string;
  }): Promise<void>;
  /** Compares the snapshot (and, at a bounded rate, GitHub) with the stored steps. */
  check(): Promise<void>;
  /** The timeline of a VM entity, newest request first. */
  timeline(entityRef: string, limit?: number): Promise<VmTimelineResponse>;
}

const ENTITY_TTL_MS = 60_000;
/** How often a request whose clusters all reached or failed is looked at again. */
const SETTLED_RECHECK_MS = 5 * 60_000;
/** A claimed notice not sent (nor let go) by then is another replica's to try. */
const NOTICE_CLAIM_MS = 60_000;
/** Notices one check sends again at most. */
const NOTICES_PER_CHECK = 20;
/** Sends tried before a notice is given up (the last about 43 minutes after the first). */
export const MAX_NOTICE_ATTEMPTS = 10;

/** The wait before the next try after `attempts` failed sends: 5 s doubling, at most 30 min. */
export function noticeRetryDelayMs(attempts: number): number {
  return Math.min(5_000 * 2 ** Math.max(0, attempts - 1), 30 * 60_000);
}

/** Creates the tracker. */
export function createRequestTracker(
  options: RequestTrackerOptions,
): RequestTracker {
  const { store, views, vms, catalog, auth, notifications, logger } = options;
  const now = options.now ?? Date.now;
  const pullRequestCheckMs = options.pullRequestCheckMs ?? 60_000;
  const rolloutWindowMs = options.rolloutWindowMs ?? 24 * 3600 * 1000;
  const iso = () => new Date(now()).toISOString();
  const entities = new Map<
    string,
    { at: number; entity: Entity | undefined }
  >();
  let running: Promise<void> | undefined;
  /** Requests whose every cluster reached or failed, with when (this replica). */
  const settled = new Map<string, number>();

  /**
   * Sends a notice from the outbox (claimed by this call); a refusal stays
   * there and is tried again later, with backoff, by whichever replica
   * claims it; after MAX_NOTICE_ATTEMPTS it is given up, with an error log.
   */
  async function deliver(notice: OutboxNotice) {
    const { what, scope } = notice;
    const messageOf = (error: unknown) =>
      error instanceof Error ? error.message : String(error);
    let refused: unknown;
    try {
      await notifications.send({
        recipients: { type: 'entity', entityRef: notice.recipients },
        payload: notice.payload,
      });
    } catch (error) {
      refused = error ?? new Error('refused');
    }
    const attempts = notice.attempts + 1;
    try {
      if (refused === undefined) {
        logger.info('Sent a kubevirt-gitops notification', { what, scope });
        await store.removeNotice(scope);
      } else if (attempts >= MAX_NOTICE_ATTEMPTS) {
        logger.error('Gave up sending a kubevirt-gitops notification', {
          what,
          scope,
          attempts,
          error: messageOf(refused),
        });
        await store.removeNotice(scope);
      } else {
        const delayMs = noticeRetryDelayMs(attempts);
        logger.warn(
          'Could not send a kubevirt-gitops notification; it stays in the outbox and is tried again',
          {
            what,
            scope,
            attempts,
            retryInSeconds: Math.round(delayMs / 1000),
            error: messageOf(refused),
          },
        );
        await store.retryNoticeAt(scope, attempts, now() + delayMs);
      }
    } catch (storeError) {
      // the claim runs out and another check tries it again; a notice sent
      // twice updates the one notification of its scope (Backstage's
      // dedupe), it adds none
      logger.warn('Could not update the kubevirt-gitops notification outbox', {
        scope,
        error: messageOf(storeError),
      });
    }
  }

  /** Queues a notice (cluster transitions) and sends it. */
  async function send(
    what: string,
    recipients: string[],
    payload: ScopedPayload,
  ) {
    if (recipients.length === 0) return;
    const notice = { scope: payload.scope, what, recipients, payload };
    if (await store.queueNotice(notice, now())) {
      await deliver({ ...notice, attempts: 0 });
    }
  }

  /** The notices refused earlier (or claimed by a replica that stopped). */
  async function retryNotices() {
    const due = await store.claimDueNotices(
      now(),
      NOTICE_CLAIM_MS,
      NOTICES_PER_CHECK,
    );
    for (const notice of due) await deliver(notice);
  }

  function requesterNotice(
    request: TrackedRequest,
    notice: RequestNotice,
  ): Omit<OutboxNotice, 'attempts'> | undefined {
    const recipients = request.requester?.startsWith('user:')
      ? [request.requester]
      : [];
    if (recipients.length === 0) return undefined;
    const payload = requestNotification(request, notice);
    return { scope: payload.scope, what: notice.step, recipients, payload };
  }

  /** Records a step; notifies (through the outbox) when this call recorded it. */
  async function step(
    request: TrackedRequest,
    recorded: Omit<StoredStep, 'requestId' | 'at'> & { at?: string },
    notice?: RequestNotice,
  ): Promise<boolean> {
    // the step and its notice in one transaction: recorded means queued
    const queued = notice ? requesterNotice(request, notice) : undefined;
    const added = await store.addStep(
      {
        requestId: request.id,
        at: recorded.at ?? iso(),
        step: recorded.step,
        cluster: recorded.cluster,
        ...(recorded.detail ? { detail: recorded.detail } : {}),
      },
      queued ? { notice: queued, now: now() } : undefined,
    );
    if (added) options.onStep?.(request.entityRef);
    if (added && queued) await deliver({ ...queued, attempts: 0 });
    return added;
  }

  async function entityOf(entityRef: string): Promise<Entity | undefined> {
    const cached = entities.get(entityRef);
    if (cached && now() - cached.at < ENTITY_TTL_MS) return cached.entity;
    let entity: Entity | undefined;
    try {
      entity = await catalog.getEntityByRef(entityRef, {
        credentials: await auth.getOwnServiceCredentials(),
      });
    } catch (error) {
      logger.debug('Could not read a tracked VM entity', {
        entityRef,
        error: error instanceof Error ? error.message : String(error),
      });
    }
    entities.set(entityRef, { at: now(), entity });
    return entity;
  }

  /**
   * The annotations the VM tab would use: the entity's, or (a new VM whose
   * catalog-info.yaml is not ingested yet) the generated Applications' VM
   * label, which every VM the product writes carries.
   */
  async function annotationsOf(
    request: TrackedRequest,
  ): Promise<VmAnnotations> {
    const entity = await entityOf(request.entityRef);
    const read = entity ? readVmAnnotations(entity) : undefined;
    if (read?.ok) return read.annotations;
    return { vmName: request.vmName };
  }

  /**
   * When GitHub says it merged or closed, in milliseconds like the other
   * steps, and between the request's opening and now: GitHub gives whole
   * seconds (a merge in the same second as the request event would come
   * first), and its clock is not ours (a merge stamped ahead of our clock
   * would come after the syncs we saw since).
   */
  function closingTime(request: TrackedRequest, at: string | undefined) {
    const parsed = at === undefined ? Number.NaN : Date.parse(at);
    const seen = now();
    const time = Number.isNaN(parsed) ? seen : Math.min(parsed, seen);
    return new Date(
      Math.max(time, Date.parse(request.openedAt) || 0),
    ).toISOString();
  }

  async function markMerged(
    request: TrackedRequest,
    merged: { at?: string; mergeCommitSha?: string },
  ) {
    const at = closingTime(request, merged.at);
    await store.update(request.id, {
      state: 'merged',
      mergedAt: at,
      ...(merged.mergeCommitSha
        ? { mergeCommitSha: merged.mergeCommitSha }
        : {}),
    });
    await step(
      request,
      { step: 'merged', cluster: '', at },
      { step: 'merged' },
    );
  }

  async function markClosed(request: TrackedRequest, at?: string) {
    await store.update(request.id, { state: 'closed' });
    await step(
      request,
      { step: 'closed', cluster: '', at: closingTime(request, at) },
      { step: 'closed' },
    );
  }

  async function readPullRequest(request: TrackedRequest) {
    if (!options.pullRequestState) return;
    if (
      request.prCheckedAt !== undefined &&
      now() - request.prCheckedAt < pullRequestCheckMs
    ) {
      return;
    }
    if (
      !(await store.claimPullRequestCheck(
        request.id,
        now(),
        pullRequestCheckMs,
      ))
    ) {
      return;
    }
    let state: PullRequestState;
    try {
      state = await options.pullRequestState(request);
    } catch (error) {
      logger.debug('Could not read a tracked pull request', {
        pullRequest: request.pullRequest.url,
        error: error instanceof Error ? error.message : String(error),
      });
      return;
    }
    if (state.state === 'merged') {
      await markMerged(request, {
        ...(state.closedAt ? { at: state.closedAt } : {}),
        ...(state.mergeCommitSha
          ? { mergeCommitSha: state.mergeCommitSha }
          : {}),
      });
    } else if (state.state === 'closed') {
      await markClosed(request, state.closedAt);
    }
  }

  function environmentClusters(index: FleetIndex, request: TrackedRequest) {
    return [...index.clusters.entries()]
      .filter(
        ([, cluster]) =>
          cluster.environment !== undefined &&
          request.environments.includes(cluster.environment),
      )
      .map(([name]) => name)
      .sort();
  }

  async function followRollout(request: TrackedRequest, index: FleetIndex) {
    if (
      request.mergedAt &&
      now() - Date.parse(request.mergedAt) > rolloutWindowMs
    ) {
      return;
    }
    const settledAt = settled.get(request.id);
    if (settledAt !== undefined && now() - settledAt < SETTLED_RECHECK_MS) {
      return;
    }
    const status = await vms.getStatus(
      request.entityRef,
      await annotationsOf(request),
    );
    let current = request;
    if (!current.clusters?.length) {
      const clusters = environmentClusters(index, request);
      if (clusters.length === 0) return;
      const baselineRevisions = Object.fromEntries(
        status.rows.flatMap(row =>
          row.sync.revision ? [[row.cluster, row.sync.revision]] : [],
        ),
      );
      await store.update(request.id, { clusters, baselineRevisions });
      current = { ...request, clusters, baselineRevisions };
    }
    const targeted = current.clusters ?? [];
    for (const seen of clusterSteps(current, targeted, status.rows)) {
      await step(
        current,
        {
          step: seen.step,
          cluster: seen.cluster,
          ...(seen.detail ? { detail: seen.detail } : {}),
        },
        seen.step === 'failed'
          ? {
              step: 'failed',
              cluster: seen.cluster,
              reason: seen.detail ?? 'unknown',
            }
          : undefined,
      );
    }
    const steps = await store.steps([current.id]);
    const reached = new Set(
      steps.filter(s => s.step === 'reached').map(s => s.cluster),
    );
    const failed = new Set(
      steps.filter(s => s.step === 'failed').map(s => s.cluster),
    );
    // every cluster reached or failed: a failed one may still recover
    // (capacity freed), so look again, but rarely
    if (
      targeted.every(cluster => reached.has(cluster) || failed.has(cluster))
    ) {
      settled.set(current.id, now());
    }
    if (targeted.every(cluster => reached.has(cluster))) {
      settled.delete(current.id);
      await store.update(current.id, { state: 'completed' });
      await step(
        current,
        { step: 'completed', cluster: '' },
        { step: 'completed', clusters: targeted },
      );
    }
  }

  const clusters = createClusterWatch({
    store,
    catalog,
    auth,
    send: (recipients, payload) =>
      send('cluster-unreachable', recipients, payload),
    logger,
    iso,
  });

  let lastVersion: string | undefined;

  async function run() {
    await retryNotices();
    const active = await store.active();
    for (const request of active.filter(r => r.state === 'open')) {
      await readPullRequest(request);
    }
    const index = await views.index();
    const version = index.snapshot.version;
    const merged = (await store.active()).filter(r => r.state === 'merged');
    if (version === lastVersion && merged.every(r => r.clusters?.length)) {
      return;
    }
    lastVersion = version;
    await clusters.check(index);
    for (const request of merged) {
      try {
        await followRollout(request, index);
      } catch (error) {
        logger.warn('Could not follow a VM request', {
          pullRequest: request.pullRequest.url,
          error: error instanceof Error ? error.message : String(error),
        });
      }
    }
  }

  return {
    async onRequestEvent(payload) {
      const parsed = parseRequestEvent(payload);
      if (!parsed.ok) {
        logger.warn('Ignored a malformed kubevirt-gitops request event', {
          problems: parsed.problems,
        });
        return false;
      }
      const request = parsed.request;
      const added = await store.addRequest(request);
      const stored = (await store.get(request.id)) ?? request;
      await step(
        stored,
        { step: 'opened', cluster: '', at: stored.openedAt },
        { step: 'opened' },
      );
      return added;
    },

    async onPullRequestClosed(event) {
      const request = await store.get(
        requestId(event.repository, event.number),
      );
      if (!request || request.state !== 'open') return;
      if (event.merged) {
        await markMerged(request, {
          ...(event.at ? { at: event.at } : {}),
          ...(event.mergeCommitSha
            ? { mergeCommitSha: event.mergeCommitSha }
            : {}),
        });
      } else {
        await markClosed(request, event.at);
      }
    },

    check() {
      running ??= run().finally(() => {
        running = undefined;
      });
      return running;
    },

    async timeline(entityRef, limit = 20) {
      const requests = await store.ofEntity(entityRef, limit);
      const steps = await store.steps(requests.map(request => request.id));
      return toTimeline(entityRef, requests, steps);
    },
  };
}
