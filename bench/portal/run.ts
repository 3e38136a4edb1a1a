/**
 * package_search benchmark: 5,000 generated datasets in the catalog (Turkish titles, keywords and
 * descriptions of a municipality's open data, 18 departments, 13 EU themes, a third of them spatial,
 * a year of view and download counts), then a fixed mix of package_search requests — Turkish words with
 * and without diacritics, all seven facets, fq on groups/organization/res_format/tags, sorts by relevance,
 * date, name and downloads, pages deep into the results — over HTTP, one at a time, on the embedded
 * engine and on a real PostGIS, beside the floor: the same search's bare SQL (the two statements
 * `searchDatasets` runs — the tsquery, then `buildHitsQuery` and `buildFacetsQuery` — through knex in this process.
 *
 *   npm run bench:portal                   both engines; the server is database kbs_bench_portal on the
 *                                          throwaway cluster of scripts/pg-throwaway.sh (or BENCH_DATABASE_URL)
 *   BENCH_ENGINES=embedded npm run bench:portal
 *
 * Knobs: BENCH_DATASETS (5000), BENCH_RUNS (3 rounds; the figures are the median of the rounds),
 * BENCH_REPEAT (each query of the mix this many times per round, 5).
 * The generated catalog is kept (bench/out/portal-embedded, the server database) and reused when it
 * already holds the datasets.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { Knex } from 'knex';
import { createLogger, loadConfig, openDatabase, upsertDataset, type Database, type DatasetDefinition, type Engine } from '@kbs/core';
import { prepareDatabase } from '../../api/src/platform';
import { packageSearchInput, searchRequestOf } from '../../api/src/portal/ckan/packageSearch';
import { buildFacetsQuery, buildHitsQuery, textQuery } from '../../api/src/portal/search/searchQuery';
import { loadAverage, OUT, ROOT, startApi } from '../support/apiProcess';

const DATASETS = Number(process.env.BENCH_DATASETS ?? 5000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 5);
const ENGINES = (process.env.BENCH_ENGINES ?? 'embedded,server').split(',').map((s) => s.trim()) as Engine[];
const EMBEDDED_DIR = path.join(OUT, 'portal-embedded');
const PREFIX = 'bench_';
const TARGET_P95_MS = 100;

// ------------------------------------------------------------------------------------- the catalog

/** mulberry32: the same catalog on every machine. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MAHALLELER = ['Bağlar', 'Barbaros', 'Çınar', 'Demirkapı', 'Evren', 'Fatih', 'Fevzi Çakmak', 'Göztepe', 'Güneşli', 'Hürriyet', 'İnönü', 'Kazım Karabekir', 'Kemalpaşa', 'Kirazlı', 'Mahmutbey', 'Merkez', 'Sancaktepe', 'Yavuz Selim', 'Yenigün', 'Yenimahalle', 'Yıldıztepe', '15 Temmuz'];
const DEPARTMENTS = ['Bilgi İşlem Müdürlüğü', 'Fen İşleri Müdürlüğü', 'Park ve Bahçeler Müdürlüğü', 'Temizlik İşleri Müdürlüğü', 'Zabıta Müdürlüğü', 'İmar ve Şehircilik Müdürlüğü', 'Kültür ve Sosyal İşler Müdürlüğü', 'Sosyal Destek Hizmetleri Müdürlüğü', 'Spor Hizmetleri Müdürlüğü', 'Çevre Koruma ve Kontrol Müdürlüğü', 'Ulaşım Hizmetleri Müdürlüğü', 'Ruhsat ve Denetim Müdürlüğü', 'Strateji Geliştirme Müdürlüğü', 'Emlak ve İstimlak Müdürlüğü', 'Sağlık İşleri Müdürlüğü', 'Mali Hizmetler Müdürlüğü', 'Yazı İşleri Müdürlüğü', 'Destek Hizmetleri Müdürlüğü'];
/** Topic: title words, theme, keywords, whether it has places. */
const TOPICS: [string, string, string[], boolean][] = [
  ['nüfus dağılımı', 'SOCI', ['nüfus', 'demografi', 'yaş grubu'], false],
  ['hane halkı büyüklüğü', 'SOCI', ['hane', 'nüfus'], false],
  ['okul ve öğrenci sayıları', 'EDUC', ['okul', 'eğitim', 'öğrenci'], true],
  ['kütüphane ödünç verme istatistikleri', 'EDUC', ['kütüphane', 'kitap', 'kültür'], true],
  ['sağlık ocakları ve aile hekimlikleri', 'HEAL', ['sağlık', 'aile hekimi'], true],
  ['park ve yeşil alanlar', 'ENVI', ['park', 'yeşil alan', 'ağaç'], true],
  ['ağaç envanteri', 'ENVI', ['ağaç', 'yeşil alan'], true],
  ['hava kalitesi ölçümleri', 'ENVI', ['hava kalitesi', 'çevre', 'ölçüm'], true],
  ['gürültü ölçümleri', 'ENVI', ['gürültü', 'çevre', 'ölçüm'], true],
  ['çöp toplama güzergâhları', 'ENVI', ['atık', 'temizlik'], true],
  ['geri dönüşüm kutuları', 'ENVI', ['geri dönüşüm', 'atık'], true],
  ['otopark kapasiteleri', 'TRAN', ['otopark', 'ulaşım'], true],
  ['toplu taşıma durakları', 'TRAN', ['otobüs', 'durak', 'ulaşım'], true],
  ['yol bakım çalışmaları', 'TRAN', ['yol', 'asfalt', 'bakım'], true],
  ['sokak aydınlatma direkleri', 'ENER', ['aydınlatma', 'enerji'], true],
  ['belediye binalarının elektrik tüketimi', 'ENER', ['elektrik', 'enerji', 'tüketim'], false],
  ['su tüketimi', 'ENVI', ['su', 'tüketim'], false],
  ['zabıta denetimleri', 'JUST', ['zabıta', 'denetim'], false],
  ['yapı ruhsatları', 'REGI', ['imar', 'ruhsat', 'yapı'], true],
  ['işyeri açma ruhsatları', 'ECON', ['işyeri', 'ruhsat', 'ekonomi'], true],
  ['semt pazarları', 'ECON', ['pazar', 'ticaret'], true],
  ['kültür merkezi etkinlikleri', 'EDUC', ['etkinlik', 'kültür', 'sanat'], true],
  ['spor tesisi kullanımı', 'EDUC', ['spor', 'tesis'], true],
  ['sosyal yardım başvuru sayıları (toplulaştırılmış)', 'SOCI', ['sosyal yardım', 'destek'], false],
  ['engelli hizmetleri', 'SOCI', ['engelli', 'erişilebilirlik'], false],
  ['nikâh işlemleri', 'GOVE', ['nikâh', 'evlilik'], false],
  ['belediye bütçe gerçekleşmeleri', 'GOVE', ['bütçe', 'maliye'], false],
  ['ihale sonuçları', 'GOVE', ['ihale', 'satın alma'], false],
  ['deprem toplanma alanları', 'JUST', ['deprem', 'afet', 'toplanma alanı'], true],
  ['Wi-Fi erişim noktaları', 'TECH', ['wifi', 'internet', 'teknoloji'], true],
];
const SUFFIXES = ['', ' (aylık)', ' (yıllık özet)', ' — mahalle bazında', ' — sokak bazında', ' göstergeleri'];
const FREQUENCIES = ['DAILY', 'WEEKLY', 'MONTHLY', 'QUARTERLY', 'ANNUAL', 'IRREG'];
const LICENCES = ['CC_BY_4_0', 'CC_BY_4_0', 'CC_BY_4_0', 'CC0', 'ODC_BY'].map((l) => `http://publications.europa.eu/resource/authority/licence/${l}`);

