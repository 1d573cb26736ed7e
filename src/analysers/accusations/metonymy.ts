import { readFileSync } from 'node:fs';
import { dataPath } from '../../core/paths.js';
import type { NarrativeLexicons } from './lexicon.js';

/**
 * Metonymy: "Kabul denies", "Moscow accused …", "militants operate from Kunar" — a capital or
 * seat of government stands for the country's government, and the province an armed group is
 * said to operate from makes the allegation one about the country that holds it. Capitals and
 * seats come from data/lexicons/narratives/metonyms*.json; cities and regions from
 * data/gazetteer/places.json (ISO code, '' when disputed — those never resolve). Country names
 * come from Intl.DisplayNames, as in the gazetteer, so they match the entity layer's names.
 */

export type PartyRole = 'accuser' | 'accused';

export interface Resolved {
  name: string;
  /** the place as written, when it was resolved to its country */
  via: string | null;
}

let places: Map<string, string> | null = null;
const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

function gazetteerPlaces(): Map<string, string> {
  if (places) return places;
  const raw = JSON.parse(readFileSync(dataPath('gazetteer', 'places.json'), 'utf8')) as { places?: Record<string, string> };
  places = new Map(Object.entries(raw.places ?? {}).filter(([, code]) => /^[A-Z]{2}$/u.test(code)));
  return places;
}

function countryName(code: string): string | null {
  const name = regionNames.of(code);
  return name && name !== code ? name : null;
}

/**
 * The country a party name stands for. Accusers resolve only through capitals and seats of
 * government (a province does not speak for the state); the accused also through any city or
 * region of the gazetteer.
 */
export function resolveParty(name: string, role: PartyRole, lex: NarrativeLexicons): Resolved {
  const rule = lex.metonyms.get(name);
  const code = rule?.country ?? (role === 'accused' ? gazetteerPlaces().get(name) : undefined);
  const country = code ? countryName(code) : null;
  return country && country !== name ? { name: country, via: name } : { name, via: null };
}
