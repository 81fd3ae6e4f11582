/*
 * VM discovery over whole repositories, each shaped like a real public
 * GitOps repository (named on each case; the files are written for these
 * tests with the structure and forms of the original).
 */
import path from 'node:path';
import { discoverRepositoryVms } from './discoverRepositoryVms';

function repo(files: Record<string, string>): Map<string, string> {
  return new Map(Object.entries(files));
}

function applicationSet(
  name: string,
  source: string,
  generator = `  - clusters:
      selector:
        matchLabels:
          argocd.argoproj.io/secret-type: cluster`,
): string {
  return `apiVersion: argoproj.io/v1alpha1
kind: ApplicationSet
metadata:
  name: ${name}
spec:
  generators:
${generator}
  template:
    metadata:
      name: "{{nameNormalized}}-${name}"
    spec:
      project: default
${source}
      destination:
        server: "{{server}}"
        namespace: ${name}
`;
}

function vm(name: string, extra = ''): string {
  return `apiVersion: kubevirt.io/v1
kind: VirtualMachine
metadata:
  name: ${name}
spec:
  running: false
  template:
    spec:
      domain:
        devices: {}
        memory:
          guest: 1024M
${extra}`;
}

const KUSTOMIZATION = (body: string) =>
  `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n\n${body}`;

const JSON6902_OVERLAY = (env: string, memory: string) =>
  KUSTOMIZATION(`bases:
  - ../base

namePrefix: ${env}-

patches:
  - patch: |
      - op: replace
        path: /spec/template/spec/domain/memory/guest
        value: ${memory}
    target:
      kind: VirtualMachine
`);

/**
 * 0xFelix/gitops-demo (the seed): operator ApplicationSets with fixed
 * paths (applicationsets/{cdi,kubevirt,virtualization}), the VM's
 * ApplicationSet next to kustomize/{base,dev,prod} with `bases:` and JSON
 * 6902 patches, OCM objects in acm-gitops-integration/, and a loose VM
 * manifest at the root (demo.yaml) that no ApplicationSet deploys.
 */
function seedRepository(): Map<string, string> {
  const operator = (name: string) =>
    applicationSet(
      name,
      `      source:
        repoURL: https://github.com/0xFelix/gitops-demo.git
        targetRevision: HEAD
        path: applicationsets/${name}/manifests`,
    );
  return repo({
    'acm-gitops-integration/gitopscluster.yaml':
      'apiVersion: apps.open-cluster-management.io/v1beta1\nkind: GitOpsCluster\nmetadata:\n  name: argo-acm-importer\n',
    'acm-gitops-integration/placement.yaml':
      'apiVersion: cluster.open-cluster-management.io/v1beta1\nkind: Placement\nmetadata:\n  name: all-openshift-clusters\n',
    'applicationsets/cdi/applicationset-cdi.yaml': operator('cdi'),
    'applicationsets/cdi/manifests/cdi-cr.yaml':
      'apiVersion: cdi.kubevirt.io/v1beta1\nkind: CDI\nmetadata:\n  name: cdi\n',
    'applicationsets/kubevirt/applicationset-kubevirt.yaml':
      operator('kubevirt'),
    'applicationsets/kubevirt/manifests/kubevirt-cr.yaml':
      'apiVersion: kubevirt.io/v1\nkind: KubeVirt\nmetadata:\n  name: kubevirt\n',
    'applicationsets/virtualization/applicationset-virtualization.yaml':
      operator('virtualization'),
    'applicationsets/demo-vm/applicationset-demo-vm.yaml': applicationSet(
      'demo-vm',
      `      source:
        repoURL: https://github.com/0xFelix/gitops-demo.git
        targetRevision: HEAD
        path: "applicationsets/demo-vm/kustomize/{{metadata.labels.env}}"
        kustomize:
          commonAnnotations:
            managed-cluster: "{{nameNormalized}}"`,
    ),
    'applicationsets/demo-vm/kustomize/base/kustomization.yaml': KUSTOMIZATION(
      'resources:\n  - virtualmachine.yaml\n',
    ),
    'applicationsets/demo-vm/kustomize/base/virtualmachine.yaml': vm('demo-vm'),
    'applicationsets/demo-vm/kustomize/dev/kustomization.yaml':
      JSON6902_OVERLAY('dev', '4096M'),
    'applicationsets/demo-vm/kustomize/prod/kustomization.yaml':
      JSON6902_OVERLAY('prod', '2048M'),
    'demo.yaml': vm('demo-vm2'),
  });
}

