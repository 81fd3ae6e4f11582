import type { ClusterRuntime } from '../clusters/types';
import { kubeTimestamp } from '../../store';
import type { JsonObject } from '../health';
import type { ResourceRef } from './resourceRef';
import type { DataVolumeSourceKind } from '../../kubevirt/dataVolumeTimeline';
import type { VmAnchors } from '../../kubevirt/vmTimeline';

/** A managed resource as it lives on a simulated cluster. */
export interface LiveResource {
  key: string;
  ref: ResourceRef;
  /** The desired state last applied (rendered manifest, namespace filled in). */
  manifest: JsonObject;
  /** `manifest` serialized, to compare with the target cheaply. */
  manifestJson: string;
  uid: string;
  /** Simulated ms when it was created. */
  createdAt: number;
  generation: number;
  /** Set for a VirtualMachine. */
  vm?: VmAnchors;
  /** Set for a standalone DataVolume. */
  dataVolumeKind?: DataVolumeSourceKind;
}

/** What materializing live objects needs to know. */
export interface LiveContext {
  /** Simulated now, in ms. */
  now: number;
  appName: string;
  cluster: ClusterRuntime;
}

/** Kubernetes' timestamp format (seconds, UTC). */
export function timestamp(ms: number): string {
  return kubeTimestamp(new Date(ms));
}

/** ArgoCD's annotation-based tracking id of a resource. */
export function trackingId(appName: string, ref: ResourceRef): string {
  return `${appName}:${ref.group}/${ref.kind}:${ref.namespace}/${ref.name}`;
}

/** The live object's metadata: the manifest's, plus what the API server and ArgoCD add. */
export function liveMetadata(
  live: LiveResource,
  context: LiveContext,
  resourceVersion: number,
  extraAnnotations: Record<string, string> = {},
): JsonObject {
  const metadata = (live.manifest.metadata ?? {}) as JsonObject;
  return {
    ...metadata,
    name: live.ref.name,
    ...(live.ref.namespace ? { namespace: live.ref.namespace } : {}),
    uid: live.uid,
    resourceVersion: String(Math.floor(resourceVersion)),
    generation: live.generation,
    creationTimestamp: timestamp(live.createdAt),
    annotations: {
      ...(metadata.annotations as Record<string, string> | undefined),
      ...extraAnnotations,
      'argocd.argoproj.io/tracking-id': trackingId(context.appName, live.ref),
    },
  };
}
