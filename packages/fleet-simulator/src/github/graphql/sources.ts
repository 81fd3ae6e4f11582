/*
 * What the resolvers hand to graphql-js for GitHub's object types: the
 * model's records, or small objects around them. Each source of an
 * abstract type (GitObject, Node, RequestedReviewer) names its GraphQL
 * type in `__typename`, which graphql-js's default type resolver reads.
 */
import type { RepoRecord, PullRecord, TeamRecord } from '../model';
import type { GithubContext } from '../http/route';
import type { TreeEntry } from '../../git/objects';

/** A resolver failure, reported in GitHub's format with its `type` (e.g. `NOT_FOUND`). */
export class FieldError extends Error {
  constructor(readonly type: string, message: string) {
    super(message);
    this.name = 'FieldError';
  }
}

export type Args = Record<string, unknown>;

export interface RefSource {
  __typename: 'Ref';
  repo: RepoRecord;
  /** Fully qualified, e.g. `refs/heads/main`. */
  name: string;
}

export interface GitObjectSource {
  __typename: 'Commit' | 'Tree' | 'Blob';
  repo: RepoRecord;
  oid: string;
  /** Path of a tree or blob from the root of the commit it was reached from. */
  path?: string;
}

export interface TreeEntrySource {
  repo: RepoRecord;
  entry: TreeEntry;
  path: string;
}

export interface PullSource {
  repo: RepoRecord;
  pull: PullRecord;
}

export interface TeamSource {
  __typename: 'Team';
  team: TeamRecord;
}

const TYPENAMES = {
  commit: 'Commit',
  tree: 'Tree',
  blob: 'Blob',
} as const;

export function refSource(repo: RepoRecord, name: string): RefSource {
  return { __typename: 'Ref', repo, name };
}

/** The Git object `oid` of `repo`, or null when there is none. */
export function gitObject(
  repo: RepoRecord,
  oid: string,
  path?: string,
): GitObjectSource | null {
  const object = repo.git.object(oid);
  if (!object) return null;
  return { __typename: TYPENAMES[object.type], repo, oid, path };
}

export function refNodeId(
  context: GithubContext,
  repo: RepoRecord,
  name: string,
): string {
  return context.model.nodeId('REF', `${repo.id}:${name}`);
}

/** `args[name]` when it is a string. */
export function str(args: Args, name: string): string | undefined {
  const value = args[name];
  return typeof value === 'string' ? value : undefined;
}
