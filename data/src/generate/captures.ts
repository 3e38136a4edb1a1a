import { bearing, distanceMetres, round, type Position } from './geometry';
import { istanbulTime } from './time';
import { Random } from './random';

/** A street drive of the 360° camera: an invented street polyline inside the district. */
export interface CaptureSequence {
  id: string;
  name: string;
  /** Local date of the drive, YYYY-MM-DD. */
  capturedOn: string;
  clearedForPublication: boolean;
  /** The sequence whose street this one captured too (an older or newer drive), or null. */
  recaptureOf: string | null;
  line: Position[];
}

export interface Capture {
  id: string;
  sequenceId: string;
  /** ISO 8601 with milliseconds and the +03:00 offset. */
  capturedAt: string;
  /** [longitude, latitude], 6 decimals. */
  position: Position;
  /** Metres above sea level: terrain plus the camera mast. */
  altitude: number;
  /** Degrees clockwise from true north, direction of travel, [0, 360). */
  heading: number;
  pitch: number;
  roll: number;
  /** Relative path of the panorama image. */
  image: string;
}

interface Street {
  id: string;
  name: string;
  capturedOn: string;
  /** Local start time of the drive, HH:MM. */
  start: string;
  cleared: boolean;
  recaptureOf: string | null;
  waypoints: Position[];
}

const MAHMUTBEY: Position[] = [[28.815, 41.05], [28.822, 41.0492], [28.83, 41.048], [28.8375, 41.0477], [28.845, 41.047], [28.854, 41.045]];

/** Invented streets across the district; seq-05 is an older drive (2022) of seq-01's street (2025). */
export const STREETS: readonly Street[] = [
  { id: 'seq-01', name: 'Mahmutbey Caddesi', capturedOn: '2025-05-14', start: '10:00', cleared: true, recaptureOf: null, waypoints: MAHMUTBEY },
  { id: 'seq-02', name: 'Bağcılar Caddesi', capturedOn: '2025-05-15', start: '09:30', cleared: true, recaptureOf: null,
    waypoints: [[28.848, 41.06], [28.8474, 41.052], [28.847, 41.045], [28.8462, 41.038], [28.846, 41.03], [28.847, 41.025]] },
  { id: 'seq-03', name: 'Kirazlı Caddesi', capturedOn: '2025-05-16', start: '10:15', cleared: true, recaptureOf: null,
    waypoints: [[28.82, 41.03], [28.8275, 41.0318], [28.835, 41.033], [28.8425, 41.0342], [28.85, 41.035], [28.865, 41.0345]] },
  // Not yet blurred: kept from publication.
  { id: 'seq-04', name: 'Güneşli Yolu', capturedOn: '2025-05-17', start: '11:00', cleared: false, recaptureOf: null,
    waypoints: [[28.825, 41.06], [28.8275, 41.0525], [28.83, 41.045], [28.8318, 41.0375], [28.833, 41.03]] },
  { id: 'seq-05', name: 'Mahmutbey Caddesi', capturedOn: '2022-06-20', start: '09:45', cleared: true, recaptureOf: 'seq-01', waypoints: MAHMUTBEY },
];

/** Mean spacing between frames (m); each gap is drawn from 8–10 m. */
const SPACING_MIN_M = 8;
const SPACING_MAX_M = 10;
const FRAME_INTERVAL_MS = 1500;
const CAMERA_HEIGHT_M = 2.6;

/**
 * Synthetic terrain (m above sea level), smooth over the district: roughly 45 m in the south-east,
 * rising to about 100 m in the north-west. Same position, same altitude — a re-capture matches.
 */
export function terrainHeight([lon, lat]: Position): number {
  const x = (lon - 28.84) / 0.03;
  const y = (lat - 41.045) / 0.025;
  return 72 - 18 * x + 14 * y + 6 * Math.sin(3.1 * x + 1.3) * Math.cos(2.3 * y - 0.4);
}

/** Distances along the line at which frames are taken, with the gap sequence of `random`. */
function frameDistances(length: number, random: Random): number[] {
  const out: number[] = [];
  for (let d = 0; d <= length; d += random.between(SPACING_MIN_M, SPACING_MAX_M)) out.push(d);
  return out;
}

/** Position and travel direction at distance `d` along a polyline. */
function pointAlong(line: Position[], d: number): { position: Position; heading: number } {
  let rest = d;
  for (let i = 0; i < line.length - 1; i++) {
    const a = line[i]!;
    const b = line[i + 1]!;
    const length = distanceMetres(a, b);
    if (rest <= length || i === line.length - 2) {
      const t = Math.min(1, rest / length);
      return { position: [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t], heading: bearing(a, b) };
    }
    rest -= length;
  }
  throw new Error('empty line');
}

function lineLength(line: Position[]): number {
  let s = 0;
  for (let i = 0; i < line.length - 1; i++) s += distanceMetres(line[i]!, line[i + 1]!);
  return s;
}

/**
 * Sequences and their capture points. Frames follow the street every 8–10 m at 1.5 s intervals; the
 * heading is the direction of travel with ~0.5° IMU noise; positions carry ~0.3 m GNSS noise. A
 * re-capture drives the same street with the same frame spacing, so its frames lie near the
 * original's.
 */
export function generateCaptures(random: Random): { sequences: CaptureSequence[]; captures: Capture[] } {
  const sequences: CaptureSequence[] = [];
  const captures: Capture[] = [];
  const spacingSeeds = new Map<string, number>();
  for (const street of STREETS) {
    const spacingSeed = street.recaptureOf ? spacingSeeds.get(street.recaptureOf)! : random.int(1, 2 ** 31 - 1);
    spacingSeeds.set(street.id, spacingSeed);
    sequences.push({
      id: street.id,
      name: street.name,
      capturedOn: street.capturedOn,
      clearedForPublication: street.cleared,
      recaptureOf: street.recaptureOf,
      line: street.waypoints.map(([x, y]) => [round(x, 6), round(y, 6)]),
    });
    // Local time of day, +03:00 → UTC.
    const [hh, mm] = street.start.split(':').map(Number) as [number, number];
    const startUtc = Date.parse(`${street.capturedOn}T00:00:00Z`) + ((hh - 3) * 60 + mm) * 60_000;
    const distances = frameDistances(lineLength(street.waypoints), new Random(spacingSeed));
    distances.forEach((d, i) => {
      const { position, heading } = pointAlong(street.waypoints, d);
      const id = `${street.id}-${String(i + 1).padStart(4, '0')}`;
      const lon = position[0] + random.normal(0, 0.3) / 84_000;
      const lat = position[1] + random.normal(0, 0.3) / 110_600;
      captures.push({
        id,
        sequenceId: street.id,
        capturedAt: istanbulTime(startUtc + i * FRAME_INTERVAL_MS + random.int(-40, 40), true),
        position: [round(lon, 6), round(lat, 6)],
        altitude: round(terrainHeight(position) + CAMERA_HEIGHT_M + random.normal(0, 0.15), 2),
        heading: round((((heading + random.normal(0, 0.5)) % 360) + 360) % 360, 1) % 360,
        pitch: round(Math.max(-3, Math.min(3, random.normal(0, 1))), 1),
        roll: round(Math.max(-3, Math.min(3, random.normal(0, 1))), 1),
        image: `panoramas/${id}.png`,
      });
    });
  }
  return { sequences, captures };
}
