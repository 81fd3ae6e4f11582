export type * from './contracts';
