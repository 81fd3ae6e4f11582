import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { ZodError } from 'zod';
import type { Scenario, ScenarioInput } from './schema';
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

async function readFolder(
  root: string,
  relative: string,
  files: Record<string, string>,
) {
  const entries = await readdir(path.join(root, relative), {
    withFileTypes: true,
  });
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const child = relative ? `${relative}/${entry.name}` : entry.name;
    if (entry.isDirectory()) await readFolder(root, child, files);
    else if (entry.isFile())
      files[child] = await readFile(path.join(root, child), 'utf8');
  }
}

/** The repository's initial files: the folder's (if any), then the inline ones over them. */
export async function repositoryFiles(
  loaded: LoadedScenario,
): Promise<Record<string, string>> {
  const { folder, files } = loaded.scenario.repository;
  const result: Record<string, string> = {};
  if (folder) {
    const root = path.resolve(loaded.baseDir, folder);
    try {
      await readFolder(root, '', result);
    } catch (error) {
      throw new ScenarioError(
        `repository.folder ${root} cannot be read: ${
          error instanceof Error ? error.message : String(error)
        }`,
      );
    }
  }
  return { ...result, ...files };
}
