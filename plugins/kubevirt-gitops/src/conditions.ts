import type { Entity } from '@backstage/catalog-model';
import {
  hasClusterSetAnnotation,
  hasVmAnnotation,
} from '@internal/plugin-kubevirt-gitops-common';

/**
 * Whether the entity is a VM of this plugin (it carries
 * `kubevirt-gitops.io/vm-name`): shows the tab and the card.
 *
 * @public
 */
export function isVirtualMachineAvailable(entity: Entity): boolean {
  return hasVmAnnotation(entity);
}

/**
 * Whether the entity names a ManagedClusterSet
 * (`kubevirt-gitops.io/cluster-set`): shows the fleet card.
 *
 * @public
 */
export function isFleetAvailable(entity: Entity): boolean {
  return hasClusterSetAnnotation(entity);
}
