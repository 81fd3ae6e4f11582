/*
 * Issue 18: tainted, deleting, hub and not-yet-joined clusters, as OCM
 * writes them (api cluster/v1 ManagedCluster: spec.taints,
 * spec.hubAcceptsClient, condition type "Deleting" with reason
 * ResourceRemaining; ACM's hub label local-cluster: "true", as in the
 * recorded local-cluster.json of backstage/community-plugins). Their CRD
 * validity is checked in crdSchemas.test.ts.
 */
import { createClock } from '../clock';
import { createObjectStore } from '../store';
import { readConditions } from './conditions';
import { createHub } from './createHub';
import type { HubDefinition } from './definition';
import { field, list } from './fields';
import { smallHub } from './testing/fixtures';

function start(definition: HubDefinition) {
  const clock = createClock({
    timeScale: 1,
    start: new Date('2030-01-01T00:00:00Z'),
  });
  const store = createObjectStore({ now: () => clock.now() });
  createHub({ store, clock, tokens: ['t'], definition });
  return store;
}

const settle = () => new Promise<void>(resolve => setImmediate(resolve));

describe('hub cluster cases', () => {
  const definition = smallHub();
  definition.clusters.push(
    {
      name: 'maint-1',
      clusterSet: 'managed',
      env: 'dev',
      taints: [{ key: 'maintenance', value: 'kernel', effect: 'NoSelect' }],
    },
    { name: 'local-cluster', clusterSet: 'managed', hubCluster: true },
    { name: 'new-1', clusterSet: 'managed', registration: 'accepted' },
    { name: 'pending-1', clusterSet: 'managed', registration: 'pending' },
    { name: 'old-1', clusterSet: 'managed', deleting: true },
  );

  it('writes taints, the hub label, registration states and deletion as OCM does', async () => {
    const store = start(definition);
    await settle();
    expect(
      field(store.get('ManagedCluster', 'maint-1')?.spec, 'taints'),
    ).toEqual([
      {
        key: 'maintenance',
        value: 'kernel',
        effect: 'NoSelect',
        timeAdded: expect.any(String),
      },
    ]);
    expect(
      store.get('ManagedCluster', 'local-cluster')?.metadata.labels?.[
        'local-cluster'
      ],
    ).toBe('true');
    const fresh = store.get('ManagedCluster', 'new-1');
    expect(field(fresh?.spec, 'hubAcceptsClient')).toBe(true);
    expect(readConditions(fresh?.status)).toEqual([]);
    const pending = store.get('ManagedCluster', 'pending-1');
    expect(field(pending?.spec, 'hubAcceptsClient')).toBe(false);
    expect(
      readConditions(pending?.status).map(c => [c.type, c.status, c.reason]),
    ).toEqual([
      ['HubAcceptedManagedCluster', 'False', 'HubClusterAdminDenied'],
    ]);
    const old = store.get('ManagedCluster', 'old-1');
    expect(old?.metadata.deletionTimestamp).toEqual(expect.any(String));
    expect(
      readConditions(old?.status).find(c => c.type === 'Deleting'),
    ).toMatchObject({ status: 'True', reason: 'ResourceRemaining' });
  });

  it('does not place onto a cluster with a NoSelect taint the Placement does not tolerate', async () => {
    const store = start(definition);
    await settle();
    const chosen = store
      .list('PlacementDecision', {
        namespace: 'argocd',
        labelSelector:
          'cluster.open-cluster-management.io/placement=all-managed',
      })
      .flatMap(d =>
        list<unknown>(field(d.status, 'decisions')).map(x =>
          String(field(x, 'clusterName')),
        ),
      );
    expect(chosen).toContain('dev-1');
    expect(chosen).not.toContain('maint-1');
  });
});
