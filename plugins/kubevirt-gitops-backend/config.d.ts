export interface Config {
  /** Configuration of the kubevirt-gitops plugins. */
  kubevirtGitops?: {
    /** ArgoCD API servers the backend reads Applications from. */
    argocd?: {
      instances: Array<{
        /** Short name (a DNS label), used in errors and the `kubevirt-gitops.io/argocd-instance` annotation. */
        name: string;
        /** API server base URL, e.g. `https://argocd.example.com`. */
        url: string;
        /**
         * A bearer token (an ArgoCD account token). Either this or username/password.
         * @visibility secret
         */
        token?: string;
        /** Local ArgoCD user for a session (cached until it expires). */
        username?: string;
        /**
         * Password of `username`.
         * @visibility secret
         */
        password?: string;
        /** PEM CA bundle (or base64 of one) that signed the API server's certificate. */
        caData?: string;
        /** Path of a PEM CA bundle file, read at startup. */
        caFile?: string;
        /** Do not verify this instance's TLS certificate (logged as a warning; this instance only). */
        skipTLSVerify?: boolean;
        /** Base URL of the ArgoCD UI for links; defaults to `url`. */
        uiUrl?: string;
        /** Namespace of the Application objects when ArgoCD serves apps in any namespace. */
        appNamespace?: string;
        /** Label selector narrowing the fleet's Application list, e.g. `kubevirt-gitops.io/vm`. */
        applicationSelector?: string;
        /** Timeout of each request, in milliseconds (default `kubevirtGitops.timeouts.argocdMs`). */
        timeoutMs?: number;
      }>;
    };
    /** OCM hubs the backend reads managed clusters from. */
    ocm?: {
      hubs: Array<{
        /** Short name (a DNS label), used in errors. */
        name: string;
        /** The hub's Kubernetes API URL (with `token`), or use `kubeconfigPath`. */
        url?: string;
        /**
         * Bearer token of a service account allowed to list ManagedClusters,
         * ManagedClusterSets, Placements and PlacementDecisions.
         * @visibility secret
         */
        token?: string;
        /** PEM CA bundle (or base64 of one) of the hub's API server. */
        caData?: string;
        /** Path of a PEM CA bundle file, read at startup. */
        caFile?: string;
        /** Do not verify this hub's TLS certificate (logged as a warning; this hub only). */
        skipTLSVerify?: boolean;
        /** Path of a kubeconfig file instead of url/token/CA. */
        kubeconfigPath?: string;
        /** Context of that kubeconfig (default: its current context). */
        kubeconfigContext?: string;
        /** ManagedClusterSets to show; default: every cluster. */
        clusterSets?: string[];
        /** Timeout of each list page, in milliseconds (default `kubevirtGitops.timeouts.hubMs`). */
        timeoutMs?: number;
        /** `limit` of each list page (default 500). */
        pageSize?: number;
      }>;
    };
    // kubevirtGitops.gitops (the repository and its environments) is
    // declared once, in @internal/plugin-kubevirt-gitops-common's config.d.ts.
    /** How often data is refreshed and how long it is reused. */
    refresh?: {
      /** Fleet snapshot refresh interval in seconds (default 30). */
      fleetIntervalSeconds?: number;
      /** How long a VM's detail (resource tree, live objects) is reused, in seconds (default 15). */
      detailTtlSeconds?: number;
      /** How long the open pull requests are reused, in seconds (default 60). */
      pullRequestTtlSeconds?: number;
      /**
       * The largest fleet snapshot part (one ArgoCD instance or hub, gzipped)
       * written to the shared cache, in MiB (default 32; at most 512, Redis'
       * value limit). Lower it to what your cache accepts, e.g. 1 for
       * memcached's default item size.
       */
      maxSnapshotPartMegabytes?: number;
      /**
       * Watch the upstreams (OCM hub informers, ArgoCD's application event
       * stream) and publish each change as it happens (default true). One
       * replica watches at a time; false: list every fleetIntervalSeconds.
       */
      watch?: boolean;
      /**
       * While the upstreams are watched, how often the full lists still run
       * as a safety net, in seconds (default 300).
       */
      watchSafetyNetSeconds?: number;
      /**
       * How often the backend reads again the whole answer of a VM a page
       * watches, for its live signal, in seconds: while it is not at rest
       * (default 2) and at rest (default 10).
       */
      liveRecheckSeconds?: { pending?: number; settled?: number };
      /**
       * How often the request tracker looks at the open VM requests (their
       * pull request, at most once per pullRequestTtlSeconds each, and the
       * VM's rows once merged), in seconds (default 1).
       */
      requestCheckSeconds?: number;
    };
    /** Default per-request timeouts, in milliseconds (default 5000 each). */
    timeouts?: {
      argocdMs?: number;
      hubMs?: number;
      githubMs?: number;
    };
    /** Limits of the on-demand VM detail. */
    detail?: {
      /** Most Applications one VM request loads detail for, problem rows first (default 25). */
      maxApplications?: number;
      /** Parallel upstream calls per request (default 8). */
      concurrency?: number;
    };
    /** Fleet page settings. */
    fleet?: {
      /** Regular expression matching the names of virtualization stack Applications. */
      virtualizationStackPattern?: string;
    };
  };
}
