/*
 * A failing ApplicationSet, as ArgoCD's ApplicationSet controller reports
 * one (argo-cd applicationset/controllers: ErrorOccurred True with reason
 * ApplicationGenerationFromParamsError; health Degraded by ArgoCD's
 * ApplicationSet health check, resource_customizations/argoproj.io/
 * ApplicationSet): here a template whose name has no placeholder, so two
 * clusters give one Application name twice.
 */
import { createDemoHarness, demoRepo } from './__testUtils__/argocdHarness';

interface ApplicationSetItem {
  metadata: { name: string };
  status?: {
    conditions?: Array<{
      type: string;
      status: string;
      reason?: string;
      message?: string;
    }>;
    health?: { status: string; message?: string };
  };
}

const broken = `apiVersion: argoproj.io/v1alpha1
kind: ApplicationSet
metadata:
  name: broken-vm
  namespace: openshift-gitops
spec:
  generators:
    - clusters:
        selector:
          matchLabels:
            env: dev
  template:
    metadata:
      name: broken-vm
    spec:
      project: default
      source:
        repoURL: https://github.com/demo-org/gitops-demo.git
        targetRevision: HEAD
        path: applicationsets/demo-vm/kustomize/dev
      destination:
        server: "{{server}}"
        namespace: broken-vm
`;

describe('a failing ApplicationSet', () => {
  it('is listed with ErrorOccurred and Degraded, the others stay Healthy', async () => {
    const harness = createDemoHarness({
      files: {
        ...demoRepo(),
        'applicationsets/broken-vm/applicationset.yaml': broken,
      },
      clock: 'manual',
    });
    try {
      await harness.argocd.reconcile();
      const { body } = await harness.api('/api/v1/applicationsets');
      const items = (body as { items: ApplicationSetItem[] }).items;
      const failing = items.find(item => item.metadata.name === 'broken-vm');
      expect(failing?.status?.conditions).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            type: 'ErrorOccurred',
            status: 'True',
            reason: 'ApplicationGenerationFromParamsError',
            message:
              'ApplicationSet broken-vm contains applications with duplicate name: broken-vm',
          }),
        ]),
      );
      expect(failing?.status?.health?.status).toBe('Degraded');
      expect(
        items.find(item => item.metadata.name === 'demo-vm')?.status?.health
          ?.status,
      ).toBe('Healthy');
    } finally {
      await harness.stop();
    }
  });
});
