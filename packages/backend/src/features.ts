/*
 * Every feature of the KubeVirt GitOps backend except the permission
 * policy: index.ts adds the allow-all policy for local use, and the fault
 * suite's entry (testing/faultsBackend.ts) adds a policy the suite steers.
 */
import type { createBackend } from '@backstage/backend-defaults';

type Backend = ReturnType<typeof createBackend>;

export function addFeatures(backend: Backend): void {
  // Serves the built frontend app (production and end-to-end tests).
  backend.add(import('@backstage/plugin-app-backend'));

  // Scaffolder, with the GitHub actions (publish:github:pull-request and friends).
  backend.add(import('@backstage/plugin-scaffolder-backend'));
  backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));
  // kubevirt:vm:pull-request: VM requests and lifecycle changes as pull requests.
  backend.add(
    import('@internal/plugin-scaffolder-backend-module-kubevirt-gitops'),
  );

  // kubevirt-gitops: VM and fleet health from ArgoCD and the OCM hub, per entity.
  backend.add(import('@internal/plugin-kubevirt-gitops-backend'));
  // MCP: the actions registry's actions (backend.actions.pluginSources) as MCP
  // tools at /api/mcp-actions/v1, for agents; kubevirt-gitops' writes only
  // ever open pull requests.
  backend.add(import('@backstage/plugin-mcp-actions-backend'));

  // Auth: guest sign-in for local use. See https://backstage.io/docs/auth/guest/provider
  backend.add(import('@backstage/plugin-auth-backend'));
  backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

  // Catalog.
  backend.add(import('@backstage/plugin-catalog-backend'));
  backend.add(
    import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
  );
  backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
  // VMs already in the GitOps repository (kubevirtGitops.discovery): one
  // Resource per VM whose folder has no catalog-info.yaml.
  backend.add(
    import('@internal/plugin-catalog-backend-module-kubevirt-gitops'),
  );

  // Permissions: the framework; the policy module is added by the entry.
  backend.add(import('@backstage/plugin-permission-backend'));

  // User settings (stores the guest's preferences in the database), and the
  // signals channel the settings storage listens on.
  backend.add(import('@backstage/plugin-user-settings-backend'));
  backend.add(import('@backstage/plugin-signals-backend'));
  // Notifications (stored in the database, pushed over signals): kubevirt-gitops
  // tells a VM's requester about its pull request and rollout, and the VM's
  // owners when a cluster it runs on becomes unreachable.
  backend.add(import('@backstage/plugin-notifications-backend'));

  // Events: GitHub webhooks at POST /api/events/http/github (signature checked
  // with events.modules.github.webhookSecret; without a secret the GitHub module
  // registers no ingress at all). A push to the GitOps repository's base
  // branch makes VM discovery read it again at once.
  backend.add(import('@backstage/plugin-events-backend'));
  backend.add(import('@backstage/plugin-events-backend-module-github'));
}
