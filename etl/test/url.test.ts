import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EtlError, loadDataset } from '@kbs/etl';
import { ENGINES } from '../../test/support/engines';
import { startPlatform, type TestPlatform } from '../../test/support/platform';

describe.each(ENGINES)('URL sources on the %s engine', (engine) => {
  let platform: TestPlatform;
  let server: http.Server;
  let base: string;
  let body = 'facility_id,category,name,latitude,longitude\nU1,park,Uzak Park,41.03,28.86\n';
  const seen: { conditional: boolean; status: number }[] = [];
  beforeAll(async () => {
    platform = await startPlatform({ engine });
    server = http.createServer((req, res) => {
      if (req.url === '/missing.csv') {
        res.writeHead(404).end();
        return;
      }
      const etag = `"${createHash('sha1').update(body).digest('hex')}"`;
      const conditional = req.headers['if-none-match'] === etag;
      seen.push({ conditional, status: conditional ? 304 : 200 });
      if (conditional) res.writeHead(304, { ETag: etag }).end();
      else res.writeHead(200, { 'Content-Type': 'text/csv; charset=utf-8', ETag: etag }).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await platform?.close();
  });

  it('loads a URL, skips it when the server says 304, and loads it again when it changed', async () => {
    const url = `${base}/tesisler.csv`;
    const first = await loadDataset(platform.db.knex, url, 'facilities');
    expect(first).toMatchObject({ status: 'succeeded', rowsLoaded: 1, source: url });
    const second = await loadDataset(platform.db.knex, url, 'facilities');
    expect(second.status).toBe('unchanged');
    expect(seen.at(-1)).toEqual({ conditional: true, status: 304 });
    // Read another way (here: the delimiter named), it is fetched whole and becomes a new version.
    const reread = await loadDataset(platform.db.knex, url, 'facilities', { read: { delimiter: ',' } });
    expect(seen.at(-1)).toEqual({ conditional: false, status: 200 });
    expect(reread).toMatchObject({ status: 'succeeded', rowsLoaded: 1 });
    body += 'U2,park,İkinci Park,41.031,28.861\n';
    const third = await loadDataset(platform.db.knex, url, 'facilities');
    expect(third).toMatchObject({ status: 'succeeded', rowsLoaded: 2 });
    expect(await platform.db.knex('facilities').pluck('id')).toEqual(['U1', 'U2']);
  });

  it('says what went wrong with a URL that does not answer 200', async () => {
    await expect(loadDataset(platform.db.knex, `${base}/missing.csv`, 'facilities')).rejects.toThrowError(EtlError);
    await expect(loadDataset(platform.db.knex, `${base}/missing.csv`, 'facilities')).rejects.toThrowError(/answered 404/);
  });
});
