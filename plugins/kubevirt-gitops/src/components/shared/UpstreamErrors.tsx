import type { UpstreamError } from '@internal/plugin-kubevirt-gitops-common';
import { Alert } from '@backstage/ui';
import { formatMessageTimes } from './format';
import { upstreamErrorHint } from './upstreamErrorHints';

/**
 * Upstreams that failed while the rest of the answer arrived: a warning
 * above the data, which stays visible. Times in the messages (the last good
 * data's) are shown as the local clock with their age as of `now` (default:
 * the time of rendering). Each says where to look, by its kind.
 */
export function UpstreamErrors(props: {
  errors: UpstreamError[];
  now?: number;
}) {
  if (props.errors.length === 0) {
    return null;
  }
  const now = props.now ?? Date.now();
  return (
    <Alert
      status="warning"
      icon
      title={`Some sources did not answer (${props.errors.length}); what is shown may be incomplete`}
      description={
        <ul style={{ margin: 0, paddingInlineStart: '1.25em' }}>
          {props.errors.map(error => {
            const hint = upstreamErrorHint(error);
            return (
              <li
                key={`${error.source}:${error.message}`}
                data-error-kind={error.kind}
              >
                <strong>{error.source}</strong>:{' '}
                {formatMessageTimes(error.message, now)}
                {hint ? <em> {hint}</em> : null}
              </li>
            );
          })}
        </ul>
      }
    />
  );
}
