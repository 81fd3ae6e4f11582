/*
 * Pure mappers from ArgoCD API objects (clusters, Applications) to snapshot
 * records.
 */
import { CLUSTER_LABEL } from '@internal/plugin-kubevirt-gitops-common';
import {
  asArray,
  asRecord,
  asString,
  asStringMap,
  field,
  stringField,
} from '../upstream/json';
import type {
  SnapshotApplication,
  SnapshotApplicationSet,
  SnapshotArgoCluster,
  SnapshotCondition,
  SnapshotResource,
} from './snapshotTypes';

/**
 * Resource kinds kept from `status.resources`: a VM's own, and the boot
 * images and sizes the fleet offers (what `GET /choices` reports).
 */
const VM_RESOURCE_KINDS = new Set([
  'kubevirt.io/VirtualMachine',
  'cdi.kubevirt.io/DataVolume',
  'cdi.kubevirt.io/DataSource',
  'cdi.kubevirt.io/DataImportCron',
  'instancetype.kubevirt.io/VirtualMachineClusterInstancetype',
]);

const CONNECTION_STATUSES = ['Successful', 'Failed', 'Unknown'] as const;

function connectionStatus(
  value: string | undefined,
): SnapshotArgoCluster['connection'] {
  return CONNECTION_STATUSES.find(status => status === value) ?? 'Unknown';
}

/** An ArgoCD cluster (`GET /api/v1/clusters` item). */
export function mapArgoCluster(
  object: unknown,
): SnapshotArgoCluster | undefined {
  const server = stringField(object, 'server');
  const name = stringField(object, 'name') ?? server;
  if (!server || !name) {
    return undefined;
  }
  const state =
    asRecord(field(object, 'info', 'connectionState')) ??
    asRecord(field(object, 'connectionState'));
  const cluster: SnapshotArgoCluster = {
    name,
    server,
    connection: connectionStatus(asString(state?.status)),
  };
  const message = asString(state?.message);
  if (message) cluster.message = message;
  return cluster;
}

function mapResource(entry: unknown): SnapshotResource | undefined {
  const group = stringField(entry, 'group') ?? '';
  const kind = stringField(entry, 'kind');
  const name = stringField(entry, 'name');
  if (!kind || !name || !VM_RESOURCE_KINDS.has(`${group}/${kind}`)) {
    return undefined;
  }
  const resource: SnapshotResource = {
    group,
    version: stringField(entry, 'version') ?? 'v1',
    kind,
    name,
  };
  const namespace = stringField(entry, 'namespace');
  const status = stringField(entry, 'status');
  const healthStatus = stringField(entry, 'health', 'status');
  if (namespace) resource.namespace = namespace;
  if (status) resource.status = status;
  if (healthStatus) {
    const message = stringField(entry, 'health', 'message');
    resource.health = message
      ? { status: healthStatus, message }
      : { status: healthStatus };
  }
  if (field(entry, 'requiresPruning') === true) resource.requiresPruning = true;
  return resource;
}

function lastSyncedAt(status: unknown): string | undefined {
  const operation = field(status, 'operationState');
  if (field(operation, 'operation', 'sync') !== undefined) {
    const finished = stringField(operation, 'finishedAt');
    if (finished) return finished;
  }
  const history = asArray(field(status, 'history'));
  return stringField(history[history.length - 1], 'deployedAt');
}

function problemMessage(status: unknown): string | undefined {
  const phase = stringField(status, 'operationState', 'phase');
  if (phase === 'Failed' || phase === 'Error') {
    return stringField(status, 'operationState', 'message');
  }
  const condition = asArray(field(status, 'conditions')).find(entry =>
    /Error|Warning$/.test(stringField(entry, 'type') ?? ''),
  );
  return stringField(condition, 'message');
}

/**
 * The sources of a multi-source Application (`spec.sources`) with the
 * revision each is synced to (`status.sync.revisions`, same order).
 * Empty for a single-source Application.
 */
function readSources(
  object: unknown,
  status: unknown,
): NonNullable<SnapshotApplication['sync']['sources']> {
  const revisions = asArray(field(status, 'sync', 'revisions'));
  return asArray(field(object, 'spec', 'sources')).map((source, i) => {
    const repoURL = stringField(source, 'repoURL') ?? '';
    const path = stringField(source, 'path');
    const ref = stringField(source, 'ref');
    const revision = asString(revisions[i]);
    return {
      repoURL,
      ...(path ? { path } : {}),
      ...(ref ? { ref } : {}),
      ...(revision ? { revision } : {}),
    };
  });
}

/**
 * The revision of the source that holds manifests (the first with a
 * `path`; a `ref`-only source only provides values files), else the first.
 */
function manifestRevision(
  sources: NonNullable<SnapshotApplication['sync']['sources']>,
): string | undefined {
  return (sources.find(source => source.path) ?? sources[0])?.revision;
}

/**
 * An Application; `clusterByServer` resolves a destination given by server
 * URL to the cluster's name. Undefined for an object without a name.
 */
