import { createPullRequestReader } from './PullRequestReader';

describe('createPullRequestReader', () => {
  it('refuses an integration without apiBaseUrl instead of guessing api.github.com', () => {
    const getCredentials = jest.fn();
    expect(() =>
      createPullRequestReader({
        repository: { host: 'ghe.example.com', owner: 'acme', repo: 'vms' },
        baseBranch: 'main',
        integration: { host: 'ghe.example.com', token: 'ghe-token' },
        credentials: { getCredentials },
        timeoutMs: 1000,
        ttlMs: 1000,
      }),
    ).toThrow(
      'The integrations.github entry for host ghe.example.com has no apiBaseUrl',
    );
    expect(getCredentials).not.toHaveBeenCalled();
  });
});
