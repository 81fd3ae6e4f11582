#!/usr/bin/env node
// `make start`: the app on :3000 and the backend on :7007 (development
// servers from `backstage-cli repo start`). Ctrl-C stops everything.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const args = ['start', ...process.argv.slice(2)];
const child = spawn('yarn', args, { cwd: root, stdio: 'inherit', detached: true });
const stop = () => {
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    // already gone
  }
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
child.on('exit', code => process.exit(code ?? 0));
