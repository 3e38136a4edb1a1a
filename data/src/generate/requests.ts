import type { MahalleCell } from './boundaries';
import { MAHALLE } from './mahalle';
import type { Random } from './random';
import { pointInside } from './sampling';

export const CHANNELS = ['e_devlet', 'acikkapi', 'web_form', 'ibb_crm', 'call_centre', 'in_person'] as const;
const CHANNEL_WEIGHTS = [22, 18, 15, 12, 25, 8];

/** Category → department, share of requests, median resolution time in hours. */
const CATEGORIES: [string, string, number, number][] = [
  ['cleaning', 'Temizlik İşleri Müdürlüğü', 20, 18],
  ['road_pavement', 'Fen İşleri Müdürlüğü', 14, 120],
  ['parks_gardens', 'Park ve Bahçeler Müdürlüğü', 10, 72],
  ['lighting', 'Fen İşleri Müdürlüğü', 8, 48],
  ['traffic', 'Ulaşım Hizmetleri Müdürlüğü', 7, 96],
  ['noise', 'Zabıta Müdürlüğü', 9, 24],
  ['zoning', 'İmar ve Şehircilik Müdürlüğü', 6, 240],
  ['social_aid', 'Sosyal Destek Hizmetleri Müdürlüğü', 9, 168],
  ['veterinary', 'Veteriner İşleri Müdürlüğü', 5, 36],
  ['water_drainage', 'Fen İşleri Müdürlüğü', 6, 60],
  ['other', 'Basın Yayın ve Halkla İlişkiler Müdürlüğü', 6, 96],
];

const DESCRIPTIONS: Record<string, string[]> = {
  cleaning: ['Sokağımızdaki çöp konteyneri günlerdir boşaltılmadı.', 'Parkın yanındaki alanda moloz birikti, "acil" temizlik rica ediyoruz.'],
  road_pavement: ['Caddedeki çukur araçlara zarar veriyor, onarılmasını istiyorum.', 'Kaldırım taşları yerinden çıkmış; yaşlılar düşüyor.'],
  parks_gardens: ['Parktaki salıncak kırık, çocuklar için tehlikeli.', 'Ağaç dalları elektrik tellerine değiyor, budama gerekli.'],
  lighting: ['Sokak lambası bir haftadır yanmıyor.', 'Alt geçidin aydınlatması çalışmıyor, akşamları karanlık.'],
  traffic: ['Okul önüne yaya geçidi ve hız kesici istiyoruz.', 'Kavşakta trafik levhası devrilmiş.'],
  noise: ['Gece saatlerinde inşaat gürültüsü var.', 'İş yerinin müziği gece yarısına kadar sürüyor, "rahatsızız".'],
  zoning: ['Komşu parselde kaçak kat çıkıldığını düşünüyorum.', 'Ruhsat durumunu öğrenmek istiyorum.'],
  social_aid: ['Ailemiz için gıda yardımı başvurusu yapmak istiyorum.', 'Engelli yakınım için evde bakım desteği talep ediyorum.'],
  veterinary: ['Mahallede yaralı bir sokak köpeği var.', 'Sokak kedileri için mama istasyonu kurulmasını öneriyorum.'],
  water_drainage: ['Yağmur suyu ızgarası tıkalı, yol su basıyor.', 'Rögar kapağı kırık ve tehlikeli.'],
  other: ['Belediyenin hizmetlerinden memnunum, teşekkür ederim.', 'Kültür merkezindeki etkinlik takvimini öğrenmek istiyorum.'],
};

const FIRST_NAMES = ['Ahmet', 'Mehmet', 'Ayşe', 'Fatma', 'Emine', 'Mustafa', 'Zeynep', 'Hüseyin', 'Elif', 'İbrahim', 'Hatice', 'Yusuf', 'Merve', 'Ömer', 'Şeyma', 'Gülşen', 'Çağlar', 'Özge'];
const LAST_NAMES = ['Yılmaz', 'Kaya', 'Demir', 'Şahin', 'Çelik', 'Yıldız', 'Yıldırım', 'Öztürk', 'Aydın', 'Özdemir', 'Arslan', 'Doğan', 'Kılıç', 'Aslan', 'Çetin', 'Koç', 'Kurt', 'Güneş'];

