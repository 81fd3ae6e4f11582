import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { createIntegrationClientFactory } from './githubCredentials';

const repository = {
  host: 'ghe.example.com',
  owner: 'acme',
  repo: 'vm-gitops',
};

function factory(github: Array<Record<string, string>>) {
  const integrations = ScmIntegrations.fromConfig(
    new ConfigReader({ integrations: { github } }),
  );
  const getCredentials = jest.fn(async () => ({
    token: 'ghe-token',
    headers: {},
    type: 'token' as const,
  }));
  return {
    getCredentials,
    create: createIntegrationClientFactory({
      integrations,
      credentialsProvider: { getCredentials },
    }),
  };
}

describe('createIntegrationClientFactory', () => {
  it('refuses a GitHub Enterprise host without apiBaseUrl, asking no credentials', async () => {
    const { create, getCredentials } = factory([
      { host: 'ghe.example.com', token: 'ghe-token' },
    ]);
    await expect(create(repository)).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringContaining('integrations.github[].apiBaseUrl'),
    });
    expect(getCredentials).not.toHaveBeenCalled();
  });

  it('uses the configured apiBaseUrl of a GitHub Enterprise host', async () => {
    const { create } = factory([
      {
        host: 'ghe.example.com',
        token: 'ghe-token',
        apiBaseUrl: 'https://ghe.example.com/api/v3',
      },
    ]);
    const client = await create(repository);
    expect(client.request.endpoint.DEFAULTS.baseUrl).toBe(
      'https://ghe.example.com/api/v3',
    );
  });
});
