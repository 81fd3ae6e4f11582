/*
 * Markdown helpers for pull request bodies: user text is escaped so it can
 * neither break the layout (tables, code fences, HTML) nor mention people.
 */

/** Escapes text for a table cell or a paragraph (one line). */
export function escapeInline(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .replace(/([\\`*_[\]|#~!])/g, '\\$1')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/@/g, '&#64;');
}

/** Multi-line user text as a block quote, each line escaped. */
export function quoteBlock(text: string): string {
  return text
    .split(/\r?\n/)
    .map(line => `> ${escapeInline(line)}`)
    .join('\n');
}

/** A fenced code block whose fence is longer than any backtick run inside. */
export function codeBlock(content: string, language: string): string {
  const longest = Math.max(
    0,
    ...(content.match(/`+/g) ?? []).map(run => run.length),
  );
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${language}\n${
    content.endsWith('\n') ? content : `${content}\n`
  }${fence}`;
}

/** A markdown table. */
export function table(
  header: readonly string[],
  rows: ReadonlyArray<readonly string[]>,
): string {
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map(row => `| ${row.join(' | ')} |`),
  ].join('\n');
}

/** A collapsible section. */
export function details(summary: string, body: string): string {
  return `<details><summary>${summary}</summary>\n\n${body}\n\n</details>`;
}
