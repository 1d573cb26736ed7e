import { markedWindow, searchTerms, type SearchTerm } from './search-text.js';

/**
 * A search that knows the corpus: each term of the user's text becomes a group of
 * alternatives — the word as typed, its English spelling variants (harbour/harbor,
 * organise/organize, centre/center, defence/defense, travelled/traveled) and inflections
 * (harbours, harboured, harbouring), or, for a name, every alias the gazetteers and the
 * corpus's own alias resolution give it (ISKP, ISIS-K, Islamic State Khorasan Province). All
 * groups are required; any alternative satisfies its group. The same expanded query goes to
 * FTS5 (SQLite) and tsquery (PostgreSQL), so both backends find the same documents.
 *
 * Multilingual-safe: the word as typed is always searched; variants are generated only for
 * ASCII words of four letters or more that are not acronyms (English morphology does not touch Urdu,
 * Russian or Arabic words), and never for acronyms or numbers. The indexes are unchanged.
 */

export interface Alternative {
  words: string[];
  /** the last word also matches as a prefix (search as you type) */
  prefix: boolean;
}

export type ExpansionSource = 'typed' | 'spelling' | 'inflection' | 'alias';

export interface TermGroup {
  /** what the user typed for this group */
  text: string;
  alternatives: Alternative[];
  /** where the alternatives beyond the typed one came from */
  via: ExpansionSource[];
}

export interface ExpandedQuery {
  groups: TermGroup[];
}

/** Aliases of a name: every written form of the entity it resolves to (the name itself included), or null. */
export type AliasLookup = (phrase: string) => string[] | null;

const MAX_ALTERNATIVES = 40;
const MAX_NGRAM = 6;

const SUFFIX = '(s|ed|ing|er|ers|ite|ites|able|ful|less|ation|ations)?';

/** British ↔ American spelling rules, each both ways, for one lower-case word. */
const SPELLING_RULES: Array<[RegExp, string]> = [
  // harbour/harbor, colour/color, behaviour/behavior (-our after a consonant)
  [new RegExp(`([^aeiou])our${SUFFIX}$`), '$1or$2'],
  [new RegExp(`([^aeiou])or${SUFFIX}$`), '$1our$2'],
  // organise/organize, organisation/organization, analyse/analyze
  [/(i|y)s(e|es|ed|ing|er|ers|ation|ations|ational)$/, '$1z$2'],
  [/(i|y)z(e|es|ed|ing|er|ers|ation|ations|ational)$/, '$1s$2'],
  // centre/center, theatre/theater, metre/meter, fibre/fiber
  [/(ent|eat|et|it|ib|mb|ect|ust|lib|ag)re(s|d)?$/, '$1er$2'],
  [/(ent|eat|et|it|ib|mb|ect|ust|lib|ag)er(s|ed)?$/, '$1re$2'],
  // catalogue/catalog, dialogue/dialog, analogue/analog
  [/(al|ial)ogue(s)?$/, '$1og$2'],
  [/(al|ial)og(s)?$/, '$1ogue$2'],
  // defence/defense, offence/offense, licence/license, pretence/pretense
  [/(def|off|lic|pret)enc(e|es)$/, '$1ens$2'],
  [/(def|off|lic|pret)ens(e|es)$/, '$1enc$2'],
  // travelled/traveled, labelling/labeling, cancelled/canceled
  [/([aeiou][^aeiou]?[aeiou])ll(ed|ing|er|ers)$/, '$1l$2'],
  [/([aeiou][^aeiou]?[aeiou])l(ed|ing|er|ers)$/, '$1ll$2'],
  // judgement/judgment, acknowledgement/acknowledgment
  [/dgement(s)?$/, 'dgment$1'],
  [/dgment(s)?$/, 'dgement$1'],
];

/** Spelling variants of a word (itself not included). */
export function spellingVariants(word: string): string[] {
  const out = new Set<string>();
  for (const [rule, replacement] of SPELLING_RULES) {
    if (!rule.test(word)) continue;
    const variant = word.replace(rule, replacement);
    if (variant !== word) out.add(variant);
  }
  return [...out];
}

const VOWEL = /[aeiouy]/;

/** Candidate stems of an inflected word: "harbouring" → harbour; "accused" → accus, accuse; "countries" → country; an uninflected word is its own stem. */
export function stems(word: string): string[] {
  const out = new Set<string>();
  // stems shorter than four letters ("news" → new, "being" → bee) would match other words
  const add = (s: string) => {
    if (s.length >= 4 && VOWEL.test(s)) out.add(s);
  };
  if (/ies$/.test(word)) add(word.slice(0, -3) + 'y');
  if (/ied$/.test(word)) add(word.slice(0, -3) + 'y');
  if (/(s|x|z|ch|sh)es$/.test(word)) add(word.slice(0, -2));
  if (/[^su]s$/.test(word) && !/ies$/.test(word)) add(word.slice(0, -1));
  for (const suffix of ['ing', 'ed']) {
    if (!word.endsWith(suffix) || word.length < suffix.length + 3) continue;
    const stem = word.slice(0, -suffix.length);
    add(stem);
    add(`${stem}e`);
    // doubled final consonant: "planned" → plan ("shelling" keeps shell)
    if (/([^aeiou])\1$/.test(stem) && !/(ll|ss|ff|zz)$/.test(stem)) add(stem.slice(0, -1));
  }
  return out.size > 0 ? [...out] : [word];
}

