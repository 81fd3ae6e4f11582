/* Temporary measurement script (not a test): node -r @backstage/cli/config/nodeTransform.cjs */
import { startTestGithub } from './startTestGithub';

async function main() {
  const github = await startTestGithub();
  const { octokit } = github;
  const owner = 'acme';
  const repo = 'gitops';
  const prs = Number(process.env.PRS ?? 200);
  const started = performance.now();
  let calls = 0;
  for (let index = 0; index < prs; index++) {
    const vm = `vm-${index}`;
    const { data: ref } = await octokit.git.getRef({
      owner,
      repo,
      ref: 'heads/main',
    });
    const { data: tree } = await octokit.git.createTree({
      owner,
      repo,
      base_tree: ref.object.sha,
      tree: [
        {
          path: `applicationsets/vms/${vm}/kustomize/base/virtualmachine.yaml`,
          mode: '100644',
          type: 'blob',
          content: `name: ${vm}\n`,
        },
        {
          path: `applicationsets/vms/${vm}/kustomize/dev/kustomization.yaml`,
          mode: '100644',
          type: 'blob',
          content: 'resources:\n- ../base\n',
        },
        {
          path: `applicationsets/vms/${vm}/catalog-info.yaml`,
          mode: '100644',
          type: 'blob',
          content: `name: ${vm}\n`,
        },
      ],
    });
    const { data: commit } = await octokit.git.createCommit({
      owner,
      repo,
      message: vm,
      tree: tree.sha,
      parents: [ref.object.sha],
    });
    await octokit.git.createRef({
      owner,
      repo,
      ref: `refs/heads/${vm}`,
      sha: commit.sha,
    });
    const { data: pull } = await octokit.pulls.create({
      owner,
      repo,
      title: vm,
      head: vm,
      base: 'main',
    });
    await octokit.issues.addLabels({
      owner,
      repo,
      issue_number: pull.number,
      labels: ['kubevirt-gitops', 'env/dev'],
    });
    await octokit.pulls.requestReviewers({
      owner,
      repo,
      pull_number: pull.number,
      reviewers: ['alice'],
    });
    await octokit.pulls.merge({ owner, repo, pull_number: pull.number });
    calls += 8;
  }
  const writeMs = performance.now() - started;
  const listStart = performance.now();
  for (let index = 0; index < 200; index++) {
    await octokit.pulls.list({ owner, repo, state: 'all', per_page: 100 });
  }
  const listMs = performance.now() - listStart;
  const contentStart = performance.now();
  for (let index = 0; index < 1000; index++) {
    await octokit.repos.getContent({
      owner,
      repo,
      path: 'catalog-info.yaml',
      mediaType: { format: 'raw' },
    });
  }
  const contentMs = performance.now() - contentStart;
  const files = github.simulator.git.listFiles(
    owner,
    repo,
    github.simulator.git.resolveRef(owner, repo, 'main') ?? '',
  );
  console.log(
    JSON.stringify({
      prsCreatedAndMerged: prs,
      calls,
      msPerCall: +(writeMs / calls).toFixed(2),
      msPerPrIncludingMerge: +(writeMs / prs).toFixed(1),
      listPulls100msEach: +(listMs / 200).toFixed(2),
      rawContentMsEach: +(contentMs / 1000).toFixed(2),
      filesOnMain: files.length,
      rssMB: Math.round(process.memoryUsage().rss / 1e6),
    }),
  );
  await github.close();
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
