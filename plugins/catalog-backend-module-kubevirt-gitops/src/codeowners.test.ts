import {
  codeownersEntityOwner,
  codeownersOf,
  ownerEntityRef,
  parseCodeowners,
} from './codeowners';

/** The examples of GitHub's CODEOWNERS documentation, with the paths they are said to match. */
const GITHUB_EXAMPLE = `# These owners will be the default owners for everything in the repo.
*       @global-owner1 @global-owner2

# Order is important; the last matching pattern takes the most precedence.
*.js    @js-owner #This is an inline comment.

*.go docs@example.com

*.txt @octo-org/octocats

/build/logs/ @doctocat

docs/*  docs@example.com

apps/ @octocat

/docs/ @doctocat

/scripts/ @doctocat @octocat

**/logs @octocat

/apps/ @octocat
/apps/github
`;

describe('CODEOWNERS', () => {
  const rules = parseCodeowners(GITHUB_EXAMPLE);

  it.each([
    ['README.md', ['@global-owner1', '@global-owner2']],
    ['src/index.js', ['@js-owner']],
    ['main.go', ['docs@example.com']],
    ['notes/todo.txt', ['@octo-org/octocats']],
    ['build/logs/today.log', ['@octocat']], // **/logs comes later
    ['build/logs/2024/today.log', ['@octocat']],
    ['docs/getting-started.md', ['@doctocat']], // /docs/ comes after docs/*
    ['scripts/deploy.sh', ['@doctocat', '@octocat']],
    ['deeply/nested/logs/x.log', ['@octocat']],
    ['apps/web/index.html', ['@octocat']],
    ['apps/github/index.html', []], // a rule without owners: unowned
  ])('gives %s the owners GitHub documents', (path, owners) => {
    expect(codeownersOf(rules, path)).toEqual(owners);
  });

  it("applies `folder/*` to the folder's own files only, as GitHub does", () => {
    const own = parseCodeowners('docs/*  @docs-team\n');
    expect(codeownersOf(own, 'docs/getting-started.md')).toEqual([
      '@docs-team',
    ]);
    expect(
      codeownersOf(own, 'docs/build-app/troubleshooting.md'),
    ).toBeUndefined();
  });

  it('anchors a pattern with a slash in the middle, matches a bare name at any depth', () => {
    const own = parseCodeowners('apps/web @a\nkustomize @b\n');
    expect(codeownersOf(own, 'apps/web/vm.yaml')).toEqual(['@a']);
    expect(codeownersOf(own, 'team/apps/web/vm.yaml')).toBeUndefined();
    expect(codeownersOf(own, 'x/y/kustomize/base/vm.yaml')).toEqual(['@b']);
  });

  it('is case-sensitive, and ignores lines GitHub calls invalid (negation, character ranges)', () => {
    const own = parseCodeowners(
      '/VMs/ @upper\n!/vms/keep @negated\n/vms/[ab]* @ranged\n',
    );
    expect(own.map(rule => rule.line)).toEqual([1]);
    expect(codeownersOf(own, 'vms/a.yaml')).toBeUndefined();
    expect(codeownersOf(own, 'VMs/a.yaml')).toEqual(['@upper']);
  });

  it('reads escaped spaces and a pattern starting with #', () => {
    const own = parseCodeowners('/my\\ vms/ @spaces\n\\#odd @hash\n');
    expect(codeownersOf(own, 'my vms/a.yaml')).toEqual(['@spaces']);
    expect(codeownersOf(own, '#odd')).toEqual(['@hash']);
  });

  it('maps teams to groups and users to users; e-mail owners have no entity', () => {
    expect(ownerEntityRef('@demo-org/platform-team')).toBe(
      'group:default/platform-team',
    );
    expect(ownerEntityRef('@octocat')).toBe('user:default/octocat');
    expect(ownerEntityRef('docs@example.com')).toBeUndefined();
  });

  it('owns a VM manifest by the first team or user of its last matching rule', () => {
    const own = parseCodeowners(`* ops@example.com
/applicationsets/demo-vm/ ops@example.com @demo-org/platform-team @someone
/applicationsets/demo-vm/kustomize/prod/ @demo-org/prod-team
/applicationsets/mail-only/ ops@example.com
`);
    expect(
      codeownersEntityOwner(
        own,
        'applicationsets/demo-vm/kustomize/base/virtualmachine.yaml',
      ),
    ).toBe('group:default/platform-team');
    expect(
      codeownersEntityOwner(own, 'applicationsets/mail-only/vm.yaml'),
    ).toBeUndefined();
    expect(codeownersEntityOwner(own, 'elsewhere/vm.yaml')).toBeUndefined();
    expect(codeownersEntityOwner([], 'any/vm.yaml')).toBeUndefined();
  });
});
