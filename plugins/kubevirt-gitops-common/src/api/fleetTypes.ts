/*
 * The JSON of `GET /fleet` and `GET /environments` (backend → frontend and
 * scaffolder). Quantities are plain numbers: CPU in cores, memory in bytes,
 * `kvm` in devices (`devices.kubevirt.io/kvm`).
 */
import type { ClusterAvailability } from '../state/clusterAvailability';
import type { EnvironmentLimits } from '../config/configTypes';
import type { UpstreamError } from './vmStatusTypes';
import type { VmState } from '../state/vmStateTypes';

/**
 * CPU (cores), memory (bytes) and KVM devices of a cluster; absent when the
 * cluster does not report them.
 *
 * @public
 */
export interface ClusterResources {
  cpu?: number;
  memory?: number;
  kvm?: number;
}

/**
 * A ManagedCluster taint (`spec.taints[]`, OCM cluster/v1): a Placement
 * that does not tolerate it does not select the cluster (`NoSelect`; for
 * new decisions also `NoSelectIfNew`), or selects it last (`PreferNoSelect`).
 * The hub adds `cluster.open-cluster-management.io/unavailable` and
 * `.../unreachable` itself.
 *
 * @public
 */
export interface ClusterTaint {
  key: string;
  value?: string;
  effect: 'NoSelect' | 'PreferNoSelect' | 'NoSelectIfNew' | string;
}

/**
 * Whether ArgoCD can reach the cluster (its cluster secret's connection state).
 *
 * @public
 */
export interface ArgocdConnection {
  /** `Successful`, `Failed`, `Unknown`, or `NotRegistered` when ArgoCD has no such cluster. */
  status: 'Successful' | 'Failed' | 'Unknown' | 'NotRegistered';
  /** Configured ArgoCD instance that knows the cluster. */
  instance?: string;
  message?: string;
}

/**
 * One Application of the virtualization stack (KubeVirt, CDI, OpenShift
 * Virtualization) on a cluster, with its ArgoCD health.
 *
 * @public
 */
export interface VirtualizationComponent {
  name: string;
  health: string;
  message?: string;
}

/**
 * One managed cluster of the fleet page.
 *
 * @public
 */
export interface FleetCluster {
  name: string;
  /** From the ManagedCluster's `env` label (or the environment's selector). */
  environment?: string;
  clusterSets: string[];
  availability: ClusterAvailability;
  availabilityReason?: string;
  availabilityMessage?: string;
  /** Placements (`namespace/name`) whose decisions selected this cluster. */
  placements: string[];
  kubernetesVersion?: string;
  /** `status.clusterClaims` as name → value. */
  claims: Record<string, string>;
  capacity: ClusterResources;
  allocatable: ClusterResources;
  /** `spec.taints` of the ManagedCluster. */
  taints: ClusterTaint[];
  /** The hub itself, managed as a cluster (label `local-cluster: "true"`). */
  hub?: boolean;
  argocdConnection: ArgocdConnection;
  virtualizationStack: VirtualizationComponent[];
  /** How many VMs in each state (from the fleet snapshot). */
  vmCounts: Partial<Record<VmState, number>>;
  /**
   * The part of {@link FleetCluster.vmCounts} that is approximate (from
   * ArgoCD's health, not the VM itself, e.g. on ArgoCD ≥ 3.0, which keeps
   * no per-resource health in the Application list).
   */
  approximateVmCounts: Partial<Record<VmState, number>>;
}

/**
 * The environment name of the fleet totals for clusters without one.
 *
 * @public
 */
export const NO_ENVIRONMENT = '(none)';

/**
 * Totals of one environment on the fleet page.
 *
 * @public
 */
export interface FleetEnvironmentTotals {
  /** Environment name, or {@link NO_ENVIRONMENT} for clusters without one. */
  environment: string;
  clusters: number;
  byAvailability: Partial<Record<ClusterAvailability, number>>;
  allocatable: ClusterResources;
  vmCounts: Partial<Record<VmState, number>>;
  /** The approximate part of `vmCounts` (see {@link FleetCluster.approximateVmCounts}). */
  approximateVmCounts: Partial<Record<VmState, number>>;
}

/**
 * A Placement of the hub with its status (OCM cluster/v1beta1).
 *
 * @public
 */
export interface FleetPlacement {
  /** `namespace/name`. */
  name: string;
  /** Clusters its PlacementDecisions selected. */
  clusters: string[];
  /** `status.numberOfSelectedClusters`, when reported. */
  numberOfSelectedClusters?: number;
  /** `PlacementSatisfied` condition, when reported (False: not every decision could be made). */
  satisfied?: { status: string; reason?: string; message?: string };
}

