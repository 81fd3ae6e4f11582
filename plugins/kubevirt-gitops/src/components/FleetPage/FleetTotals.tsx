import { Card, CardBody, CardHeader, Flex, Text } from '@backstage/ui';
import type { FleetEnvironmentTotals } from '@internal/plugin-kubevirt-gitops-common';
import { formatBytes, formatCores, plural } from '../shared/format';
import { ApproximateMark } from '../shared/ApproximateMark';
import { StatusText } from '../shared/StatusText';
import { totalVms } from './filterFleet';

/** One card per environment: clusters by availability, capacity, VMs. */
export function FleetTotals(props: { totals: FleetEnvironmentTotals[] }) {
  return (
    <Flex
      gap="3"
      style={{ flexWrap: 'wrap' }}
      role="list"
      aria-label="Totals per environment"
    >
      {props.totals.map(total => {
        const available = total.byAvailability.available ?? 0;
        const running = total.vmCounts.Running ?? 0;
        const errors = total.vmCounts.Error ?? 0;
        const approximate = totalVms(total.approximateVmCounts ?? {});
        return (
          <div
            role="listitem"
            key={total.environment}
            style={{ minWidth: 220, flex: '0 1 260px' }}
          >
            <Card>
              <CardHeader>
                <Text as="h3" variant="title-x-small">
                  {total.environment}
                </Text>
              </CardHeader>
              <CardBody>
                <Flex direction="column" gap="1">
                  <StatusText
                    tone={available === total.clusters ? 'ok' : 'warning'}
                  >
                    {available} of {plural(total.clusters, 'cluster')} available
                  </StatusText>
                  <Text as="span" variant="body-small">
                    {formatCores(total.allocatable.cpu)} cores ·{' '}
                    {formatBytes(total.allocatable.memory)} allocatable
                  </Text>
                  <Text as="span" variant="body-small">
                    {plural(totalVms(total.vmCounts), 'VM')}:{' '}
                    {[
                      // "0 running" next to VMs ArgoCD calls Healthy would read as a fact
                      running > 0 || approximate === 0
                        ? `${running} running`
                        : '',
                      errors > 0 ? `${errors} in error` : '',
                    ]
                      .filter(Boolean)
                      .join(', ')}
                    {approximate > 0 ? (
                      <ApproximateMark counts={total.approximateVmCounts} />
                    ) : null}
                  </Text>
                </Flex>
              </CardBody>
            </Card>
          </div>
        );
      })}
    </Flex>
  );
}
