import type { MahalleCell } from './boundaries';
import { MAHALLE } from './mahalle';
import { FIRST_NAMES, LAST_NAMES, STREET_STEMS } from './names';
import { WeightedTable, type Random } from './random';
import { pointInside } from './sampling';
import { istanbulTime, istanbulToUtc } from './time';

export { istanbulTime } from './time';

export const CHANNELS = ['e_devlet', 'acikkapi', 'web_form', 'ibb_crm', 'call_centre', 'in_person'] as const;
const CHANNEL_WEIGHTS = [22, 18, 15, 12, 25, 8];

export const STATUSES = ['closed', 'open', 'in_progress', 'rejected'] as const;

interface CategorySpec {
  code: string;
  department: string;
  /** Relative share of all requests. */
  share: number;
  /** Median and spread (σ of the log) of the time to close, in hours. */
  medianHours: number;
  sigma: number;
  /** Relative volume by month, January first. */
  season: readonly number[];
  templates: readonly string[];
}

const FLAT = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1];
const SUMMER = [0.7, 0.7, 0.8, 1, 1.2, 1.4, 1.5, 1.5, 1.2, 1, 0.8, 0.7];
const WINTER = [1.5, 1.4, 1.1, 0.9, 0.8, 0.7, 0.7, 0.7, 0.8, 1, 1.3, 1.5];

export const REQUEST_CATEGORIES: readonly CategorySpec[] = [
  { code: 'cleaning', department: 'Temizlik İşleri Müdürlüğü', share: 20, medianHours: 18, sigma: 0.8, season: SUMMER, templates: [
    'Sokağımızdaki çöp konteyneri günlerdir boşaltılmadı.',
    'Konteynerin etrafı çöp dolu, kötü koku var.',
    'Boş arsaya moloz ve eşya atılmış, "acil" temizlik rica ediyoruz.',
    'Pazar yerinden sonra sokak temizlenmedi.',
  ] },
  { code: 'road_pavement', department: 'Fen İşleri Müdürlüğü', share: 14, medianHours: 120, sigma: 1.0, season: WINTER, templates: [
    'Caddedeki çukur araçlara zarar veriyor, onarılmasını istiyorum.',
    'Kaldırım taşları yerinden çıkmış; yaşlılar düşüyor.',
    'Altyapı çalışmasından sonra yol eski hâline getirilmedi.',
    'Engelli rampası kırık, tekerlekli sandalye geçemiyor.',
  ] },
  { code: 'parks_gardens', department: 'Park ve Bahçeler Müdürlüğü', share: 10, medianHours: 72, sigma: 0.9, season: SUMMER, templates: [
    'Parktaki salıncak kırık, çocuklar için tehlikeli.',
    'Ağaç dalları elektrik tellerine değiyor, budama gerekli.',
    'Parkın çimleri biçilmemiş, sulama da yapılmıyor.',
    'Oturma bankları kırılmış, yenilenmesini rica ederim.',
  ] },
  { code: 'lighting', department: 'Fen İşleri Müdürlüğü', share: 8, medianHours: 48, sigma: 0.8, season: WINTER, templates: [
    'Sokak lambası bir haftadır yanmıyor.',
    'Alt geçidin aydınlatması çalışmıyor, akşamları karanlık.',
    'Parktaki aydınlatma direği eğilmiş, kablolar açıkta.',
  ] },
  { code: 'traffic', department: 'Ulaşım Hizmetleri Müdürlüğü', share: 7, medianHours: 96, sigma: 1.0, season: FLAT, templates: [
    'Okul önüne yaya geçidi ve hız kesici istiyoruz.',
    'Kavşakta trafik levhası devrilmiş.',
    'Kaldırıma park eden araçlar yayaların geçişini engelliyor.',
  ] },
  { code: 'noise', department: 'Zabıta Müdürlüğü', share: 9, medianHours: 24, sigma: 0.9, season: SUMMER, templates: [
    'Gece saatlerinde inşaat gürültüsü var.',
    'İş yerinin müziği gece yarısına kadar sürüyor, "rahatsızız".',
    'Seyyar satıcılar sabah erken saatte hoparlörle bağırıyor.',
  ] },
  { code: 'zoning', department: 'İmar ve Şehircilik Müdürlüğü', share: 6, medianHours: 240, sigma: 0.9, season: FLAT, templates: [
    'Komşu parselde kaçak kat çıkıldığını düşünüyorum.',
    'Binamızın ruhsat durumunu öğrenmek istiyorum.',
    'Kentsel dönüşüm başvurumuzun hangi aşamada olduğunu öğrenmek istiyoruz.',
  ] },
  { code: 'social_aid', department: 'Sosyal Destek Hizmetleri Müdürlüğü', share: 9, medianHours: 168, sigma: 0.8, season: WINTER, templates: [
    'Ailemiz için gıda yardımı başvurusu yapmak istiyorum.',
    'Engelli yakınım için evde bakım desteği talep ediyorum.',
    'Kış için yakacak yardımı almak istiyoruz.',
    'Öğrenci çocuğum için kırtasiye desteği başvurusu yapmak istiyorum.',
  ] },
  { code: 'veterinary', department: 'Veteriner İşleri Müdürlüğü', share: 5, medianHours: 36, sigma: 0.9, season: SUMMER, templates: [
    'Mahallede yaralı bir sokak köpeği var.',
    'Sokak kedileri için mama istasyonu kurulmasını öneriyorum.',
    'Parkta sahipsiz köpekler çocukları korkutuyor, kısırlaştırma istiyoruz.',
  ] },
  { code: 'water_drainage', department: 'Fen İşleri Müdürlüğü', share: 6, medianHours: 60, sigma: 1.0, season: WINTER, templates: [
    'Yağmur suyu ızgarası tıkalı, yol su basıyor.',
    'Rögar kapağı kırık ve tehlikeli.',
    'Sağanakta bodrum katlarını su bastı, kanal yetersiz.',
  ] },
  { code: 'other', department: 'Basın Yayın ve Halkla İlişkiler Müdürlüğü', share: 6, medianHours: 96, sigma: 1.1, season: FLAT, templates: [
    'Belediyenin hizmetlerinden memnunum, teşekkür ederim.',
    'Kültür merkezindeki etkinlik takvimini öğrenmek istiyorum.',
    'Nikâh salonu için randevu bilgisi almak istiyorum.',
  ] },
];

