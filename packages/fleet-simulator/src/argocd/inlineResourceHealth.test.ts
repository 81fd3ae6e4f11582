/*
 * ArgoCD 2.x keeps each managed resource's health in the Application
 * (`status.resources[].health`); 3.x only in the resource tree
 * (`status.resourceHealthSource: appTree`, argo-cd application-crd.yaml:
 * "inline if not set or appTree"). A managed resource without a live
 * object is Missing (argo-cd controller/health.go setApplicationHealth).
 * The VM health here is what the post-PR-#29664 rule gives a Halted VM.
 */
import type { LiveNode } from './applicationController/liveView';
import { inlineResourceHealth } from './createArgocdSimulator';
import type { Application } from './types';

function app(): Application {
  const destination = {
    server: 'https://api.dev-1.fleet.example:6443',
    namespace: 'vms',
  };
  const source = {
    repoURL: 'https://github.com/demo-org/gitops-demo.git',
    path: 'vms/dev',
  };
  return {
    metadata: { name: 'dev-1-web', namespace: 'openshift-gitops' },
    spec: { project: 'default', source, destination },
    status: {
      resources: [
        {
          group: 'kubevirt.io',
          version: 'v1',
          kind: 'VirtualMachine',
          namespace: 'vms',
          name: 'dev-web',
          status: 'Synced',
        },
        {
          group: 'cdi.kubevirt.io',
          version: 'v1beta1',
          kind: 'DataVolume',
          namespace: 'vms',
          name: 'dev-web-disk',
          status: 'OutOfSync',
        },
      ],
      sync: { status: 'OutOfSync', comparedTo: { source, destination } },
      health: { status: 'Healthy' },
      summary: {},
      controllerNamespace: 'openshift-gitops',
      resourceHealthSource: 'appTree',
    },
  } as Application;
}

const vmNode: LiveNode = {
  object: {},
  ref: {
    group: 'kubevirt.io',
    version: 'v1',
    kind: 'VirtualMachine',
    namespace: 'vms',
    name: 'dev-web',
    uid: 'u1',
  },
  parentRefs: [],
  health: { status: 'Healthy', message: 'Stopped as declared' },
  managed: true,
};

describe('inlineResourceHealth (ArgoCD 2.x shape)', () => {
  it('puts each managed resource health into status.resources and drops resourceHealthSource', () => {
    const inlined = inlineResourceHealth(app(), [vmNode]);
    expect(inlined.status.resourceHealthSource).toBeUndefined();
    expect(inlined.status.resources?.map(r => [r.kind, r.health])).toEqual([
      ['VirtualMachine', { status: 'Healthy', message: 'Stopped as declared' }],
      ['DataVolume', { status: 'Missing' }],
    ]);
  });

  it('leaves the 3.x shape without inline health by default', () => {
    expect(app().status.resources?.every(r => r.health === undefined)).toBe(
      true,
    );
    expect(app().status.resourceHealthSource).toBe('appTree');
  });
});
