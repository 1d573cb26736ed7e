import { readFileSync } from 'node:fs';
import type { Span } from '../../core/types.js';
import { dataPath } from '../../core/paths.js';
import { mentionsWithin, type EntityMention } from '../../nlp/entities/mentions.js';
import { loadNarrativeLexicons } from './lexicon.js';

/**
 * Who can accuse or be accused in one sentence: the entity mentions, plus the phrases news
 * writes around a country — "Russia's defence ministry", "the Azerbaijani side", "Indian
 * troops", "Ukraine's President", "the defence ministry of the self-declared … Republic".
 * - armed forces, governments and "sides" stand for their state ("Ukrainian forces" → Ukraine);
 * - ministries, offices and embassies are organisations of it ("Russian Defence Ministry");
 * - roles ("Pakistan's Defense Minister") resolve to the person the document names in that role,
 *   and stay the role otherwise;
 * - a demonym after "ethnic" or "pro-" is a community or a faction, never the state.
 * The same rules for every country; names come from the gazetteer (CLDR names, countries.json).
 */

export type ActorKind = 'person' | 'organisation' | 'state' | 'group' | 'place' | 'role' | 'document';

export interface Actor extends Span {
  name: string;
  kind: ActorKind;
  /** the state the actor belongs to, when the text says ("Russian Foreign Ministry" → Russia) */
  country: string | null;
}

/** Roles seen with a name ("Foreign Minister Gedion Timothewos"), so a later bare role resolves. */
export interface RoleMemory {
  roles: Map<string, string>;
  /** roles met before their holder was named: role name as shown → its key, resolved at the end of the document */
  pending: Map<string, string>;
  /** persons and bodies → the state they speak for ("Armenian Defense Ministry spokeswoman Shushan Stepanyan" → Armenia) */
  affiliation: Map<string, string>;
  /** the last body named with its state, by kind of body ("foreign ministry", "ministry"), for a later bare "the ministry" */
  bodies: Map<string, { name: string; country: string }>;
  /** speakers of earlier paragraphs, for a "“…,” the statement reads" that opens the next one */
  recent: Actor[];
  /** the speaker of the last attributed quotation and where it ended, for quoted paragraphs that follow unsigned */
  lastQuote: { speaker: Actor; end: number } | null;
  /** the states named so far, latest last (a short window), for "its neighbour" / "its rival" */
  states: string[];
}

export function newRoleMemory(): RoleMemory {
  return { roles: new Map(), pending: new Map(), affiliation: new Map(), bodies: new Map(), recent: [], lastQuote: null, states: [] };
}

interface CountryInfo {
  /** lower-cased demonym or name → country name */
  byWord: Map<string, string>;
  /** country → its first demonym ("Russian"), for organisation names */
  demonym: Map<string, string>;
  names: Set<string>;
}

let countries: CountryInfo | null = null;

function countryInfo(): CountryInfo {
  if (countries) return countries;
  const raw = JSON.parse(readFileSync(dataPath('gazetteer', 'countries.json'), 'utf8')) as { countries: Record<string, { aliases?: string[]; demonyms?: string[] }> };
  const more = JSON.parse(readFileSync(dataPath('gazetteer', 'demonyms.json'), 'utf8')) as { countries: Record<string, { demonyms?: string[] }> };
  const display = new Intl.DisplayNames(['en'], { type: 'region' });
  const info: CountryInfo = { byWord: new Map(), demonym: new Map(), names: new Set() };
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      const name = display.of(code);
      if (!name || name === code || /Unknown/u.test(name)) continue;
      info.names.add(name);
      info.byWord.set(name.toLowerCase(), name);
      const extra = raw.countries[code];
      for (const alias of extra?.aliases ?? []) info.byWord.set(alias.toLowerCase(), name);
      for (const d of [...(extra?.demonyms ?? []), ...(more.countries[code]?.demonyms ?? [])]) {
        info.byWord.set(d.toLowerCase(), name);
        if (!info.demonym.has(name) && !/s$/u.test(d)) info.demonym.set(name, d);
      }
    }
  }
  countries = info;
  return info;
}