/**
 * The answer of the fleet route.
 *
 * @public
 */
export interface FleetResponse {
  clusters: FleetCluster[];
  /** The hubs' Placements, with their status. */
  placements: FleetPlacement[];
  totals: FleetEnvironmentTotals[];
  errors: UpstreamError[];
  /** ISO time of the snapshot the answer comes from. */
  generatedAt: string;
}

/**
 * One cluster of an environment, as the environment picker and the pull
 * request body list them.
 *
 * @public
 */
export interface EnvironmentCluster {
  name: string;
  availability: ClusterAvailability;
  /**
   * Whether a new VM can land there: available, no taint a Placement does
   * not tolerate (`NoSelect`, `NoSelectIfNew`), KVM devices not reported 0.
   */
  selectable?: boolean;
  /** Why it is not selectable, or what is unknown about it (for people). */
  note?: string;
  taints?: ClusterTaint[];
  /** The hub itself (label `local-cluster: "true"`). */
  hub?: boolean;
}

/**
 * One configured environment with its clusters and free capacity (for the
 * scaffolder's environment picker and the pull request body).
 *
 * @public
 */
export interface EnvironmentSummary {
  name: string;
  /** The configured title, or the name. */
  title: string;
  description?: string;
  clusters: EnvironmentCluster[];
  /** Clusters a new VM can land on (available and selectable). */
  availableClusters: number;
  /**
   * Allocatable capacity summed over the selectable clusters that report it
   * and have KVM devices (cores, bytes). The hub does not report what is
   * already requested, so this is an upper bound.
   */
  freeCapacity: { cpu: number; memory: number };
  /**
   * Selectable clusters whose capacity is unknown (no `allocatable` cpu or
   * memory, or no `devices.kubevirt.io/kvm` reported): not in
   * `freeCapacity`, shown as unknown.
   */
  capacityUnknown?: string[];
  limits: EnvironmentLimits;
}

/**
 * The answer of the environments route.
 *
 * @public
 */
export interface EnvironmentsResponse {
  environments: EnvironmentSummary[];
  errors: UpstreamError[];
  generatedAt: string;
}

/**
 * One VM size a template may offer: a KubeVirt common instancetype, with
 * the environments whose limits it exceeds and the clusters where the
 * fleet reports it.
 *
 * @public
 */
export interface VmSizeChoice {
  /** e.g. `u1.medium`. */
  name: string;
  vcpus: number;
  /** A quantity, e.g. `4Gi`. */
  memory: string;
  /** The series, e.g. `U Series`. */
  series: string;
  /** The series class label, e.g. `general.purpose`. */
  class: string;
  /** Environments whose limits it exceeds, each with the rule it breaks. */
  exceeds: Array<{ environment: string; reason: string }>;
  /**
   * Clusters whose ArgoCD Applications manage a
   * `VirtualMachineClusterInstancetype` of this name (empty when none does:
   * the common instancetypes ship with KubeVirt and are usually not in Git).
   */
  reportedOn: string[];
}

/**
 * One image a template may offer: an entry of the configured catalog
 * (`kubevirtGitops.gitops.images`), with where it is allowed and, for a
 * DataSource, the clusters where the fleet reports it.
 *
 * @public
 */
export interface VmImageChoice {
  /** The catalog id requests use. */
  id: string;
  title: string;
  preference: string;
  /** `DataSource <namespace>/<name>` or `container disk <image>`. */
  source: string;
  /** Environments that allow it (`allowedImages`; every one when unset). */
  allowedIn: string[];
  /**
   * For a DataSource image: the clusters whose ArgoCD Applications manage
   * that DataSource or a DataImportCron filling it. Absent for container
   * disks (pulled on demand).
   */
  reportedOn?: string[];
}

/**
 * A boot image the fleet reports (a `DataSource` or `DataImportCron` in an
 * Application's resources) that the configured catalog does not offer.
 *
 * @public
 */
export interface FleetImage {
  kind: 'DataSource' | 'DataImportCron';
  namespace: string;
  name: string;
  clusters: string[];
}

/**
 * The answer of `GET /choices`: what the VM templates offer, from the
 * configuration and the live fleet snapshot.
 *
 * @public
 */
export interface VmChoicesResponse {
  sizes: VmSizeChoice[];
  images: VmImageChoice[];
  /** Images the fleet has that no catalog entry names (to add to the config). */
  uncataloguedImages: FleetImage[];
  errors: UpstreamError[];
  generatedAt: string;
}
