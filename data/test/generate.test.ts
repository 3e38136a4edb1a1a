import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoData, isValidNationalId, MAHALLE, PANORAMA_WIDTH, renderPanorama, type DemoManifest } from '../src/generate';
import { bearing, pointInMultiPolygon, ringArea, type Position } from '../src/generate/geometry';
import { DISTRICT_OUTLINE } from '../src/generate/mahalle';
import { generateBoundaries } from '../src/generate/boundaries';
import { NORTH_COLOUR } from '../src/generate/panorama';

const dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kbs-gen-'));
  dirs.push(dir);
  return dir;
}

function readCsv(dir: string, name: string): Record<string, string>[] {
  return Papa.parse<Record<string, string>>(fs.readFileSync(path.join(dir, name), 'utf8'), { header: true, skipEmptyLines: true }).data;
}

describe('demo data generator', () => {
  let dir: string;
  let manifest: DemoManifest;
  const cells = generateBoundaries();
  const cellOf = (code: string) => cells.find((c) => c.uavtCode === code)!.polygons;
  const codeOfName = new Map(MAHALLE.map((m) => [m.name, m.uavtCode]));

  beforeAll(async () => {
    dir = tempDir();
    manifest = await generateDemoData(dir);
  });
  afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it('writes the same bytes for the same seed, and others for another seed', async () => {
    const a = await generateDemoData(tempDir(), { panoramaLimit: 20 });
    const b = await generateDemoData(tempDir(), { panoramaLimit: 20 });
    const c = await generateDemoData(tempDir(), { panoramaLimit: 20, seed: 7 });
    expect(a).toEqual(b);
    expect(a.files.map((f) => f.sha256)).toEqual(manifest.files.map((f) => f.sha256));
    expect(c.files.find((f) => f.name === 'citizen_requests.csv')!.sha256).not.toBe(a.files.find((f) => f.name === 'citizen_requests.csv')!.sha256);
    const file = path.join(dir, 'facilities.csv');
    expect(createHash('sha256').update(fs.readFileSync(file)).digest('hex')).toBe(manifest.files.find((f) => f.name === 'facilities.csv')!.sha256);
  });

  it('tiles the district with 22 cells that hold their points, without gaps or overlaps', () => {
    expect(cells).toHaveLength(22);
    let total = 0;
    cells.forEach((cell, i) => {
      expect(pointInMultiPolygon(MAHALLE[i]!.point, cell.polygons)).toBe(true);
      for (const rings of cell.polygons) {
        expect(ringArea(rings[0]!)).toBeGreaterThan(0); // counter-clockwise exterior
        total += ringArea(rings[0]!);
      }
    });
    const outline = ringArea(DISTRICT_OUTLINE as Position[]);
    expect(Math.abs(total - outline) / outline).toBeLessThan(1e-5);
  });

  it('keeps every indicator total consistent, with the real 2023 populations', () => {
    const rows = readCsv(dir, 'indicator_values.csv');
    const value = new Map(rows.map((r) => [`${r.uavt_code}/${r.indicator_code}/${r.year}`, Number(r.value)]));
    let district2023 = 0;
    for (const m of MAHALLE) {
      for (let year = 2019; year <= 2024; year++) {
        const get = (code: string) => value.get(`${m.uavtCode}/${code}/${year}`)!;
        const groups = rows.filter((r) => r.uavt_code === m.uavtCode && Number(r.year) === year && /^pop_[mf]_/.test(r.indicator_code!));
        expect(groups).toHaveLength(32);
        const males = groups.filter((r) => r.indicator_code!.startsWith('pop_m_')).reduce((s, r) => s + Number(r.value), 0);
        const females = groups.filter((r) => r.indicator_code!.startsWith('pop_f_')).reduce((s, r) => s + Number(r.value), 0);
        expect(males).toBe(get('pop_male'));
        expect(females).toBe(get('pop_female'));
        expect(males + females).toBe(get('pop_total'));
        expect(get('employed') + get('unemployed')).toBe(get('labour_force'));
      }
      expect(value.get(`${m.uavtCode}/pop_total/2023`)).toBe(m.population2023);
      district2023 += value.get(`${m.uavtCode}/pop_total/2023`)!;
    }
    expect(district2023).toBe(719071);
  });

  it('places facilities and requests inside their mahalle, with valid synthetic personal fields', () => {
    const facilities = readCsv(dir, 'facilities.csv');
    expect(facilities.length).toBeGreaterThanOrEqual(300);
    expect(facilities.length).toBeLessThanOrEqual(400);
    for (const f of facilities) {
      expect(pointInMultiPolygon([Number(f.longitude), Number(f.latitude)], cellOf(codeOfName.get(f.mahalle!)!))).toBe(true);
    }
    const requests = readCsv(dir, 'citizen_requests.csv');
    expect(requests.length).toBeGreaterThanOrEqual(19_000);
    expect(requests.length).toBeLessThanOrEqual(21_000);
    for (const r of requests) {
      expect(pointInMultiPolygon([Number(r.longitude), Number(r.latitude)], cellOf(r.uavt_code!))).toBe(true);
      expect(isValidNationalId(r.applicant_national_id!)).toBe(true);
      if (r.closed_at) expect(Date.parse(r.closed_at)).toBeGreaterThan(Date.parse(r.opened_at!));
      else expect(['open', 'in_progress']).toContain(r.status);
    }
    const channels = new Set(requests.map((r) => r.channel));
    expect([...channels].sort()).toEqual(['acikkapi', 'call_centre', 'e_devlet', 'ibb_crm', 'in_person', 'web_form']);
  });

  it('heads each capture along its street and draws about 2,000 panoramas', () => {
    const captures = readCsv(dir, 'captures.csv');
    expect(captures.length).toBeGreaterThan(1800);
    expect(manifest.panorama.count).toBe(captures.length);
    expect(fs.readdirSync(path.join(dir, 'panoramas'))).toHaveLength(captures.length);
    for (let i = 0; i < captures.length - 1; i++) {
      const a = captures[i]!;
      const b = captures[i + 1]!;
      if (a.sequence_id !== b.sequence_id) continue;
      const travel = bearing([Number(a.longitude), Number(a.latitude)], [Number(b.longitude), Number(b.latitude)]);
      const diff = Math.abs(((Number(a.heading) - travel + 540) % 360) - 180);
      // Corners turn between two frames; elsewhere heading follows travel within GNSS noise.
      expect(diff).toBeLessThan(60);
    }
  });

  it('draws north in red at a quarter of the width when the capture heads east', () => {
    const png = PNG.sync.read(renderPanorama({ id: 'TEST', heading: 90, colour: [0, 0, 0] }));
    const redColumns = new Set<number>();
    for (let y = 0; y < png.height / 2; y++) for (let x = 0; x < png.width; x++) {
      const o = (y * png.width + x) * 4;
      if (png.data[o] === NORTH_COLOUR[0] && png.data[o + 1] === NORTH_COLOUR[1] && png.data[o + 2] === NORTH_COLOUR[2]) redColumns.add(x);
    }
    const xs = [...redColumns];
    const centre = (Math.min(...xs) + Math.max(...xs)) / 2;
    expect(Math.abs(centre - PANORAMA_WIDTH / 4)).toBeLessThanOrEqual(2);
  });
});
