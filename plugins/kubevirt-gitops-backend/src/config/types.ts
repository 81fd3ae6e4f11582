/*
 * The typed backend configuration, read once at startup by readBackendConfig.
 * Durations are milliseconds; credentials stay inside the clients that use
 * them and never reach a response or a log line.
 */
import type { GitopsConfig } from '@internal/plugin-kubevirt-gitops-common';

/** How the backend authenticates to an ArgoCD API server. */
export type ArgocdAuth =
  | { type: 'token'; token: string }
  | { type: 'session'; username: string; password: string };

/** TLS settings of one upstream. */
export interface UpstreamTls {
  /** PEM CA bundle (from `caData`, or read from `caFile` at startup). */
  ca?: string;
  /** Opt-in, per upstream; logged as a warning at startup. */
  skipTLSVerify: boolean;
}

/** One configured ArgoCD instance. */
export interface ArgocdInstanceConfig {
  name: string;
  /** API server base URL, without a trailing slash. */
  url: string;
  auth: ArgocdAuth;
  tls: UpstreamTls;
  /** Base URL of the ArgoCD UI for links (defaults to `url`). */
  uiUrl: string;
  /** Namespace of the Application objects, when not ArgoCD's own (apps in any namespace). */
  appNamespace?: string;
  /** Narrows the fleet list of Applications (a label selector), when set. */
  applicationSelector?: string;
  timeoutMs: number;
}

/** Where an OCM hub's Kubernetes API is and how to reach it. */
export type OcmHubConnection =
  | { type: 'url'; url: string; token: string; tls: UpstreamTls }
  | { type: 'kubeconfig'; path: string; context?: string };

/** One configured OCM hub. */
export interface OcmHubConfig {
  name: string;
  connection: OcmHubConnection;
  /** ManagedClusterSets to show; empty shows every cluster. */
  clusterSets: string[];
  timeoutMs: number;
  /** `limit` of each list page. */
  pageSize: number;
}

/** Refresh intervals and cache lifetimes. */
export interface RefreshConfig {
  /** How often the fleet snapshot is refreshed. */
  fleetIntervalMs: number;
  /** How long a VM's on-demand detail (resource tree, live objects) is reused. */
  detailTtlMs: number;
  /** How long the open pull requests of the GitOps repository are reused. */
  pullRequestTtlMs: number;
  /**
   * The largest snapshot part (one upstream, gzipped and base64-encoded)
   * written to the shared cache; a larger one is not written, and the part
   * says why (the last one stays).
   */
  maxSnapshotPartBytes: number;
  /**
   * Watch the upstreams (hub informers, ArgoCD's application stream) and
   * publish changes as they happen; off: list every `fleetIntervalMs` only.
   */
  watch: boolean;
  /** While watched, how often the full lists still run (the safety net). */
  watchSafetyNetMs: number;
  /** Whole-answer rereads of watched VMs for live signals (ms). */
  liveRecheckMs: { pending: number; settled: number };
  /** How often the request tracker looks at the open VM requests (ms). */
  requestCheckMs: number;
}

/** Limits of the on-demand VM detail. */
export interface DetailConfig {
  /** Most Applications whose detail one VM request loads (problem rows first). */
  maxApplications: number;
  /** Parallel upstream calls per request. */
  concurrency: number;
}

/** The whole `kubevirtGitops` backend configuration. */
export interface BackendConfig {
  argocd: ArgocdInstanceConfig[];
  hubs: OcmHubConfig[];
  /** Absent when `kubevirtGitops.gitops` is not configured. */
  gitops?: GitopsConfig;
  refresh: RefreshConfig;
  detail: DetailConfig;
  githubTimeoutMs: number;
  /** Matches the names of virtualization stack Applications (KubeVirt, CDI, HyperConverged). */
  virtualizationStackPattern: RegExp;
}
