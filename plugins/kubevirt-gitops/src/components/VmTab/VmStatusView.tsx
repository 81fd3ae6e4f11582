import type { CompoundEntityRef } from '@backstage/catalog-model';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { Alert, Flex, Text } from '@backstage/ui';
import type { VmStatusResponse } from '@internal/plugin-kubevirt-gitops-common';
import { useMemo } from 'react';
import type { DescribedError } from '../../api/describeError';
import { formatClock, plural } from '../shared/format';
import { isAsDeclared } from '../VmCard/summarizeVm';
import { UpstreamErrors } from '../shared/UpstreamErrors';
import { ApplicationSetProblems } from './ApplicationSetProblems';
import { groupRowsByEnvironment } from './groupRows';
import { NoRowsState } from './NoRowsState';
import { PullRequestList } from './PullRequestList';
import { RefreshButton } from './RefreshButton';
import { VmActions } from './VmActions';
import { VmClusterTable } from './VmClusterTable';
import { VmTimeline } from '../VmTimeline/VmTimeline';

export interface VmStatusViewProps {
  entityRef: CompoundEntityRef;
  status: VmStatusResponse;
  updatedAt?: Date;
  refreshing: boolean;
  paused: boolean;
  /** Auto-refresh stopped after an answer asking again cannot change. */
  stopped?: boolean;
  /** Live signals arrive: the tab reloads on them and does not poll. */
  live?: boolean;
  /**
   * The answer is not at rest (a change pending, an upstream error):
   * information only, shown as `data-pending`; a live tab does not poll.
   */
  pending?: boolean;
  /** Loads the poll timer started (shown as `data-poll-ticks` for tests). */
  pollTicks?: number;
  intervalMs: number;
  /** A reload that failed while the last answer stays on screen. */
  staleError?: DescribedError;
  /** GitHub did not answer: the pull requests shown are the ones read then. */
  pullRequestsAsOf?: Date;
  onReload: () => void;
}

function StatusLine(props: VmStatusViewProps) {
  const { status, updatedAt, refreshing, paused, stopped, intervalMs } = props;
  const asDeclared = status.rows.filter(isAsDeclared).length;
  let refreshNote = props.live
    ? 'live updates'
    : `auto-refresh every ${Math.round(intervalMs / 1000)} s`;
  if (stopped) {
    refreshNote =
      'auto-refresh stopped: asking again would get the same answer';
  } else if (paused) {
    refreshNote = 'auto-refresh paused while this tab is hidden';
  }
  return (
    <Text
      as="p"
      variant="body-small"
      color="secondary"
      data-refresh-mode={props.live ? 'live' : 'poll'}
      data-pending={props.pending ? 'true' : 'false'}
      data-poll-ticks={props.pollTicks ?? 0}
    >
      <strong>{status.vmName}</strong> on{' '}
      {plural(status.rows.length, 'cluster')}
      {status.rows.length > 0 ? `, ${asDeclared} as declared` : ''} · updated{' '}
      {updatedAt ? formatClock(updatedAt) : '–'} · {refreshNote}
      {/* Fixed width: the line does not move when the note shows. */}
      <span
        style={{
          display: 'inline-block',
          minWidth: '7em',
          marginInlineStart: 6,
        }}
      >
        {refreshing ? 'Refreshing…' : ''}
      </span>
    </Text>
  );
}

/**
 * The VM on every cluster: open pull requests on top, upstream errors as a
 * warning, then one table per environment.
 */
export function VmStatusView(props: VmStatusViewProps) {
  const { status, entityRef, staleError, updatedAt } = props;
  const groups = useMemo(
    () => groupRowsByEnvironment(status.rows),
    [status.rows],
  );
  // Ages are as of the answer (the server's clock), so they match its data.
  const now = Date.parse(status.generatedAt) || (updatedAt?.getTime() ?? 0);
  const entityRefString = stringifyEntityRef(entityRef);
  return (
    <Flex direction="column" gap="4">
      <Flex
        justify="between"
        align="center"
        style={{ flexWrap: 'wrap', rowGap: 8 }}
      >
        <VmActions entityRef={entityRefString} vmName={status.vmName} />
        <RefreshButton entityRef={entityRef} onRefreshed={props.onReload} />
      </Flex>
      <StatusLine {...props} />
      <PullRequestList
        pullRequests={status.pullRequests}
        asOf={props.pullRequestsAsOf}
      />
      {staleError ? (
        <Alert
          status="warning"
          icon
          title={`Could not refresh; showing the answer from ${
            updatedAt ? formatClock(updatedAt) : 'earlier'
          }`}
          description={`${staleError.title}. ${staleError.description}`}
        />
      ) : null}
      <UpstreamErrors errors={status.errors} now={now} />
      <ApplicationSetProblems applicationSets={status.applicationSets} />
      {groups.length === 0 ? (
        <NoRowsState status={status} />
      ) : (
        groups.map(group => (
          <section
            key={group.environment}
            aria-label={`Environment ${group.environment}`}
          >
            <Text as="h3" variant="title-x-small" style={{ margin: '0 0 8px' }}>
              {group.environment}{' '}
              <Text as="span" variant="body-small" color="secondary">
                ({plural(group.rows.length, 'cluster')})
              </Text>
            </Text>
            <VmClusterTable
              environment={group.environment}
              rows={group.rows}
              pullRequests={status.pullRequests}
              now={now}
            />
          </section>
        ))
      )}
      <VmTimeline entityRef={entityRef} intervalMs={props.intervalMs} />
    </Flex>
  );
}
