import { parseAllDocuments, stringify as stringifyYaml } from 'yaml';
import { kubectlKustomizeFiles } from '../../__testUtils__/kubectl';
import { renderKustomization } from './render';

const stringify = (value: unknown) => stringifyYaml(value, { version: '1.1' });

const trickyStrings = [
  '2', 'true', 'null', '', '1024M', 'a: b', '{{nameNormalized}}-x', 'line1\nline2\n',
  'line1\nline2', '  lead\nx', 'trail  \nx', 'yes', '~', 'x #y', '@at', '1.5', '0x10',
  '- dash', "it's", 'tab\there', 'é unicode', '*star', 'a\n\nb\n\n', 'ssh-ed25519 AAAA user@host',
  '=eq', '%pct', '!bang', '`tick', '#cloud-config\nssh_authorized_keys:\n- ssh-ed25519 AAAA a@b\n',
  '1e3', '0777', '+1', '.5', 'Off', '2024-01-01', '[x]', 'x: ', 'n', 'y', 'key_with_underscore',
  'very long line very long line very long line very long line very long line very long line very long line',
  "a long value with a 'quote' and: a colon that will need quoting and then some more words to fold",
  'a long value with a tab\tand enough words to go past the eighty column limit of the emitter',
  '\n', 'x\n', 'ends with space ', ' starts with space', 'Yes', 'NULL', '-', '?', ':', '-1', '1_000',
  '12:30', '.inf', 'ünïcödé ✓', 'multi\n  indented\n    lines\n',
];

function customResource(data: Record<string, unknown>): string {
  return stringify({
    apiVersion: 'example.io/v1',
    kind: 'Thing',
    metadata: { name: 'thing', labels: { 'kubevirt-gitops.io/vm': 'x', b: '1', 'app.kubernetes.io/name': 'n' } },
    spec: data,
  });
}

describe('renderKustomization matches kubectl kustomize', () => {
  it('prints every kind of string as yaml.v3 does', async () => {
    const data = Object.fromEntries(trickyStrings.map((value, index) => [`k${index}`, value]));
    const list = { items: trickyStrings.map(value => ({ value })), nested: [[1, 'a'], []], empty: {} };
    const files = new Map([
      ['app/kustomization.yaml', stringify({ resources: ['thing.yaml'] })],
      ['app/thing.yaml', customResource({ ...data, list, numbers: [0, -3, 1.5, 180, true, false, null] })],
    ]);
    expect(renderKustomization(files, 'app')).toBe(await kubectlKustomizeFiles(files, 'app'));
  });

  it('sorts keys in yaml.v3 natural order', async () => {
    const keys = ['a10', 'a2', 'a-b', 'ab', 'a_b', 'A', 'B', '_x', 'x1y', 'x01y', 'x1', 'b', 'a', 'aa', '10', '9', 'Z9', 'z'];
    const files = new Map([
      ['k/kustomization.yaml', stringify({ resources: ['r.yaml'] })],
      ['k/r.yaml', customResource(Object.fromEntries(keys.map(key => [key, key])))],
    ]);
    expect(renderKustomization(files, 'k')).toBe(await kubectlKustomizeFiles(files, 'k'));
  });

  it('applies namespace, prefix, suffix, labels, annotations and every kind of patch in order', async () => {
    const vm = {
      apiVersion: 'kubevirt.io/v1',
      kind: 'VirtualMachine',
      metadata: { name: 'vm1' },
      spec: { running: false, template: { metadata: { labels: { a: 'b' } }, spec: { domain: { memory: { guest: '1Gi' }, devices: {} } } } },
    };
    const other = { ...vm, metadata: { name: 'vm0', namespace: 'elsewhere' } };
    const files = new Map([
      ['base/kustomization.yaml', stringify({ resources: ['vm.yaml', 'other.yaml'], namespace: 'team' })],
      ['base/vm.yaml', stringify(vm)],
      ['base/other.yaml', stringify(other)],
      ['dev/smp.yaml', stringify({ apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachine', metadata: { name: 'vm1' }, spec: { running: null, runStrategy: 'Always' } })],
      [
        'dev/kustomization.yaml',
        stringify({
          bases: ['../base'],
          namePrefix: 'dev-',
          nameSuffix: '-x',
          commonLabels: { env: 'dev' },
          labels: [{ pairs: { team: 'a' } }],
          commonAnnotations: { note: 'yes' },
          patchesStrategicMerge: ['smp.yaml'],
          patches: [
            { target: { kind: 'VirtualMachine', name: 'vm1' }, patch: stringify([{ op: 'replace', path: '/spec/template/spec/domain/memory/guest', value: '4096M' }]) },
            { target: { kind: 'VirtualMachine', name: 'vm.*' }, patch: stringify([{ op: 'add', path: '/spec/template/spec/domain/devices/rng', value: {} }]) },
            { patch: stringify({ apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachine', metadata: { name: 'vm0', namespace: 'team' }, spec: { runStrategy: 'Halted', running: null } }) },
          ],
          patchesJson6902: [
            { target: { version: 'v1', kind: 'VirtualMachine', name: 'dev-vm1-x' }, patch: stringify([{ op: 'add', path: '/metadata/labels/after', value: 'prefix' }]) },
          ],
        }),
      ],
    ]);
    const expected = await kubectlKustomizeFiles(files, 'dev');
    expect(renderKustomization(files, 'dev')).toBe(expected);
    expect(parseAllDocuments(expected)).toHaveLength(2);
  });
});
