/*
 * One repository: its object database and its references. Objects are
 * immutable and content-addressed; references are the only mutable state.
 */
import {
  compareTreeEntries,
  encodeGitObject,
  hashGitObject,
  isFullSha,
} from './objects';
import type {
  BlobObject,
  CommitObject,
  FileMode,
  GitObject,
  TreeEntry,
  TreeObject,
} from './objects';

export interface FileEntry {
  mode: FileMode;
  sha: string;
}

/** A tree entry found by path, with its full path. */
export interface PathEntry extends TreeEntry {
  path: string;
}

const FLATTENED_TREE_CACHE_SIZE = 64;

export class GitRepository {
  private readonly objects = new Map<string, GitObject>();
  private readonly sizes = new Map<string, number>();
  private readonly refs = new Map<string, string>();
  private readonly flattened = new Map<string, Map<string, FileEntry>>();

  constructor(readonly owner: string, readonly name: string) {}

  has(sha: string): boolean {
    return this.objects.has(sha);
  }

  object(sha: string): GitObject | undefined {
    return this.objects.get(sha);
  }

  /** Size in bytes of the object's body, as `git cat-file -s` reports it. */
  size(sha: string): number {
    return this.sizes.get(sha) ?? 0;
  }

  blob(sha: string): BlobObject | undefined {
    const object = this.objects.get(sha);
    return object?.type === 'blob' ? object : undefined;
  }

  tree(sha: string): TreeObject | undefined {
    const object = this.objects.get(sha);
    return object?.type === 'tree' ? object : undefined;
  }

  commit(sha: string): CommitObject | undefined {
    const object = this.objects.get(sha);
    return object?.type === 'commit' ? object : undefined;
  }

  write(object: GitObject): string {
    const body = encodeGitObject(object);
    const sha = hashGitObject(object.type, body);
    if (!this.objects.has(sha)) {
      this.objects.set(sha, object);
      this.sizes.set(sha, body.length);
    }
    return sha;
  }

  writeBlob(content: Buffer | string): string {
    const bytes =
      typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    return this.write({ type: 'blob', content: bytes });
  }

  writeTree(entries: TreeEntry[]): string {
    const sorted = [...entries].sort(compareTreeEntries);
    return this.write({ type: 'tree', entries: sorted });
  }

  writeCommit(commit: Omit<CommitObject, 'type'>): string {
    return this.write({ type: 'commit', ...commit });
  }

  getRef(fullName: string): string | undefined {
    return this.refs.get(fullName);
  }

  setRef(fullName: string, sha: string): void {
    this.refs.set(fullName, sha);
  }

  deleteRef(fullName: string): boolean {
    return this.refs.delete(fullName);
  }

  /** References whose full name starts with `prefix`, sorted by name. */
  listRefs(prefix = 'refs/'): Array<{ ref: string; sha: string }> {
    const matching: Array<{ ref: string; sha: string }> = [];
    for (const [ref, sha] of this.refs) {
      if (ref.startsWith(prefix)) matching.push({ ref, sha });
    }
    return matching.sort((a, b) => (a.ref < b.ref ? -1 : 1));
  }

  /**
   * The object a ref names: `main`, `heads/main`, `refs/heads/main`, a tag,
   * or a full or abbreviated (7+ characters) SHA.
   */
  resolve(ref: string): string | undefined {
    const candidates = ref.startsWith('refs/')
      ? [ref]
      : [`refs/${ref}`, `refs/heads/${ref}`, `refs/tags/${ref}`];
    for (const candidate of candidates) {
      const sha = this.refs.get(candidate);
      if (sha) return sha;
    }
    if (isFullSha(ref)) return this.objects.has(ref) ? ref : undefined;
    if (/^[0-9a-f]{7,39}$/.test(ref)) {
      for (const sha of this.objects.keys()) {
        if (sha.startsWith(ref)) return sha;
      }
    }
    return undefined;
  }

  /** The commit a ref names, peeling nothing else: undefined unless it is a commit. */
  resolveCommit(ref: string): string | undefined {
    const sha = this.resolve(ref);
    return sha && this.commit(sha) ? sha : undefined;
  }

  /** The entry at `path` inside a tree; the empty path is the tree itself. */
  entryAt(treeSha: string, path: string): PathEntry | undefined {
    const segments = path.split('/').filter(segment => segment.length > 0);
    let current: PathEntry = {
      name: '',
      path: '',
      mode: '040000',
      type: 'tree',
      sha: treeSha,
    };
    for (const segment of segments) {
      const tree = current.type === 'tree' ? this.tree(current.sha) : undefined;
      const entry = tree?.entries.find(candidate => candidate.name === segment);
      if (!entry) return undefined;
      current = {
        ...entry,
        path: current.path ? `${current.path}/${segment}` : segment,
      };
    }
    return current;
  }

  /** Every blob (and submodule) path in a tree, sorted the way Git lists them. Cached per tree. */
  files(treeSha: string): Map<string, FileEntry> {
    const cached = this.flattened.get(treeSha);
    if (cached) return cached;
    const files = new Map<string, FileEntry>();
    for (const { path, entry } of this.walk(treeSha, true)) {
      if (entry.type !== 'tree')
        files.set(path, { mode: entry.mode, sha: entry.sha });
    }
    if (this.flattened.size >= FLATTENED_TREE_CACHE_SIZE) {
      const oldest = this.flattened.keys().next();
      if (!oldest.done) this.flattened.delete(oldest.value);
    }
    this.flattened.set(treeSha, files);
    return files;
  }

  /** Entries of a tree in Git order; with `recursive`, subtrees are followed (pre-order). */
  walk(
    treeSha: string,
    recursive: boolean,
  ): Array<{ path: string; entry: TreeEntry }> {
    const result: Array<{ path: string; entry: TreeEntry }> = [];
    this.collect(treeSha, recursive, '', result);
    return result;
  }

  private collect(
    treeSha: string,
    recursive: boolean,
    prefix: string,
    into: Array<{ path: string; entry: TreeEntry }>,
  ): void {
    const tree = this.tree(treeSha);
    if (!tree) return;
    for (const entry of tree.entries) {
      const path = prefix ? `${prefix}/${entry.name}` : entry.name;
      into.push({ path, entry });
      if (recursive && entry.type === 'tree') {
        this.collect(entry.sha, true, path, into);
      }
    }
  }
}
