import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { generateBoundaries } from './boundaries';
import { generateCaptures } from './captures';
import { toCsv } from './csv';
import { generateFacilities } from './facilities';
import { generateIndicatorValues, INDICATORS } from './indicators';
import { DISTRICT_OUTLINE, MAHALLE } from './mahalle';
import { PANORAMA_CONVENTION, PANORAMA_HEIGHT, PANORAMA_WIDTH, renderPanorama } from './panorama';
import { Random } from './random';
import { generateRequests } from './requests';

export { MAHALLE, DISTRICT_OUTLINE, DISTRICT_POPULATION_2023, type Mahalle } from './mahalle';
export { renderPanorama, columnOfAzimuth, PANORAMA_WIDTH, PANORAMA_HEIGHT, PANORAMA_CONVENTION } from './panorama';
export { isValidNationalId } from './requests';

export const DEFAULT_SEED = 20_231_231;
export const GENERATOR_VERSION = '1';

export interface DemoManifest {
  seed: number;
  generatorVersion: string;
  files: { name: string; rows: number; sha256: string }[];
  panorama: { width: number; height: number; count: number; sha256: string; convention: string };
}

export interface GenerateOptions {
  seed?: number;
  onProgress?: (message: string) => void;
  /** Write only the first N panorama images (tests). */
  panoramaLimit?: number;
}

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const fixed = (n: number) => Number(n.toFixed(6));

/**
 * Writes the Bağcılar demo data as real files — GeoJSON, CSV and PNG — from a seed: the same seed
 * gives the same bytes. Everything but the mahalle names, codes and 2023 populations is synthetic.
 */
export async function generateDemoData(outDir: string, options: GenerateOptions = {}): Promise<DemoManifest> {
  const seed = options.seed ?? DEFAULT_SEED;
  const log = options.onProgress ?? (() => {});
  const random = new Random(seed);
  fs.mkdirSync(path.join(outDir, 'panoramas'), { recursive: true });
  const files: DemoManifest['files'] = [];
  const write = (name: string, content: string, rows: number) => {
    fs.writeFileSync(path.join(outDir, name), content);
    files.push({ name, rows, sha256: sha256(content) });
  };

  const cells = generateBoundaries();
  write('district.geojson', JSON.stringify({
    type: 'FeatureCollection',
    features: [{ type: 'Feature', properties: { code: 'BAGCILAR', name: 'Bağcılar' }, geometry: { type: 'MultiPolygon', coordinates: [[DISTRICT_OUTLINE]] } }],
  }), 1);
  write('neighbourhoods.geojson', JSON.stringify({
    type: 'FeatureCollection',
    features: MAHALLE.map((m, i) => ({
      type: 'Feature',
      properties: {
        uavt_code: m.uavtCode,
        name: m.name,
        former_names: m.formerNames,
        district_code: 'BAGCILAR',
        population: m.population2023,
        population_year: 2023,
        boundary_note: 'Yaklaşık, üretilmiş — resmî sınır değildir / approximate, generated — not official boundaries',
      },
      geometry: { type: 'MultiPolygon', coordinates: cells[i]!.polygons },
    })),
  }), MAHALLE.length);
  log('demo: boundaries written');

  write('indicators.csv', toCsv(['code', 'name_tr', 'name_en', 'unit', 'topic', 'source', 'synthetic'],
    INDICATORS.map((d) => [d.code, d.nameTr, d.nameEn, d.unit, d.topic, d.source, d.synthetic])), INDICATORS.length);
  const values = generateIndicatorValues(random);
  write('indicator_values.csv', toCsv(['uavt_code', 'indicator_code', 'year', 'value'],
    values.map((v) => [v.uavtCode, v.indicatorCode, v.year, v.value])), values.length);

  const facilities = generateFacilities(random, cells);
  write('facilities.csv', toCsv(['facility_id', 'category', 'name', 'address', 'mahalle', 'latitude', 'longitude', 'source', 'capacity', 'opening_year'],
    facilities.map((f) => [f.id, f.category, f.name, f.address, f.mahalle, fixed(f.position[1]), fixed(f.position[0]), 'Sentetik demo verisi', f.capacity, f.openingYear])), facilities.length);

  const requests = generateRequests(random, cells);
  write('citizen_requests.csv', toCsv(
    ['request_id', 'channel', 'category', 'status', 'opened_at', 'closed_at', 'department', 'uavt_code', 'latitude', 'longitude', 'applicant_name', 'applicant_phone', 'applicant_national_id', 'description'],
    requests.map((r) => [r.id, r.channel, r.category, r.status, r.openedAt, r.closedAt, r.department, r.uavtCode, fixed(r.position[1]), fixed(r.position[0]), r.applicantName, r.applicantPhone, r.applicantNationalId, r.description]),
  ), requests.length);
  log(`demo: ${facilities.length} facilities, ${requests.length} citizen requests written`);

  const { sequences, captures } = generateCaptures(random);
  write('capture_sequences.geojson', JSON.stringify({
    type: 'FeatureCollection',
    features: sequences.map((s) => ({
      type: 'Feature',
      properties: { sequence_id: s.id, name: s.name, captured_on: s.capturedOn, cleared_for_publication: s.clearedForPublication, recapture_of: s.recaptureOf },
      geometry: { type: 'LineString', coordinates: s.line },
    })),
  }), sequences.length);
  write('captures.csv', toCsv(['capture_id', 'sequence_id', 'captured_at', 'latitude', 'longitude', 'altitude', 'heading', 'pitch', 'roll', 'image'],
    captures.map((c) => [c.id, c.sequenceId, c.capturedAt, c.position[1], c.position[0], c.altitude, c.heading, c.pitch, c.roll, c.image])), captures.length);

  const images = createHash('sha256');
  const limit = Math.min(options.panoramaLimit ?? Infinity, captures.length);
  const colours = new Map(sequences.map((s) => [s.id, s.colour]));
  for (let i = 0; i < limit; i++) {
    const c = captures[i]!;
    const png = renderPanorama({ id: c.id, heading: c.heading, colour: colours.get(c.sequenceId)! });
    fs.writeFileSync(path.join(outDir, c.image), png);
    images.update(png);
    if ((i + 1) % 500 === 0) log(`demo: ${i + 1} of ${limit} panoramas drawn`);
  }

  const manifest: DemoManifest = {
    seed,
    generatorVersion: GENERATOR_VERSION,
    files: files.sort((a, b) => a.name.localeCompare(b.name)),
    panorama: { width: PANORAMA_WIDTH, height: PANORAMA_HEIGHT, count: limit, sha256: images.digest('hex'), convention: PANORAMA_CONVENTION },
  };
  fs.writeFileSync(path.join(outDir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  log(`demo: ${captures.length} captures and ${limit} panoramas written`);
  return manifest;
}
