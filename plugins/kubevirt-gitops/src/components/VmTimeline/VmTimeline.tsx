import type { CompoundEntityRef } from '@backstage/catalog-model';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { Alert, Flex, Link, Skeleton, Text } from '@backstage/ui';
import {
  kubevirtGitopsVmReadPermission,
  vmSignalChannel,
  type VmTimelineResponse,
} from '@internal/plugin-kubevirt-gitops-common';
import { useCallback } from 'react';
import { kubevirtGitopsApiRef } from '../../api/KubevirtGitopsApi';
import { describeError } from '../../api/describeError';
import { useLiveResource } from '../../hooks/useLiveResource';
import { scaffolderTemplateRouteRef } from '../../routes';
import { VM_WATCH_RENEW_MS } from '../shared/defaults';
import { formatClock } from '../shared/format';
import { ErrorState } from '../shared/ErrorState';
import { cellStyle, rowStyle } from '../shared/PlainTable';
import { StatusText } from '../shared/StatusText';
import {
  describeRequest,
  type TimelineCluster,
  type TimelineView,
} from './describeRequest';

const REQUEST_TEMPLATE = { namespace: 'default', templateName: 'request-vm' };

const TONES = {
  ok: 'ok',
  progress: 'progress',
  error: 'error',
  neutral: 'unknown',
} as const;

/** A step's time, inline in its line (`–` while it has not happened). */
function Time(props: { date?: Date }) {
  if (!props.date)
    return <span style={{ color: 'var(--bui-fg-secondary)' }}>–</span>;
  return (
    <time
      dateTime={props.date.toISOString()}
      style={{ fontVariantNumeric: 'tabular-nums' }}
    >
      {formatClock(props.date)}
    </time>
  );
}

function ClusterStep(props: { cluster: TimelineCluster; declared: string }) {
  const { cluster } = props;
  if (cluster.failed) {
    return (
      <StatusText tone="error">
        Failed: {cluster.failed.reason} at {formatClock(cluster.failed.at)}
      </StatusText>
    );
  }
  if (cluster.reached) {
    return (
      <StatusText tone="ok">
        {cluster.reached.state} at {formatClock(cluster.reached.at)}
      </StatusText>
    );
  }
  return (
    <StatusText tone="progress">
      {cluster.synced
        ? `Synced, waiting for ${props.declared}`
        : 'Waiting for ArgoCD'}
    </StatusText>
  );
}

function RequestTimeline(props: { view: TimelineView }) {
  const { view } = props;
  const label = `Pull request #${view.number}`;
  return (
    <section aria-label={label}>
      <Text as="h4" variant="body-medium" style={{ margin: '0 0 4px' }}>
        {view.operation ? <strong>{view.operation}: </strong> : null}
        {view.title}{' '}
        <Link
          href={view.url}
          target="_blank"
          rel="noopener noreferrer"
          aria-label={`#${view.number} in ${view.repo} (opens in a new tab)`}
        >
          #{view.number}
        </Link>
      </Text>
      <Text as="p" variant="body-small" color="secondary">
        {view.requester ? `Requested by ${view.requester} · ` : ''}
        <span data-testid="timeline-summary">
          <StatusText tone={TONES[view.tone]}>{view.summary}</StatusText>
        </span>
      </Text>
      <ol
        aria-label={`Steps of ${label}`}
        style={{ margin: '8px 0', paddingInlineStart: '1.25em' }}
      >
        <li>
          Pull request opened <Time date={view.opened} />
        </li>
        {view.merged ? (
          <li>
            Merged <Time date={view.merged} />
          </li>
        ) : null}
        {view.closed && !view.merged ? (
          <li>
            Closed without merge <Time date={view.closed} />
          </li>
        ) : null}
        {view.clusters.length > 0 ? (
          <li>
            On each cluster:
            <table
              aria-label={`Clusters of ${label}`}
              style={{ borderCollapse: 'collapse', marginTop: 4 }}
            >
              <thead>
                <tr style={rowStyle}>
                  <th style={cellStyle}>Cluster</th>
                  <th style={cellStyle}>Synced</th>
                  <th style={cellStyle}>{view.declaredState}</th>
                </tr>
              </thead>
              <tbody>
                {view.clusters.map(cluster => (
                  <tr key={cluster.cluster} style={rowStyle}>
                    <td style={cellStyle}>{cluster.cluster}</td>
                    <td style={cellStyle}>
                      <Time date={cluster.synced} />
                    </td>
                    <td style={cellStyle}>
                      <ClusterStep
                        cluster={cluster}
                        declared={view.declaredState}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </li>
        ) : null}
        {view.completed ? (
          <li>
            {view.declaredState} on every cluster <Time date={view.completed} />
          </li>
        ) : null}
      </ol>
    </section>
  );
}

function EmptyTimeline() {
  const templateRoute = useRouteRef(scaffolderTemplateRouteRef);
  const href = templateRoute
    ? templateRoute(REQUEST_TEMPLATE)
    : `/create/templates/${REQUEST_TEMPLATE.namespace}/${REQUEST_TEMPLATE.templateName}`;
  return (
    <Alert
      status="info"
      icon
      title="No requests recorded for this VM yet"
      description={
        <Text as="p" variant="body-small">
          Each pull request opened for this VM appears here with its steps:
          opened, merged, synced by ArgoCD and Running on each cluster, with
          times and who asked. Request a VM with the{' '}
          <Link href={href}>Request a virtual machine</Link> template, or use
          Start, Stop, Resize or Decommission above.
        </Text>
      }
    />
  );
}

/** What the timeline shows once loaded. */
export function VmTimelineView(props: { timeline: VmTimelineResponse }) {
  if (props.timeline.requests.length === 0) {
    return <EmptyTimeline />;
  }
  return (
    <Flex direction="column" gap="3">
      {props.timeline.requests.map(request => (
        <RequestTimeline
          key={`${request.pullRequest.repo}#${request.pullRequest.number}`}
          view={describeRequest(request)}
        />
      ))}
    </Flex>
  );
}

/**
 * The VM's requests, newest first: per pull request, opened → merged →
 * synced → Running per cluster, with times, who asked and failures with
 * their reason. Reloads on the VM's signal; polls only without live signals.
 */
export function VmTimeline(props: {
  entityRef: CompoundEntityRef;
  intervalMs: number;
}) {
  const { entityRef } = props;
  const api = useApi(kubevirtGitopsApiRef);
  const key = stringifyEntityRef(entityRef);
  const load = useCallback(
    (signal: AbortSignal) => api.getVmTimeline(entityRef, { signal }),
    [api, entityRef],
  );
  const polled = useLiveResource(load, {
    intervalMs: props.intervalMs,
    key: `${key}:timeline`,
    channel: vmSignalChannel(key),
    quietReloadMs: VM_WATCH_RENEW_MS,
  });
  let body;
  if (polled.value) {
    body = <VmTimelineView timeline={polled.value} />;
  } else if (polled.error) {
    body = (
      <ErrorState
        error={describeError(polled.error, kubevirtGitopsVmReadPermission.name)}
      />
    );
  } else {
    body = <Skeleton width="100%" height={64} />;
  }
  return (
    <section aria-label="Request timeline">
      <Text as="h3" variant="title-x-small" style={{ margin: '0 0 8px' }}>
        Requests
      </Text>
      {body}
    </section>
  );
}
