import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { DEMO_SCENARIO_FILE } from './demo';
import { generateFleet } from './generateFleet';
import {
  loadScenarioFile,
  parseScenario,
  repositoryFiles,
  ScenarioError,
} from './load';
import type { ScenarioInput } from './schema';

const minimal: ScenarioInput = {
  credentials: {
    argocd: { username: 'admin', password: 'long-enough-password' },
    hub: { token: 'hub-token-0123456789' },
    github: { token: 'github-token-0123456789' },
  },
  hub: {},
  repository: { owner: 'org', repo: 'gitops' },
};

describe('scenarios', () => {
  it('loads the demo scenario: four clusters, one with a stopped lease', async () => {
    const { scenario, baseDir } = await loadScenarioFile(DEMO_SCENARIO_FILE);
    expect(baseDir).toBe(path.dirname(DEMO_SCENARIO_FILE));
    expect(scenario.ports).toEqual({
      control: 7100,
      argocd: 7101,
      hub: 7102,
      github: 7103,
    });
    expect(scenario.hub.clusterSets.map(s => s.name)).toEqual(['managed']);
    expect(
      scenario.hub.clusters.map(c => [c.name, c.env, c.availability]),
    ).toEqual([
      ['dev-cluster-1', 'dev', 'True'],
      ['dev-cluster-2', 'dev', 'True'],
      ['prod-cluster-1', 'prod', 'True'],
      ['prod-cluster-2', 'prod', 'Unknown'],
    ]);
    expect(scenario.repository).toMatchObject({
      owner: 'demo-org',
      repo: 'gitops-demo',
      defaultBranch: 'main',
      folder: 'demo-gitops-repo',
    });
  });

  it('applies defaults to a minimal scenario', () => {
    const scenario = parseScenario(minimal);
    expect(scenario).toMatchObject({
      timeScale: 1,
      seed: 1,
      argocd: { namespace: 'argocd' },
      hub: { tls: true, clusters: [] },
    });
    expect(scenario.repository.defaultBranch).toBe('main');
  });

  it('names every bad key in its error', () => {
    const bad = {
      ...minimal,
      timeScale: -1,
      hub: {
        clusters: [
          {
            name: 'Bad_Name',
            availability: 'Maybe',
            capacity: { cpu: 'lots' },
          },
        ],
      },
      credentials: { ...minimal.credentials, hub: {} },
      extra: true,
    };
    expect(() => parseScenario(bad, 'bad.yaml')).toThrow(ScenarioError);
    const message = (() => {
      try {
        parseScenario(bad, 'bad.yaml');
        return '';
      } catch (error) {
        return String(error);
      }
    })();
    expect(message).toContain('invalid scenario bad.yaml');
    expect(message).toContain('timeScale:');
    expect(message).toContain(
      'hub.clusters[0].name: must be a lowercase DNS label',
    );
    expect(message).toContain('hub.clusters[0].availability:');
    expect(message).toContain(
      'hub.clusters[0].capacity.cpu: must be a Kubernetes quantity',
    );
    expect(message).toContain('credentials.hub.token: Required');
    expect(message).toContain("Unrecognized key(s) in object: 'extra'");
  });

  it('reports a missing file and bad YAML with the path', async () => {
    await expect(
      loadScenarioFile('/nonexistent/scenario.yaml'),
    ).rejects.toThrow('cannot read scenario /nonexistent/scenario.yaml');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'scenario-test-'));
    try {
      await writeFile(path.join(dir, 'broken.yaml'), 'a: [unclosed');
      await expect(
        loadScenarioFile(path.join(dir, 'broken.yaml')),
      ).rejects.toThrow(/is not valid YAML/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('reads the repository folder relative to the scenario, with inline files on top', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'scenario-test-'));
    try {
      await mkdir(path.join(dir, 'repo/apps/a'), { recursive: true });
      await writeFile(path.join(dir, 'repo/README.md'), 'readme');
      await writeFile(path.join(dir, 'repo/apps/a/app.yaml'), 'kind: A');
      const scenario = parseScenario({
        ...minimal,
        repository: {
          owner: 'o',
          repo: 'r',
          folder: 'repo',
          files: { 'README.md': 'override' },
        },
      });
      expect(await repositoryFiles({ scenario, baseDir: dir })).toEqual({
        'README.md': 'override',
        'apps/a/app.yaml': 'kind: A',
      });
      const missing = parseScenario({
        ...minimal,
        repository: { owner: 'o', repo: 'r', folder: 'absent' },
      });
      await expect(
        repositoryFiles({ scenario: missing, baseDir: dir }),
      ).rejects.toThrow(/repository.folder .*absent cannot be read/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('generates a large fleet with per-vm-applicationset folders', () => {
    const fleet = generateFleet(parseScenario(minimal), {
      clusters: 1000,
      vms: 3,
      seed: 7,
    });
    expect(fleet.hub.clusters).toHaveLength(1000);
    expect(fleet.hub.clusters[0]).toMatchObject({
      name: 'cluster-0001',
      env: 'dev',
      clusterSet: 'managed',
    });
    expect(fleet.hub.clusters[1].env).toBe('prod');
    const unknown = fleet.hub.clusters.filter(
      c => c.availability === 'Unknown',
    ).length;
    expect(unknown).toBeGreaterThan(5);
    expect(unknown).toBeLessThan(40);
    expect(fleet.hub.clusterSets).toEqual([{ name: 'managed' }]);
    const paths = Object.keys(fleet.repository.files)
      .filter(p => p.includes('fleet-vm-1/'))
      .sort();
    expect(paths).toEqual([
      'applicationsets/vms/fleet-vm-1/applicationset.yaml',
      'applicationsets/vms/fleet-vm-1/catalog-info.yaml',
      'applicationsets/vms/fleet-vm-1/kustomize/base/kustomization.yaml',
      'applicationsets/vms/fleet-vm-1/kustomize/base/virtualmachine.yaml',
      'applicationsets/vms/fleet-vm-1/kustomize/dev/kustomization.yaml',
      'applicationsets/vms/fleet-vm-1/kustomize/prod/kustomization.yaml',
    ]);
    const appSet = parseYaml(
      fleet.repository.files[
        'applicationsets/vms/fleet-vm-1/applicationset.yaml'
      ],
    );
    expect(
      appSet.spec.generators[0].clusters.selector.matchExpressions,
    ).toEqual([{ key: 'env', operator: 'In', values: ['dev', 'prod'] }]);
    expect(appSet.spec.template.spec.source.path).toBe(
      'applicationsets/vms/fleet-vm-1/kustomize/{{metadata.labels.env}}',
    );
    expect(appSet.spec.template.metadata.labels['kubevirt-gitops.io/vm']).toBe(
      'fleet-vm-1',
    );
    expect(
      generateFleet(parseScenario(minimal), {
        clusters: 1000,
        vms: 3,
        seed: 7,
      }),
    ).toEqual(fleet);
  });
});
