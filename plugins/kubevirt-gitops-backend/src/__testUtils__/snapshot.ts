/*
 * Builds snapshots and fleet indexes from wire-format fixtures, through the
 * real mappers.
 */
import type { EnvironmentConfig } from '@internal/plugin-kubevirt-gitops-common';
import { buildFleetIndex, type FleetIndex } from '../fleet/fleetIndex';
import {
  mapApplication,
  mapApplicationSet,
  mapArgoCluster,
} from '../fleet/mapArgoObjects';
import {
  mapManagedCluster,
  mapManagedClusterSet,
  mapPlacements,
} from '../fleet/mapHubObjects';
import {
  SNAPSHOT_FORMAT,
  type ArgocdPart,
  type FleetSnapshot,
  type HubPart,
} from '../fleet/snapshotTypes';

function defined<T>(value: T | undefined): value is T {
  return value !== undefined;
}

export const FETCHED_AT = '2025-03-01T12:00:00.000Z';

export function hubPart(options: {
  hub?: string;
  clusters: unknown[];
  sets?: unknown[];
  placements?: unknown[];
  decisions?: unknown[];
}): HubPart {
  const hub = options.hub ?? 'hub';
  return {
    type: 'hub',
    format: SNAPSHOT_FORMAT,
    source: `ocm:${hub}`,
    hub,
    fetchedAt: FETCHED_AT,
    clusters: options.clusters.map(mapManagedCluster).filter(defined),
    clusterSets: (options.sets ?? []).map(mapManagedClusterSet).filter(defined),
    placements: mapPlacements(
      options.placements ?? [],
      options.decisions ?? [],
    ),
    problems: [],
  };
}

export function argocdPart(options: {
  instance?: string;
  clusters: unknown[];
  applications: unknown[];
  applicationSets?: unknown[];
}): ArgocdPart {
  const instance = options.instance ?? 'main';
  const clusters = options.clusters.map(mapArgoCluster).filter(defined);
  const byServer = new Map(
    clusters.map(cluster => [cluster.server, cluster.name]),
  );
  return {
    type: 'argocd',
    format: SNAPSHOT_FORMAT,
    source: `argocd:${instance}`,
    instance,
    fetchedAt: FETCHED_AT,
    clusters,
    applications: options.applications
      .map(app => mapApplication(app, byServer))
      .filter(defined),
    applicationSets: (options.applicationSets ?? [])
      .map(mapApplicationSet)
      .filter(defined),
    problems: [],
  };
}

export function snapshotOf(
  hubs: HubPart[],
  argocd: ArgocdPart[],
): FleetSnapshot {
  return {
    version: 'test',
    hubs: hubs.map(part => ({
      source: part.source,
      part,
      attemptedAt: FETCHED_AT,
    })),
    argocd: argocd.map(part => ({
      source: part.source,
      part,
      attemptedAt: FETCHED_AT,
    })),
  };
}

export function testEnvironment(
  name: string,
  clusterSelector: Record<string, string> = { env: name },
): EnvironmentConfig {
  return {
    name,
    clusterSelector,
    namePrefix: `${name}-`,
    limits: { maxVcpus: 8, maxMemory: '32Gi', maxRootDisk: '200Gi' },
  };
}

export function indexOf(
  snapshot: FleetSnapshot,
  options: {
    environments?: EnvironmentConfig[];
    hubClusterSets?: Map<string, string[]>;
  } = {},
): FleetIndex {
  return buildFleetIndex(snapshot, {
    environments: options.environments ?? [],
    hubClusterSets: options.hubClusterSets ?? new Map(),
    staleAfterMs: 90_000,
    now: () => Date.parse(FETCHED_AT) + 1000,
  });
}
