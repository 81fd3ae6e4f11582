import { Flex, Skeleton } from '@backstage/ui';
import { cellStyle, PlainTable, rowStyle } from '../shared/PlainTable';
import { VM_TABLE_COLUMNS } from './VmClusterTable';

const ROWS = ['a', 'b', 'c'];

/** The tab's shape while the first answer loads: same columns, fixed-size rows. */
export function VmTabSkeleton() {
  return (
    <Flex direction="column" gap="3" aria-busy="true">
      <Skeleton width={320} height={20} />
      <PlainTable
        label="Loading virtual machines"
        columns={VM_TABLE_COLUMNS}
        busy
      >
        {ROWS.map(id => (
          <tr key={id} style={rowStyle}>
            {VM_TABLE_COLUMNS.map(column => (
              <td key={column.id} style={cellStyle}>
                <Skeleton width="80%" height={14} />
                <Skeleton width="50%" height={10} style={{ marginTop: 6 }} />
              </td>
            ))}
          </tr>
        ))}
      </PlainTable>
    </Flex>
  );
}
