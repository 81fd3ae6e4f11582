import { Button, Flex, Text } from '@backstage/ui';
import {
  worstHealth,
  type FleetCluster,
  type VmState,
} from '@internal/plugin-kubevirt-gitops-common';
import { memo, useState } from 'react';
import { formatBytes, formatCores } from '../shared/format';
import {
  cellStyle,
  PlainTable,
  primaryStyle,
  rowStyle,
  secondaryStyle,
} from '../shared/PlainTable';
import { ApproximateMark } from '../shared/ApproximateMark';
import { StatusText } from '../shared/StatusText';
import {
  AVAILABILITY,
  connectionTone,
  healthTone,
} from '../shared/statusStyles';
import { environmentOf, totalVms } from './filterFleet';

const COLUMNS = [
  { id: 'name', name: 'Cluster', width: '15%' },
  { id: 'environment', name: 'Environment', width: '11%' },
  { id: 'availability', name: 'Availability', width: '14%' },
  { id: 'argocd', name: 'ArgoCD', width: '9%' },
  { id: 'stack', name: 'Virtualization stack', width: '15%' },
  { id: 'capacity', name: 'Allocatable', width: '12%' },
  { id: 'vms', name: 'VMs', width: '12%' },
  { id: 'version', name: 'Kubernetes', width: '12%' },
] as const;

/** Rows shown at first and added by "Show more" (fleets can be thousands). */
export const FLEET_PAGE_SIZE = 100;

function StackCell(props: { cluster: FleetCluster }) {
  const components = props.cluster.virtualizationStack;
  if (components.length === 0) {
    return <StatusText tone="unknown">Not reported</StatusText>;
  }
  const worst = worstHealth(components.map(c => c.health));
  return (
    <span title={components.map(c => `${c.name}: ${c.health}`).join(', ')}>
      <StatusText tone={healthTone(worst)}>{worst}</StatusText>
      <span style={secondaryStyle}>
        {components.map(c => c.name).join(', ')}
      </span>
    </span>
  );
}

function ClusterRowView(props: { cluster: FleetCluster }) {
  const { cluster } = props;
  const availability = AVAILABILITY[cluster.availability];
  const counts = cluster.vmCounts;
  const approximate = totalVms(cluster.approximateVmCounts ?? {});
  const taints = (cluster.taints ?? [])
    .map(taint => `tainted ${taint.key}:${taint.effect}`)
    .join(', ');
  const vmDetail = Object.entries(counts)
    .map(([state, n]) => {
      const guessed = cluster.approximateVmCounts?.[state as VmState];
      return guessed
        ? `${state}: ${n} (${guessed} approximate)`
        : `${state}: ${n}`;
    })
    .join(', ');
  return (
    <tr style={rowStyle}>
      <th scope="row" style={cellStyle}>
        <span style={primaryStyle}>{cluster.name}</span>
        <span style={secondaryStyle}>
          {[cluster.hub ? 'hub cluster' : '', ...cluster.clusterSets]
            .filter(Boolean)
            .join(', ') || '\u00a0'}
        </span>
      </th>
      <td style={cellStyle}>{environmentOf(cluster)}</td>
      <td style={cellStyle} title={cluster.availabilityMessage}>
        <StatusText tone={availability.tone}>{availability.label}</StatusText>
        <span style={secondaryStyle}>
          {taints || cluster.availabilityReason || '\u00a0'}
        </span>
      </td>
      <td style={cellStyle}>
        <StatusText
          tone={connectionTone(cluster.argocdConnection.status)}
          title={cluster.argocdConnection.message}
        >
          {cluster.argocdConnection.status === 'NotRegistered'
            ? 'Not registered'
            : cluster.argocdConnection.status}
        </StatusText>
      </td>
      <td style={cellStyle}>
        <StackCell cluster={cluster} />
      </td>
      <td style={cellStyle}>
        {cluster.allocatable.cpu === undefined ? (
          <StatusText tone="unknown">Capacity unknown</StatusText>
        ) : (
          `${formatCores(cluster.allocatable.cpu)} cores`
        )}
        <span style={secondaryStyle}>
          {cluster.allocatable.memory === undefined
            ? 'memory unknown'
            : formatBytes(cluster.allocatable.memory)}
          {cluster.allocatable.kvm === 0 ? ' · no KVM' : ''}
        </span>
      </td>
      <td style={cellStyle} title={vmDetail || 'No VMs'}>
        {totalVms(counts)} total
        <span style={secondaryStyle}>
          {[
            (counts.Running ?? 0) > 0 || approximate === 0
              ? `${counts.Running ?? 0} running`
              : '',
            counts.Error ? `${counts.Error} error` : '',
          ]
            .filter(Boolean)
            .join(', ')}
          {approximate > 0 ? (
            <ApproximateMark counts={cluster.approximateVmCounts} />
          ) : null}
        </span>
      </td>
      <td style={cellStyle}>{cluster.kubernetesVersion ?? '–'}</td>
    </tr>
  );
}

const ClusterRow = memo(ClusterRowView);

/**
 * The clusters the filters keep, one row each, fixed column widths; the
 * first {@link FLEET_PAGE_SIZE}, then more on request.
 */
export function FleetClusterTable(props: { clusters: FleetCluster[] }) {
  const [shown, setShown] = useState(FLEET_PAGE_SIZE);
  const visible = props.clusters.slice(0, shown);
  const remaining = props.clusters.length - visible.length;
  return (
    <Flex direction="column" gap="3">
      <PlainTable label="Managed clusters" columns={COLUMNS}>
        {visible.map(cluster => (
          <ClusterRow key={cluster.name} cluster={cluster} />
        ))}
      </PlainTable>
      {remaining > 0 ? (
        <Flex align="center" gap="3">
          <Text as="span" variant="body-small" color="secondary">
            Showing {visible.length} of {props.clusters.length} clusters
          </Text>
          <Button
            size="small"
            variant="secondary"
            onPress={() => setShown(n => n + FLEET_PAGE_SIZE)}
          >
            Show {Math.min(remaining, FLEET_PAGE_SIZE)} more
          </Button>
        </Flex>
      ) : null}
    </Flex>
  );
}
