/*
 * The Backstage signal channels the backend publishes on when what a page
 * shows has changed (the fleet snapshot, or one VM's rows). A signal
 * carries no data a permission guards: the page reloads through the
 * permission-checked routes.
 */

/**
 * The channel of the fleet: a signal when the fleet snapshot changed.
 *
 * @public
 */
export const FLEET_SIGNAL_CHANNEL = 'kubevirt-gitops:fleet';

/**
 * The channel of one VM entity: a signal when its rows changed (sync,
 * health, the VM's state, its cluster's availability).
 *
 * @public
 */
export function vmSignalChannel(entityRef: string): string {
  return `kubevirt-gitops:vm:${entityRef.toLocaleLowerCase('en-US')}`;
}

/**
 * What a kubevirt-gitops signal says.
 *
 * @public
 */
export interface KubevirtGitopsSignal {
  [key: string]: string;
  /** `fleet` or `vm`. */
  kind: 'fleet' | 'vm';
  /** When the snapshot that changed was taken (ISO time). */
  snapshotAt: string;
}
