/*
 * Live updates to the browser through Backstage signals (issue 12, step
 * "push to the browser"): when the fleet snapshot changes, one signal on
 * the fleet channel; for each VM entity a page asked about recently, one
 * signal on its channel when its rows changed (sync, health, the VM's
 * state, its cluster's availability), and none when they did not: one
 * signal per state change, not per refresh. A signal carries only the
 * snapshot's time; the page reloads through the permission-checked route.
 * A VM's signal goes only to the users the VM route answered for it (they
 * passed its read permission), not to everyone: who may not read a VM does
 * not learn when it changes. The fleet's goes to every signed-in page.
 *
 * Which entities are watched: those the VM route answered within
 * `watchTtlMs` (a page polls at least every 15 s, so an open tab stays
 * watched). The rows compared are the snapshot's own (`getSnapshotStatus`):
 * no upstream call per check. The first snapshot change after a page opens
 * signals it once whatever changed (it read an older snapshot).
 */
import { createHash } from 'node:crypto';
import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  FLEET_SIGNAL_CHANNEL,
  isVmSettled,
  vmSignalChannel,
  type KubevirtGitopsSignal,
  type VmAnnotations,
  type VmClusterRow,
  type VmStatusResponse,
} from '@internal/plugin-kubevirt-gitops-common';
import type { SignalsService } from '@backstage/plugin-signals-node';
import { snapshotTime, type FleetViews } from '../fleet/FleetViews';
import type { FleetSnapshot } from '../fleet/snapshotTypes';
import type { VmStatusService } from '../vm/VmStatusService';

/** Options of {@link createVmSignals}. */
export interface VmSignalsOptions {
  views: FleetViews;
  vms: Pick<VmStatusService, 'getSnapshotStatus' | 'invalidate'> &
    Partial<Pick<VmStatusService, 'getStatus'>>;
  /**
   * How often the whole answer of a watched VM that is not at rest
   * (`isVmSettled`: rolling out, a pull request open, an upstream failing)
   * is read again, when `vms.getStatus` is given (default 2 s). The
   * snapshot does not carry the VM's live object (ArgoCD 3 keeps resource
   * health out of the Application), the detail's errors or the pull
   * requests: this read is what lets the pages stop polling.
   */
  pendingCheckMs?: number;
  /**
   * How often the whole answer of a watched VM at rest is read again
   * (default 10 s): what the snapshot does not carry can still change
   * (GitHub failing, a pull request opened without a webhook).
   */
  settledCheckMs?: number;
  signals: Pick<SignalsService, 'publish'>;
  logger: LoggerService;
  /**
   * What identifies a VM's open pull requests (e.g. their numbers and head
   * commits), for {@link VmSignals.checkPullRequests}.
   */
  pullRequestsOf?: (annotations: VmAnnotations) => Promise<string>;
  /** How long an entity stays watched after its last request (default 10 min). */
  watchTtlMs?: number;
  /** Most entities watched at once (default 2000; the oldest go first). */
  maxWatched?: number;
  now?: () => number;
}

/** Publishes the signals. */
export interface VmSignals {
  /**
   * Marks an entity as shown to a user (the VM route calls this once the
   * user passed the VM's read permission).
   */
  watch(entityRef: string, annotations: VmAnnotations, userRef: string): void;
  /**
   * Compares the current snapshot with the last one checked and publishes
   * what changed; returns the channels signalled. Cheap when nothing did.
   */
  check(): Promise<string[]>;
  /**
   * Signals a watched VM's page now (e.g. a timeline step was recorded);
   * returns whether it was watched.
   */
  touch(entityRef: string): Promise<boolean>;
  /**
   * Compares each watched VM's open pull requests with the last check and
   * signals those whose list changed (a GitHub webhook said a pull request
   * or the base branch changed); returns the channels signalled.
   */
  checkPullRequests(): Promise<string[]>;
}

interface Watched {
  annotations: VmAnnotations;
  seenAt: number;
  /** The users it was shown to, with when (the oldest go first). */
  users: Map<string, number>;
  digest?: string;
  pulls?: string;
  /** The digest of the last whole answer read, and when; whether it was at rest. */
  answer?: { digest: string; at: number; settled: boolean };
}

const MAX_USERS_PER_ENTITY = 200;

const partDigests = new WeakMap<object, string>();

/**
 * What the fleet's pages show, as a digest: every part's data less its
 * fetch time (computed once per part: a part is a new object each refresh),
 * and every upstream's error. The snapshot's version changes on every
 * refresh; this only when something a page shows did.
 */
