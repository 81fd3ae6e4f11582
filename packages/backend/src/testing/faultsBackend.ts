/*
 * The backend as the fault suite runs it (scripts/faults.mjs): every feature
 * of index.ts, with the steerable test policy instead of allow-all. Never
 * deploy this entry.
 */
import { createBackend } from '@backstage/backend-defaults';
import { addFeatures } from '../features';
import { steerablePolicyModule } from './steerablePolicy';

const backend = createBackend();
addFeatures(backend);
backend.add(steerablePolicyModule);
backend.start();
