export { startUpstreamServer, instrument } from './upstreamServer';
export type {
  CannedResponse,
  UpstreamServer,
  UpstreamServerOptions,
} from './upstreamServer';
export { RequestLog } from './requestLog';
export type { RequestLogEntry } from './requestLog';
export { FaultInjector, faultRuleSchema } from './faults';
export type { FaultDecision, FaultRule, FaultRuleInput } from './faults';
export { defaultErrorBody } from './errorBodies';
export { seededRandom } from './random';
export { startListeners } from './listeners';
export type {
  ListenerName,
  ListenersOptions,
  PendingListener,
} from './listeners';
