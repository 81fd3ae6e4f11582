import type { Application, ApplicationStatus } from '../types';
import type { AppRuntime } from './appRuntime';
import { timestamp } from './liveResource';

/** The Application object of a runtime with a freshly computed status. */
export function buildApplication(
  runtime: AppRuntime,
  status: ApplicationStatus,
): Application {
  const { desired } = runtime;
  return {
    metadata: {
      name: runtime.name,
      namespace: runtime.namespace,
      uid: runtime.uid,
      resourceVersion: '',
      generation: runtime.generation,
      creationTimestamp: timestamp(runtime.createdAt),
      ...(desired.labels ? { labels: desired.labels } : {}),
      ...(desired.annotations ? { annotations: desired.annotations } : {}),
      ownerReferences: [
        {
          apiVersion: 'argoproj.io/v1alpha1',
          kind: 'ApplicationSet',
          name: runtime.owner.name,
          uid: runtime.owner.uid,
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
      ...(desired.finalizers ? { finalizers: desired.finalizers } : {}),
    },
    spec: desired.spec,
    status,
  };
}