/** Inflections of a stem: -s/-es, -ed, -ing, with the e-drop, y → ies/ied and the doubled consonant. */
export function inflections(stem: string): string[] {
  const out = new Set<string>([stem]);
  if (/[^aeiou]y$/.test(stem)) {
    const base = stem.slice(0, -1);
    out.add(`${base}ies`);
    out.add(`${base}ied`);
    out.add(`${stem}ing`);
    return [...out];
  }
  if (stem.endsWith('e')) {
    out.add(`${stem}s`);
    out.add(`${stem}d`);
    out.add(`${stem.slice(0, -1)}ing`);
    return [...out];
  }
  out.add(/(s|x|z|ch|sh)$/.test(stem) ? `${stem}es` : `${stem}s`);
  out.add(`${stem}ed`);
  out.add(`${stem}ing`);
  // short consonant-vowel-consonant stems double: plan → planned, planning
  if (/^[^aeiou]*[aeiou][^aeiouwxy]$/.test(stem)) {
    out.add(`${stem}${stem.at(-1)}ed`);
    out.add(`${stem}${stem.at(-1)}ing`);
  }
  return [...out];
}

/** Whether English morphology may be applied: an ASCII word of four letters or more, not an acronym. */
function english(typed: string): boolean {
  return /^[A-Za-z][a-z]{3,}$/.test(typed);
}

/** The word, its spelling variants and their inflections, the typed form first. */
export function wordVariants(typed: string): { forms: string[]; via: ExpansionSource[] } {
  const word = typed.toLowerCase();
  if (!english(typed)) return { forms: [word], via: [] };
  const via = new Set<ExpansionSource>();
  const forms = new Set<string>([word]);
  const spelled = [word, ...spellingVariants(word)];
  if (spelled.length > 1) via.add('spelling');
  for (const w of spelled) {
    for (const stem of stems(w)) {
      for (const form of [...inflections(stem), ...spellingVariants(stem).flatMap(inflections)]) {
        if (!forms.has(form)) {
          forms.add(form);
          if (!spelled.includes(form)) via.add('inflection');
        }
      }
    }
  }
  for (const s of spelled) forms.add(s);
  return { forms: [...forms].slice(0, MAX_ALTERNATIVES), via: [...via] };
}

/** The words of an alias as the indexes tokenise them. */
function aliasWords(alias: string): string[] {
  return alias.match(/[\p{L}\p{N}_]+/gu) ?? [];
}

/**
 * Short acronyms that are also everyday words in some language ("US", "UN" = French "un",
 * "IT", "LA"): as extra alternatives they would match the everyday word in every text, so
 * they are left out of an expansion (typed by the user, they are searched as typed).
 */
export const AMBIGUOUS_SHORT: ReadonlySet<string> = new Set(
  'us un it is in on at as an am be by do go he if me my no of or so to up we la le de el en es da di du et il un une die der das und per con por los las del dei des les que qui the and for are was has not can may war aid all one new our his her you she why how its any say see set sea who man men top oil gas art'.split(' '),
);

function usableAlias(alias: string): boolean {
  const words = aliasWords(alias);
  if (words.length === 0) return false;
  const letters = alias.replace(/[^\p{L}]/gu, '');
  if (words.length === 1 && letters.length <= 3 && AMBIGUOUS_SHORT.has(letters.toLowerCase())) return false;
  if (words.length === 1 && letters.length < 2) return false;
  return true;
}

/**
 * The user's text as an expanded query: quoted phrases and names found by `aliases`
 * (longest run of words first) become alias groups; every other word gets its spelling
 * variants and inflections. The last bare word keeps its prefix match.
 */