function fleetDigest(snapshot: FleetSnapshot): string {
  const hash = createHash('sha256');
  for (const status of [...snapshot.hubs, ...snapshot.argocd]) {
    let part = 'none';
    if (status.part) {
      part = partDigests.get(status.part) ?? '';
      if (!part) {
        const { fetchedAt: _fetchedAt, ...data } = status.part;
        part = createHash('sha256').update(JSON.stringify(data)).digest('hex');
        partDigests.set(status.part, part);
      }
    }
    hash.update(`${status.source}\n${part}\n${status.error ?? ''}\n`);
  }
  return hash.digest('hex');
}

/** What of a row a page shows as its state (no times, no messages). */
function rowsDigest(rows: readonly VmClusterRow[]): string {
  const states = rows.map(row => [
    row.cluster,
    row.environment ?? '',
    row.clusterAvailability,
    row.sync.status,
    row.sync.revision ?? '',
    row.health.status,
    row.printableStatus ?? '',
    row.desiredRunStrategy ?? '',
    row.derived.state,
    row.derived.reason ?? '',
  ]);
  return createHash('sha256').update(JSON.stringify(states)).digest('hex');
}

/**
 * What the VM route's whole answer shows, as a digest: the rows' states
 * (with the VM's live state from the detail), the errors (source and kind,
 * not their wording or times), the open pull requests and the
 * ApplicationSets' health and problems.
 */
function answerDigest(answer: VmStatusResponse): string {
  return createHash('sha256')
    .update(
      JSON.stringify([
        rowsDigest(answer.rows),
        answer.rows.map(row => [
          row.cluster,
          row.derived.certainty ?? '',
          row.derived.matchesDesired,
          row.derived.severity,
          row.conditions.map(c => `${c.type}=${c.status}:${c.reason ?? ''}`),
          row.vmi.phase ?? '',
          row.vmi.ipAddresses,
          row.dataVolumes.map(d => `${d.name}:${d.phase}:${d.progress ?? ''}`),
          row.message ?? '',
        ]),
        answer.errors.map(error => `${error.source}:${error.kind}`),
        answer.pullRequests.map(pull => `${pull.number}:${pull.title}`),
        answer.pullRequestsAsOf !== undefined,
        answer.applicationSets.map(set => [
          set.instance,
          set.name,
          set.health.status,
          set.problems.length,
          set.applications,
        ]),
      ]),
    )
    .digest('hex');
}

