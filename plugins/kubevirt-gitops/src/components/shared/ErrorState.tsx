import { Alert, Flex, Text } from '@backstage/ui';
import type { ReactNode } from 'react';
import type { DescribedError } from '../../api/describeError';

/**
 * A failed load, saying what happened and what to do; `children` adds
 * specific help (e.g. the annotation snippet).
 */
export function ErrorState(props: {
  error: DescribedError;
  children?: ReactNode;
}) {
  const { error } = props;
  const status =
    error.kind === 'permission' || error.kind === 'annotation'
      ? 'warning'
      : 'danger';
  return (
    <Alert
      status={status}
      icon
      title={error.title}
      description={
        <Flex direction="column" gap="2">
          <Text as="p" variant="body-small">
            {error.description}
          </Text>
          {error.serverMessage ? (
            <Text
              as="p"
              variant="body-small"
              color="secondary"
              style={{ whiteSpace: 'pre-wrap' }}
            >
              Server said: {error.serverMessage}
            </Text>
          ) : null}
          {props.children}
        </Flex>
      }
    />
  );
}
