import type { MahalleCell } from './boundaries';
import { MAHALLE } from './mahalle';
import { STREET_STEMS } from './names';
import { apportion, type Random } from './random';
import { pointInside } from './sampling';

interface CategorySpec {
  count: number;
  names: (mahalle: string, n: number) => string;
  capacity?: [number, number];
}

const ordinal = (n: number) => (n === 1 ? '' : ` ${n}`);
/** "Merkez Merkez Camii" reads badly: a mahalle's name is not repeated ("Merkez Mahallesi Camii"). */
const tidy = (name: string, mahalle: string) =>
  name.startsWith(`${mahalle} ${mahalle} `) ? `${mahalle} Mahallesi ${name.slice(2 * mahalle.length + 2)}` : name;

const CATEGORIES: Record<string, CategorySpec> = {
  school: { count: 70, names: (m, n) => `${m} ${['İlkokulu', 'Ortaokulu', 'Anadolu Lisesi', 'Mesleki ve Teknik Anadolu Lisesi', 'İmam Hatip Ortaokulu'][(n - 1) % 5]}${n > 5 ? ' Ek Bina' : ''}`, capacity: [300, 1500] },
  health_centre: { count: 30, names: (m, n) => (n === 1 ? `${m} Aile Sağlığı Merkezi` : `${m} ${n} Nolu Aile Sağlığı Merkezi`), capacity: [2000, 4000] },
  hospital: { count: 6, names: (m, n) => `${m} ${n === 1 ? 'Devlet Hastanesi' : 'Özel Hastanesi'}`, capacity: [50, 600] },
  park: { count: 50, names: (m, n) => `${m} ${['Parkı', 'Çocuk Parkı', 'Millet Bahçesi', 'Spor Parkı'][(n - 1) % 4]}${n > 4 ? ordinal(n) : ''}` },
  mosque: { count: 45, names: (m, n) => `${m} ${['Merkez Camii', 'Yeni Camii', 'Mescidi', 'Ulu Camii'][(n - 1) % 4]}`, capacity: [200, 3000] },
  library: { count: 8, names: (m) => `${m} Halk Kütüphanesi`, capacity: [40, 200] },
  sports: { count: 15, names: (m, n) => `${m} ${['Spor Salonu', 'Yüzme Havuzu', 'Halı Saha'][(n - 1) % 3]}`, capacity: [50, 800] },
  culture: { count: 10, names: (m, n) => `${m} ${['Kültür Merkezi', 'Gençlik Merkezi'][(n - 1) % 2]}`, capacity: [100, 900] },
  social_services: { count: 10, names: (m, n) => `${m} ${['Aile Destek Merkezi', 'Engelsiz Yaşam Merkezi', 'Yaşlı Dayanışma Evi'][(n - 1) % 3]}` },
  wifi_point: { count: 30, names: (m, n) => `${m} Ücretsiz Wi-Fi Noktası ${n}` },
  security_camera: { count: 30, names: (m, n) => `${m} Güvenlik Kamerası ${n}` },
  digital_screen: { count: 15, names: (m, n) => `${m} Dijital Bilgi Ekranı ${n}` },
  assembly_area: { count: 44, names: (m, n) => `${m} Deprem Toplanma Alanı${ordinal(n)}`, capacity: [500, 5000] },
  market_place: { count: 12, names: (m) => `${m} Semt Pazarı`, capacity: [80, 400] },
};

export interface Facility {
  id: string;
  category: string;
  name: string;
  address: string;
  mahalle: string;
  position: [number, number];
  capacity: number | null;
  openingYear: number | null;
}

/** Facilities spread over the mahalle in proportion to population; assembly areas two per mahalle. */
export function generateFacilities(random: Random, cells: MahalleCell[]): Facility[] {
  const facilities: Facility[] = [];
  const used = new Set<string>();
  const unique = (name: string) => {
    let candidate = name;
    for (let k = 2; used.has(candidate); k++) candidate = `${name} ${k}`;
    used.add(candidate);
    return candidate;
  };
  const weights = MAHALLE.map((m) => m.population2023);
  for (const [category, spec] of Object.entries(CATEGORIES)) {
    const perMahalle = category === 'assembly_area' ? MAHALLE.map(() => 2) : apportion(spec.count, weights);
    MAHALLE.forEach((m, i) => {
      const cell = cells[i]!;
      for (let n = 1; n <= perMahalle[i]!; n++) {
        facilities.push({
          id: `F${String(facilities.length + 1).padStart(4, '0')}`,
          category,
          name: unique(tidy(spec.names(m.name, n), m.name)),
          address: `${m.name} Mah. ${random.pick(STREET_STEMS)} ${random.next() < 0.35 ? 'Cad.' : 'Sok.'} No:${random.int(1, 180)}`,
          mahalle: m.name,
          position: pointInside(random, cell.polygons),
          capacity: spec.capacity ? random.int(spec.capacity[0], spec.capacity[1]) : null,
          openingYear: random.next() < 0.8 ? random.int(1975, 2024) : null,
        });
      }
    });
  }
  return facilities;
}