/** Creates the publisher. */
export function createVmSignals(options: VmSignalsOptions): VmSignals {
  const { views, vms, signals, logger } = options;
  const now = options.now ?? Date.now;
  const watchTtlMs = options.watchTtlMs ?? 10 * 60 * 1000;
  const maxWatched = options.maxWatched ?? 2000;
  const pendingCheckMs = options.pendingCheckMs ?? 2000;
  const settledCheckMs = options.settledCheckMs ?? 10_000;
  const getStatus = vms.getStatus?.bind(vms);
  const watched = new Map<string, Watched>();
  let lastVersion: string | undefined;
  let lastFleet: string | undefined;
  let running: Promise<string[]> | undefined;

  async function publish(
    channel: string,
    message: KubevirtGitopsSignal,
    users?: string[],
  ) {
    try {
      await signals.publish({
        recipients: users
          ? { type: 'user', entityRef: users }
          : { type: 'broadcast' },
        channel,
        message,
      });
      return true;
    } catch (error) {
      logger.warn('Could not publish a kubevirt-gitops signal', {
        channel,
        error: error instanceof Error ? error.message : String(error),
      });
      return false;
    }
  }

  /**
   * Reads the whole answer of a watched VM that is not at rest (at most
   * every `pendingCheckMs`), and says whether it changed since the last
   * read. The first read only sets the baseline.
   */
  async function answerChanged(
    entityRef: string,
    entry: Watched,
  ): Promise<boolean> {
    if (!getStatus) return false;
    if (entry.answer) {
      const every = entry.answer.settled ? settledCheckMs : pendingCheckMs;
      if (now() - entry.answer.at < every) return false;
    }
    let answer: VmStatusResponse;
    try {
      answer = await getStatus(entityRef, entry.annotations);
    } catch {
      return false;
    }
    const digest = answerDigest(answer);
    const changed =
      entry.answer !== undefined && entry.answer.digest !== digest;
    entry.answer = { digest, at: now(), settled: isVmSettled(answer) };
    return changed;
  }

  async function run(): Promise<string[]> {
    const index = await views.index();
    const version = index.snapshot.version;
    const signalled: string[] = [];
    const snapshotAt = snapshotTime(index.snapshot, now());
    const snapshotChanged = version !== lastVersion;
    lastVersion = version;
    const fleet = snapshotChanged ? fleetDigest(index.snapshot) : lastFleet;
    const fleetChanged = fleet !== lastFleet;
    const first = lastFleet === undefined;
    lastFleet = fleet;
    if (
      fleetChanged &&
      !first &&
      (await publish(FLEET_SIGNAL_CHANNEL, { kind: 'fleet', snapshotAt }))
    ) {
      signalled.push(FLEET_SIGNAL_CHANNEL);
    }
    const cutoff = now() - watchTtlMs;
    for (const [entityRef, entry] of [...watched]) {
      if (entry.seenAt < cutoff) {
        watched.delete(entityRef);
        continue;
      }
      for (const [user, seenAt] of [...entry.users]) {
        if (seenAt < cutoff) entry.users.delete(user);
      }
      let changed = false;
      if (fleetChanged) {
        let digest: string;
        try {
          const status = await vms.getSnapshotStatus(
            entityRef,
            entry.annotations,
          );
          digest = rowsDigest(status.rows);
        } catch {
          // e.g. annotations naming an ArgoCD instance no longer configured:
          // the page's own request says so; nothing to compare here
          continue;
        }
        // An entity watched since the last check has no digest yet: the page
        // read an older snapshot, so it is told once (a reload, no more).
        changed = entry.digest !== digest;
        entry.digest = digest;
        // what the snapshot shows changed: the whole answer is read again
        if (changed && entry.answer) entry.answer.settled = false;
      }
      if (await answerChanged(entityRef, entry)) changed = true;
      if (changed && (await signalVm(entityRef, entry, snapshotAt))) {
        signalled.push(vmSignalChannel(entityRef));
      }
    }
    return signalled;
  }

  async function signalVm(
    entityRef: string,
    entry: Watched,
    snapshotAt: string,
  ): Promise<boolean> {
    // the page reloads on the signal: it must not get the cached answer
    vms.invalidate(entityRef, entry.annotations);
    return publish(vmSignalChannel(entityRef), { kind: 'vm', snapshotAt }, [
      ...entry.users.keys(),
    ]);
  }

  async function runPullRequests(): Promise<string[]> {
    const pullRequestsOf = options.pullRequestsOf;
    if (!pullRequestsOf) return [];
    const index = await views.index();
    const snapshotAt = snapshotTime(index.snapshot, now());
    const signalled: string[] = [];
    for (const [entityRef, entry] of [...watched]) {
      let pulls: string;
      try {
        pulls = await pullRequestsOf(entry.annotations);
      } catch (error) {
        // GitHub failing: the page's own reload shows it; nothing to compare
        continue;
      }
      const changed = entry.pulls !== pulls;
      entry.pulls = pulls;
      if (changed && (await signalVm(entityRef, entry, snapshotAt))) {
        signalled.push(vmSignalChannel(entityRef));
      }
    }
    return signalled;
  }

  return {
    checkPullRequests: () => runPullRequests(),
    async touch(entityRef) {
      const key = [...watched.keys()].find(
        ref =>
          ref.toLocaleLowerCase('en-US') ===
          entityRef.toLocaleLowerCase('en-US'),
      );
      const entry = key ? watched.get(key) : undefined;
      if (!key || !entry) return false;
      if (entry.answer) entry.answer.settled = false;
      const index = await views.index();
      return signalVm(key, entry, snapshotTime(index.snapshot, now()));
    },
    watch(entityRef, annotations, userRef) {
      const known = watched.get(entityRef);
      const sameAnnotations =
        known &&
        JSON.stringify(known.annotations) === JSON.stringify(annotations);
      const users = known?.users ?? new Map<string, number>();
      users.delete(userRef);
      users.set(userRef, now());
      while (users.size > MAX_USERS_PER_ENTITY) {
        const oldest = users.keys().next();
        if (oldest.done) break;
        users.delete(oldest.value);
      }
      watched.delete(entityRef);
      watched.set(entityRef, {
        annotations,
        seenAt: now(),
        users,
        ...(sameAnnotations && known.digest ? { digest: known.digest } : {}),
        ...(sameAnnotations && known.pulls ? { pulls: known.pulls } : {}),
        // kept: a route answer in between must not become the baseline
        // unseen (another request of the same user, a script polling)
        ...(sameAnnotations && known.answer ? { answer: known.answer } : {}),
      });
      while (watched.size > maxWatched) {
        const oldest = watched.keys().next();
        if (oldest.done) break;
        watched.delete(oldest.value);
      }
    },
    check() {
      // one check at a time: a slow one is not overtaken by the next tick
      running ??= run().finally(() => {
        running = undefined;
      });
      return running;
    },
  };
}
