import { readFileSync } from 'node:fs';
import { dataPath } from '../core/paths.js';

/**
 * Anchors that survive translation, for rewrites across languages: a country is the same
 * country in every language CLDR names it in ("Russia", "Russie", "Rusia", "Russland",
 * "Россия" → @RU), a month is the same month ("March", "mars", "marzo" → @m3), a number is
 * the same number whatever its thousands separator ("1,800", "1.800", "1 800" → 1800), and a
 * Latin-script personal or place name is its letters without accents ("Müller" → muller).
 * Tables are built once from Intl (Node's ICU) and the gazetteer's English aliases/demonyms.
 */

const LOCALES = ['en', 'fr', 'es', 'de', 'it', 'pt', 'nl', 'ru', 'uk', 'pl', 'tr', 'ar', 'fa', 'ur', 'zh', 'ja', 'hy', 'az', 'sr', 'sq', 'am', 'th', 'km'];

interface Tables {
  /** folded single word → anchor */
  words: Map<string, string>;
  /** folded first word → [folded full name, anchor] for names of several words ("estados unidos") */
  phrases: Map<string, Array<[string[], string]>>;
  months: Map<string, string>;
}

let tables: Tables | null = null;

export function fold(word: string): string {
  return word.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

function tablesOf(): Tables {
  if (tables) return tables;
  const t: Tables = { words: new Map(), phrases: new Map(), months: new Map() };
  const add = (name: string, anchor: string): void => {
    const words = fold(name).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    if (words.length === 0) return;
    if (words.length === 1) {
      if (!t.words.has(words[0])) t.words.set(words[0], anchor);
      return;
    }
    const list = t.phrases.get(words[0]) ?? [];
    list.push([words, anchor]);
    t.phrases.set(words[0], list);
  };
  const extra = JSON.parse(readFileSync(dataPath('gazetteer', 'countries.json'), 'utf8')) as { countries: Record<string, { aliases?: string[]; demonyms?: string[] }> };
  for (const locale of LOCALES) {
    const regions = new Intl.DisplayNames([locale], { type: 'region', fallback: 'none' });
    for (let a = 65; a <= 90; a++) {
      for (let b = 65; b <= 90; b++) {
        const code = String.fromCharCode(a, b);
        const name = regions.of(code);
        if (name && name !== code) add(name, `@${code}`);
      }
    }
    const month = new Intl.DateTimeFormat(locale, { month: 'long', timeZone: 'UTC' });
    for (let m = 0; m < 12; m++) {
      const name = fold(month.format(new Date(Date.UTC(2020, m, 15))));
      if (/^\p{L}+$/u.test(name) && !t.months.has(name)) t.months.set(name, `@m${m + 1}`);
    }
  }
  for (const [code, entry] of Object.entries(extra.countries)) for (const name of [...(entry.aliases ?? []), ...(entry.demonyms ?? [])]) add(name, `@${code}`);
  tables = t;
  return t;
}

/** "1,800" / "1.800" / "1 800" → "1800"; a decimal comma becomes a point ("2,5" → "2.5"). */
export function portableNumber(text: string): string {
  const grouped = /^\d{1,3}(?:([,. \u00a0\u202f])\d{3})+$/u.exec(text);
  if (grouped) return text.replace(/[,. \u00a0\u202f]/gu, '');
  return text.replace(/^(\d+),(\d{1,2})$/u, '$1.$2');
}

export interface TokenLike {
  text: string;
}

/**
 * The portable anchor a token (with the tokens after it) stands for, and how many tokens it
 * spans; null when it is no anchor. `capitalised` names that are not countries keep their
 * folded letters; months count only beside a number ("3 March", "marzo de 2024").
 */
export function portableAnchor(tokens: readonly TokenLike[], i: number): { anchor: string; span: number } | null {
  const t = tablesOf();
  const word = fold(tokens[i].text);
  for (const [words, anchor] of t.phrases.get(word) ?? []) {
    if (words.every((w, k) => tokens[i + k] !== undefined && fold(tokens[i + k].text) === w)) return { anchor, span: words.length };
  }
  const country = t.words.get(word);
  if (country && /^\p{Lu}/u.test(tokens[i].text)) return { anchor: country, span: 1 };
  const month = t.months.get(word);
  if (month && [tokens[i - 2], tokens[i - 1], tokens[i + 1], tokens[i + 2]].some((x) => x !== undefined && /^\d{1,4}$/u.test(x.text))) return { anchor: month, span: 1 };
  return null;
}
