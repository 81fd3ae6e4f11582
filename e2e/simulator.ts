// The fleet simulator's control API, as the end-to-end tests use it: merge a
// pull request, read state. Nothing here talks to a product route.
import { generateKeyPairSync } from 'node:crypto';

export const simulatorUrl =
  process.env.E2E_SIMULATOR_URL ?? 'http://127.0.0.1:7100';
/** The repository and number of a pull request from its URL (…/owner/repo/pull/12). */
export function pullRequestOf(url: string): {
  owner: string;
  repo: string;
  number: number;
} {
  const match = /\/([^/]+)\/([^/]+)\/pull\/(\d+)$/.exec(url);
  if (!match) throw new Error(`not a pull request URL: ${url}`);
  return { owner: match[1], repo: match[2], number: Number(match[3]) };
}

/** Merges a pull request (by its URL) in the simulated GitHub. */
export async function mergePullRequest(url: string): Promise<void> {
  const { owner, repo, number } = pullRequestOf(url);
  const res = await fetch(
    `${simulatorUrl}/github/${owner}/${repo}/pulls/${number}/merge`,
    { method: 'POST' },
  );
  if (!res.ok) {
    throw new Error(
      `merging ${owner}/${repo}#${number} failed: ${
        res.status
      } ${await res.text()}`,
    );
  }
}

/** A fresh ed25519 public key in OpenSSH format (what a user pastes). */
export function sshPublicKey(comment: string): string {
  const { publicKey } = generateKeyPairSync('ed25519');
  const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
  const field = (b: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(b.length);
    return Buffer.concat([length, b]);
  };
  const body = Buffer.concat([field(Buffer.from('ssh-ed25519')), field(raw)]);
  return `ssh-ed25519 ${body.toString('base64')} ${comment}`;
}

const githubApi =
  process.env.E2E_GITHUB_API_URL ?? 'http://127.0.0.1:7103/api/v3';
const githubToken = 'github-simulator-demo-token';

/** The files a pull request changes, as the simulated GitHub lists them. */
export async function pullRequestFiles(
  url: string,
): Promise<Array<{ filename: string; status: string; patch?: string }>> {
  const { owner, repo, number } = pullRequestOf(url);
  const res = await fetch(
    `${githubApi}/repos/${owner}/${repo}/pulls/${number}/files?per_page=100`,
    { headers: { authorization: `token ${githubToken}` } },
  );
  if (!res.ok) {
    throw new Error(
      `listing the files of ${owner}/${repo}#${number} failed: ${
        res.status
      } ${await res.text()}`,
    );
  }
  return (await res.json()) as Array<{
    filename: string;
    status: string;
    patch?: string;
  }>;
}
