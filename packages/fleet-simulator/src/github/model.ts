/*
 * Everything GitHub knows besides Git objects: accounts, teams, repository
 * metadata, labels, pull requests and their comments.
 */
import { InMemoryGitStore } from '../git/store';
import { kubeTimestamp } from '../store';
import type { Clock } from '../contracts';
import type { GitRepository } from '../git/repository';
import type { GitSignature } from '../git/objects';
import type { GithubSimulatorOptions } from './types';

export interface AccountRecord {
  login: string;
  id: number;
  nodeId: string;
  type: 'User' | 'Organization';
  createdAt: string;
}

export interface TeamRecord {
  org: string;
  slug: string;
  name: string;
  id: number;
  nodeId: string;
}

export interface LabelRecord {
  id: number;
  nodeId: string;
  name: string;
  color: string;
  description: string | null;
  isDefault: boolean;
}

export interface CommentRecord {
  id: number;
  nodeId: string;
  body: string;
  author: string;
  createdAt: string;
  updatedAt: string;
}

/** A pull request's diff summary, frozen when it is merged. */
export interface PullSnapshot {
  mergeBase: string | undefined;
  commits: string[];
  files: Array<{
    path: string;
    status: 'added' | 'removed' | 'modified';
    beforeSha?: string;
    afterSha?: string;
  }>;
}

export interface PullRecord {
  number: number;
  id: number;
  nodeId: string;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  draft: boolean;
  author: string;
  headRef: string;
  /** Last known head SHA (the branch may since have moved or been deleted). */
  headSha: string;
  baseRef: string;
  baseSha: string;
  maintainerCanModify: boolean;
  labels: string[];
  requestedReviewers: string[];
  requestedTeams: string[];
  comments: CommentRecord[];
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  mergedAt: string | null;
  mergedBy: string | null;
  mergeCommitSha: string | null;
  mergedSnapshot?: PullSnapshot;
}

export interface RepoRecord {
  owner: AccountRecord;
  name: string;
  id: number;
  nodeId: string;
  description: string | null;
  defaultBranch: string;
  createdAt: string;
  updatedAt: string;
  pushedAt: string;
  labels: Map<string, LabelRecord>;
  pulls: Map<number, PullRecord>;
  nextNumber: number;
  git: GitRepository;
}

const DEFAULT_LABELS: Array<[string, string, string]> = [
  ['bug', 'd73a4a', "Something isn't working"],
  ['documentation', '0075ca', 'Improvements or additions to documentation'],
  ['duplicate', 'cfd3d7', 'This issue or pull request already exists'],
  ['enhancement', 'a2eeef', 'New feature or request'],
  ['good first issue', '7057ff', 'Good for newcomers'],
  ['help wanted', '008672', 'Extra attention is needed'],
  ['invalid', 'e4e669', "This doesn't seem right"],
  ['question', 'd876e3', 'Further information is requested'],
  ['wontfix', 'ffffff', 'This will not be worked on'],
];

export class GithubModel {
  readonly store = new InMemoryGitStore();
  readonly viewer: AccountRecord;
  private readonly accounts = new Map<string, AccountRecord>();
  private readonly knownUsers = new Set<string>();
  private readonly teams = new Map<string, TeamRecord>();
  private readonly repositories = new Map<string, RepoRecord>();
  private lastId = 1000;