describe('discoverRepositoryVms', () => {
  it('finds the seed demo-vm (0xFelix/gitops-demo applicationsets/demo-vm), and nothing else', () => {
    const discovery = discoverRepositoryVms(seedRepository());
    expect(discovery).toEqual({
      vms: [
        {
          name: 'demo-vm',
          folder: 'applicationsets/demo-vm',
          applicationSet: 'demo-vm',
          applicationSetFile:
            'applicationsets/demo-vm/applicationset-demo-vm.yaml',
          sourcePath:
            'applicationsets/demo-vm/kustomize/{{metadata.labels.env}}',
          environmentDirTemplate: 'applicationsets/demo-vm/kustomize/{env}',
          environments: ['dev', 'prod'],
          manifestFile:
            'applicationsets/demo-vm/kustomize/base/virtualmachine.yaml',
        },
      ],
      registeredFolders: [],
      warnings: [],
    });
  });

  it('finds nothing in a repository without ApplicationSet (rmallam/kubevirt-gitops 3az-cluster-pattern: kustomize base + overlays, synced by a plain Application)', () => {
    const root = '3az-cluster-pattern/kustomize/stretchtest';
    const discovery = discoverRepositoryVms(
      repo({
        [`${root}/base/kustomization.yaml`]: KUSTOMIZATION(
          'resources:\n- resources.yaml\n',
        ),
        [`${root}/base/resources.yaml`]: vm('stretchtest-vm'),
        [`${root}/overlays/dev/kustomization.yaml`]: KUSTOMIZATION(
          'resources:\n- ../../base\npatchesStrategicMerge:\n- patches.yaml\n',
        ),
        [`${root}/overlays/dev/patches.yaml`]: vm('stretchtest-vm'),
        '3az-cluster-pattern/argocd/application.yaml': `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: stretchtest
spec:
  source:
    repoURL: https://github.com/rmallam/kubevirt-gitops
    path: ${root}/overlays/dev
`,
      }),
    );
    expect(discovery).toEqual({ vms: [], registeredFolders: [], warnings: [] });
  });

  it("leaves out the simulator's VMs that have a catalog-info.yaml (registered from it), keeps the seed's", () => {
    const files = seedRepository();
    const own = 'applicationsets/vms/ci-runner';
    files.set(
      `${own}/applicationset.yaml`,
      applicationSet(
        'ci-runner',
        `      source:
        path: "${own}/kustomize/{{metadata.labels.env}}"`,
      ),
    );
    files.set(
      `${own}/kustomize/base/kustomization.yaml`,
      KUSTOMIZATION('resources:\n  - virtualmachine.yaml\n'),
    );
    files.set(`${own}/kustomize/base/virtualmachine.yaml`, vm('ci-runner'));
    const paths = [...files.keys(), `${own}/catalog-info.yaml`];
    const discovery = discoverRepositoryVms(files, paths);
    expect(discovery.vms.map(found => found.name)).toEqual(['demo-vm']);
    expect(discovery.registeredFolders).toEqual([own]);
  });

  it("takes the VMs a base lists, not the overlays' patch files (allysonbrito/devopsdays vm-infrastructure: nested base/vm, VM + DataVolume in one file, `patches: - path:`)", () => {
    const root = 'vm-infrastructure';
    const discovery = discoverRepositoryVms(
      repo({
        [`${root}/applicationset.yaml`]: applicationSet(
          'vm-app',
          `      source:
        path: '${root}/environments/{{ .values.env }}'`,
          `  - list:
      elements:
        - cluster: staging
          values: { env: staging }
        - cluster: prod
          values: { env: prod }`,
        ),
        [`${root}/base/kustomization.yaml`]: KUSTOMIZATION(
          'resources:\n- vm/\n',
        ),
        [`${root}/base/vm/kustomization.yaml`]: KUSTOMIZATION(
          'resources:\n- vm-template.yaml\n',
        ),
        [`${root}/base/vm/vm-template.yaml`]: `${vm(
          'vm-app',
        )}---\napiVersion: cdi.kubevirt.io/v1beta1\nkind: DataVolume\nmetadata:\n  name: vm-app-rootdisk\n`,
        [`${root}/environments/prod/kustomization.yaml`]: KUSTOMIZATION(
          'resources:\n- ../../base\npatches:\n- path: vm-config.yaml\nnamePrefix: prod-\n',
        ),
        [`${root}/environments/prod/vm-config.yaml`]: vm('vm-app'),
        [`${root}/environments/staging/kustomization.yaml`]: KUSTOMIZATION(
          'resources:\n- ../../base\npatches:\n- path: vm-config.yaml\n',
        ),
        [`${root}/environments/staging/vm-config.yaml`]: vm('vm-app-patch'),
      }),
    );
    expect(discovery.vms).toEqual([
      expect.objectContaining({
        name: 'vm-app',
        folder: root,
        applicationSet: 'vm-app',
        environmentDirTemplate: `${root}/environments/{env}`,
        environments: ['prod', 'staging'],
        manifestFile: `${root}/base/vm/vm-template.yaml`,
      }),
    ]);
  });

  it('puts an ApplicationSet kept elsewhere on the folder above its overlays, one entity per VM of a shared base (anibalcoral/OpenShift-Virtualization-GitOps-Apps base/ + overlays/{dev,hml,prd})', () => {
    const root = 'workshop-vms';
    const discovery = discoverRepositoryVms(
      repo({
        'argocd/applicationsets/workshop-vms.yaml': applicationSet(
          'workshop-vms',
          `      sources:
        - repoURL: https://github.com/anibalcoral/OpenShift-Virtualization-GitOps-Apps
          path: ${root}/overlays/{{env}}
        - repoURL: https://charts.example.com
          chart: monitoring`,
          `  - list:
      elements:
        - env: dev
        - env: hml
        - env: prd`,
        ),
        [`${root}/base/kustomization.yaml`]: KUSTOMIZATION(
          'resources:\n  - ./vm-web-01.yaml\n  - vm-web-02.yaml\n',
        ),
        [`${root}/base/vm-web-01.yaml`]: vm('vm-web-01'),
        [`${root}/base/vm-web-02.yaml`]: vm('vm-web-02'),
        [`${root}/overlays/dev/kustomization.yaml`]: KUSTOMIZATION(
          'resources:\n  - ../../base\nnamePrefix: dev-\n',
        ),
      }),
    );
    expect(
      discovery.vms.map(found => [found.name, found.folder, found.sourcePath]),
    ).toEqual([
      ['vm-web-01', root, `${root}/overlays/{{env}}`],
      ['vm-web-02', root, `${root}/overlays/{{env}}`],
    ]);
    // only dev has an overlay folder (hml and prd are listed, not there)
    expect(discovery.vms.map(found => found.environments)).toEqual([
      ['dev'],
      ['dev'],
    ]);
  });

  it("skips paths that are not one overlay per environment: no placeholder, two, not last, or the whole path (the shared layout's `{{path}}`)", () => {
    const files = repo({
      'apps/fixed.yaml': applicationSet(
        'fixed',
        '      source:\n        path: apps/fixed/kustomize/prod',
      ),
      'apps/two.yaml': applicationSet(
        'two',
        "      source:\n        path: 'vms/{{path[1]}}/{{path.basename}}'",
      ),
      'apps/middle.yaml': applicationSet(
        'middle',
        "      source:\n        path: 'apps/middle/{{env}}/vm'",
      ),
      'applicationsets/kubevirt-gitops-vms.yaml': applicationSet(
        'kubevirt-gitops-vms',
        "      source:\n        path: '{{path}}'",
      ),
    });
    for (const folder of ['apps/fixed', 'vms/web', 'apps/middle']) {
      files.set(
        `${folder}/kustomize/base/kustomization.yaml`,
        KUSTOMIZATION('resources:\n  - vm.yaml\n'),
      );
      files.set(`${folder}/kustomize/base/vm.yaml`, vm('web'));
    }
    expect(discoverRepositoryVms(files).vms).toEqual([]);
  });

  it('keeps a VM name once and says where the other one is', () => {
    const files = seedRepository();
    const other = 'team-b/demo-vm';
    files.set(
      `${other}/applicationset.yaml`,
      applicationSet(
        'team-b-demo-vm',
        `      source:\n        path: "${other}/overlays/{{metadata.labels.env}}"`,
      ),
    );
    files.set(
      `${other}/base/kustomization.yaml`,
      KUSTOMIZATION('resources:\n  - vm.yaml\n'),
    );
    files.set(`${other}/base/vm.yaml`, vm('demo-vm'));
    const discovery = discoverRepositoryVms(files);
    expect(discovery.vms.map(found => found.folder)).toEqual([
      'applicationsets/demo-vm',
    ]);
    expect(discovery.warnings).toEqual([
      expect.stringContaining(
        'VM demo-vm is in applicationsets/demo-vm and in team-b/demo-vm',
      ),
    ]);
  });

  it('reads past YAML it cannot parse (a Helm template next to the ApplicationSet)', () => {
    const files = seedRepository();
    files.set(
      'charts/vms/templates/applicationset.yaml',
      `{{- range .Values.vms }}
apiVersion: argoproj.io/v1alpha1
kind: ApplicationSet
metadata:
  name: {{ .name }}
spec:
  template:
    spec:
      source:
        path: "charts/vms/{{ .name }}/{{"{{"}}env{{"}}"}}"
{{- end }}
`,
    );
    expect(discoverRepositoryVms(files).vms.map(found => found.name)).toEqual([
      'demo-vm',
    ]);
  });
});