/** An 11-digit number that passes the T.C. kimlik checksum (synthetic, belongs to nobody). */
export function syntheticNationalId(random: Random): string {
  const d = [random.int(1, 9), ...Array.from({ length: 8 }, () => random.int(0, 9))];
  return [...d, ...checkDigits(d)].join('');
}

/** Digits 10 and 11 of a T.C. kimlik number from its first nine. */
function checkDigits(d: number[]): [number, number] {
  const odd = d[0]! + d[2]! + d[4]! + d[6]! + d[8]!;
  const even = d[1]! + d[3]! + d[5]! + d[7]!;
  const tenth = (((odd * 7 - even) % 10) + 10) % 10;
  return [tenth, (d.slice(0, 9).reduce((a, b) => a + b, 0) + tenth) % 10];
}

/** The T.C. kimlik checksum: 11 digits, no leading zero, digit 10 and digit 11 as check digits. */
export function isValidNationalId(id: string): boolean {
  if (!/^[1-9]\d{10}$/.test(id)) return false;
  const d = [...id].map(Number);
  const [tenth, eleventh] = checkDigits(d);
  return d[9] === tenth && d[10] === eleventh;
}

export interface CitizenRequest {
  id: string;
  channel: string;
  category: string;
  status: (typeof STATUSES)[number];
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

/** The period covered, in Istanbul local time: 2022-01-01 00:00 up to (excluding) 2025-01-01 00:00. */
export const REQUESTS_FROM = istanbulToUtc(2022, 1, 1);
export const REQUESTS_UNTIL = istanbulToUtc(2025, 1, 1);
const DAY_MS = 86_400_000;
/** Requests by hour of the day (local). */
const HOUR_WEIGHTS = [1, 0.5, 0.3, 0.2, 0.2, 0.4, 1, 3, 6, 9, 10, 10, 9, 9, 10, 10, 9, 8, 7, 6, 5, 4, 3, 2];
/** Requests by weekday, Sunday first. */
const WEEKDAY_WEIGHTS = [0.55, 1.1, 1.05, 1, 1, 0.95, 0.7];
const OPERATOR_PREFIXES = ['50', '53', '54', '55'];

/** Local days of the period, weighted by weekday, month (per category) and a ~6 %/yr rise. */
function dayTable(season: readonly number[]): WeightedTable<number> {
  const days: number[] = [];
  const weights: number[] = [];
  for (let day = REQUESTS_FROM; day < REQUESTS_UNTIL; day += DAY_MS) {
    const local = new Date(day + 3 * 3_600_000);
    const yearsIn = (day - REQUESTS_FROM) / (365.25 * DAY_MS);
    days.push(day);
    weights.push(WEEKDAY_WEIGHTS[local.getUTCDay()]! * season[local.getUTCMonth()]! * (1 + 0.06 * yearsIn));
  }
  return new WeightedTable(days, weights);
}

function phoneNumber(random: Random): string {
  const two = () => String(random.int(0, 99)).padStart(2, '0');
  return `0${random.pick(OPERATOR_PREFIXES)}${random.int(0, 9)} ${random.int(100, 999)} ${two()} ${two()}`;
}

function description(random: Random, category: CategorySpec, mahalle: string): string {
  const sentence = random.pick(category.templates);
  const street = `${random.pick(STREET_STEMS)} ${random.next() < 0.3 ? 'Caddesi' : 'Sokak'}`;
  const form = random.next();
  if (form < 0.4) return sentence;
  if (form < 0.75) return `${mahalle} Mahallesi, ${street}: ${sentence}`;
  return `${sentence} Adres: ${street} No:${random.int(1, 120)}, ${mahalle}.`;
}

/**
 * Synthetic citizen requests over 2022–2024. The mahalle is drawn in proportion to population and
 * the point inside its generated boundary; resolution times are log-normal by category; requests
 * whose resolution would end after the period are still open or in progress.
 */
export function generateRequests(random: Random, cells: MahalleCell[], count = 20_000): CitizenRequest[] {
  const requests: CitizenRequest[] = [];
  const mahalle = new WeightedTable(MAHALLE.map((_, i) => i), MAHALLE.map((m) => m.population2023));
  const categories = new WeightedTable(REQUEST_CATEGORIES, REQUEST_CATEGORIES.map((c) => c.share));
  const days = new Map(REQUEST_CATEGORIES.map((c) => [c.code, dayTable(c.season)]));
  const hours = new WeightedTable(HOUR_WEIGHTS.map((_, h) => h), HOUR_WEIGHTS);
  const channels = new WeightedTable(CHANNELS, CHANNEL_WEIGHTS);
  for (let i = 0; i < count; i++) {
    const m = mahalle.draw(random);
    const category = categories.draw(random);
    const opened = days.get(category.code)!.draw(random) + hours.draw(random) * 3_600_000 + random.int(0, 3599) * 1000;
    const roll = random.next();
    let status: CitizenRequest['status'] = roll < 0.05 ? 'rejected' : 'closed';
    // Rejections are decided faster than the work itself is done; at least ten minutes either way.
    const hoursToClose = random.lognormal(category.medianHours * (status === 'rejected' ? 0.4 : 1), category.sigma);
    let closed: number | null = opened + Math.max(600, Math.round(hoursToClose * 3600)) * 1000;
    if (closed >= REQUESTS_UNTIL || roll > 0.975) {
      // Still unresolved at the end of the period: older ones are mostly being worked on.
      const waiting = REQUESTS_UNTIL - opened > 3 * DAY_MS;
      status = random.next() < (waiting ? 0.7 : 0.3) ? 'in_progress' : 'open';
      closed = null;
    }
    requests.push({
      id: `B${String(i + 1).padStart(6, '0')}`,
      channel: channels.draw(random),
      category: category.code,
      status,
      openedAt: istanbulTime(opened),
      closedAt: closed === null ? null : istanbulTime(closed),
      department: category.department,
      uavtCode: MAHALLE[m]!.uavtCode,
      position: pointInside(random, cells[m]!.polygons),
      applicantName: `${random.pick(FIRST_NAMES)} ${random.pick(LAST_NAMES)}`,
      applicantPhone: phoneNumber(random),
      applicantNationalId: syntheticNationalId(random),
      description: description(random, category, MAHALLE[m]!.name),
    });
  }
  return requests;
}
