/*
 * A new VM's environments each have a managed cluster: a pull request for an
 * environment no cluster belongs to would deploy the VM nowhere. Checked
 * when the clusters are known; when they are not (the kubevirt-gitops
 * backend is not installed or cannot answer) the request goes on and the
 * pull request body says the clusters could not be resolved. The writer
 * checks it before any GitHub call, for the scaffolder action and the MCP
 * actions alike.
 */
import { InputError } from '@backstage/errors';
import type { VmOperationRequest } from '@internal/plugin-kubevirt-gitops-common';
import type { EnvironmentClustersFetcher } from './environmentClusters';

/**
 * Throws InputError naming each `request.environments[i]` that no cluster
 * belongs to (operation create only; the others change existing VMs).
 */
export async function checkEnvironmentsHaveClusters(
  operation: VmOperationRequest,
  fetchClusters: EnvironmentClustersFetcher | undefined,
): Promise<void> {
  if (operation.operation !== 'create' || !fetchClusters) {
    return;
  }
  const names = operation.request.environments;
  const result = await fetchClusters(names);
  if (!result.ok) {
    return;
  }
  const issues = names.flatMap((name, index) =>
    (result.clusters[name] ?? []).length === 0
      ? [
          `request.environments[${index}]: no managed cluster belongs to environment "${name}", so the VM would run nowhere; choose an environment with clusters`,
        ]
      : [],
  );
  if (issues.length > 0) {
    throw new InputError(`Invalid VM request: ${issues.join('; ')}`);
  }
}
