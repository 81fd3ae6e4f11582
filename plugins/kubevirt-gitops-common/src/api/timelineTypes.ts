/*
 * The request→running timeline of a VM entity (N1): per pull request the
 * product opened for it, the steps from "opened" to "the VM reached its
 * declared state" on each targeted cluster, with times. The backend records
 * the steps as it sees them (the scaffolder action's request event, GitHub
 * webhooks or reads, the fleet snapshot) and notifies the requester once per
 * step.
 */
import type { VmOperation } from '../request/vmOperationTypes';

/**
 * One step of a VM request.
 *
 * - `opened`: the pull request was opened (by the template or a lifecycle action).
 * - `merged` / `closed`: merged into the base branch, or closed without merge.
 * - `synced`: ArgoCD synced the merged revision on `cluster`.
 * - `reached`: the VM reached its declared state on `cluster` (Running,
 *   Stopped, or gone for a decommission).
 * - `failed`: it cannot get there on `cluster` (`reason`: ErrorUnschedulable,
 *   sync failed, DataVolume failed, ...).
 * - `completed`: `reached` on every targeted cluster.
 *
 * @public
 */
export type VmTimelineStepKind =
  | 'opened'
  | 'merged'
  | 'closed'
  | 'synced'
  | 'reached'
  | 'failed'
  | 'completed';

/**
 * A step with its time.
 *
 * @public
 */
export interface VmTimelineStep {
  step: VmTimelineStepKind;
  /** ISO time the backend saw the step. */
  at: string;
  /** The cluster of a per-cluster step (`synced`, `reached`, `failed`). */
  cluster?: string;
  /** e.g. the state reached (`Running`) or the failure reason. */
  detail?: string;
}

/**
 * One VM request (one pull request) and its steps, oldest first.
 *
 * @public
 */
export interface VmTimelineRequest {
  pullRequest: { number: number; url: string; title?: string; repo: string };
  operation?: VmOperation;
  /** The user entity ref of who ran the template or action. */
  requester?: string;
  /** The clusters the request targets (known once merged and synced). */
  clusters: string[];
  /** The state the VM should reach (`Running`, `Stopped`, `Deleted`). */
  declaredState?: string;
  steps: VmTimelineStep[];
}

/**
 * The answer of `GET /entities/:namespace/:kind/:name/timeline`, newest request first.
 *
 * @public
 */
export interface VmTimelineResponse {
  entityRef: string;
  requests: VmTimelineRequest[];
}
