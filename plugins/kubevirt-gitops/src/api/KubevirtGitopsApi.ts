import type { CompoundEntityRef } from '@backstage/catalog-model';
import { createApiRef } from '@backstage/core-plugin-api';
import type {
  EnvironmentsResponse,
  VmChoicesResponse,
  FleetResponse,
  VmRefreshResponse,
  VmStatusResponse,
  VmTimelineResponse,
} from '@internal/plugin-kubevirt-gitops-common';

/**
 * Options of every call: a signal to abandon it (on unmount or a newer call).
 *
 * @public
 */
export interface KubevirtGitopsRequestOptions {
  signal?: AbortSignal;
}

/**
 * The kubevirt-gitops backend, as the frontend sees it. Every call takes an
 * entity ref (never a selector, URL or cluster name): the backend derives
 * what to ask ArgoCD and the OCM hub from the entity's annotations.
 *
 * Failed calls reject with a `ResponseError` from `@backstage/errors`
 * (`statusCode`, and the server's error in `cause`).
 *
 * @public
 */
export interface KubevirtGitopsApi {
  /** The VM of an entity on every cluster, with its open pull requests. */
  getVmStatus(
    entityRef: CompoundEntityRef,
    options?: KubevirtGitopsRequestOptions,
  ): Promise<VmStatusResponse>;
  /**
   * The VM's requests (one per pull request the product opened for it),
   * newest first, each with its steps from opened to running per cluster.
   */
  getVmTimeline(
    entityRef: CompoundEntityRef,
    options?: KubevirtGitopsRequestOptions,
  ): Promise<VmTimelineResponse>;
  /** Asks ArgoCD to re-read Git now for the VM's Applications. */
  refreshVm(
    entityRef: CompoundEntityRef,
    options?: KubevirtGitopsRequestOptions,
  ): Promise<VmRefreshResponse>;
  /**
   * The clusters of the ManagedClusterSet the entity names
   * (`kubevirt-gitops.io/cluster-set`), read on behalf of the user.
   */
  getEntityFleet(
    entityRef: CompoundEntityRef,
    options?: KubevirtGitopsRequestOptions,
  ): Promise<FleetResponse>;
  /** Every managed cluster, or those of one ManagedClusterSet. */
  getFleet(
    options?: KubevirtGitopsRequestOptions & { clusterSet?: string },
  ): Promise<FleetResponse>;
  /** The configured environments with their clusters and free capacity. */
  getEnvironments(
    options?: KubevirtGitopsRequestOptions,
  ): Promise<EnvironmentsResponse>;
  /** What the VM templates offer: sizes and images, from the config and the live fleet. */
  getChoices(
    options?: KubevirtGitopsRequestOptions,
  ): Promise<VmChoicesResponse>;
}

/**
 * The API ref of {@link KubevirtGitopsApi}.
 *
 * @public
 */
export const kubevirtGitopsApiRef = createApiRef<KubevirtGitopsApi>({
  id: 'plugin.kubevirt-gitops.service',
});
