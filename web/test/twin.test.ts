import { describe, expect, it } from 'vitest';
import {
  bearingBetween,
  bearingOfYaw,
  coneOf,
  destination,
  distanceMetres,
  nearestCapture,
  normaliseBearing,
  samePlaceOtherDate,
  samePlaceSequences,
  sphereCorrectionOf,
  stepAlong,
  turnBetween,
  viewCone,
  yawOfBearing,
  type CapturePoint,
  type LngLat,
} from '../src/twin/geometry';
import { parseTwinLink, withTwinLink } from '../src/twin/link';

const APEX: LngLat = [28.83, 41.048];

describe('bearings and yaw', () => {
  it('normalises any angle to [0, 360) and measures the shortest turn', () => {
    expect([0, 360, -90, 725, -0.5, 359.5].map(normaliseBearing)).toEqual([0, 0, 270, 5, 359.5, 359.5]);
    expect(turnBetween(350, 10)).toBe(20);
    expect(turnBetween(10, 350)).toBe(-20);
    expect(turnBetween(0, 180)).toBe(180);
  });

  it('reads the viewer yaw (radians from north) as a bearing and back', () => {
    expect(bearingOfYaw(0)).toBe(0);
    expect(bearingOfYaw(Math.PI / 2)).toBeCloseTo(90, 12);
    expect(bearingOfYaw(-Math.PI / 2)).toBeCloseTo(270, 12);
    expect(bearingOfYaw(5 * Math.PI)).toBeCloseTo(180, 12);
    for (const b of [0, 12.5, 90, 181, 359]) expect(bearingOfYaw(yawOfBearing(b))).toBeCloseTo(b, 10);
    expect(yawOfBearing(-90)).toBeCloseTo((3 * Math.PI) / 2, 12);
  });

  it('corrects the sphere by the capture heading and undoes its pitch and roll', () => {
    const c = sphereCorrectionOf({ heading: 90, pitch: 2, roll: -1.5 });
    expect(c.pan).toBeCloseTo((3 * Math.PI) / 2, 12);
    expect(c.tilt).toBeCloseTo((-2 * Math.PI) / 180, 12);
    expect(c.roll).toBeCloseTo((1.5 * Math.PI) / 180, 12);
    expect(sphereCorrectionOf({ heading: 450, pitch: 0, roll: 0 }).pan).toBeCloseTo((3 * Math.PI) / 2, 12);
    expect(sphereCorrectionOf({ heading: 0, pitch: 0, roll: 0 }).pan).toBe(0);
  });
});

describe('distances', () => {
  it('agrees with known distances: one degree of latitude ≈ 111.2 km, of longitude at 41° ≈ 83.9 km', () => {
    expect(distanceMetres([28.8, 41], [28.8, 42])).toBeCloseTo(111_195, -1);
    expect(distanceMetres([28, 41], [29, 41])).toBeCloseTo(83_921, -2);
    expect(distanceMetres(APEX, APEX)).toBe(0);
  });

  it('walks to a destination and measures the same distance and bearing back', () => {
    for (const bearing of [0, 45, 90, 200, 315]) {
      const p = destination(APEX, bearing, 30);
      expect(distanceMetres(APEX, p)).toBeCloseTo(30, 6);
      expect(bearingBetween(APEX, p)).toBeCloseTo(bearing, 4);
    }
    // 30 m north is 30 / 111,195 degrees of latitude.
    expect(destination(APEX, 0, 30)[1] - APEX[1]).toBeCloseTo(30 / 111_195, 9);
  });
});

describe('the view cone', () => {
  it('is a closed sector from the apex, its arc at the radius, centred on the bearing', () => {
    const cone = viewCone(APEX, 60, 90, 30, 24);
    const ring = cone.coordinates[0]!;
    expect(ring).toHaveLength(24 + 3);
    expect(ring[0]).toEqual(APEX);
    expect(ring[ring.length - 1]).toEqual(APEX);
    for (const p of ring.slice(1, -1)) expect(distanceMetres(APEX, p as LngLat)).toBeCloseTo(30, 6);
    expect(bearingBetween(APEX, ring[1] as LngLat)).toBeCloseTo(15, 4);
    expect(bearingBetween(APEX, ring[13] as LngLat)).toBeCloseTo(60, 4);
    expect(bearingBetween(APEX, ring[25] as LngLat)).toBeCloseTo(105, 4);
  });

  it('reads back as it was drawn, across north and for a wide view', () => {
    for (const [bearing, fov] of [[0, 90], [350, 40], [180, 200], [123.4, 65.2]] as const) {
      const read = coneOf(viewCone(APEX, bearing, fov, 30));
      expect(read.apex).toEqual(APEX);
      expect(turnBetween(read.bearing, bearing)).toBeCloseTo(0, 4);
      expect(read.fov).toBeCloseTo(fov, 3);
    }
  });

  it('turns by the same angle as the view', () => {
    const before = coneOf(viewCone(APEX, 350, 70, 30)).bearing;
    const after = coneOf(viewCone(APEX, 350 + 45, 70, 30)).bearing;
    expect(turnBetween(before, after)).toBeCloseTo(45, 4);
  });
});

