import type {
  UpstreamError,
  UpstreamErrorKind,
} from '@internal/plugin-kubevirt-gitops-common';

/**
 * The configuration key of an upstream's connection, from the error's
 * source (`argocd:<name>`, `ocm:<name>`, `github`), for the hints.
 */
function configKeyOf(source: string): string {
  const [type, ...rest] = source.split(':');
  const name = rest.join(':');
  if (type === 'argocd') return `kubevirtGitops.argocd.instances (${name})`;
  if (type === 'ocm') return `kubevirtGitops.ocm.hubs (${name})`;
  if (type === 'github') return 'integrations.github';
  return source;
}

/**
 * What to do about an upstream failure, per kind: for the platform team
 * reading the warning (the message says what happened; this, where to look).
 * Undefined where there is nothing to do but wait.
 */
export function upstreamErrorHint(error: UpstreamError): string | undefined {
  const key = configKeyOf(error.source);
  const hints: Record<UpstreamErrorKind, string | undefined> = {
    unreachable: `Check the URL in ${key} and that the Backstage backend can reach it (DNS, proxy, firewall, CA).`,
    timeout: `It answered too slowly; if this lasts, check its load or raise timeoutMs in ${key}.`,
    'credentials-rejected': `The token was refused: renew the token in ${key} (the backend's configuration).`,
    forbidden: `The token lacks permission: grant its account the reads in "Upstream access the tokens need" (the backend plugin's README), for ${key}.`,
    'not-found': `Check the URL in ${key} and the names the entity's annotations give.`,
    conflict: undefined,
    'bad-request': `The upstream refused the request as sent; its version may not be supported (see the plugin README).`,
    'rate-limited': `Rate-limited: the backend waits as long as the upstream asks and tries again.`,
    unavailable: `The upstream itself is failing; the last good data stays shown until it answers.`,
    'bad-answer': `The answer was not the API's: check that the URL in ${key} points at the API itself, not at a login page or proxy.`,
    'not-answered-yet': undefined,
    stale: `The refresh keeps failing: see the backend's log for ${error.source}.`,
    'not-listed': `Check the entity's kubevirt-gitops.io annotations against what ${error.source} lists.`,
    config: `See the plugin's configuration (${key}) in the backend's app-config.`,
  };
  return hints[error.kind];
}
