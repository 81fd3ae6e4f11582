import { Content, Header, Page } from '@backstage/core-components';
import { FleetPageContent } from './FleetPageContent';

/**
 * The fleet page for apps on the legacy frontend system (with its own page
 * header); the new frontend system wraps {@link FleetPageContent} in the
 * plugin page layout instead.
 */
export function FleetPage() {
  return (
    <Page themeId="tool">
      <Header
        title="Virtual machine fleet"
        subtitle="Managed clusters: availability, capacity, virtualization stack, VMs"
      />
      <Content>
        <FleetPageContent />
      </Content>
    </Page>
  );
}
