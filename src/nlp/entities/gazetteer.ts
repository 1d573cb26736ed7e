import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { DiscernError } from '../../core/errors.js';
import { dataPath } from '../../core/paths.js';
import { foldName } from './fold.js';
import type { EntityType } from './mentions.js';

/**
 * Known actors and their aliases. The built-in files (data/gazetteer/) cover common
 * international actors; users add theirs with --gazetteer FILE (JSON or YAML, the same
 * shape as data/gazetteer/actors.json). Entries with the same name are merged.
 */

export interface GazetteerEntry {
  name: string;
  type: EntityType;
  aliases: string[];
  /** adjectives of nationality that refer to this (country) entry: "Afghan" */
  demonyms?: string[];
  note?: string;
}

export interface GazetteerHit {
  entry: GazetteerEntry;
  /** the alias as listed, or null when matched through a spelling variant */
  alias: string | null;
  demonym: boolean;
}

export interface Gazetteer {
  readonly entries: readonly GazetteerEntry[];
  /** exact alias (acronyms are case-sensitive), else spelling variant */
  lookup(surface: string): GazetteerHit | null;
  /** all alias fold keys that start with this folded first word, longest first */
  phrasesStartingWith(firstWord: string): readonly GazetteerPhrase[];
}

export interface GazetteerPhrase {
  /** folded words of the alias */
  words: string[];
  alias: string;
  acronym: boolean;
  hit: GazetteerHit;
}

const TYPES: readonly EntityType[] = ['person', 'organisation', 'place', 'group', 'document'];

interface CountriesFile {
  countries: Record<string, { aliases: string[]; demonyms: string[] }>;
}
interface PlacesFile {
  places: Record<string, string>;
}

/**
 * `laterAdditions: false` leaves out capitals.json and demonyms.json, names added after the word
 * vectors were distilled: the models' name masking (name-words.ts) was built without them.
 */
export async function loadGazetteer(userFiles: string[] = [], options: { laterAdditions?: boolean } = {}): Promise<Gazetteer> {
  const later = options.laterAdditions ?? true;
  const entries = new Map<string, GazetteerEntry>();
  const add = (entry: GazetteerEntry) => {
    const existing = entries.get(entry.name);
    if (!existing) entries.set(entry.name, { ...entry, aliases: [...entry.aliases] });
    else {
      existing.type = entry.type;
      existing.aliases = unique([...existing.aliases, ...entry.aliases]);
      existing.demonyms = unique([...(existing.demonyms ?? []), ...(entry.demonyms ?? [])]);
    }
  };
  countryEntries(later).forEach(add);
  placeEntries(later).forEach(add);
  readEntries(dataPath('gazetteer', 'actors.json')).forEach(add);
  for (const file of userFiles) readEntries(file).forEach(add);
  return buildGazetteer([...entries.values()]);
}

export function buildGazetteer(entries: GazetteerEntry[]): Gazetteer {
  const exact = new Map<string, GazetteerHit>();
  const folded = new Map<string, GazetteerHit>();
  const phrases = new Map<string, GazetteerPhrase[]>();
  for (const entry of entries) {
    const names = [entry.name, ...entry.aliases].map((alias) => ({ alias, demonym: false }));
    const demonyms = (entry.demonyms ?? []).map((alias) => ({ alias, demonym: true }));
    for (const { alias, demonym } of [...names, ...demonyms]) {
      const hit: GazetteerHit = { entry, alias, demonym };
      const acronym = isAcronym(alias);
      exact.set(acronym ? alias : alias.toLowerCase(), hit);
      const key = foldName(alias);
      if (!key) continue;
      if (!acronym && !folded.has(key)) folded.set(key, hit);
      const words = key.split(' ');
      const list = phrases.get(words[0]) ?? [];
      list.push({ words, alias, acronym, hit });
      phrases.set(words[0], list);
    }
  }
  for (const list of phrases.values()) list.sort((a, b) => b.words.length - a.words.length);
  return {
    entries,
    lookup(surface) {
      const direct = exact.get(surface) ?? (isAcronym(surface) ? undefined : exact.get(surface.toLowerCase()));
      if (direct) return direct;
      if (isAcronym(surface)) return null;
      const variant = folded.get(foldName(surface));
      return variant ? { ...variant, alias: null } : null;
    },
    phrasesStartingWith(firstWord) {
      return phrases.get(firstWord) ?? [];
    },
  };
}

