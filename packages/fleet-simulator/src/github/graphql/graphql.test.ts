/*
 * The simulated GitHub GraphQL API: the repository snapshot query a VM
 * pull request starts with (base commit and tree, a folder's files with
 * their text, open pull requests by head branch with labels and review
 * requests), the createRef + createCommitOnBranch mutations, GitHub's
 * error shapes, and validation against GitHub's published schema.
 */
import {
  startTestGithub,
  TEST_TOKEN,
  type TestGithub,
} from '../__testUtils__/startTestGithub';

interface GraphqlBody {
  data?: Record<string, unknown> | null;
  errors?: Array<Record<string, unknown>>;
}

describe('simulated GitHub GraphQL API', () => {
  let github: TestGithub;

  beforeAll(async () => {
    github = await startTestGithub();
  });

  afterAll(async () => {
    await github.close();
  });

  async function post(
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<GraphqlBody> {
    const response = await fetch(`${github.webUrl}/api/graphql`, {
      method: 'POST',
      headers: {
        authorization: `bearer ${TEST_TOKEN}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ query, variables }),
    });
    expect(response.status).toBe(200);
    return (await response.json()) as GraphqlBody;
  }

  function mainSha(): string {
    return github.simulator.git.resolveRef('acme', 'gitops', 'main') ?? '';
  }

  const SNAPSHOT = `
    query Snapshot($owner: String!, $name: String!, $base: String!, $dir: String!, $head: String!) {
      repository(owner: $owner, name: $name) {
        id
        nameWithOwner
        base: ref(qualifiedName: $base) {
          name
          prefix
          target { oid ... on Commit { tree { oid } } }
        }
        vm: object(expression: $dir) { ...Entries }
        missing: object(expression: "refs/heads/main:applicationsets/nope") { oid }
        pulls: pullRequests(states: OPEN, headRefName: $head, first: 10) {
          totalCount
          nodes { ...Pull }
        }
      }
    }
    fragment Entries on Tree {
      entries {
        name path type
        object {
          ... on Blob { text isBinary }
          ... on Tree { entries { path object { ... on Tree { entries { path object { ... on Blob { text } } } } } } }
        }
      }
    }
    fragment Pull on PullRequest {
      number url title headRefName isCrossRepository state
      labels(first: 100) { nodes { name } }
      reviewRequests(first: 100) {
        nodes { requestedReviewer { __typename ... on User { login } ... on Team { slug } } }
      }
    }`;

  it('answers the snapshot query: base commit and tree, a folder with file texts, open pull requests by head', async () => {
    const { octokit } = github;
    const { data: base } = await octokit.git.getCommit({
      owner: 'acme',
      repo: 'gitops',
      commit_sha: mainSha(),
    });
    const { data: commit } = await octokit.git.createCommit({
      owner: 'acme',
      repo: 'gitops',
      message: 'A change',
      tree: base.tree.sha,
      parents: [base.sha],
    });
    await octokit.git.createRef({
      owner: 'acme',
      repo: 'gitops',
      ref: 'refs/heads/feature/x',
      sha: commit.sha,
    });
    const { data: pull } = await octokit.pulls.create({
      owner: 'acme',
      repo: 'gitops',
      head: 'feature/x',
      base: 'main',
      title: 'Feature X',
    });
    await octokit.issues.addLabels({
      owner: 'acme',
      repo: 'gitops',
      issue_number: pull.number,
      labels: ['vm/create'],
    });
    await octokit.pulls.requestReviewers({
      owner: 'acme',
      repo: 'gitops',
      pull_number: pull.number,
      reviewers: ['alice'],
      team_reviewers: ['platform-team'],
    });

    const result = await post(SNAPSHOT, {
      owner: 'acme',
      name: 'gitops',
      base: 'refs/heads/main',
      dir: 'main:applicationsets/demo-vm',
      head: 'feature/x',
    });

    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      repository: {
        id: expect.stringMatching(/^R_/),
        nameWithOwner: 'acme/gitops',
        base: {
          name: 'main',
          prefix: 'refs/heads/',
          target: { oid: base.sha, tree: { oid: base.tree.sha } },
        },
        vm: {
          entries: [
            {
              name: 'applicationset.yaml',
              path: 'applicationsets/demo-vm/applicationset.yaml',
              type: 'blob',
              object: {
                text: 'kind: ApplicationSet\nmetadata:\n  name: demo-vm\n',
                isBinary: false,
              },
            },
            {
              name: 'catalog-info.yaml',
              path: 'applicationsets/demo-vm/catalog-info.yaml',
              type: 'blob',
              object: {
                text: expect.stringContaining('kind: Resource'),
                isBinary: false,
              },
            },
            {
              name: 'kustomize',
              path: 'applicationsets/demo-vm/kustomize',
              type: 'tree',
              object: {
                entries: [
                  {
                    path: 'applicationsets/demo-vm/kustomize/base',
                    object: {
                      entries: [
                        {
                          path: 'applicationsets/demo-vm/kustomize/base/kustomization.yaml',
                          object: {
                            text: 'resources:\n- virtualmachine.yaml\n',
                          },
                        },
                        {
                          path: 'applicationsets/demo-vm/kustomize/base/virtualmachine.yaml',
                          object: {
                            text: expect.stringContaining(
                              'runStrategy: Always',
                            ),
                          },
                        },
                      ],
                    },
                  },
                ],
              },
            },
          ],
        },
        missing: null,
        pulls: {
          totalCount: 1,
          nodes: [
            {
              number: pull.number,
              url: pull.html_url,
              title: 'Feature X',
              headRefName: 'feature/x',
              isCrossRepository: false,
              state: 'OPEN',
              labels: { nodes: [{ name: 'vm/create' }] },
              reviewRequests: {
                nodes: [
                  { requestedReviewer: { __typename: 'User', login: 'alice' } },
                  {
                    requestedReviewer: {
                      __typename: 'Team',
                      slug: 'platform-team',
                    },
                  },
                ],
              },
            },
          ],
        },
      },
    });
  });

  const PUSH = `
    mutation Push($ref: CreateRefInput!, $commit: CreateCommitOnBranchInput!) {
      createRef(input: $ref) { ref { name target { oid } } }
      createCommitOnBranch(input: $commit) {
        commit { oid message parents(first: 2) { nodes { oid } } }
        ref { name }
      }
    }`;

  function pushVariables(
    repoId: string,
    branch: string,
    oid: string,
    fileChanges: Record<string, unknown>,
  ) {
    return {
      ref: { repositoryId: repoId, name: `refs/heads/${branch}`, oid },
      commit: {
        branch: { repositoryNameWithOwner: 'acme/gitops', branchName: branch },
        expectedHeadOid: oid,
        message: { headline: 'Add a VM', body: 'Why.\n\nTrailer: 1' },
        fileChanges,
      },
    };
  }

  async function repositoryId(): Promise<string> {
    const result = await post(
      '{ repository(owner: "acme", name: "gitops") { id } }',
    );
    return String(
      (result.data?.repository as Record<string, unknown> | undefined)?.id,
    );
  }

  it('creates a branch and a commit on it in one mutation request, and refuses to repeat it', async () => {
    const id = await repositoryId();
    const head = mainSha();
    const variables = pushVariables(id, 'kubevirt-gitops/create/one', head, {
      additions: [
        {
          path: 'applicationsets/vms/one/catalog-info.yaml',
          contents: Buffer.from('kind: Resource\n').toString('base64'),
        },
      ],
      deletions: [{ path: 'README.md' }],
    });

    const first = await post(PUSH, variables);
    expect(first.errors).toBeUndefined();
    const created = first.data?.createCommitOnBranch as {
      commit: {
        oid: string;
        message: string;
        parents: { nodes: Array<{ oid: string }> };
      };
    };
    expect(first.data?.createRef).toEqual({
      ref: { name: 'kubevirt-gitops/create/one', target: { oid: head } },
    });
    expect(created.commit.message).toBe('Add a VM\n\nWhy.\n\nTrailer: 1');
    expect(created.commit.parents.nodes).toEqual([{ oid: head }]);
    expect(
      github.simulator.git.resolveRef(
        'acme',
        'gitops',
        'kubevirt-gitops/create/one',
      ),
    ).toBe(created.commit.oid);
    const { data: file } = await github.octokit.repos.getContent({
      owner: 'acme',
      repo: 'gitops',
      path: 'applicationsets/vms/one/catalog-info.yaml',
      ref: 'kubevirt-gitops/create/one',
    });
    expect(
      Buffer.from(Reflect.get(Object(file), 'content'), 'base64').toString(),
    ).toBe('kind: Resource\n');
    await expect(
      github.octokit.repos.getContent({
        owner: 'acme',
        repo: 'gitops',
        path: 'README.md',
        ref: created.commit.oid,
      }),
    ).rejects.toMatchObject({ status: 404 });
    const { data: commit } = await github.octokit.git.getCommit({
      owner: 'acme',
      repo: 'gitops',
      commit_sha: created.commit.oid,
    });
    expect(commit.author.name).toBe('backstage-bot');

    const again = await post(PUSH, variables);
    expect(again.data).toEqual({ createRef: null, createCommitOnBranch: null });
    expect(again.errors).toEqual([
      {
        type: 'UNPROCESSABLE',
        path: ['createRef'],
        locations: [{ line: 3, column: 7 }],
        message:
          'A ref named "refs/heads/kubevirt-gitops/create/one" already exists in the repository.',
      },
      {
        type: 'STALE_DATA',
        path: ['createCommitOnBranch'],
        locations: [{ line: 4, column: 7 }],
        message: `Expected branch to point to "${head}" but it did not. Pull and try again.`,
      },
    ]);
    expect(
      github.simulator.git.resolveRef(
        'acme',
        'gitops',
        'kubevirt-gitops/create/one',
      ),
    ).toBe(created.commit.oid);
  });

  it('refuses to delete a path that does not exist, moving nothing', async () => {
    const id = await repositoryId();
    const head = mainSha();
    const result = await post(
      PUSH,
      pushVariables(id, 'kubevirt-gitops/decommission/ghost', head, {
        deletions: [{ path: 'applicationsets/vms/ghost/catalog-info.yaml' }],
      }),
    );
    expect(result.errors).toHaveLength(1);
    expect(result.errors?.[0]).toMatchObject({
      type: 'UNPROCESSABLE',
      path: ['createCommitOnBranch'],
      message: `A path was requested for deletion which does not exist as of commit oid \`${head}\``,
    });
    expect(
      github.simulator.git.resolveRef(
        'acme',
        'gitops',
        'kubevirt-gitops/decommission/ghost',
      ),
    ).toBe(head);
  });

  it("validates the whole document against GitHub's schema before running anything", async () => {
    const id = await repositoryId();
    const result = await post(
      `mutation ($ref: CreateRefInput!) {
        createRef(input: $ref) { ref { name nope } }
      }`,
      { ref: { repositoryId: id, name: 'refs/heads/never', oid: mainSha() } },
    );
    // graphql-js's wording (GitHub's graphql-ruby says "Field 'nope' doesn't exist on type 'Ref'").
    expect(result).toEqual({
      errors: [
        {
          message:
            'Cannot query field "nope" on type "Ref". Did you mean "name"?',
          locations: [{ line: 2, column: 45 }],
        },
      ],
    });
    expect(
      github.simulator.git.resolveRef('acme', 'gitops', 'never'),
    ).toBeUndefined();

    const missingValue = await post(
      `mutation ($commit: CreateCommitOnBranchInput!) { createCommitOnBranch(input: $commit) { commit { oid } } }`,
      {
        commit: { branch: { branchName: 'main' }, message: { headline: 'x' } },
      },
    );
    expect(missingValue).toEqual({
      errors: [
        {
          message:
            'Variable "$commit" got invalid value { branch: { branchName: "main" }, message: { headline: "x" } }; Field "expectedHeadOid" of required type "GitObjectID!" was not provided.',
          locations: [{ line: 1, column: 11 }],
        },
      ],
    });

    const malformedOid = await post(
      `mutation ($ref: CreateRefInput!) { createRef(input: $ref) { ref { name } } }`,
      { ref: { repositoryId: id, name: 'refs/heads/never', oid: 'main' } },
    );
    expect(malformedOid.data).toBeUndefined();
    expect(malformedOid.errors).toEqual([
      expect.objectContaining({
        message: expect.stringContaining('"main" is not a valid Git object ID'),
      }),
    ]);
    expect(
      github.simulator.git.resolveRef('acme', 'gitops', 'never'),
    ).toBeUndefined();
  });

  it("knows GitHub's real types and fields, and says which fields it does not model", async () => {
    const input = await post(
      '{ __type(name: "CreateCommitOnBranchInput") { inputFields { name type { kind name ofType { name } } } } }',
    );
    expect(input.errors).toBeUndefined();
    expect(input.data).toEqual({
      __type: {
        inputFields: [
          {
            name: 'branch',
            type: {
              kind: 'NON_NULL',
              name: null,
              ofType: { name: 'CommittableBranch' },
            },
          },
          {
            name: 'clientMutationId',
            type: { kind: 'SCALAR', name: 'String', ofType: null },
          },
          {
            name: 'expectedHeadOid',
            type: {
              kind: 'NON_NULL',
              name: null,
              ofType: { name: 'GitObjectID' },
            },
          },
          {
            name: 'fileChanges',
            type: { kind: 'INPUT_OBJECT', name: 'FileChanges', ofType: null },
          },
          {
            name: 'message',
            type: {
              kind: 'NON_NULL',
              name: null,
              ofType: { name: 'CommitMessage' },
            },
          },
        ],
      },
    });

    const unmodelled = await post(
      '{ repository(owner: "acme", name: "gitops") { nameWithOwner stargazerCount } }',
    );
    expect(unmodelled).toEqual({
      data: { repository: null },
      errors: [
        {
          message:
            'The fleet simulator does not answer Repository.stargazerCount',
          path: ['repository', 'stargazerCount'],
          locations: [{ line: 1, column: 61 }],
        },
      ],
    });
  });

  it("answers errors in GitHub's shapes", async () => {
    const unknownRepository = await post(
      '{ repository(owner: "acme", name: "nope") { id } }',
    );
    expect(unknownRepository).toEqual({
      data: { repository: null },
      errors: [
        {
          type: 'NOT_FOUND',
          path: ['repository'],
          locations: [{ line: 1, column: 3 }],
          message:
            "Could not resolve to a Repository with the name 'acme/nope'.",
        },
      ],
    });

    const unpaginated = await post(
      '{ repository(owner: "acme", name: "gitops") { pullRequests(states: [OPEN]) { totalCount } } }',
    );
    expect(unpaginated.errors?.[0]).toMatchObject({
      type: 'MISSING_PAGINATION_BOUNDARIES',
      message:
        'You must provide a `first` or `last` value to properly paginate the `pullRequests` connection.',
    });

    const tooMany = await post(
      '{ repository(owner: "acme", name: "gitops") { pullRequests(first: 101) { totalCount } } }',
    );
    expect(tooMany.errors?.[0]?.type).toBe('EXCESSIVE_PAGINATION');

    const syntax = await post(
      '{ repository(owner: "acme" name: "gitops") { id }',
    );
    expect(syntax).toEqual({
      errors: [
        {
          message: 'Syntax Error: Expected Name, found <EOF>.',
          locations: [{ line: 1, column: 50 }],
        },
      ],
    });

    const noSelection = await post(
      '{ repository(owner: "acme", name: "gitops") { ref(qualifiedName: "main") } }',
    );
    expect(noSelection).toEqual({
      errors: [
        {
          message:
            'Field "ref" of type "Ref" must have a selection of subfields. Did you mean "ref { ... }"?',
          locations: [{ line: 1, column: 47 }],
        },
      ],
    });

    const missingArgument = await post('{ repository(owner: "acme") { id } }');
    expect(missingArgument).toEqual({
      errors: [
        {
          message:
            'Field "repository" argument "name" of type "String!" is required, but it was not provided.',
          locations: [{ line: 1, column: 3 }],
        },
      ],
    });
  });

  it('pages connections, honours @include/@skip, aliases and operationName', async () => {
    const result = await post(
      `query Other { viewer { login } }
       query Pages($withTitle: Boolean!) {
         repository(owner: "acme", name: "gitops") {
           page: pullRequests(first: 1) { pageInfo { hasNextPage endCursor } nodes { number title @include(if: $withTitle) } }
           skipped: defaultBranchRef @skip(if: true) { name }
           defaultBranchRef { name }
         }
       }`,
      { withTitle: false },
    );
    expect(result.errors).toEqual([
      {
        message:
          'Must provide operation name if query contains multiple operations.',
      },
    ]);

    const response = await fetch(`${github.webUrl}/api/graphql`, {
      method: 'POST',
      headers: { authorization: `token ${TEST_TOKEN}` },
      body: JSON.stringify({
        query: `query Other { viewer { login } }
          query Pages($withTitle: Boolean!) {
            repository(owner: "acme", name: "gitops") {
              page: pullRequests(first: 1) { pageInfo { hasNextPage endCursor } nodes { number title @include(if: $withTitle) } }
              skipped: defaultBranchRef @skip(if: true) { name }
              defaultBranchRef { name }
            }
          }`,
        variables: { withTitle: false },
        operationName: 'Pages',
      }),
    });
    const body = (await response.json()) as GraphqlBody;
    expect(body).toEqual({
      data: {
        repository: {
          page: {
            pageInfo: {
              hasNextPage: expect.any(Boolean),
              endCursor: expect.any(String),
            },
            nodes: [{ number: expect.any(Number) }],
          },
          defaultBranchRef: { name: 'main' },
        },
      },
    });
  });

  it('is reachable through Octokit (GitHub Enterprise /api/graphql) and answers 401 without a token', async () => {
    const data = await github.octokit.graphql<{ viewer: { login: string } }>(
      '{ viewer { login } }',
    );
    expect(data.viewer.login).toBe('backstage-bot');
    await expect(
      github.octokitWith('nope').graphql('{ viewer { login } }'),
    ).rejects.toMatchObject({ status: 401 });
  });
});
