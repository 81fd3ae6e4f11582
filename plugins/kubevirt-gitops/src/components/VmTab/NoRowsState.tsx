import { Alert } from '@backstage/ui';
import type { VmStatusResponse } from '@internal/plugin-kubevirt-gitops-common';
import { failingApplicationSets } from './ApplicationSetProblems';

/**
 * No cluster runs the VM yet: either its pull request is still open, or it
 * is merged and ArgoCD has not generated its Applications yet.
 */
export function NoRowsState(props: { status: VmStatusResponse }) {
  const { status } = props;
  const failing = failingApplicationSets(status.applicationSets);
  if (failing.length > 0) {
    return (
      <Alert
        status="warning"
        icon
        title={`No cluster runs ${status.vmName}: ArgoCD could not generate its applications`}
        description={`ApplicationSet ${failing
          .map(set => `${set.namespace}/${set.name}`)
          .join(
            ', ',
          )} reports the error above; fix it in the GitOps repository (or ask the ArgoCD administrators).`}
      />
    );
  }
  const creating = status.pullRequests.find(pr => pr.operation === 'create');
  if (creating) {
    return (
      <Alert
        status="info"
        icon
        title={`Pending merge: ${status.vmName} is not in Git yet`}
        description={`ArgoCD will deploy it to the clusters of its environments once pull request #${creating.number} is reviewed and merged.`}
      />
    );
  }
  if (status.pullRequests.length > 0) {
    return (
      <Alert
        status="info"
        icon
        title={`No cluster runs ${status.vmName} yet`}
        description="The open pull requests above will change it once merged. If it was merged already, ArgoCD has not created its applications yet."
      />
    );
  }
  return (
    <Alert
      status="info"
      icon
      title={`Merged, not yet synced: no cluster runs ${status.vmName} yet`}
      description={`ArgoCD has not generated an application for ${status.vmName} on any cluster. After a merge this takes until the ApplicationSet next reads Git (usually a few minutes); "Refresh from Git" asks now. If it stays empty, check that the entity's kubevirt-gitops.io/vm-name matches the VM's folder in the GitOps repository and that the environment has available clusters.`}
    />
  );
}
