import { mockServices } from '@backstage/backend-test-utils';
import {
  FLEET_SIGNAL_CHANNEL,
  vmSignalChannel,
  type VmAnnotations,
  type VmClusterRow,
} from '@internal/plugin-kubevirt-gitops-common';
import type { FleetViews } from '../fleet/FleetViews';
import { createVmSignals } from './VmSignals';

const WEB: VmAnnotations = {
  vmName: 'web',
  appSelector: 'kubevirt-gitops.io/vm=web',
};
const DB: VmAnnotations = {
  vmName: 'db',
  appSelector: 'kubevirt-gitops.io/vm=db',
};

function row(cluster: string, state: string, message = ''): VmClusterRow {
  return {
    cluster,
    clusterAvailability: 'available',
    sync: { status: 'Synced' },
    health: { status: 'Healthy', message },
    derived: { state, label: `${state} ${message}` },
  } as unknown as VmClusterRow;
}

function setup() {
  let version = 'v1';
  let data = 'v1';
  const rows = new Map<string, VmClusterRow[]>([
    ['resource:default/web', [row('dev-1', 'Running')]],
    ['resource:default/db', [row('dev-1', 'Stopped')]],
  ]);
  const published: Array<{
    channel: string;
    message: unknown;
    recipients: unknown;
  }> = [];
  let now = 1_000_000;
  const invalidate = jest.fn();
  const views = {
    index: async () => ({
      snapshot: {
        version,
        hubs: [
          {
            source: 'ocm:hub',
            // a new part object each refresh, as the store hands out
            part: { fetchedAt: '2026-12-06T10:00:00.000Z', clusters: [data] },
          },
        ],
        argocd: [],
      },
    }),
  } as unknown as FleetViews;
  const signals = createVmSignals({
    views,
    vms: {
      invalidate,
      getSnapshotStatus: async entityRef => {
        if (entityRef.endsWith('/broken')) {
          throw new Error('ArgoCD instance old is not configured');
        }
        return { rows: rows.get(entityRef) ?? [] } as never;
      },
    },
    signals: {
      publish: async signal => {
        published.push({
          channel: signal.channel,
          message: signal.message,
          recipients: signal.recipients,
        });
      },
    },
    logger: mockServices.logger.mock(),
    watchTtlMs: 60_000,
    now: () => now,
  });
  return {
    signals,
    published,
    rows,
    invalidate,
    /** A refresh: a new snapshot version; its data changes unless `same`. */
    change: (next: string, same = false) => {
      version = next;
      if (!same) data = next;
    },
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe('createVmSignals (live updates to the browser)', () => {
  it('signals the fleet on a snapshot change, and only the VMs whose rows changed', async () => {
    const live = setup();
    expect(await live.signals.check()).toEqual([]); // the first snapshot: a baseline
    live.signals.watch('resource:default/web', WEB, 'user:default/jane');
    live.signals.watch('resource:default/db', DB, 'user:default/joe');
    live.change('v2');
    // first change after the pages opened: each is told once
    expect((await live.signals.check()).sort()).toEqual(
      [
        FLEET_SIGNAL_CHANNEL,
        vmSignalChannel('resource:default/db'),
        vmSignalChannel('resource:default/web'),
      ].sort(),
    );

    live.rows.set('resource:default/web', [row('dev-1', 'Stopped')]);
    live.change('v3');
    expect(await live.signals.check()).toEqual([
      FLEET_SIGNAL_CHANNEL,
      vmSignalChannel('resource:default/web'),
    ]);
    // only to who was shown the VM; the fleet's to every page
    expect(live.published.at(-1)).toEqual({
      channel: 'kubevirt-gitops:vm:resource:default/web',
      message: { kind: 'vm', snapshotAt: '2026-12-06T10:00:00.000Z' },
      recipients: { type: 'user', entityRef: ['user:default/jane'] },
    });
    expect(live.published.at(-2)?.recipients).toEqual({ type: 'broadcast' });
    // its cached answer went first, so the reload gets the new rows
    expect(live.invalidate).toHaveBeenLastCalledWith(
      'resource:default/web',
      WEB,
    );
  });

  it('publishes nothing when the snapshot did not change, and no VM signal for a change it does not show', async () => {
    const live = setup();
    live.signals.watch('resource:default/web', WEB, 'user:default/jane');
    await live.signals.check();
    live.change('v2');
    await live.signals.check();
    const before = live.published.length;
    expect(await live.signals.check()).toEqual([]);
    // a new message text (e.g. a time in it) is not a state change
    live.rows.set('resource:default/web', [
      row('dev-1', 'Running', 'at 10:01'),
    ]);
    live.change('v3');
    expect(await live.signals.check()).toEqual([FLEET_SIGNAL_CHANNEL]);
    expect(live.published.length).toBe(before + 1);
  });

  it('signals nothing for a refresh that brought the same data (only its time is new)', async () => {
    const live = setup();
    live.signals.watch('resource:default/web', WEB, 'user:default/jane');
    await live.signals.check();
    live.change('v2');
    await live.signals.check();
    const before = live.published.length;
    live.change('v3', true);
    expect(await live.signals.check()).toEqual([]);
    live.change('v4', true);
    expect(await live.signals.check()).toEqual([]);
    expect(live.published.length).toBe(before);
  });

  it('forgets an entity no page asked about within the TTL', async () => {
    const live = setup();
    live.signals.watch('resource:default/web', WEB, 'user:default/jane');
    await live.signals.check();
    live.change('v2');
    await live.signals.check();
    live.advance(61_000);
    live.rows.set('resource:default/web', [row('dev-1', 'Stopped')]);
    live.change('v3');
    expect(await live.signals.check()).toEqual([FLEET_SIGNAL_CHANNEL]);
  });

  it('keeps checking when publishing fails, and says so in the log', async () => {
    const logger = mockServices.logger.mock();
    let version = 'v1';
    const live = createVmSignals({
      views: {
        index: async () => ({
          snapshot: {
            version,
            hubs: [{ source: 'ocm:hub', part: { fetchedAt: 'x', v: version } }],
            argocd: [],
          },
        }),
      } as unknown as FleetViews,
      vms: {
        getSnapshotStatus: async () => ({ rows: [] } as never),
        invalidate: jest.fn(),
      },
      signals: {
        publish: async () => {
          throw new Error('events bus down');
        },
      },
      logger,
    });
    await live.check();
    version = 'v2';
    expect(await live.check()).toEqual([]);
    expect(logger.warn).toHaveBeenCalledWith(
      'Could not publish a kubevirt-gitops signal',
      expect.objectContaining({ error: 'events bus down' }),
    );
  });

  it('signals a VM whose open pull requests changed (webhook), only it, and drops its cached answer', async () => {
    const pulls = new Map([
      ['web', '12:Stop web:vm/set-run-strategy'],
      ['db', ''],
    ]);
    const published: string[] = [];
    const invalidate = jest.fn();
    const live = createVmSignals({
      views: {
        index: async () => ({
          snapshot: { version: 'v1', hubs: [], argocd: [] },
        }),
      } as unknown as FleetViews,
      vms: {
        getSnapshotStatus: async () => ({ rows: [] } as never),
        invalidate,
      },
      signals: {
        publish: async signal => {
          published.push(signal.channel);
        },
      },
      pullRequestsOf: async annotations => {
        const value = pulls.get(annotations.vmName);
        if (value === undefined) throw new Error('GitHub answered 500');
        return value;
      },
      logger: mockServices.logger.mock(),
    });
    live.watch('resource:default/web', WEB, 'user:default/jane');
    live.watch('resource:default/db', DB, 'user:default/joe');
    await live.checkPullRequests(); // the pages' first look
    published.length = 0;
    invalidate.mockClear();
    expect(await live.checkPullRequests()).toEqual([]);
    pulls.set('web', ''); // the pull request was merged
    expect(await live.checkPullRequests()).toEqual([
      vmSignalChannel('resource:default/web'),
    ]);
    expect(invalidate).toHaveBeenCalledWith('resource:default/web', WEB);
    // GitHub failing: nothing to compare, no signal, no error
    pulls.delete('db');
    expect(await live.checkPullRequests()).toEqual([]);
  });

  it('goes on with the other VMs when one cannot be compared', async () => {
    const live = setup();
    live.signals.watch('resource:default/broken', WEB, 'user:default/jane');
    live.signals.watch('resource:default/web', WEB, 'user:default/jane');
    await live.signals.check();
    live.rows.set('resource:default/web', [row('dev-1', 'Stopped')]);
    live.change('v2');
    expect(await live.signals.check()).toContain(
      vmSignalChannel('resource:default/web'),
    );
  });
});

describe('createVmSignals: the whole answer of a VM not at rest', () => {
  function answerOf(printableStatus: string, matchesDesired: boolean) {
    return {
      rows: [
        {
          ...row('dev-1', matchesDesired ? 'Running' : 'Starting'),
          printableStatus,
          conditions: [],
          vmi: { ipAddresses: [] },
          dataVolumes: [],
          derived: {
            state: 'Healthy',
            label: 'Healthy',
            certainty: matchesDesired ? 'exact' : 'approximate',
            matchesDesired,
            severity: 'ok',
          },
        },
      ],
      applicationSets: [],
      pullRequests: [],
      errors: [],
    };
  }

  function setupDetail() {
    let now = 5_000_000;
    let answer = answerOf('Starting', false);
    const reads: string[] = [];
    const published: string[] = [];
    const signals = createVmSignals({
      views: {
        index: async () => ({
          // the snapshot never changes: ArgoCD 3 keeps the VM's health
          // out of the Application, so Starting → Running is not in it
          snapshot: { version: 'v1', hubs: [], argocd: [] },
        }),
      } as unknown as FleetViews,
      vms: {
        invalidate: jest.fn(),
        getSnapshotStatus: async () =>
          ({ rows: [row('dev-1', 'Healthy')] } as never),
        getStatus: async entityRef => {
          reads.push(entityRef);
          return { entityRef, ...answer } as never;
        },
      },
      signals: {
        publish: async signal => {
          published.push(signal.channel);
        },
      },
      logger: mockServices.logger.mock(),
      pendingCheckMs: 2000,
      now: () => now,
    });
    return {
      signals,
      reads,
      published,
      set: (next: ReturnType<typeof answerOf>) => {
        answer = next;
      },
      advance: (ms: number) => {
        now += ms;
      },
    };
  }

  it('reads it every pendingCheckMs with no snapshot change, signals once when it changed, and once at rest only every settledCheckMs', async () => {
    const live = setupDetail();
    await live.signals.check(); // baseline of the snapshot
    live.signals.watch('resource:default/web', WEB, 'user:default/jane');
    await live.signals.check(); // the first read: a baseline, no signal
    expect(live.reads).toHaveLength(1);
    expect(live.published).toEqual([]);

    live.advance(500);
    await live.signals.check(); // within pendingCheckMs: not read again
    expect(live.reads).toHaveLength(1);

    live.advance(2000);
    await live.signals.check(); // read again, the same answer: no signal
    expect(live.reads).toHaveLength(2);
    expect(live.published).toEqual([]);

    live.set(answerOf('Running', true));
    // the route answers the user again (the same page, or a script):
    // the answer read before stays the baseline
    live.signals.watch('resource:default/web', WEB, 'user:default/jane');
    live.advance(2000);
    await live.signals.check();
    expect(live.reads).toHaveLength(3);
    expect(live.published).toEqual([vmSignalChannel('resource:default/web')]);

    // at rest now (as declared, no pull request, no error): read only
    // every settledCheckMs (10 s), not every 2 s
    for (let i = 0; i < 4; i += 1) {
      live.advance(2000);
      await live.signals.check();
    }
    expect(live.reads).toHaveLength(3);
    live.advance(2000);
    await live.signals.check();
    expect(live.reads).toHaveLength(4);
    expect(live.published).toHaveLength(1);

    // GitHub starts failing: not in the snapshot, seen at the next read
    live.set({
      ...answerOf('Running', true),
      errors: [
        {
          source: 'github',
          kind: 'unavailable',
          message: 'GitHub answered 500',
        },
      ],
    } as never);
    live.advance(10_000);
    await live.signals.check();
    expect(live.published).toEqual([
      vmSignalChannel('resource:default/web'),
      vmSignalChannel('resource:default/web'),
    ]);
  });

  it('touch() signals a watched VM page (a timeline step) and no other', async () => {
    const live = setupDetail();
    await live.signals.check();
    live.signals.watch('resource:default/web', WEB, 'user:default/jane');
    expect(await live.signals.touch('Resource:default/WEB')).toBe(true);
    expect(await live.signals.touch('resource:default/db')).toBe(false);
    expect(live.published).toEqual([vmSignalChannel('resource:default/web')]);
  });
});
