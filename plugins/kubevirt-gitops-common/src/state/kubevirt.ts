/*
 * KubeVirt vocabulary the product reads and writes (from kubevirt.io/api
 * core/v1 types.go). Kept as our own constants; a contract test compares
 * them with the reference extraction.
 */

/**
 * Every value of a VirtualMachine's `status.printableStatus`.
 *
 * @public
 */
export const vmPrintableStatuses = [
  'Stopped',
  'Provisioning',
  'Starting',
  'Running',
  'Paused',
  'Stopping',
  'Terminating',
  'CrashLoopBackOff',
  'Migrating',
  'Unknown',
  'ErrorUnschedulable',
  'ErrImagePull',
  'ImagePullBackOff',
  'ErrorPvcNotFound',
  'DataVolumeError',
  'WaitingForVolumeBinding',
  'WaitingForReceiver',
] as const;

/**
 * A VirtualMachine `status.printableStatus` value.
 *
 * @public
 */
export type VmPrintableStatus = (typeof vmPrintableStatuses)[number];

/**
 * Every valid `spec.runStrategy` of a VirtualMachine.
 *
 * @public
 */
export const kubevirtRunStrategies = [
  'Always',
  'Halted',
  'Manual',
  'RerunOnFailure',
  'Once',
  'WaitAsReceiver',
] as const;

/**
 * A VirtualMachine `spec.runStrategy` as KubeVirt knows it.
 *
 * @public
 */
export type KubevirtRunStrategy = (typeof kubevirtRunStrategies)[number];

/**
 * The run strategies a user may request through a pull request.
 *
 * @public
 */
export const requestableRunStrategies = [
  'Always',
  'Halted',
  'Manual',
  'RerunOnFailure',
] as const;

/**
 * A run strategy a user may request.
 *
 * @public
 */
export type VmRunStrategy = (typeof requestableRunStrategies)[number];

/**
 * Every VirtualMachineInstance `status.phase` (the empty string is "unset").
 *
 * @public
 */
export const vmiPhases = [
  '',
  'Pending',
  'Scheduling',
  'Scheduled',
  'Running',
  'Succeeded',
  'Failed',
  'WaitingForSync',
  'Unknown',
] as const;

/**
 * A VirtualMachineInstance phase.
 *
 * @public
 */
export type VmiPhase = (typeof vmiPhases)[number];

/**
 * A Kubernetes-style status condition, as found on VirtualMachines,
 * VirtualMachineInstances, DataVolumes and ManagedClusters.
 *
 * @public
 */
export interface StatusCondition {
  type: string;
  /** `True`, `False` or `Unknown`. */
  status: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
}

/** @internal */
export function isOneOf<T extends string>(
  values: readonly T[],
  value: string | undefined,
): value is T {
  return value !== undefined && (values as readonly string[]).includes(value);
}
