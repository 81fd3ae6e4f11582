export { createHub } from './createHub';
export type { Hub, HubOptions, HubSummary } from './createHub';
export type { HubDefinition, PlacementDefinition } from './definition';
export type { Availability, ClusterDefinition } from './clusters';
export {
  buildManagedCluster,
  withAvailability,
  availabilityOf,
  CLUSTER_SET_LABEL,
} from './clusters';
export { PLACEMENT_LABEL } from './placementController';
export { generateHubTls, writeHubTls } from './tls';
export type { HubTlsMaterial } from './tls';
export { HUB_RESOURCES } from './resources';
export type { HubResource } from './resources';
