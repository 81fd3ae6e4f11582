import type { CSSProperties, ReactNode } from 'react';

/*
 * A semantic HTML table drawn with the @backstage/ui tokens (the look of the
 * BUI Table). The VM tab and the fleet page show hundreds of rows: the React
 * Aria grid behind the BUI Table costs about 1 s of main thread for 200 rows
 * of rich cells, a plain table a fraction of it. It stays keyboard
 * accessible the plain way: every link in it is a tab stop.
 */

export const cellStyle: CSSProperties = {
  padding: 'var(--bui-space-3)',
  fontFamily: 'var(--bui-font-regular)',
  fontSize: 'var(--bui-font-size-3)',
  fontWeight: 'var(--bui-font-weight-regular)',
  lineHeight: 1.15,
  color: 'var(--bui-fg-primary)',
  textAlign: 'left',
  verticalAlign: 'top',
  overflow: 'hidden',
};

const headStyle: CSSProperties = {
  ...cellStyle,
  fontWeight: 'var(--bui-font-weight-bold)',
  verticalAlign: 'bottom',
};

export const rowStyle: CSSProperties = {
  borderBottom: '1px solid var(--bui-border-2)',
};

const tableStyle: CSSProperties = {
  width: '100%',
  borderCollapse: 'collapse',
  tableLayout: 'fixed',
};

/** A second, smaller line under a cell's main content. */
export const secondaryStyle: CSSProperties = {
  display: 'block',
  marginTop: 2,
  color: 'var(--bui-fg-secondary)',
  fontSize: 'var(--bui-font-size-1)',
  whiteSpace: 'nowrap',
  overflow: 'hidden',
  textOverflow: 'ellipsis',
};

/** A cell's main line: one line, ellipsis when too long. */
export const primaryStyle: CSSProperties = {
  display: 'block',
  whiteSpace: 'nowrap',
  overflow: 'hidden',
  textOverflow: 'ellipsis',
};

export const linkStyle: CSSProperties = {
  color: 'var(--bui-fg-primary)',
  textDecoration: 'underline',
  textUnderlineOffset: 2,
};

export interface PlainColumn {
  id: string;
  name: string;
  /** Fixed width (e.g. `12%`): the table keeps its shape across refreshes. */
  width: string;
}

/** A table with fixed column widths; `children` are its body rows. */
export function PlainTable(props: {
  label: string;
  columns: readonly PlainColumn[];
  busy?: boolean;
  children: ReactNode;
}) {
  return (
    <table aria-label={props.label} aria-busy={props.busy} style={tableStyle}>
      <colgroup>
        {props.columns.map(column => (
          <col key={column.id} style={{ width: column.width }} />
        ))}
      </colgroup>
      <thead>
        <tr style={rowStyle}>
          {props.columns.map(column => (
            <th key={column.id} scope="col" style={headStyle}>
              {column.name}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{props.children}</tbody>
    </table>
  );
}