  constructor(readonly clock: Clock, options: GithubSimulatorOptions) {
    const users = options.users?.length
      ? options.users
      : [{ login: 'backstage-bot' }];
    for (const user of users) {
      this.knownUsers.add(user.login.toLowerCase());
      this.account(user.login, 'User');
    }
    this.viewer = this.account(users[0].login, 'User');
    for (const team of options.teams ?? []) {
      this.account(team.org, 'Organization');
      const id = this.nextId();
      this.teams.set(`${team.org}/${team.slug}`.toLowerCase(), {
        org: team.org,
        slug: team.slug,
        name: team.slug,
        id,
        nodeId: this.nodeId('T', id),
      });
    }
    for (const seed of options.repos) {
      const git = this.store.createRepository({
        owner: seed.owner,
        repo: seed.repo,
        defaultBranch: seed.defaultBranch,
        files: seed.files,
        author: this.signature(
          this.viewer.login,
          this.noreplyEmail(this.viewer.login),
        ),
      });
      const id = this.nextId();
      const now = this.timestamp();
      const record: RepoRecord = {
        owner: this.account(seed.owner, 'Organization'),
        name: seed.repo,
        id,
        nodeId: this.nodeId('R', id),
        description: seed.description ?? null,
        defaultBranch: seed.defaultBranch,
        createdAt: now,
        updatedAt: now,
        pushedAt: now,
        labels: new Map(),
        pulls: new Map(),
        nextNumber: 1,
        git,
      };
      for (const [name, color, description] of DEFAULT_LABELS) {
        this.ensureLabel(record, name, { color, description, isDefault: true });
      }
      this.repositories.set(`${seed.owner}/${seed.repo}`.toLowerCase(), record);
    }
  }

  nextId(): number {
    this.lastId += 1;
    return this.lastId;
  }

  /** A GraphQL global id in GitHub's current style (`PR_kgDO…`). */
  nodeId(prefix: string, key: number | string): string {
    return `${prefix}_kgDO${Buffer.from(`${prefix}:${key}`).toString(
      'base64url',
    )}`;
  }

  timestamp(): string {
    return kubeTimestamp(this.clock.now());
  }

  noreplyEmail(login: string): string {
    return `${login}@users.noreply.github.com`;
  }

  signature(name: string, email: string): GitSignature {
    return {
      name,
      email,
      epochSeconds: Math.floor(this.clock.now().getTime() / 1000),
      utcOffsetMinutes: 0,
    };
  }

  /** A known account, or one made up on first use (for owners and authors). */
  account(login: string, type: AccountRecord['type'] = 'User'): AccountRecord {
    const key = login.toLowerCase();
    const existing = this.accounts.get(key);
    if (existing) return existing;
    const id = this.nextId();
    const created: AccountRecord = {
      login,
      id,
      nodeId: this.nodeId(type === 'User' ? 'U' : 'O', id),
      type,
      createdAt: this.timestamp(),
    };
    this.accounts.set(key, created);
    return created;
  }

  isKnownUser(login: string): boolean {
    return this.knownUsers.has(login.toLowerCase());
  }

  team(org: string, slug: string): TeamRecord | undefined {
    return this.teams.get(`${org}/${slug}`.toLowerCase());
  }

  repo(owner: string, name: string): RepoRecord | undefined {
    return this.repositories.get(`${owner}/${name}`.toLowerCase());
  }

  repos(): RepoRecord[] {
    return [...this.repositories.values()];
  }

  ensureLabel(
    repo: RepoRecord,
    name: string,
    defaults: {
      color?: string;
      description?: string | null;
      isDefault?: boolean;
    } = {},
  ): LabelRecord {
    const existing = repo.labels.get(name.toLowerCase());
    if (existing) return existing;
    const id = this.nextId();
    const label: LabelRecord = {
      id,
      nodeId: this.nodeId('LA', id),
      name,
      color: defaults.color ?? 'ededed',
      description: defaults.description ?? null,
      isDefault: defaults.isDefault ?? false,
    };
    repo.labels.set(name.toLowerCase(), label);
    return label;
  }

  /** Moves (or creates) a ref and records the push; branch moves reach `onBranchUpdated` listeners. */
  updateRef(repo: RepoRecord, fullRef: string, sha: string): void {
    this.store.updateRef(repo.git, fullRef, sha);
    repo.pushedAt = this.timestamp();
  }

  /** The SHA a branch points at now, if the branch exists. */
  branchSha(repo: RepoRecord, branch: string): string | undefined {
    return repo.git.getRef(`refs/heads/${branch}`);
  }
}
