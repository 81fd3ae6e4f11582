export { createObjectStore, objectKey } from './objectStore';
export type {
  HubObjectStore,
  ObjectStoreOptions,
  RecordedStoreEvent,
} from './objectStore';
export {
  LabelSelectorError,
  labelSelectorFromObject,
  matchesLabelSelector,
  matchesLabelSelectorObject,
  parseLabelSelector,
} from './labelSelector';
export type {
  LabelRequirement,
  LabelSelectorObject,
  ParsedLabelSelector,
  RequirementOperator,
} from './labelSelector';
export { deepFreeze, kubeTimestamp } from './objects';
