import type { KubeObject, StoreEvent } from '../contracts';
import { createObjectStore } from './objectStore';

function cluster(
  name: string,
  labels: Record<string, string> = {},
  cpu = '4',
): KubeObject {
  return {
    apiVersion: 'cluster.open-cluster-management.io/v1',
    kind: 'ManagedCluster',
    metadata: { name, labels },
    spec: { hubAcceptsClient: true },
    status: { capacity: { cpu } },
  };
}

function decision(name: string, namespace: string): KubeObject {
  return {
    apiVersion: 'cluster.open-cluster-management.io/v1beta1',
    kind: 'PlacementDecision',
    metadata: { name, namespace },
  };
}

describe('createObjectStore', () => {
  it('sets server fields on create and keeps uid and creationTimestamp on replace', () => {
    const store = createObjectStore({
      now: () => new Date('2030-01-02T03:04:05.678Z'),
    });
    const created = store.upsert(cluster('a'));
    expect(created.metadata).toMatchObject({
      name: 'a',
      resourceVersion: '1',
      generation: 1,
      creationTimestamp: '2030-01-02T03:04:05Z',
    });
    expect(created.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);

    const statusOnly = store.upsert(cluster('a', {}, '8'));
    expect(statusOnly.metadata.uid).toBe(created.metadata.uid);
    expect(statusOnly.metadata.resourceVersion).toBe('2');
    expect(statusOnly.metadata.generation).toBe(1);

    const specChange = store.upsert({
      ...cluster('a', {}, '8'),
      spec: { hubAcceptsClient: false },
    });
    expect(specChange.metadata.generation).toBe(2);
    expect(store.resourceVersion()).toBe('3');
  });

  it('does not bump the resourceVersion for an unchanged object', () => {
    const store = createObjectStore();
    const first = store.upsert(cluster('a', { env: 'dev' }));
    const again = store.upsert(structuredClone(first));
    expect(again).toBe(first);
    expect(store.resourceVersion()).toBe('1');
  });

  it('stores frozen copies, so the caller keeps its object and readers cannot edit', () => {
    const store = createObjectStore();
    const input = cluster('a');
    const stored = store.upsert(input);
    expect(input.metadata.resourceVersion).toBeUndefined();
    expect(Object.isFrozen(stored.metadata)).toBe(true);
    expect(() => {
      (stored.metadata as { name: string }).name = 'b';
    }).toThrow(TypeError);
  });

  it('lists by kind sorted by namespace and name, filtered by namespace and labels', () => {
    const store = createObjectStore();
    store.upsert(cluster('c', { env: 'prod' }));
    store.upsert(cluster('a', { env: 'dev' }));
    store.upsert(cluster('b', { env: 'dev' }));
    store.upsert(decision('x', 'ns2'));
    store.upsert(decision('y', 'ns1'));
    expect(store.list('ManagedCluster').map(o => o.metadata.name)).toEqual([
      'a',
      'b',
      'c',
    ]);
    expect(
      store
        .list('ManagedCluster', { labelSelector: 'env=dev' })
        .map(o => o.metadata.name),
    ).toEqual(['a', 'b']);
    expect(store.list('PlacementDecision').map(o => o.metadata.name)).toEqual([
      'y',
      'x',
    ]);
    expect(
      store
        .list('PlacementDecision', { namespace: 'ns2' })
        .map(o => o.metadata.name),
    ).toEqual(['x']);
    expect(store.list('Unknown')).toEqual([]);
    expect(store.count('ManagedCluster')).toBe(3);
  });

  it('gets by kind, name and namespace', () => {
    const store = createObjectStore();
    store.upsert(decision('x', 'ns1'));
    expect(store.get('PlacementDecision', 'x', 'ns1')?.metadata.name).toBe('x');
    expect(store.get('PlacementDecision', 'x', 'ns2')).toBeUndefined();
    expect(store.get('PlacementDecision', 'x')).toBeUndefined();
  });

  it('keeps snapshots stable across later writes', () => {
    const store = createObjectStore();
    store.upsert(cluster('a'));
    const before = store.snapshot('ManagedCluster');
    store.upsert(cluster('b'));
    expect(before.map(o => o.metadata.name)).toEqual(['a']);
    expect(store.snapshot('ManagedCluster').map(o => o.metadata.name)).toEqual([
      'a',
      'b',
    ]);
  });

  it('emits ADDED, MODIFIED and DELETED events to subscribers until they unsubscribe', () => {
    const store = createObjectStore();
    const events: StoreEvent[] = [];
    const unsubscribe = store.subscribe(event => events.push(event));
    store.upsert(cluster('a'));
    store.upsert(cluster('a', { env: 'dev' }));
    expect(store.delete('ManagedCluster', 'a')).toBe(true);
    expect(store.delete('ManagedCluster', 'a')).toBe(false);
    unsubscribe();
    store.upsert(cluster('b'));
    expect(
      events.map(e => [e.type, e.object.metadata.resourceVersion]),
    ).toEqual([
      ['ADDED', '1'],
      ['MODIFIED', '2'],
      ['DELETED', '3'],
    ]);
    expect(store.get('ManagedCluster', 'a')).toBeUndefined();
  });

  it('replays history after a resourceVersion and reports expiry beyond the limit', () => {
    const store = createObjectStore({ historyLimit: 3 });
    for (const name of ['a', 'b', 'c', 'd', 'e']) store.upsert(cluster(name));
    const names = (since: number) => {
      const events = store.eventsSince(since);
      return events === 'expired'
        ? events
        : events.map(e => e.object.metadata.name);
    };
    expect(names(3)).toEqual(['d', 'e']);
    expect(names(2)).toEqual(['c', 'd', 'e']);
    expect(store.eventsSince(1)).toBe('expired');
    expect(store.eventsSince(5)).toEqual([]);
  });

  it('gives recorded subscribers the resourceVersion and the previous object', () => {
    const store = createObjectStore();
    const seen: Array<[string, number, string | undefined]> = [];
    store.subscribeRecorded(event =>
      seen.push([
        event.type,
        event.resourceVersion,
        event.previous?.metadata.labels?.env,
      ]),
    );
    store.upsert(cluster('a', { env: 'dev' }));
    store.upsert(cluster('a', { env: 'prod' }));
    expect(seen).toEqual([
      ['ADDED', 1, undefined],
      ['MODIFIED', 2, 'dev'],
    ]);
  });

  it('forgets history on compact, keeping the current version resumable', () => {
    const store = createObjectStore();
    store.upsert(cluster('a'));
    store.upsert(cluster('b'));
    store.compact();
    expect(store.eventsSince(1)).toBe('expired');
    expect(store.eventsSince(2)).toEqual([]);
    store.upsert(cluster('c'));
    const events = store.eventsSince(2);
    expect(
      events === 'expired' ? events : events.map(e => e.object.metadata.name),
    ).toEqual(['c']);
  });

  it('rejects an object without a name', () => {
    const store = createObjectStore();
    expect(() => store.upsert(cluster(''))).toThrow(/metadata.name/);
  });
});
