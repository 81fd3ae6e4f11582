import type { JsonObject } from '../argocd/health';
import type { LiveResource } from '../argocd/applicationController/liveResource';
import { timestamp } from '../argocd/applicationController/liveResource';
import type { VmState } from './vmTimeline';

export interface Condition {
  type: string;
  status: 'True' | 'False';
  reason?: string;
  message?: string;
  at: number;
}

export function toCondition({
  type,
  status,
  reason,
  message,
  at,
}: Condition): JsonObject {
  return {
    type,
    status,
    lastProbeTime: null,
    lastTransitionTime: timestamp(at),
    ...(reason ? { reason } : {}),
    ...(message ? { message } : {}),
  };
}

/** The scheduler's message for a pod that asks more memory than any node has. */
export function insufficientMemoryMessage(nodeCount: number): string {
  return `0/${nodeCount} nodes are available: ${nodeCount} Insufficient memory. preemption: 0/${nodeCount} nodes are available: ${nodeCount} No preemption victims found for incoming pod.`;
}

/** The VMI's conditions at a state (copied onto the VM, as KubeVirt does). */
export function vmiConditions(state: VmState, nodeCount: number): Condition[] {
  const vmi = state.vmi;
  if (!vmi) return [];
  if (vmi.ready) {
    const at = state.since;
    return [
      { type: 'Ready', status: 'True', at },
      { type: 'LiveMigratable', status: 'True', at },
      { type: 'AgentConnected', status: 'True', at },
    ];
  }
  const conditions: Condition[] = [
    {
      type: 'Ready',
      status: 'False',
      reason: 'GuestNotRunning',
      message: 'Guest VM is not reported as running',
      at: vmi.createdAt,
    },
  ];
  if (vmi.unschedulable && vmi.phase === 'Scheduling') {
    conditions.push({
      type: 'PodScheduled',
      status: 'False',
      reason: 'Unschedulable',
      message: insufficientMemoryMessage(nodeCount),
      at: state.since,
    });
  }
  return conditions;
}

export function vmConditions(
  live: LiveResource,
  state: VmState,
  nodeCount: number,
): Condition[] {
  const conditions = state.created
    ? vmiConditions(state, nodeCount)
    : [
        {
          type: 'Ready',
          status: 'False' as const,
          reason: 'VMINotExists',
          message: 'VMI does not exist',
          at: state.since,
        },
      ];
  if (live.vm?.restartRequired && state.vmi) {
    conditions.push({
      type: 'RestartRequired',
      status: 'True',
      message: 'a non-live-updatable field was changed in the template spec',
      at: state.since,
    });
  }
  return conditions;
}
