import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as turf from '@turf/turf';
import type { Feature, FeatureCollection, LineString, MultiPolygon } from 'geojson';
import Papa from 'papaparse';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DISTRICT_OUTLINE,
  generateDemoData,
  isValidNationalId,
  MAHALLE,
  PANORAMA_CONVENTION,
  PANORAMA_HEIGHT,
  PANORAMA_WIDTH,
  renderPanorama,
  type DemoManifest,
} from '../src/generate';
import { bearing, distanceMetres, ringArea, type Position } from '../src/generate/geometry';

const dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kbs-gen-'));
  dirs.push(dir);
  return dir;
}

const sha256 = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** Every file under `dir` (relative path → sha256). */
function hashes(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(r);
      else out.set(r, sha256(path.join(dir, r)));
    }
  };
  walk('');
  return out;
}

type Row = Record<string, string>;
function readCsv(dir: string, name: string): { header: string[]; rows: Row[] } {
  const parsed = Papa.parse<Row>(fs.readFileSync(path.join(dir, name), 'utf8'), { header: true, skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return { header: parsed.meta.fields ?? [], rows: parsed.data };
}
function readJson<T>(dir: string, name: string): T {
  return JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')) as T;
}

const SIX_DECIMALS = /^-?\d+(\.\d{1,6})?$/;
const LOCAL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+03:00$/;
const angleDiff = (a: number, b: number) => Math.abs(((a - b + 540) % 360) - 180);

describe('demo data generator', () => {
  let dir: string;
  let manifest: DemoManifest;
  let elapsedMs: number;
  let polygonOf: Map<string, Feature<MultiPolygon>>;
  let codeOfName: Map<string, string>;

  beforeAll(async () => {
    dir = tempDir();
    const started = performance.now();
    manifest = await generateDemoData(dir);
    elapsedMs = performance.now() - started;
    const hoods = readJson<FeatureCollection<MultiPolygon>>(dir, 'neighbourhoods.geojson');
    polygonOf = new Map(hoods.features.map((f) => [String(f.properties!.uavt_code), f]));
    codeOfName = new Map(hoods.features.map((f) => [String(f.properties!.name), String(f.properties!.uavt_code)]));
  });
  afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  const inside = (code: string, lat: string, lon: string) =>
    turf.booleanPointInPolygon(turf.point([Number(lon), Number(lat)]), polygonOf.get(code)!, { ignoreBoundary: true }); // strictly inside

  it('writes every file, a manifest that describes them, and about 2,000 panoramas in a default run', () => {
    const names = ['addresses.csv', 'capture_sequences.geojson', 'captures.csv', 'citizen_requests.csv', 'district.geojson', 'facilities.csv', 'indicator_values.csv', 'indicators.csv',
      'neighbourhoods.geojson', 'panoramas', 'streets.geojson'];
    expect(manifest.files.map((f) => f.name)).toEqual(names);
    expect(readJson<DemoManifest>(dir, 'manifest.json')).toEqual(manifest);
    const manifestText = fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8');
    expect(manifestText).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:/); // no timestamps
    for (const f of manifest.files.filter((file) => file.name !== 'panoramas')) {
      const text = fs.readFileSync(path.join(dir, f.name), 'utf8');
      expect(sha256(path.join(dir, f.name))).toBe(f.sha256);
      expect(text.includes('\r')).toBe(false);
      expect(text.charCodeAt(0)).not.toBe(0xfeff);
      expect(text.endsWith('\n')).toBe(true);
      const rows = f.name.endsWith('.csv') ? text.trimEnd().split('\n').length - 1 : (JSON.parse(text) as FeatureCollection).features.length;
      expect(rows, f.name).toBe(f.rows);
    }
    const captures = readCsv(dir, 'captures.csv').rows;
    expect(manifest.panorama).toEqual({ width: PANORAMA_WIDTH, height: PANORAMA_HEIGHT, convention: PANORAMA_CONVENTION, directory: 'panoramas' });
    expect(manifest.panorama.convention).toContain('heading + (x / width - 0.5) * 360');
    const pngs = fs.readdirSync(path.join(dir, 'panoramas')).sort();
    expect(pngs).toHaveLength(captures.length);
    expect(pngs.length).toBeGreaterThan(1800);
    expect(pngs.length).toBeLessThan(2200);
    expect(new Set(captures.map((c) => c.image))).toEqual(new Set(pngs.map((p) => `panoramas/${p}`)));
    // One manifest entry for all images: their count, and the hash of a `sha256sum *.png` listing.
    const listing = pngs.map((p) => `${sha256(path.join(dir, 'panoramas', p))}  ${p}\n`).join('');
    expect(manifest.files.find((f) => f.name === 'panoramas')).toEqual({ name: 'panoramas', rows: captures.length, sha256: createHash('sha256').update(listing).digest('hex') });
    // The generator's own budget is 8 s on the 2-core machine; leave room for a loaded test run.
    expect(elapsedMs).toBeLessThan(20_000);
  });

  it('writes byte-identical files for the same seed, and other files for another seed', async () => {
    const a = tempDir();
    const b = tempDir();
    const c = tempDir();
    await generateDemoData(a, { panoramaLimit: 20 });
    await generateDemoData(b, { panoramaLimit: 20 });
    await generateDemoData(c, { panoramaLimit: 30, seed: 7 });
    const ha = hashes(a);
    const hb = hashes(b);
    expect(ha.size).toBe(10 + 20 + 1); // data files, images, manifest
    expect(hb).toEqual(ha);
    // The limit only skips images: the data files and the first images equal the full run's.
    const full = hashes(dir);
    for (const [name, hash] of ha) if (name !== 'manifest.json') expect(full.get(name), name).toBe(hash);
    const limited = readJson<DemoManifest>(a, 'manifest.json');
    expect(limited.files.find((f) => f.name === 'panoramas')!.rows).toBe(20);
    expect(limited.files.filter((f) => f.name !== 'panoramas')).toEqual(manifest.files.filter((f) => f.name !== 'panoramas'));
    const hc = hashes(c);
    expect(hc.get('citizen_requests.csv')).not.toBe(ha.get('citizen_requests.csv'));
    expect(hc.get('indicator_values.csv')).not.toBe(ha.get('indicator_values.csv'));
    // Boundaries come from the table, not from the seed.
    expect(hc.get('neighbourhoods.geojson')).toBe(ha.get('neighbourhoods.geojson'));
    expect(readJson<DemoManifest>(c, 'manifest.json').seed).toBe(7);
    // A run into a folder that holds another run leaves exactly its own files (stale images removed).
    await generateDemoData(c, { panoramaLimit: 20 });
    expect(hashes(c)).toEqual(ha);
  });

  it('writes the district and the 22 mahalle with their properties and RFC 7946 geometry', () => {
    const district = readJson<FeatureCollection<MultiPolygon>>(dir, 'district.geojson');
    expect(district.features).toHaveLength(1);
    expect(district.features[0]!.properties).toEqual({ code: 'BAGCILAR', name: 'Bağcılar' });
    expect(district.features[0]!.geometry.type).toBe('MultiPolygon');
    expect(district.features[0]!.geometry.coordinates).toHaveLength(1);
    expect(district.features[0]!.geometry.coordinates[0]).toHaveLength(1);
    const ring = district.features[0]!.geometry.coordinates[0]![0]! as Position[];
    // The outline's 12 vertices in order, plus the cells' junctions on its edges (same polygon in the plane).
    expect(ring.filter((p) => DISTRICT_OUTLINE.some((q) => q[0] === p[0] && q[1] === p[1]))).toEqual(DISTRICT_OUTLINE);
    expect(ringArea(ring)).toBeGreaterThan(0);
    expect(Math.abs(ringArea(ring) - ringArea(DISTRICT_OUTLINE as Position[]))).toBeLessThan(1e-15);

    const hoods = readJson<FeatureCollection<MultiPolygon>>(dir, 'neighbourhoods.geojson');
    expect(hoods.features).toHaveLength(22);
    hoods.features.forEach((f, i) => {
      const m = MAHALLE[i]!;
      expect(f.properties).toMatchObject({
        uavt_code: m.uavtCode,
        name: m.name,
        former_names: m.formerNames,
        population: m.population2023,
        population_year: 2023,
        boundary_note: 'Yaklaşık, üretilmiş — resmî sınır değildir / approximate, generated — not official boundaries',
      });
      expect(typeof f.properties!.uavt_code).toBe('string');
      expect(f.geometry.type).toBe('MultiPolygon');
      for (const polygon of f.geometry.coordinates) {
        expect(ringArea(polygon[0] as Position[])).toBeGreaterThan(0);
        for (const [x, y] of polygon.flat()) {
          expect(String(x)).toMatch(SIX_DECIMALS);
          expect(String(y)).toMatch(SIX_DECIMALS);
        }
      }
      expect(turf.booleanPointInPolygon(turf.point(m.point), f)).toBe(true);
    });
    expect(hoods.features.find((f) => f.properties!.name === '15 Temmuz')!.properties!.former_names).toEqual(['Evren']);
    // The cells tile the district on the sphere too (turf.area is spherical), not only in the plane.
    const cellsArea = hoods.features.reduce((s, f) => s + turf.area(f), 0);
    expect(Math.abs(cellsArea - turf.area(district.features[0]!)) / turf.area(district.features[0]!)).toBeLessThan(1e-9);
  });

  it('defines the indicators: pop_total from TÜİK, everything else synthetic', () => {
    const { header, rows } = readCsv(dir, 'indicators.csv');
    expect(header).toEqual(['code', 'name_tr', 'name_en', 'unit', 'topic', 'source', 'synthetic']);
    const codes = rows.map((r) => r.code!);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of ['pop_total', 'pop_male', 'pop_female', 'pop_m_0_4', 'pop_f_75_plus', 'edu_illiterate', 'edu_primary', 'edu_secondary', 'edu_high_school', 'edu_university',
      'labour_force', 'employed', 'unemployed', 'unemployment_rate', 'households', 'avg_household_size', 'cultural_event_attendance', 'library_members', 'sports_club_members']) {
      expect(codes).toContain(code);
    }
    expect(codes.filter((c) => /^pop_[mf]_/.test(c))).toHaveLength(32);
    for (const r of rows) {
      if (r.code === 'pop_total') expect(r).toMatchObject({ source: 'TÜİK ADNKS', synthetic: 'false' });
      else expect(r).toMatchObject({ source: 'Sentetik / synthetic (demo)', synthetic: 'true' });
      expect(r.name_tr && r.name_en && r.unit && r.topic).toBeTruthy();
    }
    expect(rows.find((r) => r.code === 'unemployment_rate')!.unit).toBe('%');
  });

  it('keeps every indicator total consistent, with the real 2023 populations', () => {
    const { header, rows } = readCsv(dir, 'indicator_values.csv');
    expect(header).toEqual(['uavt_code', 'indicator_code', 'year', 'value']);
    const defined = new Set(readCsv(dir, 'indicators.csv').rows.map((r) => r.code!));
    const value = new Map<string, number>();
    for (const r of rows) {
      const k = `${r.uavt_code}/${r.indicator_code}/${r.year}`;
      expect(value.has(k), k).toBe(false);
      expect(defined.has(r.indicator_code!), r.indicator_code).toBe(true);
      value.set(k, Number(r.value));
    }
    expect(rows).toHaveLength(22 * 6 * defined.size);
    const ageSex = [...defined].filter((c) => /^pop_[mf]_/.test(c));
    let district2023 = 0;
    for (const m of MAHALLE) {
      let previous: number | undefined;
      for (let year = 2019; year <= 2024; year++) {
        const get = (code: string) => {
          const v = value.get(`${m.uavtCode}/${code}/${year}`);
          expect(v, `${m.name} ${code} ${year}`).toBeDefined();
          return v!;
        };
        const total = get('pop_total');
        const males = ageSex.filter((c) => c.startsWith('pop_m_')).reduce((s, c) => s + get(c), 0);
        const females = ageSex.filter((c) => c.startsWith('pop_f_')).reduce((s, c) => s + get(c), 0);
        for (const c of [...ageSex, 'pop_total', 'pop_male', 'pop_female', 'labour_force', 'employed', 'unemployed', 'households']) {
          expect(Number.isInteger(get(c)) && get(c) >= 0, `${c} is a count`).toBe(true);
        }
        expect(males).toBe(get('pop_male'));
        expect(females).toBe(get('pop_female'));
        expect(get('pop_male') + get('pop_female')).toBe(total);
        expect(males + females).toBe(total);
        // Education counts people aged 25+; employment people aged 15+.
        const aged = (from: number) => ageSex.filter((c) => Number(/_(\d+)/.exec(c)![1]) >= from).reduce((s, c) => s + get(c), 0);
        const edu = ['edu_illiterate', 'edu_primary', 'edu_secondary', 'edu_high_school', 'edu_university'].reduce((s, c) => s + get(c), 0);
        expect(edu).toBe(aged(25));
        expect(get('employed') + get('unemployed')).toBe(get('labour_force'));
        expect(get('labour_force')).toBeLessThanOrEqual(aged(15));
        expect(Math.abs(get('unemployment_rate') - (100 * get('unemployed')) / get('labour_force'))).toBeLessThanOrEqual(0.05);
        expect(Math.abs(get('avg_household_size') - total / get('households'))).toBeLessThanOrEqual(0.005);
        if (previous !== undefined) expect(Math.abs(total / previous - 1), `${m.name} ${year}`).toBeLessThan(0.03);
        previous = total;
      }
      expect(value.get(`${m.uavtCode}/pop_total/2023`)).toBe(m.population2023);
      district2023 += value.get(`${m.uavtCode}/pop_total/2023`)!;
    }
    expect(district2023).toBe(719_071);
  });

  it('places 300–400 facilities inside their mahalle', () => {
    const { header, rows } = readCsv(dir, 'facilities.csv');
    expect(header).toEqual(['facility_id', 'category', 'name', 'address', 'mahalle', 'latitude', 'longitude', 'source', 'capacity', 'opening_year']);
    expect(rows.length).toBeGreaterThanOrEqual(300);
    expect(rows.length).toBeLessThanOrEqual(400);
    expect(new Set(rows.map((r) => r.category))).toEqual(new Set(['school', 'health_centre', 'hospital', 'park', 'mosque', 'library', 'sports', 'culture',
      'social_services', 'wifi_point', 'security_camera', 'digital_screen', 'assembly_area', 'market_place']));
    expect(new Set(rows.map((r) => r.facility_id)).size).toBe(rows.length);
    expect(new Set(rows.map((r) => r.name)).size).toBe(rows.length);
    for (const r of rows) {
      const code = codeOfName.get(r.mahalle!);
      expect(code, r.mahalle).toBeDefined();
      expect(r.latitude).toMatch(SIX_DECIMALS);
      expect(r.longitude).toMatch(SIX_DECIMALS);
      expect(inside(code!, r.latitude!, r.longitude!), `${r.facility_id} in ${r.mahalle}`).toBe(true);
      expect(r.source).toBe('Sentetik demo verisi');
      expect(r.address).toContain(r.mahalle!);
    }
    // Every mahalle has its earthquake assembly areas.
    expect(new Set(rows.filter((r) => r.category === 'assembly_area').map((r) => r.mahalle)).size).toBe(22);
  });

  it('writes streets in every mahalle and a few thousand building addresses along them, numbered the Turkish way', () => {
    const streets = readJson<FeatureCollection<LineString>>(dir, 'streets.geojson').features;
    const { header, rows } = readCsv(dir, 'addresses.csv');
    expect(header).toEqual(['address_id', 'uavt_code', 'mahalle', 'street_id', 'street', 'door_number', 'latitude', 'longitude']);
    expect(new Set(streets.map((s) => s.properties!.uavt_code))).toEqual(new Set(MAHALLE.map((m) => m.uavtCode)));
    expect(rows.length).toBeGreaterThanOrEqual(3000);
    expect(rows.length).toBeLessThanOrEqual(20_000);
    const names = streets.map((s) => String(s.properties!.name));
    // Avenues, numbered and named side streets, Turkish letters among them; a name once per mahalle.
    expect(names).toContain('İnönü Caddesi');
    expect(names.some((n) => /^\d{4}\. Sokak$/.test(n))).toBe(true);
    expect(names.some((n) => /^[^\d].* Sokak$/.test(n))).toBe(true);
    expect(names.some((n) => /[İıŞşĞğÜüÖöÇç]/.test(n))).toBe(true);
    expect(new Set(streets.map((s) => `${s.properties!.uavt_code} ${s.properties!.name}`)).size).toBe(streets.length);
    const streetOf = new Map(streets.map((s) => [String(s.properties!.street_id), s]));
    const doorsOfStreet = new Map<string, string[]>();
    for (const r of rows) {
      const street = streetOf.get(r.street_id!);
      expect(street, r.street_id).toBeDefined();
      expect(r.street).toBe(street!.properties!.name);
      expect(r.uavt_code).toBe(street!.properties!.uavt_code);
      expect(r.door_number).toMatch(/^\d+(A|\/\d)?$/);
      expect(inside(r.uavt_code!, r.latitude!, r.longitude!), `${r.address_id} in ${r.mahalle}`).toBe(true);
      doorsOfStreet.set(r.street_id!, [...(doorsOfStreet.get(r.street_id!) ?? []), r.door_number!]);
    }
    expect(new Set(rows.map((r) => r.address_id)).size).toBe(rows.length);
    // A door number once per street; both sides (odd and even); lettered doors and plots with several buildings.
    for (const [id, doors] of doorsOfStreet) expect(new Set(doors).size, id).toBe(doors.length);
    const all = rows.map((r) => r.door_number!);
    expect(all.some((d) => Number.parseInt(d, 10) % 2 === 1) && all.some((d) => Number.parseInt(d, 10) % 2 === 0)).toBe(true);
    expect(all.some((d) => d.endsWith('A'))).toBe(true);
    expect(all.some((d) => d.includes('/'))).toBe(true);
  });

  it('writes about 20,000 citizen requests, inside their mahalle, with valid synthetic personal fields', () => {
    const { header, rows } = readCsv(dir, 'citizen_requests.csv');
    expect(header).toEqual(['request_id', 'channel', 'category', 'status', 'opened_at', 'closed_at', 'department', 'uavt_code', 'latitude', 'longitude',
      'applicant_name', 'applicant_phone', 'applicant_national_id', 'description']);
    expect(rows.length).toBeGreaterThanOrEqual(19_000);
    expect(rows.length).toBeLessThanOrEqual(21_000);
    const from = Date.parse('2022-01-01T00:00:00+03:00');
    const until = Date.parse('2025-01-01T00:00:00+03:00');
    const departments = new Map<string, Set<string>>();
    const statuses = new Map<string, number>();
    const hours = new Map<string, number[]>();
    const perMahalle = new Map<string, number>();
    // Checked row by row, reported together: 20,000 rows × a dozen expect() calls would be slow.
    const problems: string[] = [];
    const check = (ok: boolean, what: string) => {
      if (!ok && problems.length < 20) problems.push(what);
    };
    for (const r of rows) {
      const id = r.request_id!;
      check(LOCAL_TIME.test(r.opened_at!), `${id} opened_at ${r.opened_at}`);
      const opened = Date.parse(r.opened_at!);
      check(opened >= from && opened < until, `${id} opened outside 2022–2024`);
      statuses.set(r.status!, (statuses.get(r.status!) ?? 0) + 1);
      if (r.status === 'open' || r.status === 'in_progress') check(r.closed_at === '', `${id} is ${r.status} but has closed_at`);
      else {
        check(r.status === 'closed' || r.status === 'rejected', `${id} status ${r.status}`);
        check(LOCAL_TIME.test(r.closed_at!), `${id} closed_at ${r.closed_at}`);
        const closed = Date.parse(r.closed_at!);
        check(closed > opened, `${id} closed_at is not after opened_at`);
        check(closed < until, `${id} closed after the period`);
        if (r.status === 'closed') {
          if (!hours.has(r.category!)) hours.set(r.category!, []);
          hours.get(r.category!)!.push((closed - opened) / 3_600_000);
        }
      }
      if (!departments.has(r.category!)) departments.set(r.category!, new Set());
      departments.get(r.category!)!.add(r.department!);
      perMahalle.set(r.uavt_code!, (perMahalle.get(r.uavt_code!) ?? 0) + 1);
      check(SIX_DECIMALS.test(r.latitude!) && SIX_DECIMALS.test(r.longitude!), `${id} coordinates ${r.latitude} ${r.longitude}`);
      check(polygonOf.has(r.uavt_code!) && inside(r.uavt_code!, r.latitude!, r.longitude!), `${id} not inside mahalle ${r.uavt_code}`);
      check(isValidNationalId(r.applicant_national_id!), `${id} national id ${r.applicant_national_id}`);
      check(/^05\d{2} \d{3} \d{2} \d{2}$/.test(r.applicant_phone!), `${id} phone ${r.applicant_phone}`);
      check(/^\S+ \S+$/.test(r.applicant_name!), `${id} name ${r.applicant_name}`);
      check(r.description!.length > 10, `${id} description`);
    }
    expect(problems).toEqual([]);
    expect(new Set(rows.map((r) => r.request_id)).size).toBe(rows.length);
    expect(new Set(rows.map((r) => r.channel))).toEqual(new Set(['acikkapi', 'call_centre', 'e_devlet', 'ibb_crm', 'in_person', 'web_form']));
    expect(new Set(departments.keys())).toEqual(new Set(['cleaning', 'road_pavement', 'parks_gardens', 'lighting', 'traffic', 'noise', 'zoning', 'social_aid', 'veterinary', 'water_drainage', 'other']));
    for (const [category, set] of departments) expect(set.size, category).toBe(1);
    expect(departments.get('cleaning')).toEqual(new Set(['Temizlik İşleri Müdürlüğü']));
    // Most requests are closed; every status occurs.
    expect(statuses.get('closed')! / rows.length).toBeGreaterThan(0.8);
    for (const s of ['open', 'in_progress', 'rejected']) expect(statuses.get(s), s).toBeGreaterThan(0);
    // Resolution times differ by category: zoning takes far longer than cleaning.
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    expect(median(hours.get('zoning')!)).toBeGreaterThan(5 * median(hours.get('cleaning')!));
    // Mahalle chosen in proportion to population: Demirkapı (53,791) well ahead of Bağlar (17,086).
    expect(perMahalle.size).toBe(22);
    expect(perMahalle.get('40171')! / perMahalle.get('40155')!).toBeGreaterThan(2.5);
    expect(perMahalle.get('40171')! / perMahalle.get('40155')!).toBeLessThan(3.8);
  });

  it('writes 4–6 capture sequences inside the district, one uncleared and one older re-capture', () => {
    const sequences = readJson<FeatureCollection<LineString>>(dir, 'capture_sequences.geojson').features;
    expect(sequences.length).toBeGreaterThanOrEqual(4);
    expect(sequences.length).toBeLessThanOrEqual(6);
    const district = turf.polygon([DISTRICT_OUTLINE.map((p) => [p[0], p[1]])]);
    for (const s of sequences) {
      expect(s.properties!.sequence_id).toMatch(/^seq-\d{2}$/);
      expect(s.properties!.captured_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(typeof s.properties!.cleared_for_publication).toBe('boolean');
      expect(s.geometry.type).toBe('LineString');
      expect(turf.booleanWithin(s, district), s.properties!.sequence_id).toBe(true);
    }
    expect(sequences.filter((s) => s.properties!.cleared_for_publication === false)).toHaveLength(1);
    const recaptures = sequences.filter((s) => s.properties!.recapture_of !== null);
    expect(recaptures).toHaveLength(1);
    const recapture = recaptures[0]!;
    const original = sequences.find((s) => s.properties!.sequence_id === recapture.properties!.recapture_of)!;
    expect(original).toBeDefined();
    expect(recapture.geometry).toEqual(original.geometry);
    expect(recapture.properties!.name).toBe(original.properties!.name);
    expect(recapture.properties!.captured_on < original.properties!.captured_on).toBe(true);
  });

  it('writes captures every ~8–12 m and ~1.5 s, heading along the street', () => {
    const { header, rows } = readCsv(dir, 'captures.csv');
    expect(header).toEqual(['capture_id', 'sequence_id', 'captured_at', 'latitude', 'longitude', 'altitude', 'heading', 'pitch', 'roll', 'image']);
    expect(rows.length).toBeGreaterThan(1800);
    expect(rows.length).toBeLessThan(2200);
    const diffs: number[] = [];
    for (const r of rows) {
      expect(r.captured_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+03:00$/);
      expect(r.image).toBe(`panoramas/${r.capture_id}.png`);
      expect(r.latitude).toMatch(SIX_DECIMALS);
      expect(r.longitude).toMatch(SIX_DECIMALS);
      const heading = Number(r.heading);
      expect(heading).toBeGreaterThanOrEqual(0);
      expect(heading).toBeLessThan(360);
      expect(r.heading).toMatch(/^\d+(\.\d)?$/);
      expect(Math.abs(Number(r.pitch))).toBeLessThanOrEqual(3);
      expect(Math.abs(Number(r.roll))).toBeLessThanOrEqual(3);
      expect(Number(r.altitude)).toBeGreaterThanOrEqual(40);
      expect(Number(r.altitude)).toBeLessThanOrEqual(110);
    }
    for (let i = 0; i < rows.length - 1; i++) {
      const a = rows[i]!;
      const b = rows[i + 1]!;
      if (a.sequence_id !== b.sequence_id) continue;
      const pa: Position = [Number(a.longitude), Number(a.latitude)];
      const pb: Position = [Number(b.longitude), Number(b.latitude)];
      const gap = distanceMetres(pa, pb);
      expect(gap).toBeGreaterThan(6);
      expect(gap).toBeLessThan(13);
      const dt = Date.parse(b.captured_at!) - Date.parse(a.captured_at!);
      expect(dt).toBeGreaterThan(1300);
      expect(dt).toBeLessThan(1700);
      // At a bend the heading changes between two frames; elsewhere it points at the next frame.
      if (angleDiff(Number(a.heading), Number(b.heading)) > 3) continue;
      const travel = bearing(pa, pb);
      expect(angleDiff(Number(a.heading), travel), `${a.capture_id}`).toBeLessThan(20);
      diffs.push(angleDiff(Number(a.heading), travel));
    }
    diffs.sort((x, y) => x - y);
    expect(diffs.length).toBeGreaterThan(rows.length * 0.9);
    expect(diffs[Math.floor(diffs.length / 2)]!).toBeLessThan(3);
  });

  it('re-captures the street at about the same positions', () => {
    const rows = readCsv(dir, 'captures.csv').rows;
    const sequences = readJson<FeatureCollection<LineString>>(dir, 'capture_sequences.geojson').features;
    const recapture = sequences.find((s) => s.properties!.recapture_of !== null)!;
    const at = (id: string) => rows.filter((r) => r.sequence_id === id).map((r): Position => [Number(r.longitude), Number(r.latitude)]);
    const older = at(recapture.properties!.sequence_id as string);
    const newer = at(recapture.properties!.recapture_of as string);
    expect(Math.abs(older.length - newer.length)).toBeLessThanOrEqual(2);
    const near = older.filter((p) => newer.some((q) => distanceMetres(p, q) < 3)).length;
    expect(near / older.length).toBeGreaterThan(0.95);
  });

  it('draws each capture\'s panorama from its heading, the same bytes as renderPanorama', () => {
    const rows = readCsv(dir, 'captures.csv').rows;
    for (const r of [rows[0]!, rows[Math.floor(rows.length / 2)]!, rows[rows.length - 1]!]) {
      const file = fs.readFileSync(path.join(dir, r.image!));
      const png = PNG.sync.read(file);
      expect([png.width, png.height]).toEqual([PANORAMA_WIDTH, PANORAMA_HEIGHT]);
      expect(file.equals(renderPanorama({ id: r.capture_id!, sequenceId: r.sequence_id!, heading: Number(r.heading) }))).toBe(true);
    }
  });
});
