import { Alert } from '@backstage/ui';
import type { VmApplicationSetSummary } from '@internal/plugin-kubevirt-gitops-common';

/** ApplicationSets that are not Healthy: ArgoCD's errors, word for word. */
export function failingApplicationSets(
  sets: readonly VmApplicationSetSummary[] | undefined,
): VmApplicationSetSummary[] {
  return (sets ?? []).filter(
    set => set.health.status === 'Degraded' || set.problems.length > 0,
  );
}

/**
 * The VM's ApplicationSets that report errors (e.g. ErrorOccurred when a
 * generator fails): shown above the rows, since such an ApplicationSet may
 * have generated no Application at all.
 */
export function ApplicationSetProblems(props: {
  applicationSets: readonly VmApplicationSetSummary[] | undefined;
}) {
  const failing = failingApplicationSets(props.applicationSets);
  return (
    <>
      {failing.map(set => (
        <Alert
          key={`${set.instance}/${set.namespace}/${set.name}`}
          status="danger"
          icon
          title={`ApplicationSet ${set.namespace}/${set.name} (ArgoCD ${set.instance}): ${set.health.status}`}
          description={
            <ul style={{ margin: 0, paddingInlineStart: '1.25em' }}>
              {set.problems.length > 0 ? (
                set.problems.map(problem => (
                  <li key={problem.type}>
                    <strong>{problem.type}</strong>
                    {problem.reason ? ` (${problem.reason})` : ''}
                    {problem.message ? `: ${problem.message}` : ''}
                  </li>
                ))
              ) : (
                <li>{set.health.message ?? 'No message from ArgoCD'}</li>
              )}
            </ul>
          }
        />
      ))}
    </>
  );
}