/** An 11-digit number that passes the T.C. kimlik checksum (synthetic, belongs to nobody). */
export function syntheticNationalId(random: Random): string {
  const d = [random.int(1, 9), ...Array.from({ length: 8 }, () => random.int(0, 9))];
  const odd = d[0]! + d[2]! + d[4]! + d[6]! + d[8]!;
  const even = d[1]! + d[3]! + d[5]! + d[7]!;
  d.push((((odd * 7 - even) % 10) + 10) % 10);
  d.push(d.reduce((a, b) => a + b, 0) % 10);
  return d.join('');
}

export function isValidNationalId(id: string): boolean {
  if (!/^[1-9]\d{10}$/.test(id)) return false;
  const d = [...id].map(Number);
  const odd = d[0]! + d[2]! + d[4]! + d[6]! + d[8]!;
  const even = d[1]! + d[3]! + d[5]! + d[7]!;
  return d[9] === (((odd * 7 - even) % 10) + 10) % 10 && d[10] === d.slice(0, 10).reduce((a, b) => a + b, 0) % 10;
}

/** ISO 8601 in Istanbul time (UTC+3 all year since 2016). */
export function istanbulTime(ms: number): string {
  return new Date(ms + 3 * 3600_000).toISOString().replace(/\.\d{3}Z$/, '+03:00');
}

export interface CitizenRequest {
  id: string;
  channel: string;
  category: string;
  status: string;
  openedAt: string;
  closedAt: string | null;
  department: string;
  uavtCode: string;
  position: [number, number];
  applicantName: string;
  applicantPhone: string;
  applicantNationalId: string;
  description: string;
}

const START = Date.UTC(2022, 0, 1, -3);
const END = Date.UTC(2025, 0, 1, -3);
const HOUR_WEIGHTS = [1, 0.5, 0.3, 0.2, 0.2, 0.4, 1, 3, 6, 9, 10, 10, 9, 9, 10, 10, 9, 8, 7, 6, 5, 4, 3, 2];

export function generateRequests(random: Random, cells: MahalleCell[], count = 20_000): CitizenRequest[] {
  const requests: CitizenRequest[] = [];
  const days = Math.round((END - START) / 86_400_000);
  const hours = HOUR_WEIGHTS.map((_, h) => h);
  for (let i = 0; i < count; i++) {
    const m = random.weighted(MAHALLE, MAHALLE.map((x) => x.population2023));
    const cell = cells[MAHALLE.indexOf(m)]!;
    const [category, department, , medianHours] = random.weighted(CATEGORIES, CATEGORIES.map((c) => c[2]));
    const opened = START + random.int(0, days - 1) * 86_400_000 + random.weighted(hours, HOUR_WEIGHTS) * 3_600_000 + random.int(0, 3599) * 1000;
    const roll = random.next();
    const duration = Math.round(random.lognormal(medianHours, 0.9) * 3_600_000);
    let status = roll < 0.05 ? 'rejected' : 'closed';
    let closedAt: number | null = opened + Math.max(duration, 600_000);
    if (closedAt > END || roll > 0.97) {
      status = random.next() < 0.5 ? 'open' : 'in_progress';
      closedAt = null;
    }
    const phone = `05${random.int(30, 59)} ${random.int(100, 999)} ${String(random.int(0, 99)).padStart(2, '0')} ${String(random.int(0, 99)).padStart(2, '0')}`;
    requests.push({
      id: `B${String(i + 1).padStart(6, '0')}`,
      channel: random.weighted(CHANNELS, CHANNEL_WEIGHTS),
      category,
      status,
      openedAt: istanbulTime(opened),
      closedAt: closedAt === null ? null : istanbulTime(closedAt),
      department,
      uavtCode: m.uavtCode,
      position: pointInside(random, cell.polygons),
      applicantName: `${random.pick(FIRST_NAMES)} ${random.pick(LAST_NAMES)}`,
      applicantPhone: phone,
      applicantNationalId: syntheticNationalId(random),
      description: random.pick(DESCRIPTIONS[category]!),
    });
  }
  return requests;
}
