import {
  stringifyEntityRef,
  type CompoundEntityRef,
} from '@backstage/catalog-model';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import { Button } from '@backstage/ui';
import { kubevirtGitopsVmRefreshPermission } from '@internal/plugin-kubevirt-gitops-common';
import { RiRefreshLine } from '@remixicon/react';
import { useState } from 'react';
import { kubevirtGitopsApiRef } from '../../api/KubevirtGitopsApi';
import { describeError } from '../../api/describeError';

/**
 * Asks ArgoCD to re-read Git now. Shown only to users with
 * `kubevirt-gitops.vm.refresh` on this entity; reports the outcome through
 * the alert API and reloads the tab.
 */
export function RefreshButton(props: {
  entityRef: CompoundEntityRef;
  onRefreshed: () => void;
}) {
  const api = useApi(kubevirtGitopsApiRef);
  const alertApi = useApi(alertApiRef);
  const [busy, setBusy] = useState(false);
  const { allowed, loading } = usePermission({
    permission: kubevirtGitopsVmRefreshPermission,
    resourceRef: stringifyEntityRef(props.entityRef),
  });
  if (loading || !allowed) {
    return null;
  }
  const refresh = async () => {
    setBusy(true);
    try {
      const result = await api.refreshVm(props.entityRef);
      const failed = result.errors.map(e => `${e.source}: ${e.message}`);
      alertApi.post({
        message:
          failed.length > 0
            ? `Asked ArgoCD to refresh ${
                result.refreshed.length
              } application(s); failed: ${failed.join('; ')}`
            : `Asked ArgoCD to refresh ${result.refreshed.length} application(s) from Git.`,
        severity: failed.length > 0 ? 'warning' : 'success',
        display: 'transient',
      });
      props.onRefreshed();
    } catch (error) {
      const described = describeError(
        error,
        kubevirtGitopsVmRefreshPermission.name,
      );
      alertApi.post({
        message: `${described.title}: ${described.description}`,
        severity: 'error',
      });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button
      size="small"
      variant="secondary"
      iconStart={<RiRefreshLine size={16} aria-hidden />}
      isPending={busy}
      onPress={refresh}
    >
      Refresh from Git
    </Button>
  );
}
