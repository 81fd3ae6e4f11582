/*
 * Open pull requests of the product for one VM (branches
 * `kubevirt-gitops/<operation>/<vm>` of the GitOps repository itself), and
 * the request fingerprint each carries in its body. Read through GraphQL:
 * `pullRequests(states: OPEN, headRefName: …)` once per operation's branch,
 * as aliases of one query, so the answer does not depend on how many other
 * pull requests are open.
 */
import {
  vmOperations,
  type GitopsRepository,
} from '@internal/plugin-kubevirt-gitops-common';
import { vmBranchName } from '@internal/plugin-kubevirt-gitops-common';
import { parseVmBranchName } from '@internal/plugin-kubevirt-gitops-common';
import type { GithubClient } from './githubClient';
import {
  callGraphql,
  graphqlErrorToActionable,
  type GithubCallContext,
} from './githubErrors';

const FINGERPRINT = /<!-- kubevirt-gitops:request=([0-9a-f]{16,64}) -->/;
/** Open pull requests asked per head branch (forks may reuse the name; ours is among them). */
const PULLS_PER_BRANCH = 25;

/**
 * An open pull request the product opened for a VM.
 *
 * @public
 */
export interface OpenVmPull {
  number: number;
  url: string;
  title: string;
  branch: string;
  operation: string;
  /** The request fingerprint in its body, if any. */
  fingerprint?: string;
  labels: string[];
  reviewers: string[];
  teamReviewers: string[];
}

/** The marker that carries a request's fingerprint in a pull request body. */
export function fingerprintMarker(fingerprint: string): string {
  return `<!-- kubevirt-gitops:request=${fingerprint} -->`;
}

/** A pull request as the `VmPull` fragment selects it. */
export interface GraphqlVmPull {
  number: number;
  url: string;
  title: string;
  body: string;
  headRefName: string;
  isCrossRepository: boolean;
  labels: { nodes: Array<{ name: string } | null> | null } | null;
  reviewRequests: {
    nodes: Array<{
      requestedReviewer: {
        __typename: string;
        login?: string;
        slug?: string;
      } | null;
    } | null> | null;
  } | null;
}

export interface GraphqlPullConnection {
  nodes: Array<GraphqlVmPull | null> | null;
}

/** The fragment every open-pull lookup selects. */
export const VM_PULL_FRAGMENT = `
fragment VmPull on PullRequest {
  number url title body headRefName isCrossRepository
  labels(first: 100) { nodes { name } }
  reviewRequests(first: 100) {
    nodes { requestedReviewer { __typename ... on User { login } ... on Team { slug } } }
  }
}`;

/** The branches a VM's pull requests can come from, one per operation. */
export function vmPullBranches(vm: string): string[] {
  return vmOperations.map(operation => vmBranchName(operation, vm));
}

/**
 * Aliased `pullRequests` fields (`pulls0`, `pulls1`, …) for `branches`,
 * with their variable declarations (`$head0: String!`, …).
 */
export function openPullFields(branches: readonly string[]): {
  declarations: string;
  fields: string;
  variables: Record<string, string>;
} {
  return {
    declarations: branches
      .map((_branch, index) => `$head${index}: String!`)
      .join(', '),
    fields: branches
      .map(
        (_branch, index) =>
          `pulls${index}: pullRequests(states: OPEN, headRefName: $head${index}, first: ${PULLS_PER_BRANCH}) { nodes { ...VmPull } }`,
      )
      .join('\n    '),
    variables: Object.fromEntries(
      branches.map((branch, index) => [`head${index}`, branch]),
    ),
  };
}

/** The product's open pull requests of `vm` among the connections `openPullFields` asked for. */
export function vmPullsFrom(
  connections: ReadonlyArray<GraphqlPullConnection | null | undefined>,
  vm: string,
): OpenVmPull[] {
  const result: OpenVmPull[] = [];
  for (const connection of connections) {
    for (const pull of connection?.nodes ?? []) {
      const named = pull ? parseVmBranchName(pull.headRefName) : undefined;
      if (!pull || !named || named.vm !== vm || pull.isCrossRepository)
        continue;
      const requested = (pull.reviewRequests?.nodes ?? []).map(
        request => request?.requestedReviewer,
      );
      result.push({
        number: pull.number,
        url: pull.url,
        title: pull.title,
        branch: pull.headRefName,
        operation: named.operation,
        fingerprint: FINGERPRINT.exec(pull.body)?.[1],
        labels: (pull.labels?.nodes ?? []).flatMap(label =>
          label ? [label.name] : [],
        ),
        reviewers: requested.flatMap(reviewer =>
          reviewer?.__typename === 'User' && reviewer.login
            ? [reviewer.login]
            : [],
        ),
        teamReviewers: requested.flatMap(reviewer =>
          reviewer?.__typename === 'Team' && reviewer.slug
            ? [reviewer.slug]
            : [],
        ),
      });
    }
  }
  return result.sort((a, b) => a.number - b.number);
}

/** The open pull requests of one branch of `vm` (one GraphQL query). */
export async function listOpenVmPulls(
  client: GithubClient,
  repository: GitopsRepository,
  vm: string,
  branch: string,
  context: GithubCallContext,
): Promise<OpenVmPull[]> {
  const pulls = openPullFields([branch]);
  type Answer = {
    repository: Record<string, GraphqlPullConnection | null> | null;
  };
  const { data, errors } = await callGraphql<Answer>(context, () =>
    client.graphql<Answer>(
      `query KubevirtGitopsOpenPulls($owner: String!, $name: String!, ${pulls.declarations}) {
  repository(owner: $owner, name: $name) {
    ${pulls.fields}
  }
}
${VM_PULL_FRAGMENT}`,
      { owner: repository.owner, name: repository.repo, ...pulls.variables },
    ),
  );
  if (errors.length > 0 || !data.repository)
    throw graphqlErrorToActionable(errors, context);
  return vmPullsFrom(Object.values(data.repository), vm);
}
