import { Alert, Flex, Text } from '@backstage/ui';
import type { AnnotationProblem } from '@internal/plugin-kubevirt-gitops-common';
import { CodeSnippet } from './CodeSnippet';

/**
 * What to add to the entity's `catalog-info.yaml`, one snippet per problem.
 */
export function AnnotationProblems(props: {
  title: string;
  problems: AnnotationProblem[];
}) {
  return (
    <Alert
      status="warning"
      icon
      title={props.title}
      description={
        <Flex direction="column" gap="3">
          {props.problems.map(problem => (
            <Flex
              key={`${problem.annotation}:${problem.message}`}
              direction="column"
              gap="1"
            >
              <Text as="p" variant="body-small">
                {problem.message}
              </Text>
              <CodeSnippet
                code={problem.snippet}
                label={`YAML to add for ${problem.annotation}`}
              />
            </Flex>
          ))}
          <Text as="p" variant="body-small" color="secondary">
            Add it to the entity's catalog-info.yaml; the catalog picks up the
            change on its next refresh.
          </Text>
        </Flex>
      }
    />
  );
}
