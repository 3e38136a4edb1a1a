#!/usr/bin/env node
// The two commands a newcomer needs, on a machine with only Node and npm:
//   npm start  — install, build the web app if needed, start the platform (embedded PostGIS + demo data)
//   npm test   — install, type-check, run the whole suite (both engines when TEST_DATABASE_URL is set)
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PNPM_VERSION = '12.21.0';
const command = process.argv[2];

function pnpmCommand() {
  const probe = spawnSync('pnpm', ['--version'], { encoding: 'utf8', shell: process.platform === 'win32' });
  if (probe.status === 0 && probe.stdout.trim().split('.')[0] === PNPM_VERSION.split('.')[0]) return ['pnpm'];
  return ['npx', '--yes', `pnpm@${PNPM_VERSION}`];
}

function run(argv, options = {}) {
  const result = spawnSync(argv[0], argv.slice(1), { cwd: root, stdio: 'inherit', ...options });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function ensureInstalled(pnpm) {
  const lock = path.join(root, 'pnpm-lock.yaml');
  const installed = path.join(root, 'node_modules', '.pnpm', 'lock.yaml');
  if (fs.existsSync(installed) && fs.statSync(installed).mtimeMs >= fs.statSync(lock).mtimeMs) return;
  console.log('› installing dependencies (pnpm install --frozen-lockfile)');
  run([...pnpm, 'install', '--frozen-lockfile']);
}

function hashTree(paths) {
  const hash = createHash('sha256');
  const visit = (p) => {
    if (!fs.existsSync(p)) return;
    const stat = fs.statSync(p);
    if (stat.isDirectory()) {
      for (const entry of fs.readdirSync(p).sort()) if (entry !== 'node_modules' && entry !== 'dist') visit(path.join(p, entry));
    } else {
      hash.update(path.relative(root, p));
      hash.update(fs.readFileSync(p));
    }
  };
  paths.forEach((p) => visit(path.join(root, p)));
  return hash.digest('hex');
}

/** Builds web/dist unless it was built from exactly these sources. Returns a promise of the build. */
function buildWebIfStale(pnpm) {
  const stamp = path.join(root, 'web', 'dist', '.source-hash');
  const hash = hashTree(['web', 'pnpm-lock.yaml']);
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === hash) return Promise.resolve();
  console.log('› building the web app (vite build)');
  return new Promise((resolve, reject) => {
    const child = spawn(pnpm[0], [...pnpm.slice(1), '--filter', '@kbs/web', 'build'], { cwd: root, stdio: 'inherit' });
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`web build failed (exit ${code})`));
      fs.writeFileSync(stamp, hash);
      resolve();
    });
  });
}

const pnpm = pnpmCommand();
ensureInstalled(pnpm);

if (command === 'build-web') {
  await buildWebIfStale(pnpm);
} else if (command === 'start') {
  const build = buildWebIfStale(pnpm).catch((error) => {
    console.error(error.message);
    process.exit(1);
  });
  await build;
  const server = spawn(process.execPath, ['--import', 'tsx', 'api/src/main.ts'], { cwd: root, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
  server.on('exit', (code) => process.exit(code ?? 0));
} else if (command === 'test') {
  await buildWebIfStale(pnpm);
  console.log('› type-checking (tsc)');
  run([...pnpm, 'exec', 'tsc', '-p', 'tsconfig.json']);
  run([...pnpm, 'exec', 'tsc', '-p', 'web/tsconfig.json']);
  run([...pnpm, 'exec', 'tsc', '-p', 'web/test/tsconfig.json']);
  console.log('› running the test suite (vitest)');
  run([...pnpm, 'exec', 'vitest', 'run', ...process.argv.slice(3)]);
} else {
  console.error('usage: node scripts/run.mjs start|test|build-web');
  process.exit(2);
}
