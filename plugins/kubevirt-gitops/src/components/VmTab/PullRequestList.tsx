import { Alert, Link } from '@backstage/ui';
import { formatClock, plural } from '../shared/format';
import type {
  VmOperation,
  VmPullRequest,
} from '@internal/plugin-kubevirt-gitops-common';

const OPERATION_WORDS: Record<VmOperation, string> = {
  create: 'Create',
  'set-run-strategy': 'Start/stop',
  resize: 'Resize',
  decommission: 'Decommission',
};

/** The operation, unless the title already starts with it. */
function operationPrefix(pr: VmPullRequest): string | undefined {
  const words = pr.operation ? OPERATION_WORDS[pr.operation] : undefined;
  return words && !pr.title.toLowerCase().startsWith(words.toLowerCase())
    ? words
    : undefined;
}

/**
 * Open pull requests that will change this VM, on top of the tab: what they
 * do and where to review them. With `asOf`, GitHub did not answer since that
 * time: the list is the one read then, and says so.
 */
export function PullRequestList(props: {
  pullRequests: VmPullRequest[];
  asOf?: Date;
}) {
  const { pullRequests, asOf } = props;
  if (pullRequests.length === 0) {
    return null;
  }
  return (
    <Alert
      status="info"
      icon
      title={`${plural(
        pullRequests.length,
        'open pull request',
      )} will change this VM${
        asOf
          ? ` (as GitHub listed them at ${formatClock(
              asOf,
            )}; it has not answered since)`
          : ''
      }`}
      description={
        <ul
          aria-label="Open pull requests"
          style={{ margin: 0, paddingInlineStart: '1.25em' }}
        >
          {pullRequests.map(pr => (
            <li key={pr.number}>
              {operationPrefix(pr) ? (
                <strong>{operationPrefix(pr)}: </strong>
              ) : null}
              {pr.title} pending review:{' '}
              <Link
                href={pr.url}
                target="_blank"
                rel="noopener noreferrer"
                aria-label={`#${pr.number}: ${pr.title} (opens in a new tab)`}
              >
                #{pr.number}
              </Link>
              {pr.author ? ` (by ${pr.author})` : null}
            </li>
          ))}
        </ul>
      }
    />
  );
}
