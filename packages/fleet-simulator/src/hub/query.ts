import type { KubeObject } from '../contracts';
import {
  LabelSelectorError,
  matchesLabelSelector,
  parseLabelSelector,
} from '../store';
import type { ParsedLabelSelector } from '../store';

/** Parsed query parameters of a list or watch request. */
export interface CollectionQuery {
  labelSelector?: ParsedLabelSelector;
  fieldSelector: FieldRequirement[];
  limit?: number;
  continueToken?: string;
  resourceVersion?: string;
  watch: boolean;
  allowWatchBookmarks: boolean;
  sendInitialEvents: boolean;
  timeoutSeconds?: number;
}

export interface FieldRequirement {
  field: 'metadata.name' | 'metadata.namespace';
  equals: boolean;
  value: string;
}

/** A query parameter that does not parse; the message is the API server's. */
export class QueryError extends Error {}

function parseFieldSelector(text: string): FieldRequirement[] {
  return text
    .split(',')
    .filter(part => part.trim() !== '')
    .map(part => {
      const match = /^\s*([^=!\s]+)\s*(==|=|!=)\s*([^\s]*)\s*$/.exec(part);
      if (!match)
        throw new QueryError(
          `invalid selector: '${text}'; can't understand '${part}'`,
        );
      const [, field, operator, value] = match;
      if (field !== 'metadata.name' && field !== 'metadata.namespace') {
        throw new QueryError(`field label not supported: ${field}`);
      }
      return { field, equals: operator !== '!=', value };
    });
}

function parseBoolean(value: string | null): boolean {
  return value === 'true' || value === '1';
}

function parseNonNegativeInteger(
  name: string,
  value: string | null,
): number | undefined {
  if (value === null || value === '') return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0) {
    throw new QueryError(`invalid value for ${name}: ${value}`);
  }
  return number;
}

/** Reads the list/watch options Kubernetes clients send. Throws {@link QueryError}. */
export function parseCollectionQuery(params: URLSearchParams): CollectionQuery {
  const labelText = params.get('labelSelector');
  let labelSelector: ParsedLabelSelector | undefined;
  try {
    labelSelector = labelText ? parseLabelSelector(labelText) : undefined;
  } catch (error) {
    if (error instanceof LabelSelectorError) {
      throw new QueryError(`unable to parse requirement: ${error.message}`);
    }
    throw error;
  }
  const limit = parseNonNegativeInteger('limit', params.get('limit'));
  return {
    labelSelector,
    fieldSelector: parseFieldSelector(params.get('fieldSelector') ?? ''),
    limit: limit === 0 ? undefined : limit,
    continueToken: params.get('continue') || undefined,
    resourceVersion: params.get('resourceVersion') || undefined,
    watch: parseBoolean(params.get('watch')),
    allowWatchBookmarks: parseBoolean(params.get('allowWatchBookmarks')),
    sendInitialEvents: parseBoolean(params.get('sendInitialEvents')),
    timeoutSeconds: parseNonNegativeInteger(
      'timeoutSeconds',
      params.get('timeoutSeconds'),
    ),
  };
}

/** Whether an object passes the namespace, label and field filters of a request. */
export function objectFilter(
  query: Pick<CollectionQuery, 'labelSelector' | 'fieldSelector'>,
  namespace: string | undefined,
): (object: KubeObject) => boolean {
  const { labelSelector, fieldSelector } = query;
  return object => {
    if (namespace !== undefined && object.metadata.namespace !== namespace)
      return false;
    if (
      labelSelector &&
      !matchesLabelSelector(object.metadata.labels, labelSelector)
    )
      return false;
    return fieldSelector.every(({ field, equals, value }) => {
      const actual =
        field === 'metadata.name'
          ? object.metadata.name
          : object.metadata.namespace ?? '';
      return (actual === value) === equals;
    });
  };
}
