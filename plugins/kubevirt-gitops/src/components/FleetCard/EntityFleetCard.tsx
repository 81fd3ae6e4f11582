import {
  getCompoundEntityRef,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  Card,
  CardBody,
  CardHeader,
  Flex,
  Link,
  Skeleton,
  Text,
} from '@backstage/ui';
import {
  FLEET_SIGNAL_CHANNEL,
  kubevirtGitopsFleetReadPermission,
  readClusterSetAnnotation,
  type FleetResponse,
} from '@internal/plugin-kubevirt-gitops-common';
import { useCallback, useMemo } from 'react';
import { kubevirtGitopsApiRef } from '../../api/KubevirtGitopsApi';
import { useLiveResource } from '../../hooks/useLiveResource';
import { rootRouteRef } from '../../routes';
import { AnnotationProblems } from '../shared/AnnotationProblems';
import { PolledBody } from '../shared/PolledBody';
import { plural } from '../shared/format';
import { StatusText } from '../shared/StatusText';
import { UpstreamErrors } from '../shared/UpstreamErrors';
import { FLEET_REFRESH_INTERVAL_MS } from '../shared/defaults';
import { totalVms } from '../FleetPage/filterFleet';

function FleetSummary(props: { fleet: FleetResponse; clusterSet: string }) {
  const { fleet, clusterSet } = props;
  const fleetRoute = useRouteRef(rootRouteRef);
  const available = fleet.clusters.filter(
    c => c.availability === 'available',
  ).length;
  return (
    <Flex direction="column" gap="2">
      <StatusText tone={available === fleet.clusters.length ? 'ok' : 'warning'}>
        {available} of {plural(fleet.clusters.length, 'cluster')} available
      </StatusText>
      <ul
        aria-label="Environments"
        style={{ margin: 0, paddingInlineStart: '1.25em' }}
      >
        {fleet.totals.map(total => (
          <li key={total.environment}>
            <Text as="span" variant="body-small">
              <strong>{total.environment}</strong>:{' '}
              {total.byAvailability.available ?? 0}/{total.clusters} available,{' '}
              {plural(totalVms(total.vmCounts), 'VM')}
              {total.vmCounts.Error
                ? ` (${total.vmCounts.Error} in error)`
                : ''}
            </Text>
          </li>
        ))}
      </ul>
      <UpstreamErrors errors={fleet.errors} />
      {fleetRoute ? (
        <Link href={`${fleetRoute()}?${new URLSearchParams({ clusterSet })}`}>
          Open the fleet page
        </Link>
      ) : null}
    </Flex>
  );
}

function FleetCardContent(props: {
  entity: Entity;
  clusterSet: string;
  intervalMs: number;
}) {
  const api = useApi(kubevirtGitopsApiRef);
  const entityRef = useMemo(
    () => getCompoundEntityRef(props.entity),
    [props.entity],
  );
  const load = useCallback(
    (signal: AbortSignal) => api.getEntityFleet(entityRef, { signal }),
    [api, entityRef],
  );
  const polled = useLiveResource(load, {
    intervalMs: props.intervalMs,
    key: `${stringifyEntityRef(entityRef)}:${props.clusterSet}`,
    channel: FLEET_SIGNAL_CHANNEL,
  });
  return (
    <PolledBody
      polled={polled}
      permission={kubevirtGitopsFleetReadPermission.name}
      skeleton={
        <Flex
          direction="column"
          gap="2"
          aria-busy="true"
          aria-label="Loading the fleet"
        >
          <Skeleton width="60%" height={20} />
          <Skeleton width="90%" height={40} />
        </Flex>
      }
    >
      {fleet => <FleetSummary fleet={fleet} clusterSet={props.clusterSet} />}
    </PolledBody>
  );
}

/**
 * Props of {@link EntityFleetCard}.
 *
 * @public
 */
export interface EntityFleetCardProps {
  /** How often to reload while the browser tab is visible; default 30 s. */
  refreshIntervalMs?: number;
}

/**
 * Fleet health of the ManagedClusterSet named by the entity's
 * `kubevirt-gitops.io/cluster-set` annotation.
 *
 * @public
 */
export function EntityFleetCard(props: EntityFleetCardProps = {}) {
  const { entity } = useEntity();
  const annotation = readClusterSetAnnotation(entity);
  return (
    <Card>
      <CardHeader>
        <Text as="h2" variant="title-small">
          {annotation.ok
            ? `Cluster set ${annotation.clusterSet}`
            : 'Cluster set'}
        </Text>
      </CardHeader>
      <CardBody>
        {annotation.ok ? (
          <FleetCardContent
            entity={entity}
            clusterSet={annotation.clusterSet}
            intervalMs={props.refreshIntervalMs ?? FLEET_REFRESH_INTERVAL_MS}
          />
        ) : (
          <AnnotationProblems
            title="Not linked to a cluster set"
            problems={annotation.problems}
          />
        )}
      </CardBody>
    </Card>
  );
}
