import { APPROXIMATE_NOTE } from '@internal/plugin-kubevirt-gitops-common';
import type { CSSProperties } from 'react';

const STYLE: CSSProperties = {
  marginLeft: 6,
  padding: '0 4px',
  border: '1px dashed var(--bui-border)',
  borderRadius: 4,
  color: 'var(--bui-fg-secondary)',
  fontSize: 'var(--bui-font-size-1)',
  whiteSpace: 'nowrap',
};

/**
 * Marks a state that is approximate: ArgoCD's health, not the VM itself
 * (no per-VM detail was read, or ArgoCD ≥ 3.0 keeps no per-resource health
 * in its list). Words, not only a symbol, so it reads without the tooltip.
 */
export function ApproximateMark(props: {
  count?: number;
  /** Approximate VMs by ArgoCD's word (Healthy, Progressing, ...): read as `2 Healthy per ArgoCD`. */
  counts?: Partial<Record<string, number>>;
}) {
  const byWord = Object.entries(props.counts ?? {})
    .filter(([, n]) => (n ?? 0) > 0)
    .map(([state, n]) => `${n} ${state}`);
  let words = 'approximate';
  if (byWord.length > 0) words = `${byWord.join(', ')} per ArgoCD`;
  else if (props.count !== undefined) words = `${props.count} approximate`;
  return (
    <span
      style={STYLE}
      title={`Approximate: ${APPROXIMATE_NOTE}`}
      data-testid="approximate-state"
    >
      ≈ {words}
    </span>
  );
}
