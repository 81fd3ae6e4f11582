import type { KubeObject } from '../../../contracts';
import type { GeneratorCluster, GeneratorContext } from './index';
import { GeneratorError, generateParams, globToRegExp } from './index';

function cluster(
  name: string,
  env: string | undefined,
  hasSecret = true,
): GeneratorCluster {
  return {
    name,
    server: `https://api.${name}.fleet.local:6443`,
    secretLabels: hasSecret
      ? {
          'argocd.argoproj.io/secret-type': 'cluster',
          ...(env ? { env } : {}),
        }
      : {},
    annotations: hasSecret ? { owner: 'platform' } : {},
    hasSecret,
  };
}

const directories = [
  'applicationsets',
  'applicationsets/demo-vm',
  'vms',
  'vms/web-01',
  'vms/web-01/base',
  'vms/web-01/dev',
  'vms/web-01/prod',
  'vms/db-01',
  'vms/db-01/base',
  'vms/db-01/prod',
];

const decision: KubeObject = {
  apiVersion: 'cluster.open-cluster-management.io/v1beta1',
  kind: 'PlacementDecision',
  metadata: {
    name: 'managed-gitops-placement-decision-1',
    namespace: 'openshift-gitops',
    labels: {
      'cluster.open-cluster-management.io/placement':
        'managed-gitops-placement',
    },
  },
  status: {
    decisions: [
      { clusterName: 'dev-1', reason: '' },
      { clusterName: 'not-in-argocd', reason: '' },
    ],
  },
};

const context: GeneratorContext = {
  namespace: 'openshift-gitops',
  clusters: () => [
    cluster('in-cluster', undefined, false),
    cluster('dev-1', 'dev'),
    cluster('dev-2', 'dev'),
    cluster('Prod_1', 'prod'),
  ],
  placementDecisions: (namespace, selector) =>
    namespace === 'openshift-gitops' &&
    selector.matchLabels?.['cluster.open-cluster-management.io/placement'] ===
      'managed-gitops-placement'
      ? [decision]
      : [],
  gitDirectories: repoURL => {
    if (!repoURL.endsWith('/example/gitops.git')) {
      throw new GeneratorError(`repository not found: ${repoURL}`);
    }
    return directories;
  },
};

describe('clusters generator', () => {
  it('selects clusters by secret labels and exposes ArgoCD parameters', () => {
    const params = generateParams(
      {
        clusters: {
          selector: { matchLabels: { env: 'prod' } },
          values: { target: '{{nameNormalized}}-vms' },
        },
      },
      context,
    );
    expect(params).toEqual([
      {
        name: 'Prod_1',
        nameNormalized: 'prod-1',
        server: 'https://api.Prod_1.fleet.local:6443',
        'metadata.labels.argocd.argoproj.io/secret-type': 'cluster',
        'metadata.labels.env': 'prod',
        'metadata.annotations.owner': 'platform',
        'values.target': 'prod-1-vms',
      },
    ]);
  });

  it('supports matchExpressions and includes in-cluster only without a selector', () => {
    const selected = generateParams(
      {
        clusters: {
          selector: {
            matchExpressions: [{ key: 'env', operator: 'In', values: ['dev'] }],
          },
        },
      },
      context,
    );
    expect(selected.map(p => p.name)).toEqual(['dev-1', 'dev-2']);
    expect(generateParams({ clusters: {} }, context).map(p => p.name)).toEqual([
      'in-cluster',
      'dev-1',
      'dev-2',
      'Prod_1',
    ]);
  });
});

describe('list generator', () => {
  it('turns elements into parameters and values', () => {
    expect(
      generateParams(
        {
          list: {
            elements: [
              { cluster: 'a', url: 'https://a', values: { size: 'small' } },
            ],
          },
        },
        context,
      ),
    ).toEqual([{ cluster: 'a', url: 'https://a', 'values.size': 'small' }]);
  });

  it('rejects non-string element values', () => {
    expect(() =>
      generateParams({ list: { elements: [{ replicas: 3 }] } }, context),
    ).toThrow(GeneratorError);
  });
});

describe('git directories generator', () => {
  const git = {
    repoURL: 'https://github.com/example/gitops.git',
    revision: 'HEAD',
  };

  it('matches directories with path.Match globs and honours exclude', () => {
    const params = generateParams(
      {
        git: {
          ...git,
          directories: [
            { path: 'vms/*/*' },
            { path: 'vms/*/base', exclude: true },
          ],
        },
      },
      context,
    );
    expect(params.map(p => p.path)).toEqual([
      'vms/web-01/dev',
      'vms/web-01/prod',
      'vms/db-01/prod',
    ]);
    expect(params[0]).toEqual({
      path: 'vms/web-01/dev',
      'path.basename': 'dev',
      'path.basenameNormalized': 'dev',
      'path[0]': 'vms',
      'path[1]': 'web-01',
      'path[2]': 'dev',
    });
  });

  it('fails for an unknown repository', () => {
    expect(() =>
      generateParams(
        {
          git: {
            repoURL: 'https://github.com/other/repo.git',
            directories: [{ path: '*' }],
          },
        },
        context,
      ),
    ).toThrow('repository not found');
  });

  it('translates globs without crossing path separators', () => {
    expect(globToRegExp('vms/*').test('vms/a/b')).toBe(false);
    expect(globToRegExp('vms/?b').test('vms/ab')).toBe(true);
    expect(globToRegExp('vms/[!x]*').test('vms/xa')).toBe(false);
  });
});

describe('matrix generator', () => {
  it('combines git directories with clusters selected by {{path.basename}}', () => {
    const params = generateParams(
      {
        matrix: {
          generators: [
            {
              git: {
                repoURL: 'https://github.com/example/gitops.git',
                directories: [
                  { path: 'vms/*/*' },
                  { path: 'vms/*/base', exclude: true },
                ],
              },
            },
            {
              clusters: {
                selector: { matchLabels: { env: '{{path.basename}}' } },
              },
            },
          ],
        },
      },
      context,
    );
    expect(params.map(p => `${p['path[1]']}@${p.name}`)).toEqual([
      'web-01@dev-1',
      'web-01@dev-2',
      'web-01@Prod_1',
      'db-01@Prod_1',
    ]);
  });

  it('requires exactly two generators', () => {
    expect(() =>
      generateParams({ matrix: { generators: [{ clusters: {} }] } }, context),
    ).toThrow('Matrix requires exactly two');
  });
});

describe('clusterDecisionResource generator', () => {
  it('yields the PlacementDecision clusters ArgoCD knows', () => {
    const params = generateParams(
      {
        clusterDecisionResource: {
          configMapRef: 'acm-placement',
          labelSelector: {
            matchLabels: {
              'cluster.open-cluster-management.io/placement':
                'managed-gitops-placement',
            },
          },
          requeueAfterSeconds: 180,
          values: { purpose: 'vm-{{clusterName}}' },
        },
      },
      context,
    );
    expect(params).toEqual([
      {
        name: 'dev-1',
        server: 'https://api.dev-1.fleet.local:6443',
        clusterName: 'dev-1',
        reason: '',
        'values.purpose': 'vm-dev-1',
      },
    ]);
  });
});

describe('generator selector', () => {
  it('filters generated parameters', () => {
    const params = generateParams(
      {
        clusters: {},
        selector: { matchLabels: { 'metadata.labels.env': 'dev' } },
      },
      context,
    );
    expect(params.map(p => p.name)).toEqual(['dev-1', 'dev-2']);
  });
});
