/*
 * Git objects exactly as Git stores them: a header `<type> <size>\0` followed
 * by the body, named by the SHA-1 of both. Blobs, trees and commits hash to
 * the same ids real Git (and GitHub) gives the same content.
 */
import { createHash } from 'node:crypto';

/** Tree entry modes as the GitHub API spells them. */
export type FileMode = '100644' | '100755' | '040000' | '120000' | '160000';

export type TreeEntryType = 'blob' | 'tree' | 'commit';

export interface TreeEntry {
  name: string;
  mode: FileMode;
  type: TreeEntryType;
  sha: string;
}

/** Author or committer line: who, and when (seconds since the epoch, with the UTC offset in minutes). */
export interface GitSignature {
  name: string;
  email: string;
  epochSeconds: number;
  utcOffsetMinutes: number;
}

export interface BlobObject {
  type: 'blob';
  content: Buffer;
}

export interface TreeObject {
  type: 'tree';
  /** Sorted in Git's order. */
  entries: TreeEntry[];
}

export interface CommitObject {
  type: 'commit';
  tree: string;
  parents: string[];
  author: GitSignature;
  committer: GitSignature;
  message: string;
}

export type GitObject = BlobObject | TreeObject | CommitObject;

export function hashGitObject(type: GitObject['type'], body: Buffer): string {
  return createHash('sha1')
    .update(`${type} ${body.length}\0`)
    .update(body)
    .digest('hex');
}

export function entryTypeForMode(mode: FileMode): TreeEntryType {
  if (mode === '040000') return 'tree';
  if (mode === '160000') return 'commit';
  return 'blob';
}

/** Git sorts tree entries by name, comparing a subtree's name as if it ended with '/'. */
export function compareTreeEntries(a: TreeEntry, b: TreeEntry): number {
  const left = a.type === 'tree' ? `${a.name}/` : a.name;
  const right = b.type === 'tree' ? `${b.name}/` : b.name;
  return Buffer.compare(Buffer.from(left), Buffer.from(right));
}

export function encodeTree(entries: TreeEntry[]): Buffer {
  const parts: Buffer[] = [];
  for (const entry of entries) {
    // Git writes directory modes without the leading zero.
    const mode = entry.mode === '040000' ? '40000' : entry.mode;
    parts.push(Buffer.from(`${mode} ${entry.name}\0`));
    parts.push(Buffer.from(entry.sha, 'hex'));
  }
  return Buffer.concat(parts);
}

export function formatUtcOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const absolute = Math.abs(minutes);
  const hours = String(Math.floor(absolute / 60)).padStart(2, '0');
  return `${sign}${hours}${String(absolute % 60).padStart(2, '0')}`;
}

function encodeSignature(role: string, signature: GitSignature): string {
  return `${role} ${signature.name} <${signature.email}> ${
    signature.epochSeconds
  } ${formatUtcOffset(signature.utcOffsetMinutes)}\n`;
}

export function encodeCommit(commit: Omit<CommitObject, 'type'>): Buffer {
  let text = `tree ${commit.tree}\n`;
  for (const parent of commit.parents) text += `parent ${parent}\n`;
  text += encodeSignature('author', commit.author);
  text += encodeSignature('committer', commit.committer);
  text += `\n${commit.message}`;
  return Buffer.from(text, 'utf8');
}

export function encodeGitObject(object: GitObject): Buffer {
  switch (object.type) {
    case 'blob':
      return object.content;
    case 'tree':
      return encodeTree(object.entries);
    default:
      return encodeCommit(object);
  }
}

/** Converts a signature to the ISO 8601 form the GitHub API shows (UTC, no milliseconds). */
export function signatureDate(signature: GitSignature): string {
  return new Date(signature.epochSeconds * 1000)
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z');
}

/**
 * Parses an ISO 8601 timestamp such as `2024-05-01T10:00:00+02:00` keeping
 * its UTC offset, as GitHub does for commit author dates. Returns undefined
 * when the text is not a timestamp.
 */
export function parseSignatureDate(
  text: string,
): Pick<GitSignature, 'epochSeconds' | 'utcOffsetMinutes'> | undefined {
  const millis = Date.parse(text);
  if (Number.isNaN(millis)) return undefined;
  const offset = /([+-])(\d{2}):?(\d{2})$/.exec(text);
  const utcOffsetMinutes = offset
    ? (offset[1] === '-' ? -1 : 1) *
      (Number(offset[2]) * 60 + Number(offset[3]))
    : 0;
  return { epochSeconds: Math.floor(millis / 1000), utcOffsetMinutes };
}

export function isFullSha(text: string): boolean {
  return /^[0-9a-f]{40}$/.test(text);
}