/** A VM folder `<folder>` with a base and one overlay per environment under `<overlays>/` (`''`: side by side with the base). */
function vmFolder(
  folder: string,
  name: string,
  environments: string[],
  overlays = 'overlays',
): Record<string, string> {
  const under = overlays === '' ? folder : `${folder}/${overlays}`;
  const up = path.posix.relative(`${under}/env`, `${folder}/base`);
  return Object.fromEntries([
    [
      `${folder}/base/kustomization.yaml`,
      KUSTOMIZATION('resources:\n  - virtualmachine.yaml\n'),
    ],
    [`${folder}/base/virtualmachine.yaml`, vm(name)],
    ...environments.map(env => [
      `${under}/${env}/kustomization.yaml`,
      KUSTOMIZATION(`resources:\n  - ${up}\nnamePrefix: ${env}-\n`),
    ]),
  ]);
}

describe('discoverRepositoryVms: the folders a generator fills the path with', () => {
  it('a git directory generator with `{{path}}` and an excluded glob (argoproj/argo-cd applicationset/examples/git-generator-directory/excludes, over vms/<vm>/overlays/<env>)', () => {
    const discovery = discoverRepositoryVms(
      repo({
        'applicationsets/vms.yaml': applicationSet(
          'vms',
          "      source:\n        path: '{{path}}'",
          `  - git:
      repoURL: https://github.com/acme/vm-gitops.git
      revision: HEAD
      directories:
      - path: vms/*/overlays/*
      - path: vms/legacy/overlays/*
        exclude: true
      - path: vms/db/overlays/qa
        exclude: true`,
        ),
        ...vmFolder('vms/web', 'web', ['dev', 'prod']),
        ...vmFolder('vms/db', 'db', ['dev', 'qa', 'staging']),
        ...vmFolder('vms/legacy', 'legacy', ['dev']),
        // a folder without kustomization is not an Application
        'vms/web/overlays/notes/README.md': 'not an overlay\n',
      }),
    );
    expect(discovery.warnings).toEqual([]);
    expect(discovery.vms).toEqual([
      {
        name: 'db',
        folder: 'vms/db',
        applicationSet: 'vms',
        applicationSetFile: 'applicationsets/vms.yaml',
        sourcePath: '{{path}}',
        environmentDirTemplate: 'vms/db/overlays/{env}',
        environments: ['dev', 'staging'],
        manifestFile: 'vms/db/base/virtualmachine.yaml',
      },
      {
        name: 'web',
        folder: 'vms/web',
        applicationSet: 'vms',
        applicationSetFile: 'applicationsets/vms.yaml',
        sourcePath: '{{path}}',
        environmentDirTemplate: 'vms/web/overlays/{env}',
        environments: ['dev', 'prod'],
        manifestFile: 'vms/web/base/virtualmachine.yaml',
      },
    ]);
  });

  it('a git directory generator inside a matrix with clusters, goTemplate `{{.path.path}}` (argoproj/argo-cd applicationset/examples/matrix/cluster-and-git.yaml, over vms/<vm>/envs/<env>)', () => {
    const discovery = discoverRepositoryVms(
      repo({
        'argocd/vm-appset.yaml': applicationSet(
          'vm-envs',
          "      source:\n        path: '{{ .path.path }}'",
          `  - matrix:
      generators:
        - git:
            repoURL: https://github.com/acme/vm-gitops.git
            revision: HEAD
            directories:
            - path: vms/*/envs/*
        - clusters:
            selector:
              matchLabels:
                env: '{{.path.basename}}'`,
        ),
        ...vmFolder('vms/ci-runner', 'ci-runner', ['dev', 'prod'], 'envs'),
      }),
    );
    expect(
      discovery.vms.map(found => [
        found.name,
        found.folder,
        found.environmentDirTemplate,
        found.environments,
      ]),
    ).toEqual([
      [
        'ci-runner',
        'vms/ci-runner',
        'vms/ci-runner/envs/{env}',
        ['dev', 'prod'],
      ],
    ]);
  });

  it("this product's shared layout ApplicationSet (git vms/*/* without vms/*/base, x clusters; `{{ path }}`, in a merge): each VM's folder is vms/<vm>, not vms", () => {
    const discovery = discoverRepositoryVms(
      repo({
        'applicationsets/kubevirt-gitops-vms.yaml': applicationSet(
          'kubevirt-gitops-vms',
          "      source:\n        path: '{{ path }}'",
          `  - merge:
      mergeKeys: [path]
      generators:
        - matrix:
            generators:
              - git:
                  repoURL: https://github.com/acme/vm-gitops.git
                  revision: main
                  directories:
                    - path: vms/*/*
                    - path: vms/*/base
                      exclude: true
              - clusters:
                  selector:
                    matchLabels:
                      env: '{{path.basename}}'`,
        ),
        ...vmFolder('vms/build-runner', 'build-runner', ['dev', 'prod'], ''),
        ...vmFolder('vms/registered', 'registered', ['dev'], ''),
        'vms/registered/catalog-info.yaml':
          'apiVersion: backstage.io/v1alpha1\n',
      }),
    );
    expect(
      discovery.vms.map(found => [
        found.name,
        found.folder,
        found.environmentDirTemplate,
        found.environments,
      ]),
    ).toEqual([
      [
        'build-runner',
        'vms/build-runner',
        'vms/build-runner/{env}',
        ['dev', 'prod'],
      ],
    ]);
    expect(discovery.registeredFolders).toEqual(['vms/registered']);
  });

  it('a list generator filling `vms/{{vm}}/overlays/{{env}}` (the path template of arigsela/kubernetes `applications/{{app_path}}/overlays/{{overlay}}`, its values listed here)', () => {
    const discovery = discoverRepositoryVms(
      repo({
        'argocd/applicationset.yaml': applicationSet(
          'vm-overlays',
          "      source:\n        path: 'vms/{{vm}}/overlays/{{env}}'",
          `  - list:
      elements:
        - vm: web
          env: dev
        - vm: web
          env: prod
        - vm: db
          env: dev
        - vm: db
          env: prod
        - vm: cache
          cluster: only-a-cluster`,
        ),
        ...vmFolder('vms/web', 'web', ['dev', 'prod']),
        ...vmFolder('vms/db', 'db', ['dev']),
        ...vmFolder('vms/cache', 'cache', ['dev']),
      }),
    );
    expect(
      discovery.vms.map(found => [
        found.name,
        found.folder,
        found.environmentDirTemplate,
        found.environments,
      ]),
    ).toEqual([
      // db's prod is listed, but has no overlay; cache's element names no env
      ['db', 'vms/db', 'vms/db/overlays/{env}', ['dev']],
      ['web', 'vms/web', 'vms/web/overlays/{env}', ['dev', 'prod']],
    ]);
  });

  it('a list generator with `values` maps, goTemplate `{{.values.vm}}` / fasttemplate `{{values.env}}`, and flat `values.env` keys (argoproj/argo-cd applicationset/examples/matrix/list-and-list.yaml, merge/merge-two-matrixes.yaml)', () => {
    const discovery = discoverRepositoryVms(
      repo({
        'argocd/go.yaml': applicationSet(
          'go-template',
          "      source:\n        path: 'tenants/{{ .values.vm }}/deploy/{{.values.env}}'",
          `  - list:
      elements:
        - values: { vm: web, env: dev }
        - values: { vm: web, env: prod }`,
        ),
        'argocd/fast.yaml': applicationSet(
          'fast-template',
          "      source:\n        path: 'legacy/{{values.vm}}/deploy/{{values.env}}'",
          `  - list:
      elements:
        - values.vm: db
          values.env: staging`,
        ),
        ...vmFolder('tenants/web', 'web', ['dev', 'prod'], 'deploy'),
        ...vmFolder('legacy/db', 'db', ['staging'], 'deploy'),
      }),
    );
    expect(
      discovery.vms.map(found => [
        found.name,
        found.applicationSet,
        found.folder,
        found.environments,
      ]),
    ).toEqual([
      ['db', 'fast-template', 'legacy/db', ['staging']],
      ['web', 'go-template', 'tenants/web', ['dev', 'prod']],
    ]);
  });

  it('a list generator whose elements carry the whole `path`: grouped by parent folder, one VM folder per group', () => {
    const discovery = discoverRepositoryVms(
      repo({
        'argocd/paths.yaml': applicationSet(
          'paths',
          "      source:\n        path: '{{path}}'",
          `  - list:
      elements:
        - path: apps/web/overlays/dev
        - path: apps/web/overlays/prod
        - path: flat/db/dev
        - path: flat/cache/dev
        - path: ../outside/dev
        - path: '{{cluster}}/dev'`,
        ),
        ...vmFolder('apps/web', 'web', ['dev', 'prod']),
        ...vmFolder('flat/db', 'db', ['dev'], ''),
        ...vmFolder('flat/cache', 'cache', ['dev'], ''),
      }),
    );
    expect(
      discovery.vms.map(found => [
        found.name,
        found.folder,
        found.environmentDirTemplate,
        found.environments,
      ]),
    ).toEqual([
      ['web', 'apps/web', 'apps/web/overlays/{env}', ['dev', 'prod']],
      // flat/db and flat/cache both sit under flat/: each root is its VM's folder
      ['cache', 'flat/cache', 'flat/cache/{env}', ['dev']],
      ['db', 'flat/db', 'flat/db/{env}', ['dev']],
    ]);
  });

  it('reads the kustomization folders from the paths the catalog lists, not only the files it read', () => {
    const files = repo({
      'applicationsets/vms.yaml': applicationSet(
        'vms',
        "      source:\n        path: '{{path}}'",
        `  - git:
      repoURL: https://github.com/acme/vm-gitops.git
      directories:
      - path: vms/*/overlays/*`,
      ),
      'vms/web/base/kustomization.yaml': KUSTOMIZATION(
        'resources:\n  - virtualmachine.yaml\n',
      ),
      'vms/web/base/virtualmachine.yaml': vm('web'),
    });
    const discovery = discoverRepositoryVms(files, [
      ...files.keys(),
      'vms/web/overlays/dev/kustomization.yaml',
      'vms/web/overlays/prod/kustomization.yml',
    ]);
    expect(discovery.vms.map(found => found.environments)).toEqual([
      ['dev', 'prod'],
    ]);
  });

  it('skips generators that do not fill the path: a git files generator, a git generator under a path that is not whole, a list whose last segment is fixed', () => {
    const discovery = discoverRepositoryVms(
      repo({
        'argocd/files.yaml': applicationSet(
          'files',
          "      source:\n        path: '{{path}}'",
          `  - git:
      repoURL: https://github.com/acme/vm-gitops.git
      files:
      - path: vms/*/config.json`,
        ),
        'argocd/partial.yaml': applicationSet(
          'partial',
          "      source:\n        path: '{{path.basename}}/overlays'",
          `  - git:
      repoURL: https://github.com/acme/vm-gitops.git
      directories:
      - path: vms/*`,
        ),
        'argocd/fixed.yaml': applicationSet(
          'fixed',
          "      source:\n        path: 'vms/{{vm}}/overlays/dev'",
          `  - list:
      elements:
        - vm: web`,
        ),
        ...vmFolder('vms/web', 'web', ['dev']),
      }),
    );
    expect(discovery.vms).toEqual([]);
  });
});
