/*
 * One refresh of one upstream: a list per kind (in parallel on a hub), mapped
 * into a snapshot part. The main list (ManagedClusters, Applications) must succeed;
 * the others degrade into `problems`.
 */
import type { ArgocdClient } from '../argocd/ArgocdClient';
import { OCM_KINDS, type OcmHubClient } from '../ocm/OcmHubClient';
import { settle, type Settled } from '../upstream/concurrency';
import type { Redactor } from '../upstream/errors';
import { toUpstreamError } from '../upstream/errors';
import {
  mapApplication,
  mapApplicationSet,
  mapArgoCluster,
} from './mapArgoObjects';
import {
  mapManagedCluster,
  mapManagedClusterSet,
  mapPlacements,
} from './mapHubObjects';
import {
  SNAPSHOT_FORMAT,
  type ArgocdPart,
  type HubPart,
  type SnapshotApplication,
  type SnapshotProblem,
} from './snapshotTypes';

function defined<T>(value: T | undefined): value is T {
  return value !== undefined;
}

function problemOf(
  source: string,
  error: unknown,
  redact: Redactor,
): SnapshotProblem {
  const { kind, message } = toUpstreamError(source, error, redact);
  return { kind, message };
}

/** The four OCM lists of a hub, each settled (a failed one becomes a problem). */
export interface HubLists {
  clusters: Settled<unknown[]>;
  sets: Settled<unknown[]>;
  placements: Settled<unknown[]>;
  decisions: Settled<unknown[]>;
}

/**
 * Maps a hub's four lists into its part: shared by the scheduled list and
 * the watches (lists from their informer caches). The ManagedCluster list
 * must have succeeded; the others degrade into `problems`.
 */
export function buildHubPart(
  hub: { source: string; name: string },
  lists: HubLists,
  redact: Redactor,
  now: () => Date = () => new Date(),
): HubPart {
  const { clusters, sets, placements, decisions } = lists;
  if (!clusters.ok) {
    throw clusters.error;
  }
  const problems = [sets, placements, decisions].flatMap(result =>
    result.ok ? [] : [problemOf(hub.source, result.error, redact)],
  );
  return {
    type: 'hub',
    format: SNAPSHOT_FORMAT,
    source: hub.source,
    hub: hub.name,
    fetchedAt: now().toISOString(),
    clusters: clusters.value.map(mapManagedCluster).filter(defined),
    clusterSets: sets.ok
      ? sets.value.map(mapManagedClusterSet).filter(defined)
      : [],
    placements: mapPlacements(
      placements.ok ? placements.value : [],
      decisions.ok ? decisions.value : [],
    ),
    problems,
  };
}

/** Lists a hub's ManagedClusters, ManagedClusterSets, Placements and PlacementDecisions. */
export async function fetchHubPart(
  client: OcmHubClient,
  redact: Redactor,
  now: () => Date = () => new Date(),
): Promise<HubPart> {
  const [clusters, sets, placements, decisions] = await Promise.all([
    settle(() => client.listAll(OCM_KINDS.managedClusters)),
    settle(() => client.listAll(OCM_KINDS.managedClusterSets)),
    settle(() => client.listAll(OCM_KINDS.placements)),
    settle(() => client.listAll(OCM_KINDS.placementDecisions)),
  ]);
  return buildHubPart(
    { source: client.source, name: client.hub.name },
    { clusters, sets, placements, decisions },
    redact,
    now,
  );
}

/** What an ArgoCD part holds besides its Applications (from the lists). */
export type ArgocdPartBase = Pick<
  ArgocdPart,
  'clusters' | 'applicationSets' | 'problems'
>;

/**
 * Maps an instance's cluster and ApplicationSet lists; a failed one becomes
 * a problem (and an empty list).
 */
export function buildArgocdPartBase(
  source: string,
  clusters: Settled<unknown[]>,
  applicationSets: Settled<unknown[]>,
  redact: Redactor,
): ArgocdPartBase {
  return {
    clusters: clusters.ok
      ? clusters.value.map(mapArgoCluster).filter(defined)
      : [],
    applicationSets: applicationSets.ok
      ? applicationSets.value.map(mapApplicationSet).filter(defined)
      : [],
    problems: [clusters, applicationSets].flatMap(result =>
      result.ok ? [] : [problemOf(source, result.error, redact)],
    ),
  };
}

/**
 * The Application mapper for a part's clusters: destinations given by
 * server URL resolve to the cluster's name.
 */
export function applicationMapper(
  clusters: ArgocdPartBase['clusters'],
): (object: unknown) => SnapshotApplication | undefined {
  const clusterByServer = new Map(
    clusters.map(cluster => [cluster.server, cluster.name]),
  );
  return object => mapApplication(object, clusterByServer);
}

/** An ArgoCD part from its base and its mapped Applications. */
export function buildArgocdPart(
  instance: { source: string; name: string },
  base: ArgocdPartBase,
  applications: SnapshotApplication[],
  now: () => Date = () => new Date(),
): ArgocdPart {
  return {
    type: 'argocd',
    format: SNAPSHOT_FORMAT,
    source: instance.source,
    instance: instance.name,
    fetchedAt: now().toISOString(),
    clusters: base.clusters,
    applications,
    applicationSets: base.applicationSets,
    problems: base.problems,
  };
}

/**
 * Lists an ArgoCD instance's clusters, then its Applications: the
 * Application list (the largest answer by far) is read item by item and
 * each item mapped as it arrives, with the clusters at hand to resolve
 * destinations given by server URL.
 */
export async function fetchArgocdPart(
  client: ArgocdClient,
  redact: Redactor,
  now: () => Date = () => new Date(),
): Promise<ArgocdPart> {
  const [clusters, applicationSets] = await Promise.all([
    settle(() => client.listClusters()),
    settle(() => client.listApplicationSets()),
  ]);
  const base = buildArgocdPartBase(
    client.source,
    clusters,
    applicationSets,
    redact,
  );
  const applications = await settle(() =>
    client.mapApplications(applicationMapper(base.clusters)),
  );
  if (!applications.ok) {
    throw applications.error;
  }
  return buildArgocdPart(
    { source: client.source, name: client.instance.name },
    base,
    applications.value,
    now,
  );
}
