/*
 * The seams between the simulator's parts. Each upstream (GitHub, OCM hub,
 * ArgoCD) is built against these interfaces only, so the parts stay
 * independent and `startSimulator` wires them together.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Simulated time: `--time-scale N` makes simulated time run N times faster. */
export interface Clock {
  /** Simulated now. */
  now(): Date;
  /** Runs `fn` after `simulatedMs` of simulated time. Returns a cancel function. */
  setTimeout(fn: () => void, simulatedMs: number): () => void;
  readonly timeScale: number;
}

/** A Kubernetes object as stored by the hub (plain JSON). */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    uid?: string;
    resourceVersion?: string;
    generation?: number;
    creationTimestamp?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoreEvent {
  type: WatchEventType;
  object: KubeObject;
}

/**
 * The hub's object store, keyed by kind (e.g. 'ManagedCluster',
 * 'PlacementDecision'), namespace and name. Every write bumps a global
 * resourceVersion and emits an event.
 */
export interface ObjectStore {
  list(
    kind: string,
    options?: { namespace?: string; labelSelector?: string },
  ): KubeObject[];
  get(kind: string, name: string, namespace?: string): KubeObject | undefined;
  /** Creates or replaces; sets uid/resourceVersion/creationTimestamp. Returns the stored copy. */
  upsert(object: KubeObject): KubeObject;
  delete(kind: string, name: string, namespace?: string): boolean;
  subscribe(listener: (event: StoreEvent) => void): () => void;
  /** The current global resourceVersion. */
  resourceVersion(): string;
}

/** Read access to the simulated Git repositories (owned by the GitHub part). */
export interface GitStore {
  /** Commit SHA a branch name, tag or SHA points at, if any. */
  resolveRef(owner: string, repo: string, ref: string): string | undefined;
  /** Every file path (blobs only) in a commit's tree, sorted. */
  listFiles(owner: string, repo: string, commitSha: string): string[];
  readFile(
    owner: string,
    repo: string,
    commitSha: string,
    path: string,
  ): string | undefined;
  /** Writes a commit's files into `dir` (created if missing). */
  checkout(
    owner: string,
    repo: string,
    commitSha: string,
    dir: string,
  ): Promise<void>;
  /** Called after any branch moves (push through the API, or a merge). */
  onBranchUpdated(
    listener: (event: {
      owner: string;
      repo: string;
      branch: string;
      sha: string;
    }) => void,
  ): () => void;
}

/** A node:http request listener for one upstream. */
export type UpstreamHandler = (
  req: IncomingMessage,
  res: ServerResponse,
) => void | Promise<void>;

export type UpstreamName = 'github' | 'argocd' | 'hub';
