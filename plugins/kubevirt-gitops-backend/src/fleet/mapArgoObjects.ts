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
  SnapshotArgoCluster,
  SnapshotResource,
} from './snapshotTypes';

/** Resource kinds of a VM kept from `status.resources`. */
const VM_RESOURCE_KINDS = new Set([
  'kubevirt.io/VirtualMachine',
  'cdi.kubevirt.io/DataVolume',
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
  const revision = stringField(status, 'sync', 'revision');
  const healthMessage = stringField(status, 'health', 'message');
  const synced = lastSyncedAt(status);
  const message = problemMessage(status);
  if (applicationSet) app.applicationSet = applicationSet;
  if (cluster) app.cluster = cluster;
  if (destinationNamespace) app.destinationNamespace = destinationNamespace;
  if (revision) app.sync.revision = revision;
  if (healthMessage) app.health.message = healthMessage;
  if (synced) app.lastSyncedAt = synced;
  if (message) app.message = message;
  return app;
}
