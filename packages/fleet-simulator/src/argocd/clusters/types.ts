/** A cluster ArgoCD knows, with what the simulator needs beyond the API shape. */
export interface ClusterRuntime {
  name: string;
  server: string;
  /** Labels shown by the API (the ManagedCluster's plus the GitOpsCluster controller's). */
  labels: Readonly<Record<string, string>>;
  /** The cluster secret's labels (API labels plus `argocd.argoproj.io/secret-type`). */
  secretLabels: Readonly<Record<string, string>>;
  annotations: Readonly<Record<string, string>>;
  /** False for the local in-cluster, which has no cluster secret. */
  hasSecret: boolean;
  /** Whether ArgoCD can reach it (ManagedCluster Available=True). */
  available: boolean;
  /** Why it cannot be reached, when it cannot. */
  unavailableMessage?: string;
  /** `status.allocatable.memory` of the ManagedCluster, in bytes. */
  allocatableMemoryBytes?: number;
  serverVersion: string;
  /** Worker node names VMIs are scheduled on. */
  nodeNames: readonly string[];
  /** The ManagedCluster's name when it came from OCM. */
  managedClusterName?: string;
}

/** What changed between two computations of the cluster list. */
export interface ClusterChanges {
  added: string[];
  removed: string[];
  /** Server, labels or annotations changed: generators may give other results. */
  relabeled: string[];
  /** Availability or capacity changed: the apps on it need a new status. */
  health: string[];
}

export const LOCAL_CLUSTER_NAME = 'in-cluster';
export const LOCAL_CLUSTER_SERVER = 'https://kubernetes.default.svc';
