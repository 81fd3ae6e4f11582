import {
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
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
  vmSignalChannel,
  kubevirtGitopsVmReadPermission,
  readVmAnnotations,
  type VmStatusResponse,
} from '@internal/plugin-kubevirt-gitops-common';
import { useCallback, useMemo } from 'react';
import { kubevirtGitopsApiRef } from '../../api/KubevirtGitopsApi';
import { useLiveResource } from '../../hooks/useLiveResource';
import { AnnotationProblems } from '../shared/AnnotationProblems';
import { PolledBody } from '../shared/PolledBody';
import { ApproximateMark } from '../shared/ApproximateMark';
import { StatusText } from '../shared/StatusText';
import { VM_REFRESH_INTERVAL_MS, VM_WATCH_RENEW_MS } from '../shared/defaults';
import { plural } from '../shared/format';
import { summarizeVm } from './summarizeVm';

/**
 * Props of {@link EntityVirtualMachineCard}.
 *
 * @public
 */
export interface EntityVirtualMachineCardProps {
  refreshIntervalMs?: number;
}

/** Three lines of fixed height: the card keeps its size while loading. */
const LINE = { minHeight: '1.5em' };

function Summary(props: { status: VmStatusResponse }) {
  const summary = summarizeVm(props.status);
  const firstPr = props.status.pullRequests[0];
  return (
    <Flex direction="column" gap="2">
      <Text as="p" variant="body-medium" style={LINE}>
        <strong>
          {summary.asDeclared} of {summary.clusters}
        </strong>{' '}
        clusters running as declared
        {summary.approximate > 0 ? (
          <ApproximateMark count={summary.approximate} />
        ) : null}
      </Text>
      <Text as="p" variant="body-small" style={LINE}>
        {summary.worst ? (
          <>
            Worst:{' '}
            <StatusText tone={summary.worst.derived.severity}>
              {summary.worst.derived.label}
            </StatusText>{' '}
            on {summary.worst.cluster}
          </>
        ) : (
          'Not deployed to any cluster yet'
        )}
      </Text>
      <Text as="p" variant="body-small" style={LINE}>
        {firstPr ? (
          <>
            {plural(summary.pullRequests, 'pending pull request')}:{' '}
            <Link href={firstPr.url} target="_blank" rel="noopener noreferrer">
              #{firstPr.number} {firstPr.title}
            </Link>
          </>
        ) : (
          'No pending pull requests'
        )}
      </Text>
      {props.status.errors.length > 0 ? (
        <StatusText tone="warning">
          {props.status.errors.length} source(s) did not answer:{' '}
          {props.status.errors.map(e => e.source).join(', ')}
        </StatusText>
      ) : null}
    </Flex>
  );
}

function CardSkeleton() {
  return (
    <Flex
      direction="column"
      gap="2"
      aria-busy="true"
      aria-label="Loading virtual machine"
    >
      <Skeleton width="60%" height={22} />
      <Skeleton width="80%" height={18} />
      <Skeleton width="70%" height={18} />
    </Flex>
  );
}

function CardContent(props: { intervalMs: number }) {
  const { entity } = useEntity();
  const api = useApi(kubevirtGitopsApiRef);
  const entityRef = useMemo(() => getCompoundEntityRef(entity), [entity]);
  const load = useCallback(
    (signal: AbortSignal) => api.getVmStatus(entityRef, { signal }),
    [api, entityRef],
  );
  const polled = useLiveResource(load, {
    intervalMs: props.intervalMs,
    key: stringifyEntityRef(entityRef),
    channel: vmSignalChannel(stringifyEntityRef(entityRef)),
    quietReloadMs: VM_WATCH_RENEW_MS,
  });
  return (
    <PolledBody
      polled={polled}
      permission={kubevirtGitopsVmReadPermission.name}
      skeleton={<CardSkeleton />}
    >
      {status => <Summary status={status} />}
    </PolledBody>
  );
}

/**
 * The compact VM card of the entity's overview: how many clusters run the
 * VM as declared, the worst state, pending pull requests.
 *
 * @public
 */
export function EntityVirtualMachineCard(props: EntityVirtualMachineCardProps) {
  const { entity } = useEntity();
  const annotations = readVmAnnotations(entity);
  return (
    <Card>
      <CardHeader>
        <Text as="h2" variant="title-small">
          Virtual machine
        </Text>
      </CardHeader>
      <CardBody>
        {annotations.ok ? (
          <CardContent
            intervalMs={props.refreshIntervalMs ?? VM_REFRESH_INTERVAL_MS}
          />
        ) : (
          <AnnotationProblems
            title="Not linked to a virtual machine"
            problems={annotations.problems}
          />
        )}
      </CardBody>
    </Card>
  );
}
