import { bearing, distanceMetres, round, type Position } from './geometry';
import type { Random } from './random';

export interface CaptureSequence {
  id: string;
  name: string;
  capturedOn: string;
  clearedForPublication: boolean;
  recaptureOf: string | null;
  line: Position[];
  /** Colour of the stripe drawn on its panoramas. */
  colour: [number, number, number];
  startUtc: number;
}

export interface Capture {
  id: string;
  sequenceId: string;
  capturedAt: string;
  position: Position;
  altitude: number;
  heading: number;
  pitch: number;
  roll: number;
  image: string;
}

/** Invented streets across the district; seq-05 re-captures seq-01's street three years earlier. */
const STREETS: { id: string; name: string; capturedOn: string; cleared: boolean; recaptureOf: string | null; colour: [number, number, number]; waypoints: Position[] }[] = [
  { id: 'seq-01', name: 'Mahmutbey Caddesi', capturedOn: '2025-05-14', cleared: true, recaptureOf: null, colour: [220, 60, 60],
    waypoints: [[28.815, 41.05], [28.83, 41.048], [28.845, 41.047], [28.854, 41.045]] },
  { id: 'seq-02', name: 'Bağcılar Caddesi', capturedOn: '2025-05-15', cleared: true, recaptureOf: null, colour: [60, 140, 220],
    waypoints: [[28.848, 41.06], [28.847, 41.045], [28.846, 41.03], [28.847, 41.025]] },
  { id: 'seq-03', name: 'Kirazlı Caddesi', capturedOn: '2025-05-16', cleared: true, recaptureOf: null, colour: [60, 180, 90],
    waypoints: [[28.82, 41.03], [28.835, 41.033], [28.85, 41.035], [28.865, 41.0345]] },
  { id: 'seq-04', name: 'Güneşli Yolu', capturedOn: '2025-05-17', cleared: false, recaptureOf: null, colour: [230, 160, 40],
    waypoints: [[28.825, 41.06], [28.83, 41.045], [28.833, 41.03]] },
  { id: 'seq-05', name: 'Mahmutbey Caddesi', capturedOn: '2022-06-20', cleared: true, recaptureOf: 'seq-01', colour: [150, 80, 200],
    waypoints: [[28.815, 41.05], [28.83, 41.048], [28.845, 41.047], [28.854, 41.045]] },
];

const SPACING_M = 9;

/** Positions every `spacing` metres along a polyline, with the heading of travel at each. */
function along(line: Position[], spacing: number): { position: Position; heading: number }[] {
  const out: { position: Position; heading: number }[] = [];
  let carried = 0;
  for (let i = 0; i < line.length - 1; i++) {
    const a = line[i]!;
    const b = line[i + 1]!;
    const length = distanceMetres(a, b);
    const heading = bearing(a, b);
    for (let d = carried; d < length; d += spacing) {
      const t = d / length;
      out.push({ position: [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t], heading });
    }
    carried = (spacing - ((length - carried) % spacing)) % spacing;
  }
  return out;
}

export function generateCaptures(random: Random): { sequences: CaptureSequence[]; captures: Capture[] } {
  const sequences: CaptureSequence[] = [];
  const captures: Capture[] = [];
  for (const street of STREETS) {
    const startUtc = Date.parse(`${street.capturedOn}T07:00:00Z`);
    sequences.push({
      id: street.id, name: street.name, capturedOn: street.capturedOn, clearedForPublication: street.cleared,
      recaptureOf: street.recaptureOf, line: street.waypoints, colour: street.colour, startUtc,
    });
    along(street.waypoints, SPACING_M).forEach(({ position, heading }, i) => {
      const id = `${street.id}-${String(i + 1).padStart(4, '0')}`;
      // GNSS noise of about a metre, so a re-capture lies near, not on, the original positions.
      const jitter: Position = [random.normal(0, 0.000008), random.normal(0, 0.000006)];
      captures.push({
        id,
        sequenceId: street.id,
        capturedAt: new Date(startUtc + i * 1500).toISOString().replace(/\.\d{3}Z$/, 'Z'),
        position: [round(position[0] + jitter[0], 7), round(position[1] + jitter[1], 7)],
        altitude: round(random.between(55, 95), 1),
        heading: round((heading + random.normal(0, 0.8) + 360) % 360, 1) % 360,
        pitch: round(random.between(-3, 3), 1),
        roll: round(random.between(-3, 3), 1),
        image: `panoramas/${id}.png`,
      });
    });
  }
  return { sequences, captures };
}
