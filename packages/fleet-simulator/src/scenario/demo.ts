import path from 'node:path';

/** The package's folder (resolved through the workspace, so it also works from a build). */
const PACKAGE_DIR = path.dirname(
  require.resolve('@internal/fleet-simulator/package.json'),
);

/** The bundled demo scenario (`scenarios/demo.yaml`). */
export const DEMO_SCENARIO_FILE = path.join(
  PACKAGE_DIR,
  'scenarios',
  'demo.yaml',
);
