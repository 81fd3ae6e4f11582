import { createPermission } from '@backstage/plugin-permission-common';

/**
 * The resource type of catalog entities (the same string as
 * `RESOURCE_TYPE_CATALOG_ENTITY` in `@backstage/plugin-catalog-common`).
 *
 * @public
 */
export const CATALOG_ENTITY_RESOURCE_TYPE = 'catalog-entity';

/**
 * Read a VM's status on every cluster (the entity's VM tab and card).
 * A resource permission on the catalog entity, so policies can use catalog
 * conditions (e.g. ownership).
 *
 * @public
 */
export const kubevirtGitopsVmReadPermission = createPermission({
  name: 'kubevirt-gitops.vm.read',
  attributes: { action: 'read' },
  resourceType: CATALOG_ENTITY_RESOURCE_TYPE,
});

/**
 * Ask ArgoCD to re-read Git now for a VM's Applications.
 *
 * @public
 */
export const kubevirtGitopsVmRefreshPermission = createPermission({
  name: 'kubevirt-gitops.vm.refresh',
  attributes: { action: 'update' },
  resourceType: CATALOG_ENTITY_RESOURCE_TYPE,
});

/**
 * Read the fleet: every managed cluster, its health and capacity.
 *
 * @public
 */
export const kubevirtGitopsFleetReadPermission = createPermission({
  name: 'kubevirt-gitops.fleet.read',
  attributes: { action: 'read' },
});

/**
 * Every permission of the kubevirt-gitops plugin, for the permissions
 * registry.
 *
 * @public
 */
/**
 * Open a VM pull request (request, start/stop, resize, decommission) through
 * the backend's actions (MCP); the entity asked is also checked with
 * `kubevirt-gitops.vm.read`.
 *
 * @public
 */
export const kubevirtGitopsVmPullRequestCreatePermission = createPermission({
  name: 'kubevirt-gitops.vm.pull-request.create',
  attributes: { action: 'create' },
});

export const kubevirtGitopsPermissions = [
  kubevirtGitopsVmReadPermission,
  kubevirtGitopsVmRefreshPermission,
  kubevirtGitopsFleetReadPermission,
  kubevirtGitopsVmPullRequestCreatePermission,
];