export function mapApplication(
  object: unknown,
  clusterByServer: ReadonlyMap<string, string>,
): SnapshotApplication | undefined {
  const name = stringField(object, 'metadata', 'name');
  if (!name) {
    return undefined;
  }
  const labels = asStringMap(field(object, 'metadata', 'labels'));
  const status = field(object, 'status');
  const destination = field(object, 'spec', 'destination');
  const server = stringField(destination, 'server');
  const app: SnapshotApplication = {
    name,
    namespace: stringField(object, 'metadata', 'namespace') ?? '',
    labels,
    sync: { status: stringField(status, 'sync', 'status') ?? 'Unknown' },
    health: { status: stringField(status, 'health', 'status') ?? 'Unknown' },
    resources: asArray(field(status, 'resources')).flatMap(entry => {
      const resource = mapResource(entry);
      return resource ? [resource] : [];
    }),
  };
  const owner = asArray(field(object, 'metadata', 'ownerReferences'))
    .map(asRecord)
    .find(reference => asString(reference?.kind) === 'ApplicationSet');
  const applicationSet = asString(owner?.name);
  const cluster =
    stringField(destination, 'name') ??
    (server ? clusterByServer.get(server) : undefined) ??
    labels[CLUSTER_LABEL];
  const destinationNamespace = stringField(destination, 'namespace');
  const sources = readSources(object, status);
  const revision =
    stringField(status, 'sync', 'revision') ?? manifestRevision(sources);
  const healthMessage = stringField(status, 'health', 'message');
  const synced = lastSyncedAt(status);
  const message = problemMessage(status);
  if (applicationSet) app.applicationSet = applicationSet;
  if (cluster) app.cluster = cluster;
  if (destinationNamespace) app.destinationNamespace = destinationNamespace;
  if (revision) app.sync.revision = revision;
  if (sources.length > 0) app.sync.sources = sources;
  if (healthMessage) app.health.message = healthMessage;
  if (synced) app.lastSyncedAt = synced;
  if (message) app.message = message;
  return app;
}

function readConditions(status: unknown): SnapshotCondition[] {
  return asArray(field(status, 'conditions')).flatMap(
    (entry): SnapshotCondition[] => {
      const type = stringField(entry, 'type');
      const conditionStatus = stringField(entry, 'status');
      if (!type || !conditionStatus) return [];
      const reason = stringField(entry, 'reason');
      const message = stringField(entry, 'message');
      return [
        {
          type,
          status: conditionStatus,
          ...(reason ? { reason } : {}),
          ...(message ? { message } : {}),
        },
      ];
    },
  );
}

/**
 * An ApplicationSet's health from its conditions, as ArgoCD's health check
 * (resource_customizations/argoproj.io/ApplicationSet/health.lua): an
 * error, or resources not up to date, is Degraded; a rollout in progress is
 * Progressing; resources up to date is Healthy; anything else is still
 * Progressing ("Waiting for the status to be reported").
 */
export function applicationSetHealth(
  conditions: readonly SnapshotCondition[],
): { status: string; message?: string } {
  const find = (type: string, status: string) =>
    conditions.find(c => c.type === type && c.status === status);
  const verdicts: Array<[SnapshotCondition | undefined, string]> = [
    [find('ErrorOccurred', 'True'), 'Degraded'],
    [find('ResourcesUpToDate', 'False'), 'Degraded'],
    [find('RolloutProgressing', 'True'), 'Progressing'],
    [find('ResourcesUpToDate', 'True'), 'Healthy'],
  ];
  for (const [condition, status] of verdicts) {
    if (condition) {
      return condition.message
        ? { status, message: condition.message }
        : { status };
    }
  }
  return {
    status: 'Progressing',
    message: 'Waiting for the status to be reported',
  };
}

/** Whether an ApplicationSet condition says something is wrong. */
function isProblem(condition: SnapshotCondition): boolean {
  return (
    (condition.type === 'ErrorOccurred' && condition.status === 'True') ||
    ((condition.type === 'ParametersGenerated' ||
      condition.type === 'ResourcesUpToDate') &&
      condition.status === 'False')
  );
}

/** An ApplicationSet (`GET /api/v1/applicationsets` item). */
export function mapApplicationSet(
  object: unknown,
): SnapshotApplicationSet | undefined {
  const name = stringField(object, 'metadata', 'name');
  if (!name) return undefined;
  const status = field(object, 'status');
  const conditions = readConditions(status);
  const reportedHealth = stringField(status, 'health', 'status');
  const reportedMessage = stringField(status, 'health', 'message');
  const health = reportedHealth
    ? {
        status: reportedHealth,
        ...(reportedMessage ? { message: reportedMessage } : {}),
      }
    : applicationSetHealth(conditions);
  return {
    name,
    namespace: stringField(object, 'metadata', 'namespace') ?? '',
    health,
    problems: conditions.filter(isProblem),
    applications: asArray(field(status, 'resources')).flatMap(entry => {
      const appName = stringField(entry, 'name');
      return appName ? [appName] : [];
    }),
  };
}
