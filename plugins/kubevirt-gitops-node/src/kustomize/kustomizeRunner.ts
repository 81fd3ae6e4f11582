/*
 * Renders kustomizations with the real kustomize (`kubectl kustomize` by
 * default, or `kustomize build`): the planned tree is written to a private
 * temporary folder, each directory is built with a timeout and a bound on
 * its output, and the folder is removed afterwards. Remote resources are
 * refused before kustomize runs (no network from a preview), and kustomize's
 * default load restrictor keeps every file inside the tree.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { JsonObject } from '@backstage/types';
import { remoteReferenceIn } from './kustomizationFiles';

/** The annotation kustomize's `buildMetadata: [originAnnotations]` writes. */
export const ORIGIN_ANNOTATION = 'config.kubernetes.io/origin';

/**
 * How to run kustomize.
 *
 * @public
 */
export interface KustomizeRunnerOptions {
  /** The command and its arguments before the directory (default `['kubectl', 'kustomize']`). */
  command?: readonly string[];
  /** Per build (default 20 s). */
  timeoutMs?: number;
  /** Bytes of output per build (default 16 MiB). */
  maxOutputBytes?: number;
  /** Builds at once (default 2). */
  concurrency?: number;
}

/**
 * One directory, built.
 *
 * @public
 */
export type KustomizeBuild =
  | {
      ok: true;
      /** Exactly what kustomize printed. */
      text: string;
      objects: JsonObject[];
      /** The repository path each object came from (its origin), by index. */
      origins: Array<string | undefined>;
    }
  | { ok: false; error: string };

/**
 * The real kustomize, over in-memory repository files.
 *
 * @public
 */
export interface KustomizeRunner {
  /** The command, for messages (`kubectl kustomize`). */
  readonly commandLine: string;
  /** Undefined when kustomize runs; otherwise why it does not. */
  unavailable(): Promise<string | undefined>;
  /**
   * Builds each of `directories` of the tree `files` (repository path ->
   * content). With `origins`, each object's source file is recorded.
   */
  build(
    files: ReadonlyMap<string, string>,
    directories: readonly string[],
    options?: { origins?: boolean },
  ): Promise<Map<string, KustomizeBuild>>;
}

interface RunResult {
  stdout: string;
  stderr: string;
  error?: { message: string; killed?: boolean; code?: number | string | null };
}

function run(
  command: readonly string[],
  args: string[],
  timeoutMs: number,
  maxBuffer: number,
): Promise<RunResult> {
  return new Promise(resolve => {
    execFile(
      command[0],
      [...command.slice(1), ...args],
      {
        timeout: timeoutMs,
        maxBuffer,
        env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir() },
      },
      (error, stdout, stderr) => {
        resolve({
          stdout: String(stdout),
          stderr: String(stderr),
          error: error ?? undefined,
        });
      },
    );
  });
}

function describeFailure(
  result: RunResult,
  commandLine: string,
  timeoutMs: number,
  maxOutputBytes: number,
  root: string,
): string {
  const error = result.error;
  if (error?.code === 'ENOENT')
    return `${commandLine} is not installed (set kubevirtGitops.preview.kustomizeCommand)`;
  if (error?.killed)
    return `${commandLine} took longer than ${timeoutMs / 1000} s`;
  if (error?.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER')
    return `${commandLine} printed more than ${maxOutputBytes} bytes`;
  const message = result.stderr
    .split('\n')
    .filter(line => line.trim() !== '' && !line.startsWith('# Warning'))
    .map(withoutKlogPrefix)
    .join(' ')
    .replaceAll(`${root}/`, '')
    .replaceAll(root, '.');
  return message || error?.message || 'kustomize failed';
}

/**
 * kubectl (1.30+) logs a failed command through klog:
 * `E1203 23:07:08.896897    2953 run.go:72] "command failed" err="…"`;
 * the user needs the `err` only.
 */
const KLOG_FAILURE =
  /^[EWIF]\d{4} \d{2}:\d{2}:\d{2}\.\d+\s+\d+ [\w.-]+:\d+\] "command failed" err="(.*)"$/;

function withoutKlogPrefix(line: string): string {
  const match = KLOG_FAILURE.exec(line.trim());
  return match ? match[1].replaceAll('\\"', '"') : line;
}

