import { summary } from './summary';

const simulator = {
  urls: {
    control: 'http://127.0.0.1:1',
    argocd: 'http://127.0.0.1:2',
    hub: 'https://127.0.0.1:3',
    github: 'http://127.0.0.1:4',
    githubApi: 'http://127.0.0.1:4/api/v3',
  },
  credentials: {
    argocd: {
      username: 'admin',
      password: 'summary-password',
      tokens: ['summary-argocd-token'],
    },
    hub: { token: 'summary-hub-token' },
    github: { token: 'summary-github-token' },
  },
  scenario: { name: 'demo', timeScale: 1, seed: 1, hub: { clusters: [] } },
  caFile: '/tmp/ca.crt',
  repositories: [],
  skippedRepositories: [],
} as unknown as Parameters<typeof summary>[0];

const SECRETS = [
  'summary-password',
  'summary-argocd-token',
  'summary-hub-token',
  'summary-github-token',
];

describe('the CLI banner', () => {
  it('shows the credentials by default (make start prints them to log in)', () => {
    const text = summary(simulator);
    for (const secret of SECRETS) expect(text).toContain(secret);
  });

  it('leaves every credential out with hideCredentials, and keeps the URLs', () => {
    const text = summary(simulator, { hideCredentials: true });
    for (const secret of SECRETS) expect(text).not.toContain(secret);
    expect(text).toContain('http://127.0.0.1:2');
    expect(text).toContain("hidden: see the scenario's credentials");
  });
});
