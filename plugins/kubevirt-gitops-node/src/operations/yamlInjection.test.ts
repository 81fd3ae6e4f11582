import { parseAllDocuments } from 'yaml';
import {
  createInput,
  planContext,
  validOperation,
} from '../__testUtils__/fixtures';
import { planVmChange } from './planVmChange';

describe('text fields cannot inject YAML', () => {
  it('keeps a description full of YAML syntax a plain string in one document', async () => {
    const context = planContext();
    const description =
      '---\nkind: Secret\nmetadata: {name: x}\n# comment\n\'quoted\': "yes" &anchor *alias |\n  - item';
    const operation = validOperation(
      createInput({ purpose: 'name: injected: [1, 2] {a: b} #x', description }),
      context.config,
    );
    const change = await planVmChange(
      operation,
      { paths: [], files: new Map() },
      context,
    );
    const catalog = change.files.find(file =>
      file.path.endsWith('catalog-info.yaml'),
    );
    const documents = parseAllDocuments(
      catalog && 'content' in catalog ? catalog.content : '',
    );
    expect(documents).toHaveLength(1);
    const entity = documents[0].toJS();
    expect(entity.kind).toBe('Resource');
    expect(entity.metadata.description).toBe(
      `name: injected: [1, 2] {a: b} #x\n\n${description}`,
    );
    const written = change.files.flatMap(file =>
      'content' in file ? [file.content] : [],
    );
    expect(written.map(text => parseAllDocuments(text).length)).toEqual(
      written.map(() => 1),
    );
  });
});