function generatedDataset(i: number, next: () => number): DatasetDefinition {
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const [topic, theme, keywords, spatialTopic] = pick(TOPICS);
  const mahalle = pick(MAHALLELER);
  const year = 2015 + Math.floor(next() * 10);
  const scope = next() < 0.5 ? `${mahalle} Mahallesi` : 'Bağcılar';
  const title = `${scope} ${topic} ${year}${pick(SUFFIXES)}`;
  const department = pick(DEPARTMENTS);
  const spatial = spatialTopic && next() < 0.7;
  const roll = next();
  const id = `${PREFIX}${String(i).padStart(5, '0')}`;
  return {
    id,
    table: id,
    titleTr: title.charAt(0).toLocaleUpperCase('tr-TR') + title.slice(1),
    titleEn: `Bağcılar open data ${i}`,
    descriptionTr: `${department} tarafından derlenen ${year} yılı ${topic} verisi. ${scope} için ${spatial ? 'konumlarıyla birlikte ' : ''}kayıtlar; ${pick(FREQUENCIES) === 'MONTHLY' ? 'her ay' : 'düzenli olarak'} güncellenir. Kişisel veri içermez.`,
    descriptionEn: `Open data of the Bağcılar municipality (${year}).`,
    theme,
    keywords: [...new Set([...keywords, mahalle.toLocaleLowerCase('tr-TR'), String(year)])],
    licence: pick(LICENCES),
    publisher: department,
    contactEmail: 'acikveri@bagcilar.bel.tr',
    updateFrequency: pick(FREQUENCIES),
    idColumn: 'id',
    geometryType: spatial ? 'Point' : null,
    columns: [
      { name: 'id', type: 'bigint', titleTr: 'Kayıt no', titleEn: 'Record id', privacy: 'public' },
      { name: 'mahalle', type: 'text', titleTr: 'Mahalle', titleEn: 'Neighbourhood', privacy: 'public' },
      { name: 'deger', type: 'double', titleTr: 'Değer', titleEn: 'Value', descriptionTr: `${topic} değeri`, privacy: 'public' },
      { name: 'tarih', type: 'date', titleTr: 'Tarih', titleEn: 'Date', privacy: 'public' },
    ],
    // 90 % published public, 5 % internal, 5 % drafts.
    published: roll < 0.95,
    access: roll < 0.9 ? 'public' : 'internal',
    synthetic: true,
    keepVersions: 3,
  };
}

