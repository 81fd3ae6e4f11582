/*
 * The ArgoCD API objects the simulator serves, in the shapes of
 * `assets/swagger.json` (only the fields it fills).
 */
import type { HealthStatus, HealthStatusCode } from './health';

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface ObjectMeta {
  name: string;
  namespace: string;
  uid: string;
  resourceVersion: string;
  generation: number;
  creationTimestamp: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  finalizers?: string[];
}

export interface ApplicationSource {
  repoURL: string;
  path?: string;
  targetRevision?: string;
  kustomize?: Record<string, unknown>;
  [field: string]: unknown;
}

export interface ApplicationDestination {
  server?: string;
  name?: string;
  namespace?: string;
}

export interface ApplicationSpec {
  project: string;
  source?: ApplicationSource;
  destination: ApplicationDestination;
  syncPolicy?: {
    automated?: {
      prune?: boolean;
      selfHeal?: boolean;
      [field: string]: unknown;
    };
    syncOptions?: string[];
    [field: string]: unknown;
  };
  [field: string]: unknown;
}

export type SyncStatusCode = 'Synced' | 'OutOfSync' | 'Unknown';

export interface ResourceStatus {
  group?: string;
  version: string;
  kind: string;
  namespace?: string;
  name: string;
  status: SyncStatusCode;
  health?: HealthStatus;
  requiresPruning?: boolean;
}

export interface ApplicationCondition {
  type: string;
  message: string;
  lastTransitionTime?: string;
}

export interface RevisionHistory {
  id: number;
  revision: string;
  deployedAt: string;
  deployStartedAt: string;
  source: ApplicationSource;
  initiatedBy: { automated?: boolean; username?: string };
}

export interface SyncResultResource {
  group: string;
  version: string;
  kind: string;
  namespace: string;
  name: string;
  status: 'Synced' | 'SyncFailed' | 'Pruned';
  message: string;
  hookPhase: string;
  syncPhase: string;
}

export interface OperationState {
  operation: {
    sync: {
      revision: string;
      syncStrategy?: { hook: Record<string, never> };
      prune?: boolean;
    };
    initiatedBy: { automated?: boolean; username?: string };
    retry: { limit?: number };
  };
  phase: 'Running' | 'Succeeded' | 'Failed' | 'Error' | 'Terminating';
  message: string;
  syncResult?: {
    resources: SyncResultResource[];
    revision: string;
    source: ApplicationSource;
  };
  startedAt: string;
  finishedAt?: string;
}

export interface ApplicationStatus {
  resources?: ResourceStatus[];
  sync: {
    status: SyncStatusCode;
    comparedTo: {
      source: ApplicationSource;
      destination: ApplicationDestination;
    };
    revision?: string;
  };
  health: {
    status: HealthStatusCode;
    message?: string;
    lastTransitionTime?: string;
  };
  history?: RevisionHistory[];
  reconciledAt?: string;
  operationState?: OperationState;
  sourceType?: string;
  summary: { images?: string[] };
  conditions?: ApplicationCondition[];
  controllerNamespace: string;
  /** ArgoCD ≥ 3.0: `appTree`; absent when health is inline (ArgoCD 2.x). */
  resourceHealthSource?: 'appTree';
}

/** An ArgoCD Application as the API returns it. */
export interface Application {
  metadata: ObjectMeta;
  spec: ApplicationSpec;
  status: ApplicationStatus;
}

/** An ApplicationSet as the API returns it. */
export interface ApplicationSet {
  metadata: ObjectMeta;
  spec: Record<string, unknown>;
  status?: {
    conditions?: Array<{
      type: string;
      status: 'True' | 'False';
      reason: string;
      message: string;
      lastTransitionTime: string;
    }>;
    resources?: ResourceStatus[];
    resourcesCount?: number;
    health?: HealthStatus;
  };
}

/** A summary of the simulated ArgoCD, for the control API's `GET /state`. */
export interface ArgocdState {
  /** Default-branch commit (of the first repository) the ApplicationSets were last expanded from. */
  revision?: string;
  /** Each served repository's default-branch commit of the last expansion. */
  revisions: Array<{ repository: string; revision?: string }>;
  /** Problems of the last expansion (unreadable files, missing branches, ...), when any. */
  errors?: string[];
  lastReconciledAt?: string;
  clusters: Array<{
    name: string;
    server: string;
    labels: Record<string, string>;
    connectionState: 'Successful' | 'Failed' | 'Unknown';
  }>;
  applicationSets: Array<{
    name: string;
    namespace: string;
    /** The repository (`owner/repo`) and file it was applied from. */
    repository?: string;
    path?: string;
    applications: number;
    error?: string;
  }>;
  applications: {
    total: number;
    health: Partial<Record<HealthStatusCode, number>>;
    sync: Partial<Record<SyncStatusCode, number>>;
  };
  renders: {
    cached: number;
    kubectlRuns: number;
    failures: number;
    checkouts: number;
  };
}
