import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { ZodError } from 'zod';
import { REFERENCE_DIR_ENV, resolveReferenceDir } from './demo';
import type { Scenario, ScenarioInput, ScenarioRepository } from './schema';
import { scenarioSchema } from './schema';

/** A scenario with the folder its relative paths start from. */
export interface LoadedScenario {
  scenario: Scenario;
  /** Absolute folder of the scenario file (or the working directory for inline scenarios). */
  baseDir: string;
}

/** A scenario that does not validate; the message names each bad key. */
export class ScenarioError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScenarioError';
  }
}

function describeIssues(error: ZodError, source: string): string {
  const lines = error.issues.map(issue => {
    const key = issue.path
      .map((part, index) =>
        typeof part === 'number'
          ? `[${part}]`
          : `${index > 0 ? '.' : ''}${part}`,
      )
      .join('');
    return `  ${key || '(root)'}: ${issue.message}`;
  });
  return `invalid scenario ${source}:\n${lines.join('\n')}`;
}

/** Validates a scenario object; throws {@link ScenarioError} naming the bad keys. */
export function parseScenario(input: unknown, source = '(inline)'): Scenario {
  const result = scenarioSchema.safeParse(input);
  if (!result.success)
    throw new ScenarioError(describeIssues(result.error, source));
  return result.data;
}

/** Reads and validates a scenario YAML file. */
export async function loadScenarioFile(file: string): Promise<LoadedScenario> {
  const absolute = path.resolve(file);
  let text: string;
  try {
    text = await readFile(absolute, 'utf8');
  } catch (error) {
    throw new ScenarioError(
      `cannot read scenario ${absolute}: ${
        error instanceof Error ? error.message : String(error)
      }`,
    );
  }
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (error) {
    throw new ScenarioError(
      `scenario ${absolute} is not valid YAML: ${
        error instanceof Error ? error.message : String(error)
      }`,
    );
  }
  return {
    scenario: parseScenario(data, absolute),
    baseDir: path.dirname(absolute),
  };
}

/** A scenario from a file path or an object (relative folders then start at `baseDir` or the cwd). */
export async function resolveScenario(
  scenario: string | ScenarioInput,
  baseDir = process.cwd(),
): Promise<LoadedScenario> {
  return typeof scenario === 'string'
    ? loadScenarioFile(scenario)
    : { scenario: parseScenario(scenario), baseDir };
}

/** Whether a repository path is one of `prefixes` (a file) or inside one (a folder). */
export function isExcludedPath(file: string, prefixes: readonly string[]) {
  return prefixes.some(prefix => {
    const bare = prefix.replace(/\/+$/, '');
    return file === bare || file.startsWith(`${bare}/`);
  });
}

async function readFolder(
  root: string,
  relative: string,
  exclude: readonly string[],
  files: Record<string, string>,
  warnings: string[],
): Promise<void> {
  const entries = await readdir(path.join(root, relative), {
    withFileTypes: true,
  });
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const child = relative ? `${relative}/${entry.name}` : entry.name;
    // Git never tracks a .git folder; a clone's history is not content.
    if (entry.name === '.git' || isExcludedPath(child, exclude)) continue;
    if (entry.isDirectory()) {
      await readFolder(root, child, exclude, files, warnings);
    } else if (entry.isFile()) {
      const bytes = await readFile(path.join(root, child));
      const text = bytes.toString('utf8');
      if (Buffer.from(text, 'utf8').equals(bytes)) files[child] = text;
      else
        warnings.push(
          `${path.join(
            root,
            child,
          )} is not UTF-8 text and is not served (the simulated GitHub holds text files)`,
        );
    }
  }
}

/** A repository of the scenario the simulator does not serve, and why. */
export interface SkippedRepository {
  owner: string;
  repo: string;
  reason: string;
}

/** A repository of the scenario with its initial files. */
export interface LoadedRepository {
  repository: ScenarioRepository;
  files: Record<string, string>;
}