/** The country a mention names (as a name, alias or demonym), or null. */
export function countryOf(m: Pick<EntityMention, 'canonical' | 'type'>): string | null {
  if (m.type !== 'place') return null;
  const info = countryInfo();
  return info.names.has(m.canonical) ? m.canonical : null;
}

export function isCountry(name: string): boolean {
  return countryInfo().names.has(name);
}

/** The state a party's name belongs to: the state itself, or one named at its start ("China Coast Guard", "Chinese Foreign Ministry", "Philippine Navy"). */
export function stateOfParty(name: string): string | null {
  if (isCountry(name)) return name;
  const info = countryInfo();
  const words = name.split(/\s+/u);
  for (let n = Math.min(3, words.length - 1); n >= 1; n--) {
    const state = info.byWord.get(words.slice(0, n).join(' ').toLowerCase());
    if (state) return state;
  }
  return null;
}

/** Heads after a country that stand for the state itself. */
const STATE_HEADS = '[\\p{L}-]+ and [\\p{L}-]+ ministers|government|cabinet|army|military|armed forces|forces|troops|soldiers|border (?:troops|guards|defen[cs]e forces)|front-?line troops|frontline troops|units|army units|side|authorities|officials|navy|air force|coast guard|coastguard|vessels|ships|warships|boats|convoy|maritime militia|formations|regime|leadership|military-political leadership|military leadership|servicemen|state';
/** Heads that are bodies of the state: kept as organisations. */
const BODY_HEADS = 'foreign ministry|foreign office|ministry of foreign affairs|foreign affairs ministry|defen[cs]e ministry|ministry of defen[cs]e|interior ministry|ministry of (?:the )?interior|external affairs ministry|ministry of external affairs|embassy|mfa|mod|defen[cs]e army|state media|parliament|national assembly|security service|intelligence service';
/** A body named by its portfolios, before "of" its state ("the Ministry of Water Resources and Irrigation of X"): an organisation of that state. */
const PORTFOLIO_BODY = '(?:ministry|department|office|directorate|commission|committee|council|authority|bureau) of (?:the )?[\\p{L}-]+(?: [\\p{L}-]+){0,3}?(?: and [\\p{L}-]+(?: [\\p{L}-]+){0,2}?)?';
/** Roles: resolve to the named holder. */
const ROLE_HEADS = 'president|prime minister|premier|pm|chancellor|foreign minister|defen[cs]e minister|minister of foreign affairs|minister of defen[cs]e|ambassador|envoy|leader|vice president|spokes(?:man|woman|person)|army chief';

const AFTER_COUNTRY = new RegExp(`^(?:['’]s)?\\s+(?:(?:new|current|former|acting)\\s+)?(${STATE_HEADS}|${BODY_HEADS}|${ROLE_HEADS})(?![\\p{L}-])`, 'iu');
const BEFORE_OF = new RegExp(`(?:^|[^\\p{L}“"])[“"]?((?:${BODY_HEADS}|${STATE_HEADS}|${ROLE_HEADS}|${PORTFOLIO_BODY}))[”"]?\\s+of\\s+(?:the\\s+)?(?:(?:self-declared|self-proclaimed|unrecognised|unrecognized|breakaway|de facto|so-called)\\s+)?$`, 'iu');
const IS_STATE = new RegExp(`^(?:${STATE_HEADS})$`, 'iu');
const IS_ROLE = new RegExp(`^(?:${ROLE_HEADS})$`, 'iu');

function title(words: string): string {
  return words.replace(/\s+/gu, ' ').split(' ').map((w) => (w.length <= 3 && w === w.toUpperCase() ? w : w[0].toUpperCase() + w.slice(1).toLowerCase())).join(' ');
}

function bodyName(head: string): string {
  const h = head.toLowerCase().replace(/\s+/gu, ' ');
  if (/^(?:foreign ministry|ministry of foreign affairs|foreign affairs ministry|mfa)$/u.test(h)) return 'Foreign Ministry';
  if (/^(?:defen[cs]e ministry|ministry of defen[cs]e|mod)$/u.test(h)) return /defense/u.test(h) ? 'Defense Ministry' : 'Defence Ministry';
  if (/^(?:interior ministry|ministry of (?:the )?interior)$/u.test(h)) return 'Interior Ministry';
  if (/^(?:external affairs ministry|ministry of external affairs)$/u.test(h)) return 'External Affairs Ministry';
  // "ministry of water resources and irrigation": the portfolio's joining words stay lower case
  return title(h).replace(/ (Of|And|The) /gu, (w) => w.toLowerCase());
}

