/*
 * Line counts and a unified-diff `patch` for one file, as GitHub shows them
 * in pull request files and commit listings. The diff is one hunk around
 * the changed region (common prefix and suffix trimmed), which is exact for
 * the typical single-region edit and a fair estimate otherwise.
 */

export interface LineChanges {
  additions: number;
  deletions: number;
  /** Undefined for binary files and for changes without line differences. */
  patch?: string;
}

const CONTEXT_LINES = 3;

function isBinary(content: Buffer | undefined): boolean {
  return content !== undefined && content.includes(0);
}

function linesOf(content: Buffer | undefined): string[] {
  if (!content || content.length === 0) return [];
  const lines = content.toString('utf8').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function range(start: number, count: number): string {
  return `${count === 0 ? start : start + 1},${count}`;
}

export function lineChanges(
  before: Buffer | undefined,
  after: Buffer | undefined,
): LineChanges {
  if (isBinary(before) || isBinary(after))
    return { additions: 0, deletions: 0 };
  const oldLines = linesOf(before);
  const newLines = linesOf(after);
  let prefix = 0;
  while (
    prefix < oldLines.length &&
    prefix < newLines.length &&
    oldLines[prefix] === newLines[prefix]
  ) {
    prefix++;
  }
  let suffix = 0;
  while (
    suffix < oldLines.length - prefix &&
    suffix < newLines.length - prefix &&
    oldLines[oldLines.length - 1 - suffix] ===
      newLines[newLines.length - 1 - suffix]
  ) {
    suffix++;
  }
  const removed = oldLines.slice(prefix, oldLines.length - suffix);
  const added = newLines.slice(prefix, newLines.length - suffix);
  if (removed.length === 0 && added.length === 0)
    return { additions: 0, deletions: 0 };

  const contextStart = Math.max(0, prefix - CONTEXT_LINES);
  const leading = oldLines.slice(contextStart, prefix);
  const trailing = oldLines.slice(
    oldLines.length - suffix,
    oldLines.length - suffix + CONTEXT_LINES,
  );
  const oldCount = leading.length + removed.length + trailing.length;
  const newCount = leading.length + added.length + trailing.length;
  const body = [
    ...leading.map(line => ` ${line}`),
    ...removed.map(line => `-${line}`),
    ...added.map(line => `+${line}`),
    ...trailing.map(line => ` ${line}`),
  ];
  const header = `@@ -${range(contextStart, oldCount)} +${range(
    contextStart,
    newCount,
  )} @@`;
  return {
    additions: added.length,
    deletions: removed.length,
    patch: [header, ...body].join('\n'),
  };
}
