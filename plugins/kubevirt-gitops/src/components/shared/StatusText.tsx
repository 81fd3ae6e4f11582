import {
  RiCheckboxCircleFill,
  RiCloseCircleFill,
  RiErrorWarningFill,
  RiLoader4Line,
  RiQuestionFill,
} from '@remixicon/react';
import type { CSSProperties, ReactNode } from 'react';
import type { StatusTone } from './statusStyles';

function toneStyle(color: string): CSSProperties {
  return {
    display: 'inline-flex',
    alignItems: 'center',
    gap: 4,
    maxWidth: '100%',
    color,
    fontSize: 'var(--bui-font-size-2)',
    lineHeight: 1.4,
  };
}

const TONES: Record<
  StatusTone,
  { style: CSSProperties; Icon: typeof RiQuestionFill }
> = {
  ok: {
    style: toneStyle('var(--bui-fg-positive)'),
    Icon: RiCheckboxCircleFill,
  },
  progress: {
    style: toneStyle('var(--bui-fg-announcement)'),
    Icon: RiLoader4Line,
  },
  warning: {
    style: toneStyle('var(--bui-fg-warning)'),
    Icon: RiErrorWarningFill,
  },
  error: {
    style: toneStyle('var(--bui-fg-negative)'),
    Icon: RiCloseCircleFill,
  },
  unknown: {
    style: toneStyle('var(--bui-fg-secondary)'),
    Icon: RiQuestionFill,
  },
};

const ICON_STYLE: CSSProperties = { flexShrink: 0 };
const LABEL_STYLE: CSSProperties = {
  overflow: 'hidden',
  textOverflow: 'ellipsis',
  whiteSpace: 'nowrap',
};

/**
 * A status in colour, icon and words: the words carry the meaning, colour and
 * icon only reinforce it (readable without colour). Plain elements: it is
 * drawn hundreds of times in the VM and fleet tables.
 */
export function StatusText(props: {
  tone: StatusTone;
  children: ReactNode;
  title?: string;
}) {
  const { Icon, style } = TONES[props.tone];
  return (
    <span style={style} title={props.title} data-tone={props.tone}>
      <Icon size={14} aria-hidden focusable={false} style={ICON_STYLE} />
      <span style={LABEL_STYLE}>{props.children}</span>
    </span>
  );
}
