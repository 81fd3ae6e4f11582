// Family "bad-input": bad input through the scaffolder's real API, for the
// four templates (POST /api/scaffolder/v2/tasks, as the form would send it)
// and for the kubevirt:vm:pull-request action called directly (POST
// /api/scaffolder/v2/dry-run with an inline one-step template: the dry run
// runs the action's real validation; a valid dry run writes nothing).
//
// Each case must be (1) rejected: HTTP 400 (the template's parameter schema,
// or the action's InputError in a dry run) or a failed task; (2) with an
// error that names the field (its path, e.g. request.rootDiskSize, or for
// the template's schema the parameter and its title); (3) with the simulated
// GitHub's pull requests, branches and branch heads unchanged. A valid
// request at the end must open exactly one pull request and one branch, so
// the zero counts mean something.
//
// Environments with no clusters: every configured environment that
// /api/kubevirt-gitops/environments lists with no cluster gets a template
// and a direct case (the stack needs one configured, e.g. `staging`, whose
// default clusterSelector env=staging matches no simulated cluster); with
// none configured those cases are skipped, and the log says so.
import { randomBytes } from 'node:crypto';
import { githubCounts, guestToken, sleep } from './stack.mjs';

const CONCURRENCY = 4;
const TASK_TIMEOUT_MS = 60_000;
const REPO = 'demo-org/gitops-demo';

const SSH_KEY =
  'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAINGllMjfwshMnmEtGDjjofz3g+fbAoKYVrimpyQ8RWwr bad-input@example.com';
const PRIVATE_KEY =
  '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n-----END OPENSSH PRIVATE KEY-----';

/** request-vm values that pass (each case breaks one field). */
function formValues(name) {
  return {
    name,
    owner: 'group:default/app-team',
    namespace: 'vms',
    purpose: 'fault suite: bad input',
    environments: ['dev'],
    size: 'u1.small',
    image: 'fedora',
    rootDiskSize: '30Gi',
    runStrategy: 'Always',
    sshKeys: [SSH_KEY],
  };
}

/** The action's create request that passes (each case breaks one field). */
function actionRequest(name) {
  return {
    name,
    namespace: 'vms',
    owner: 'group:default/app-team',
    environments: ['dev'],
    size: { instancetype: 'u1.small' },
    bootSource: { image: 'fedora' },
    rootDiskSize: '30Gi',
    runStrategy: 'Always',
    sshKeys: [SSH_KEY],
    purpose: 'fault suite: bad input',
  };
}

function inlineTemplate(input) {
  return {
    apiVersion: 'scaffolder.backstage.io/v1beta3',
    kind: 'Template',
    metadata: { name: 'bad-input-direct-call' },
    spec: {
      owner: 'group:default/platform-team',
      type: 'virtual-machine',
      parameters: [],
      steps: [
        {
          id: 'pull-request',
          name: 'Open the pull request',
          action: 'kubevirt:vm:pull-request',
          input,
        },
      ],
    },
  };
}

/**
 * The cases. `field`: what the error must name (a field path as the action
 * reports it, or a template parameter); `title`: the parameter's title as the
 * user sees it, also accepted.
 */
