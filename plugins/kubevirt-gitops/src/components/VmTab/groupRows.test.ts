import { makeRow } from '../../__testUtils__/fixtures';
import { groupRowsByEnvironment, NO_ENVIRONMENT } from './groupRows';

describe('groupRowsByEnvironment', () => {
  it('groups by environment in a stable order, rows without one last', () => {
    const groups = groupRowsByEnvironment([
      makeRow('prod-2', 'prod'),
      makeRow('lab-1', '', {}, { environment: undefined }),
      makeRow('dev-2', 'dev'),
      makeRow('prod-1', 'prod'),
      makeRow('dev-1', 'dev'),
    ]);
    expect(
      groups.map(g => [g.environment, g.rows.map(r => r.cluster)]),
    ).toEqual([
      ['dev', ['dev-1', 'dev-2']],
      ['prod', ['prod-1', 'prod-2']],
      [NO_ENVIRONMENT, ['lab-1']],
    ]);
  });
});
