import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const OUT = path.join(ROOT, 'bench/out');
export const sleep = (t: number) => new Promise((resolve) => setTimeout(resolve, t));

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export function loadAverage(): string {
  return os.loadavg().map((l) => l.toFixed(2)).join(' ');
}

export interface ApiProcess {
  url: string;
  pid: number;
  child: ChildProcess;
  /** VmRSS and VmHWM of the API process, MB. */
  memory(): { rssMb: number; hwmMb: number };
  stop(): Promise<void>;
}

/**
 * The platform as production runs it (`api/src/main.ts`), in its own process so that its memory is its own.
 * A first start that loads the demo takes minutes on a loaded machine: give it a longer `startupTimeoutMs`.
 */
export async function startApi(databaseUrl: string, env: NodeJS.ProcessEnv = {}, startupTimeoutMs = 120_000): Promise<ApiProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'api/src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      DEMO_DATA: 'true',
      DATA_DIR: path.join(OUT, 'data'),
      NODE_ENV: 'production',
      // One load generator on one address is what the per-address limit is there to stop: off here.
      RATE_LIMIT_PER_MINUTE: '0',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + startupTimeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the API exited with ${child.exitCode}: ${stderr}`);
    try {
      const response = await fetch(`${url}/health`);
      await response.arrayBuffer();
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGTERM'); // it would hold the port, and the embedded engine's data folder
      throw new Error(`the API did not answer /health within ${startupTimeoutMs / 1000} s: ${stderr}`);
    }
    await sleep(100);
  }
  const pid = child.pid!;
  return {
    url,
    pid,
    child,
    memory() {
      const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
      const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? Number.NaN);
      return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 };
    },
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      const force = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(force);
    },
  };
}
