/**
 * Dates as pages print them → ISO 8601. Only unambiguous forms: "2025-03-04",
 * "March 4, 2025", "4 March 2025", "Mar. 4, 2025", optionally with "at 10:15 am".
 * Numeric day/month orders ("04/03/2025") are ambiguous across locales and are left alone.
 */

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const TIME = '(?:,?\\s*(?:at\\s+)?(\\d{1,2}):(\\d{2})\\s*([ap]\\.?m\\.?)?)?';

const ISO = /\b(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:?\d{2})?)?\b/;
const MONTH_DAY_YEAR = new RegExp(`\\b${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})${TIME}`, 'i');
const DAY_MONTH_YEAR = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+${MONTH},?\\s+(\\d{4})${TIME}`, 'i');

export interface FoundDate {
  iso: string;
  /** offsets of the matched text inside the searched string */
  index: number;
  length: number;
}

export function findDate(text: string): FoundDate | null {
  const iso = ISO.exec(text);
  if (iso && validDay(+iso[1], +iso[2], +iso[3])) {
    return { iso: iso[0].length > 10 ? iso[0].replace(' ', 'T') : iso[0], index: iso.index, length: iso[0].length };
  }
  const mdy = MONTH_DAY_YEAR.exec(text);
  if (mdy) return build(mdy, +mdy[3], monthIndex(mdy[1]), +mdy[2], mdy.slice(4, 7));
  const dmy = DAY_MONTH_YEAR.exec(text);
  if (dmy) return build(dmy, +dmy[3], monthIndex(dmy[2]), +dmy[1], dmy.slice(4, 7));
  return null;
}

function build(match: RegExpExecArray, year: number, month: number, day: number, time: string[]): FoundDate | null {
  if (!validDay(year, month, day)) return null;
  let iso = `${year}-${pad(month)}-${pad(day)}`;
  const [h, m, meridiem] = time;
  if (h !== undefined && m !== undefined) {
    let hour = +h % 12;
    if (!meridiem) hour = +h;
    else if (/^p/i.test(meridiem)) hour += 12;
    if (hour < 24 && +m < 60) iso += `T${pad(hour)}:${m}`;
  }
  return { iso, index: match.index, length: match[0].length };
}

function monthIndex(name: string): number {
  return MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
}

function validDay(year: number, month: number, day: number): boolean {
  if (year < 1800 || year > 2200 || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
