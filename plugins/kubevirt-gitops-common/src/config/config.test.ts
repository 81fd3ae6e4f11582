import {
  configuredGitopsRepositories,
  findConfiguredGitopsRepository,
  parseGitopsConfig,
  parseGitopsRepoUrl,
  safeParseGitopsConfig,
} from './config';
import type { ValidationIssue } from '../request/validation';

function minimalConfig(): Record<string, unknown> {
  return {
    repoUrl: 'https://github.com/acme/vm-gitops',
    environments: [
      {
        name: 'dev',
        limits: { maxVcpus: 8, maxMemory: '16Gi', maxRootDisk: '100Gi' },
      },
    ],
  };
}

function issuesFor(config: unknown): ValidationIssue[] {
  const result = safeParseGitopsConfig(config);
  if (result.ok) {
    throw new Error('expected the configuration to be rejected');
  }
  return result.issues;
}

function withEnvironment(
  patch: Record<string, unknown>,
): Record<string, unknown> {
  const environment = {
    name: 'dev',
    limits: { maxVcpus: 8, maxMemory: '16Gi', maxRootDisk: '100Gi' },
    ...patch,
  };
  return { ...minimalConfig(), environments: [environment] };
}

describe('parseGitopsConfig', () => {
  it('applies the defaults', () => {
    expect(parseGitopsConfig(minimalConfig())).toEqual({
      repoUrl: 'https://github.com/acme/vm-gitops',
      baseBranch: 'main',
      layout: 'per-vm-applicationset',
      environments: [
        {
          name: 'dev',
          clusterSelector: { env: 'dev' },
          namePrefix: 'dev-',
          limits: { maxVcpus: 8, maxMemory: '16Gi', maxRootDisk: '100Gi' },
        },
      ],
      images: [],
      adoptedRepositories: [],
    });
  });

  it('keeps explicit values, including an empty name prefix', () => {
    const config = parseGitopsConfig({
      ...withEnvironment({
        namePrefix: '',
        clusterSelector: { 'cluster.acme.io/tier': 'lab' },
        allowedImages: ['fedora'],
        reviewers: ['alice'],
        teamReviewers: ['platform-team'],
      }),
      layout: 'shared-applicationset',
      baseBranch: 'release/v2',
      images: [
        {
          id: 'fedora',
          title: 'Fedora',
          preference: 'fedora',
          source: {
            kind: 'containerDisk',
            image: 'quay.io/containerdisks/fedora:42',
          },
        },
      ],
    });
    expect(config.layout).toBe('shared-applicationset');
    expect(config.baseBranch).toBe('release/v2');
    expect(config.environments[0]).toMatchObject({
      namePrefix: '',
      clusterSelector: { 'cluster.acme.io/tier': 'lab' },
      allowedImages: ['fedora'],
    });
  });

  it('fails fast with every problem and its full config key', () => {
    expect(() =>
      parseGitopsConfig({
        ...withEnvironment({
          limits: { maxVcpus: 8, maxMemory: '64GB', maxRootDisk: '100Gi' },
        }),
        layout: 'monorepo',
      }),
    ).toThrow(
      [
        'Invalid configuration:',
        "  kubevirtGitops.gitops.layout: Invalid enum value. Expected 'per-vm-applicationset' | 'shared-applicationset', received 'monorepo'",
        '  kubevirtGitops.gitops.environments[0].limits.maxMemory: "64GB" is not a Kubernetes quantity (for example 64Gi)',
      ].join('\n'),
    );
  });

  it('names a missing configuration', () => {
    expect(issuesFor(undefined)).toEqual([
      { field: 'kubevirtGitops.gitops.repoUrl', message: 'Required' },
      { field: 'kubevirtGitops.gitops.environments', message: 'Required' },
    ]);
  });
});

