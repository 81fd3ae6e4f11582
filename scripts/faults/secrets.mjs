// Family 4, "secrets": no configured credential anywhere a user, an agent or
// an operator can read it. Looks for every value of stack.secrets (the
// GitHub token, the ArgoCD password, the hub token, the static service
// tokens, the backend secret), those of any stack another family started
// (seen.stacks), and ArgoCD session tokens, in:
//
//   - response bodies: what the earlier families saw (seen.bodies) and fresh
//     calls to every route (the plugin's routes, its actions over HTTP and
//     MCP, errors, the catalog, the scaffolder's tasks and their events, the
//     served frontend);
//   - every line of the run's log files (simulator and backend);
//   - the built frontend bundle (packages/app/dist, built when absent);
//   - the simulated GitHub's pull requests (titles, bodies, comments) and
//     commit messages.
//
// Each value is also looked for Base64-encoded (at all three alignments,
// standard and URL alphabet), and as the Base64 of the Basic credentials it
// would travel in (admin:<ArgoCD password>, x-access-token:<GitHub token>).
// ArgoCD session tokens are issued per login (a JWT with a random jti) and
// the simulator does not list the ones it issued, so every JWT found is
// decoded and one whose issuer is "argocd" is a hit; a token of our own login
// is looked for as well. The config file holds the secrets and is not scanned.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { guestToken, root } from './stack.mjs';

const DIST = join(root, 'packages/app/dist');
const SCENARIO = join(root, 'packages/fleet-simulator/scenarios/demo.yaml');
const REPO = 'demo-org/gitops-demo';

/** Base64 of `value` wherever it sits in a longer encoded text. */
function base64Forms(value) {
  const forms = new Set();
  const bytes = Buffer.from(value, 'utf8');
  for (const shift of [0, 1, 2]) {
    const encoded = Buffer.concat([Buffer.alloc(shift), bytes])
      .toString('base64')
      .replace(/=+$/, '');
    const total = shift + bytes.length;
    // leading characters carry the padding bytes, a trailing partial group the next byte
    const start = [0, 2, 3][shift];
    const end = total % 3 === 0 ? encoded.length : encoded.length - 1;
    const core = encoded.slice(start, end);
    forms.add(core);
    forms.add(core.replaceAll('+', '-').replaceAll('/', '_'));
  }
  return [...forms].filter(form => form.length >= 12);
}

/** Needles: { token, form, text } for every token and form. */
function needlesOf(tokens) {
  const needles = [];
  for (const { name, value } of tokens) {
    needles.push({ token: name, form: 'as is', text: value });
    for (const text of base64Forms(value)) {
      needles.push({ token: name, form: 'base64', text });
    }
  }
  return needles;
}

/** JWTs in a text whose issuer is ArgoCD (session tokens). */
function argocdJwts(text) {
  const found = [];
  for (const match of text.matchAll(
    /eyJ[A-Za-z0-9_-]+\.(eyJ[A-Za-z0-9_-]+)\.[A-Za-z0-9_-]+/g,
  )) {
    try {
      const claims = JSON.parse(
        Buffer.from(match[1], 'base64url').toString('utf8'),
      );
      if (claims?.iss === 'argocd') found.push(match[0]);
    } catch {
      // not a JWT
    }
  }
  return found;
}

/** The hits of one text: "<token> (<form>)". */
function scanText(text, needles) {
  const hits = [];
  for (const needle of needles) {
    if (text.includes(needle.text)) {
      hits.push(`${needle.token} (${needle.form})`);
    }
  }
  if (argocdJwts(text).length > 0) {
    hits.push('argocdSessionToken (a JWT issued by ArgoCD)');
  }
  return [...new Set(hits)];
}

/** Every file under a folder. */
function filesUnder(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path));
    else out.push(path);
  }
  return out;
}