function roleKey(country: string | null, role: string): string {
  // "premier" and "prime minister" are one office
  return `${country ?? ''}|${role.toLowerCase().replace(/defense/gu, 'defence').replace(/\s+/gu, ' ').replace(/^(?:premier|pm)$/u, 'prime minister')}`;
}

/** A region's adjective the entity layer may read as a name ("Central Asian", "Middle Eastern", "Sub-Saharan African"). */
const REGIONAL_ADJECTIVE = /^(?:North|South|East|West|Central|Middle|Latin|Sub-Saharan|Southeast|Southeastern|Northeast|Northeastern|Southwest|Northwest|Western|Eastern|Northern|Southern)(?:[- ](?:East|West|North|South))?\s+\p{Lu}\p{Ll}+(?:an|ern|ese|ic)$/u;

/**
 * Actors inside [start, end): entity mentions (documents left out), with country phrases
 * widened to the body, force or role they name. Sorted by position, never overlapping.
 */
export function actorsIn(text: string, start: number, end: number, mentions: readonly EntityMention[], memory: RoleMemory): Actor[] {
  const inside = mentionsWithin(mentions, start, end).filter((m) => m.type !== 'document');
  const out: Actor[] = [];
  for (let i = 0; i < inside.length; i++) {
    const m = inside[i];
    const last = out[out.length - 1];
    if (last && m.start < last.end) continue;
    // "its Central Asian rival Tajikistan", "the East African nation": a regional adjective is no person
    // (…and "South American rival X": "American" after a compass word names a region, not the United States)
    if (m.type === 'person' && REGIONAL_ADJECTIVE.test(text.slice(m.start, m.end))) continue;
    if (/(?<![\p{L}])(?:North|South|East|West|Central|Latin|Middle|Southeast|Northeast)[- ]$/u.test(text.slice(Math.max(start, m.start - 11), m.start)) && /^\p{Lu}\p{Ll}+(?:an|ern|ese)$/u.test(text.slice(m.start, m.end))) continue;
    const country = countryOf(m);
    const next = inside[i + 1];
    if (country) {
      const before = text.slice(Math.max(start, m.start - 8), m.start);
      if (/(?:ethnic|pro-)\s*$/iu.test(before)) {
        // "ethnic Armenian forces", "pro-Moscow officials": a community or faction, not the state
        const tail = AFTER_COUNTRY.exec(text.slice(m.end, end));
        const s = m.start - (/(ethnic\s+|pro-)$/iu.exec(before)?.[0].length ?? 0);
        const e = tail ? m.end + tail[0].length : m.end;
        out.push({ start: s, end: e, name: text.slice(s, e), kind: 'group', country: null });
        continue;
      }
      const tail = AFTER_COUNTRY.exec(text.slice(m.end, end));
      if (tail) {
        const head = tail[1];
        const e = m.end + tail[0].length;
        if (IS_STATE.test(head)) {
          out.push({ start: m.start, end: e, name: country, kind: 'state', country });
          continue;
        }
        if (IS_ROLE.test(head)) {
          // "Ukrainian President Volodymyr Zelenskyy": the person; else the holder named earlier
          const holder = next && next.type === 'person' && /^[\s,]*$/u.test(text.slice(e, next.start)) ? next : null;
          if (holder) {
            memory.roles.set(roleKey(country, head), holder.canonical);
            out.push({ start: m.start, end: holder.end, name: holder.canonical, kind: 'person', country });
            i++;
            continue;
          }
          const known = memory.roles.get(roleKey(country, head));
          if (!known) memory.pending.set(`${countryInfo().demonym.get(country) ?? country} ${title(head)}`, roleKey(country, head));
          out.push({ start: m.start, end: e, name: known ?? `${countryInfo().demonym.get(country) ?? country} ${title(head)}`, kind: known ? 'person' : 'role', country });
          continue;
        }
        // "US embassy", "U.K. foreign office": the abbreviation as written, the name a capitalised "US Embassy" gets too (one body, one name)
        const written = text.slice(m.start, m.end).replace(/\./gu, '');
        const prefix = /^\p{Lu}{2,5}$/u.test(written) ? written : countryInfo().demonym.get(country) ?? country;
        out.push({ start: m.start, end: e, name: `${prefix} ${bodyName(head)}`, kind: 'organisation', country });
        continue;
      }
    }
    // "the Ministry of Culture and Tourism of X": a body the entity layer named, "of" its state, is that state's body
    const ownerState = m.type === 'organisation' && next ? countryOf(next) : null;
    if (ownerState && next && /^\s+of\s+(?:the\s+)?$/u.test(text.slice(m.end, next.start))) {
      out.push({ start: m.start, end: next.end, name: `${ownerState} ${m.canonical}`, kind: 'organisation', country: ownerState });
      i++;
      continue;
    }
    // "the Kiev regime", "Beijing authorities": a seat of government with a state head stands for it
    if (!country && m.type === 'place') {
      const tail = AFTER_COUNTRY.exec(text.slice(m.end, end));
      if (tail && IS_STATE.test(tail[1])) {
        out.push({ start: m.start, end: m.end + tail[0].length, name: m.canonical, kind: 'state', country: null });
        continue;
      }
    }
    // "the defence ministry of the self-declared Nagorno-Karabakh Republic"
    const of = BEFORE_OF.exec(text.slice(Math.max(start, m.start - 80), m.start));
    if (of && (m.type === 'place' || m.type === 'organisation' || m.type === 'group')) {
      const headStart = m.start - (text.slice(Math.max(start, m.start - 80), m.start).length - of.index - (of[0].length - of[0].trimStart().length));
      const s = Math.max(start, headStart);
      if (!last || s >= last.end) {
        const head = of[1];
        const owner = country ?? m.canonical;
        if (IS_STATE.test(head)) out.push({ start: s, end: m.end, name: owner, kind: 'state', country: country ?? owner });
        else if (IS_ROLE.test(head)) {
          // "the president of X": the holder the document names, now or later
          const known = memory.roles.get(roleKey(country ?? owner, head));
          const name = `${countryInfo().demonym.get(owner) ?? owner} ${title(head)}`;
          if (!known) memory.pending.set(name, roleKey(country ?? owner, head));
          out.push({ start: s, end: m.end, name: known ?? name, kind: known ? 'person' : 'role', country: country ?? owner });
        } else out.push({ start: s, end: m.end, name: `${owner} ${bodyName(head)}`, kind: 'organisation', country: country ?? owner });
        continue;
      }
    }
    // "Foreign Minister Gedion Timothewos": remember the role for a later "the foreign minister"
    if (m.type === 'person') {
      const role = new RegExp(`(${ROLE_HEADS})\\s*$`, 'iu').exec(text.slice(Math.max(start, m.start - 30), m.start));
      const roleAt = role ? m.start - (text.slice(Math.max(start, m.start - 30), m.start).length - role.index) : m.start;
      // the owner stands in the role's own phrase ("the Russian side's Foreign Minister X"), never across
      // a clause ("… relations with Morocco, Foreign Minister X said": X is not Morocco's minister)
      const owner = [...out].reverse().find((a) => a.end <= roleAt && roleAt - a.end < 40 && a.country && !/[,.;:]/u.test(text.slice(a.end, roleAt)));
      if (role) memory.roles.set(roleKey(owner?.country ?? null, role[1]), m.canonical);
    }
    const kind: ActorKind = country ? 'state' : m.type === 'place' ? 'place' : m.type === 'group' ? 'group' : m.type === 'person' ? 'person' : 'organisation';
    out.push({ start: m.start, end: m.end, name: m.canonical, kind, country });
  }
  for (const a of bareBodies(text, start, end, out)) out.push(a);
  out.sort((a, b) => a.start - b.start);
  affiliate(text, out, memory);
  resolveCounterparts(text, start, end, out, memory);
  // a lower-case "the ministry" the document never tied to a state is nobody in particular
  return out.filter((a) => a.country !== null || !/^(?:(?:foreign |defen[cs]e |interior )?ministry|foreign office|embassy)$/u.test(a.name));
}

