/*
 * The `GET /environments` answer (pure): each configured environment with
 * the clusters its selector matches, how many a new VM can land on, and
 * their free capacity. A cluster is selectable when OCM calls it available
 * and it has no taint a Placement does not tolerate (`NoSelect`, and for a
 * new VM's new decision also `NoSelectIfNew`; OCM cluster/v1 Taint). The
 * hub does not report what is already requested on a cluster, so free
 * capacity is the allocatable capacity of the selectable clusters that have
 * KVM devices; a cluster that reports no allocatable cpu/memory, or no
 * `devices.kubevirt.io/kvm` at all, has unknown capacity and is listed as
 * such instead of being summed as 0. A cluster reporting 0 KVM devices (the
 * hub in recorded ACM fixtures) offers no VM capacity.
 */
import type {
  EnvironmentCluster,
  EnvironmentsResponse,
  EnvironmentSummary,
  GitopsConfig,
  UpstreamError,
} from '@internal/plugin-kubevirt-gitops-common';
import type { IndexedCluster, FleetIndex } from './fleetIndex';
import { matchesLabels } from './labelSelector';

/** Taint effects that keep a new Placement decision off a cluster. */
const REPELLING_EFFECTS = new Set(['NoSelect', 'NoSelectIfNew']);

/** What an environment can say about one cluster. */
export function describeCluster(entry: IndexedCluster): EnvironmentCluster & {
  selectable: boolean;
  capacityKnown: boolean;
} {
  const { cluster } = entry;
  const repelling = cluster.taints.filter(taint =>
    REPELLING_EFFECTS.has(taint.effect),
  );
  const notes: string[] = [];
  if (repelling.length > 0) {
    notes.push(
      `tainted ${repelling
        .map(
          taint =>
            `${taint.key}${taint.value ? `=${taint.value}` : ''}:${
              taint.effect
            }`,
        )
        .join(', ')}`,
    );
  }
  const { cpu, memory, kvm } = cluster.allocatable;
  const noKvm = kvm === 0;
  if (noKvm) notes.push('no KVM devices (devices.kubevirt.io/kvm: 0)');
  const capacityKnown =
    cpu !== undefined && memory !== undefined && kvm !== undefined;
  if (!capacityKnown && !noKvm) {
    notes.push(
      kvm === undefined
        ? 'capacity unknown (no devices.kubevirt.io/kvm reported)'
        : 'capacity unknown (no allocatable cpu or memory reported)',
    );
  }
  const selectable =
    cluster.availability === 'available' && repelling.length === 0;
  const described: EnvironmentCluster & {
    selectable: boolean;
    capacityKnown: boolean;
  } = {
    name: cluster.name,
    availability: cluster.availability,
    selectable,
    capacityKnown,
  };
  if (notes.length > 0) described.note = notes.join('; ');
  if (cluster.taints.length > 0) described.taints = cluster.taints;
  if (cluster.hub) described.hub = true;
  return described;
}

/** Builds the environments answer; no gitops config means no environments. */
export function buildEnvironmentsResponse(
  index: FleetIndex,
  gitops: GitopsConfig | undefined,
  generatedAt: string,
): EnvironmentsResponse {
  const errors: UpstreamError[] = index.errors.filter(error =>
    error.source.startsWith('ocm:'),
  );
  if (!gitops) {
    errors.push({
      source: 'config',
      kind: 'config',
      message:
        'kubevirtGitops.gitops is not configured: no environments to offer',
    });
    return { environments: [], errors, generatedAt };
  }
  const environments = gitops.environments.map(
    (environment): EnvironmentSummary => {
      const entries = [...index.clusters.values()].filter(entry =>
        matchesLabels(environment.clusterSelector, entry.cluster.labels),
      );
      const described = entries.map(entry => ({
        entry,
        view: describeCluster(entry),
      }));
      const selectable = described.filter(({ view }) => view.selectable);
      // A cluster with 0 KVM devices offers no VM capacity: known, not added.
      const counted = selectable.filter(
        ({ entry, view }) =>
          view.capacityKnown && entry.cluster.allocatable.kvm !== 0,
      );
      const unknown = selectable
        .filter(({ view }) => !view.capacityKnown)
        .map(({ view }) => view.name);
      const summary: EnvironmentSummary = {
        name: environment.name,
        title: environment.title ?? environment.name,
        clusters: described.map(({ view }) => {
          const { capacityKnown: _known, ...cluster } = view;
          return cluster;
        }),
        availableClusters: selectable.length,
        freeCapacity: {
          cpu: counted.reduce(
            (sum, { entry }) => sum + (entry.cluster.allocatable.cpu ?? 0),
            0,
          ),
          memory: counted.reduce(
            (sum, { entry }) => sum + (entry.cluster.allocatable.memory ?? 0),
            0,
          ),
        },
        limits: environment.limits,
      };
      if (unknown.length > 0) summary.capacityUnknown = unknown;
      if (environment.description)
        summary.description = environment.description;
      return summary;
    },
  );
  return { environments, errors, generatedAt };
}
