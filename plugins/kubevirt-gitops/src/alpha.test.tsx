import type { Entity } from '@backstage/catalog-model';
import type { JsonObject } from '@backstage/types';
import {
  coreExtensionData,
  type ExtensionDefinition,
} from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  mockApis,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { createTestEntityPage } from '@backstage/plugin-catalog-react/testUtils';
import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';
import { screen } from '@testing-library/react';
import {
  clusterSetEntity,
  makeFleet,
  makeStatus,
  plainEntity,
  vmEntity,
  VM_STATUS_PATH,
} from './__testUtils__/fixtures';
import { answer, clientApi, withMswServer } from './__testUtils__/server';
import plugin from './alpha';

withMswServer();

const content = plugin.getExtension(
  'entity-content:kubevirt-gitops/virtual-machines',
);
const vmCard = plugin.getExtension(
  'entity-card:kubevirt-gitops/virtual-machine',
);
const fleetCard = plugin.getExtension('entity-card:kubevirt-gitops/fleet');
const page = plugin.getExtension('page:kubevirt-gitops');
const field = plugin.getExtension(
  'scaffolder-form-field:kubevirt-gitops/vm-environment-picker',
);

function renderEntityPage(
  entity: typeof vmEntity,
  extensions: ExtensionDefinition[],
  config?: JsonObject,
) {
  answer(VM_STATUS_PATH, makeStatus());
  answer('/entities/default/system/platform/fleet', makeFleet());
  return renderTestApp({
    extensions: [createTestEntityPage({ entity }), ...extensions],
    apis: [clientApi(), mockApis.permission()],
    ...(config ? { config } : {}),
  });
}

/** The entity filter an extension outputs (it must output one). */
function defined(
  filter: ((entity: Entity) => boolean) | undefined,
): (entity: Entity) => boolean {
  if (!filter) {
    throw new Error('The extension outputs no entity filter');
  }
  return filter;
}

describe('kubevirt-gitops (new frontend system)', () => {
  it('filters the tab and the VM card to VM entities', () => {
    const contentFilter = defined(
      createExtensionTester(content).get(
        EntityContentBlueprint.dataRefs.filterFunction,
      ),
    );
    const cardFilter = defined(
      createExtensionTester(vmCard).get(
        EntityCardBlueprint.dataRefs.filterFunction,
      ),
    );
    expect(contentFilter(vmEntity)).toBe(true);
    expect(contentFilter(plainEntity)).toBe(false);
    expect(cardFilter(vmEntity)).toBe(true);
    expect(cardFilter(clusterSetEntity)).toBe(false);
  });

  it('filters the fleet card to entities naming a cluster set', () => {
    const filter = defined(
      createExtensionTester(fleetCard).get(
        EntityCardBlueprint.dataRefs.filterFunction,
      ),
    );
    expect(filter(clusterSetEntity)).toBe(true);
    expect(filter(vmEntity)).toBe(false);
  });

  it('mounts the tab at virtual-machines and the fleet page at /kubevirt-gitops with a nav title', () => {
    expect(
      createExtensionTester(content).get(coreExtensionData.routePath),
    ).toBe('virtual-machines');
    const pageTester = createExtensionTester(page);
    expect(pageTester.get(coreExtensionData.routePath)).toBe(
      '/kubevirt-gitops',
    );
    expect(pageTester.get(coreExtensionData.title)).toBe('VM fleet');
  });

  it('provides the VmEnvironmentPicker form field', async () => {
    const loader = createExtensionTester(field).get(
      FormFieldBlueprint.dataRefs.formFieldLoader,
    );
    const formField = await loader();
    expect(formField).toBeDefined();
    expect(JSON.stringify(formField)).toContain('VmEnvironmentPicker');
  });

  it('shows the tab for a VM entity', async () => {
    renderEntityPage(vmEntity, [content]);
    expect(
      await screen.findByText('Error: ErrorUnschedulable'),
    ).toBeInTheDocument();
  });

  it('shows neither the tab nor the VM card for other entities', async () => {
    renderEntityPage(plainEntity, [content, vmCard]);
    // The test page renders this marker when no extension matches the entity.
    expect(await screen.findByTestId('empty-entity-page')).toBeInTheDocument();
    expect(screen.queryByText('Virtual machine')).not.toBeInTheDocument();
  });

  it('shows the VM card for a VM entity and the fleet card for a cluster-set entity', async () => {
    renderEntityPage(vmEntity, [vmCard, fleetCard]);
    expect(
      await screen.findByText('clusters running as declared', { exact: false }),
    ).toBeInTheDocument();
    expect(screen.queryByText(/Cluster set/)).not.toBeInTheDocument();
  });

  it('shows the fleet card on a cluster-set entity, not the VM card', async () => {
    renderEntityPage(clusterSetEntity, [vmCard, fleetCard]);
    expect(
      await screen.findByText('Cluster set dev-clusters'),
    ).toBeInTheDocument();
    expect(screen.queryByText('Virtual machine')).not.toBeInTheDocument();
  });

  it('takes the tab refresh interval from app config', async () => {
    renderEntityPage(vmEntity, [content], {
      app: {
        extensions: [
          {
            'entity-content:kubevirt-gitops/virtual-machines': {
              config: { refreshIntervalSeconds: 45 },
            },
          },
        ],
      },
    });
    expect(
      await screen.findByText(/auto-refresh every 45 s/),
    ).toBeInTheDocument();
  });

  it('rejects a refresh interval under 5 s, naming the key', () => {
    expect(() =>
      createExtensionTester(page, {
        config: { refreshIntervalSeconds: 2 },
      }).get(coreExtensionData.routePath),
    ).toThrow(/refreshIntervalSeconds/);
  });
});
