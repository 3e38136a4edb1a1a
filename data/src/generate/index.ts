import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { generateAddresses } from './addresses';
import { districtRing, generateBoundaries } from './boundaries';
import { generateCaptures } from './captures';
import { toCsv } from './csv';
import { generateFacilities } from './facilities';
import { generateIndicatorValues, INDICATORS } from './indicators';
import { MAHALLE } from './mahalle';
import { PANORAMA_CONVENTION, PANORAMA_HEIGHT, PANORAMA_WIDTH, renderPanorama } from './panorama';
import { Random } from './random';
import { generateRequests } from './requests';

export { MAHALLE, DISTRICT_OUTLINE, DISTRICT_POPULATION_2023, type Mahalle } from './mahalle';
export { generateBoundaries, boundaryFit, districtRing, type MahalleCell, type BoundaryFit } from './boundaries';
export {
  renderPanorama,
  columnOfAzimuth,
  sequenceColour,
  NORTH_COLOUR,
  PANORAMA_WIDTH,
  PANORAMA_HEIGHT,
  PANORAMA_CONVENTION,
  type PanoramaSubject,
} from './panorama';
export { isValidNationalId, syntheticNationalId, CHANNELS, STATUSES, REQUEST_CATEGORIES } from './requests';
export { INDICATORS, AGE_GROUPS, YEARS } from './indicators';
export { generateAddresses, type Address, type Street } from './addresses';
export { STREETS, terrainHeight, type Capture, type CaptureSequence } from './captures';
export { Random, WeightedTable, apportion } from './random';
export { toCsv } from './csv';

export const DEFAULT_SEED = 20_231_231;
/** Bump when the output for a given seed changes. */
export const GENERATOR_VERSION = '4';

export interface DemoManifestFile {
  /** File name relative to the output directory; "panoramas" stands for all panorama images. */
  name: string;
  /** Features for GeoJSON, data rows (without the header) for CSV, images for "panoramas". */
  rows: number;
  /**
   * SHA-256 of the file. For "panoramas": SHA-256 of the `sha256sum`-style listing of the images in
   * capture order ("<sha256>  <file name>\n" per image), so `(cd panoramas && sha256sum *.png) | sha256sum`
   * gives the same value.
   */
  sha256: string;
}

export interface DemoManifest {
  seed: number;
  generatorVersion: string;
  /** The data files and one entry for the panorama images, sorted by name. No timestamps. */
  files: DemoManifestFile[];
  panorama: {
    width: number;
    height: number;
    /** How columns map to azimuths (see panorama.ts). */
    convention: string;
    /** Folder of the images, relative to the output directory. */
    directory: string;
  };
}

export interface GenerateOptions {
  seed?: number;
  onProgress?: (message: string) => void;
  /** Write only the first N panorama images (tests); the CSV still lists every capture. */
  panoramaLimit?: number;
}

const PANORAMA_DIRECTORY = 'panoramas';
const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const BOUNDARY_NOTE = 'Yaklaşık, üretilmiş — resmî sınır değildir / approximate, generated — not official boundaries';

/**
 * Writes the Bağcılar demo data as real files — GeoJSON, CSV and PNG — into `outDir`. The same seed
 * gives byte-identical files. Everything but the mahalle names, UAVT codes and 2023 populations is
 * synthetic; the mahalle boundaries are generated, not official.
 */
