/**
 * Numbers as claims use them: "over 60" → 60 qualified 'over'; "approximately $1.5 billion" →
 * 1.5e9 USD qualified 'approximately'; "12%" → 12 percent; "two million" → 2e6; "thousands of"
 * → at least 2000. Years standing alone are dates (see dates.ts), and digits inside identifiers
 * such as "S/2025/796" are not quantities.
 */

export interface NumberMention {
  /** the words as written, qualifier included */
  text: string;
  value: number;
  /** ISO 4217 code for money, 'percent', or a unit of measure; null for plain counts */
  unit: string | null;
  /** "over", "approximately", "at least" … as written (lower-cased); null when exact */
  qualifier: string | null;
  start: number;
  end: number;
}

const QUALIFIERS = [
  'more than', 'less than', 'fewer than', 'at least', 'at most', 'up to', 'as many as', 'as much as', 'as few as',
  'close to', 'nearly', 'almost', 'approximately', 'approx.', 'about', 'around', 'roughly', 'over', 'under', 'some',
  'an estimated', 'estimated', 'just over', 'just under', 'well over', 'upwards of', 'in excess of', 'below', 'above',
];

const CURRENCY_PREFIX: Record<string, string> = {
  'us$': 'USD', $: 'USD', '€': 'EUR', '£': 'GBP', '¥': 'JPY', '₹': 'INR', 'rs.': 'PKR', rs: 'PKR', pkr: 'PKR',
  usd: 'USD', eur: 'EUR', gbp: 'GBP', inr: 'INR', afn: 'AFN',
};

const UNIT_SUFFIX: Record<string, string> = {
  '%': 'percent', percent: 'percent', 'per cent': 'percent', 'percentage points': 'percentage-points',
  dollars: 'USD', 'us dollars': 'USD', euros: 'EUR', pounds: 'GBP', rupees: 'PKR', afghanis: 'AFN', yuan: 'CNY',
  km: 'km', kilometres: 'km', kilometers: 'km', miles: 'mile', kg: 'kg', kilograms: 'kg', tonnes: 'tonne', tons: 'tonne',
  hectares: 'hectare', metres: 'm', meters: 'm', barrels: 'barrel', acres: 'acre', litres: 'l', liters: 'l',
};

const SCALES: Record<string, number> = {
  hundred: 1e2, thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12, bn: 1e9, mn: 1e6, m: 1e6, k: 1e3,
};

const WORD_NUMBERS: Record<string, number> = {
  two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19, twenty: 20,
  thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90, dozen: 12, hundred: 100,
};

/** Plurals of scale words: "thousands of" means at least two thousand. */
const VAGUE_PLURALS: Record<string, number> = { dozens: 24, hundreds: 200, thousands: 2000, millions: 2e6, billions: 2e9 };

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const alternation = (words: string[]): string => [...words].sort((a, b) => b.length - a.length).map(escape).join('|');

const QUALIFIER = `(?:(${alternation(QUALIFIERS)})\\s+)?`;
const CURRENCY = `(?:(${alternation(Object.keys(CURRENCY_PREFIX))})\\s?)?`;
const DIGITS = '(\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?)';
const WORDS = `(?:an?\\s+)?(${alternation(Object.keys(WORD_NUMBERS))})`;
const SCALE = `(?:[\\s-]?(${alternation(Object.keys(SCALES))})\\b)?`;
const UNIT = `(?:\\s?(${alternation(Object.keys(UNIT_SUFFIX))})(?![\\p{L}]))?`;

const NUMBER_RE = new RegExp(
  `(?<![\\p{L}\\p{N}/.,-])${QUALIFIER}${CURRENCY}(?:${DIGITS}|${WORDS})${SCALE}${UNIT}(?![\\p{N}/]|\\.\\p{N})`,
  'giu',
);
const VAGUE_RE = new RegExp(`(?<![\\p{L}])(${Object.keys(VAGUE_PLURALS).join('|')})\\s+of\\b`, 'giu');

export function extractNumbers(text: string, offset = 0): NumberMention[] {
  const out: NumberMention[] = [];
  NUMBER_RE.lastIndex = 0;
  for (let m = NUMBER_RE.exec(text); m; m = NUMBER_RE.exec(text)) {
    const [whole, qualifierRaw, currencyRaw, digits, word, scaleRaw, unitRaw] = m as unknown as Array<string | undefined> & { 0: string };
    let raw = whole;
    let scale: string | undefined = scaleRaw?.toLowerCase();
    let unitWord: string | undefined = unitRaw?.toLowerCase();
    // "m" and "k" are scales only right after money ("$5m"); elsewhere they are other words
    if (scale && (scale === 'm' || scale === 'k') && !currencyRaw) {
      raw = raw.slice(0, raw.length - (unitRaw?.length ?? 0)).trimEnd();
      raw = raw.slice(0, raw.length - (scaleRaw ?? '').length).trimEnd();
      scale = undefined;
      unitWord = undefined;
    }
    if (digits && !currencyRaw && !scale && !unitWord && /^(1[5-9]|20)\d\d$/.test(digits)) continue; // a year
    if (word?.toLowerCase() === 'hundred' && !/^(?:\S+\s+)*an?\s/i.test(whole.slice(0, whole.toLowerCase().indexOf('hundred')))) continue;
    // "the two countries" refers back; it does not count anything
    if (word && !qualifierRaw && /\b(?:the|these|those|its|their|our|his|her)\s+$/i.test(text.slice(0, m.index))) continue;
    let value = digits ? Number(digits.replace(/,/g, '')) : WORD_NUMBERS[(word ?? '').toLowerCase()];
    if (scale) value *= SCALES[scale];
    const unit = currencyRaw ? CURRENCY_PREFIX[currencyRaw.toLowerCase()] : unitWord ? UNIT_SUFFIX[unitWord] : null;
    const qualifier = qualifierRaw ? qualifierRaw.toLowerCase().replace(/\s+/g, ' ') : null;
    const start = offset + m.index;
    out.push({ text: raw, value: round(value), unit, qualifier, start, end: start + raw.length });
  }
  VAGUE_RE.lastIndex = 0;
  for (let m = VAGUE_RE.exec(text); m; m = VAGUE_RE.exec(text)) {
    const start = offset + m.index;
    const end = start + m[1].length;
    if (out.some((n) => n.start < end && start < n.end)) continue;
    out.push({ text: m[1], value: VAGUE_PLURALS[m[1].toLowerCase()], unit: null, qualifier: 'at least', start, end });
  }
  return out.sort((a, b) => a.start - b.start);
}

/** Floating-point products such as 1.5 * 1e9 stay exact to 12 significant digits. */
function round(value: number): number {
  return Number(value.toPrecision(12));
}
