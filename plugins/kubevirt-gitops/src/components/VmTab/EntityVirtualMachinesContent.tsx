import {
  getCompoundEntityRef,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  vmSignalChannel,
  kubevirtGitopsVmReadPermission,
  readVmAnnotations,
} from '@internal/plugin-kubevirt-gitops-common';
import { useCallback, useMemo } from 'react';
import { kubevirtGitopsApiRef } from '../../api/KubevirtGitopsApi';
import { describeError } from '../../api/describeError';
import { useLiveResource } from '../../hooks/useLiveResource';
import { AnnotationProblems } from '../shared/AnnotationProblems';
import { VM_REFRESH_INTERVAL_MS, VM_WATCH_RENEW_MS } from '../shared/defaults';
import { ErrorState } from '../shared/ErrorState';
import { isVmSettled } from '../VmCard/summarizeVm';
import { useLastPullRequests } from './useLastPullRequests';
import { VmStatusView } from './VmStatusView';
import { VmTabSkeleton } from './VmTabSkeleton';

/**
 * Props of {@link EntityVirtualMachinesContent}.
 *
 * @public
 */
export interface EntityVirtualMachinesContentProps {
  /** How often to reload while the browser tab is visible; default 15 s. */
  refreshIntervalMs?: number;
}

function VmStatusLoader(props: { entity: Entity; intervalMs: number }) {
  const api = useApi(kubevirtGitopsApiRef);
  const entityRef = useMemo(
    () => getCompoundEntityRef(props.entity),
    [props.entity],
  );
  const key = stringifyEntityRef(entityRef);
  const load = useCallback(
    (signal: AbortSignal) => api.getVmStatus(entityRef, { signal }),
    [api, entityRef],
  );
  const polled = useLiveResource(load, {
    intervalMs: props.intervalMs,
    key,
    channel: vmSignalChannel(key),
    quietReloadMs: VM_WATCH_RENEW_MS,
    settled: isVmSettled,
  });
  const shown = useLastPullRequests(polled.value, polled.updatedAt);
  const described = polled.error
    ? describeError(polled.error, kubevirtGitopsVmReadPermission.name)
    : undefined;

  if (shown) {
    return (
      <VmStatusView
        entityRef={entityRef}
        status={shown.status}
        pullRequestsAsOf={shown.pullRequestsAsOf}
        updatedAt={polled.updatedAt}
        refreshing={polled.refreshing}
        paused={polled.paused}
        stopped={polled.stopped}
        live={polled.live}
        pending={polled.pending}
        pollTicks={polled.pollTicks}
        intervalMs={props.intervalMs}
        staleError={described}
        onReload={polled.reload}
      />
    );
  }
  if (described) {
    const annotations = readVmAnnotations(props.entity);
    return (
      <ErrorState error={described}>
        {described.kind === 'annotation' && !annotations.ok ? (
          <AnnotationProblems
            title="What to add"
            problems={annotations.problems}
          />
        ) : null}
      </ErrorState>
    );
  }
  return <VmTabSkeleton />;
}

/**
 * The entity's "Virtual machines" tab: the VM on every cluster, grouped by
 * environment, with open pull requests, upstream errors, auto-refresh and
 * the lifecycle actions.
 *
 * @public
 */
export function EntityVirtualMachinesContent(
  props: EntityVirtualMachinesContentProps,
) {
  const { entity } = useEntity();
  const annotations = readVmAnnotations(entity);
  if (!annotations.ok) {
    return (
      <AnnotationProblems
        title="This entity is not linked to a virtual machine"
        problems={annotations.problems}
      />
    );
  }
  return (
    <VmStatusLoader
      entity={entity}
      intervalMs={props.refreshIntervalMs ?? VM_REFRESH_INTERVAL_MS}
    />
  );
}
