export { InMemoryGitStore } from './store';
export type { BranchUpdatedEvent, NewRepository } from './store';
export { GitRepository } from './repository';
export type { FileEntry, PathEntry } from './repository';
export {
  hashGitObject,
  encodeCommit,
  encodeTree,
  entryTypeForMode,
  parseSignatureDate,
  signatureDate,
} from './objects';
export type {
  BlobObject,
  CommitObject,
  FileMode,
  GitObject,
  GitSignature,
  TreeEntry,
  TreeEntryType,
  TreeObject,
} from './objects';
export { editTree, isValidTreePath, MissingPathError } from './treeEdit';
export type { TreeEdit } from './treeEdit';
export { diffTrees } from './treeDiff';
export type { FileChange, FileChangeStatus } from './treeDiff';
export {
  ancestors,
  commitsBetween,
  isAncestor,
  log,
  mergeBase,
} from './history';
export { mergeCommits } from './merge';
export type { MergeResult } from './merge';
export { archiveRootName, createTarball } from './archive';
