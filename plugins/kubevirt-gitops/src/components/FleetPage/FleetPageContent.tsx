import { useApi } from '@backstage/core-plugin-api';
import { Flex, Skeleton, Text } from '@backstage/ui';
import {
  FLEET_SIGNAL_CHANNEL,
  kubevirtGitopsFleetReadPermission,
} from '@internal/plugin-kubevirt-gitops-common';
import { useCallback, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { kubevirtGitopsApiRef } from '../../api/KubevirtGitopsApi';
import { describeError } from '../../api/describeError';
import { useLiveResource } from '../../hooks/useLiveResource';
import { ErrorState } from '../shared/ErrorState';
import { formatClock, plural } from '../shared/format';
import { StatusText } from '../shared/StatusText';
import { UpstreamErrors } from '../shared/UpstreamErrors';
import { FleetClusterTable } from './FleetClusterTable';
import { FLEET_REFRESH_INTERVAL_MS } from '../shared/defaults';
import { FleetFilters } from './FleetFilters';
import { FleetTotals } from './FleetTotals';
import {
  ALL,
  environmentsOf,
  filterClusters,
  filterTotals,
  type FleetFilter,
} from './filterFleet';

/**
 * The fleet: totals per environment, then every managed cluster, with
 * filters. `?clusterSet=<name>` limits it to one ManagedClusterSet.
 */
export function FleetPageContent(props: { refreshIntervalMs?: number }) {
  const api = useApi(kubevirtGitopsApiRef);
  const [searchParams] = useSearchParams();
  const clusterSet = searchParams.get('clusterSet') ?? undefined;
  const [filter, setFilter] = useState<FleetFilter>(ALL);
  const load = useCallback(
    (signal: AbortSignal) => api.getFleet({ signal, clusterSet }),
    [api, clusterSet],
  );
  const polled = useLiveResource(load, {
    intervalMs: props.refreshIntervalMs ?? FLEET_REFRESH_INTERVAL_MS,
    key: clusterSet ?? '',
    channel: FLEET_SIGNAL_CHANNEL,
  });
  const fleet = polled.value;
  const clusters = useMemo(
    () => (fleet ? filterClusters(fleet.clusters, filter) : []),
    [fleet, filter],
  );

  if (!fleet) {
    if (polled.error) {
      return (
        <ErrorState
          error={describeError(
            polled.error,
            kubevirtGitopsFleetReadPermission.name,
          )}
        />
      );
    }
    return (
      <Flex
        direction="column"
        gap="3"
        aria-busy="true"
        aria-label="Loading the fleet"
      >
        <Skeleton width="100%" height={96} />
        <Skeleton width="100%" height={320} />
      </Flex>
    );
  }
  return (
    <Flex direction="column" gap="4">
      <Text as="p" variant="body-small" color="secondary">
        {clusterSet ? `Cluster set ${clusterSet}: ` : ''}
        {plural(fleet.clusters.length, 'managed cluster')} · snapshot of{' '}
        {formatClock(new Date(fleet.generatedAt))}
        {polled.paused ? ' · auto-refresh paused while this tab is hidden' : ''}
      </Text>
      <UpstreamErrors errors={fleet.errors} now={polled.updatedAt?.getTime()} />
      {(fleet.placements ?? [])
        .filter(placement => placement.satisfied?.status === 'False')
        .map(placement => (
          <StatusText key={placement.name} tone="warning">
            Placement {placement.name} not satisfied
            {placement.satisfied?.reason
              ? ` (${placement.satisfied.reason})`
              : ''}
            : {placement.numberOfSelectedClusters ?? placement.clusters.length}{' '}
            selected
            {placement.satisfied?.message
              ? ` · ${placement.satisfied.message}`
              : ''}
          </StatusText>
        ))}
      <FleetTotals totals={filterTotals(fleet.totals, filter)} />
      <FleetFilters
        environments={environmentsOf(fleet.clusters)}
        filter={filter}
        onChange={setFilter}
      />
      {clusters.length > 0 ? (
        <FleetClusterTable clusters={clusters} />
      ) : (
        <Text as="p" variant="body-medium">
          {fleet.clusters.length === 0
            ? 'No managed clusters yet: register clusters with the OCM hub (or check the cluster set name).'
            : 'No cluster matches these filters.'}
        </Text>
      )}
    </Flex>
  );
}
