import { describeUncatalogued } from './describeImage';

describe('describeUncatalogued', () => {
  it('names the first five images and elides the rest', () => {
    const images = ['a', 'b', 'c', 'd', 'e', 'f'].map(name => ({
      kind: 'DataSource' as const,
      namespace: 'os-images',
      name,
      clusters: ['dev-1'],
    }));
    expect(describeUncatalogued(images)).toBe(
      'The fleet also has 6 images not in the catalog (kubevirtGitops.gitops.images): os-images/a, os-images/b, os-images/c, os-images/d, os-images/e, …',
    );
  });
});
