import { createClock } from '../clock';
import type { KubeObject } from '../contracts';
import { createObjectStore } from '../store';
import type { HubObjectStore } from '../store';
import { availabilityOf } from './clusters';
import type { Hub } from './createHub';
import { createHub } from './createHub';
import type { HubDefinition } from './definition';
import { field, list } from './fields';
import { readConditions } from './conditions';
import { smallHub } from './testing/fixtures';

function start(
  definition: HubDefinition,
  timeScale = 1,
): { hub: Hub; store: HubObjectStore } {
  const clock = createClock({
    timeScale,
    start: new Date('2030-01-01T00:00:00Z'),
  });
  const store = createObjectStore({ now: () => clock.now() });
  return { hub: createHub({ store, clock, tokens: ['t'], definition }), store };
}

function decided(store: HubObjectStore, placement: string): string[] {
  return store
    .list('PlacementDecision', {
      namespace: 'argocd',
      labelSelector: `cluster.open-cluster-management.io/placement=${placement}`,
    })
    .flatMap(d =>
      list<unknown>(field(d.status, 'decisions')).map(x =>
        String(field(x, 'clusterName')),
      ),
    );
}

function condition(object: KubeObject | undefined, type: string) {
  return readConditions(object?.status).find(c => c.type === type);
}

const settle = () => new Promise<void>(resolve => setImmediate(resolve));

