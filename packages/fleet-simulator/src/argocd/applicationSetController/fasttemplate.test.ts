import { renderString, renderTemplate, sanitizeName } from './fasttemplate';

describe('fasttemplate rendering', () => {
  const params = {
    name: 'Prod_East',
    nameNormalized: 'prod-east',
    'metadata.labels.env': 'prod',
    'path[1]': 'web-01',
  };

  it('replaces known tags, tolerating spaces, and keeps unknown ones', () => {
    expect(renderString('{{nameNormalized}}-demo-vm', params)).toBe(
      'prod-east-demo-vm',
    );
    expect(
      renderString('vms/{{ path[1] }}/{{metadata.labels.env}}', params),
    ).toBe('vms/web-01/prod');
    expect(renderString('{{missing}} and {{}}', params)).toBe(
      '{{missing}} and {{}}',
    );
  });

  it('renders string values deeply but not map keys', () => {
    expect(
      renderTemplate(
        {
          '{{name}}': ['{{name}}', 3, true],
          nested: { a: '{{metadata.labels.env}}' },
        },
        params,
      ),
    ).toEqual({ '{{name}}': ['Prod_East', 3, true], nested: { a: 'prod' } });
  });

  it('normalizes names like ArgoCD SanitizeName', () => {
    expect(sanitizeName('Prod_East')).toBe('prod-east');
    expect(sanitizeName('-cluster.A-')).toBe('cluster.a');
    expect(sanitizeName('x'.repeat(300))).toHaveLength(253);
  });
});
