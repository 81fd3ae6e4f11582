export interface Config {
  kubevirtGitops?: {
    /**
     * How pull-request previews and the pull-request oracle render
     * kustomizations: with the real kustomize, over the planned tree in a
     * private temporary folder, without network access.
     */
    preview?: {
      /**
       * The command and its arguments before the directory. Default
       * `['kubectl', 'kustomize']`; `['kustomize', 'build']` works too.
       * Without a working command, changes to existing VMs are refused
       * (they cannot be verified) and new VMs open with an unverified body.
       * @visibility backend
       */
      kustomizeCommand?: string[];
      /**
       * Seconds one build may take. Default 20.
       * @visibility backend
       */
      timeoutSeconds?: number;
      /**
       * Bytes of output one build may print. Default 16 MiB.
       * @visibility backend
       */
      maxOutputBytes?: number;
    };
  };
}