export function expandQuery(input: string, aliases: AliasLookup = () => null): ExpandedQuery {
  const terms = searchTerms(input);
  const groups: TermGroup[] = [];
  // consecutive bare words may together be a name: try the longest run first
  let i = 0;
  while (i < terms.length) {
    const term = terms[i];
    let matched = false;
    const bareRun = (from: number) => {
      let to = from;
      while (to < terms.length && to - from < MAX_NGRAM && terms[to].words.length === 1 && !isPhrase(terms, to)) to++;
      return to;
    };
    const end = isPhrase(terms, i) ? i + 1 : bareRun(i);
    for (let j = end; j > i; j--) {
      const phrase = terms
        .slice(i, j)
        .flatMap((t) => t.words)
        .join(' ');
      const found = aliases(phrase);
      if (!found) continue;
      const typed: Alternative = { words: terms.slice(i, j).flatMap((t) => t.words.map((w) => w.toLowerCase())), prefix: false };
      const alternatives = dedupe([typed, ...found.filter(usableAlias).map((a) => ({ words: aliasWords(a).map((w) => w.toLowerCase()), prefix: false }))]);
      // a name with no other written form: its words are searched as words (with their variants)
      if (alternatives.length < 2) continue;
      groups.push({ text: phrase, alternatives: alternatives.slice(0, MAX_ALTERNATIVES), via: ['alias'] });
      i = j;
      matched = true;
      break;
    }
    if (matched) continue;
    if (term.words.length > 1) {
      groups.push({ text: term.words.join(' '), alternatives: [{ words: term.words.map((w) => w.toLowerCase()), prefix: false }], via: [] });
    } else {
      const { forms, via } = wordVariants(term.words[0]);
      const alternatives = forms.map((f, k) => ({ words: [f], prefix: k === 0 && term.prefix }));
      groups.push({ text: term.words[0], alternatives, via });
    }
    i++;
  }
  return { groups };
}

/** Whether terms[i] was a quoted phrase in the input (several words, or one quoted word). */
function isPhrase(terms: SearchTerm[], i: number): boolean {
  return terms[i].words.length > 1;
}

function dedupe(alternatives: Alternative[]): Alternative[] {
  const seen = new Set<string>();
  return alternatives.filter((a) => {
    const key = `${a.words.join(' ')}${a.prefix ? '*' : ''}`;
    if (a.words.length === 0 || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** FTS5 MATCH text: every alternative quoted (search syntax in the input stays plain text), groups AND-ed. */
export function toFts5(query: ExpandedQuery): string | null {
  if (query.groups.length === 0) return null;
  return query.groups
    .map((g) => {
      const alts = g.alternatives.map((a) => `"${a.words.join(' ')}"${a.prefix ? '*' : ''}`);
      return alts.length === 1 ? alts[0] : `(${alts.join(' OR ')})`;
    })
    .join(' AND ');
}

/** PostgreSQL tsquery text with the same meaning: phrases with <->, alternatives with |, groups with &. */
export function toTsQuery(query: ExpandedQuery): string | null {
  if (query.groups.length === 0) return null;
  return query.groups
    .map((g) => {
      const alts = g.alternatives.map((a) => {
        const words = a.words.map((w, i) => `'${w.replace(/'/g, "''")}'${a.prefix && i === a.words.length - 1 ? ':*' : ''}`);
        return words.length === 1 ? words[0] : `(${words.join(' <-> ')})`;
      });
      return alts.length === 1 ? alts[0] : `(${alts.join(' | ')})`;
    })
    .join(' & ');
}

/** Every alternative as a highlight term, so snippets mark what matched. */
export function highlightTerms(query: ExpandedQuery): SearchTerm[] {
  return query.groups.flatMap((g) => g.alternatives.map((a) => ({ words: a.words, prefix: a.prefix })));
}

/** The expansion as shown to the user: what each typed term was widened to. */
export function describeExpansion(query: ExpandedQuery): Array<{ text: string; alternatives: string[]; via: ExpansionSource[] }> {
  return query.groups.map((g) => ({ text: g.text, alternatives: g.alternatives.map((a) => `${a.words.join(' ')}${a.prefix ? '…' : ''}`), via: g.via }));
}

/**
 * Text around the first hit with every hit marked, where a hit is a whole alternative (all
 * the words of a phrase in a row, not each word alone: "is k" marks "IS-K", never every "is").
 */
export function expandedHighlight(text: string, query: ExpandedQuery, maxWords = 16): string | null {
  const alternatives = query.groups.flatMap((g) => g.alternatives);
  if (alternatives.length === 0) return null;
  const tokens = [...text.matchAll(/[\p{L}\p{N}_]+/gu)];
  const lower = tokens.map((m) => m[0].toLowerCase());
  const hit = new Array<boolean>(tokens.length).fill(false);
  for (let i = 0; i < tokens.length; i++) {
    for (const a of alternatives) {
      const n = a.words.length;
      if (i + n > tokens.length) continue;
      let ok = true;
      for (let k = 0; k < n && ok; k++) ok = a.prefix && k === n - 1 ? lower[i + k].startsWith(a.words[k]) : lower[i + k] === a.words[k];
      if (ok) for (let k = 0; k < n; k++) hit[i + k] = true;
    }
  }
  return markedWindow(text, tokens, hit, maxWords);
}

/** The snippet of a finding hit of an expanded query: its passage, else its explanation, else its label. */
export function expandedFindingSnippet(f: { quote: string; explanation: string; label: string }, query: ExpandedQuery): string {
  return expandedHighlight(f.quote, query) ?? expandedHighlight(f.explanation, query) ?? expandedHighlight(f.label, query) ?? '';
}