async function httpText(url, { method = 'GET', headers = {}, body } = {}) {
  const res = await fetch(url, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  return { status: res.status, text: await res.text() };
}

const parse = text => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

/** Logs in to the simulator's ArgoCD with the configured credentials. */
async function ownArgocdSession(stack) {
  const res = await httpText(
    `http://127.0.0.1:${stack.ports.argocd}/api/v1/session`,
    {
      method: 'POST',
      body: { username: 'admin', password: stack.secrets.argocdPassword },
    },
  );
  const token = parse(res.text)?.token;
  if (res.status !== 200 || !token) {
    throw new Error(`ArgoCD login: HTTP ${res.status}`);
  }
  return token;
}

/** Fresh answers of every route: [{ source, text }]. */
async function freshBodies(stack, failures) {
  const bodies = [];
  const guest = await guestToken(stack.backendUrl);
  const callers = [
    ['guest', guest],
    ['static token', stack.secrets.staticToken],
  ];
  const kg = `${stack.backendUrl}/api/kubevirt-gitops`;
  const get = async (label, url, token, init = {}) => {
    const res = await httpText(url, {
      ...init,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...init.headers,
      },
    });
    bodies.push({ source: `${label} (HTTP ${res.status})`, text: res.text });
    return res;
  };
  const guestRefresh = await httpText(
    `${stack.backendUrl}/api/auth/guest/refresh`,
    { headers: { 'x-requested-with': 'XMLHttpRequest' } },
  );
  bodies.push({
    source: `GET /api/auth/guest/refresh (HTTP ${guestRefresh.status})`,
    text: guestRefresh.text,
  });

  const entities = await get(
    'GET /api/catalog/entities',
    `${stack.backendUrl}/api/catalog/entities`,
    guest,
  );
  const all = parse(entities.text) ?? [];
  const vms = all
    .filter(e => e.kind === 'Resource' && e.spec?.type === 'virtual-machine')
    .map(e => `${e.metadata.namespace ?? 'default'}/${e.metadata.name}`);
  const sets = all
    .filter(e => e.metadata?.annotations?.['kubevirt-gitops.io/cluster-set'])
    .map(
      e =>
        `${e.metadata.namespace ?? 'default'}/${e.kind.toLowerCase()}/${
          e.metadata.name
        }`,
    );
  if (vms.length === 0) failures.push('fresh calls: the catalog shows no VM');
  await get(
    'GET /api/catalog/locations',
    `${stack.backendUrl}/api/catalog/locations`,
    guest,
  );

  const mcp = (token, method, params) =>
    get(
      `MCP ${method} ${params.name ?? ''}`.trim(),
      `${stack.backendUrl}/api/mcp-actions/v1`,
      token,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
        },
        body: { jsonrpc: '2.0', id: 1, method, params },
      },
    );
  const invoke = (token, action, input) =>
    get(
      `POST actions ${action}/invoke`,
      `${kg}/.backstage/actions/v1/actions/kubevirt-gitops:${action}/invoke`,
      token,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: input,
      },
    );

  for (const [who, token] of callers) {
    for (const vm of vms) {
      const [ns, name] = vm.split('/');
      const base = `${kg}/entities/${ns}/resource/${name}`;
      await get(
        `${who}: GET /entities/${ns}/resource/${name}/vms`,
        `${base}/vms`,
        token,
      );
      await get(
        `${who}: POST /entities/${ns}/resource/${name}/vms/refresh`,
        `${base}/vms/refresh`,
        token,
        {
          method: 'POST',
        },
      );
      await invoke(token, 'get-vm-status', { entityRef: `resource:${vm}` });
      await invoke(token, 'list-vm-pull-requests', {
        entityRef: `resource:${vm}`,
      });
      await mcp(token, 'tools/call', {
        name: 'kubevirt-gitops.get-vm-status',
        arguments: { entityRef: `resource:${vm}` },
      });
    }
    for (const set of sets) {
      await get(
        `${who}: GET /entities/${set}/fleet`,
        `${kg}/entities/${set}/fleet`,
        token,
      );
    }
    for (const path of [
      '/fleet',
      '/fleet?clusterSet=managed',
      '/environments',
      '/choices',
      '/.backstage/actions/v1/actions',
    ]) {
      await get(`${who}: GET ${path}`, `${kg}${path}`, token);
    }
    // errors: a bad query, an unknown set, a missing entity, a bad ref
    for (const path of [
      '/fleet?clusterSet=Not_A_Label',
      '/fleet?clusterSet=no-such-set',
      '/entities/default/resource/faults-no-such-vm/vms',
      '/entities/default/Bad!/x/vms',
    ]) {
      await get(
        `${who}: GET ${path} (an error on purpose)`,
        `${kg}${path}`,
        token,
      );
    }
    await invoke(token, 'get-fleet', {});
    await invoke(token, 'list-environments', {});
    await mcp(token, 'tools/list', {});
    await mcp(token, 'tools/call', {
      name: 'kubevirt-gitops.get-fleet',
      arguments: {},
    });
    await mcp(token, 'tools/call', {
      name: 'kubevirt-gitops.list-environments',
      arguments: {},
    });
  }

  // the scaffolder: its actions, every task of the run, and their events
  await get(
    'GET /api/scaffolder/v2/actions',
    `${stack.backendUrl}/api/scaffolder/v2/actions`,
    guest,
  );
  const tasks = await get(
    'GET /api/scaffolder/v2/tasks',
    `${stack.backendUrl}/api/scaffolder/v2/tasks`,
    guest,
  );
  const taskList = parse(tasks.text)?.tasks ?? [];
  for (const task of taskList) {
    await get(
      `GET /api/scaffolder/v2/tasks/${task.id}`,
      `${stack.backendUrl}/api/scaffolder/v2/tasks/${task.id}`,
      guest,
    );
    await get(
      `GET /api/scaffolder/v2/tasks/${task.id}/events`,
      `${stack.backendUrl}/api/scaffolder/v2/tasks/${task.id}/events`,
      guest,
    );
  }

  // the served frontend: index.html (runtime config injected) and its scripts
  const index = await get('GET / (served app)', `${stack.backendUrl}/`);
  for (const match of index.text.matchAll(/<script[^>]+src="([^"]+)"/g)) {
    const url = new URL(match[1], `${stack.backendUrl}/`).toString();
    await get(`GET ${new URL(url).pathname} (served app)`, url);
  }
  // an error where an answer was asked for would leave the answer unread
  for (const { source } of bodies) {
    const status = Number(/HTTP (\d+)/.exec(source)?.[1]);
    if (!source.includes('on purpose') && !(status >= 200 && status < 300)) {
      failures.push(
        `fresh call ${source}: not a 2xx, its answer is not scanned`,
      );
    }
  }
  return {
    bodies,
    tasks: taskList.length,
    served: bodies.filter(b => b.source.includes('(served app)')).length,
  };
}