async function generateCatalog(knex: Knex): Promise<void> {
  const { rows } = await knex.raw<{ rows: { n: number }[] }>("SELECT count(*)::int AS n FROM catalog.datasets WHERE id LIKE 'bench\\_%'");
  if (rows[0]!.n >= DATASETS) {
    console.log(`  the catalog already holds ${rows[0]!.n} generated datasets`);
    return;
  }
  const started = Date.now();
  const next = random(20261202);
  const definitions = Array.from({ length: DATASETS }, (_, i) => generatedDataset(i + 1, next));
  // The catalog is checked against the database at every start: each dataset gets its (empty) table.
  for (let i = 0; i < definitions.length; i += 250) {
    const ddl = definitions.slice(i, i + 250).map((d) =>
      `CREATE TABLE IF NOT EXISTS data.${d.table} (_version integer NOT NULL, id bigint, mahalle text, deger double precision, tarih date${d.geometryType ? ', geom geometry(Point, 4326)' : ''});`);
    await knex.raw(ddl.join('\n'));
  }
  for (const [i, d] of definitions.entries()) {
    await upsertDataset(knex, d);
    if ((i + 1) % 1000 === 0) console.log(`  ${i + 1} datasets written (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  }
  // A year of usage: most datasets are seldom downloaded, a few very often.
  await knex.raw(`
INSERT INTO portal.usage (dataset_id, month, views, downloads)
SELECT d.id, m::date, (random() * 200)::int, floor(power(random(), 4) * 500)::int
FROM catalog.datasets d, generate_series(date_trunc('month', now()) - interval '11 months', date_trunc('month', now()), interval '1 month') AS m
WHERE d.id LIKE 'bench\\_%'
ON CONFLICT (dataset_id, month) DO NOTHING`);
  await knex.raw('ANALYZE');
  console.log(`  ${DATASETS} datasets generated in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

// ------------------------------------------------------------------------------------- the query mix

const ALL_FACETS = JSON.stringify(['groups', 'organization', 'tags', 'res_format', 'license_id', 'frequency', 'spatial']);

/** The mix: what a portal page, a harvester and a CKAN client send. */
const MIX: Record<string, string>[] = [
  { 'facet.field': ALL_FACETS, rows: '20' }, // the search page, nothing typed
  { q: 'bagcilar nufus', 'facet.field': ALL_FACETS, rows: '20' },
  { q: 'Bağcılar nüfus dağılımı', 'facet.field': ALL_FACETS, rows: '20' },
  { q: 'kutuphane', 'facet.field': ALL_FACETS, rows: '20' },
  { q: 'hava kalitesi ölçümleri', 'facet.field': ALL_FACETS, rows: '20', sort: 'metadata_modified desc' },
  { q: 'park', fq: 'groups:envi', 'facet.field': ALL_FACETS, rows: '20' },
  { q: 'ruhsat', fq: 'organization:imar-ve-sehircilik-mudurlugu', 'facet.field': ALL_FACETS, rows: '20' },
  { fq: 'res_format:GeoJSON groups:tran', 'facet.field': ALL_FACETS, rows: '20', sort: 'title_string asc' },
  { fq: 'tags:"yeşil alan"', 'facet.field': ALL_FACETS, rows: '20', start: '40' },
  { q: 'GÜNEŞLİ', 'facet.field': ALL_FACETS, rows: '20', sort: 'downloads desc' },
  { sort: 'downloads desc', rows: '10' }, // the home page's most downloaded
  { sort: 'metadata_modified desc', rows: '10' }, // the home page's newest
  { 'facet.field': ALL_FACETS, rows: '20', start: '2000' }, // deep page
  { q: 'deprem toplanma', fq: 'spatial:true', 'facet.field': ALL_FACETS, rows: '50' },
  { rows: '1000', sort: 'name asc' }, // a harvester's page
  { q: 'zzzz hiçbirşey', 'facet.field': ALL_FACETS }, // nothing found
];

// ------------------------------------------------------------------------------------- measuring

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function timedGet(url: string): Promise<{ ms: number; status: number; body: string }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    http.get(url, { agent }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ ms: performance.now() - started, status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', reject);
    }).on('error', reject);
  });
}

