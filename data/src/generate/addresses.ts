import type { MahalleCell } from './boundaries';
import { distanceMetres, distanceToBoundary, pointInMultiPolygon, round, type Position } from './geometry';
import { MAHALLE } from './mahalle';
import type { Random } from './random';

/** A street of one mahalle, as UAVT keeps them: a street that crosses a boundary is one record per mahalle. */
export interface Street {
  id: string;
  name: string;
  /** cadde, sokak or bulvar. */
  kind: StreetKind;
  uavtCode: string;
  line: Position[];
}

/** A building's door on a street: odd numbers on one side, even on the other, as Turkish streets run. */
export interface Address {
  id: string;
  uavtCode: string;
  streetId: string;
  streetName: string;
  /** "12", "12A" (a building added later between 12 and 14), "14/1" (the buildings of plot 14). */
  doorNumber: string;
  position: Position;
}

export type StreetKind = 'cadde' | 'sokak' | 'bulvar';

/** Names of avenues: people, places and dates, as Istanbul names them. */
const AVENUE_STEMS = [
  'Atatürk', 'Bağcılar', 'Cumhuriyet', 'İstiklal', 'Fevzi Çakmak', 'Kazım Karabekir', 'Mimar Sinan', 'Yunus Emre', 'Mehmet Akif Ersoy',
  'Necip Fazıl Kısakürek', 'Barbaros Hayrettin', 'Gazi Osmanpaşa', 'Şehitler', 'Mahmutbey', 'Kirazlı', 'Dumlupınar', 'Ilgaz',
  'Çınarlı', 'Güneşli', 'Öğretmenler', 'Işıklar', 'Ağaçlı', 'Hürriyet', 'Namık Kemal', 'Şair Nefi', 'Kocatepe', 'Sakarya',
] as const;

/** Names of side streets: flowers, trees, virtues, trades. */
const STREET_STEMS = [
  'Lale', 'Menekşe', 'Kardelen', 'Papatya', 'Gül', 'Zambak', 'Karanfil', 'Nilüfer', 'Akasya', 'Ihlamur', 'Çınar', 'Söğüt',
  'Ilgın', 'Işık', 'Güneş', 'Yıldız', 'Bahar', 'Çiçek', 'Üzüm', 'Kiraz', 'Değirmen', 'Pınar', 'Selvi', 'Çeşme', 'Okul',
  'Barış', 'Sevgi', 'Huzur', 'Doğan', 'Şahin', 'Kartal', 'Ördek', 'Göçmen', 'Çağlayan', 'Özgür', 'İnci', 'Irmak', 'Şimşek',
] as const;

const AVENUE_SPACING_M = 420;
const STREET_SPACING_M = 140;
/** Streets stop short of the mahalle boundary (where the neighbour's streets begin) and of each other. */
const END_CLEARANCE_M = 18;
/** Streets shorter than this are not kept. */
const MIN_LENGTH_M = 60;
/** Buildings stand back from the centre line, and away from crossings. */
const SETBACK_M = 9;
const CROSSING_CLEARANCE_M = 14;
const METRES_PER_DEGREE_LAT = 110_574;

/** Local metric frame around a mahalle: planar arithmetic in metres, back to degrees at the end. */
function frame(origin: Position) {
  const kx = Math.cos((origin[1] * Math.PI) / 180) * 111_320;
  return {
    toLocal: ([lon, lat]: Position): Position => [(lon - origin[0]) * kx, (lat - origin[1]) * METRES_PER_DEGREE_LAT],
    toLonLat: ([x, y]: Position): Position => [round(origin[0] + x / kx, 6), round(origin[1] + y / METRES_PER_DEGREE_LAT, 6)],
  };
}

/** Parameters t (along direction d from p) at which the line p + t·d crosses the rings' edges. */
function crossings(p: Position, d: Position, rings: Position[][]): number[] {
  const ts: number[] = [];
  for (const ring of rings) for (let i = 0; i < ring.length - 1; i++) {
    const [ax, ay] = ring[i]!;
    const [bx, by] = ring[i + 1]!;
    const ex = bx - ax;
    const ey = by - ay;
    const denominator = d[0] * ey - d[1] * ex;
    if (Math.abs(denominator) < 1e-12) continue;
    const t = ((ax - p[0]) * ey - (ay - p[1]) * ex) / denominator;
    const s = ((ax - p[0]) * d[1] - (ay - p[1]) * d[0]) / denominator;
    if (s >= 0 && s < 1) ts.push(t);
  }
  return ts.sort((a, b) => a - b);
}

interface Segment {
  a: Position;
  b: Position;
  avenue: boolean;
}

/** A rotated grid of avenues and side streets clipped to the mahalle (local metres). */
function gridSegments(random: Random, polygons: Position[][][]): Segment[] {
  const angle = random.between(0, Math.PI / 2);
  const segments: Segment[] = [];
  const rings = polygons.flat();
  const points = rings.flat();
  for (const [direction, spacing, avenueEvery] of [[angle, STREET_SPACING_M, 3], [angle + Math.PI / 2, STREET_SPACING_M * 1.2, 0]] as const) {
    const d: Position = [Math.cos(direction), Math.sin(direction)];
    const normal: Position = [-d[1], d[0]];
    const offsets = points.map(([x, y]) => x * normal[0] + y * normal[1]);
    const first = Math.min(...offsets) + random.between(0.3, 0.7) * spacing;
    for (let offset = first, n = 0; offset < Math.max(...offsets); offset += spacing * random.between(0.85, 1.15), n++) {
      const p: Position = [normal[0] * offset, normal[1] * offset];
      const ts = crossings(p, d, rings);
      for (let i = 0; i + 1 < ts.length; i += 2) {
        const from = ts[i]! + END_CLEARANCE_M;
        const to = ts[i + 1]! - END_CLEARANCE_M;
        if (to - from < MIN_LENGTH_M) continue;
        // Avenues: every third line of the first direction, where the spacing is about AVENUE_SPACING_M.
        const avenue = avenueEvery > 0 && n % avenueEvery === 1 && spacing * avenueEvery >= AVENUE_SPACING_M * 0.9;
        segments.push({ a: [p[0] + d[0] * from, p[1] + d[1] * from], b: [p[0] + d[0] * to, p[1] + d[1] * to], avenue });
      }
    }
  }
  return segments;
}

