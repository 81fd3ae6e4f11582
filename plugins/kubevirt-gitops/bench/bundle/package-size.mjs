#!/usr/bin/env node
/*
 * The plugin's own production code, without the app: bundles the output of
 * `yarn backstage-cli package build` (dist/) with esbuild, minified, every
 * dependency external and lazy imports split as the app splits them, and
 * prints the size of each chunk (minified and gzip).
 *
 * Usage: yarn backstage-cli package build && node bench/bundle/package-size.mjs
 */
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const print = line => process.stdout.write(`${line}\n`);
const result = await build({
  entryPoints: [
    join(root, 'dist/index.esm.js'),
    join(root, 'dist/alpha.esm.js'),
  ],
  bundle: true,
  splitting: true,
  format: 'esm',
  minify: true,
  outdir: join(root, 'dist-bench'),
  write: false,
  // Dependencies are the app's (shared with every other plugin).
  external: ['@*', 'react', 'react-dom', 'react-router-dom', 'react/*'],
  logLevel: 'error',
});
let total = 0;
let totalGzip = 0;
for (const file of result.outputFiles.sort(
  (a, b) => b.contents.length - a.contents.length,
)) {
  const gzip = gzipSync(file.contents).length;
  total += file.contents.length;
  totalGzip += gzip;
  print(
    `${file.path.split('/').pop()}: ${file.contents.length} B (${gzip} B gzip)`,
  );
}
print(
  `total: ${(total / 1024).toFixed(1)} KiB minified, ${(
    totalGzip / 1024
  ).toFixed(1)} KiB gzip in ${result.outputFiles.length} files`,
);
