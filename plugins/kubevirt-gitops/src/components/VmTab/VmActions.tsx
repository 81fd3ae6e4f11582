import { ButtonLink, Flex } from '@backstage/ui';
import {
  RiDeleteBin6Line,
  RiPlayLine,
  RiStopLine,
  RiExpandDiagonalLine,
} from '@remixicon/react';
import type { ReactElement } from 'react';
import { useVmActionLink, type VmAction } from './templateLinks';

const ACTIONS: Array<{ action: VmAction; label: string; icon: ReactElement }> =
  [
    {
      action: 'start',
      label: 'Start',
      icon: <RiPlayLine size={16} aria-hidden />,
    },
    {
      action: 'stop',
      label: 'Stop',
      icon: <RiStopLine size={16} aria-hidden />,
    },
    {
      action: 'resize',
      label: 'Resize',
      icon: <RiExpandDiagonalLine size={16} aria-hidden />,
    },
    {
      action: 'decommission',
      label: 'Decommission',
      icon: <RiDeleteBin6Line size={16} aria-hidden />,
    },
  ];

/**
 * Start, Stop, Resize, Decommission: each opens its template pre-filled for
 * this VM, and the template opens a pull request (Git stays the source of
 * truth; nothing changes on a cluster until it is merged).
 */
export function VmActions(props: { entityRef: string; vmName: string }) {
  const linkTo = useVmActionLink();
  return (
    <Flex
      gap="2"
      align="center"
      role="group"
      aria-label="VM actions (each opens a pull request)"
    >
      {ACTIONS.map(({ action, label, icon }) => (
        <ButtonLink
          key={action}
          size="small"
          variant="secondary"
          iconStart={icon}
          href={linkTo(action, props)}
        >
          {label}
        </ButtonLink>
      ))}
    </Flex>
  );
}