/** Distance (m) from q to the segment ab, all in local metres. */
function distanceToSegment(q: Position, a: Position, b: Position): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((q[0] - a[0]) * dx + (q[1] - a[1]) * dy) / len2));
  return Math.hypot(q[0] - (a[0] + t * dx), q[1] - (a[1] + t * dy));
}

/** Door numbers of one side: ascending, now and then a lettered door or the numbered buildings of a plot. */
function doorNumbers(random: Random, count: number, odd: boolean): string[] {
  const doors: string[] = [];
  let n = odd ? 1 : 2;
  while (doors.length < count) {
    const r = random.next();
    if (r < 0.08 && doors.length + 2 <= count) {
      doors.push(`${n}/1`, `${n}/2`);
    } else {
      doors.push(String(n));
      if (r > 0.94 && doors.length < count) doors.push(`${n}A`);
    }
    n += random.next() < 0.15 ? 4 : 2; // a plot without a building now and then
  }
  return doors.slice(0, count);
}

/**
 * Streets and building addresses of every mahalle: a rotated grid of avenues and side streets clipped to
 * the mahalle, named like Istanbul's (avenues after people and places, side streets after flowers and
 * trees or numbered "1234. Sokak"), and buildings along both sides every 48–72 m (a demo that starts quickly rather than every building). The first avenue of a
 * mahalle carries its name ("İnönü Caddesi" in İnönü). Invented, not the real UAVT register.
 */
export function generateAddresses(random: Random, cells: MahalleCell[]): { streets: Street[]; addresses: Address[] } {
  const streets: Street[] = [];
  const addresses: Address[] = [];
  let streetNumber = 1000;
  MAHALLE.forEach((mahalle, index) => {
    const polygons = cells[index]!.polygons;
    const { toLocal, toLonLat } = frame(mahalle.point);
    const local = polygons.map((rings) => rings.map((ring) => ring.map(toLocal)));
    const segments = gridSegments(random, local);
    // A name is used once per mahalle; when the drawn one is taken, the street is numbered instead.
    const taken = new Set<string>();
    const numbered = () => `${streetNumber++}. Sokak`;
    const claim = (name: string) => (taken.has(name) ? numbered() : (taken.add(name), name));
    let avenues = 0;
    segments.forEach((segment) => {
      const kind: StreetKind = segment.avenue ? (distanceMetres(toLonLat(segment.a), toLonLat(segment.b)) > 1200 ? 'bulvar' : 'cadde') : 'sokak';
      const stem = kind === 'sokak' ? null : avenues++ === 0 ? mahalle.name : random.pick(AVENUE_STEMS);
      const name = kind === 'bulvar' ? claim(`${stem} Bulvarı`)
        : kind === 'cadde' ? claim(`${stem} Caddesi`)
        : random.next() < 0.5 ? numbered() : claim(`${random.pick(STREET_STEMS)} Sokak`);
      const street: Street = {
        id: `Y${String(streets.length + 1).padStart(5, '0')}`,
        name,
        kind,
        uavtCode: mahalle.uavtCode,
        line: [toLonLat(segment.a), toLonLat(segment.b)],
      };
      streets.push(street);

      // Buildings on both sides: odd numbers on the left of the direction of travel, even on the right.
      const length = Math.hypot(segment.b[0] - segment.a[0], segment.b[1] - segment.a[1]);
      const d: Position = [(segment.b[0] - segment.a[0]) / length, (segment.b[1] - segment.a[1]) / length];
      for (const side of [1, -1] as const) {
        const stations: number[] = [];
        for (let s = CROSSING_CLEARANCE_M + random.between(0, 10); s < length - CROSSING_CLEARANCE_M; s += random.between(48, 72)) stations.push(s);
        const doors = doorNumbers(random, stations.length, side === 1);
        stations.forEach((s, k) => {
          const q: Position = [segment.a[0] + d[0] * s - d[1] * SETBACK_M * side, segment.a[1] + d[1] * s + d[0] * SETBACK_M * side];
          // Not in the middle of a crossing street, and strictly inside the mahalle (~1 m from its edges).
          if (segments.some((o) => o !== segment && distanceToSegment(q, o.a, o.b) < SETBACK_M)) return;
          const position = toLonLat(q);
          if (!pointInMultiPolygon(position, polygons) || distanceToBoundary(position, polygons) < 1e-5) return;
          addresses.push({
            id: String(2_000_000_000 + addresses.length + 1),
            uavtCode: mahalle.uavtCode,
            streetId: street.id,
            streetName: street.name,
            doorNumber: doors[k]!,
            position,
          });
        });
      }
    });
  });
  return { streets, addresses };
}