/** Pull requests, their comments and the commit messages of the GitOps repository. */
async function gitHubTexts(stack, failures) {
  const headers = { authorization: `token ${stack.secrets.githubToken}` };
  const api = `${stack.githubApiUrl}/repos/${REPO}`;
  const getJson = async path => {
    const res = await httpText(`${api}${path}`, { headers });
    if (res.status !== 200) {
      failures.push(`GitHub GET ${path}: HTTP ${res.status}`);
      return [];
    }
    return parse(res.text) ?? [];
  };
  const texts = [];
  const pulls = [];
  for (let page = 1; ; page += 1) {
    const batch = await getJson(`/pulls?state=all&per_page=100&page=${page}`);
    pulls.push(...batch);
    if (batch.length < 100) break;
  }
  for (const pull of pulls) {
    texts.push({
      source: `PR #${pull.number} title`,
      text: String(pull.title ?? ''),
    });
    texts.push({
      source: `PR #${pull.number} body`,
      text: String(pull.body ?? ''),
    });
    texts.push({
      source: `PR #${pull.number} branch`,
      text: String(pull.head?.ref ?? ''),
    });
    const comments = await getJson(
      `/issues/${pull.number}/comments?per_page=100`,
    );
    const pullCommits = await getJson(
      `/pulls/${pull.number}/commits?per_page=100`,
    );
    for (const commit of pullCommits) {
      texts.push({
        source: `PR #${pull.number} commit ${String(commit.sha).slice(
          0,
          8,
        )} message`,
        text: String(commit.commit?.message ?? ''),
      });
    }
    comments.forEach((comment, i) =>
      texts.push({
        source: `PR #${pull.number} comment ${i + 1}`,
        text: String(comment.body ?? ''),
      }),
    );
  }
  const commits = await getJson('/commits?per_page=100');
  for (const commit of commits) {
    texts.push({
      source: `commit ${String(commit.sha).slice(0, 8)} message`,
      text: String(commit.commit?.message ?? ''),
    });
  }
  return { texts, pulls: pulls.length, commits: commits.length };
}

