/*
 * The Backstage backend of the KubeVirt GitOps suite: catalog, scaffolder,
 * guest auth for local use and an allow-all permission policy (replace it
 * with your own policy module in production).
 */
import { createBackend } from '@backstage/backend-defaults';
import { addFeatures } from './features';
import { applyHeapGrowth } from './heapGrowth';

// Keeps the RSS of a busy backend close to its live heap (see heapGrowth.ts).
applyHeapGrowth();

const backend = createBackend();
addFeatures(backend);

// Permissions: allow-all for local use. Replace this module with your own
// policy, see https://backstage.io/docs/permissions/writing-a-policy
backend.add(
  import('@backstage/plugin-permission-backend-module-allow-all-policy'),
);

backend.start();
