/*
 * The fleet snapshot: compact records of what the upstream lists returned,
 * one part per upstream (hub or ArgoCD instance), each stored in the cache
 * service on its own so a slow upstream never holds back the others.
 */
import type {
  ArgocdConnection,
  ClusterAvailability,
  ClusterResources,
  ClusterTaint,
  UpstreamErrorKind,
} from '@internal/plugin-kubevirt-gitops-common';

/** Format version of stored parts; bump when the shapes change. */
export const SNAPSHOT_FORMAT = 5;

/** A list that failed while the rest of a part's lists succeeded. */
export interface SnapshotProblem {
  kind: UpstreamErrorKind;
  message: string;
}

/** A ManagedCluster, reduced to what the views show. */
export interface SnapshotCluster {
  name: string;
  labels: Record<string, string>;
  availability: ClusterAvailability;
  availabilityReason?: string;
  availabilityMessage?: string;
  kubernetesVersion?: string;
  claims: Record<string, string>;
  capacity: ClusterResources;
  allocatable: ClusterResources;
  /** `spec.taints`. */
  taints: ClusterTaint[];
  /** The hub itself (label `local-cluster: "true"`). */
  hub: boolean;
}

/** A label requirement (`matchExpressions` entry). */
export interface LabelRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values: string[];
}

/** How a ManagedClusterSet selects its clusters. */
export type ClusterSetSelector =
  | { type: 'ExclusiveClusterSetLabel' }
  | {
      type: 'LabelSelector';
      matchLabels: Record<string, string>;
      matchExpressions: LabelRequirement[];
    };

/** A ManagedClusterSet. */
export interface SnapshotClusterSet {
  name: string;
  selector: ClusterSetSelector;
}

/** A Placement with the clusters its PlacementDecisions selected. */
export interface SnapshotPlacement {
  namespace: string;
  name: string;
  clusters: string[];
  /** `status.numberOfSelectedClusters`, when the hub reported it. */
  numberOfSelectedClusters?: number;
  /** The `PlacementSatisfied` condition, when the hub reported it. */
  satisfied?: { status: string; reason?: string; message?: string };
}

/** What one hub's lists returned. */
export interface HubPart {
  type: 'hub';
  format: typeof SNAPSHOT_FORMAT;
  /** `ocm:<hub>`. */
  source: string;
  hub: string;
  /** ISO time the lists completed. */
  fetchedAt: string;
  clusters: SnapshotCluster[];
  clusterSets: SnapshotClusterSet[];
  placements: SnapshotPlacement[];
  /** Lists that failed while the rest succeeded (e.g. Placements forbidden). */
  problems: SnapshotProblem[];
}

/** A cluster ArgoCD knows. */
export interface SnapshotArgoCluster {
  name: string;
  server: string;
  connection: Exclude<ArgocdConnection['status'], 'NotRegistered'>;
  message?: string;
}

/**
 * A VirtualMachine, DataVolume, DataSource, DataImportCron or
 * VirtualMachineClusterInstancetype an Application manages
 * (`status.resources`).
 */
export interface SnapshotResource {
  group: string;
  version: string;
  kind: string;
  namespace?: string;
  name: string;
  /** Sync status of this resource. */
  status?: string;
  /** Inline health, when ArgoCD persists it (2.x, or resource health persisted). */
  health?: { status: string; message?: string };
  requiresPruning?: boolean;
}

/** An Application, reduced to what the views show. */
export interface SnapshotApplication {
  name: string;
  namespace: string;
  labels: Record<string, string>;
  /** The ApplicationSet that owns it, if any. */
  applicationSet?: string;
  /** Destination cluster name (resolved through the cluster list when given by server). */
  cluster?: string;
  destinationNamespace?: string;
  sync: {
    status: string;
    /** `status.sync.revision`, or (multi-source) that of the manifests source. */
    revision?: string;
    /** Multi-source Applications: each source with its synced revision. */
    sources?: Array<{
      repoURL: string;
      path?: string;
      ref?: string;
      revision?: string;
    }>;
  };
  health: { status: string; message?: string };
  /** ISO time of the last sync operation. */
  lastSyncedAt?: string;
  /** Failed operation or error condition message. */
  message?: string;
  /** VM-related managed resources only (see `SnapshotResource`). */
  resources: SnapshotResource[];
}

/** A condition of an ApplicationSet worth showing. */
export interface SnapshotCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

/** An ApplicationSet, reduced to what the VM tab shows. */
export interface SnapshotApplicationSet {
  name: string;
  namespace: string;
  /**
   * Its health as ArgoCD's ApplicationSet health check computes it from
   * the conditions (argoproj.io/ApplicationSet/health.lua), or
   * `status.health` when ArgoCD reports one.
   */
  health: { status: string; message?: string };
  /** ErrorOccurred True, ParametersGenerated / ResourcesUpToDate False. */
  problems: SnapshotCondition[];
  /** Names of the Applications it reports (`status.resources`). */
  applications: string[];
}

/** What one ArgoCD instance's lists returned. */
export interface ArgocdPart {
  type: 'argocd';
  format: typeof SNAPSHOT_FORMAT;
  /** `argocd:<instance>`. */
  source: string;
  instance: string;
  fetchedAt: string;
  clusters: SnapshotArgoCluster[];
  applications: SnapshotApplication[];
  applicationSets: SnapshotApplicationSet[];
  /** Lists that failed while the rest succeeded (e.g. clusters forbidden). */
  problems: SnapshotProblem[];
}

/** A stored part. */
export type SnapshotPart = HubPart | ArgocdPart;

/** The latest refresh outcome of one upstream. */
export interface PartStatus {
  source: string;
  /** The data; absent when the upstream never answered. */
  part?: SnapshotPart;
  /** Why the last refresh of this upstream failed, if it did. */
  error?: string;
  /** The kind of that failure (set with `error`). */
  errorKind?: UpstreamErrorKind;
  /** ISO time of the last attempt. */
  attemptedAt?: string;
}

/** Every upstream's latest part: what the views are computed from. */
export interface FleetSnapshot {
  /** Changes whenever a part changes (memo key of the views). */
  version: string;
  hubs: Array<PartStatus & { part?: HubPart }>;
  argocd: Array<PartStatus & { part?: ArgocdPart }>;
}