/** The outcome of {@link loadRepositories}. */
export interface LoadedRepositories {
  /** The repositories to serve, in scenario order. */
  served: LoadedRepository[];
  /** Repositories whose `reference` folder is missing. */
  skipped: SkippedRepository[];
  /** Files that could not be loaded (not UTF-8). */
  warnings: string[];
}

/** Options of {@link loadRepositories} and {@link repositoryFiles}. */
export interface RepositoryLoadOptions {
  /** The reference directory `reference:` folders are in (default: {@link resolveReferenceDir}). */
  referenceDir?: string;
}

type RepositoryLoad =
  | { files: Record<string, string>; warnings: string[] }
  | { skipped: string };

async function loadRepository(
  loaded: LoadedScenario,
  index: number,
  referenceDir: string,
): Promise<RepositoryLoad> {
  const repository = loaded.scenario.repositories[index];
  const { folder, reference, exclude, files } = repository;
  const field = `repositories[${index}]`;
  const name = `${repository.owner}/${repository.repo}`;
  const result: Record<string, string> = {};
  const warnings: string[] = [];
  let root: string | undefined;
  let label = '';
  if (reference !== undefined) {
    root = path.resolve(referenceDir, reference);
    label = `${field}.reference (${name})`;
    const kind = await stat(root).then(
      found => (found.isDirectory() ? 'folder' : 'other'),
      (error: NodeJS.ErrnoException) =>
        error.code === 'ENOENT' || error.code === 'ENOTDIR'
          ? 'missing'
          : 'other',
    );
    if (kind === 'missing') {
      return {
        skipped: `${root} does not exist (set ${REFERENCE_DIR_ENV} to the folder holding ${reference})`,
      };
    }
  } else if (folder !== undefined) {
    root = path.resolve(loaded.baseDir, folder);
    label = `${field}.folder (${name})`;
  }
  if (root !== undefined) {
    try {
      await readFolder(root, '', exclude, result, warnings);
    } catch (error) {
      throw new ScenarioError(
        `${label} ${root} cannot be read: ${
          error instanceof Error ? error.message : String(error)
        }`,
      );
    }
  }
  return { files: { ...result, ...files }, warnings };
}

/**
 * Every repository's initial files: its folder's or reference folder's
 * (without the `exclude`d paths), then the inline `files` over them. A
 * repository whose reference folder is missing is skipped, with the reason;
 * an unreadable `folder` is a {@link ScenarioError}.
 */
export async function loadRepositories(
  loaded: LoadedScenario,
  options: RepositoryLoadOptions = {},
): Promise<LoadedRepositories> {
  const referenceDir = resolveReferenceDir(options.referenceDir);
  const outcome: LoadedRepositories = { served: [], skipped: [], warnings: [] };
  for (const [index, repository] of loaded.scenario.repositories.entries()) {
    const load = await loadRepository(loaded, index, referenceDir);
    if ('skipped' in load) {
      outcome.skipped.push({
        owner: repository.owner,
        repo: repository.repo,
        reason: load.skipped,
      });
    } else {
      outcome.served.push({ repository, files: load.files });
      outcome.warnings.push(...load.warnings);
    }
  }
  return outcome;
}

/**
 * One repository's initial files (default: the first repository's), as
 * {@link loadRepositories} reads them; a missing reference folder is a
 * {@link ScenarioError} here.
 */
export async function repositoryFiles(
  loaded: LoadedScenario,
  repository: { owner: string; repo: string } = loaded.scenario.repositories[0],
  options: RepositoryLoadOptions = {},
): Promise<Record<string, string>> {
  const key = `${repository.owner}/${repository.repo}`.toLowerCase();
  const index = loaded.scenario.repositories.findIndex(
    entry => `${entry.owner}/${entry.repo}`.toLowerCase() === key,
  );
  if (index < 0) {
    throw new ScenarioError(
      `repository ${repository.owner}/${repository.repo} is not in the scenario`,
    );
  }
  const load = await loadRepository(
    loaded,
    index,
    resolveReferenceDir(options.referenceDir),
  );
  if ('skipped' in load) {
    throw new ScenarioError(
      `repository ${repository.owner}/${repository.repo} cannot be served: ${load.skipped}`,
    );
  }
  return load.files;
}
