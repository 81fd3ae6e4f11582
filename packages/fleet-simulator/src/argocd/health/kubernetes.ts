import type { HealthStatus, JsonObject } from './types';
import { asObject, asObjectArray, asString, health } from './types';

const WAITING_ERRORS = new Set([
  'ErrImagePull',
  'ImagePullBackOff',
  'CrashLoopBackOff',
  'CreateContainerConfigError',
  'InvalidImageName',
  'CreateContainerError',
]);

function isPodReady(status: JsonObject | undefined): boolean {
  return asObjectArray(status?.conditions).some(
    c => c.type === 'Ready' && c.status === 'True',
  );
}

/** gitops-engine's built-in health of a core/v1 Pod (`getCorev1PodHealth`). */
export function podHealth(pod: JsonObject): HealthStatus {
  const status = asObject(pod.status);
  const message = asString(status?.message);
  for (const container of asObjectArray(status?.containerStatuses)) {
    const waiting = asObject(asObject(container.state)?.waiting);
    const reason = asString(waiting?.reason);
    if (reason && WAITING_ERRORS.has(reason)) {
      return health('Degraded', asString(waiting?.message));
    }
  }
  switch (asString(status?.phase)) {
    case 'Pending':
      return health('Progressing', message);
    case 'Succeeded':
      return health('Healthy', message);
    case 'Failed':
      return health('Degraded', message);
    case 'Running': {
      const restartPolicy =
        asString(asObject(pod.spec)?.restartPolicy) ?? 'Always';
      if (restartPolicy !== 'Always') {
        // Finite pods (OnFailure/Never), e.g. hooks and virt-launcher, stay Progressing.
        return health('Progressing', message);
      }
      return isPodReady(status)
        ? { status: 'Healthy' }
        : { status: 'Progressing' };
    }
    default:
      return health('Unknown', message);
  }
}

/** gitops-engine's built-in health of a core/v1 PersistentVolumeClaim. */
export function persistentVolumeClaimHealth(pvc: JsonObject): HealthStatus {
  switch (asString(asObject(pvc.status)?.phase)) {
    case 'Bound':
      return { status: 'Healthy' };
    case 'Lost':
      return { status: 'Degraded' };
    case 'Pending':
      return { status: 'Progressing' };
    default:
      return { status: 'Unknown' };
  }
}
