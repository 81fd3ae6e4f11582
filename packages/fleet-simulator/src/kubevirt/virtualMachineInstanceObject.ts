import type { JsonObject } from '../argocd/health';
import { asObject, asObjectArray, asString } from '../argocd/health/types';
import type {
  LiveContext,
  LiveResource,
} from '../argocd/applicationController/liveResource';
import { timestamp } from '../argocd/applicationController/liveResource';
import { guestOsInfo } from './guestOs';
import { macFrom, pickFrom, podIpFrom, uidFrom } from './identity';
import { toCondition, vmiConditions } from './kubevirtConditions';
import { formatBinaryQuantity } from './quantity';
import { VIRT_LAUNCHER_IMAGE } from './virtLauncherPod';
import type { VmState } from './vmTimeline';
import type { VmFacts } from './vmFacts';

function imageHint(manifest: JsonObject): string {
  const spec = asObject(manifest.spec);
  const volumes = asObjectArray(
    asObject(asObject(spec?.template)?.spec)?.volumes,
  );
  const containerDisk = asString(
    asObject(volumes.find(v => v.containerDisk)?.containerDisk)?.image,
  );
  const sourceRef = asString(
    asObject(
      asObject(asObjectArray(spec?.dataVolumeTemplates)[0]?.spec)?.sourceRef,
    )?.name,
  );
  return containerDisk ?? sourceRef ?? 'fedora';
}

/** The VirtualMachineInstance of a VM at a state, if one exists. */
export function virtualMachineInstanceObject(
  live: LiveResource,
  state: VmState,
  context: LiveContext,
  facts: VmFacts,
): JsonObject | undefined {
  const vmi = state.vmi;
  if (!vmi) return undefined;
  const { name, namespace } = live.ref;
  const seed = `${context.cluster.name}/${namespace}/${name}/${vmi.createdAt}`;
  const uid = uidFrom(`vmi:${seed}`);
  const scheduled = vmi.phase === 'Scheduled' || vmi.phase === 'Running';
  const node = pickFrom(context.cluster.nodeNames, seed);
  const template = asObject(asObject(live.manifest.spec)?.template) ?? {};
  const templateSpec = asObject(template.spec) ?? {};
  const domain = asObject(templateSpec.domain) ?? {};
  const interfaceName =
    asString(asObjectArray(asObject(domain.devices)?.interfaces)[0]?.name) ??
    'default';
  const ip = podIpFrom(seed);
  const memory =
    facts.memoryBytes === undefined
      ? undefined
      : formatBinaryQuantity(facts.memoryBytes);
  return {
    apiVersion: 'kubevirt.io/v1',
    kind: 'VirtualMachineInstance',
    metadata: {
      name,
      namespace,
      uid,
      resourceVersion: String(Math.floor(state.since)),
      generation: 1,
      creationTimestamp: timestamp(vmi.createdAt),
      labels: {
        ...(asObject(asObject(template.metadata)?.labels) as
          | Record<string, string>
          | undefined),
        'kubevirt.io/domain': name,
        ...(scheduled ? { 'kubevirt.io/nodeName': node } : {}),
      },
      annotations: {
        'kubevirt.io/latest-observed-api-version': 'v1',
        'kubevirt.io/storage-observed-api-version': 'v1',
        'kubevirt.io/vm-generation': String(live.generation),
      },
      finalizers: [
        'kubevirt.io/virtualMachineControllerFinalize',
        'foregroundDeleteVirtualMachine',
      ],
      ownerReferences: [
        {
          apiVersion: 'kubevirt.io/v1',
          kind: 'VirtualMachine',
          name,
          uid: live.uid,
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: {
      ...templateSpec,
      domain: {
        ...domain,
        firmware: {
          uuid: uidFrom(`firmware:${live.uid}`),
          ...asObject(domain.firmware),
        },
        machine: { type: 'pc-q35-rhel9.4.0', ...asObject(domain.machine) },
        ...(memory && !asObject(domain.resources)
          ? { resources: { requests: { memory } } }
          : {}),
      },
    },
    status: {
      phase: vmi.phase,
      phaseTransitionTimestamps: vmi.phaseTimestamps.map(p => ({
        phase: p.phase,
        phaseTransitionTimestamp: timestamp(p.at),
      })),
      conditions: vmiConditions(state, context.cluster.nodeNames.length).map(
        toCondition,
      ),
      qosClass: 'Burstable',
      launcherContainerImageVersion: VIRT_LAUNCHER_IMAGE,
      migrationMethod: 'BlockMigration',
      virtualMachineRevisionName: `revision-start-vm-${live.uid}-${live.generation}`,
      ...(scheduled
        ? { nodeName: node, activePods: { [uidFrom(`pod:${seed}`)]: node } }
        : {}),
      ...(vmi.phase === 'Running'
        ? {
            interfaces: [
              {
                name: interfaceName,
                interfaceName: 'eth0',
                ipAddress: ip,
                ipAddresses: [ip],
                mac: macFrom(seed),
                infoSource: 'domain, guest-agent',
                linkState: 'up',
                queueCount: 1,
              },
            ],
          }
        : {}),
      ...(vmi.ready
        ? { guestOSInfo: guestOsInfo(imageHint(live.manifest)) }
        : { guestOSInfo: {} }),
    },
  };
}
