import type { JsonObject } from '../argocd/health';
import type { LiveContext } from '../argocd/applicationController/liveResource';
import { timestamp } from '../argocd/applicationController/liveResource';
import { podIpFrom, podSuffixFrom, uidFrom } from './identity';
import { insufficientMemoryMessage } from './kubevirtConditions';
import type { VmState } from './vmTimeline';

export const VIRT_LAUNCHER_IMAGE = 'quay.io/kubevirt/virt-launcher:v1.5.2';

/** The virt-launcher Pod that runs a VMI. */
export function virtLauncherPodObject(
  vmi: JsonObject,
  state: VmState,
  context: LiveContext,
): JsonObject {
  const metadata = vmi.metadata as JsonObject;
  const status = vmi.status as JsonObject;
  const name = String(metadata.name);
  const seed = `${context.cluster.name}/${String(metadata.namespace)}/${name}/${
    state.vmi?.createdAt ?? 0
  }`;
  const phase = String(status.phase);
  const scheduled = phase === 'Scheduled' || phase === 'Running';
  const running = scheduled && !state.vmi?.unschedulable;
  const ready = phase === 'Running';
  const since = state.vmi?.createdAt ?? state.since;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `virt-launcher-${name}-${podSuffixFrom(seed)}`,
      namespace: metadata.namespace,
      uid: uidFrom(`pod:${seed}`),
      resourceVersion: metadata.resourceVersion,
      creationTimestamp: metadata.creationTimestamp,
      labels: {
        'kubevirt.io': 'virt-launcher',
        'kubevirt.io/created-by': String(metadata.uid),
        'vm.kubevirt.io/name': name,
      },
      annotations: { 'kubevirt.io/domain': name },
      ownerReferences: [
        {
          apiVersion: 'kubevirt.io/v1',
          kind: 'VirtualMachineInstance',
          name,
          uid: metadata.uid,
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: {
      restartPolicy: 'Never',
      ...(scheduled ? { nodeName: status.nodeName } : {}),
      containers: [{ name: 'compute', image: VIRT_LAUNCHER_IMAGE }],
    },
    status: {
      phase: running ? 'Running' : 'Pending',
      conditions: [
        state.vmi?.unschedulable
          ? {
              type: 'PodScheduled',
              status: 'False',
              reason: 'Unschedulable',
              message: insufficientMemoryMessage(
                context.cluster.nodeNames.length,
              ),
              lastTransitionTime: timestamp(since),
            }
          : {
              type: 'PodScheduled',
              status: scheduled ? 'True' : 'False',
              lastTransitionTime: timestamp(since),
            },
        {
          type: 'Ready',
          status: ready ? 'True' : 'False',
          lastTransitionTime: timestamp(since),
        },
      ],
      containerStatuses: [
        {
          name: 'compute',
          image: VIRT_LAUNCHER_IMAGE,
          imageID: VIRT_LAUNCHER_IMAGE,
          ready,
          started: running,
          restartCount: 0,
          state: running
            ? { running: { startedAt: timestamp(since) } }
            : { waiting: { reason: 'ContainerCreating' } },
        },
      ],
      qosClass: 'Burstable',
      ...(running
        ? {
            podIP: podIpFrom(seed),
            hostIP: podIpFrom(`host:${String(status.nodeName)}`),
            startTime: timestamp(since),
          }
        : {}),
    },
  };
}