export async function generateDemoData(outDir: string, options: GenerateOptions = {}): Promise<DemoManifest> {
  const seed = options.seed ?? DEFAULT_SEED;
  const log = options.onProgress ?? (() => {});
  const random = new Random(seed);
  fs.mkdirSync(path.join(outDir, PANORAMA_DIRECTORY), { recursive: true });
  // manifest.json is written last and marks a complete run: a stale one must not survive a failed run.
  fs.rmSync(path.join(outDir, 'manifest.json'), { force: true });
  const files: DemoManifestFile[] = [];
  const write = (name: string, content: string, rows: number) => {
    fs.writeFileSync(path.join(outDir, name), content);
    files.push({ name, rows, sha256: sha256(content) });
  };
  const geojson = (features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features }) + '\n';

  const cells = generateBoundaries();
  write('district.geojson', geojson([{
    type: 'Feature',
    properties: { code: 'BAGCILAR', name: 'Bağcılar' },
    geometry: { type: 'MultiPolygon', coordinates: [[districtRing()]] },
  }]), 1);
  write('neighbourhoods.geojson', geojson(MAHALLE.map((m, i) => ({
    type: 'Feature',
    properties: {
      uavt_code: m.uavtCode,
      name: m.name,
      former_names: m.formerNames,
      district_code: 'BAGCILAR',
      population: m.population2023,
      population_year: 2023,
      boundary_note: BOUNDARY_NOTE,
    },
    geometry: { type: 'MultiPolygon', coordinates: cells[i]!.polygons },
  }))), MAHALLE.length);
  log('demo: district and 22 mahalle boundaries written');

  write('indicators.csv', toCsv(['code', 'name_tr', 'name_en', 'unit', 'topic', 'source', 'synthetic'],
    INDICATORS.map((d) => [d.code, d.nameTr, d.nameEn, d.unit, d.topic, d.source, d.synthetic])), INDICATORS.length);
  const values = generateIndicatorValues(random);
  write('indicator_values.csv', toCsv(['uavt_code', 'indicator_code', 'year', 'value'],
    values.map((v) => [v.uavtCode, v.indicatorCode, v.year, v.value])), values.length);
  log(`demo: ${INDICATORS.length} indicators, ${values.length} values written`);

  const facilities = generateFacilities(random, cells);
  write('facilities.csv', toCsv(['facility_id', 'category', 'name', 'address', 'mahalle', 'latitude', 'longitude', 'source', 'capacity', 'opening_year'],
    facilities.map((f) => [f.id, f.category, f.name, f.address, f.mahalle, f.position[1], f.position[0], 'Sentetik demo verisi', f.capacity, f.openingYear])), facilities.length);

  const requests = generateRequests(random, cells);
  write('citizen_requests.csv', toCsv(
    ['request_id', 'channel', 'category', 'status', 'opened_at', 'closed_at', 'department', 'uavt_code', 'latitude', 'longitude', 'applicant_name', 'applicant_phone', 'applicant_national_id', 'description'],
    requests.map((r) => [r.id, r.channel, r.category, r.status, r.openedAt, r.closedAt, r.department, r.uavtCode, r.position[1], r.position[0], r.applicantName, r.applicantPhone, r.applicantNationalId, r.description]),
  ), requests.length);
  log(`demo: ${facilities.length} facilities, ${requests.length} citizen requests written`);

  const { sequences, captures } = generateCaptures(random);
  write('capture_sequences.geojson', geojson(sequences.map((s) => ({
    type: 'Feature',
    properties: { sequence_id: s.id, name: s.name, captured_on: s.capturedOn, cleared_for_publication: s.clearedForPublication, recapture_of: s.recaptureOf },
    geometry: { type: 'LineString', coordinates: s.line },
  }))), sequences.length);
  write('captures.csv', toCsv(['capture_id', 'sequence_id', 'captured_at', 'latitude', 'longitude', 'altitude', 'heading', 'pitch', 'roll', 'image'],
    captures.map((c) => [c.id, c.sequenceId, c.capturedAt, c.position[1], c.position[0], c.altitude, c.heading, c.pitch, c.roll, c.image])), captures.length);
  log(`demo: ${sequences.length} capture sequences, ${captures.length} captures written`);

  const { streets, addresses } = generateAddresses(random, cells);
  const mahalleName = new Map(MAHALLE.map((m) => [m.uavtCode, m.name]));
  write('streets.geojson', geojson(streets.map((s) => ({
    type: 'Feature',
    properties: { street_id: s.id, name: s.name, kind: s.kind, uavt_code: s.uavtCode, mahalle: mahalleName.get(s.uavtCode) },
    geometry: { type: 'LineString', coordinates: s.line },
  }))), streets.length);
  write('addresses.csv', toCsv(['address_id', 'uavt_code', 'mahalle', 'street_id', 'street', 'door_number', 'latitude', 'longitude'],
    addresses.map((a) => [a.id, a.uavtCode, mahalleName.get(a.uavtCode), a.streetId, a.streetName, a.doorNumber, a.position[1], a.position[0]])), addresses.length);
  log(`demo: ${streets.length} streets, ${addresses.length} building addresses written`);

  // Images in capture order; the listing hashed for the manifest is what `sha256sum *.png` prints.
  let listing = '';
  const limit = Math.max(0, Math.min(options.panoramaLimit ?? Infinity, captures.length));
  // Images of an earlier run into the same folder that this run does not write would not match the manifest.
  const current = new Set(captures.slice(0, limit).map((c) => path.basename(c.image)));
  for (const name of fs.readdirSync(path.join(outDir, PANORAMA_DIRECTORY))) {
    if (name.endsWith('.png') && !current.has(name)) fs.rmSync(path.join(outDir, PANORAMA_DIRECTORY, name));
  }
  for (let i = 0; i < limit; i++) {
    const c = captures[i]!;
    const png = renderPanorama({ id: c.id, sequenceId: c.sequenceId, heading: c.heading });
    fs.writeFileSync(path.join(outDir, c.image), png);
    listing += `${sha256(png)}  ${path.basename(c.image)}\n`;
    if ((i + 1) % 500 === 0) {
      log(`demo: ${i + 1} of ${limit} panoramas drawn`);
      await new Promise((resolve) => setImmediate(resolve)); // let the event loop breathe
    }
  }
  files.push({ name: PANORAMA_DIRECTORY, rows: limit, sha256: sha256(listing) });

  const manifest: DemoManifest = {
    seed,
    generatorVersion: GENERATOR_VERSION,
    files: files.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    panorama: { width: PANORAMA_WIDTH, height: PANORAMA_HEIGHT, convention: PANORAMA_CONVENTION, directory: PANORAMA_DIRECTORY },
  };
  fs.writeFileSync(path.join(outDir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  log(`demo: ${limit} panoramas written; manifest.json done`);
  return manifest;
}