describe('safeParseGitopsConfig rules', () => {
  it.each<[string, Record<string, unknown>, ValidationIssue[]]>([
    [
      'no environment',
      { ...minimalConfig(), environments: [] },
      [
        {
          field: 'kubevirtGitops.gitops.environments',
          message: 'configure at least one environment',
        },
      ],
    ],
    [
      'an environment name that is not a DNS label',
      withEnvironment({ name: 'Prod EU' }),
      [
        {
          field: 'kubevirtGitops.gitops.environments[0].name',
          message: 'must not contain whitespace (found U+0020)',
        },
      ],
    ],
    [
      'a missing limit',
      withEnvironment({ limits: { maxVcpus: 8, maxMemory: '16Gi' } }),
      [
        {
          field: 'kubevirtGitops.gitops.environments[0].limits.maxRootDisk',
          message: 'Required',
        },
      ],
    ],
    [
      'a negative vCPU limit',
      withEnvironment({
        limits: { maxVcpus: -1, maxMemory: '16Gi', maxRootDisk: '1Ti' },
      }),
      [
        {
          field: 'kubevirtGitops.gitops.environments[0].limits.maxVcpus',
          message: 'Number must be greater than 0',
        },
      ],
    ],
    [
      'a zero memory limit',
      withEnvironment({
        limits: { maxVcpus: 1, maxMemory: '0Gi', maxRootDisk: '1Ti' },
      }),
      [
        {
          field: 'kubevirtGitops.gitops.environments[0].limits.maxMemory',
          message: 'must be greater than zero (got 0Gi)',
        },
      ],
    ],
    [
      'a name prefix with a slash',
      withEnvironment({ namePrefix: 'prod/' }),
      [
        {
          field: 'kubevirtGitops.gitops.environments[0].namePrefix',
          message:
            "must be empty or up to 30 lowercase letters, digits and '-', starting with a letter or digit",
        },
      ],
    ],
    [
      'a cluster selector value with a space',
      withEnvironment({ clusterSelector: { env: 'prod eu' } }),
      [
        {
          field: 'kubevirtGitops.gitops.environments[0].clusterSelector.env',
          message:
            "must be a label value: letters, digits, '-', '_' and '.', starting and ending with a letter or digit",
        },
      ],
    ],
    [
      'a team reviewer with its organisation',
      withEnvironment({ teamReviewers: ['acme/platform'] }),
      [
        {
          field: 'kubevirtGitops.gitops.environments[0].teamReviewers[0]',
          message:
            'must be a GitHub team slug without the organisation, e.g. platform-team',
        },
      ],
    ],
    [
      'an allowed image missing from the catalog',
      withEnvironment({ allowedImages: ['fedora'] }),
      [
        {
          field: 'kubevirtGitops.gitops.environments[0].allowedImages[0]',
          message: 'unknown image "fedora"; the image catalog has: (none)',
        },
      ],
    ],
    [
      'two environments with one name',
      {
        ...minimalConfig(),
        environments: [0, 1].map(() => ({
          name: 'dev',
          limits: { maxVcpus: 1, maxMemory: '1Gi', maxRootDisk: '1Gi' },
        })),
      },
      [
        {
          field: 'kubevirtGitops.gitops.environments[1].name',
          message: 'duplicate environment "dev"',
        },
      ],
    ],
    [
      'an image with an unknown source kind',
      {
        ...minimalConfig(),
        images: [
          {
            id: 'x',
            title: 'X',
            preference: 'fedora',
            source: { kind: 'http', url: 'https://x' },
          },
        ],
      },
      [
        {
          field: 'kubevirtGitops.gitops.images[0].source.kind',
          message:
            "Invalid discriminator value. Expected 'dataSource' | 'containerDisk'",
        },
      ],
    ],
    [
      'a container disk that is not an image reference',
      {
        ...minimalConfig(),
        images: [
          {
            id: 'x',
            title: 'X',
            preference: 'fedora',
            source: { kind: 'containerDisk', image: 'Quay.io/Fedora Latest' },
          },
        ],
      },
      [
        {
          field: 'kubevirtGitops.gitops.images[0].source.image',
          message:
            'must not contain whitespace, control or non-ASCII characters (found U+0020)',
        },
      ],
    ],
    [
      'a repository that is not a URL',
      { ...minimalConfig(), repoUrl: 'acme/vm-gitops' },
      [
        {
          field: 'kubevirtGitops.gitops.repoUrl',
          message:
            'must be a repository URL such as https://github.com/acme/vm-gitops',
        },
      ],
    ],
  ])('rejects %s', (_case, config, expected) => {
    expect(issuesFor(config)).toEqual(expected);
  });
});