function originPath(
  object: JsonObject,
  wrapperDir: string,
): string | undefined {
  const metadata = object.metadata;
  if (
    typeof metadata !== 'object' ||
    metadata === null ||
    Array.isArray(metadata)
  )
    return undefined;
  const annotations = metadata.annotations;
  if (
    typeof annotations !== 'object' ||
    annotations === null ||
    Array.isArray(annotations)
  )
    return undefined;
  const origin = annotations[ORIGIN_ANNOTATION];
  if (typeof origin !== 'string') return undefined;
  const match = /^path: *(.+)$/m.exec(origin);
  return match
    ? path.posix.normalize(
        path.posix.join(
          wrapperDir,
          match[1].trim().replace(/^['"]|['"]$/g, ''),
        ),
      )
    : undefined;
}

/** Removes the origin annotation (and an annotations map it leaves empty). */
function withoutOrigin(object: JsonObject): JsonObject {
  const metadata = object.metadata;
  if (
    typeof metadata !== 'object' ||
    metadata === null ||
    Array.isArray(metadata)
  )
    return object;
  const annotations = metadata.annotations;
  if (
    typeof annotations !== 'object' ||
    annotations === null ||
    Array.isArray(annotations) ||
    !(ORIGIN_ANNOTATION in annotations)
  )
    return object;
  const { [ORIGIN_ANNOTATION]: _origin, ...rest } = annotations;
  const { annotations: _annotations, ...otherMetadata } = metadata;
  return {
    ...object,
    metadata:
      Object.keys(rest).length > 0
        ? { ...otherMetadata, annotations: rest }
        : otherMetadata,
  };
}

function parseObjects(text: string): JsonObject[] {
  return parseAllDocuments(text)
    .map(document => document.toJS({ maxAliasCount: 100 }) as unknown)
    .filter(
      (value): value is JsonObject =>
        typeof value === 'object' && value !== null && !Array.isArray(value),
    );
}

/** Runs `tasks` with at most `limit` at once. */
async function limited<T>(
  tasks: Array<() => Promise<T>>,
  limit: number,
): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await tasks[index]();
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(limit, tasks.length) }, worker),
  );
  return results;
}

const WRAPPER_DIR = '.kubevirt-gitops-origin';

/**
 * Creates the runner.
 *
 * @public
 */
export function createKustomizeRunner(
  options: KustomizeRunnerOptions = {},
): KustomizeRunner {
  const command =
    options.command && options.command.length > 0
      ? options.command
      : ['kubectl', 'kustomize'];
  const timeoutMs = options.timeoutMs ?? 20_000;
  const maxOutputBytes = options.maxOutputBytes ?? 16 * 1024 * 1024;
  const concurrency = Math.max(1, options.concurrency ?? 2);
  const commandLine = command.join(' ');
  let availability: Promise<string | undefined> | undefined;

  async function unavailable(): Promise<string | undefined> {
    availability ??= (async () => {
      const root = await mkdtemp(
        path.join(os.tmpdir(), 'kubevirt-gitops-kustomize-'),
      );
      try {
        await writeFile(
          path.join(root, 'kustomization.yaml'),
          'resources: []\n',
        );
        const result = await run(command, [root], timeoutMs, maxOutputBytes);
        return result.error
          ? `${commandLine} does not run: ${describeFailure(
              result,
              commandLine,
              timeoutMs,
              maxOutputBytes,
              root,
            )}`
          : undefined;
      } finally {
        await rm(root, { recursive: true, force: true });
      }
    })();
    return availability;
  }

  async function build(
    files: ReadonlyMap<string, string>,
    directories: readonly string[],
    buildOptions: { origins?: boolean } = {},
  ): Promise<Map<string, KustomizeBuild>> {
    const results = new Map<string, KustomizeBuild>();
    const remote = remoteReferenceIn(files);
    const root = await mkdtemp(
      path.join(os.tmpdir(), 'kubevirt-gitops-kustomize-'),
    );
    try {
      for (const [file, content] of files) {
        const target = path.join(root, file);
        if (!target.startsWith(`${root}${path.sep}`)) continue; // never outside the tree
        await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
        await writeFile(target, content, { mode: 0o600 });
      }
      const builds = await limited(
        directories.map(directory => async (): Promise<KustomizeBuild> => {
          const refused = remote.get(directory);
          if (refused) return { ok: false, error: refused };
          let dir = directory;
          if (buildOptions.origins) {
            dir = `${WRAPPER_DIR}/${directory}`;
            const relative = path.posix.relative(dir, directory);
            await mkdir(path.join(root, dir), { recursive: true, mode: 0o700 });
            await writeFile(
              path.join(root, dir, 'kustomization.yaml'),
              `resources:\n- ${relative}\nbuildMetadata:\n- originAnnotations\n`,
            );
          }
          const result = await run(
            command,
            [path.join(root, dir)],
            timeoutMs,
            maxOutputBytes,
          );
          if (result.error)
            return {
              ok: false,
              error: describeFailure(
                result,
                commandLine,
                timeoutMs,
                maxOutputBytes,
                root,
              ),
            };
          const parsed = parseObjects(result.stdout);
          return buildOptions.origins
            ? {
                ok: true,
                text: result.stdout,
                objects: parsed.map(withoutOrigin),
                origins: parsed.map(object => originPath(object, dir)),
              }
            : {
                ok: true,
                text: result.stdout,
                objects: parsed,
                origins: parsed.map(() => undefined),
              };
        }),
        concurrency,
      );
      directories.forEach((directory, index) =>
        results.set(directory, builds[index]),
      );
      return results;
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  }

  return { commandLine, unavailable, build };
}
