/*
 * Line counts and the unified-diff `patch` of one file, as GitHub shows
 * them in pull request files and commit listings: the hunks of `git diff`
 * (3 lines of context, no file headers), computed by jsdiff (`diff`).
 * Hunk headers follow Git: a count of 1 is left out (`@@ -4 +4 @@`), an
 * empty side starts at the line before (`@@ -0,0 +1,3 @@`), and the header
 * ends with Git's default "function" line: the last line above the hunk
 * that starts with a letter, `_` or `$` (in YAML, the top-level key).
 */
import { structuredPatch, type StructuredPatchHunk } from 'diff';

export interface LineChanges {
  additions: number;
  deletions: number;
  /** Undefined for binary files and for changes without line differences. */
  patch?: string;
}

const CONTEXT_LINES = 3;
const NO_NEWLINE = '\\ No newline at end of file';
/** Git's default funcname rule (xdiff's `def_ff`), and the length it keeps. */
const FUNCTION_LINE = /^[A-Za-z_$]/;
const FUNCTION_LINE_BYTES = 80;

function isBinary(content: Buffer | undefined): boolean {
  return content !== undefined && content.includes(0);
}

function range(start: number, count: number): string {
  if (count === 0) return `${start - 1},0`;
  return count === 1 ? `${start}` : `${start},${count}`;
}

/** Git's text after a hunk header: the nearest function line above `start` (1-based). */
function sectionHeading(oldLines: string[], start: number): string {
  for (let index = start - 2; index >= 0; index--) {
    const line = oldLines[index];
    if (FUNCTION_LINE.test(line)) {
      const kept = Buffer.from(line)
        .subarray(0, FUNCTION_LINE_BYTES)
        .toString('utf8')
        .trimEnd();
      return ` ${kept}`;
    }
  }
  return '';
}

/**
 * The hunk's lines, without the "no newline" marker jsdiff puts after the
 * last line of a side that is empty or does end with a newline.
 */
function hunkLines(
  hunk: StructuredPatchHunk,
  before: string,
  after: string,
): string[] {
  const complete = (text: string) => text === '' || text.endsWith('\n');
  return hunk.lines.filter((line, index) => {
    if (line !== NO_NEWLINE) return true;
    const side = hunk.lines[index - 1]?.[0];
    if (side === '-') return !complete(before);
    if (side === '+') return !complete(after);
    return !complete(before) || !complete(after);
  });
}

export function lineChanges(
  before: Buffer | undefined,
  after: Buffer | undefined,
): LineChanges {
  if (isBinary(before) || isBinary(after)) {
    return { additions: 0, deletions: 0 };
  }
  const oldText = before?.toString('utf8') ?? '';
  const newText = after?.toString('utf8') ?? '';
  const { hunks } = structuredPatch('a', 'b', oldText, newText, '', '', {
    context: CONTEXT_LINES,
  });
  if (hunks.length === 0) return { additions: 0, deletions: 0 };
  let additions = 0;
  let deletions = 0;
  const text: string[] = [];
  const oldLines = oldText.split('\n');
  for (const hunk of hunks) {
    const lines = hunkLines(hunk, oldText, newText);
    additions += lines.filter(line => line.startsWith('+')).length;
    deletions += lines.filter(line => line.startsWith('-')).length;
    text.push(
      `@@ -${range(hunk.oldStart, hunk.oldLines)} +${range(
        hunk.newStart,
        hunk.newLines,
      )} @@${sectionHeading(oldLines, hunk.oldStart)}`,
      ...lines,
    );
  }
  return { additions, deletions, patch: text.join('\n') };
}
