/**
 * Virtual machines on KubeVirt, managed through GitOps: the entity tab and
 * card, the fleet page and the scaffolder environment, size and image
 * pickers (legacy frontend system; `./alpha` holds the new frontend
 * system's plugin).
 *
 * @packageDocumentation
 */

export {
  kubevirtGitopsPlugin,
  EntityVirtualMachinesContent,
  EntityVirtualMachineCard,
  EntityFleetCard,
  FleetPage,
  VmEnvironmentPickerFieldExtension,
  VmSizePickerFieldExtension,
  VmImagePickerFieldExtension,
} from './plugin';
export { isVirtualMachineAvailable, isFleetAvailable } from './conditions';
export { rootRouteRef, scaffolderTemplateRouteRef } from './routes';
export { kubevirtGitopsApiRef } from './api/KubevirtGitopsApi';
export type {
  KubevirtGitopsApi,
  KubevirtGitopsRequestOptions,
} from './api/KubevirtGitopsApi';
export {
  KubevirtGitopsClient,
  UnexpectedResponseError,
} from './api/KubevirtGitopsClient';
export type { EntityVirtualMachinesContentProps } from './components/VmTab/EntityVirtualMachinesContent';
export type { EntityVirtualMachineCardProps } from './components/VmCard/EntityVirtualMachineCard';
export type { EntityFleetCardProps } from './components/FleetCard/EntityFleetCard';
export { VmEnvironmentPickerFieldSchema } from './components/EnvironmentPicker/schema';
export type { VmEnvironmentPickerProps } from './components/EnvironmentPicker/schema';
export { vmEnvironmentPickerValidation } from './components/EnvironmentPicker/validation';
export { VmSizePickerFieldSchema } from './components/SizePicker/schema';
export type { VmSizePickerProps } from './components/SizePicker/schema';
export { vmSizePickerValidation } from './components/SizePicker/validation';
export { VmImagePickerFieldSchema } from './components/ImagePicker/schema';
export type { VmImagePickerProps } from './components/ImagePicker/schema';
export { vmImagePickerValidation } from './components/ImagePicker/validation';
export {
  LiveSignalClient,
  isObservableSignalApi,
} from './signals/LiveSignalClient';
export type {
  LiveSignalClientOptions,
  ObservableSignalApi,
  SignalConnectionState,
  WebSocketFactory,
} from './signals/LiveSignalClient';
