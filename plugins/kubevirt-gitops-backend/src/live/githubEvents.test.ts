import { mockServices } from '@backstage/backend-test-utils';
import { createGithubEventHandler } from './githubEvents';

function setup() {
  const forget = jest.fn();
  const checkPullRequests = jest.fn(async () => ['kubevirt-gitops:vm:x']);
  const refreshFleet = jest.fn(async () => {});
  const handle = createGithubEventHandler({
    gitops: {
      repoUrl: 'https://github.com/demo-org/gitops-demo',
      baseBranch: 'main',
      adoptedRepositories: [
        {
          repoUrl: 'https://github.com/0xFelix/gitops-demo',
          baseBranch: 'trunk',
        },
      ],
    },
    pullRequests: { forget },
    live: { checkPullRequests },
    refreshFleet,
    logger: mockServices.logger.mock(),
  });
  return { handle, forget, checkPullRequests, refreshFleet };
}

// Payload shapes as GitHub sends them (docs.github.com, webhook events
// "pull_request" and "push"), reduced to the fields read.
const pullRequestEvent = (
  fullName: string,
  base: string,
  action = 'closed',
) => ({
  topic: 'github.pull_request',
  eventPayload: {
    action,
    number: 12,
    pull_request: {
      number: 12,
      merged: action === 'closed',
      base: { ref: base },
    },
    repository: { full_name: fullName },
  },
});

describe('createGithubEventHandler (GitHub webhooks)', () => {
  it('a pull request against a configured base branch drops that list and compares the VM pages', async () => {
    const { handle, forget, checkPullRequests, refreshFleet } = setup();
    expect(await handle(pullRequestEvent('Demo-Org/gitops-demo', 'main'))).toBe(
      'pull-request',
    );
    expect(forget).toHaveBeenCalledWith({
      owner: 'demo-org',
      repo: 'gitops-demo',
    });
    expect(checkPullRequests).toHaveBeenCalledTimes(1);
    expect(refreshFleet).not.toHaveBeenCalled();
    // an adopted repository, with its own base branch
    expect(
      await handle(pullRequestEvent('0xFelix/gitops-demo', 'trunk', 'opened')),
    ).toBe('pull-request');
  });

  it('a push to a base branch also refreshes the fleet now', async () => {
    const { handle, forget, refreshFleet, checkPullRequests } = setup();
    expect(
      await handle({
        topic: 'github.push',
        eventPayload: {
          ref: 'refs/heads/main',
          repository: { full_name: 'demo-org/gitops-demo' },
        },
      }),
    ).toBe('push');
    expect(forget).toHaveBeenCalledTimes(1);
    expect(refreshFleet).toHaveBeenCalledTimes(1);
    expect(checkPullRequests).toHaveBeenCalledTimes(1);
  });

  it('ignores other repositories, other branches and other events, touching nothing', async () => {
    const { handle, forget, refreshFleet, checkPullRequests } = setup();
    expect(await handle(pullRequestEvent('evil-org/gitops-demo', 'main'))).toBe(
      'ignored',
    );
    expect(
      await handle(pullRequestEvent('demo-org/gitops-demo', 'feature')),
    ).toBe('ignored');
    expect(
      await handle({
        topic: 'github.push',
        eventPayload: {
          ref: 'refs/heads/kubevirt-gitops/create/web',
          repository: { full_name: 'demo-org/gitops-demo' },
        },
      }),
    ).toBe('ignored');
    expect(
      await handle({
        topic: 'github.issues',
        eventPayload: { repository: { full_name: 'demo-org/gitops-demo' } },
      }),
    ).toBe('ignored');
    expect(
      await handle({ topic: 'github.push', eventPayload: 'not an object' }),
    ).toBe('ignored');
    expect(forget).not.toHaveBeenCalled();
    expect(refreshFleet).not.toHaveBeenCalled();
    expect(checkPullRequests).not.toHaveBeenCalled();
  });
});

describe('createGithubEventHandler: the request tracker', () => {
  function withTracker() {
    const onPullRequestClosed = jest.fn(async () => {});
    const handle = createGithubEventHandler({
      gitops: {
        repoUrl: 'https://github.com/demo-org/gitops-demo',
        baseBranch: 'main',
        adoptedRepositories: [],
      },
      pullRequests: { forget: jest.fn() },
      live: { checkPullRequests: jest.fn(async () => []) },
      refreshFleet: jest.fn(async () => {}),
      requests: { onPullRequestClosed },
      logger: mockServices.logger.mock(),
    });
    return { handle, onPullRequestClosed };
  }

  it('tells it a merged or closed pull request of a configured base branch, with the merge commit', async () => {
    const { handle, onPullRequestClosed } = withTracker();
    await handle({
      topic: 'github.pull_request',
      eventPayload: {
        action: 'closed',
        number: 7,
        pull_request: {
          number: 7,
          merged: true,
          merged_at: '2026-12-07T00:00:00Z',
          merge_commit_sha: 'abc123',
          base: { ref: 'main' },
        },
        repository: { full_name: 'Demo-Org/gitops-demo' },
      },
    });
    await handle({
      topic: 'github.pull_request',
      eventPayload: {
        action: 'closed',
        number: 8,
        pull_request: {
          number: 8,
          merged: false,
          closed_at: '2026-12-07T00:01:00Z',
          base: { ref: 'main' },
        },
        repository: { full_name: 'demo-org/gitops-demo' },
      },
    });
    expect(onPullRequestClosed.mock.calls).toEqual([
      [
        {
          repository: 'demo-org/gitops-demo',
          number: 7,
          merged: true,
          at: '2026-12-07T00:00:00Z',
          mergeCommitSha: 'abc123',
        },
      ],
      [
        {
          repository: 'demo-org/gitops-demo',
          number: 8,
          merged: false,
          at: '2026-12-07T00:01:00Z',
        },
      ],
    ]);
  });

  it('does not tell it an opened pull request, or one against another branch', async () => {
    const { handle, onPullRequestClosed } = withTracker();
    await handle(pullRequestEvent('demo-org/gitops-demo', 'main', 'opened'));
    await handle(pullRequestEvent('demo-org/gitops-demo', 'release'));
    expect(onPullRequestClosed).not.toHaveBeenCalled();
  });
});
