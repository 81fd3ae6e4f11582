import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createGithubClient } from './githubClient';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function heapAfterGc(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

describe('createGithubClient', () => {
  it('frees a client nobody holds (the pull-request reader makes one per list)', () => {
    // Keep the first client's module-level set-up out of the figure.
    createGithubClient({ token: 't', baseUrl: 'http://127.0.0.1:9' });
    const before = heapAfterGc();
    for (let i = 0; i < 3000; i += 1) {
      createGithubClient({ token: 't', baseUrl: 'http://127.0.0.1:9' });
    }
    const retained = heapAfterGc() - before;
    // With a Bottleneck.Group per client (their cleanup intervals hold them
    // for the life of the process) 3000 clients kept about 5.8 MB.
    expect(retained).toBeLessThan(2 * 1024 * 1024);
  });
});