/**
 * "its neighbour", "its North African neighbour", "its arch-rival", "the neighbouring country":
 * the other state of the story, never the possessor's own. Wires name the accused this way
 * ("Algeria severed ties with Morocco, accusing its neighbour of …"; "Seoul accused its rival of
 * …"). The possessor is the clause's first state (a capital counts as its state); the counterpart
 * is the state named last before the phrase, in this sentence or an earlier one, that is not the
 * possessor's. Singular only ("their neighbours" names no one in particular); a phrase followed
 * by the state's name ("its neighbour Ukraine") is left to that name.
 */
const COUNTERPART = /(?<![\p{L}])(?:(its|their|his|her)\s+(?:(?:[\p{Lu}][\p{L}-]*|northern|southern|eastern|western|regional|long-?time|old|bitter|main|historic)\s+){0,2}(?:neighbou?r|neighbou?ring (?:country|state)|rival|arch-?rival|arch-?enemy|arch-?foe|foe|adversary)|the\s+neighbou?ring\s+(?:country|state))(?![\p{L}-])/gu;
const STATE_WINDOW = 12;

function stateOfActor(a: Actor): string | null {
  if (a.country) return a.country;
  if (a.kind !== 'place' && a.kind !== 'state') return null;
  const code = loadNarrativeLexicons().metonyms.get(a.name)?.country;
  return code ? new Intl.DisplayNames(['en'], { type: 'region' }).of(code) ?? null : null;
}

