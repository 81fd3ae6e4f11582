/*
 * The request tracker's storage (knex over the plugin's database: SQLite by
 * default, PostgreSQL in an installation). Every write that leads to a
 * notification is a claim: a step is inserted with its unique key (request,
 * step, cluster) ignoring a conflict, and only the caller whose insert
 * created the row notifies; a cluster's availability moves with a
 * compare-and-set update. So two replicas, or a restart that sees the same
 * snapshot again, record and notify a step once.
 */
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import type {
  VmOperation,
  VmTimelineStepKind,
} from '@internal/plugin-kubevirt-gitops-common';
import type { NotificationPayload } from '@backstage/plugin-notifications-common';
import type { Knex } from 'knex';

const REQUESTS = 'kubevirt_gitops_vm_requests';
const STEPS = 'kubevirt_gitops_vm_request_steps';
const CLUSTERS = 'kubevirt_gitops_cluster_availability';
const OUTBOX = 'kubevirt_gitops_notification_outbox';

/** Where a request stands; `open` and `merged` are still tracked. */
export type RequestState = 'open' | 'merged' | 'closed' | 'completed';

/** One tracked request. */
export interface TrackedRequest {
  id: string;
  /** `owner/repo`. */
  repository: string;
  repoUrl: string;
  pullRequest: { number: number; url: string; title: string; branch: string };
  vmName: string;
  entityRef: string;
  operation: VmOperation;
  requester?: string;
  environments: string[];
  declaredState?: string;
  /** Targeted clusters, set once merged. */
  clusters?: string[];
  /** The Applications' revisions per cluster when the merge was seen. */
  baselineRevisions?: Record<string, string>;
  state: RequestState;
  mergeCommitSha?: string;
  openedAt: string;
  mergedAt?: string;
  /** When GitHub was last asked about the pull request (ms). */
  prCheckedAt?: number;
}

/** One recorded step. */
export interface StoredStep {
  requestId: string;
  step: VmTimelineStepKind;
  /** '' for a step of the whole request. */
  cluster: string;
  at: string;
  detail?: string;
}

interface RequestRow {
  id: string;
  repository: string;
  repo_url: string;
  pr_number: number;
  pr_url: string;
  pr_title: string;
  pr_branch: string;
  vm_name: string;
  entity_ref: string;
  operation: string;
  requester: string | null;
  environments: string;
  declared_state: string | null;
  clusters: string | null;
  baseline_revisions: string | null;
  state: string;
  merge_commit_sha: string | null;
  opened_at: string;
  merged_at: string | null;
  pr_checked_at: number | string | null;
}

/**
 * A notification in the outbox: recorded with its step, removed once the
 * notifications service accepted it.
 */
export interface OutboxNotice {
  /** The payload's scope: unique per state change, the outbox's key. */
  scope: string;
  /** What it tells (a step, `cluster-unreachable`), for the logs. */
  what: string;
  /** Entity refs (users, or the VMs whose owners are told). */
  recipients: string[];
  payload: NotificationPayload & { scope: string };
  /** Sends tried so far. */
  attempts: number;
}

interface OutboxRow {
  scope: string;
  what: string;
  recipients: string;
  payload: string;
  attempts: number;
  next_at: number | string;
  claimed_at: number | string | null;
  created_at: number | string;
}

interface StepRow {
  request_id: string;
  step: string;
  cluster: string;
  at: string;
  detail: string | null;
}

/** The id of the request of a pull request. */
export function requestId(repository: string, number: number): string {
  return `${repository.toLocaleLowerCase('en-US')}#${number}`;
}

