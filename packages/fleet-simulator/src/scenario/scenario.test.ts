import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { DEMO_SCENARIO_FILE, SINGLE_REPOSITORY_SCENARIO_FILE } from './demo';
import { generateFleet } from './generateFleet';
import {
  loadRepositories,
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
    expect(scenario.repositories).toEqual([
      {
        owner: 'demo-org',
        repo: 'gitops-demo',
        defaultBranch: 'main',
        folder: 'demo-gitops-repo',
        exclude: ['applicationsets/demo-vm/'],
        files: {},
      },
      {
        owner: '0xFelix',
        repo: 'gitops-demo',
        defaultBranch: 'main',
        reference: 'seed-gitops-repo',
        exclude: [],
        files: {},
        applicationSets: [
          'applicationsets/demo-vm/applicationset-demo-vm.yaml',
        ],
      },
    ]);
    expect(scenario.repository).toBe(scenario.repositories[0]);
  });

  it('loads single-repository.yaml: the demo fleet with demo-org/gitops-demo only, demo-vm included', async () => {
    const demo = await loadScenarioFile(DEMO_SCENARIO_FILE);
    const single = await loadScenarioFile(SINGLE_REPOSITORY_SCENARIO_FILE);
    expect(single.scenario.repositories).toEqual([
      {
        owner: 'demo-org',
        repo: 'gitops-demo',
        defaultBranch: 'main',
        folder: 'demo-gitops-repo',
        exclude: [],
        files: {},
      },
    ]);
    // Everything but the repositories is the demo scenario's.
    const rest = ({
      repository: _r,
      repositories: _rs,
      ...others
    }: typeof demo.scenario) => others;
    expect(rest(single.scenario)).toEqual(rest(demo.scenario));
    const files = await repositoryFiles(single);
    expect(Object.keys(files)).toEqual(
      expect.arrayContaining([
        'applicationsets/demo-vm/applicationset-demo-vm.yaml',
        'applicationsets/demo-vm/kustomize/dev/kustomization.yaml',
        'applicationsets/cdi/applicationset-cdi.yaml',
      ]),
    );
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
      ).rejects.toThrow(
        /repositories\[0\]\.folder \(o\/r\) .*absent cannot be read/,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('still reads the singular repository: as a one-element repositories list', () => {
    const scenario = parseScenario({
      ...minimal,
      repository: { owner: 'org', repo: 'gitops', files: { 'a.yaml': 'a' } },
    });
    expect(scenario.repositories).toEqual([
      {
        owner: 'org',
        repo: 'gitops',
        defaultBranch: 'main',
        exclude: [],
        files: { 'a.yaml': 'a' },
      },
    ]);
    expect(scenario.repository).toBe(scenario.repositories[0]);
    // A parsed scenario passed back in, with its repository: replaced (as
    // one-repository callers do), keeps the other repositories.
    const twice = parseScenario({
      ...minimal,
      repositories: [
        { owner: 'org', repo: 'gitops' },
        { owner: 'other', repo: 'seed' },
      ],
    });
    const again = parseScenario({
      ...twice,
      repository: { ...twice.repository, folder: 'elsewhere' },
    });
    expect(again.repositories.map(r => [r.owner, r.repo, r.folder])).toEqual([
      ['org', 'gitops', 'elsewhere'],
      ['other', 'seed', undefined],
    ]);
  });

  it('refuses a scenario without repositories, an empty list, duplicates and folder with reference', () => {
    /** The ScenarioError's message, or '' when the scenario is valid. */
    const message = (input: unknown) => {
      try {
        parseScenario(input, 'repos.yaml');
        return '';
      } catch (error) {
        return error instanceof ScenarioError
          ? String(error)
          : 'not a ScenarioError';
      }
    };
    const { repository: _none, ...withoutRepository } = minimal;
    expect(message(withoutRepository)).toContain(
      'repositories: Required: list the GitOps repositories',
    );
    expect(message({ ...withoutRepository, repositories: [] })).toContain(
      'repositories: must list at least one repository',
    );
    const duplicate = message({
      ...withoutRepository,
      repositories: [
        { owner: 'Org', repo: 'GitOps' },
        { owner: 'other', repo: 'seed' },
        { owner: 'org', repo: 'gitops' },
      ],
    });
    expect(duplicate).toContain(
      'repositories[2].repo: duplicate repository org/gitops: repositories[0] is the same',
    );
    expect(duplicate).not.toContain('repositories[1]');
    expect(
      message({
        ...withoutRepository,
        repositories: [
          { owner: 'org', repo: 'gitops', folder: 'a', reference: 'b' },
        ],
      }),
    ).toContain(
      'repositories[0]: org/gitops: give folder or reference, not both',
    );
    expect(
      message({
        ...minimal,
        repositories: [{ owner: 'other', repo: 'seed' }],
      }),
    ).toContain('repository: org/gitops is not repositories[0] (other/seed)');
    expect(
      message({
        ...withoutRepository,
        repositories: [
          {
            owner: 'org/x',
            repo: 'gitops',
            exclude: ['../up'],
            applicationSets: ['/abs.yaml'],
          },
        ],
      }),
    ).toMatch(
      /repositories\[0\]\.owner: must be a GitHub name[\s\S]*repositories\[0\]\.exclude\[0\]: must be a relative path[\s\S]*repositories\[0\]\.applicationSets\[0\]: must be a relative path/,
    );
    expect(
      message({
        ...withoutRepository,
        repositories: [
          { owner: 'org', repo: 'gitops' },
          { owner: 'other', repo: 'seed' },
        ],
      }),
    ).toBe('');
  });

  it('skips a repository whose reference folder is missing, with the reason, and serves the others', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'scenario-test-'));
    try {
      await mkdir(path.join(dir, 'reference/seed/apps'), { recursive: true });
      await writeFile(path.join(dir, 'reference/seed/apps/a.yaml'), 'kind: A');
      await writeFile(path.join(dir, 'reference/seed/top.yaml'), 'kind: T');
      const scenario = parseScenario({
        ...minimal,
        repository: undefined,
        repositories: [
          { owner: 'org', repo: 'gitops', files: { 'x.yaml': 'x' } },
          { owner: 'seed', repo: 'present', reference: 'seed' },
          { owner: 'seed', repo: 'absent', reference: 'not-there' },
        ],
      });
      const loaded = { scenario, baseDir: dir };
      const referenceDir = path.join(dir, 'reference');
      const result = await loadRepositories(loaded, { referenceDir });
      expect(
        result.served.map(({ repository, files }) => [
          `${repository.owner}/${repository.repo}`,
          files,
        ]),
      ).toEqual([
        ['org/gitops', { 'x.yaml': 'x' }],
        ['seed/present', { 'apps/a.yaml': 'kind: A', 'top.yaml': 'kind: T' }],
      ]);
      expect(result.skipped).toEqual([
        {
          owner: 'seed',
          repo: 'absent',
          reason: `${path.join(
            referenceDir,
            'not-there',
          )} does not exist (set KUBEVIRT_GITOPS_REFERENCE_DIR to the folder holding not-there)`,
        },
      ]);
      // Without referenceDir, KUBEVIRT_GITOPS_REFERENCE_DIR is the reference directory.
      const saved = process.env.KUBEVIRT_GITOPS_REFERENCE_DIR;
      process.env.KUBEVIRT_GITOPS_REFERENCE_DIR = path.join(dir, 'nowhere');
      try {
        const fromEnv = await loadRepositories(loaded);
        expect(fromEnv.served.map(r => r.repository.repo)).toEqual(['gitops']);
        expect(fromEnv.skipped.map(s => s.reason)).toEqual([
          expect.stringContaining(path.join(dir, 'nowhere', 'seed')),
          expect.stringContaining(path.join(dir, 'nowhere', 'not-there')),
        ]);
      } finally {
        if (saved === undefined)
          delete process.env.KUBEVIRT_GITOPS_REFERENCE_DIR;
        else process.env.KUBEVIRT_GITOPS_REFERENCE_DIR = saved;
      }
      await expect(
        repositoryFiles(
          loaded,
          { owner: 'seed', repo: 'absent' },
          {
            referenceDir,
          },
        ),
      ).rejects.toThrow(
        /seed\/absent cannot be served: .*not-there does not exist/,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('drops the excluded files and folders of the folder, not the inline files', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'scenario-test-'));
    try {
      for (const file of [
        'repo/applicationsets/demo-vm/applicationset.yaml',
        'repo/applicationsets/demo-vm/kustomize/base/vm.yaml',
        'repo/applicationsets/demo-vm-2/applicationset.yaml',
        'repo/applicationsets/cdi/applicationset.yaml',
        'repo/README.md',
        'repo/.git/HEAD',
      ]) {
        await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
        await writeFile(path.join(dir, file), file);
      }
      const scenario = parseScenario({
        ...minimal,
        repository: {
          owner: 'o',
          repo: 'r',
          folder: 'repo',
          exclude: ['applicationsets/demo-vm/', 'README.md'],
          files: {
            'applicationsets/demo-vm/inline.yaml': 'inline',
          },
        },
      });
      expect(await repositoryFiles({ scenario, baseDir: dir })).toEqual({
        // demo-vm-2 is not inside applicationsets/demo-vm/.
        'applicationsets/demo-vm-2/applicationset.yaml':
          'repo/applicationsets/demo-vm-2/applicationset.yaml',
        'applicationsets/cdi/applicationset.yaml':
          'repo/applicationsets/cdi/applicationset.yaml',
        'applicationsets/demo-vm/inline.yaml': 'inline',
      });
      // Without exclude, the same folder gives every file (but .git's).
      const all = parseScenario({
        ...minimal,
        repository: { owner: 'o', repo: 'r', folder: 'repo' },
      });
      expect(
        Object.keys(await repositoryFiles({ scenario: all, baseDir: dir })),
      ).toEqual([
        'applicationsets/cdi/applicationset.yaml',
        'applicationsets/demo-vm/applicationset.yaml',
        'applicationsets/demo-vm/kustomize/base/vm.yaml',
        'applicationsets/demo-vm-2/applicationset.yaml',
        'README.md',
      ]);
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