describe('hub behaviour', () => {
  it('gives clusters the conditions, labels, claims and capacity of a joined cluster', () => {
    const { store, hub } = start(smallHub());
    const cluster = store.get('ManagedCluster', 'dev-2');
    expect(cluster?.metadata.labels).toEqual({
      cloud: 'Other',
      'cluster.open-cluster-management.io/clusterset': 'managed',
      env: 'dev',
      name: 'dev-2',
      vendor: 'OpenShift',
    });
    expect(
      readConditions(cluster?.status).map(c => [c.type, c.status, c.reason]),
    ).toEqual([
      ['HubAcceptedManagedCluster', 'True', 'HubClusterAdminAccepted'],
      ['ManagedClusterJoined', 'True', 'ManagedClusterJoined'],
      ['ManagedClusterConditionAvailable', 'True', 'ManagedClusterAvailable'],
    ]);
    expect(field(cluster?.status, 'clusterClaims')).toEqual([
      { name: 'id.k8s.io', value: 'dev-2' },
      { name: 'kubeversion.open-cluster-management.io', value: 'v1.30.4' },
      { name: 'platform.open-cluster-management.io', value: 'BareMetal' },
      { name: 'product.open-cluster-management.io', value: 'OpenShift' },
      { name: 'region.open-cluster-management.io', value: 'eu-west-1' },
    ]);
    expect(
      field(field(cluster?.status, 'allocatable'), 'devices.kubevirt.io/kvm'),
    ).toBe('1k');
    expect(field(field(cluster?.status, 'version'), 'kubernetes')).toBe(
      'v1.30.4',
    );
    expect(hub.summary().clusters).toEqual({
      total: 4,
      available: { True: 3, False: 0, Unknown: 1 },
      byEnv: { dev: 2, prod: 2 },
    });
  });

  it('marks a cluster whose lease stopped Unknown with the hub reason and the unreachable taint', () => {
    const { store } = start(smallHub());
    const cluster = store.get('ManagedCluster', 'prod-2');
    expect(
      condition(cluster, 'ManagedClusterConditionAvailable'),
    ).toMatchObject({
      status: 'Unknown',
      reason: 'ManagedClusterLeaseUpdateStopped',
      message: 'Registration agent stopped updating its lease.',
    });
    expect(field(cluster?.spec, 'taints')).toEqual([
      {
        key: 'cluster.open-cluster-management.io/unreachable',
        effect: 'NoSelect',
        timeAdded: '2030-01-01T00:00:00Z',
      },
    ]);
  });

  it('selects clusters from bound sets, honouring predicates, taints and tolerations', () => {
    const { store } = start(smallHub());
    expect(decided(store, 'all-managed')).toEqual([
      'dev-1',
      'dev-2',
      'prod-1',
      'prod-2',
    ]);
    expect(decided(store, 'prod-only')).toEqual(['prod-1']);
    const placement = store.get('Placement', 'prod-only', 'argocd');
    expect(field(placement?.status, 'numberOfSelectedClusters')).toBe(1);
    expect(condition(placement, 'PlacementSatisfied')).toMatchObject({
      status: 'True',
      reason: 'AllDecisionsScheduled',
    });
    const decision = store.get(
      'PlacementDecision',
      'prod-only-decision-1',
      'argocd',
    );
    expect(decision?.metadata.labels).toMatchObject({
      'cluster.open-cluster-management.io/placement': 'prod-only',
    });
  });

  it('keeps decisions current as availability and clusters change', async () => {
    const { store, hub } = start(smallHub());
    hub.setAvailability('prod-1', 'False');
    await settle();
    expect(
      availabilityOf(store.get('ManagedCluster', 'prod-1') as KubeObject),
    ).toBe('False');
    expect(decided(store, 'prod-only')).toEqual([]);
    expect(
      condition(
        store.get('Placement', 'prod-only', 'argocd'),
        'PlacementSatisfied',
      ),
    ).toMatchObject({
      status: 'False',
      reason: 'NoManagedClusterMatched',
    });
    // all-managed tolerates only the unreachable taint
    expect(decided(store, 'all-managed')).toEqual(['dev-1', 'dev-2', 'prod-2']);

    hub.setAvailability('prod-1', 'True');
    store.delete('ManagedCluster', 'dev-1');
    await settle();
    expect(decided(store, 'prod-only')).toEqual(['prod-1']);
    expect(decided(store, 'all-managed')).toEqual([
      'dev-2',
      'prod-1',
      'prod-2',
    ]);
    expect(
      field(store.get('GitOpsCluster', 'gitops', 'argocd')?.status, 'message'),
    ).toBe(
      'Added managed clusters [dev-2 prod-1 prod-2] to gitops namespace argocd',
    );
  });

  it('limits to numberOfClusters, keeping the clusters already chosen', async () => {
    const definition = smallHub();
    definition.placements = [
      { name: 'two', namespace: 'argocd', numberOfClusters: 2 },
    ];
    const { store, hub } = start(definition);
    expect(decided(store, 'two')).toEqual(['dev-1', 'dev-2']);
    hub.setAvailability('dev-1', 'False');
    await settle();
    expect(decided(store, 'two')).toEqual(['dev-2', 'prod-1']);
    hub.setAvailability('dev-1', 'True');
    await settle();
    expect(decided(store, 'two')).toEqual(['dev-2', 'prod-1']);
  });

  it('reports why a placement selects nothing', () => {
    const definition = smallHub();
    definition.clusterSetBindings = [];
    const { store } = start(definition);
    expect(
      condition(
        store.get('Placement', 'all-managed', 'argocd'),
        'PlacementSatisfied',
      ),
    ).toMatchObject({
      status: 'False',
      reason: 'NoManagedClusterSetBindings',
    });
    expect(
      field(store.get('GitOpsCluster', 'gitops', 'argocd')?.status, 'phase'),
    ).toBe('successful');
  });

  it('splits more than 100 decisions over several PlacementDecisions', () => {
    const definition = smallHub();
    definition.clusters = Array.from({ length: 250 }, (_, i) => ({
      name: `c-${String(i).padStart(3, '0')}`,
      clusterSet: 'managed',
    }));
    const { store } = start(definition);
    const decisions = store.list('PlacementDecision', {
      labelSelector: 'cluster.open-cluster-management.io/placement=all-managed',
    });
    expect(decisions.map(d => d.metadata.name)).toEqual([
      'all-managed-decision-1',
      'all-managed-decision-2',
      'all-managed-decision-3',
    ]);
    expect(decided(store, 'all-managed')).toHaveLength(250);
  });

  it('sets ClusterSetEmpty and Bound conditions', () => {
    const { store } = start(smallHub());
    expect(
      condition(store.get('ManagedClusterSet', 'managed'), 'ClusterSetEmpty'),
    ).toMatchObject({ status: 'False', message: '4 ManagedClusters selected' });
    expect(
      condition(store.get('ManagedClusterSet', 'empty'), 'ClusterSetEmpty'),
    ).toMatchObject({ status: 'True' });
    expect(
      condition(
        store.get('ManagedClusterSetBinding', 'managed', 'argocd'),
        'Bound',
      ),
    ).toMatchObject({ status: 'True', reason: 'ClusterSetBound' });
  });

  it('turns a stopped lease into Unknown after five lease durations of simulated time', async () => {
    const { store, hub } = start(smallHub(), 3000);
    hub.stopLease('dev-1');
    expect(
      availabilityOf(store.get('ManagedCluster', 'dev-1') as KubeObject),
    ).toBe('True');
    // 5 x 60 s simulated = 100 ms real at scale 3000
    await new Promise(resolve => setTimeout(resolve, 150));
    expect(
      condition(
        store.get('ManagedCluster', 'dev-1'),
        'ManagedClusterConditionAvailable',
      ),
    ).toMatchObject({
      status: 'Unknown',
      reason: 'ManagedClusterLeaseUpdateStopped',
    });
    hub.stop();
  });

  it('does not rewrite objects when nothing changed', async () => {
    const { store, hub } = start(smallHub());
    await settle();
    const version = store.resourceVersion();
    hub.controllers.reconcileNow();
    hub.setAvailability('dev-1', 'True');
    await settle();
    expect(store.resourceVersion()).toBe(version);
  });

  it('throws for an unknown cluster', () => {
    const { hub } = start(smallHub());
    expect(() => hub.setAvailability('nope', 'False')).toThrow(
      'managedclusters.cluster.open-cluster-management.io "nope" not found',
    );
  });
});
