/*
 * "A cluster your VMs run on became unreachable": each replica remembers
 * the availability it last saw per managed cluster and touches the
 * database only when one changed (thousands of clusters cost no query per
 * refresh); the store's compare-and-set update decides which replica saw
 * the transition, and that one tells the owners of the VM entities on the
 * cluster, one notification per owner.
 */
import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import {
  parseEntityRef,
  RELATION_OWNED_BY,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  APPLICATIONSET_ANNOTATION,
  VM_LABEL,
  VM_NAME_ANNOTATION,
} from '@internal/plugin-kubevirt-gitops-common';
import type { FleetIndex } from '../../fleet/fleetIndex';
import {
  clusterUnreachableNotification,
  type ScopedPayload,
} from './notifications';
import type { RequestStore } from './RequestStore';

/** Availabilities that count as "the cluster became unreachable". */
const DOWN = new Set(['unreachable', 'unavailable']);

type OwnedVms = Map<string, Array<{ entityRef: string; vmName: string }>>;

function ownerOf(entity: Entity): string | undefined {
  const related = entity.relations?.find(
    relation => relation.type === RELATION_OWNED_BY,
  )?.targetRef;
  if (related) return related;
  const owner = entity.spec?.owner;
  return typeof owner === 'string'
    ? stringifyEntityRef(
        parseEntityRef(owner, {
          defaultKind: 'group',
          defaultNamespace: entity.metadata.namespace ?? 'default',
        }),
      )
    : undefined;
}

/** Creates the watch; `check` runs with each new snapshot. */
export function createClusterWatch(options: {
  store: Pick<RequestStore, 'moveClusterAvailability'>;
  catalog: Pick<CatalogService, 'getEntities'>;
  auth: Pick<AuthService, 'getOwnServiceCredentials'>;
  send: (recipients: string[], payload: ScopedPayload) => Promise<void>;
  logger: LoggerService;
  iso: () => string;
}): { check(index: FleetIndex): Promise<void> } {
  const { store, catalog, auth, logger } = options;
  const seen = new Map<string, string>();

  /** The VM entities on a cluster (by the VM label, else the ApplicationSet), per owner. */
  async function vmOwnersOn(
    index: FleetIndex,
    cluster: string,
  ): Promise<OwnedVms> {
    const vmNames = new Set<string>();
    const applicationSets = new Set<string>();
    for (const { app } of index.byCluster.get(cluster) ?? []) {
      if (app.labels[VM_LABEL]) vmNames.add(app.labels[VM_LABEL]);
      else if (app.applicationSet) applicationSets.add(app.applicationSet);
    }
    const filter: Array<Record<string, string[]>> = [];
    if (vmNames.size) {
      filter.push({
        [`metadata.annotations.${VM_NAME_ANNOTATION}`]: [...vmNames],
      });
    }
    if (applicationSets.size) {
      filter.push({
        [`metadata.annotations.${APPLICATIONSET_ANNOTATION}`]: [
          ...applicationSets,
        ],
      });
    }
    const byOwner: OwnedVms = new Map();
    if (filter.length === 0) return byOwner;
    const { items } = await catalog.getEntities(
      { filter },
      { credentials: await auth.getOwnServiceCredentials() },
    );
    for (const entity of items) {
      const vmName = entity.metadata.annotations?.[VM_NAME_ANNOTATION];
      const owner = ownerOf(entity);
      if (!vmName || !owner) continue;
      const list = byOwner.get(owner) ?? [];
      list.push({ entityRef: stringifyEntityRef(entity), vmName });
      byOwner.set(owner, list);
    }
    return byOwner;
  }

  async function tellOwners(
    index: FleetIndex,
    cluster: string,
    availability: string,
    at: string,
  ) {
    let owners: OwnedVms;
    try {
      owners = await vmOwnersOn(index, cluster);
    } catch (error) {
      logger.warn('Could not find the owners of the VMs on a cluster', {
        cluster,
        error: error instanceof Error ? error.message : String(error),
      });
      return;
    }
    const reason = index.clusters.get(cluster)?.cluster.availabilityReason;
    for (const [owner, vms] of owners) {
      await options.send(
        vms.map(vm => vm.entityRef),
        clusterUnreachableNotification({
          cluster,
          availability,
          ...(reason ? { reason } : {}),
          vms,
          owner,
          at,
        }),
      );
    }
  }

  return {
    async check(index) {
      // a partial hub answer is not a transition
      if (!index.hubsComplete) return;
      for (const [name, indexed] of index.clusters) {
        const availability = indexed.cluster.availability;
        if (seen.get(name) === availability) continue;
        const at = options.iso();
        const previous = await store.moveClusterAvailability(
          name,
          availability,
          at,
        );
        seen.set(name, availability);
        // first sight (nothing to compare with), or another replica (or an
        // earlier run) recorded it already
        if (!previous || previous === 'new') continue;
        if (DOWN.has(availability) && !DOWN.has(previous)) {
          await tellOwners(index, name, availability, at);
        }
      }
    },
  };
}
