/*
 * One replica watches at a time (the snapshot is shared): a lease in the
 * shared cache names the replica that watches. The global scheduler task
 * `kubevirt-gitops:upstream-watch` runs `runTask` on one replica at a time:
 * when no lease is held (none yet, or its holder stopped renewing it for
 * `leaseTtlMs`) it takes the lease and starts the watches, which then stay
 * up on that replica, renewing the lease every `renewMs`, for as long as it
 * holds the lease. A replica that finds the lease taken by another stops
 * its watches. A replica that stops (shutdown) releases it, so another
 * takes over at the task's next run; one that dies is replaced within
 * `leaseTtlMs` plus the task's interval. While a lease is held, the
 * fleet-snapshot task leaves the lists to the watching replica.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type {
  CacheService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import type { UpstreamWatches } from './UpstreamWatches';

const LEASE_KEY = 'kubevirt-gitops/upstream-watch/lease';

/** Who watches, for the fleet-snapshot task and the scheduler task. */
export interface WatchLeadership {
  /** The scheduler task: takes a free lease and starts the watches here. */
  runTask(): Promise<void>;
  /** True while some replica (this one too) holds a live lease. */
  watchedAnywhere(): Promise<boolean>;
  /** True while this replica holds the lease and watches. */
  readonly leading: boolean;
  /** Stops the watches here and releases the lease (shutdown). */
  release(): Promise<void>;
}

/** Options of {@link createWatchLeadership}. */
export interface WatchLeadershipOptions {
  cache: CacheService;
  watches: UpstreamWatches;
  logger: LoggerService;
  /** How long a lease lives without renewal (default 6 s). */
  leaseTtlMs?: number;
  /** How often the holder renews it (default 2 s). */
  renewMs?: number;
  /** This replica's name in the lease (default host, pid and a random tag). */
  replicaId?: string;
}

interface Lease {
  owner: string;
  renewedAt: string;
}

function parseLease(value: unknown): Lease | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { owner, renewedAt } = value as Record<string, unknown>;
  return typeof owner === 'string' && typeof renewedAt === 'string'
    ? { owner, renewedAt }
    : undefined;
}

/** Creates the leadership of this replica. */
export function createWatchLeadership(
  options: WatchLeadershipOptions,
): WatchLeadership {
  const { cache, watches, logger } = options;
  const leaseTtlMs = options.leaseTtlMs ?? 6000;
  const renewMs = options.renewMs ?? 2000;
  const me =
    options.replicaId ??
    `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
  let renewal: NodeJS.Timeout | undefined;
  let leading = false;
  /** Set by release(): the scheduler may still run the task while the backend stops. */
  let released = false;

  const readLease = async () => parseLease(await cache.get(LEASE_KEY));
  const writeLease = () =>
    cache.set(
      LEASE_KEY,
      { owner: me, renewedAt: new Date().toISOString() },
      { ttl: leaseTtlMs },
    );

  async function stepDown(reason: string) {
    clearInterval(renewal);
    renewal = undefined;
    if (!leading) return;
    leading = false;
    await watches.stop();
    logger.info(`Stopped watching the upstreams: ${reason}`, { replica: me });
  }

  async function renew() {
    try {
      const lease = await readLease();
      if (lease && lease.owner !== me) {
        await stepDown(`replica ${lease.owner} watches now`);
        return;
      }
      await writeLease();
    } catch (error) {
      logger.warn('Renewing the upstream watch lease failed', {
        error: String(error),
      });
    }
  }

  return {
    get leading() {
      return leading;
    },
    async runTask() {
      if (released) return;
      const lease = await readLease();
      if (released || (lease && lease.owner !== me)) return;
      await writeLease();
      if (!leading) {
        leading = true;
        watches.start();
        logger.info('Watching the upstreams on this replica', {
          replica: me,
        });
        renewal = setInterval(() => {
          renew().catch(() => undefined);
        }, renewMs);
        renewal.unref();
      }
    },
    async watchedAnywhere() {
      if (leading) return true;
      try {
        return (await readLease()) !== undefined;
      } catch {
        // Without the cache no one can be known to watch: list as before.
        return false;
      }
    },
    async release() {
      released = true;
      const wasLeading = leading;
      await stepDown('this replica stops');
      if (wasLeading && (await readLease())?.owner === me) {
        await cache.delete(LEASE_KEY);
      }
    },
  };
}
