import type { TemplateParams } from '../fasttemplate';
import { sanitizeName } from '../fasttemplate';
import type { GeneratorContext, GeneratorSpec } from './types';
import { GeneratorError } from './types';
import { withValues } from './values';

/** Go's `path.Match` as a regular expression: `*` and `?` never cross `/`. */
export function globToRegExp(pattern: string): RegExp {
  let source = '';
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index];
    if (char === '*') {
      source += '[^/]*';
    } else if (char === '?') {
      source += '[^/]';
    } else if (char === '\\' && index + 1 < pattern.length) {
      index++;
      source += escapeRegExp(pattern[index]);
    } else if (char === '[') {
      const end = pattern.indexOf(']', index + 2);
      if (end < 0) {
        throw new GeneratorError(`syntax error in pattern "${pattern}"`);
      }
      const body = pattern.slice(index + 1, end).replace(/^\^/, '!');
      source += body.startsWith('!')
        ? `[^/${body.slice(1).replace(/\\/g, '\\\\')}]`
        : `[${body.replace(/\\/g, '\\\\')}]`;
      index = end;
    } else {
      source += escapeRegExp(char);
    }
  }
  return new RegExp(`^${source}$`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** The parameters of one directory (`path`, `path.basename`, `path[n]`, ...). */
export function directoryParams(
  directory: string,
  prefix: string | undefined,
): Record<string, string> {
  const key = (name: string) => (prefix ? `${prefix}.${name}` : name);
  const basename = directory.split('/').pop() ?? directory;
  const params: Record<string, string> = {
    [key('path')]: directory,
    [key('path.basename')]: basename,
    [key('path.basenameNormalized')]: sanitizeName(basename),
  };
  directory.split('/').forEach((segment, index) => {
    if (segment.length > 0) {
      params[key(`path[${index}]`)] = segment;
    }
  });
  return params;
}

/**
 * The `git` generator's `directories` form: every directory of the revision
 * matched by an included pattern and by no excluded one.
 */
export function generateGitDirectories(
  spec: NonNullable<GeneratorSpec['git']>,
  context: GeneratorContext,
): TemplateParams[] {
  if (spec.files !== undefined) {
    throw new GeneratorError(
      'the simulator implements only git directories generators',
    );
  }
  const patterns = (spec.directories ?? []).map(item => ({
    regExp: globToRegExp(item.path),
    exclude: item.exclude === true,
  }));
  const directories = context.gitDirectories(
    spec.repoURL,
    spec.revision ?? 'HEAD',
  );
  return directories
    .filter(directory => {
      const matches = patterns.filter(pattern =>
        pattern.regExp.test(directory),
      );
      return matches.some(p => !p.exclude) && !matches.some(p => p.exclude);
    })
    .map(directory =>
      withValues(directoryParams(directory, spec.pathParamPrefix), spec.values),
    );
}
