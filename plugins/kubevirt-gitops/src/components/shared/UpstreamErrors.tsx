import type { UpstreamError } from '@internal/plugin-kubevirt-gitops-common';
import { Alert } from '@backstage/ui';

/**
 * Upstreams that failed while the rest of the answer arrived: a warning
 * above the data, which stays visible.
 */
export function UpstreamErrors(props: { errors: UpstreamError[] }) {
  if (props.errors.length === 0) {
    return null;
  }
  return (
    <Alert
      status="warning"
      icon
      title={`Some sources did not answer (${props.errors.length}); what is shown may be incomplete`}
      description={
        <ul style={{ margin: 0, paddingInlineStart: '1.25em' }}>
          {props.errors.map(error => (
            <li key={`${error.source}:${error.message}`}>
              <strong>{error.source}</strong>: {error.message}
            </li>
          ))}
        </ul>
      }
    />
  );
}
