import type { ArgocdHarness } from '../../__testUtils__/argocdHarness';
import {
  startDemoHarness,
  vmResourcePath,
} from '../../__testUtils__/argocdHarness';

describe('ArgoCD API server: live resources', () => {
  let harness: ArgocdHarness;

  beforeAll(async () => {
    harness = await startDemoHarness();
  });
  afterAll(() => harness.stop());

  it('shows the VMI and virt-launcher Pod under the VM in the resource tree', async () => {
    const { body } = await harness.api(
      '/api/v1/applications/dev-1-demo-vm/resource-tree',
    );
    const nodes = (
      body as {
        nodes: Array<Record<string, unknown> & { kind: string; uid?: string }>;
      }
    ).nodes;
    const node = (kind: string) => nodes.find(n => n.kind === kind);
    expect(node('VirtualMachine')).toMatchObject({
      group: 'kubevirt.io',
      name: 'dev-demo-vm',
      namespace: 'demo-vm',
      health: { status: 'Healthy', message: 'Running' },
    });
    const vmRef = {
      group: 'kubevirt.io',
      kind: 'VirtualMachine',
      namespace: 'demo-vm',
      name: 'dev-demo-vm',
      uid: node('VirtualMachine')?.uid,
    };
    expect(node('VirtualMachineInstance')).toMatchObject({
      parentRefs: [vmRef],
      health: { status: 'Healthy', message: 'Running' },
    });
    expect(node('DataVolume')).toMatchObject({
      name: 'demo-vm-rootdisk',
      parentRefs: [vmRef],
      health: { status: 'Healthy', message: 'Succeeded' },
    });
    expect(node('PersistentVolumeClaim')).toMatchObject({
      parentRefs: [expect.objectContaining({ kind: 'DataVolume' })],
      health: { status: 'Healthy' },
    });
    expect(node('Pod')).toMatchObject({
      name: expect.stringMatching(/^virt-launcher-dev-demo-vm-\w{5}$/),
      parentRefs: [expect.objectContaining({ kind: 'VirtualMachineInstance' })],
      info: expect.arrayContaining([
        { name: 'Status Reason', value: 'Running' },
        { name: 'Containers', value: '1/1' },
      ]),
    });
  });

  it('returns any live object of the tree as a manifest string', async () => {
    const { status, body } = await harness.api(
      vmResourcePath(
        'dev-1-demo-vm',
        'demo-vm',
        'dev-demo-vm',
        'VirtualMachineInstance',
      ),
    );
    expect(status).toBe(200);
    const vmi = JSON.parse((body as { manifest: string }).manifest);
    expect(vmi.status).toMatchObject({
      phase: 'Running',
      nodeName: expect.stringMatching(/^dev-1-worker-\d$/),
      interfaces: [
        expect.objectContaining({
          ipAddress: expect.stringMatching(/^10\.\d+\.\d+\.\d+$/),
        }),
      ],
      guestOSInfo: expect.objectContaining({ id: 'fedora' }),
    });
    const vm = await harness.api(
      vmResourcePath('dev-1-demo-vm', 'demo-vm', 'dev-demo-vm'),
    );
    expect(
      JSON.parse((vm.body as { manifest: string }).manifest).metadata
        .annotations,
    ).toMatchObject({ 'managed-cluster': 'dev-1' });
    const missing = await harness.api(
      vmResourcePath('dev-1-demo-vm', 'demo-vm', 'nope'),
    );
    expect(missing).toMatchObject({ status: 404, body: { code: 5 } });
    const unreachable = await harness.api(
      vmResourcePath('prod-2-demo-vm', 'demo-vm', 'prod-demo-vm'),
    );
    expect(unreachable).toMatchObject({ status: 500, body: { code: 2 } });
  });

  it('lists managed resources with target and live state', async () => {
    const { body } = await harness.api(
      '/api/v1/applications/dev-1-ci-runner/managed-resources',
    );
    const [item] = (
      body as {
        items: Array<
          Record<string, unknown> & { targetState: string; liveState: string }
        >;
      }
    ).items;
    expect(item).toMatchObject({
      group: 'kubevirt.io',
      kind: 'VirtualMachine',
      namespace: 'vms',
      name: 'dev-ci-runner',
      modified: false,
    });
    expect(JSON.parse(item.targetState).spec.runStrategy).toBe('Halted');
    expect(JSON.parse(item.liveState).status.printableStatus).toBe('Stopped');
  });
});
