/*
 * The typed kind an upstream error carries to the `errors[]` entry it
 * becomes: common's mark (node's GitHub layer marks its errors the same
 * way). A file of its own so that json.ts can mark errors without importing
 * errors.ts, which imports json.ts.
 */
export {
  markedUpstreamErrorKind as markedKind,
  withUpstreamErrorKind as withKind,
} from '@internal/plugin-kubevirt-gitops-common';
