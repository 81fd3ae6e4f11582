export { createControlHandler } from './controlHandler';
export type { ControlTargets } from './controlHandler';
