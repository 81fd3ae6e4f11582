/*
 * The `kubevirtGitops.gitops` configuration, shared by the scaffolder module
 * and the backend (read once at startup). Schemas live in config.ts.
 */

/**
 * How the GitOps repository is laid out (see architecture.md).
 *
 * @public
 */
export type GitopsLayout = 'per-vm-applicationset' | 'shared-applicationset';

/**
 * What one request may ask for in an environment.
 *
 * @public
 */
export interface EnvironmentLimits {
  /** Most vCPUs one VM may have. */
  maxVcpus: number;
  /** Most memory one VM may have, as a quantity, e.g. `64Gi`. */
  maxMemory: string;
  /** Largest root disk, as a quantity, e.g. `500Gi`. */
  maxRootDisk: string;
  /**
   * Most VMs one request may create in this environment (one per matching
   * cluster). Applied by the action, which knows the cluster count.
   */
  maxVmsPerRequest?: number;
}

/**
 * A deployment environment (with defaults applied).
 *
 * @public
 */
export interface EnvironmentConfig {
  /** Short name, a DNS label: `dev`, `prod`. */
  name: string;
  title?: string;
  description?: string;
  /** ManagedCluster labels selecting its clusters; defaults to `{ env: name }`. */
  clusterSelector: Record<string, string>;
  /** Prefix of the VM name on its clusters; defaults to `<name>-`, may be empty. */
  namePrefix: string;
  limits: EnvironmentLimits;
  /** Image ids allowed here; absent means every catalog image (and container disks). */
  allowedImages?: string[];
  /** GitHub logins asked to review pull requests touching this environment. */
  reviewers?: string[];
  /** GitHub team slugs (without the organisation) asked to review. */
  teamReviewers?: string[];
}

/**
 * Where a catalog image boots from.
 *
 * @public
 */
export type ImageSource =
  | { kind: 'dataSource'; name: string; namespace: string }
  | { kind: 'containerDisk'; image: string };

/**
 * One entry of the image catalog offered to users.
 *
 * @public
 */
export interface ImageCatalogEntry {
  /** Stable id used in requests and `allowedImages`, e.g. `fedora`. */
  id: string;
  /** What users see, e.g. `Fedora 42`. */
  title: string;
  /** KubeVirt preference (OS profile), e.g. `fedora`. */
  preference: string;
  source: ImageSource;
}

/**
 * The whole `kubevirtGitops.gitops` configuration (with defaults applied).
 *
 * @public
 */
export interface GitopsConfig {
  /** The GitOps repository, e.g. `https://github.com/acme/vm-gitops`. */
  repoUrl: string;
  /** Branch pull requests target; defaults to `main`. */
  baseBranch: string;
  /** Defaults to `per-vm-applicationset`. */
  layout: GitopsLayout;
  environments: EnvironmentConfig[];
  /** Defaults to none (then only container disks can be requested). */
  images: ImageCatalogEntry[];
  /**
   * Repositories that already exist and hold VMs this product did not
   * create (e.g. the seed GitOps repo): discovered into the catalog and
   * operated (start/stop/resize/decommission) with pull requests. New VMs
   * are requested only in `repoUrl`. Defaults to none.
   */
  adoptedRepositories: AdoptedGitopsRepository[];
}

/**
 * One existing GitOps repository the product adopts.
 *
 * @public
 */
export interface AdoptedGitopsRepository {
  /** e.g. `https://github.com/0xFelix/gitops-demo`. */
  repoUrl: string;
  /** The branch ArgoCD follows there; defaults to `main`. */
  baseBranch: string;
}

/**
 * A configured GitOps repository (the primary one or an adopted one), parsed.
 *
 * @public
 */
export interface ConfiguredGitopsRepository {
  repoUrl: string;
  baseBranch: string;
  repository: GitopsRepository;
  /** `true` for `kubevirtGitops.gitops.repoUrl`, where new VMs are written. */
  primary: boolean;
  /** Where it is configured, e.g. `kubevirtGitops.gitops.adoptedRepositories[0]`. */
  configKey: string;
}

/**
 * A repository URL split into its parts.
 *
 * @public
 */
export interface GitopsRepository {
  /** e.g. `github.com` or a GitHub Enterprise host. */
  host: string;
  owner: string;
  repo: string;
}
