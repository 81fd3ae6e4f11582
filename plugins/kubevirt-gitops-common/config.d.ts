export interface Config {
  /**
   * Configuration of the kubevirt-gitops plugins. The GitOps repository and
   * its environments are declared here, once, for the scaffolder module, the
   * backend and the frontend; each backend package declares its own keys.
   */
  kubevirtGitops?: {
    /**
     * The GitOps repository VM pull requests are opened against, and what
     * users may request. Credentials for the repository are not here: they
     * come from `integrations.github` (a token or a GitHub App) for the
     * repository's host.
     */
    gitops?: {
      /**
       * The GitOps repository, e.g. `https://github.com/acme/vm-gitops` or,
       * on GitHub Enterprise, `https://ghe.example.com/acme/vm-gitops`.
       * @visibility frontend
       */
      repoUrl: string;
      /**
       * Branch pull requests target and ArgoCD follows. Default `main`.
       * @visibility frontend
       */
      baseBranch?: string;
      /**
       * Repository layout: `per-vm-applicationset` (default: one
       * ApplicationSet per VM under `applicationsets/vms/<vm>/`) or
       * `shared-applicationset` (one matrix ApplicationSet, VMs under
       * `vms/<vm>/`).
       * @visibility frontend
       */
      layout?: 'per-vm-applicationset' | 'shared-applicationset';
      /**
       * ArgoCD project of the generated Applications. Default `default`.
       * @visibility backend
       */
      argocdProject?: string;
      /**
       * The environments users can deploy to (at least one).
       * @visibility frontend
       */
      /**
       * Existing GitOps repositories whose VMs the product discovers and
       * operates (start, stop, resize, decommission) with pull requests,
       * e.g. the seed repository `https://github.com/0xFelix/gitops-demo`.
       * New VMs are requested only in `repoUrl`. Credentials come from
       * `integrations.github` for each repository's host.
       * @visibility frontend
       */
      adoptedRepositories?: Array<{
        /**
         * The repository URL, e.g. `https://github.com/0xFelix/gitops-demo`.
         * @visibility frontend
         */
        repoUrl: string;
        /**
         * The branch ArgoCD follows there. Default `main`.
         * @visibility frontend
         */
        baseBranch?: string;
      }>;
      environments: Array<{
        /**
         * Short name, a DNS label: `dev`, `prod`. Also the overlay folder.
         * @visibility frontend
         */
        name: string;
        /**
         * Title shown in forms.
         * @visibility frontend
         */
        title?: string;
        /**
         * Longer description shown in forms.
         * @visibility frontend
         */
        description?: string;
        /**
         * ManagedCluster labels selecting the environment's clusters.
         * Default `{ env: <name> }`.
         * @visibility frontend
         */
        clusterSelector?: { [label: string]: string };
        /**
         * Prefix of the VM's name on the environment's clusters. Default
         * `<name>-`; may be empty.
         * @visibility frontend
         */
        namePrefix?: string;
        /**
         * What one VM may use in this environment.
         * @visibility frontend
         */
        limits: {
          /**
           * Most vCPUs of one VM.
           * @visibility frontend
           */
          maxVcpus: number;
          /**
           * Most memory of one VM, a quantity such as `64Gi`.
           * @visibility frontend
           */
          maxMemory: string;
          /**
           * Largest root disk, a quantity such as `500Gi`.
           * @visibility frontend
           */
          maxRootDisk: string;
          /**
           * Most VMs one request may create (one per matching cluster).
           * @visibility frontend
           */
          maxVmsPerRequest?: number;
        };
        /**
         * Ids of the images allowed here; every catalog image when absent.
         * @visibility frontend
         */
        allowedImages?: string[];
        /**
         * GitHub logins asked to review pull requests touching this
         * environment.
         * @visibility frontend
         */
        reviewers?: string[];
        /**
         * GitHub team slugs (without the organisation) asked to review,
         * e.g. `platform-team`.
         * @visibility frontend
         */
        teamReviewers?: string[];
      }>;
      /**
       * The image catalog offered to users.
       * @visibility frontend
       */
      images?: Array<{
        /**
         * Stable id used in requests and `allowedImages`, e.g. `fedora`.
         * @visibility frontend
         */
        id: string;
        /**
         * What users see, e.g. `Fedora 42`.
         * @visibility frontend
         */
        title: string;
        /**
         * KubeVirt preference (OS profile), e.g. `fedora`.
         * @visibility frontend
         */
        preference: string;
        /**
         * Where the root disk is imported from.
         * @visibility frontend
         */
        source:
          | {
              /** @visibility frontend */
              kind: 'dataSource';
              /**
               * DataSource name.
               * @visibility frontend
               */
              name: string;
              /**
               * DataSource namespace.
               * @visibility frontend
               */
              namespace: string;
            }
          | {
              /** @visibility frontend */
              kind: 'containerDisk';
              /**
               * Container image, e.g. `quay.io/containerdisks/fedora:42`.
               * @visibility frontend
               */
              image: string;
            };
      }>;
    };
  };
}
