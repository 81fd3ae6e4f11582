import type { JsonObject } from '../argocd/health';
import { asObject, asString } from '../argocd/health/types';
import { timestamp } from '../argocd/applicationController/liveResource';
import type {
  DataVolumeSourceKind,
  DataVolumeState,
} from './dataVolumeTimeline';
import { dataVolumeStateAt } from './dataVolumeTimeline';

/** Import (http/registry/...), clone (pvc/sourceRef/snapshot) or blank, from a DataVolume spec. */
export function dataVolumeSourceKind(
  spec: JsonObject | undefined,
): DataVolumeSourceKind {
  const source = asObject(spec?.source);
  if (spec?.sourceRef || source?.pvc || source?.snapshot) return 'clone';
  if (source?.blank || source?.upload) return 'blank';
  return 'import';
}

export interface OwnerRef {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
}

function ownerReferences(owner: OwnerRef | undefined): JsonObject {
  return owner
    ? {
        ownerReferences: [
          { ...owner, controller: true, blockOwnerDeletion: true },
        ],
      }
    : {};
}

function condition(
  type: string,
  status: boolean,
  at: number,
  reason: string | undefined,
  message?: string,
): JsonObject {
  return {
    type,
    status: status ? 'True' : 'False',
    lastHeartbeatTime: timestamp(at),
    lastTransitionTime: timestamp(at),
    ...(reason ? { reason } : {}),
    ...(message ? { message } : {}),
  };
}

function dataVolumeConditions(
  name: string,
  state: DataVolumeState,
  createdAt: number,
): JsonObject[] {
  const bound = state.phase !== 'Pending';
  const done = state.phase === 'Succeeded';
  const running = state.phase.endsWith('InProgress');
  let runningReason = 'ContainerCreating';
  if (done) runningReason = 'Completed';
  else if (running) runningReason = 'Pod is running';
  return [
    condition(
      'Bound',
      bound,
      createdAt,
      bound ? 'Bound' : 'Pending',
      `PVC ${name} ${bound ? 'Bound' : 'Pending'}`,
    ),
    condition('Ready', done, state.since, done ? undefined : 'TransferRunning'),
    condition(
      'Running',
      running,
      state.since,
      runningReason,
      done ? 'Import Complete' : undefined,
    ),
  ];
}

/** A live DataVolume (from a manifest or a VM's dataVolumeTemplates) at `now`. */
export function dataVolumeObject(options: {
  template: JsonObject;
  name: string;
  namespace: string;
  uid: string;
  createdAt: number;
  now: number;
  owner?: OwnerRef;
  extraMetadata?: JsonObject;
}): { object: JsonObject; state: DataVolumeState } {
  const { template, name, namespace, uid, createdAt, now, owner } = options;
  const spec = asObject(template.spec) ?? {};
  const state = dataVolumeStateAt(dataVolumeSourceKind(spec), createdAt, now);
  const metadata = asObject(template.metadata) ?? {};
  const object: JsonObject = {
    apiVersion: 'cdi.kubevirt.io/v1beta1',
    kind: 'DataVolume',
    metadata: {
      ...metadata,
      ...options.extraMetadata,
      name,
      namespace,
      uid,
      resourceVersion: String(Math.floor(state.since)),
      generation: 1,
      creationTimestamp: timestamp(createdAt),
      annotations: {
        ...(asObject(metadata.annotations) as
          | Record<string, string>
          | undefined),
        ...(asObject(options.extraMetadata?.annotations) as
          | Record<string, string>
          | undefined),
        'cdi.kubevirt.io/storage.usePopulator': 'true',
      },
      ...ownerReferences(owner),
    },
    spec,
    status: {
      phase: state.phase,
      progress: state.progress,
      claimName: name,
      conditions: dataVolumeConditions(name, state, createdAt),
    },
  };
  return { object, state };
}

function requestedStorage(spec: JsonObject): string {
  const storage = asObject(spec.storage) ?? asObject(spec.pvc);
  return (
    asString(asObject(asObject(storage?.resources)?.requests)?.storage) ??
    '30Gi'
  );
}

/** The PVC CDI creates for a DataVolume. */
export function persistentVolumeClaimObject(options: {
  dataVolume: JsonObject;
  state: DataVolumeState;
  uid: string;
}): JsonObject {
  const { dataVolume, state, uid } = options;
  const metadata = asObject(dataVolume.metadata) ?? {};
  const spec = asObject(dataVolume.spec) ?? {};
  const size = requestedStorage(spec);
  const bound = state.phase !== 'Pending';
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: {
      name: metadata.name,
      namespace: metadata.namespace,
      uid,
      resourceVersion: String(Math.floor(state.since)),
      creationTimestamp: metadata.creationTimestamp,
      labels: {
        app: 'containerized-data-importer',
        'app.kubernetes.io/component': 'storage',
      },
      annotations: {
        'cdi.kubevirt.io/storage.contentType': 'kubevirt',
        'pv.kubernetes.io/bind-completed': 'yes',
      },
      ownerReferences: [
        {
          apiVersion: 'cdi.kubevirt.io/v1beta1',
          kind: 'DataVolume',
          name: metadata.name,
          uid: metadata.uid,
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: {
      accessModes: ['ReadWriteMany'],
      resources: { requests: { storage: size } },
      storageClassName: 'ocs-storagecluster-ceph-rbd-virtualization',
      volumeMode: 'Block',
      ...(bound ? { volumeName: `pvc-${String(uid)}` } : {}),
    },
    status: bound
      ? {
          phase: 'Bound',
          accessModes: ['ReadWriteMany'],
          capacity: { storage: size },
        }
      : { phase: 'Pending' },
  };
}
