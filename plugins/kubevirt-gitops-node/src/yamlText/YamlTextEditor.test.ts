/*
 * Byte-level tests of the in-place YAML editor: what it changes, and that
 * everything else (sequence indentation, block scalar styles, comments, key
 * order, the final newline) stays exactly as written.
 */
import { YamlTextEditor } from './YamlTextEditor';

// Shaped like 0xFelix/gitops-demo applicationsets/demo-vm/kustomize/base/virtualmachine.yaml:
// compact sequences, a `|-` cloud-init block, a flow map, `running: false`.
const VM = `apiVersion: kubevirt.io/v1
kind: VirtualMachine
metadata:
  name: demo-vm # the seed's VM
spec:
  running: false
  dataVolumeTemplates:
  - metadata:
      name: demo-vm-ds-fedora
    spec:
      storage:
        resources: {}
  template:
    spec:
      domain:
        devices:
          rng: {}
        memory:
          guest: 1024M
      volumes:
      - cloudInitNoCloud:
          userData: |-
            #cloud-config
            chpasswd: { expire: False }
        name: cloudinitdisk
`;

function edit(text: string, fn: (editor: YamlTextEditor) => void): string {
  const editor = new YamlTextEditor(text, 'vm.yaml');
  fn(editor);
  return editor.text;
}

describe('YamlTextEditor', () => {
  it('replaces running by runStrategy where running stood, and nothing else', () => {
    const after = edit(VM, editor => {
      editor.renameKey(['spec', 'running'], 'runStrategy');
      editor.set(['spec', 'runStrategy'], 'Halted');
    });
    expect(after).toBe(
      VM.replace('  running: false\n', '  runStrategy: Halted\n'),
    );
  });

  it('sets a scalar in place, keeping its comment', () => {
    const after = edit(VM, editor => editor.set(['metadata', 'name'], 'other'));
    expect(after).toBe(VM.replace('name: demo-vm # the', 'name: other # the'));
  });

  it("adds a missing map at the end of its parent, in the file's indentation", () => {
    const after = edit(VM, editor =>
      editor.set(['spec', 'template', 'spec', 'domain', 'cpu', 'cores'], 2),
    );
    expect(after).toBe(
      VM.replace(
        '          guest: 1024M\n',
        '          guest: 1024M\n        cpu:\n          cores: 2\n',
      ),
    );
  });

  it('removes a value and the maps it leaves empty', () => {
    const after = edit(VM, editor =>
      editor.delete(['spec', 'template', 'spec', 'domain', 'memory', 'guest']),
    );
    expect(after).toBe(
      VM.replace('        memory:\n          guest: 1024M\n', ''),
    );
  });

  it('writes into a flow map in flow style', () => {
    const after = edit(VM, editor =>
      editor.set(
        [
          'spec',
          'dataVolumeTemplates',
          0,
          'spec',
          'storage',
          'resources',
          'requests',
        ],
        { storage: '30Gi' },
      ),
    );
    expect(after).toBe(
      VM.replace('resources: {}', 'resources: { requests: { storage: 30Gi } }'),
    );
  });

  it('edits the text of a `|` block and keeps its style, indentation and what follows', () => {
    const text = `bases:\n  - ../base\n\npatches:\n  - patch: |\n      - op: replace\n        path: /spec/template/spec/domain/memory/guest\n        value: 4096M\n    target:\n      kind: VirtualMachine\n`;
    const after = edit(text, editor =>
      editor.editBlockScalar(['patches', 0, 'patch'], inner => {
        const patch = new YamlTextEditor(inner, 'patch');
        patch.set([0, 'value'], '8Gi');
        return patch.text;
      }),
    );
    expect(after).toBe(text.replace('value: 4096M', 'value: 8Gi'));
  });

  it('keeps a `|-` block `|-`', () => {
    const text = `patches:\n- patch: |-\n    - op: replace\n      path: /spec/runStrategy\n      value: Always\n  target:\n    kind: VirtualMachine\n    name: vm-a\n`;
    const after = edit(text, editor =>
      editor.editBlockScalar(['patches', 0, 'patch'], inner => {
        const patch = new YamlTextEditor(inner, 'patch');
        patch.set([0, 'value'], 'Halted');
        return patch.text;
      }),
    );
    expect(after).toBe(text.replace('value: Always', 'value: Halted'));
  });

  it('appends to a compact sequence in compact style and to an indented one indented', () => {
    const compact = 'resources:\n- a.yaml\n- b.yaml\n';
    expect(
      edit(compact, editor => editor.append(['resources'], 'c.yaml')),
    ).toBe('resources:\n- a.yaml\n- b.yaml\n- c.yaml\n');
    const indented = 'resources:\n  - a.yaml\nnamePrefix: dev-\n';
    expect(
      edit(indented, editor => editor.append(['resources'], 'c.yaml')),
    ).toBe('resources:\n  - a.yaml\n  - c.yaml\nnamePrefix: dev-\n');
  });

  it('appends a map item with its keys aligned under the first one', () => {
    const text =
      'patches:\n  - path: a.yaml\n    target:\n      kind: VirtualMachine\n';
    const after = edit(text, editor =>
      editor.append(['patches'], {
        path: 'b.yaml',
        target: { kind: 'VirtualMachine', name: 'x' },
      }),
    );
    expect(after).toBe(
      `${text}  - path: b.yaml\n    target:\n      kind: VirtualMachine\n      name: x\n`,
    );
  });

  it('keeps a missing final newline missing', () => {
    const text = 'a:\n  b: 1';
    expect(edit(text, editor => editor.set(['a', 'c'], 2))).toBe(
      'a:\n  b: 1\n  c: 2',
    );
    expect(edit(text, editor => editor.set(['a', 'b'], 3))).toBe('a:\n  b: 3');
  });

  it('removes a sequence item whole', () => {
    const text =
      '- op: replace\n  path: /a\n  value: 1\n- op: add\n  path: /b\n  value: 2\n';
    expect(edit(text, editor => editor.delete([0]))).toBe(
      '- op: add\n  path: /b\n  value: 2\n',
    );
  });

  it('edits only its own document of a multi-document file', () => {
    const text =
      'kind: ConfigMap\ndata:\n  a: "1"\n---\nkind: VirtualMachine\nspec:\n  running: true\n';
    const editor = new YamlTextEditor(text, 'all.yaml', 1);
    editor.delete(['spec', 'running']);
    editor.set(['spec', 'runStrategy'], 'Always');
    expect(editor.text).toBe(
      'kind: ConfigMap\ndata:\n  a: "1"\n---\nkind: VirtualMachine\nspec:\n  runStrategy: Always\n',
    );
  });

  it('refuses text that is not YAML, naming the file', () => {
    expect(() => new YamlTextEditor('a: [1,\n', 'broken.yaml')).toThrow(
      /broken.yaml is not valid YAML/,
    );
  });
});