describe('parseGitopsRepoUrl', () => {
  it.each<[string, ReturnType<typeof parseGitopsRepoUrl>]>([
    [
      'https://github.com/acme/vm-gitops',
      { host: 'github.com', owner: 'acme', repo: 'vm-gitops' },
    ],
    [
      'https://github.com/acme/vm-gitops.git',
      { host: 'github.com', owner: 'acme', repo: 'vm-gitops' },
    ],
    [
      'https://ghe.acme.io:8443/infra/vms/',
      { host: 'ghe.acme.io:8443', owner: 'infra', repo: 'vms' },
    ],
    [
      'github.com?owner=acme&repo=vm-gitops',
      { host: 'github.com', owner: 'acme', repo: 'vm-gitops' },
    ],
    ['http://github.com/acme/vm-gitops', undefined],
    ['https://github.com/acme', undefined],
    ['https://github.com/acme/vm-gitops/tree/main', undefined],
    ['https://github.com/../etc', undefined],
    ['github.com?owner=acme', undefined],
  ])('%s', (url, expected) => {
    expect(parseGitopsRepoUrl(url)).toEqual(expected);
  });
});

describe('adoptedRepositories', () => {
  const adopted = {
    ...minimalConfig(),
    adoptedRepositories: [
      { repoUrl: 'https://github.com/0xFelix/gitops-demo' },
      { repoUrl: 'https://ghe.acme.io/infra/vms.git', baseBranch: 'release' },
    ],
  };

  it('applies the default branch and keeps the order, the primary first', () => {
    const config = parseGitopsConfig(adopted);
    expect(config.adoptedRepositories).toEqual([
      { repoUrl: 'https://github.com/0xFelix/gitops-demo', baseBranch: 'main' },
      { repoUrl: 'https://ghe.acme.io/infra/vms.git', baseBranch: 'release' },
    ]);
    expect(
      configuredGitopsRepositories(config).map(r => [
        r.repository.owner,
        r.repository.repo,
        r.baseBranch,
        r.primary,
        r.configKey,
      ]),
    ).toEqual([
      ['acme', 'vm-gitops', 'main', true, 'kubevirtGitops.gitops.repoUrl'],
      [
        '0xFelix',
        'gitops-demo',
        'main',
        false,
        'kubevirtGitops.gitops.adoptedRepositories[0]',
      ],
      [
        'infra',
        'vms',
        'release',
        false,
        'kubevirtGitops.gitops.adoptedRepositories[1]',
      ],
    ]);
  });

  it('finds a configured repository by any spelling, and only those', () => {
    const config = parseGitopsConfig(adopted);
    expect(
      findConfiguredGitopsRepository(
        config,
        'https://github.com/0xfelix/GITOPS-demo.git',
      )?.repoUrl,
    ).toBe('https://github.com/0xFelix/gitops-demo');
    expect(
      findConfiguredGitopsRepository(
        config,
        'github.com?owner=acme&repo=vm-gitops',
      )?.primary,
    ).toBe(true);
    expect(
      findConfiguredGitopsRepository(config, 'https://github.com/evil/gitops'),
    ).toBeUndefined();
    // same owner/repo on another host is another repository
    expect(
      findConfiguredGitopsRepository(
        config,
        'https://ghe.acme.io/acme/vm-gitops',
      ),
    ).toBeUndefined();
    expect(findConfiguredGitopsRepository(config, '../etc')).toBeUndefined();
  });

  it('refuses a repository listed twice, or the primary one again, naming the key', () => {
    expect(
      issuesFor({
        ...minimalConfig(),
        adoptedRepositories: [
          { repoUrl: 'https://github.com/ACME/vm-gitops.git' },
          { repoUrl: 'https://github.com/0xFelix/gitops-demo' },
          { repoUrl: 'https://github.com/0xfelix/gitops-demo/' },
        ],
      }).map(issue => issue.field),
    ).toEqual([
      'kubevirtGitops.gitops.adoptedRepositories[0].repoUrl',
      'kubevirtGitops.gitops.adoptedRepositories[2].repoUrl',
    ]);
  });

  it('refuses what is not a repository URL, naming the key and the rule', () => {
    expect(
      issuesFor({
        ...minimalConfig(),
        adoptedRepositories: [{ repoUrl: 'https://github.com/acme' }],
      }),
    ).toEqual([
      {
        field: 'kubevirtGitops.gitops.adoptedRepositories[0].repoUrl',
        message:
          'must be a repository URL such as https://github.com/acme/vm-gitops',
      },
    ]);
  });
});
