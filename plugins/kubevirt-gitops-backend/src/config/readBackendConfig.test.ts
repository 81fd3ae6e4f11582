import { ConfigReader } from '@backstage/config';
import { configWarnings, readBackendConfig } from './readBackendConfig';

const PEM =
  '-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----\n';

function read(kubevirtGitops: object, files: Record<string, string> = {}) {
  return readBackendConfig(new ConfigReader({ kubevirtGitops }), {
    readFile: path => {
      if (path in files) return files[path];
      throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
    },
  });
}

const gitops = {
  repoUrl: 'https://github.com/demo-org/gitops-demo',
  environments: [
    {
      name: 'dev',
      limits: { maxVcpus: 4, maxMemory: '16Gi', maxRootDisk: '100Gi' },
    },
  ],
};

describe('readBackendConfig', () => {
  it('applies defaults to an empty configuration', () => {
    const config = read({});
    expect(config).toMatchObject({
      argocd: [],
      hubs: [],
      refresh: {
        fleetIntervalMs: 30_000,
        detailTtlMs: 15_000,
        pullRequestTtlMs: 60_000,
        maxSnapshotPartBytes: 32 * 1024 * 1024,
        watch: true,
        watchSafetyNetMs: 300_000,
      },
      detail: { maxApplications: 25, concurrency: 8 },
      githubTimeoutMs: 5000,
    });
    expect(config.gitops).toBeUndefined();
    expect(
      config.virtualizationStackPattern.test('dev-1-kubevirt-hyperconverged'),
    ).toBe(true);
    expect(config.virtualizationStackPattern.test('dev-1-web')).toBe(false);
  });

  it('reads the watch settings, and names the key of a bad one', () => {
    expect(
      read({ refresh: { watch: false, watchSafetyNetSeconds: 60 } }).refresh,
    ).toMatchObject({ watch: false, watchSafetyNetMs: 60_000 });
    expect(() => read({ refresh: { watch: 'yes' } })).toThrow(/refresh\.watch/);
    expect(() => read({ refresh: { watchSafetyNetSeconds: 0 } })).toThrow(
      /refresh\.watchSafetyNetSeconds/,
    );
  });

  it('reads ArgoCD instances with token or login, CA data or file, and hubs', () => {
    const config = read(
      {
        argocd: {
          instances: [
            {
              name: 'main',
              url: 'https://argocd.example.com/',
              token: 't0ken-value',
              caData: Buffer.from(PEM).toString('base64'),
              timeoutMs: 2000,
            },
            {
              name: 'edge',
              url: 'https://edge.example.com',
              username: 'backstage',
              password: 'pw-secret',
              caFile: '/ca.pem',
              uiUrl: 'https://ui.example.com',
              appNamespace: 'apps',
            },
          ],
        },
        ocm: {
          hubs: [
            {
              name: 'hub',
              url: 'https://hub.example.com:6443',
              token: 'hub-t0ken',
              caFile: '/hub-ca.pem',
              clusterSets: ['managed'],
            },
            {
              name: 'lab',
              kubeconfigPath: '/kubeconfig',
              kubeconfigContext: 'lab',
            },
          ],
        },
        timeouts: { hubMs: 1500 },
        refresh: { fleetIntervalSeconds: 10 },
        gitops,
      },
      { '/ca.pem': PEM, '/hub-ca.pem': PEM, '/kubeconfig': 'apiVersion: v1' },
    );
    expect(config.argocd[0]).toEqual({
      name: 'main',
      url: 'https://argocd.example.com',
      auth: { type: 'token', token: 't0ken-value' },
      tls: { ca: PEM, skipTLSVerify: false },
      uiUrl: 'https://argocd.example.com',
      timeoutMs: 2000,
    });
    expect(config.argocd[1]).toMatchObject({
      auth: { type: 'session', username: 'backstage', password: 'pw-secret' },
      tls: { ca: PEM },
      uiUrl: 'https://ui.example.com',
      appNamespace: 'apps',
      timeoutMs: 5000,
    });
    expect(config.hubs[0]).toMatchObject({
      connection: {
        type: 'url',
        url: 'https://hub.example.com:6443',
        token: 'hub-t0ken',
        tls: { ca: PEM },
      },
      clusterSets: ['managed'],
      timeoutMs: 1500,
      pageSize: 500,
    });
    expect(config.hubs[1].connection).toEqual({
      type: 'kubeconfig',
      path: '/kubeconfig',
      context: 'lab',
    });
    expect(config.refresh.fleetIntervalMs).toBe(10_000);
    expect(config.gitops?.environments[0].clusterSelector).toEqual({
      env: 'dev',
    });
  });

  it('fails fast naming every broken key, without repeating secrets', () => {
    let message = '';
    try {
      read({
        argocd: {
          instances: [
            {
              name: 'main',
              url: 'ftp://argocd',
              token: 'sup3r-secret',
              username: 'x',
            },
            { name: 'main', url: 'https://b', password: 'an0ther-secret' },
            {
              name: 'c',
              url: 'https://c',
              token: 't',
              caFile: '/missing.pem',
              verifyTLS: false,
            },
          ],
        },
        ocm: { hubs: [{ name: 'hub', url: 'https://hub' }] },
        gitops: {
          ...gitops,
          environments: [
            {
              name: 'dev',
              limits: { maxVcpus: 4, maxMemory: '16GB', maxRootDisk: '1Gi' },
            },
          ],
        },
      });
    } catch (error) {
      message = String(error);
    }
    expect(message).toContain(
      'kubevirtGitops.argocd.instances[0].url: must be an http(s) URL',
    );
    expect(message).toContain(
      'kubevirtGitops.argocd.instances[0].token: set either token or username/password, not both',
    );
    expect(message).toContain(
      'kubevirtGitops.argocd.instances[1].username: is required with password',
    );
    expect(message).toContain(
      "kubevirtGitops.argocd.instances[2]: Unrecognized key(s) in object: 'verifyTLS'",
    );
    expect(message).toContain(
      'kubevirtGitops.argocd.instances[1].name: duplicate name "main"',
    );
    expect(message).toContain(
      'kubevirtGitops.ocm.hubs[0].token: is required with url',
    );
    expect(message).not.toContain('sup3r-secret');
    expect(message).not.toContain('an0ther-secret');
  });

  it('names an unreadable CA file and a bad gitops key', () => {
    expect(() =>
      read({
        argocd: {
          instances: [
            {
              name: 'main',
              url: 'https://a',
              token: 't',
              caFile: '/missing.pem',
            },
          ],
        },
      }),
    ).toThrow(
      'kubevirtGitops.argocd.instances[0].caFile: cannot be read (ENOENT)',
    );
    expect(() =>
      read({
        gitops: {
          ...gitops,
          environments: [
            {
              name: 'dev',
              limits: { maxVcpus: 4, maxMemory: '16GB', maxRootDisk: '1Gi' },
            },
          ],
        },
      }),
    ).toThrow(/kubevirtGitops\.gitops\.environments\[0\]\.limits\.maxMemory/);
  });

  it('warns about skipTLSVerify per upstream', () => {
    const config = read({
      argocd: {
        instances: [
          { name: 'main', url: 'https://a', token: 't', skipTLSVerify: true },
        ],
      },
      ocm: {
        hubs: [
          { name: 'hub', url: 'https://h', token: 't', skipTLSVerify: true },
        ],
      },
      gitops,
    });
    expect(configWarnings(config)).toEqual([
      expect.stringContaining('argocd.instances "main": skipTLSVerify is on'),
      expect.stringContaining('ocm.hubs "hub": skipTLSVerify is on'),
    ]);
  });
});
