import type { HealthStatusCode } from '../health';
import type {
  ApplicationSpec,
  OperationState,
  RevisionHistory,
} from '../types';
import type { RenderOutcome } from '../repoServer/kustomize/renderService';
import type { LiveResource } from './liveResource';
import type { ResourceRef } from './resourceRef';
import type { JsonObject } from '../health';

export interface TargetManifest {
  ref: ResourceRef;
  manifest: JsonObject;
  json: string;
}

/** What an ApplicationSet's template asked for one Application. */
export interface DesiredApplication {
  name: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  finalizers?: string[];
  spec: ApplicationSpec;
}

/** The target state last computed from Git for an application. */
export interface AppTarget {
  revision?: string;
  outcome: RenderOutcome;
  /** Each target manifest (as applied) by resource key, with its JSON; empty when the render failed. */
  manifests: Map<string, TargetManifest>;
}

/** Everything the simulated controllers hold about one Application. */
export interface AppRuntime {
  name: string;
  namespace: string;
  uid: string;
  createdAt: number;
  generation: number;
  owner: { name: string; uid: string };
  desired: DesiredApplication;
  target?: AppTarget;
  live: Map<string, LiveResource>;
  history: RevisionHistory[];
  operationState?: OperationState;
  reconciledAt?: number;
  health: { status: HealthStatusCode; since: number };
  /** Cancels the pending timer that re-evaluates health, if any. */
  cancelTimer?: () => void;
}
