import { Box } from '@backstage/ui';

/** A block of YAML to copy, readable by screen readers as code. */
export function CodeSnippet(props: { code: string; label: string }) {
  return (
    <Box
      as="pre"
      aria-label={props.label}
      style={{
        margin: 0,
        padding: 'var(--bui-space-3)',
        borderRadius: 'var(--bui-radius-2)',
        background: 'var(--bui-bg-neutral-2)',
        fontFamily: 'var(--bui-font-monospace)',
        fontSize: 'var(--bui-font-size-2)',
        overflowX: 'auto',
        whiteSpace: 'pre',
      }}
    >
      <code>{props.code}</code>
    </Box>
  );
}