function quantile(values: number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
}
const median = (values: number[]) => quantile(values, 0.5);
const ms = (v: number) => (v >= 100 ? v.toFixed(0) : v.toFixed(1));

interface Figures {
  p50: number;
  p95: number;
  max: number;
}

function figures(samples: number[]): Figures {
  return { p50: quantile(samples, 0.5), p95: quantile(samples, 0.95), max: Math.max(...samples) };
}

/** The bare SQL of each search of the mix, timed in this process: both statements, as searchDatasets runs them. */
/** A harvester's page (rows=1000: a thousand full package dicts, about 5 MB) is reported apart too. */
const isHarvesterPage = (params: Record<string, string>) => Number(params.rows ?? 10) > 50;

interface Sample {
  ms: number;
  harvester: boolean;
}

async function floorRound(knex: Knex): Promise<Sample[]> {
  const samples: Sample[] = [];
  for (let r = 0; r < REPEAT; r++) {
    for (const params of MIX) {
      const started = performance.now();
      const request = await searchRequestOf({ knex }, packageSearchInput({ clearance: 'public' }, params));
      const tsquery = await textQuery(knex, request.words);
      const hits = buildHitsQuery(request, tsquery);
      const facets = buildFacetsQuery(request, tsquery);
      await Promise.all([knex.raw(hits.sql, hits.bindings), knex.raw(facets.sql, facets.bindings)]);
      samples.push({ ms: performance.now() - started, harvester: isHarvesterPage(params) });
    }
  }
  return samples;
}

async function httpRound(url: string, check: boolean): Promise<Sample[]> {
  const samples: Sample[] = [];
  for (let r = 0; r < REPEAT; r++) {
    for (const params of MIX) {
      const result = await timedGet(`${url}/api/3/action/package_search?${new URLSearchParams(params)}`);
      if (result.status !== 200) throw new Error(`package_search ${JSON.stringify(params)} answered ${result.status}: ${result.body.slice(0, 300)}`);
      if (check && r === 0) {
        const body = JSON.parse(result.body) as { result: { count: number; results: unknown[] } };
        console.log(`    ${JSON.stringify(params).slice(0, 110).padEnd(110)} count ${body.result.count}, ${body.result.results.length} results, ${ms(result.ms)} ms`);
      }
      samples.push({ ms: result.ms, harvester: isHarvesterPage(params) });
    }
  }
  return samples;
}

interface EngineFigures {
  engine: Engine;
  /** The whole mix, then without the harvester's 1000-row page. */
  api: Figures;
  apiInteractive: Figures;
  floor: Figures;
  floorInteractive: Figures;
  requests: number;
  load: string[];
}

