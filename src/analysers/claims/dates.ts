/**
 * Dates and periods normalised to ISO 8601 where the text allows: "July 2023" → "2023-07",
 * "15 July 2023" → "2023-07-15", "mid-March" → "--03" (a month without a year) qualified 'mid',
 * "around 2014" → "2014" qualified 'around', "the 1990s" → "199" (a decade), "2015–2020" →
 * "2015/2020". Relative dates ("last week") are kept with `normalized: null`, because the
 * publication date is not always known.
 */

export type DatePrecision = 'day' | 'month' | 'year' | 'decade' | 'range' | 'relative';

export interface DateMention {
  text: string;
  normalized: string | null;
  precision: DatePrecision;
  /** around, early, mid, late, since, before, after, until, by … (lower-cased); null when plain */
  qualifier: string | null;
  start: number;
  end: number;
}

const MONTHS = [
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
];
const MONTH_ABBR: Record<string, number> = { jan: 1, feb: 2, mar: 3, apr: 4, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12 };

function monthNumber(word: string): number | null {
  const w = word.toLowerCase().replace(/\.$/, '');
  const full = MONTHS.indexOf(w);
  if (full >= 0) return full + 1;
  return MONTH_ABBR[w] ?? null;
}

const pad = (n: number): string => String(n).padStart(2, '0');

// Month names must be capitalised: "march" and "may" are also verbs.
const MONTH = '((?:January|February|March|April|May|June|July|August|September|October|November|December)|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\\.?)';
const YEAR = '((?:1[5-9]|20)\\d\\d)';
const QUALIFIER = '(?:(around|about|circa|c\\.|approximately|roughly|early|mid|late|since|before|after|until|till|by|from|as early as|as late as|end of|start of|beginning of)[\\s-]+)?';
const B = '(?<![\\p{L}\\p{N}/.-])';
const E = '(?![\\p{L}\\p{N}]|/\\p{N}|-\\p{N})';

interface Rule {
  re: RegExp;
  build(m: RegExpExecArray): Pick<DateMention, 'normalized' | 'precision' | 'qualifier'> | null;
}

const q = (s: string | undefined): string | null => (s ? s.toLowerCase() : null);

const RULES: Rule[] = [
  {
    // 2023-07-15
    re: new RegExp(`${B}${YEAR}-(\\d\\d)-(\\d\\d)${E}`, 'gu'),
    build: (m) => ({ normalized: `${m[1]}-${m[2]}-${m[3]}`, precision: 'day', qualifier: null }),
  },
  {
    // 15 July 2023
    re: new RegExp(`${B}${QUALIFIER}(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH},?\\s+${YEAR}${E}`, 'gu'),
    build: (m) => day(m[4], monthNumber(m[3]), m[2], m[1]),
  },
  {
    // July 15, 2023
    re: new RegExp(`${B}${QUALIFIER}${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+${YEAR}${E}`, 'gu'),
    build: (m) => day(m[4], monthNumber(m[2]), m[3], m[1]),
  },
  {
    // 2015–2020, from 2015 to 2020, between 2015 and 2020
    re: new RegExp(`${B}(?:(?:from|between)\\s+)?${YEAR}\\s*(?:[–—-]|to|and|until)\\s*${YEAR}${E}`, 'giu'),
    build: (m) => (Number(m[2]) > Number(m[1]) ? { normalized: `${m[1]}/${m[2]}`, precision: 'range', qualifier: null } : null),
  },
  {
    // (mid-)July 2023
    re: new RegExp(`${B}${QUALIFIER}${MONTH}\\s+(?:of\\s+)?${YEAR}${E}`, 'gu'),
    build: (m) => ({ normalized: `${m[3]}-${pad(monthNumber(m[2]) ?? 0)}`, precision: 'month', qualifier: q(m[1]) }),
  },
  {
    // July 15 (no year)
    re: new RegExp(`${B}${QUALIFIER}${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?${E}`, 'gu'),
    build: (m) => day(null, monthNumber(m[2]), m[3], m[1]),
  },
  {
    // 15 July (no year)
    re: new RegExp(`${B}${QUALIFIER}(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH}${E}`, 'gu'),
    build: (m) => day(null, monthNumber(m[3]), m[2], m[1]),
  },
  {
    // mid-March, in March, since May (bare "May" needs a preposition or qualifier: it is also a verb)
    re: new RegExp(`${B}(?:(in|since|by|until|during|early|mid|late|of)[\\s-]+)?${MONTH}${E}`, 'gu'),
    build: (m) => {
      if (!m[1] && /^May$/.test(m[2])) return null;
      if (/\.$/.test(m[2]) === false && m[2].length <= 4 && !m[1]) return null; // "Mar" alone is too ambiguous
      const qualifier = m[1] && ['early', 'mid', 'late', 'since', 'by', 'until'].includes(m[1].toLowerCase()) ? m[1].toLowerCase() : null;
      return { normalized: `--${pad(monthNumber(m[2]) ?? 0)}`, precision: 'month', qualifier };
    },
  },
  {
    // the 1990s
    re: new RegExp(`${B}${QUALIFIER}(?:the\\s+)?((?:1[5-9]|20)\\d)0['’]?s${E}`, 'giu'),
    build: (m) => ({ normalized: m[2], precision: 'decade', qualifier: q(m[1]) }),
  },
  {
    // around 2014, in 2021
    re: new RegExp(`${B}${QUALIFIER}${YEAR}${E}`, 'giu'),
    build: (m) => ({ normalized: m[2], precision: 'year', qualifier: q(m[1]) }),
  },
  {
    re: /(?<![\p{L}])(yesterday|today|tonight|(?:last|next|this|earlier this|later this)\s+(?:week|month|year|weekend|spring|summer|autumn|fall|winter)|(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))(?![\p{L}])/gu,
    build: () => ({ normalized: null, precision: 'relative', qualifier: null }),
  },
];

function day(year: string | null, month: number | null, dayText: string, qualifier: string | undefined): Pick<DateMention, 'normalized' | 'precision' | 'qualifier'> | null {
  const d = Number(dayText);
  if (!month || d < 1 || d > 31) return null;
  return { normalized: `${year ?? '-'}-${pad(month)}-${pad(d)}`, precision: 'day', qualifier: q(qualifier) };
}

/** Strip a leading "the"/"on" from what is shown, keeping offsets exact. */
function trimLead(text: string): number {
  const lead = /^(?:the|on)\s+/i.exec(text);
  return lead ? lead[0].length : 0;
}

export function extractDates(text: string, offset = 0): DateMention[] {
  const taken: Array<[number, number]> = [];
  const out: DateMention[] = [];
  for (const rule of RULES) {
    rule.re.lastIndex = 0;
    for (let m = rule.re.exec(text); m; m = rule.re.exec(text)) {
      let start = m.index;
      const end = m.index + m[0].length;
      if (taken.some(([s, e]) => s < end && start < e)) continue;
      const built = rule.build(m);
      if (!built) continue;
      let shown = m[0];
      // prepositions that are not qualifiers ("in", "of", "from") are not part of the date
      const prep = /^(?:in|of|during|from)[\s-]+/i.exec(shown);
      if (prep && built.qualifier === null) {
        start += prep[0].length;
        shown = shown.slice(prep[0].length);
      }
      const lead = trimLead(shown);
      start += lead;
      shown = shown.slice(lead);
      taken.push([m.index, end]);
      out.push({ text: shown, ...built, start: offset + start, end: offset + end });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}