function buildCases({ existingVm, vmRef, noClusterEnvironments }) {
  const t = (template, label, values, field, title) => ({
    kind: 'template',
    template,
    label,
    values,
    field,
    title,
  });
  const form = (label, change, field, title) =>
    t(
      'request-vm',
      label,
      { ...formValues(uniqueName()), ...change },
      field,
      title,
    );
  const power = (label, change, field, title) =>
    t(
      'vm-power',
      label,
      { vm: vmRef, runStrategy: 'Halted', ...change },
      field,
      title,
    );
  const resize = (label, change, field, title) =>
    t(
      'vm-resize',
      label,
      { vm: vmRef, size: 'u1.medium', ...change },
      field,
      title,
    );
  const decommission = (label, change, field, title) =>
    t(
      'vm-decommission',
      label,
      {
        vm: vmRef,
        reason: 'fault suite: bad input',
        confirm: true,
        ...change,
      },
      field,
      title,
    );
  const d = (label, input, field) => ({
    kind: 'direct',
    label,
    input,
    field,
  });
  const create = (label, change, field) =>
    d(
      label,
      {
        operation: 'create',
        request: { ...actionRequest(uniqueName()), ...change },
      },
      field,
    );
  const lifecycle = (label, input, field) =>
    d(label, { vmName: existingVm, ...input }, field);

  const templates = [
    // names
    form('uppercase name', { name: 'MyVm' }, 'name', 'Name'),
    form('64-character name', { name: 'a'.repeat(64) }, 'name', 'Name'),
    form('unicode name', { name: 'vm-\u00fcml\u00e4ut' }, 'name', 'Name'),
    form('name ".."', { name: '..' }, 'name', 'Name'),
    form('name with a slash', { name: 'team/vm' }, 'name', 'Name'),
    form('name with YAML syntax', { name: 'vm: {a: *b}' }, 'name', 'Name'),
    form('a name that exists', { name: existingVm }, 'name'),
    form(
      'namespace "../kube-system"',
      { namespace: '../kube-system' },
      'namespace',
      'Namespace',
    ),
    // sizes
    form('root disk 0Gi', { rootDiskSize: '0Gi' }, 'rootDiskSize', 'Root disk'),
    form(
      'root disk -10Gi',
      { rootDiskSize: '-10Gi' },
      'rootDiskSize',
      'Root disk',
    ),
    form('root disk 10Ti', { rootDiskSize: '10Ti' }, 'request.rootDiskSize'),
    form(
      'root disk "lots"',
      { rootDiskSize: 'lots' },
      'rootDiskSize',
      'Root disk',
    ),
    form(
      'unknown size',
      { size: 'u1.does-not-exist' },
      'request.size.instancetype',
    ),
    form(
      'size over the dev limits',
      { size: 'u1.8xlarge' },
      'request.size.instancetype',
    ),
    form('size "-1"', { size: '-1' }, 'request.size.instancetype'),
    // environments
    form(
      'unknown environment',
      { environments: ['uat'] },
      'request.environments[0]',
    ),
    form(
      'no environment',
      { environments: [] },
      'environments',
      'Environments',
    ),
    form(
      'environment "../../prod"',
      { environments: ['../../prod'] },
      'request.environments[0]',
    ),
    ...noClusterEnvironments.map(env =>
      form(
        `environment ${env} (no clusters)`,
        { environments: [env] },
        'request.environments[0]',
      ),
    ),
    // images
    form(
      'image: a URL to another registry',
      { image: 'https://registry.evil.example/images/fedora.qcow2' },
      'request.bootSource.image',
    ),
    form(
      'image: a docker.io reference',
      { image: 'docker.io/library/ubuntu:latest' },
      'request.bootSource.image',
    ),
    form(
      'image not allowed in prod',
      { image: 'ubuntu', environments: ['prod'] },
      'request.bootSource.image',
    ),
    // text: injection
    form(
      'purpose with a YAML line break',
      { purpose: 'ok\nkind: Secret' },
      'request.purpose',
    ),
    form('empty purpose', { purpose: '' }, 'request.purpose'),
    form(
      'details with a NUL byte',
      { description: 'line one\u0000line two' },
      'request.description',
    ),
    form(
      'details of 2001 characters',
      { description: 'd'.repeat(2001) },
      'description',
      'Details',
    ),
    form(
      'details with a bidi override',
      { description: 'approved by \u202eteam-security' },
      'request.description',
    ),
    form(
      'owner that is a component',
      { owner: 'component:default/payments' },
      'request.owner',
    ),
    form(
      'a private key as SSH key',
      { sshKeys: [PRIVATE_KEY] },
      'request.sshKeys[0]',
    ),
    form(
      'unknown run strategy',
      { runStrategy: 'Running' },
      'runStrategy',
      'Run strategy',
    ),
    // lifecycle templates
    // catalog:fetch (Backstage's action) names the entity chosen in the field
    power(
      'a VM that does not exist',
      { vm: 'resource:default/no-such-vm' },
      'resource:default/no-such-vm',
    ),
    power(
      'an entity that is not a VM',
      { vm: 'group:default/platform-team' },
      'vmName',
    ),
    power(
      'unknown power state',
      { runStrategy: 'Paused' },
      'runStrategy',
      'Power',
    ),
    power('unknown environment', { environments: ['uat'] }, 'environments[0]'),
    resize('unknown size', { size: 'u1.huge' }, 'size.instancetype'),
    resize('size over the limits', { size: 'u1.8xlarge' }, 'size.instancetype'),
    resize('empty size', { size: '' }, 'size.instancetype'),
    resize(
      'environment with a shell command',
      { environments: ['prod; rm -rf /'] },
      'environments[0]',
    ),
    decommission('not confirmed', { confirm: false }, 'confirm'),
    decommission('empty reason', { reason: '' }, 'reason'),
    decommission(
      'reason with a YAML line break',
      { reason: 'bye\nenvironments: []' },
      'reason',
    ),
    decommission(
      'reason of 201 characters',
      { reason: 'r'.repeat(201) },
      'reason',
      'Reason',
    ),
    decommission(
      'unknown environment',
      { environments: ['qa'] },
      'environments[0]',
    ),
  ];

  const direct = [
    // images and the prod policy (allowedImages: catalog images only)
    create(
      'container disk from another registry in prod',
      {
        environments: ['prod'],
        preference: 'fedora',
        bootSource: { containerDisk: 'docker.io/evil/miner:latest' },
      },
      'request.bootSource.containerDisk',
    ),
    create(
      'container disk as an https URL',
      {
        preference: 'fedora',
        bootSource: { containerDisk: 'https://evil.example.com/disk.img' },
      },
      'request.bootSource.containerDisk',
    ),
    create(
      'container disk "../../etc/passwd"',
      {
        preference: 'fedora',
        bootSource: { containerDisk: '../../../../etc/passwd' },
      },
      'request.bootSource.containerDisk',
    ),
    create(
      'catalog image and container disk at once',
      {
        preference: 'fedora',
        bootSource: {
          image: 'fedora',
          containerDisk: 'quay.io/containerdisks/fedora:42',
        },
      },
      'request.bootSource',
    ),
    // names and paths
    create('name "../../etc"', { name: '../../etc' }, 'request.name'),
    create(
      'name with a YAML line break',
      { name: 'vm\nkind: Secret' },
      'request.name',
    ),
    create('64-character name', { name: 'b'.repeat(64) }, 'request.name'),
    create(
      'name with a Cyrillic look-alike',
      { name: 'vm-\u0430dmin' },
      'request.name',
    ),
    create(
      'namespace "kube-system/../x"',
      { namespace: 'kube-system/../x' },
      'request.namespace',
    ),
    create(
      'preference "../../x"',
      { preference: '../../x' },
      'request.preference',
    ),
    lifecycle(
      'gitopsPath "../../etc"',
      {
        operation: 'set-run-strategy',
        runStrategy: 'Halted',
        gitopsPath: '../../etc',
      },
      'gitopsPath',
    ),
    lifecycle(
      'absolute gitopsPath',
      {
        operation: 'set-run-strategy',
        runStrategy: 'Halted',
        gitopsPath: '/etc/passwd',
      },
      'gitopsPath',
    ),
    lifecycle(
      'gitopsPath with ".." inside',
      {
        operation: 'resize',
        size: { instancetype: 'u1.small' },
        gitopsPath: 'applicationsets/vms/../../../x',
      },
      'gitopsPath',
    ),
    // one VM named, another VM's folder: must not change the other VM
    // (lifecycle() fills vmName with the demo VM, ci-runner)
    lifecycle(
      "gitopsPath of another VM's folder (resize)",
      {
        operation: 'resize',
        size: { instancetype: 'u1.small' },
        gitopsPath: 'applicationsets/vms/analytics-db',
      },
      'gitopsPath',
    ),
    lifecycle(
      "gitopsPath of another VM's folder (decommission)",
      {
        operation: 'decommission',
        reason: 'wrong folder',
        gitopsPath: 'applicationsets/vms/analytics-db',
      },
      'gitopsPath',
    ),
    lifecycle(
      'gitopsPath with backslashes',
      {
        operation: 'decommission',
        reason: 'x',
        gitopsPath: 'applicationsets\\..\\..\\x',
      },
      'gitopsPath',
    ),
    d(
      'vmName "../analytics-db"',
      {
        operation: 'resize',
        vmName: '../analytics-db',
        size: { instancetype: 'u1.small' },
      },
      'vmName',
    ),
    lifecycle(
      'a repository that is not configured',
      {
        operation: 'set-run-strategy',
        runStrategy: 'Halted',
        gitopsRepoUrl: 'https://github.com/evil-org/gitops',
      },
      'gitopsRepoUrl',
    ),
    // sizes
    create(
      '0 vCPUs',
      { size: { vcpus: 0, memory: '4Gi' } },
      'request.size.vcpus',
    ),
    create(
      'negative vCPUs',
      { size: { vcpus: -2, memory: '4Gi' } },
      'request.size.vcpus',
    ),
    create(
      'non-numeric vCPUs',
      { size: { vcpus: 'two', memory: '4Gi' } },
      'request.size.vcpus',
    ),
    create(
      '10Ti of memory',
      { size: { vcpus: 2, memory: '10Ti' } },
      'request.size.memory',
    ),
    create(
      'negative memory',
      { size: { vcpus: 2, memory: '-4Gi' } },
      'request.size.memory',
    ),
    create('root disk "0"', { rootDiskSize: '0' }, 'request.rootDiskSize'),
    create(
      'root disk 10Ti in prod',
      { environments: ['prod'], rootDiskSize: '10Ti' },
      'request.rootDiskSize',
    ),
    lifecycle(
      'resize to 0 vCPUs',
      { operation: 'resize', size: { vcpus: 0, memory: '4Gi' } },
      'size.vcpus',
    ),
    // environments
    create(
      'an environment listed twice',
      { environments: ['dev', 'dev'] },
      'request.environments[1]',
    ),
    create(
      'override for an environment not requested',
      { overrides: { '../prod': { runStrategy: 'Halted' } } },
      'request.overrides',
    ),
    ...noClusterEnvironments.map(env =>
      create(
        `environment ${env} (no clusters)`,
        { environments: [env] },
        'request.environments[0]',
      ),
    ),
    // text: YAML/JSON injection and secrets
    create(
      'description with a U+2028 line separator',
      { description: 'fine\u2028kind: Secret' },
      'request.description',
    ),
    create(
      'description: JSON injection with an escape character',
      { description: '"}, "owner": "group:default/admins", "x": {"\u001b[2K' },
      'request.description',
    ),
    create(
      'purpose with a YAML document separator',
      { purpose: 'x\n---\nkind: Secret' },
      'request.purpose',
    ),
    create('a password field', { password: 'hunter2' }, 'request.password'),
    lifecycle(
      'reason with a YAML line break',
      { operation: 'decommission', reason: 'bye\n  environments: []' },
      'reason',
    ),
    d(
      'unknown operation',
      { operation: 'wipe', vmName: existingVm },
      'operation',
    ),
    lifecycle(
      'a field of another operation',
      {
        operation: 'set-run-strategy',
        runStrategy: 'Halted',
        request: actionRequest('stray'),
      },
      'request',
    ),
  ];
  return [...templates, ...direct];
}

