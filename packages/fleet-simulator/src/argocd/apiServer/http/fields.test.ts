import { parseFields, project } from './fields';

describe('fields projection', () => {
  it('keeps only the listed paths, through arrays', () => {
    const list = {
      metadata: { resourceVersion: '7' },
      items: [
        {
          metadata: { name: 'a', labels: { x: '1' } },
          status: { health: { status: 'Healthy' }, sync: { status: 'Synced' } },
        },
        { metadata: { name: 'b' }, status: { sync: { status: 'Unknown' } } },
      ],
    };
    expect(
      project(list, parseFields('items.metadata.name, items.status.health')),
    ).toEqual({
      items: [
        { metadata: { name: 'a' }, status: { health: { status: 'Healthy' } } },
        { metadata: { name: 'b' }, status: {} },
      ],
    });
    expect(project(list, parseFields('metadata.resourceVersion'))).toEqual({
      metadata: { resourceVersion: '7' },
    });
  });
});
