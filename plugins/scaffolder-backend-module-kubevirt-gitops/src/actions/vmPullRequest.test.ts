import { InputError } from '@backstage/errors';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  gitopsConfig,
  integrationsOf,
  testConfig,
  validCreateRequest,
} from '../__testUtils__/config';
import { createVmPullRequestAction } from './vmPullRequest';

const PRIVATE_KEY = [
  '-----BEGIN OPENSSH PRIVATE KEY-----',
  'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW',
  '-----END OPENSSH PRIVATE KEY-----',
].join('\n');

describe('kubevirt:vm:pull-request input', () => {
  const config = testConfig();
  const clientFactory = jest.fn(async () => {
    throw new Error('no GitHub call expected');
  });
  const action = createVmPullRequestAction({
    config,
    integrations: integrationsOf(config),
    clientFactory,
  });
  type Context = Parameters<typeof action.handler>[0];

  /** The handler gets parsed JSON from the task, invalid or not: so do these tests. */
  function contextFor(input: unknown): Context {
    return {
      ...createMockActionContext(),
      input: JSON.parse(JSON.stringify(input)),
    };
  }

  beforeEach(() => clientFactory.mockClear());

  const create = (overrides: Record<string, unknown>) => ({
    operation: 'create',
    request: validCreateRequest(overrides),
  });

  it.each([
    [
      'path traversal in the name',
      create({ name: '../../etc/passwd' }),
      'request.name',
      /'\/'/,
    ],
    [
      'a look-alike unicode letter in the name',
      create({ name: 'build-runnеr' }),
      'request.name',
      /U\+0435/,
    ],
    [
      'a name too long once prefixed',
      create({ name: 'a'.repeat(60) }),
      'request.name',
      /prod-a+", which must be at most 63/,
    ],
    [
      'a namespace with a slash',
      create({ namespace: 'team/a' }),
      'request.namespace',
      /'\/'/,
    ],
    [
      'YAML injection in the purpose',
      create({ purpose: 'ok\nkind: Secret' }),
      'request.purpose',
      /line/,
    ],
    [
      'an oversize description',
      create({ description: 'x'.repeat(3000) }),
      'request.description',
      /2000/,
    ],
    [
      'a private key pasted as a public key',
      create({ sshKeys: [PRIVATE_KEY] }),
      'request.sshKeys[0]',
      /private key/,
    ],
    [
      'a password instead of a key',
      create({ sshKeys: ['hunter2'] }),
      'request.sshKeys[0]',
      /./,
    ],
    [
      'a password field',
      create({ password: 'hunter2' }),
      'request.password',
      /passwords and secrets are not accepted/,
    ],
    [
      'an unknown environment',
      create({ environments: ['dev', 'staging'] }),
      'request.environments[1]',
      /unknown environment "staging"/,
    ],
    [
      'a quantity that does not parse',
      create({ rootDiskSize: '10 TB' }),
      'request.rootDiskSize',
      /quantity/,
    ],
    [
      'an unknown instancetype',
      create({ size: { instancetype: 'u1.huge' } }),
      'request.size.instancetype',
      /unknown instancetype/,
    ],
    [
      'more vCPUs than the environment allows',
      create({ size: { vcpus: 12, memory: '8Gi' } }),
      'request.size.vcpus',
      /dev limit of 8/,
    ],
    [
      'an image not allowed in prod',
      create({
        bootSource: { containerDisk: 'quay.io/containerdisks/fedora:42' },
        preference: 'fedora',
      }),
      'request.bootSource.containerDisk',
      /not allowed in prod/,
    ],
    [
      'path traversal in vmName',
      { operation: 'decommission', vmName: '../x', reason: 'gone' },
      'vmName',
      /'\/'/,
    ],
    [
      'an unknown run strategy',
      { operation: 'set-run-strategy', vmName: 'x', runStrategy: 'Paused' },
      'runStrategy',
      /Always, Halted, Manual, RerunOnFailure/,
    ],
    [
      'an unknown environment to resize',
      {
        operation: 'resize',
        vmName: 'x',
        size: { instancetype: 'u1.small' },
        environments: ['qa'],
      },
      'environments[0]',
      /unknown environment "qa"/,
    ],
    [
      'a decommission without a reason',
      { operation: 'decommission', vmName: 'x', reason: ' ' },
      'reason',
      /say why/,
    ],
    [
      'a field of another operation',
      {
        operation: 'create',
        request: validCreateRequest(),
        runStrategy: 'Halted',
      },
      'runStrategy',
      /not used by the create operation/,
    ],
    [
      'a create without a request',
      { operation: 'create' },
      'request',
      /required/,
    ],
  ])(
    'refuses %s, naming the field, before any GitHub call',
    async (_case, input, field, rule) => {
      const ctx = contextFor(input);
      const error = await action.handler(ctx).then(
        () => undefined,
        (thrown: unknown) => thrown,
      );
      expect(error).toBeInstanceOf(InputError);
      const message = error instanceof Error ? error.message : '';
      expect(message).toContain(`${field}: `);
      expect(message).toMatch(rule);
      expect(clientFactory).not.toHaveBeenCalled();
      expect(ctx.output).not.toHaveBeenCalled();
    },
  );

  it('explains what to configure when kubevirtGitops.gitops is missing', async () => {
    const bare = new ConfigReader({});
    const unconfigured = createVmPullRequestAction({
      config: bare,
      integrations: integrationsOf(bare),
      clientFactory,
    });
    await expect(unconfigured.handler(contextFor(create({})))).rejects.toThrow(
      /kubevirtGitops\.gitops is not configured/,
    );
  });

  it('fails at startup on invalid configuration, naming the key', () => {
    const bad = new ConfigReader({
      kubevirtGitops: {
        gitops: {
          repoUrl: 'https://github.com/a/b',
          environments: [
            {
              name: 'dev',
              limits: { maxVcpus: 2, maxMemory: '64GB', maxRootDisk: '1Ti' },
            },
          ],
        },
      },
    });
    expect(() =>
      createVmPullRequestAction({
        config: bad,
        integrations: integrationsOf(bad),
      }),
    ).toThrow(/kubevirtGitops\.gitops\.environments\[0\]\.limits\.maxMemory/);
  });

  it('dry run: outputs the files and previews without calling GitHub', async () => {
    const ctx = { ...contextFor(create({})), isDryRun: true };
    await action.handler(ctx);
    expect(clientFactory).not.toHaveBeenCalled();
    expect(ctx.output).toHaveBeenCalledWith(
      'branch',
      'kubevirt-gitops/create/build-runner',
    );
    expect(ctx.output).toHaveBeenCalledWith(
      'entityRef',
      'resource:default/build-runner',
    );
    expect(ctx.output).toHaveBeenCalledWith(
      'catalogInfoUrl',
      'https://github.com/demo-org/gitops-demo/blob/main/applicationsets/vms/build-runner/catalog-info.yaml',
    );
    expect(ctx.output).toHaveBeenCalledWith(
      'files',
      expect.arrayContaining([
        expect.objectContaining({
          path: 'applicationsets/vms/build-runner/applicationset.yaml',
          change: 'write',
        }),
      ]),
    );
    expect(ctx.output).toHaveBeenCalledWith('previews', [
      expect.objectContaining({
        environment: 'dev',
        manifests: expect.stringContaining('name: dev-build-runner'),
      }),
      expect.objectContaining({
        environment: 'prod',
        manifests: expect.stringContaining('name: prod-build-runner'),
      }),
    ]);
    expect(ctx.output).not.toHaveBeenCalledWith(
      'pullRequestUrl',
      expect.anything(),
    );
  });

  describe('gitopsRepoUrl: which configured repository', () => {
    const adoptedConfig = new ConfigReader({
      app: { baseUrl: 'http://backstage.test' },
      integrations: { github: [{ host: 'github.com', token: 'test-token' }] },
      kubevirtGitops: {
        gitops: {
          ...gitopsConfig(),
          adoptedRepositories: [
            { repoUrl: 'https://github.com/0xFelix/gitops-demo' },
          ],
        },
      },
    });
    const askedFor: string[] = [];
    const recordingFactory = jest.fn(
      async (repository: { owner: string; repo: string }) => {
        askedFor.push(`${repository.owner}/${repository.repo}`);
        throw new Error('stop after choosing the repository');
      },
    );
    const adopting = createVmPullRequestAction({
      config: adoptedConfig,
      integrations: integrationsOf(adoptedConfig),
      clientFactory: recordingFactory,
    });
    const start = (gitopsRepoUrl?: string) => ({
      operation: 'set-run-strategy',
      vmName: 'demo-vm',
      gitopsPath: 'applicationsets/demo-vm',
      runStrategy: 'Always',
      environments: ['dev'],
      ...(gitopsRepoUrl === undefined ? {} : { gitopsRepoUrl }),
    });

    beforeEach(() => {
      askedFor.length = 0;
      recordingFactory.mockClear();
    });

    it.each([
      [
        'the adopted repository it names',
        'https://github.com/0xFelix/gitops-demo',
        '0xFelix/gitops-demo',
      ],
      [
        'the same, spelled with .git and another case',
        'https://github.com/0xfelix/GitOps-Demo.git',
        '0xFelix/gitops-demo',
      ],
      [
        'the primary repository when it names none',
        undefined,
        'demo-org/gitops-demo',
      ],
      [
        'the primary repository for an empty annotation',
        '',
        'demo-org/gitops-demo',
      ],
    ])('operates a VM in %s', async (_case, url, expected) => {
      await expect(adopting.handler(contextFor(start(url)))).rejects.toThrow(
        /stop after choosing the repository/,
      );
      expect(askedFor[0]).toBe(expected);
      expect(new Set(askedFor)).toEqual(new Set([expected]));
    });

    it('refuses a repository that is not configured, naming the field and the remedy, before any GitHub call', async () => {
      const ctx = contextFor(start('https://github.com/evil/gitops'));
      const error = await adopting.handler(ctx).then(
        () => undefined,
        (thrown: unknown) => thrown,
      );
      expect(error).toBeInstanceOf(InputError);
      expect((error as Error).message).toBe(
        'Invalid VM request: gitopsRepoUrl: https://github.com/evil/gitops is not a configured GitOps repository (configured: https://github.com/demo-org/gitops-demo, https://github.com/0xFelix/gitops-demo); add it to kubevirtGitops.gitops.adoptedRepositories to operate its VMs',
      );
      expect(recordingFactory).not.toHaveBeenCalled();
      expect(ctx.output).not.toHaveBeenCalled();
    });

    it('creates new VMs only in the primary repository', async () => {
      const ctx = contextFor({
        ...create({}),
        gitopsRepoUrl: 'https://github.com/0xFelix/gitops-demo',
      });
      await expect(adopting.handler(ctx)).rejects.toThrow(
        /gitopsRepoUrl: new VMs are written only to kubevirtGitops\.gitops\.repoUrl \(https:\/\/github\.com\/demo-org\/gitops-demo\)/,
      );
      expect(recordingFactory).not.toHaveBeenCalled();
      // the primary repository, named explicitly, is fine (dry run: no GitHub call)
      const dry = {
        ...contextFor({
          ...create({}),
          gitopsRepoUrl: 'https://github.com/demo-org/gitops-demo',
        }),
        isDryRun: true,
      };
      await adopting.handler(dry);
      expect(dry.output).toHaveBeenCalledWith(
        'catalogInfoUrl',
        'https://github.com/demo-org/gitops-demo/blob/main/applicationsets/vms/build-runner/catalog-info.yaml',
      );
      expect(recordingFactory).not.toHaveBeenCalled();
    });

    it('refuses adoptedRepositories naming the primary repository at startup', () => {
      const twice = new ConfigReader({
        kubevirtGitops: {
          gitops: {
            ...gitopsConfig(),
            adoptedRepositories: [
              { repoUrl: 'https://github.com/demo-org/gitops-demo.git' },
            ],
          },
        },
      });
      expect(() =>
        createVmPullRequestAction({
          config: twice,
          integrations: integrationsOf(twice),
        }),
      ).toThrow(
        /kubevirtGitops\.gitops\.adoptedRepositories\[0\]\.repoUrl: .* is configured twice/,
      );
    });
  });
});
