/*
 * A gzipped ustar archive of a commit, laid out like GitHub's tarballs: one
 * top-level folder `<owner>-<repo>-<sha7>/` and a pax global header carrying
 * the commit id.
 */
import { gzipSync } from 'node:zlib';
import type { GitRepository } from './repository';

const BLOCK = 512;

function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, '0')}\0`;
}

function splitName(path: string): { name: string; prefix: string } {
  if (Buffer.byteLength(path) <= 100) return { name: path, prefix: '' };
  for (
    let index = path.indexOf('/');
    index >= 0;
    index = path.indexOf('/', index + 1)
  ) {
    const prefix = path.slice(0, index);
    const name = path.slice(index + 1);
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(name) <= 100) {
      return { name, prefix };
    }
  }
  throw new Error(`Path too long for a tar archive: ${path}`);
}

function header(
  path: string,
  type: '0' | '2' | '5' | 'g',
  size: number,
  mode: number,
  mtime: number,
  linkName = '',
): Buffer {
  const block = Buffer.alloc(BLOCK);
  const { name, prefix } = splitName(path);
  block.write(name, 0, 100, 'utf8');
  block.write(octal(mode, 8), 100, 8, 'ascii');
  block.write(octal(0, 8), 108, 8, 'ascii');
  block.write(octal(0, 8), 116, 8, 'ascii');
  block.write(octal(size, 12), 124, 12, 'ascii');
  block.write(octal(mtime, 12), 136, 12, 'ascii');
  block.write('        ', 148, 8, 'ascii');
  block.write(type, 156, 1, 'ascii');
  block.write(linkName, 157, 100, 'utf8');
  block.write('ustar\0', 257, 6, 'ascii');
  block.write('00', 263, 2, 'ascii');
  block.write('root', 265, 32, 'ascii');
  block.write('root', 297, 32, 'ascii');
  block.write(prefix, 345, 155, 'utf8');
  let checksum = 0;
  for (const byte of block) checksum += byte;
  block.write(`${checksum.toString(8).padStart(6, '0')}\0 `, 148, 8, 'ascii');
  return block;
}

function padding(size: number): Buffer {
  const remainder = size % BLOCK;
  return Buffer.alloc(remainder === 0 ? 0 : BLOCK - remainder);
}

function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  let length = body.length + 1;
  while (String(length).length + body.length !== length) {
    length = String(length).length + body.length;
  }
  return `${length}${body}`;
}

/** The folder name GitHub puts at the top of a tarball. */
export function archiveRootName(
  repository: GitRepository,
  commitSha: string,
): string {
  return `${repository.owner}-${repository.name}-${commitSha.slice(0, 7)}`;
}

export function createTarball(
  repository: GitRepository,
  commitSha: string,
): Buffer {
  const commit = repository.commit(commitSha);
  if (!commit) throw new Error(`Commit ${commitSha} not found`);
  const mtime = commit.committer.epochSeconds;
  const root = archiveRootName(repository, commitSha);
  const parts: Buffer[] = [];
  const pax = Buffer.from(paxRecord('comment', commitSha));
  parts.push(
    header('pax_global_header', 'g', pax.length, 0o666, mtime),
    pax,
    padding(pax.length),
  );
  parts.push(header(`${root}/`, '5', 0, 0o755, mtime));
  for (const { path, entry } of repository.walk(commit.tree, true)) {
    const fullPath = `${root}/${path}`;
    if (entry.type === 'tree') {
      parts.push(header(`${fullPath}/`, '5', 0, 0o755, mtime));
      continue;
    }
    const blob = repository.blob(entry.sha);
    if (!blob) continue;
    if (entry.mode === '120000') {
      parts.push(
        header(fullPath, '2', 0, 0o777, mtime, blob.content.toString('utf8')),
      );
      continue;
    }
    const mode = entry.mode === '100755' ? 0o755 : 0o644;
    parts.push(header(fullPath, '0', blob.content.length, mode, mtime));
    parts.push(blob.content, padding(blob.content.length));
  }
  parts.push(Buffer.alloc(BLOCK * 2));
  return gzipSync(Buffer.concat(parts));
}
