import path from 'node:path';

/** The package's folder (resolved through the workspace, so it also works from a build). */
export const PACKAGE_DIR = path.dirname(
  require.resolve('@internal/fleet-simulator/package.json'),
);

/** The monorepo's root (the package lives in `<root>/packages/fleet-simulator`). */
export const MONOREPO_ROOT = path.resolve(PACKAGE_DIR, '..', '..');

/**
 * The bundled demo scenario (`scenarios/demo.yaml`): `demo-org/gitops-demo`
 * from `scenarios/demo-gitops-repo/` and the real seed repository as
 * `0xFelix/gitops-demo` (from the reference directory, when present).
 */
export const DEMO_SCENARIO_FILE = path.join(
  PACKAGE_DIR,
  'scenarios',
  'demo.yaml',
);

/**
 * The demo fleet with one repository (`scenarios/single-repository.yaml`):
 * `demo-org/gitops-demo` with its seed-style `demo-vm`, nothing from the
 * reference directory.
 */
export const SINGLE_REPOSITORY_SCENARIO_FILE = path.join(
  PACKAGE_DIR,
  'scenarios',
  'single-repository.yaml',
);

/** The environment variable naming the reference directory. */
export const REFERENCE_DIR_ENV = 'KUBEVIRT_GITOPS_REFERENCE_DIR';

/**
 * Where `reference:` folders of a scenario's repositories are read from:
 * `explicit` (StartSimulatorOptions.referenceDir), else
 * KUBEVIRT_GITOPS_REFERENCE_DIR, else `../shared/reference` beside the
 * monorepo root.
 */
export function resolveReferenceDir(
  explicit?: string,
  env: NodeJS.ProcessEnv = process.env,
): string {
  const fromEnv = env[REFERENCE_DIR_ENV];
  return path.resolve(
    explicit ??
      (fromEnv
        ? fromEnv
        : path.join(MONOREPO_ROOT, '..', 'shared', 'reference')),
  );
}