let counter = 0;
function uniqueName() {
  counter += 1;
  return `bad-input-${counter}`;
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Whether `message` names `name` as a field (not as part of a longer path). */
function mentions(message, name) {
  // the scaffolder's own input schema says instance.<path>
  const text = message.replace(/\binstance\./g, ' ');
  return new RegExp(
    `(^|[^A-Za-z0-9_.\\[])${escapeRegExp(name)}($|[^A-Za-z0-9_])`,
  ).test(text);
}

const short = text => {
  const flat = String(text).replace(/\s+/g, ' ').trim();
  return flat.length > 160 ? `${flat.slice(0, 157)}...` : flat;
};

const sameCounts = (a, b) =>
  a.pulls === b.pulls &&
  a.branches === b.branches &&
  a.commits === b.commits &&
  a.headCommits.join() === b.headCommits.join();

const describeCounts = (a, b) =>
  `pulls ${a.pulls}->${b.pulls}, branches ${a.branches}->${
    b.branches
  }, commits ${a.commits}->${b.commits}${
    a.headCommits.join() === b.headCommits.join() ? '' : ', branch heads moved'
  }`;

export async function run(stack, { seen, log }) {
  const { backendUrl } = stack;
  const token = await guestToken(backendUrl);

  async function call(path, { method = 'GET', body } = {}) {
    const res = await fetch(`${backendUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(30_000),
    });
    const text = await res.text();
    seen.bodies.push(text);
    let json;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: res.status, text, json };
  }

  /** Runs a template; returns { rejected, how, message, taskId }. */
  async function runTemplate(template, values) {
    const created = await call('/api/scaffolder/v2/tasks', {
      method: 'POST',
      body: { templateRef: `template:default/${template}`, values },
    });
    if (created.status === 400) {
      const errors = created.json?.errors;
      const message = Array.isArray(errors)
        ? errors
            .map(
              e =>
                `${(e.path ?? []).join('.') || e.property} (${
                  e.schema?.title ?? ''
                }): ${e.message}`,
            )
            .join('; ')
        : created.json?.error?.message ?? created.text;
      return { rejected: true, how: 'HTTP 400', message };
    }
    if (created.status !== 201 || !created.json?.id) {
      return {
        rejected: false,
        how: `HTTP ${created.status}`,
        message: created.text,
      };
    }
    const taskId = created.json.id;
    const deadline = Date.now() + TASK_TIMEOUT_MS;
    let status = 'unknown';
    while (Date.now() < deadline) {
      const task = await call(`/api/scaffolder/v2/tasks/${taskId}`);
      status = task.json?.status ?? status;
      if (['completed', 'failed', 'cancelled'].includes(status)) break;
      await sleep(250);
    }
    const events = await call(`/api/scaffolder/v2/tasks/${taskId}/events`);
    const completion = (events.json ?? []).find(e => e.type === 'completion');
    const failedStep = (events.json ?? []).find(
      e => e.body?.status === 'failed',
    );
    const message =
      completion?.body?.error?.message ??
      failedStep?.body?.message ??
      completion?.body?.message ??
      `task ${status}`;
    return {
      rejected: status === 'failed',
      how: `task ${status}`,
      message,
      taskId,
    };
  }

  async function runDirect(input) {
    const res = await call('/api/scaffolder/v2/dry-run', {
      method: 'POST',
      body: {
        template: inlineTemplate(input),
        values: {},
        secrets: {},
        directoryContents: [],
      },
    });
    return {
      rejected: res.status === 400,
      how: `dry run HTTP ${res.status}`,
      message: res.json?.error?.message ?? short(res.text),
    };
  }

  // The demo's VMs (for "a name that exists" and the lifecycle templates).
  const resources = await call(
    `/api/catalog/entities?filter=${encodeURIComponent(
      'kind=resource,spec.type=virtual-machine',
    )}`,
  );
  const vms = (resources.json ?? []).filter(
    entity =>
      entity.metadata?.annotations?.['kubevirt-gitops.io/vm-name'] &&
      (
        entity.metadata.annotations['backstage.io/managed-by-location'] ?? ''
      ).includes(REPO),
  );
  const vm = vms.find(entity => entity.metadata.name === 'ci-runner') ?? vms[0];
  if (!vm) {
    return {
      ok: false,
      summary: `no VM of ${REPO} in the catalog (HTTP ${resources.status}): nothing to operate`,
    };
  }
  const existingVm = vm.metadata.annotations['kubevirt-gitops.io/vm-name'];
  const vmRef = `resource:${vm.metadata.namespace ?? 'default'}/${
    vm.metadata.name
  }`;
  // Configured environments no cluster belongs to (none in the default config).
  const environments = await call('/api/kubevirt-gitops/environments');
  const noClusterEnvironments = (environments.json?.environments ?? [])
    .filter(env => (env.clusters ?? []).length === 0)
    .map(env => env.name);
  if (noClusterEnvironments.length === 0) {
    log('no configured environment without clusters: those cases are skipped');
  }

  const cases = buildCases({ existingVm, vmRef, noClusterEnvironments });
  const failures = [];
  const countsBefore = await githubCounts(stack);

  async function runCase(testCase) {
    const before = await githubCounts(stack);
    const outcome =
      testCase.kind === 'template'
        ? await runTemplate(testCase.template, testCase.values)
        : await runDirect(testCase.input);
    const after = await githubCounts(stack);
    const names = [testCase.field, testCase.title].filter(Boolean);
    const named = names.some(name => mentions(outcome.message, name));
    const unchanged = sameCounts(before, after);
    const label = `${
      testCase.kind === 'template' ? testCase.template : 'direct'
    }: ${testCase.label}`;
    const problems = [
      ...(outcome.rejected ? [] : [`not rejected (${outcome.how})`]),
      ...(named ? [] : [`the error does not name ${names.join(' or ')}`]),
      ...(unchanged
        ? []
        : [`GitHub changed: ${describeCounts(before, after)}`]),
    ];
    if (problems.length > 0) {
      failures.push(
        `${label}: ${problems.join('; ')}: ${short(outcome.message)}`,
      );
    }
    log(
      `${problems.length ? 'FAIL' : 'ok  '} ${label} [${testCase.field}] ${
        outcome.how
      }: ${short(outcome.message)}`,
    );
  }

  const queue = [...cases];
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (queue.length > 0) {
        const next = queue.shift();
        try {
          await runCase(next);
        } catch (error) {
          failures.push(`${next.label}: ${error.message}`);
        }
      }
    }),
  );
  await sleep(1000);
  const countsAfter = await githubCounts(stack);
  const created = {
    branches: countsAfter.branches - countsBefore.branches,
    commits: countsAfter.commits - countsBefore.commits,
    pulls: countsAfter.pulls - countsBefore.pulls,
  };
  if (!sameCounts(countsBefore, countsAfter)) {
    failures.push(
      `after every bad input, GitHub changed: ${describeCounts(
        countsBefore,
        countsAfter,
      )}`,
    );
  }

  // The control: a valid request opens one pull request on one new branch.
  const controlName = `bad-input-control-${randomBytes(3).toString('hex')}`;
  const control = await runTemplate('request-vm', formValues(controlName));
  const countsControl = await githubCounts(stack);
  const controlOk =
    control.how === 'task completed' &&
    countsControl.pulls === countsAfter.pulls + 1 &&
    countsControl.branches === countsAfter.branches + 1;
  if (!controlOk) {
    failures.push(
      `control (a valid request-vm ${controlName}) did not open exactly one pull request: ${
        control.how
      }, ${describeCounts(countsAfter, countsControl)}: ${short(
        control.message,
      )}`,
    );
  }
  // its body, for the secrets scan
  const pulls = await fetch(
    `${stack.githubApiUrl}/repos/${REPO}/pulls?state=all&per_page=100`,
    { headers: { authorization: `token ${stack.secrets.githubToken}` } },
  ).then(res => res.json());
  for (const pull of Array.isArray(pulls) ? pulls : []) {
    if (pull.head?.ref?.endsWith(`/${controlName}`)) {
      seen.bodies.push(pull.body ?? '');
    }
  }
  log(
    `${controlOk ? 'ok  ' : 'FAIL'} control: valid request-vm ${controlName}: ${
      control.how
    }, ${describeCounts(countsAfter, countsControl)}`,
  );

  const templateCount = cases.filter(c => c.kind === 'template').length;
  const directCount = cases.length - templateCount;
  return {
    ok: failures.length === 0,
    summary: `${
      cases.length
    } bad inputs (${templateCount} templates, ${directCount} direct action calls) / branches+commits+PRs created = ${
      created.branches + created.commits + created.pulls
    }${
      failures.length ? `; ${failures.length} failures` : ''
    }; control request opened ${countsControl.pulls - countsAfter.pulls} PR`,
    failures,
  };
}
