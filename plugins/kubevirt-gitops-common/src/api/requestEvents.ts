/*
 * The event the scaffolder action and the lifecycle actions publish through
 * Backstage's events service once node's writer opened (or found) a VM pull
 * request: who asked, for which VM, which pull request. The backend plugin
 * subscribes to it to track the request to its end (timeline, notifications).
 */
import type { VmOperation } from '../request/vmOperationTypes';

/**
 * The events-service topic of {@link VmRequestEvent}.
 *
 * @public
 */
export const VM_REQUEST_EVENT_TOPIC = 'kubevirt-gitops.vm-request';

/**
 * A VM pull request was opened (or an identical open one was returned).
 *
 * @public
 */
export interface VmRequestEvent {
  kind: 'opened';
  /** The user entity ref of who ran the template or action (or `service:…`). */
  requester?: string;
  /** The GitOps repository, `owner/repo`. */
  repository: string;
  /** The repository's web URL as configured (`https://github.com/owner/repo`). */
  repoUrl: string;
  pullRequest: {
    number: number;
    url: string;
    title: string;
    branch: string;
    /** An identical open pull request existed and was returned. */
    reused: boolean;
  };
  /** The VM's base name in the GitOps repository. */
  vmName: string;
  /** The VM's catalog entity ref, e.g. `resource:default/my-vm`. */
  entityRef: string;
  operation: VmOperation;
  /** The environments the change touches. */
  environments: string[];
  /**
   * The state the VM should reach where the change lands: `Running`,
   * `Stopped`, or `Deleted` (decommission); absent when the change keeps
   * whatever run strategy the VM has (resize).
   */
  declaredState?: 'Running' | 'Stopped' | 'Deleted';
  /** ISO time the pull request was opened (or found). */
  openedAt: string;
}
