import type { RunningSimulator } from './startSimulator';

/** The banner the CLI prints once the simulator runs. */
export function summary(
  simulator: Pick<
    RunningSimulator,
    | 'urls'
    | 'credentials'
    | 'scenario'
    | 'caFile'
    | 'repositories'
    | 'skippedRepositories'
  >,
  { hideCredentials = false } = {},
): string {
  const { urls, scenario, caFile } = simulator;
  const hidden = "(hidden: see the scenario's credentials)";
  const credentials = hideCredentials
    ? {
        argocd: { username: 'admin', password: hidden, tokens: [] },
        hub: { token: hidden },
        github: { token: hidden },
      }
    : simulator.credentials;
  return [
    `Fleet simulator running (scenario ${scenario.name}, time scale ${scenario.timeScale}x, seed ${scenario.seed})`,
    '',
    `  control API   ${urls.control}        (GET /state, /log?upstream=..., POST /faults, ...)`,
    `  ArgoCD        ${urls.argocd}        user ${
      credentials.argocd.username
    } / password ${credentials.argocd.password}${
      credentials.argocd.tokens.length > 0
        ? `, token ${credentials.argocd.tokens[0]}`
        : ''
    }`,
    `  OCM hub       ${urls.hub}       bearer token ${credentials.hub.token}`,
    ...(caFile ? [`                hub CA file ${caFile}`] : []),
    `  GitHub        ${urls.githubApi}  token ${credentials.github.token}`,
    ...simulator.repositories.map(
      repository =>
        `                GitOps repository ${repository.url} (branch ${repository.defaultBranch}, ${repository.files} files)`,
    ),
    ...simulator.skippedRepositories.map(
      skipped =>
        `                not served: ${skipped.owner}/${skipped.repo}: ${skipped.reason}`,
    ),
    '',
    `  ${scenario.hub.clusters.length} managed clusters; press Ctrl+C to stop.`,
    '',
  ].join('\n');
}
