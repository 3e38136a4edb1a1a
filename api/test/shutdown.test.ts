/*
 * SIGTERM: the request in flight finishes, new connections are refused, the embedded database is
 * closed cleanly (its lock released, the folder opens again), and the process exits 0 without waiting for
 * the keep-alive connection the answer went out on to time out.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '@kbs/core';
import { ROOT } from '../../test/support/testDatabase';

function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

describe('graceful shutdown', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kbs-shutdown-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('finishes the request in flight, refuses new ones, closes the embedded database and exits 0', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'api/src/main.ts')], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', DEMO_DATA: 'false', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = once(child, 'exit') as Promise<[number | null, string | null]>;
    let output = '';
    const port = await new Promise<number>((resolve, reject) => {
      child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
        output += chunk;
        const match = /http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
        if (match) resolve(Number(match[1]));
      });
      child.once('exit', (code) => reject(new Error(`the platform exited with ${code} before listening: ${output}`)));
    });
    expect(fs.existsSync(path.join(dataDir, 'pglite.lock'))).toBe(true);

    // A request whose body is still arriving when the signal comes.
    const body = JSON.stringify({ points: [[28.85, 41.03], [29.5, 40.5]] });
    // `Expect: 100-continue`: the server's "100 Continue" proves it accepted the connection and read the
    // headers before the signal (a connection still in the listen backlog would be reset by close()).
    // An agent that keeps idle sockets as long as the server allows (Node's global agent drops them after 5 s).
    const request = http.request({
      agent: new http.Agent({ keepAlive: true }),
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: '/api/lookup',
      headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), Expect: '100-continue' },
    });
    const responded = once(request, 'response') as Promise<[http.IncomingMessage]>;
    const accepted = once(request, 'continue');
    request.flushHeaders();
    await accepted;
    request.write(body.slice(0, 10));

    child.kill('SIGTERM');
    const signalled = Date.now();
    let closed = false;
    for (let attempt = 0; attempt < 2000 && !closed; attempt++) closed = await refused(port);
    expect(closed).toBe(true);

    request.end(body.slice(10));
    const [response] = await responded;
    let text = '';
    for await (const chunk of response) text += chunk;
    expect(response.statusCode).toBe(200);
    expect((JSON.parse(text) as { results: unknown[] }).results).toHaveLength(2);

    const [code] = await exited;
    expect(code).toBe(0);
    // The answered request's connection was keep-alive; the server closes it once the response is out
    // instead of waiting out its 65 s keep-alive.
    expect(response.headers.connection).toBe('keep-alive');
    expect(Date.now() - signalled).toBeLessThan(30_000);
    expect(fs.existsSync(path.join(dataDir, 'pglite.lock'))).toBe(false);
    const reopened = await openDatabase({ databaseUrl: null, dataDir });
    const { rows } = await reopened.knex.raw('SELECT count(*)::int AS n FROM catalog.datasets');
    await reopened.close();
    expect(rows[0].n).toBeGreaterThan(5);
  }, 180_000);
});
