import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../test/support/testDatabase';

/** The command line refuses bad flags before it opens any database (exit 2, a message naming the fault). */
function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'etl/src/cli.ts'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, DATA_DIR: '/nonexistent/kbs-cli-test', DATABASE_URL: '' },
  });
  return { status: r.status, stderr: r.stderr };
}

describe('etl command line', () => {
  it.each([
    [[], /usage/],
    [['frobnicate'], /unknown command "frobnicate"/],
    [['load', 'x.csv'], /load needs a file and --dataset/],
    [['load', 'x.csv', '--dataset', 'facilities', '--max-rejected', '5'], /--max-rejected must be a share from 0 to 1/],
    [['load', 'x.csv', '--dataset', 'facilities', '--srid', 'utm'], /--srid must be an EPSG code/],
    [['create', 'x.csv', '--dataset', 'a'], /create needs a file, --dataset and --title/],
    [['rollback', 'facilities', 'latest'], /rollback needs a dataset id and a version number/],
    [['versions'], /versions needs a dataset id/],
    [['load', 'x.csv', '--colour', 'red'], /Unknown option '--colour'/],
  ])('refuses %j', (args, message) => {
    const { status, stderr } = cli(...args);
    expect(status).toBe(2);
    expect(stderr).toMatch(message);
  });
});
