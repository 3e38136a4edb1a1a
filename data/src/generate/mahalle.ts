/** The 22 mahalle of Bağcılar: UAVT codes and 2023 populations (TÜİK ADNKS), representative points, areas. */
export interface Mahalle {
  uavtCode: string;
  name: string;
  formerNames: string[];
  population2023: number;
  point: [number, number];
  areaKm2: number;
}

export const MAHALLE: readonly Mahalle[] = [
  { uavtCode: '40176', name: '100. Yıl', formerNames: [], population2023: 46004, point: [28.8516, 41.0638], areaKm2: 1.39 },
  { uavtCode: '40169', name: '15 Temmuz', formerNames: ['Evren'], population2023: 50298, point: [28.8169, 41.0361], areaKm2: 1.89 },
  { uavtCode: '40155', name: 'Bağlar', formerNames: [], population2023: 17086, point: [28.821, 41.0259], areaKm2: 1.37 },
  { uavtCode: '40157', name: 'Barbaros', formerNames: [], population2023: 20349, point: [28.8388, 41.0261], areaKm2: 0.44 },
  { uavtCode: '40163', name: 'Çınar', formerNames: [], population2023: 33398, point: [28.8647, 41.037], areaKm2: 0.55 },
  { uavtCode: '40171', name: 'Demirkapı', formerNames: [], population2023: 53791, point: [28.8375, 41.0484], areaKm2: 1.07 },
  { uavtCode: '40172', name: 'Fatih', formerNames: [], population2023: 41062, point: [28.8456, 41.0497], areaKm2: 0.65 },
  { uavtCode: '40173', name: 'Fevzi Çakmak', formerNames: [], population2023: 32703, point: [28.8568, 41.0472], areaKm2: 0.74 },
  { uavtCode: '40175', name: 'Göztepe', formerNames: [], population2023: 40790, point: [28.8372, 41.061], areaKm2: 1.62 },
  { uavtCode: '40168', name: 'Güneşli', formerNames: [], population2023: 45518, point: [28.8293, 41.0383], areaKm2: 1.23 },
  { uavtCode: '40156', name: 'Hürriyet', formerNames: [], population2023: 25567, point: [28.8325, 41.0267], areaKm2: 0.59 },
  { uavtCode: '40159', name: 'İnönü', formerNames: [], population2023: 22920, point: [28.8506, 41.0291], areaKm2: 0.5 },
  { uavtCode: '40158', name: 'Kazım Karabekir', formerNames: [], population2023: 26879, point: [28.8441, 41.027], areaKm2: 0.5 },
  { uavtCode: '40174', name: 'Kemalpaşa', formerNames: [], population2023: 32198, point: [28.8512, 41.051], areaKm2: 0.57 },
  { uavtCode: '40166', name: 'Kirazlı', formerNames: [], population2023: 39340, point: [28.8397, 41.0361], areaKm2: 0.94 },
  { uavtCode: '40170', name: 'Mahmutbey', formerNames: [], population2023: 25680, point: [28.8209, 41.0579], areaKm2: 4.74 },
  { uavtCode: '40162', name: 'Merkez', formerNames: [], population2023: 27049, point: [28.8642, 41.0324], areaKm2: 0.86 },
  { uavtCode: '40164', name: 'Sancaktepe', formerNames: [], population2023: 19260, point: [28.8557, 41.0388], areaKm2: 0.4 },
  { uavtCode: '40165', name: 'Yavuz Selim', formerNames: [], population2023: 27473, point: [28.8491, 41.038], areaKm2: 0.64 },
  { uavtCode: '40161', name: 'Yenigün', formerNames: [], population2023: 21166, point: [28.8594, 41.0226], areaKm2: 0.27 },
  { uavtCode: '40167', name: 'Yenimahalle', formerNames: [], population2023: 34138, point: [28.8391, 41.0423], areaKm2: 0.78 },
  { uavtCode: '40160', name: 'Yıldıztepe', formerNames: [], population2023: 36402, point: [28.8529, 41.0246], areaKm2: 0.6 },
];

export const DISTRICT_POPULATION_2023 = 719_071;

/** The district outline, counter-clockwise, closed. */
export const DISTRICT_OUTLINE: readonly [number, number][] = (() => {
  const ring: [number, number][] = [
    [28.8727, 41.0284], [28.8712, 41.0385], [28.8611, 41.0403], [28.8546, 41.0543], [28.8601, 41.0719], [28.8446, 41.0651],
    [28.8139, 41.0675], [28.808, 41.0458], [28.8155, 41.0233], [28.8475, 41.0243], [28.8602, 41.0175], [28.859, 41.0287],
  ];
  // Shoelace: positive area means counter-clockwise (RFC 7946 exterior ring).
  const area = ring.reduce((s, [x1, y1], i) => {
    const [x2, y2] = ring[(i + 1) % ring.length]!;
    return s + (x1 * y2 - x2 * y1);
  }, 0);
  const ccw = area > 0 ? ring : [...ring].reverse();
  return [...ccw, ccw[0]!];
})();
