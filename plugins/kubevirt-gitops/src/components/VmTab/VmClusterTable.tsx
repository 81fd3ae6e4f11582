import type {
  VmClusterRow,
  VmPullRequest,
} from '@internal/plugin-kubevirt-gitops-common';
import { memo, type ReactNode } from 'react';
import { formatAge } from '../shared/format';
import {
  cellStyle,
  linkStyle,
  PlainTable,
  primaryStyle,
  rowStyle,
  secondaryStyle,
} from '../shared/PlainTable';
import { ApproximateMark } from '../shared/ApproximateMark';
import { StatusText } from '../shared/StatusText';
import { AVAILABILITY, healthTone, syncTone } from '../shared/statusStyles';

/** Fixed column widths: the table keeps its shape across refreshes. */
export const VM_TABLE_COLUMNS = [
  { id: 'cluster', name: 'Cluster', width: '15%' },
  { id: 'state', name: 'VM state', width: '21%' },
  { id: 'gitops', name: 'Sync / health', width: '12%' },
  { id: 'availability', name: 'Cluster availability', width: '12%' },
  { id: 'node', name: 'Node', width: '11%' },
  { id: 'ips', name: 'IP addresses', width: '12%' },
  { id: 'lastSync', name: 'Last sync', width: '8%' },
  { id: 'links', name: 'Links', width: '9%' },
] as const;

/** Two lines per cell, always: rows keep their height when data changes. */
function TwoLines(props: {
  first: ReactNode;
  second?: ReactNode;
  title?: string;
}) {
  return (
    <>
      <span style={primaryStyle} title={props.title}>
        {props.first}
      </span>
      <span style={secondaryStyle}>{props.second ?? '\u00a0'}</span>
    </>
  );
}

function ExternalLink(props: {
  href: string;
  label: string;
  children: ReactNode;
}) {
  return (
    <a
      href={props.href}
      target="_blank"
      rel="noopener noreferrer"
      aria-label={`${props.label} (opens in a new tab)`}
      style={linkStyle}
    >
      {props.children}
    </a>
  );
}

function VmRowView(props: {
  row: VmClusterRow;
  pullRequests: VmPullRequest[];
  now: number;
}) {
  const { row, pullRequests, now } = props;
  const availability = AVAILABILITY[row.clusterAvailability];
  const stateDetail =
    row.message ??
    row.vmi.guestOs ??
    (row.vmName ? `${row.namespace ?? ''}/${row.vmName}` : undefined);
  const pendingPrs =
    row.derived.reason === 'PullRequestOpen' ? pullRequests : [];
  return (
    <tr style={rowStyle}>
      <th scope="row" style={cellStyle}>
        <TwoLines first={row.cluster} second={row.vmName} title={row.cluster} />
      </th>
      <td style={cellStyle}>
        <TwoLines
          first={
            <>
              <StatusText
                tone={row.derived.severity}
                title={row.derived.reason}
              >
                {row.derived.label}
              </StatusText>
              {row.derived.certainty === 'approximate' ? (
                <ApproximateMark />
              ) : null}
            </>
          }
          second={stateDetail}
          title={[row.derived.label, row.message].filter(Boolean).join(' — ')}
        />
      </td>
      <td style={cellStyle}>
        <TwoLines
          first={
            <StatusText tone={syncTone(row.sync.status)}>
              {row.sync.status}
            </StatusText>
          }
          second={
            <StatusText tone={healthTone(row.health.status)}>
              {row.health.status}
            </StatusText>
          }
          title={row.health.message}
        />
      </td>
      <td style={cellStyle}>
        <TwoLines
          first={
            <StatusText tone={availability.tone}>
              {availability.label}
            </StatusText>
          }
          second={row.clusterAvailabilityReason}
          title={row.clusterAvailabilityReason}
        />
      </td>
      <td style={cellStyle}>
        <TwoLines first={row.vmi.node ?? '–'} second={row.vmi.phase} />
      </td>
      <td style={cellStyle}>
        <TwoLines
          first={row.vmi.ipAddresses[0] ?? '–'}
          second={
            row.vmi.ipAddresses.length > 1
              ? `+${row.vmi.ipAddresses.length - 1} more`
              : undefined
          }
          title={row.vmi.ipAddresses.join(', ')}
        />
      </td>
      <td style={cellStyle}>
        <TwoLines
          first={formatAge(row.lastSyncedAt, now)}
          second={row.sync.revision?.slice(0, 7)}
          title={[
            row.lastSyncedAt,
            ...(row.sync.sources ?? []).map(
              source =>
                `${source.repoURL}${source.path ? ` ${source.path}` : ''}${
                  source.ref ? ` (ref ${source.ref})` : ''
                }: ${source.revision ?? 'no revision'}`,
            ),
          ]
            .filter(Boolean)
            .join('\n')}
        />
      </td>
      <td style={cellStyle}>
        <TwoLines
          first={
            row.argocd.uiUrl ? (
              <ExternalLink
                href={row.argocd.uiUrl}
                label={`ArgoCD application ${row.argocd.application}`}
              >
                ArgoCD
              </ExternalLink>
            ) : (
              <span title={row.argocd.application}>ArgoCD: no link</span>
            )
          }
          second={pendingPrs.map(pr => (
            <ExternalLink
              key={pr.number}
              href={pr.url}
              label={`Pull request #${pr.number}`}
            >
              PR #{pr.number}{' '}
            </ExternalLink>
          ))}
        />
      </td>
    </tr>
  );
}

/** Rows re-render only when their data changes (refreshes keep the rest). */
const VmRow = memo(VmRowView);

/**
 * The VM on the clusters of one environment: one row per cluster, columns of
 * fixed width and rows of fixed height.
 */
export function VmClusterTable(props: {
  environment: string;
  rows: VmClusterRow[];
  pullRequests: VmPullRequest[];
  now: number;
}) {
  return (
    <PlainTable
      label={`Virtual machine on the clusters of ${props.environment}`}
      columns={VM_TABLE_COLUMNS}
    >
      {props.rows.map(row => (
        <VmRow
          key={`${row.cluster}/${row.argocd.application}`}
          row={row}
          pullRequests={props.pullRequests}
          now={props.now}
        />
      ))}
    </PlainTable>
  );
}
