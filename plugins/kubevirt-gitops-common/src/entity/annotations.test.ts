import type { Entity } from '@backstage/catalog-model';
import {
  hasClusterSetAnnotation,
  hasVmAnnotation,
  readClusterSetAnnotation,
  readVmAnnotations,
} from './annotations';

function entity(
  annotations: Record<string, string>,
  name = 'build-runner',
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name, annotations },
    spec: { type: 'virtual-machine', owner: 'group:default/team-a' },
  };
}

describe('readVmAnnotations', () => {
  it('reads a VM written by this product (default selector by the vm label)', () => {
    expect(
      readVmAnnotations(
        entity({
          'kubevirt-gitops.io/vm-name': 'build-runner',
          'kubevirt-gitops.io/gitops-path': 'applicationsets/vms/build-runner/',
          'kubevirt-gitops.io/argocd-instance': 'main',
        }),
      ),
    ).toEqual({
      ok: true,
      annotations: {
        vmName: 'build-runner',
        appSelector: 'kubevirt-gitops.io/vm=build-runner',
        argocdInstance: 'main',
        gitopsPath: 'applicationsets/vms/build-runner',
      },
    });
  });

  it('reads a seed-style VM found through its ApplicationSet', () => {
    expect(
      readVmAnnotations(
        entity({
          'kubevirt-gitops.io/vm-name': 'demo-vm',
          'kubevirt-gitops.io/applicationset': 'demo-vm',
        }),
      ),
    ).toEqual({
      ok: true,
      annotations: { vmName: 'demo-vm', applicationSet: 'demo-vm' },
    });
  });

  it('reads the repository of a VM in an adopted repository, and refuses what is not one', () => {
    expect(
      readVmAnnotations(
        entity({
          'kubevirt-gitops.io/vm-name': 'demo-vm',
          'kubevirt-gitops.io/applicationset': 'demo-vm',
          'kubevirt-gitops.io/gitops-repo':
            ' https://github.com/0xFelix/gitops-demo ',
        }),
      ),
    ).toEqual({
      ok: true,
      annotations: {
        vmName: 'demo-vm',
        applicationSet: 'demo-vm',
        gitopsRepo: 'https://github.com/0xFelix/gitops-demo',
      },
    });
    expect(
      readVmAnnotations(
        entity({
          'kubevirt-gitops.io/vm-name': 'demo-vm',
          'kubevirt-gitops.io/gitops-repo':
            'git@github.com:0xFelix/gitops-demo',
        }),
      ),
    ).toEqual({
      ok: false,
      problems: [
        {
          annotation: 'kubevirt-gitops.io/gitops-repo',
          message:
            'The annotation kubevirt-gitops.io/gitops-repo must be a repository URL such as https://github.com/acme/vm-gitops.',
          snippet:
            'metadata:\n  annotations:\n    kubevirt-gitops.io/gitops-repo: https://github.com/acme/vm-gitops',
        },
      ],
    });
  });

  it("reads an ApplicationSet outside ArgoCD's namespace as namespace/name", () => {
    expect(
      readVmAnnotations(
        entity({
          'kubevirt-gitops.io/vm-name': 'demo-vm',
          'kubevirt-gitops.io/applicationset': 'openshift-gitops/demo-vm',
        }),
      ),
    ).toEqual({
      ok: true,
      annotations: {
        vmName: 'demo-vm',
        applicationSet: 'openshift-gitops/demo-vm',
      },
    });
  });

  it('reads an explicit selector', () => {
    const result = readVmAnnotations(
      entity({
        'kubevirt-gitops.io/vm-name': 'db',
        'kubevirt-gitops.io/argocd-app-selector':
          'app in (db, db-replica),tier!=test,!legacy',
      }),
    );
    expect(result).toEqual({
      ok: true,
      annotations: {
        vmName: 'db',
        appSelector: 'app in (db, db-replica),tier!=test,!legacy',
      },
    });
  });

  it('says which annotation to add, with a snippet using the entity name', () => {
    expect(readVmAnnotations(entity({}))).toEqual({
      ok: false,
      problems: [
        {
          annotation: 'kubevirt-gitops.io/vm-name',
          message:
            "Add the annotation kubevirt-gitops.io/vm-name with the VM's base name in the GitOps repository.",
          snippet:
            'metadata:\n  annotations:\n    kubevirt-gitops.io/vm-name: build-runner',
        },
      ],
    });
  });

  it.each<[string, Record<string, string>, string, string]>([
    [
      'a VM name with a path',
      { 'kubevirt-gitops.io/vm-name': '../secrets' },
      'kubevirt-gitops.io/vm-name',
      "The annotation kubevirt-gitops.io/vm-name must not contain '/', '\\' or '..' (it becomes a folder in the GitOps repository).",
    ],
    [
      'an ApplicationSet name with capitals',
      {
        'kubevirt-gitops.io/vm-name': 'a',
        'kubevirt-gitops.io/applicationset': 'Demo_VM',
      },
      'kubevirt-gitops.io/applicationset',
      "The annotation kubevirt-gitops.io/applicationset must be a Kubernetes object name: lowercase letters, digits, '-' and '.', starting and ending with a letter or digit.",
    ],
    [
      'an ApplicationSet ref with two slashes',
      {
        'kubevirt-gitops.io/vm-name': 'a',
        'kubevirt-gitops.io/applicationset': 'a/b/c',
      },
      'kubevirt-gitops.io/applicationset',
      'The annotation kubevirt-gitops.io/applicationset must be an ApplicationSet name or namespace/name, e.g. demo-vm or openshift-gitops/demo-vm.',
    ],
    [
      'a selector that is not a selector',
      {
        'kubevirt-gitops.io/vm-name': 'a',
        'kubevirt-gitops.io/argocd-app-selector': 'app=db; rm -rf /',
      },
      'kubevirt-gitops.io/argocd-app-selector',
      'The annotation kubevirt-gitops.io/argocd-app-selector "app=db; rm -rf /" is not a label selector term (use key=value, key!=value, key in (a,b) or !key).',
    ],
    [
      'a GitOps path that climbs out of the repository',
      {
        'kubevirt-gitops.io/vm-name': 'a',
        'kubevirt-gitops.io/gitops-path': 'vms/../../etc',
      },
      'kubevirt-gitops.io/gitops-path',
      "The annotation kubevirt-gitops.io/gitops-path must not contain empty, '.' or '..' segments.",
    ],
    [
      'an absolute GitOps path',
      {
        'kubevirt-gitops.io/vm-name': 'a',
        'kubevirt-gitops.io/gitops-path': '/vms/a',
      },
      'kubevirt-gitops.io/gitops-path',
      'The annotation kubevirt-gitops.io/gitops-path must be a relative path with forward slashes, e.g. applicationsets/vms/my-vm.',
    ],
    [
      'an ArgoCD instance with a newline',
      {
        'kubevirt-gitops.io/vm-name': 'a',
        'kubevirt-gitops.io/argocd-instance': 'main\nx',
      },
      'kubevirt-gitops.io/argocd-instance',
      'The annotation kubevirt-gitops.io/argocd-instance must not contain whitespace (found U+000A).',
    ],
  ])('reports %s', (_case, annotations, annotation, message) => {
    const result = readVmAnnotations(entity(annotations));
    expect(result.ok).toBe(false);
    expect(
      result.ok ? [] : result.problems.map(p => [p.annotation, p.message]),
    ).toEqual([[annotation, message]]);
  });

  it('accepts both an ApplicationSet and a selector, as the per-VM layout writes them', () => {
    const result = readVmAnnotations(
      entity({
        'kubevirt-gitops.io/vm-name': 'a',
        'kubevirt-gitops.io/applicationset': 'a',
        'kubevirt-gitops.io/argocd-app-selector': 'kubevirt-gitops.io/vm=a',
      }),
    );
    expect(result).toEqual({
      ok: true,
      annotations: {
        vmName: 'a',
        applicationSet: 'a',
        appSelector: 'kubevirt-gitops.io/vm=a',
      },
    });
  });

  it('uses a placeholder in the snippet when the entity name is not a DNS label', () => {
    const result = readVmAnnotations(entity({}, 'Build_Runner'));
    expect(result.ok ? '' : result.problems[0].snippet).toBe(
      'metadata:\n  annotations:\n    kubevirt-gitops.io/vm-name: my-vm',
    );
  });

  it('tells whether the VM tab applies', () => {
    expect(hasVmAnnotation(entity({ 'kubevirt-gitops.io/vm-name': 'a' }))).toBe(
      true,
    );
    expect(hasVmAnnotation(entity({ 'kubevirt-gitops.io/vm-name': ' ' }))).toBe(
      false,
    );
    expect(hasVmAnnotation(entity({}))).toBe(false);
  });
});

describe('readClusterSetAnnotation', () => {
  it('reads the cluster set', () => {
    const annotated = entity({ 'kubevirt-gitops.io/cluster-set': 'managed' });
    expect(readClusterSetAnnotation(annotated)).toEqual({
      ok: true,
      clusterSet: 'managed',
    });
    expect(hasClusterSetAnnotation(annotated)).toBe(true);
  });

  it.each<[Record<string, string>, string]>([
    [
      {},
      'Add the annotation kubevirt-gitops.io/cluster-set naming the ManagedClusterSet to show.',
    ],
    [
      { 'kubevirt-gitops.io/cluster-set': 'Global Set' },
      'The annotation kubevirt-gitops.io/cluster-set must not contain whitespace (found U+0020).',
    ],
  ])('reports %j', (annotations, message) => {
    expect(readClusterSetAnnotation(entity(annotations))).toEqual({
      ok: false,
      problems: [
        {
          annotation: 'kubevirt-gitops.io/cluster-set',
          message,
          snippet:
            'metadata:\n  annotations:\n    kubevirt-gitops.io/cluster-set: default',
        },
      ],
    });
  });
});
