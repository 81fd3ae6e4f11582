import { useApi } from '@backstage/core-plugin-api';
import { Checkbox, CheckboxGroup, Flex, Skeleton, Text } from '@backstage/ui';
import { kubevirtGitopsFleetReadPermission } from '@internal/plugin-kubevirt-gitops-common';
import { useCallback } from 'react';
import { kubevirtGitopsApiRef } from '../../api/KubevirtGitopsApi';
import { describeError } from '../../api/describeError';
import { usePolling } from '../../hooks/usePolling';
import { describeEnvironment, unavailableReason } from './describeEnvironment';
import type { VmEnvironmentPickerProps } from './schema';

const ENVIRONMENTS_REFRESH_MS = 60_000;

/**
 * Scaffolder field `VmEnvironmentPicker`: the configured environments with
 * their available/total clusters and free capacity; environments without an
 * available cluster are disabled. Its value is the chosen names (`string[]`).
 *
 * @public
 */
export function VmEnvironmentPicker(props: VmEnvironmentPickerProps) {
  const {
    formData,
    onChange,
    schema,
    uiSchema,
    rawErrors,
    required,
    disabled,
    idSchema,
  } = props;
  const api = useApi(kubevirtGitopsApiRef);
  const load = useCallback(
    (signal: AbortSignal) => api.getEnvironments({ signal }),
    [api],
  );
  const polled = usePolling(load, {
    intervalMs: ENVIRONMENTS_REFRESH_MS,
    key: 'environments',
  });
  const allowUnavailable = uiSchema?.['ui:options']?.allowUnavailable === true;
  const selected = formData ?? [];
  const label = schema.title ?? 'Environments';
  const errors = rawErrors ?? [];

  if (!polled.value) {
    if (polled.error) {
      const described = describeError(
        polled.error,
        kubevirtGitopsFleetReadPermission.name,
      );
      return (
        <Flex direction="column" gap="1" id={idSchema?.$id}>
          <Text as="span" weight="bold">
            {label}
          </Text>
          <Text as="p" variant="body-small" color="danger" role="alert">
            Cannot list environments: {described.title}. {described.description}
          </Text>
        </Flex>
      );
    }
    return (
      <Flex
        direction="column"
        gap="2"
        aria-busy="true"
        aria-label={`Loading ${label}`}
      >
        <Skeleton width={160} height={18} />
        <Skeleton width="100%" height={40} />
        <Skeleton width="100%" height={40} />
      </Flex>
    );
  }

  const { environments, errors: upstreamErrors } = polled.value;
  return (
    <CheckboxGroup
      id={idSchema?.$id}
      label={label}
      description={schema.description}
      isRequired={required}
      isDisabled={disabled}
      isInvalid={errors.length > 0}
      value={selected}
      onChange={values => onChange(values)}
    >
      {environments.length === 0 ? (
        <Text as="p" variant="body-small">
          No environments are configured (kubevirtGitops.gitops.environments).
        </Text>
      ) : null}
      {environments.map(environment => {
        const reason = unavailableReason(environment);
        const blocked = reason !== undefined && !allowUnavailable;
        return (
          <Checkbox
            key={environment.name}
            value={environment.name}
            isDisabled={blocked && !selected.includes(environment.name)}
          >
            <Flex direction="column" gap="0.5">
              <Text as="span" weight="bold">
                {environment.title}
                {environment.title !== environment.name
                  ? ` (${environment.name})`
                  : ''}
              </Text>
              <Text as="span" variant="body-small" color="secondary">
                {describeEnvironment(environment)}
              </Text>
              {reason ? (
                <Text as="span" variant="body-small" color="warning">
                  {reason}
                </Text>
              ) : null}
            </Flex>
          </Checkbox>
        );
      })}
      {upstreamErrors.length > 0 ? (
        <Text as="p" variant="body-small" color="warning">
          Cluster data may be incomplete:{' '}
          {upstreamErrors.map(e => `${e.source}: ${e.message}`).join('; ')}
        </Text>
      ) : null}
      {errors.map(error => (
        <Text
          key={error}
          as="p"
          variant="body-small"
          color="danger"
          role="alert"
        >
          {error}
        </Text>
      ))}
    </CheckboxGroup>
  );
}
