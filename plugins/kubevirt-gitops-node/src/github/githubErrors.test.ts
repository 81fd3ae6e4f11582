import {
  callGraphql,
  graphqlErrorToActionable,
  toActionableError,
  type GithubCallContext,
} from './githubErrors';

const context: GithubCallContext = {
  action: 'reading the repository',
  host: 'github.com',
  owner: 'demo-org',
  repo: 'gitops-demo',
  baseBranch: 'main',
};

describe('GitHub GraphQL errors', () => {
  it.each([
    [
      'NOT_FOUND',
      'NotFoundError',
      /kubevirtGitops\.gitops\.repoUrl and baseBranch/,
    ],
    [
      'FORBIDDEN',
      'NotAllowedError',
      /"Contents" and "Pull requests" read and write/,
    ],
    ['INSUFFICIENT_SCOPES', 'NotAllowedError', /the repo scope/],
    [
      'RATE_LIMITED',
      'ServiceUnavailableError',
      /rate-limited .*Wait a few minutes/,
    ],
    ['STALE_DATA', 'ConflictError', /conflict .*Pull and try again/],
    ['UNPROCESSABLE', 'InputError', /rejected reading the repository/],
    [undefined, 'InputError', /rejected reading the repository/],
  ])('maps %s to %s with what to do', (type, name, message) => {
    const said =
      type === 'RATE_LIMITED'
        ? 'API rate limit exceeded for user ID 1.'
        : 'Pull and try again.';
    const error = graphqlErrorToActionable(
      [{ type, message: said, path: ['repository'] }],
      context,
    );
    expect(error).toMatchObject({
      name,
      message: expect.stringMatching(message),
    });
  });

  it('lets a permission error decide, whatever comes first', () => {
    const error = graphqlErrorToActionable(
      [
        {
          type: 'UNPROCESSABLE',
          message:
            'A ref named "refs/heads/x" already exists in the repository.',
        },
        {
          type: 'FORBIDDEN',
          message: 'Resource not accessible by integration',
        },
      ],
      context,
    );
    expect(error.name).toBe('NotAllowedError');
  });

  it('returns the data that resolved next to the errors of a partly failed document', async () => {
    const partial = Object.assign(
      new Error('Request failed due to following response errors'),
      {
        name: 'GraphqlResponseError',
        errors: [
          {
            type: 'STALE_DATA',
            message: 'Expected branch to point to "abc" but it did not.',
            path: ['createCommitOnBranch'],
          },
        ],
        data: {
          createRef: { ref: { name: 'refs/heads/x' } },
          createCommitOnBranch: null,
        },
      },
    );
    const outcome = await callGraphql(context, () => Promise.reject(partial));
    expect(outcome).toEqual({
      data: {
        createRef: { ref: { name: 'refs/heads/x' } },
        createCommitOnBranch: null,
      },
      errors: [
        {
          type: 'STALE_DATA',
          message: 'Expected branch to point to "abc" but it did not.',
          path: ['createCommitOnBranch'],
        },
      ],
    });
  });

  it('throws an actionable error for HTTP failures and for the throttling plugin’s GraphQL rate limit', async () => {
    await expect(
      callGraphql(context, () =>
        Promise.reject(
          Object.assign(new Error('Bad credentials'), { status: 401 }),
        ),
      ),
    ).rejects.toMatchObject({
      name: 'AuthenticationError',
    });
    const throttled = Object.assign(new Error('GraphQL Rate Limit Exceeded'), {
      data: { errors: [{ type: 'RATE_LIMITED' }] },
    });
    expect(toActionableError(throttled, context)).toMatchObject({
      name: 'ServiceUnavailableError',
      message: expect.stringContaining('rate-limited'),
    });
  });
});