function resolveCounterparts(text: string, start: number, end: number, actors: Actor[], memory: RoleMemory): void {
  const window = text.slice(start, end);
  const found: Actor[] = [];
  COUNTERPART.lastIndex = 0;
  for (let m = COUNTERPART.exec(window); m; m = COUNTERPART.exec(window)) {
    const s = start + m.index;
    const e = s + m[0].length;
    const named = actors.find((a) => a.start >= e && /^\s*,?\s*$/u.test(text.slice(e, a.start)) && stateOfActor(a));
    if (named) continue;
    const earlier = actors.filter((a) => a.end <= s);
    const possessor = earlier.map(stateOfActor).find((c) => c !== null) ?? null;
    if (!possessor) continue;
    const seen = [...memory.states, ...earlier.map(stateOfActor).filter((c): c is string => c !== null)];
    let other: string | null = null;
    for (let i = seen.length - 1; i >= 0 && other === null; i--) if (seen[i] !== possessor) other = seen[i];
    if (!other) continue;
    found.push({ start: s, end: e, name: other, kind: 'state', country: other });
  }
  for (const f of found) {
    // the words inside the phrase ("North African") are no actor of their own
    for (let i = actors.length - 1; i >= 0; i--) if (actors[i].start < f.end && actors[i].end > f.start) actors.splice(i, 1);
    actors.push(f);
  }
  if (found.length > 0) actors.sort((a, b) => a.start - b.start);
  for (const a of actors) {
    const c = stateOfActor(a);
    if (c) memory.states.push(c);
  }
  if (memory.states.length > STATE_WINDOW) memory.states.splice(0, memory.states.length - STATE_WINDOW);
}

/** "Foreign Ministry" (no state named): the body kind it names, for the body memory. */
const BARE_BODY = new RegExp(`^(?:the\\s+)?(${BODY_HEADS}|ministry|office|government)$`, 'iu');
/** "the ministry said", "the foreign ministry added": lower-case bodies the entity layer does not see. */
const LOWER_BODY = /(?<![\p{L}])(?:the|The)\s+((?:foreign |defen[cs]e |interior )?ministry|foreign office|embassy)(?![\p{L}])/gu;

function bodyKind(head: string): string {
  const h = head.toLowerCase().replace(/^the\s+/u, '');
  if (/external/u.test(h)) return 'external affairs ministry';
  if (/foreign|mfa/u.test(h)) return 'foreign ministry';
  if (/defen[cs]e|mod/u.test(h)) return 'defence ministry';
  if (/interior/u.test(h)) return 'interior ministry';
  return h.replace(/\s+/gu, ' ');
}

