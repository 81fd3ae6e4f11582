import { useApi } from '@backstage/core-plugin-api';
import { Flex, Skeleton, Text } from '@backstage/ui';
import {
  kubevirtGitopsFleetReadPermission,
  type UpstreamError,
  type VmChoicesResponse,
} from '@internal/plugin-kubevirt-gitops-common';
import { useCallback } from 'react';
import { kubevirtGitopsApiRef } from '../../api/KubevirtGitopsApi';
import { describeError } from '../../api/describeError';
import { usePolling, type PolledState } from '../../hooks/usePolling';

/*
 * What the size and image pickers share: the `GET /choices` answer, the
 * environments chosen earlier in the form, and the loading/error states.
 */

const CHOICES_REFRESH_MS = 60_000;

/** The default of the `environmentsField` ui:option. */
export const DEFAULT_ENVIRONMENTS_FIELD = 'environments';

/** The sizes and images the backend offers, reloaded every minute. */
export function useVmChoices(): PolledState<VmChoicesResponse> {
  const api = useApi(kubevirtGitopsApiRef);
  const load = useCallback(
    (signal: AbortSignal) => api.getChoices({ signal }),
    [api],
  );
  return usePolling(load, { intervalMs: CHOICES_REFRESH_MS, key: 'choices' });
}

/**
 * The environment names in `formData[field]` (the form's whole data: the
 * scaffolder passes it to fields as `formContext.formData` and to
 * validators as `context.formData`). A single name counts as one; anything
 * else as none.
 */
export function chosenEnvironments(formData: unknown, field: string): string[] {
  if (typeof formData !== 'object' || formData === null) {
    return [];
  }
  const value = (formData as Record<string, unknown>)[field];
  if (Array.isArray(value)) {
    return value.filter(
      (name): name is string => typeof name === 'string' && name !== '',
    );
  }
  return typeof value === 'string' && value !== '' ? [value] : [];
}

/** The `environmentsField` ui:option, or its default. */
export function environmentsFieldOf(
  uiOptions: { environmentsField?: unknown } | undefined,
): string {
  const field = uiOptions?.environmentsField;
  return typeof field === 'string' && field !== ''
    ? field
    : DEFAULT_ENVIRONMENTS_FIELD;
}

/**
 * The loading skeleton, or why the choices cannot be listed (naming the
 * permission), while there is no answer yet.
 */
export function ChoicesPending(props: {
  polled: PolledState<VmChoicesResponse>;
  label: string;
  /** What is listed, e.g. `sizes`. */
  what: string;
  id?: string;
}) {
  const { polled, label, what, id } = props;
  if (polled.error) {
    const described = describeError(
      polled.error,
      kubevirtGitopsFleetReadPermission.name,
    );
    return (
      <Flex direction="column" gap="1" id={id}>
        <Text as="span" weight="bold">
          {label}
        </Text>
        <Text as="p" variant="body-small" color="danger" role="alert">
          Cannot list {what}: {described.title}. {described.description}
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
    </Flex>
  );
}

/** Upstream errors of the answer: the fleet data may be incomplete. */
export function ChoicesUpstreamErrors(props: { errors: UpstreamError[] }) {
  if (props.errors.length === 0) {
    return null;
  }
  return (
    <Text as="p" variant="body-small" color="warning">
      Cluster data may be incomplete:{' '}
      {props.errors.map(e => `${e.source}: ${e.message}`).join('; ')}
    </Text>
  );
}

/** The field's validation errors (`rawErrors`), as the scaffolder shows them. */
export function FieldErrors(props: { errors: string[] }) {
  return (
    <>
      {props.errors.map(error => (
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
    </>
  );
}
