import { readFileSync } from 'node:fs';
import { dataPath } from '../../src/core/paths.js';

/**
 * Accusation edges against hand-made gold: one edge per (accuser, accused) pair and page.
 * Names are compared as bags of folded words (case, diacritics, apostrophes, "the", "of",
 * possessives and British/American spellings ignored; a demonym counts as its country), so
 * "Russia's defence ministry", "Defence Ministry of Russia" and "Russian Defense Ministry" are
 * one name. A gold edge lists every acceptable name for each party; `article` stands for the
 * page's own voice, null for an unnamed accuser. Predictions that match an edge already
 * matched are duplicates (another name of the same accusation), neither right nor wrong.
 */

export interface GoldEdge {
  accuser: Array<string | null>;
  accused: string[];
  stance: string;
  class: string;
  optional?: boolean;
}

export interface PredictedEdge {
  accuser: string | null;
  accused: string;
  stance: string;
}

export interface EdgeScore {
  tp: number;
  fp: number;
  fn: number;
  /** matched edges whose page stance is right too */
  stanceRight: number;
  duplicates: number;
  byClass: Map<string, { tp: number; fn: number }>;
  errors: string[];
}

const STOP = new Set(['the', 'of', 's', 'and', 'for', 'a', 'an']);
const SPELLING: Record<string, string> = { defense: 'defence', organisation: 'organization', kiev: 'kyiv', zelensky: 'zelenskyy', azeri: 'azerbaijan' };

let demonyms: Map<string, string> | null = null;
function demonymMap(): Map<string, string> {
  if (demonyms) return demonyms;
  const raw = JSON.parse(readFileSync(dataPath('gazetteer', 'countries.json'), 'utf8')) as { countries: Record<string, { demonyms?: string[] }> };
  const names = new Intl.DisplayNames(['en'], { type: 'region' });
  demonyms = new Map();
  const more = JSON.parse(readFileSync(dataPath('gazetteer', 'demonyms.json'), 'utf8')) as { countries: Record<string, { demonyms?: string[] }> };
  for (const file of [raw, more]) {
    for (const [code, entry] of Object.entries(file.countries)) {
      const country = names.of(code);
      if (!country) continue;
      for (const d of entry.demonyms ?? []) demonyms.set(d.toLowerCase(), country.toLowerCase());
    }
  }
  return demonyms;
}

export function foldName(name: string): string {
  const words = name
    // one body, two word orders: "Ministry of Foreign Affairs" is "Foreign Ministry" (as the actor layer names it)
    .replace(/ministry of (?:the )?(foreign affairs|defen[cs]e|interior|justice)|(foreign affairs|defen[cs]e|interior) ministry/giu, (_m, a: string | undefined, b: string | undefined) => `${(a ?? b ?? '').replace(/^foreign affairs$/iu, 'foreign')} ministry`)
    .replace(/(?<![\p{L}])((?:\p{Lu}\.){2,})/gu, (m) => m.replace(/\./gu, '')) // "U.S." is "US"
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[’']s\b/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w && !STOP.has(w))
    .map((w) => SPELLING[w] ?? w)
    .flatMap((w) => (demonymMap().get(w) ?? w).split(' '));
  return [...new Set(words)].sort().join(' ');
}

function sameParty(predicted: string | null, gold: Array<string | null>, articleNames: Set<string>): boolean {
  if (predicted === null) return gold.includes(null);
  const folded = foldName(predicted);
  return gold.some((g) => (g === 'article' ? articleNames.has(folded) : g !== null && foldName(g) === folded));
}

export function scoreEdges(page: string, gold: GoldEdge[], predicted: PredictedEdge[], articleNames: string[]): EdgeScore {
  const article = new Set(articleNames.map(foldName));
  const score: EdgeScore = { tp: 0, fp: 0, fn: 0, stanceRight: 0, duplicates: 0, byClass: new Map(), errors: [] };
  const matched = new Set<number>();
  const seen = new Set<string>();
  for (const p of predicted) {
    const key = `${p.accuser === null ? '-' : foldName(p.accuser)}|${foldName(p.accused)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const fits = gold.map((g, i) => ({ g, i })).filter(({ g }) => sameParty(p.accuser, g.accuser, article) && sameParty(p.accused, g.accused, article));
    const free = fits.find(({ i }) => !matched.has(i));
    if (free) {
      matched.add(free.i);
      if (free.g.optional) continue;
      score.tp++;
      if (free.g.stance === p.stance) score.stanceRight++;
      else score.errors.push(`${page} stance of ${p.accuser ?? '-'} > ${p.accused}: ${p.stance} (gold ${free.g.stance})`);
    } else if (fits.length > 0) score.duplicates++;
    else {
      score.fp++;
      score.errors.push(`${page} extra edge ${p.accuser ?? '-'} > ${p.accused} [${p.stance}]`);
    }
  }
  gold.forEach((g, i) => {
    if (g.optional) return;
    const c = score.byClass.get(g.class) ?? { tp: 0, fn: 0 };
    score.byClass.set(g.class, c);
    if (matched.has(i)) c.tp++;
    else {
      c.fn++;
      score.fn++;
      score.errors.push(`${page} missed edge ${g.accuser.map((a) => a ?? '-').join('/')} > ${g.accused.join('/')} [${g.stance}, ${g.class}]`);
    }
  });
  return score;
}
