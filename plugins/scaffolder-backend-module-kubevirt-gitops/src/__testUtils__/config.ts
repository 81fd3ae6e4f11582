/*
 * Test configuration: our own environments and images (shaped like an
 * installation, not copied from anywhere).
 */
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';

export const SSH_KEY =
  'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAINGllMjfwshMnmEtGDjjofz3g+fbAoKYVrimpyQ8RWwr jane@example.com';

export function gitopsConfig(
  repoUrl = 'https://github.com/demo-org/gitops-demo',
) {
  return {
    repoUrl,
    environments: [
      {
        name: 'dev',
        limits: { maxVcpus: 8, maxMemory: '32Gi', maxRootDisk: '100Gi' },
      },
      {
        name: 'prod',
        limits: { maxVcpus: 16, maxMemory: '64Gi', maxRootDisk: '500Gi' },
        allowedImages: ['fedora'],
        reviewers: ['platform-reviewer'],
        teamReviewers: ['platform-team'],
      },
    ],
    images: [
      {
        id: 'fedora',
        title: 'Fedora 42',
        preference: 'fedora',
        source: {
          kind: 'dataSource',
          name: 'fedora',
          namespace: 'openshift-virtualization-os-images',
        },
      },
    ],
  };
}

export function testConfig(
  options: { apiBaseUrl?: string; token?: string } = {},
) {
  return new ConfigReader({
    app: { baseUrl: 'http://backstage.test' },
    integrations: {
      github: [
        {
          host: 'github.com',
          token: options.token ?? 'test-token',
          apiBaseUrl: options.apiBaseUrl,
        },
      ],
    },
    kubevirtGitops: { gitops: gitopsConfig() },
  });
}

export function integrationsOf(config: ConfigReader) {
  return ScmIntegrations.fromConfig(config);
}

export function validCreateRequest(
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    name: 'build-runner',
    namespace: 'team-a-vms',
    owner: 'group:default/team-a',
    environments: ['dev', 'prod'],
    size: { instancetype: 'u1.medium' },
    bootSource: { image: 'fedora' },
    rootDiskSize: '30Gi',
    runStrategy: 'Always',
    sshKeys: [SSH_KEY],
    purpose: 'CI runner for team A',
    ...overrides,
  };
}