async function benchEngine(engine: Engine): Promise<EngineFigures> {
  console.log(`\n› ${engine} engine`);
  const serverUrl = engine === 'server' ? serverDatabase() : null;
  const config = { ...loadConfig({}, ROOT), databaseUrl: serverUrl, dataDir: EMBEDDED_DIR, demoData: false };
  const logger = createLogger('warn');
  let db: Database | null = (await prepareDatabase(config, logger)).db;
  await generateCatalog(db.knex);

  const floorRuns: Sample[][] = [];
  const apiRuns: Sample[][] = [];
  const load: string[] = [];
  for (let run = 0; run < RUNS; run++) {
    // The embedded engine is one process's: the floor runs with the API stopped, and the other way round.
    db ??= await openDatabase({ databaseUrl: serverUrl, dataDir: EMBEDDED_DIR });
    await floorRound(db.knex); // warm-up, uncounted
    floorRuns.push(await floorRound(db.knex));
    await db.close();
    db = null;

    const api = await startApi(serverUrl ?? '', { DATA_DIR: EMBEDDED_DIR, DEMO_DATA: 'false' });
    try {
      await httpRound(api.url, run === 0); // warm-up, uncounted (and the mix's counts, once)
      apiRuns.push(await httpRound(api.url, false));
    } finally {
      await api.stop();
    }
    const a = figures(apiRuns.at(-1)!.map((x) => x.ms));
    const f = figures(floorRuns.at(-1)!.map((x) => x.ms));
    load.push(loadAverage());
    console.log(`  run ${run + 1}: API p50 ${ms(a.p50)} ms, p95 ${ms(a.p95)} ms, max ${ms(a.max)} ms; floor p50 ${ms(f.p50)} ms, p95 ${ms(f.p95)} ms (load ${load.at(-1)})`);
  }
  const med = (runs: Sample[][], interactiveOnly: boolean): Figures => {
    const each = runs.map((r) => figures(r.filter((x) => !interactiveOnly || !x.harvester).map((x) => x.ms)));
    return { p50: median(each.map((e) => e.p50)), p95: median(each.map((e) => e.p95)), max: median(each.map((e) => e.max)) };
  };
  return {
    engine,
    api: med(apiRuns, false),
    apiInteractive: med(apiRuns, true),
    floor: med(floorRuns, false),
    floorInteractive: med(floorRuns, true),
    requests: apiRuns[0]!.length,
    load,
  };
}

function serverDatabase(): string {
  if (process.env.BENCH_DATABASE_URL) return process.env.BENCH_DATABASE_URL;
  const url = execFileSync(path.join(ROOT, 'scripts/pg-throwaway.sh'), ['url'], { encoding: 'utf8' }).trim();
  const admin = url.replace(/\/[^/]+$/, '/postgres');
  const exists = execFileSync('psql', [admin, '-Atc', "SELECT 1 FROM pg_database WHERE datname = 'kbs_bench_portal'"], { encoding: 'utf8' }).trim();
  if (!exists) execFileSync('psql', [admin, '-qc', 'CREATE DATABASE kbs_bench_portal']);
  return url.replace(/\/[^/]+$/, '/kbs_bench_portal');
}

async function main(): Promise<void> {
  fs.mkdirSync(OUT, { recursive: true });
  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GB, Node ${process.version}`;
  console.log(`package_search benchmark: ${DATASETS} datasets, ${MIX.length} queries × ${REPEAT} per round, ${RUNS} rounds; ${machine}; ${new Date().toISOString()}`);
  const results: EngineFigures[] = [];
  for (const engine of ENGINES) results.push(await benchEngine(engine));
  const row = (r: EngineFigures, label: string, api: Figures, floor: Figures) =>
    `| ${r.engine} | ${label} | ${ms(api.p50)} ms | ${ms(api.p95)} ms | ${ms(api.max)} ms | ${ms(floor.p50)} ms | ${ms(floor.p95)} ms | ${api.p95 < TARGET_P95_MS ? '✓' : '✗'} |`;
  const lines = [
    `| engine | requests | API p50 | API p95 | API max | floor (bare SQL) p50 | floor p95 | p95 < ${TARGET_P95_MS} ms |`,
    `|---|---|---|---|---|---|---|---|`,
    ...results.flatMap((r) => [row(r, 'whole mix', r.api, r.floor), row(r, 'without the 1000-row page', r.apiInteractive, r.floorInteractive)]),
  ];
  console.log(`\n${lines.join('\n')}\n\n${results[0]?.requests ?? 0} requests per round and engine; medians of ${RUNS} rounds; load averages after each round: ${results.map((r) => `${r.engine} ${r.load.join(' / ')}`).join('; ')}.`);
  fs.writeFileSync(path.join(OUT, 'portal.json'), JSON.stringify({ date: new Date().toISOString(), machine, datasets: DATASETS, runs: RUNS, results }, null, 2));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