const capture = (id: string, sequenceId: string, position: LngLat): CapturePoint => ({ id, sequenceId, position });
/** A street running east, frames every ~8.4 m (0.0001° of longitude at 41°). */
const street = (sequenceId: string, count: number, offset: LngLat = [0, 0]): CapturePoint[] =>
  Array.from({ length: count }, (_, i) => capture(`${sequenceId}-${String(i + 1).padStart(4, '0')}`, sequenceId, [APEX[0] + i * 0.0001 + offset[0], APEX[1] + offset[1]]));

describe('nearest capture', () => {
  const frames = street('seq-01', 10);

  it('finds the nearest frame, with its distance', () => {
    const near = nearestCapture(frames, [APEX[0] + 0.00031, APEX[1] + 0.00002]);
    expect(near!.capture.id).toBe('seq-01-0004');
    expect(near!.distance).toBeCloseTo(distanceMetres(frames[3]!.position, [APEX[0] + 0.00031, APEX[1] + 0.00002]), 9);
  });

  it('finds nothing beyond the reach, and nothing in an empty list', () => {
    expect(nearestCapture(frames, [APEX[0], APEX[1] + 0.001], 50)).toBeNull(); // 111 m north
    expect(nearestCapture([], APEX)).toBeNull();
  });

  it('breaks ties by id, whatever the order', () => {
    const a = capture('b', 's', [28.8301, 41.0481]);
    const b = capture('a', 's', [28.8301, 41.0481]);
    expect(nearestCapture([a, b], APEX)!.capture.id).toBe('a');
    expect(nearestCapture([b, a], APEX)!.capture.id).toBe('a');
  });

  it('steps along a sequence and stops at its ends', () => {
    expect(stepAlong(frames, 'seq-01-0004', 1)!.id).toBe('seq-01-0005');
    expect(stepAlong(frames, 'seq-01-0004', -1)!.id).toBe('seq-01-0003');
    expect(stepAlong(frames, 'seq-01-0010', 1)).toBeNull();
    expect(stepAlong(frames, 'seq-01-0001', -1)).toBeNull();
    expect(stepAlong(frames, 'nope', 1)).toBeNull();
  });
});

describe('the same place at another date', () => {
  const sequences = [
    { id: 'seq-01', capturedOn: '2025-05-14', recaptureOf: null },
    { id: 'seq-02', capturedOn: '2025-05-15', recaptureOf: null },
    { id: 'seq-05', capturedOn: '2022-06-20', recaptureOf: 'seq-01' },
    { id: 'seq-06', capturedOn: '2019-03-01', recaptureOf: 'seq-05' },
  ];

  it('groups a sequence with its re-captures, in either direction and through chains, oldest first', () => {
    expect(samePlaceSequences(sequences, 'seq-01').map((s) => s.id)).toEqual(['seq-06', 'seq-05', 'seq-01']);
    expect(samePlaceSequences(sequences, 'seq-05').map((s) => s.id)).toEqual(['seq-06', 'seq-05', 'seq-01']);
    expect(samePlaceSequences(sequences, 'seq-02').map((s) => s.id)).toEqual(['seq-02']);
    expect(samePlaceSequences(sequences, 'unknown')).toEqual([]);
    // A cycle in bad data does not hang.
    expect(samePlaceSequences([{ id: 'a', capturedOn: '2020-01-01', recaptureOf: 'b' }, { id: 'b', capturedOn: '2021-01-01', recaptureOf: 'a' }], 'a')).toHaveLength(2);
  });

  it('matches the other date’s frame nearest the one on show, within the reach', () => {
    const now = street('seq-01', 10);
    // The older drive's frames lie 1.5 m south and 3 m further east.
    const then = street('seq-05', 10, [0.0000357, -0.0000135]);
    expect(samePlaceOtherDate(now[4]!, then)!.id).toBe('seq-05-0005');
    expect(samePlaceOtherDate(now[0]!, then)!.id).toBe('seq-05-0001');
    // Another street 200 m away is not the same place.
    expect(samePlaceOtherDate(now[4]!, street('seq-09', 10, [0, 0.0018]))).toBeNull();
  });
});

describe('the twin link', () => {
  it('reads a capture and a heading, and ignores what is not one', () => {
    expect(parseTwinLink('?capture=seq-01-0020&heading=135')).toEqual({ capture: 'seq-01-0020', heading: 135 });
    expect(parseTwinLink('?capture=seq-01-0020&heading=-90')).toEqual({ capture: 'seq-01-0020', heading: 270 });
    expect(parseTwinLink('?capture=seq-01-0020')).toEqual({ capture: 'seq-01-0020', heading: null });
    expect(parseTwinLink('?capture=seq-01-0020&heading=north')).toEqual({ capture: 'seq-01-0020', heading: null });
    expect(parseTwinLink('?capture=../../etc')).toBeNull();
    expect(parseTwinLink('?heading=90')).toBeNull();
  });

  it('writes the link and keeps the other parameters', () => {
    expect(withTwinLink('?layer=density&capture=old', { capture: 'seq-05-0003', heading: 359.7 })).toBe('?layer=density&capture=seq-05-0003&heading=0');
    expect(withTwinLink('?layer=density&capture=x&heading=3', null)).toBe('?layer=density');
    expect(withTwinLink('', null)).toBe('');
    const link = { capture: 'seq-01-0020', heading: 135 };
    expect(parseTwinLink(withTwinLink('?z=3', link))).toEqual(link);
  });
});
