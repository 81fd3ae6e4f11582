/*
 * One GraphQL request for many objects of a repository: each item becomes
 * an aliased field (`o0`, `o1`, …) with its own variable, so N trees or
 * blobs cost one round trip instead of N. Used by the VM folder reader
 * (deeper folders by tree oid) and the repository discovery reader (files by
 * `<commit>:<path>` expression).
 */
import type { GitopsRepository } from '@internal/plugin-kubevirt-gitops-common';
import type { GithubClient } from './githubClient';
import {
  callGraphql,
  graphqlErrorToActionable,
  type GithubCallContext,
} from './githubErrors';

/**
 * Runs `query <name> { repository { o<i>: <field($v<i>)> … } }` with one
 * variable of `variableType` per value; answers in the values' order
 * (null where GitHub has no such object).
 */
export async function queryRepositoryObjects<T>(options: {
  client: GithubClient;
  repository: GitopsRepository;
  context: GithubCallContext;
  queryName: string;
  variableType: 'String!' | 'GitObjectID!';
  values: readonly string[];
  /** The field for one value, given its variable (`$v0`). */
  field: (variable: string) => string;
}): Promise<Array<T | null>> {
  const { values } = options;
  const declarations = values
    .map((_value, index) => `$v${index}: ${options.variableType}`)
    .join(', ');
  const fields = values
    .map((_value, index) => `o${index}: ${options.field(`$v${index}`)}`)
    .join('\n    ');
  type Answer = { repository: Record<string, T | null> | null };
  const { data, errors } = await callGraphql<Answer>(options.context, () =>
    options.client.graphql<Answer>(
      `query ${options.queryName}($owner: String!, $name: String!, ${declarations}) {
  repository(owner: $owner, name: $name) {
    ${fields}
  }
}`,
      {
        owner: options.repository.owner,
        name: options.repository.repo,
        ...Object.fromEntries(
          values.map((value, index) => [`v${index}`, value]),
        ),
      },
    ),
  );
  if (errors.length > 0 || !data.repository) {
    throw graphqlErrorToActionable(errors, options.context);
  }
  const answer = data.repository;
  return values.map((_value, index) => answer[`o${index}`] ?? null);
}
