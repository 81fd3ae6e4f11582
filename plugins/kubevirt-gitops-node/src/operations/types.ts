/*
 * What planning an operation produces: the file change set of one pull
 * request, with the rendered preview of every environment.
 */
import type { JsonObject } from '@backstage/types';
import type {
  GitopsConfig,
  VmLimitCheck,
  VmOperation,
} from '@internal/plugin-kubevirt-gitops-common';
import type { KustomizeRunner } from '../kustomize/kustomizeRunner';
import type { VmPaths } from '@internal/plugin-kubevirt-gitops-common';
import type { ArgocdTarget } from '../manifests/applicationSet';
import type { OracleVerdict } from '../oracle/checkChange';

/**
 * One file of a change set: new content, or deleted.
 *
 * @public
 */
export type FileChange =
  | { path: string; content: string }
  | { path: string; deleted: true };

/**
 * A VM's files on the base branch, as far as an operation needs them.
 *
 * @public
 */
export interface VmRepositoryState {
  /** Every file path under the VM's folder on the base branch. */
  paths: readonly string[];
  /** Contents of the VM's kustomize files (what previews and edits need). */
  files: ReadonlyMap<string, string>;
}

/**
 * What planning needs besides the operation.
 *
 * @public
 */
export interface PlanContext {
  config: GitopsConfig;
  argocd: ArgocdTarget;
  /** The real kustomize, for previews and the oracle. */
  kustomize: KustomizeRunner;
}

/**
 * The VM as one environment will get it, read from the rendered manifests.
 *
 * @public
 */
export interface EnvironmentSummary {
  environment: string;
  /** `metadata.name` after the environment's prefix. */
  vmName: string;
  /** `u1.medium (1 vCPU, 4Gi)` or `2 vCPUs, 8Gi`. */
  sizeLabel: string;
  runStrategy: string;
  /** Image: DataSource `namespace/name` or the container image. */
  image: string;
  rootDisk: string;
  limitChecks: VmLimitCheck[];
}

/**
 * The manifests `kubectl kustomize` renders for one environment after the
 * change, or why they could not be rendered.
 *
 * @public
 */
export interface EnvironmentPreview {
  environment: string;
  /** The overlay directory, e.g. `applicationsets/vms/my-vm/kustomize/dev`. */
  directory: string;
  /** Exactly what kustomize prints for the directory. */
  manifests?: string;
  objects?: JsonObject[];
  summary?: EnvironmentSummary;
  /** Why there is no preview (an unsupported or broken kustomization). */
  error?: string;
}

/**
 * The file change set of one operation, ready to become a pull request.
 *
 * @public
 */
export interface VmChangeSet {
  operation: VmOperation;
  vm: string;
  paths: VmPaths;
  /** `kubevirt-gitops/<operation>/<vm>`. */
  branch: string;
  title: string;
  /** One paragraph for the commit message and the body. */
  description: string;
  files: FileChange[];
  /** The VM's environments after the change (empty after a decommission). */
  environments: string[];
  /** Environments this change touches. */
  changedEnvironments: string[];
  previews: EnvironmentPreview[];
  entityRef: string;
  /**
   * The oracle's verdict (every overlay rendered before and after), or why
   * it did not run (no kustomize: only a request or decommission opens then).
   */
  verification: { verdict: OracleVerdict } | { notRun: string };
}