function parseJson<T>(text: string | null, fallback: T): T {
  if (!text) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

function fromRow(row: RequestRow): TrackedRequest {
  const clusters = parseJson<string[] | undefined>(row.clusters, undefined);
  const baseline = parseJson<Record<string, string> | undefined>(
    row.baseline_revisions,
    undefined,
  );
  return {
    id: row.id,
    repository: row.repository,
    repoUrl: row.repo_url,
    pullRequest: {
      number: Number(row.pr_number),
      url: row.pr_url,
      title: row.pr_title,
      branch: row.pr_branch,
    },
    vmName: row.vm_name,
    entityRef: row.entity_ref,
    operation: row.operation as VmOperation,
    ...(row.requester ? { requester: row.requester } : {}),
    environments: parseJson<string[]>(row.environments, []),
    ...(row.declared_state ? { declaredState: row.declared_state } : {}),
    ...(clusters ? { clusters } : {}),
    ...(baseline ? { baselineRevisions: baseline } : {}),
    state: row.state as RequestState,
    ...(row.merge_commit_sha ? { mergeCommitSha: row.merge_commit_sha } : {}),
    openedAt: row.opened_at,
    ...(row.merged_at ? { mergedAt: row.merged_at } : {}),
    ...(row.pr_checked_at !== null && row.pr_checked_at !== undefined
      ? { prCheckedAt: Number(row.pr_checked_at) }
      : {}),
  };
}

/** The storage. */
export interface RequestStore {
  /**
   * Records a request; true when this call created it (a reused pull
   * request, or a second replica's copy of the event, is not new).
   */
  addRequest(request: TrackedRequest): Promise<boolean>;
  get(id: string): Promise<TrackedRequest | undefined>;
  /** Requests still tracked (open or merged). */
  active(): Promise<TrackedRequest[]>;
  /** The requests of an entity, newest first. */
  ofEntity(entityRef: string, limit: number): Promise<TrackedRequest[]>;
  update(
    id: string,
    changes: Partial<
      Pick<
        TrackedRequest,
        | 'state'
        | 'clusters'
        | 'baselineRevisions'
        | 'mergeCommitSha'
        | 'mergedAt'
        | 'prCheckedAt'
      >
    >,
  ): Promise<void>;
  /** Claims the right to ask GitHub about a request now (one replica per period). */
  claimPullRequestCheck(
    id: string,
    now: number,
    minIntervalMs: number,
  ): Promise<boolean>;
  /**
   * Records a step; true when this call recorded it. With a notice, the
   * notice goes into the outbox in the same transaction, claimed by this
   * caller (who sends it now) until `now` + the claim's lease.
   */
  addStep(
    step: StoredStep,
    notice?: { notice: Omit<OutboxNotice, 'attempts'>; now: number },
  ): Promise<boolean>;
  /**
   * Puts a notice into the outbox, claimed by the caller; false when one of
   * the same scope is there already.
   */
  queueNotice(
    notice: Omit<OutboxNotice, 'attempts'>,
    now: number,
  ): Promise<boolean>;
  /**
   * Claims the notices due by `now` that nobody claimed in the last
   * `leaseMs` (one replica gets each), oldest first, at most `limit`.
   */
  claimDueNotices(
    now: number,
    leaseMs: number,
    limit: number,
  ): Promise<OutboxNotice[]>;
  /** Removes a notice: sent, or given up. */
  removeNotice(scope: string): Promise<void>;
  /** A send failed: try again at `nextAt` (the claim is let go). */
  retryNoticeAt(scope: string, attempts: number, nextAt: number): Promise<void>;
  steps(requestIds: string[]): Promise<StoredStep[]>;
  /**
   * Moves a cluster's availability; returns the previous one when this call
   * moved it (undefined when it was already so, or another replica moved
   * it first). A cluster seen for the first time returns `'new'`.
   */
  moveClusterAvailability(
    cluster: string,
    availability: string,
    at: string,
  ): Promise<string | undefined>;
}

/** Runs the package's migrations and returns the store. */
export async function createRequestStore(
  knex: Knex,
  options: { skipMigrations?: boolean } = {},
): Promise<RequestStore> {
  if (!options.skipMigrations) {
    await knex.migrate.latest({
      directory: resolvePackagePath(
        '@internal/plugin-kubevirt-gitops-backend',
        'migrations',
      ),
      tableName: 'kubevirt_gitops_knex_migrations',
      loadExtensions: ['.js'],
    });
  }

  return {
    async addRequest(request) {
      const row: RequestRow = {
        id: request.id,
        repository: request.repository,
        repo_url: request.repoUrl,
        pr_number: request.pullRequest.number,
        pr_url: request.pullRequest.url,
        pr_title: request.pullRequest.title,
        pr_branch: request.pullRequest.branch,
        vm_name: request.vmName,
        entity_ref: request.entityRef.toLocaleLowerCase('en-US'),
        operation: request.operation,
        requester: request.requester ?? null,
        environments: JSON.stringify(request.environments),
        declared_state: request.declaredState ?? null,
        clusters: null,
        baseline_revisions: null,
        state: request.state,
        merge_commit_sha: null,
        opened_at: request.openedAt,
        merged_at: null,
        pr_checked_at: null,
      };
      return created(knex, REQUESTS, { ...row }, ['id']);
    },

    async get(id) {
      const row = await knex<RequestRow>(REQUESTS).where({ id }).first();
      return row ? fromRow(row) : undefined;
    },

    async active() {
      const rows = await knex<RequestRow>(REQUESTS)
        .whereIn('state', ['open', 'merged'])
        .orderBy('opened_at', 'asc');
      return rows.map(fromRow);
    },

    async ofEntity(entityRef, limit) {
      const rows = await knex<RequestRow>(REQUESTS)
        .where({ entity_ref: entityRef.toLocaleLowerCase('en-US') })
        .orderBy([
          { column: 'opened_at', order: 'desc' },
          { column: 'pr_number', order: 'desc' },
        ])
        .limit(limit);
      return rows.map(fromRow);
    },

    async update(id, changes) {
      const row: Partial<RequestRow> = {};
      if (changes.state) row.state = changes.state;
      if (changes.clusters) row.clusters = JSON.stringify(changes.clusters);
      if (changes.baselineRevisions) {
        row.baseline_revisions = JSON.stringify(changes.baselineRevisions);
      }
      if (changes.mergeCommitSha) row.merge_commit_sha = changes.mergeCommitSha;
      if (changes.mergedAt) row.merged_at = changes.mergedAt;
      if (changes.prCheckedAt !== undefined) {
        row.pr_checked_at = changes.prCheckedAt;
      }
      if (Object.keys(row).length === 0) return;
      await knex(REQUESTS).where({ id }).update(row);
    },

    async claimPullRequestCheck(id, now, minIntervalMs) {
      const updated = await knex(REQUESTS)
        .where({ id })
        .andWhere(query =>
          query
            .whereNull('pr_checked_at')
            .orWhere('pr_checked_at', '<=', now - minIntervalMs),
        )
        .update({ pr_checked_at: now });
      return updated === 1;
    },

    async addStep(step, notice) {
      const row: StepRow = {
        request_id: step.requestId,
        step: step.step,
        cluster: step.cluster,
        at: step.at,
        detail: step.detail ?? null,
      };
      if (!notice) {
        return created(knex, STEPS, { ...row }, [
          'request_id',
          'step',
          'cluster',
        ]);
      }
      return knex.transaction(async trx => {
        const added = await created(trx, STEPS, { ...row }, [
          'request_id',
          'step',
          'cluster',
        ]);
        if (added) await insertNotice(trx, notice.notice, notice.now);
        return added;
      });
    },

    async queueNotice(notice, now) {
      return insertNotice(knex, notice, now);
    },

    async claimDueNotices(now, leaseMs, limit) {
      const unclaimed = (query: Knex.QueryBuilder) =>
        query
          .whereNull('claimed_at')
          .orWhere('claimed_at', '<=', now - leaseMs);
      const due = await knex<OutboxRow>(OUTBOX)
        .where('next_at', '<=', now)
        .andWhere(unclaimed)
        .orderBy('next_at', 'asc')
        .limit(limit);
      const claimed: OutboxNotice[] = [];
      for (const row of due) {
        // compare-and-set: a replica that claimed it meanwhile wins
        const updated = await knex(OUTBOX)
          .where({ scope: row.scope })
          .andWhere(unclaimed)
          .update({ claimed_at: now });
        if (updated !== 1) continue;
        const payload = parseJson<OutboxNotice['payload'] | undefined>(
          row.payload,
          undefined,
        );
        if (!payload) {
          // unreadable (written by a newer version?): nothing to send
          await knex(OUTBOX).where({ scope: row.scope }).delete();
          continue;
        }
        claimed.push({
          scope: row.scope,
          what: row.what,
          recipients: parseJson<string[]>(row.recipients, []),
          payload,
          attempts: Number(row.attempts),
        });
      }
      return claimed;
    },

    async removeNotice(scope) {
      await knex(OUTBOX).where({ scope }).delete();
    },

    async retryNoticeAt(scope, attempts, nextAt) {
      await knex(OUTBOX)
        .where({ scope })
        .update({ attempts, next_at: nextAt, claimed_at: null });
    },

    async steps(requestIds) {
      if (requestIds.length === 0) return [];
      const rows = await knex<StepRow>(STEPS)
        .whereIn('request_id', requestIds)
        .orderBy([
          { column: 'at', order: 'asc' },
          { column: 'step', order: 'asc' },
        ]);
      return rows.map(row => ({
        requestId: row.request_id,
        step: row.step as VmTimelineStepKind,
        cluster: row.cluster,
        at: row.at,
        ...(row.detail ? { detail: row.detail } : {}),
      }));
    },

    async moveClusterAvailability(cluster, availability, at) {
      const inserted = await created(
        knex,
        CLUSTERS,
        { cluster, availability, changed_at: at },
        ['cluster'],
      );
      if (inserted) return 'new';
      const current = await knex<{ cluster: string; availability: string }>(
        CLUSTERS,
      )
        .where({ cluster })
        .first();
      if (!current || current.availability === availability) return undefined;
      const moved = await knex(CLUSTERS)
        .where({ cluster, availability: current.availability })
        .update({ availability, changed_at: at });
      return moved === 1 ? current.availability : undefined;
    },
  };

  /**
   * Inserts ignoring a conflict on `key`; true when this call created the
   * row (`RETURNING` answers no row for an ignored insert, on PostgreSQL
   * and on SQLite alike).
   */
  async function created(
    db: Knex | Knex.Transaction,
    table: string,
    row: Record<string, unknown>,
    key: string[],
  ): Promise<boolean> {
    const rows: unknown[] = await db(table)
      .insert(row)
      .onConflict(key)
      .ignore()
      .returning(key);
    return rows.length === 1;
  }

  function insertNotice(
    db: Knex | Knex.Transaction,
    notice: Omit<OutboxNotice, 'attempts'>,
    now: number,
  ): Promise<boolean> {
    const row: OutboxRow = {
      scope: notice.scope,
      what: notice.what,
      recipients: JSON.stringify(notice.recipients),
      payload: JSON.stringify(notice.payload),
      attempts: 0,
      next_at: now,
      claimed_at: now,
      created_at: now,
    };
    return created(db, OUTBOX, { ...row }, ['scope']);
  }
}