/** Lower-case "the ministry" mentions that the document has already tied to a state's body. */
function bareBodies(text: string, start: number, end: number, actors: Actor[]): Actor[] {
  const out: Actor[] = [];
  LOWER_BODY.lastIndex = 0;
  const window = text.slice(start, end);
  for (let m = LOWER_BODY.exec(window); m; m = LOWER_BODY.exec(window)) {
    const s = start + m.index + m[0].length - m[1].length;
    const e = start + m.index + m[0].length;
    if (actors.some((a) => a.start < e && s < a.end)) continue;
    out.push({ start: s, end: e, name: m[1], kind: 'organisation', country: null });
  }
  return out;
}

/**
 * The state a country-led name speaks for: "Chinese Foreign Ministry Spokesperson" → China,
 * "Armenia Defence Ministry" → Armenia — a demonym, or a country followed by a body, force or
 * role head. "Taiwan Affairs Office" names its subject, not its owner: no state.
 */
function leadingCountry(name: string): string | null {
  const info = countryInfo();
  const words = name.split(/\s+/u);
  for (let n = Math.min(3, words.length - 1); n >= 1; n--) {
    const lead = words.slice(0, n).join(' ').replace(/['’]s$/u, '');
    const c = info.byWord.get(lead.toLowerCase());
    if (!c) continue;
    const isName = info.names.has(lead) || [...info.names].some((x) => x.toLowerCase() === lead.toLowerCase());
    if (!isName || HEAD_AFTER.test(words.slice(n).join(' '))) return c;
  }
  return null;
}

const HEAD_AFTER = new RegExp(`^(?:${STATE_HEADS}|${BODY_HEADS}|${ROLE_HEADS})(?![\\p{L}-])`, 'iu');

/** Words between a body and a person that make the person its officer: "… Ministry spokeswoman Shushan Stepanyan". */
const OFFICER_GAP = /^(?:['’]s)?\s+(?:(?:senior|chief|deputy|acting|top|press|foreign|defen[cs]e|government|military|army|ministry|state|official|national|security|affairs|information|media)\s+){0,3}(?:spokes(?:man|woman|person)|minister|ambassador|envoy|official|adviser|advisor|aide|chief|head|commander|secretary|director|representative|diplomat|general|colonel|speaker)\s+(?:(?:lt|maj|gen|col|brig|dr|mr|ms|mrs)\.?\s+){0,3}$/u;
const OFFICER_AFTER = /^\s*,\s+(?:the\s+|a\s+|an\s+)?$/u;

/**
 * Ties persons and bodies to the state they speak for, so nobody is read as accusing his own
 * state: an organisation whose name starts with a country ("Armenian Defense Ministry"), a
 * person named after a body's role ("Armenian Defense Ministry spokeswoman Shushan Stepanyan",
 * "China's Defence Spokesperson Wu Qian") or before it ("Zhao Lijian, Chinese Foreign Ministry
 * Spokesperson"); a bare "Foreign Ministry" or "the ministry" is the body last named with its
 * state. What is learnt holds for the rest of the document.
 */
function affiliate(text: string, actors: Actor[], memory: RoleMemory): void {
  for (let i = 0; i < actors.length; i++) {
    const a = actors[i];
    const bare = a.country ? null : BARE_BODY.exec(a.name);
    if (bare) {
      // "Ministry" alone may come typed as anything; "the Chinese Foreign Ministry and the defence ministry": the same state's
      const kind = bodyKind(bare[1]);
      const prev = actors[i - 1];
      const known = prev?.country && /^\s+and\s+(?:the\s+|its\s+)?$/iu.test(text.slice(prev.end, a.start))
        ? { name: `${countryInfo().demonym.get(prev.country) ?? prev.country} ${bodyName(bare[1])}`, country: prev.country }
        : memory.bodies.get(kind) ?? (kind === 'ministry' ? memory.bodies.get('any ministry') : undefined);
      if (known) {
        a.name = known.name;
        a.country = known.country;
        a.kind = 'organisation';
      }
      continue;
    }
    if (a.kind !== 'organisation' && a.kind !== 'role') continue;
    a.country ??= leadingCountry(a.name);
    if (a.country) {
      memory.affiliation.set(a.name, a.country);
      const head = /(ministry|office|embassy|mfa|mod)\b/iu.exec(a.name);
      if (head) {
        const kind = bodyKind(a.name.slice(a.name.search(/(?:foreign|defen[cs]e|interior|external)?\s*(?:ministry|office|embassy|mfa|mod)\b/iu)));
        memory.bodies.set(kind, { name: a.name, country: a.country });
        if (/ministry/iu.test(head[1])) memory.bodies.set('any ministry', { name: a.name, country: a.country });
      }
    }
  }
  for (let i = 0; i < actors.length; i++) {
    const p = actors[i];
    if (p.kind !== 'person') continue;
    if (!p.country) {
      const before = actors[i - 1];
      const after = actors[i + 1];
      if (before && before.country && before.kind !== 'person' && OFFICER_GAP.test(text.slice(before.end, p.start).toLowerCase())) p.country = before.country;
      else if (after && after.country && after.kind !== 'person' && OFFICER_AFTER.test(text.slice(p.end, after.start))) p.country = after.country;
      else p.country = memory.affiliation.get(p.name) ?? null;
    }
    if (p.country) memory.affiliation.set(p.name, p.country);
  }
}

/** The state a person or body was seen to speak for in this document, or the state itself. */
export function sideOf(memory: RoleMemory, name: string): string | null {
  return isCountry(name) ? name : memory.affiliation.get(name) ?? null;
}

/** A role met before its holder was named ("The Ukrainian Foreign Minister tweeted … Foreign Minister Dmytro Kuleba said"): the holder, once the document names him. */
export function laterHolder(memory: RoleMemory, roleName: string): string | null {
  const key = memory.pending.get(roleName);
  if (!key) return null;
  // "Foreign Minister Hugh Todd" with no state before it was stored without one
  return memory.roles.get(key) ?? memory.roles.get(`|${key.split('|')[1]}`) ?? null;
}

/** A bare role in the text ("the foreign minister said"): the person the document named in it. */
export function roleHolder(memory: RoleMemory, role: string): string | null {
  for (const [key, person] of memory.roles) if (key.endsWith(`|${role.toLowerCase().replace(/defense/gu, 'defence')}`)) return person;
  return null;
}

/**
 * "Iran's Nour News Agency, considered close to the Supreme National Security Council, accused …",
 * "X, a group backed by Y, said …": the party inside a comma-closed apposition before the verb is
 * not the subject; the one before the apposition is. Takes the candidate subjects (sorted, all
 * before `at`) and returns the index of the subject, or the last index when there is no apposition.
 */
const APPOSITION_OPENS = /^\s*,\s+(?:(?:considered|believed|seen|viewed|regarded|described|known|thought|reported|said|widely|often|long|once|also|which|who|whose|a|an|the|one|close|closely|linked|affiliated|allied|aligned|backed|based|funded|loyal|part)(?![\p{L}])[^,;:.“”"]*)$/iu;

export function subjectBeforeApposition(text: string, spans: readonly Span[], at: number): number {
  const last = spans.length - 1;
  if (last < 1 || !/^\s*,\s*$/u.test(text.slice(spans[last].end, at))) return last;
  for (let i = last - 1; i >= 0; i--) {
    if (APPOSITION_OPENS.test(text.slice(spans[i].end, spans[last].start))) return i;
    if (/[,;:.]/u.test(text.slice(spans[i].end, spans[i + 1].start))) break;
  }
  return last;
}

/** Actors (sorted by start) that lie inside [from, to): a binary search, so windows stay cheap on long texts. */
export function actorsBetween(actors: readonly Actor[], from: number, to: number): Actor[] {
  let lo = 0;
  let hi = actors.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (actors[mid].start < from) lo = mid + 1;
    else hi = mid;
  }
  const out: Actor[] = [];
  for (let i = lo; i < actors.length && actors[i].start < to; i++) if (actors[i].end <= to) out.push(actors[i]);
  return out;
}

/**
 * A wire credit: the agency in brackets before the dash that opens the copy ("(Xinhua) --",
 * "LA PAZ, Nov. 19 (Reuters) –") or before the time of a credit line ("(Xinhua) 09:45, …"). It
 * names who distributes the words, never who says them.
 */
export function inWireCredit(text: string, span: Span): boolean {
  if (!/\(\s*$/u.test(text.slice(Math.max(0, span.start - 3), span.start))) return false;
  return /^\s*\)\s*(?:-{1,2}|–|—|\d{1,2}:\d{2})/u.test(text.slice(span.end, span.end + 12));
}
