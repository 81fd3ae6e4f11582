import type { AppRuntime } from '../../applicationController/appRuntime';
import type { ClusterRuntime } from '../../clusters/types';
import type { VirtualMachineHealthRule } from '../../health';

/** What the resource views need about one application at one moment. */
export interface AppLiveAccess {
  runtime: AppRuntime;
  /** Its destination cluster, if ArgoCD knows it. */
  cluster?: ClusterRuntime;
  /** Simulated now, in ms. */
  now: number;
  vmRule: VirtualMachineHealthRule;
}