/** Opens a pull request (stop a VM) as the guest; the action's answer. */
async function openPullRequest(stack) {
  const guest = await guestToken(stack.backendUrl);
  const res = await httpText(
    `${stack.backendUrl}/api/kubevirt-gitops/.backstage/actions/v1/actions/kubevirt-gitops:set-vm-run-strategy/invoke`,
    {
      method: 'POST',
      headers: { authorization: `Bearer ${guest}` },
      body: { entityRef: 'resource:default/ci-runner', runStrategy: 'Manual' },
    },
  );
  return `HTTP ${res.status} ${res.text}`;
}

/** The bundle's files, building it first when it is absent. */
function bundleFiles(log, failures) {
  if (!existsSync(join(DIST, 'index.html'))) {
    log(
      'secrets: packages/app/dist is absent; building it (yarn workspace app build)',
    );
    const result = spawnSync('yarn', ['workspace', 'app', 'build'], {
      cwd: root,
      stdio: 'inherit',
    });
    if (result.status !== 0 || !existsSync(join(DIST, 'index.html'))) {
      failures.push('the frontend bundle could not be built: not scanned');
      return [];
    }
  }
  return filesUnder(DIST);
}

export async function run(stack, { seen, log }) {
  const failures = [];
  const hits = [];
  const hit = (source, names) => {
    for (const name of names) hits.push(`${source}: ${name}`);
  };

  // the tokens: this stack's, any other stack's of the run, an ArgoCD session
  const stacks = [
    { name: '', secrets: stack.secrets, logFiles: stack.logFiles },
    ...(seen.stacks ?? []),
  ];
  const named = [];
  for (const s of stacks) {
    for (const [name, value] of Object.entries(s.secrets)) {
      named.push({ name: s.name ? `${s.name}.${name}` : name, value });
    }
  }
  // the simulated ArgoCD's API tokens (the backend logs in with the password)
  const scenario = parseYaml(readFileSync(SCENARIO, 'utf8'));
  for (const value of scenario?.credentials?.argocd?.tokens ?? []) {
    named.push({ name: 'argocdApiToken (scenario)', value: String(value) });
  }
  const session = await ownArgocdSession(stack);
  named.push({ name: 'argocdSessionToken (our own login)', value: session });
  // one entry per value: the simulator's scenario values are every stack's
  const tokens = [];
  for (const { name, value } of named) {
    const same = tokens.find(t => t.value === value);
    if (same) same.name += ` = ${name}`;
    else tokens.push({ name, value });
  }
  const needles = needlesOf(tokens);
  for (const s of stacks) {
    const prefix = s.name ? `${s.name}.` : '';
    needles.push(
      ...[
        `admin:${s.secrets.argocdPassword}`,
        `x-access-token:${s.secrets.githubToken}`,
      ].flatMap(basic =>
        base64Forms(basic).map(text => ({
          token: `${prefix}${
            basic.startsWith('admin') ? 'argocdPassword' : 'githubToken'
          }`,
          form: 'Basic credentials, base64',
          text,
        })),
      ),
    );
  }

  // the scanner sees what it is for: each token as is, inside Base64 at
  // every alignment, and a session JWT with a claim around it
  for (const { name, value } of tokens) {
    const samples = [
      `{"x":"${value}"}`,
      ...['', 'a', 'ab'].map(pad =>
        Buffer.from(`${pad}${value} and more`).toString('base64'),
      ),
    ];
    if (samples.some(sample => scanText(sample, needles).length === 0)) {
      failures.push(`the scan is blind to a form of ${name}`);
    }
  }
  if (argocdJwts(`Bearer ${session}`).length !== 1) {
    failures.push('the scan does not recognize an ArgoCD session JWT');
  }

  // 0. pull requests (run alone, the suite has opened none: open
  // one through the plugin's action, so there is a PR body to read)
  let github = await gitHubTexts(stack, failures);
  if (github.pulls === 0) {
    const opened = await openPullRequest(stack);
    log(
      `secrets: no pull request yet; opened one through set-vm-run-strategy: ${
        /"pullRequestUrl": "([^"]+)"/.exec(opened)?.[1] ?? opened.slice(0, 300)
      }`,
    );
    seen.bodies.push(opened);
    github = await gitHubTexts(stack, failures);
  }

  // 1. response bodies
  const fresh = await freshBodies(stack, failures);
  const bodies = [
    ...seen.bodies.map((text, i) => ({
      source: `response body ${i + 1} of the earlier families`,
      text: String(text),
    })),
    ...fresh.bodies,
  ];
  for (const { source, text } of bodies) hit(source, scanText(text, needles));

  // 2. log lines
  let logLines = 0;
  const logFiles = stacks.flatMap(s => s.logFiles);
  for (const file of logFiles) {
    if (!existsSync(file)) {
      failures.push(`log file ${relative(root, file)} is missing`);
      continue;
    }
    const lines = readFileSync(file, 'utf8').split('\n');
    // every line, the simulator's banner too (the suite starts it with
    // --hide-credentials)
    logLines += lines.length;
    lines.forEach((line, i) => {
      hit(`${relative(root, file)} line ${i + 1}`, scanText(line, needles));
    });
  }

  // 3. the frontend bundle
  const files = bundleFiles(log, failures);
  for (const file of files) {
    hit(relative(root, file), scanText(readFileSync(file, 'latin1'), needles));
  }

  // 4. pull requests and commits
  for (const { source, text } of github.texts)
    hit(source, scanText(text, needles));

  log(
    `secrets: ${tokens.length} tokens (${
      needles.length
    } needles with the Base64 forms); ${bodies.length} bodies (${
      seen.bodies.length
    } from earlier families, ${fresh.bodies.length} fresh: ${Object.entries(
      fresh.bodies.reduce((acc, b) => {
        const status = /HTTP (\d+)/.exec(b.source)?.[1] ?? '?';
        acc[status] = (acc[status] ?? 0) + 1;
        return acc;
      }, {}),
    )
      .map(([status, n]) => `${n}× ${status}`)
      .join(', ')}, ${fresh.tasks} scaffolder tasks, ${
      fresh.served
    } files of the served app), ${logLines} lines of ${
      logFiles.length
    } log files, ${files.length} bundle files, ${github.pulls} PRs and ${
      github.commits
    } commits (${github.texts.length} texts)`,
  );
  const sources = bodies.length + logLines + files.length + github.texts.length;
  const summary = `${tokens.length} tokens × ${sources} sources (${bodies.length} response bodies, ${logLines} log lines, ${files.length} bundle files, ${github.texts.length} PR and commit texts) / hits = ${hits.length}`;
  return {
    ok: hits.length === 0 && failures.length === 0,
    summary,
    failures: [...hits.map(h => `hit: ${h}`), ...failures],
  };
}
