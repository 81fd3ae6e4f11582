import { render, screen } from '@testing-library/react';
import { FleetTotals } from './FleetTotals';

describe('FleetTotals', () => {
  it('says what ArgoCD says of VMs it only knows by health, and no "0 running" beside them', () => {
    render(
      <FleetTotals
        totals={[
          {
            environment: 'dev',
            clusters: 2,
            byAvailability: { available: 2 },
            allocatable: { cpu: 8, memory: 34359738368 },
            vmCounts: { Healthy: 6, Progressing: 2 },
            approximateVmCounts: { Healthy: 6, Progressing: 2 },
          },
          {
            environment: 'prod',
            clusters: 1,
            byAvailability: { available: 1 },
            allocatable: { cpu: 4, memory: 17179869184 },
            vmCounts: { Running: 3, Error: 1 },
            approximateVmCounts: {},
          },
        ]}
      />,
    );
    const [dev, prod] = screen.getAllByRole('listitem');
    expect(dev).toHaveTextContent(
      '8 VMs: ≈ 6 Healthy, 2 Progressing per ArgoCD',
    );
    expect(dev).not.toHaveTextContent('0 running');
    expect(prod).toHaveTextContent('4 VMs: 3 running, 1 in error');
    expect(prod).not.toHaveTextContent('≈');
  });
});