/** "ISI", "U.S.", "ISIS-K", "R&AW": matched only as written, so "who" never becomes WHO. */
export function isAcronym(alias: string): boolean {
  const letters = alias.replace(/[^\p{L}]/gu, '');
  return letters.length >= 1 && letters.length <= 8 && letters === letters.toUpperCase() && /\p{Lu}/u.test(letters) && !/\s/.test(alias);
}

function countryEntries(later: boolean): GazetteerEntry[] {
  const file = readJson<CountriesFile>(dataPath('gazetteer', 'countries.json'));
  const more = later ? readJson<CountriesFile>(dataPath('gazetteer', 'demonyms.json')).countries : {};
  const names = new Intl.DisplayNames(['en'], { type: 'region' });
  const entries: GazetteerEntry[] = [];
  for (const code of allRegionCodes()) {
    const name = names.of(code);
    if (!name || name === code) continue;
    const extra = file.countries[code];
    entries.push({ name, type: 'place', aliases: extra?.aliases ?? [], demonyms: [...(extra?.demonyms ?? []), ...(more[code]?.demonyms ?? [])] });
  }
  return entries;
}

function placeEntries(later: boolean): GazetteerEntry[] {
  const names = Object.keys(readJson<PlacesFile>(dataPath('gazetteer', 'places.json')).places);
  if (later) for (const name of Object.keys(readJson<PlacesFile>(dataPath('gazetteer', 'capitals.json')).places)) names.push(name);
  return names.map((name) => ({ name, type: 'place' as const, aliases: [] }));
}

/** ISO 3166-1 alpha-2 codes CLDR knows: every AA..ZZ pair that Intl names. */
function allRegionCodes(): string[] {
  const codes: string[] = [];
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const names = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
  for (const a of letters) {
    for (const b of letters) {
      const code = a + b;
      if (/^(Q[M-Z]|X[A-Z]|ZZ|AA|EU|EZ|UN)$/.test(code) && code !== 'XK') continue; // private-use and groupings
      if (names.of(code)) codes.push(code);
    }
  }
  return codes;
}

function readEntries(file: string): GazetteerEntry[] {
  let raw: unknown;
  try {
    const text = readFileSync(file, 'utf8');
    raw = /\.ya?ml$/i.test(extname(file)) ? parseYaml(text) : JSON.parse(text);
  } catch (error) {
    throw new DiscernError('GAZETTEER', `cannot read the gazetteer: ${(error as Error).message}`, file, { cause: error });
  }
  const list = Array.isArray(raw) ? raw : (raw as { entries?: unknown })?.entries;
  if (!Array.isArray(list)) throw new DiscernError('GAZETTEER', 'expected a list of entries or { "entries": [...] }', file);
  return list.map((item, i) => validateEntry(item, `${file} entry ${i + 1}`));
}

function validateEntry(item: unknown, where: string): GazetteerEntry {
  const entry = item as Partial<GazetteerEntry> | null;
  if (!entry || typeof entry.name !== 'string' || entry.name.trim() === '') {
    throw new DiscernError('GAZETTEER', 'every entry needs a "name"', where);
  }
  if (!TYPES.includes(entry.type as EntityType)) {
    throw new DiscernError('GAZETTEER', `"type" must be one of ${TYPES.join(', ')}`, where);
  }
  const strings = (value: unknown, field: string): string[] => {
    if (value === undefined) return [];
    if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
      throw new DiscernError('GAZETTEER', `"${field}" must be a list of strings`, where);
    }
    return value as string[];
  };
  return {
    name: entry.name.trim(),
    type: entry.type as EntityType,
    aliases: strings(entry.aliases, 'aliases'),
    demonyms: strings(entry.demonyms, 'demonyms'),
    note: typeof entry.note === 'string' ? entry.note : undefined,
  };
}

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
