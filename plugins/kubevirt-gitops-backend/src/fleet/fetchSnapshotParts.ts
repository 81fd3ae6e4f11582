/*
 * One refresh of one upstream: a list per kind (in parallel on a hub), mapped
 * into a snapshot part. The main list (ManagedClusters, Applications) must succeed;
 * the others degrade into `problems`.
 */
import type { ArgocdClient } from '../argocd/ArgocdClient';
import { OCM_KINDS, type OcmHubClient } from '../ocm/OcmHubClient';
import { settle } from '../upstream/concurrency';
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
  if (!clusters.ok) {
    throw clusters.error;
  }
  const problems = [sets, placements, decisions].flatMap(result =>
    result.ok ? [] : [problemOf(client.source, result.error, redact)],
  );
  return {
    type: 'hub',
    format: SNAPSHOT_FORMAT,
    source: client.source,
    hub: client.hub.name,
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
  const mappedClusters = clusters.ok
    ? clusters.value.map(mapArgoCluster).filter(defined)
    : [];
  const clusterByServer = new Map(
    mappedClusters.map(cluster => [cluster.server, cluster.name]),
  );
  const applications = await settle(() =>
    client.mapApplications(object => mapApplication(object, clusterByServer)),
  );
  if (!applications.ok) {
    throw applications.error;
  }
  return {
    type: 'argocd',
    format: SNAPSHOT_FORMAT,
    source: client.source,
    instance: client.instance.name,
    fetchedAt: now().toISOString(),
    clusters: mappedClusters,
    applications: applications.value,
    applicationSets: applicationSets.ok
      ? applicationSets.value.map(mapApplicationSet).filter(defined)
      : [],
    problems: [clusters, applicationSets].flatMap(result =>
      result.ok ? [] : [problemOf(client.source, result.error, redact)],
    ),
  };
}
