import { append, maxOf } from '../core/arrays.js';
import type { Span } from '../core/types.js';
import { splitSentences } from '../nlp/sentences.js';
import { stem, verificationLexicon, type CountedNumber, type PlacedDate, type TextFacts } from './facts.js';
import { clipText } from '../core/clip.js';

/**
 * The explainable checks: one claim against one passage. Same event (shared words, actors,
 * places, dates), then what agrees or conflicts — numbers, dates, negation, who holds a
 * role, whether a person the claim has acting was dead — and hedging on either side.
 * Each conflict carries one sentence naming both values and the passage span it rests on.
 */

export type CheckKind = 'number' | 'date' | 'negation' | 'role' | 'death';

export interface Conflict {
  kind: CheckKind;
  reason: string;
  /** offsets into the passage text */
  passage: Span;
  /** offsets into the claim text */
  claim: Span;
}

export interface Assessment {
  stance: 'supports' | 'contradicts' | 'neutral';
  /** 0..1: how surely the passage is about what the claim is about */
  relevance: number;
  /** share of the claim's content words in the passage */
  coverage: number;
  /** share of the claim's entities in the passage (aliases resolved) */
  entityCoverage: number;
  /** same event: the claim's actors, places and dates are all there and none conflicts */
  sameEvent: boolean;
  conflicts: Conflict[];
  /** what matched, for the explanation ("17 officers", "2015", "ISKP") */
  agreements: string[];
  /** what the claim says that the passage does not ("40", "Kunar") */
  missing: string[];
  claimHedge: string | null;
  passageHedge: string | null;
}

const SUPPORT_COVERAGE = 0.6;
const EVENT_COVERAGE = 0.35;

export function assess(claim: TextFacts, passage: TextFacts): Assessment {
  const shared = [...claim.stemSet].filter((s) => passage.stemSet.has(s));
  const coverage = claim.stemSet.size === 0 ? 0 : shared.length / claim.stemSet.size;
  const claimEntities = [...claim.canonicals];
  const presentEntities = claimEntities.filter((c) => passage.canonicals.has(c));
  const entityCoverage = claimEntities.length === 0 ? (coverage > 0 ? coverage : 0) : presentEntities.length / claimEntities.length;
  const missing = claimEntities.filter((c) => !passage.canonicals.has(c));
  const agreements = presentEntities.slice();
  const conflicts: Conflict[] = [];

  const dateResults = claim.dates.filter((d) => d.normalized).map((d) => compareDate(d, passage.dates));
  const datesConflict = dateResults.some((r) => r.state === 'conflict');
  const datesPresent = dateResults.every((r) => r.state === 'agree');
  const topical = coverage >= EVENT_COVERAGE && (claimEntities.length === 0 || presentEntities.length > 0);
  const sameEvent = topical && missing.length === 0 && !datesConflict;

  claim.dates.filter((d) => d.normalized).forEach((d, i) => {
    const r = dateResults[i];
    if (r.state === 'agree') agreements.push(d.text);
    else if (r.state === 'conflict' && r.other && topical) {
      conflicts.push({
        kind: 'date',
        reason: `the reference gives ${phrase(passage.text, r.other, r.about)}, the claim says ${d.text}`,
        passage: { start: r.other.start, end: r.other.end },
        claim: { start: d.start, end: d.end },
      });
    } else if (r.state === 'absent') missing.push(d.text);
  });

  for (const n of claim.numbers) {
    const r = compareNumber(n, passage.numbers);
    if (r.state === 'agree') agreements.push(n.text);
    else if (r.state === 'conflict' && r.other && (sameEvent || (topical && claim.dates.length === 0))) {
      const what = n.about.length > 0 ? ` ${wordsAfter(passage.text, r.other)}` : '';
      conflicts.push({
        kind: 'number',
        reason: `the reference gives ${r.other.text}${what}, the claim says ${n.text}`,
        passage: { start: r.other.start, end: r.other.end },
        claim: { start: n.start, end: n.end },
      });
    } else missing.push(n.text);
  }

  if (topical && coverage >= 0.5) append(conflicts, negationConflicts(claim, passage));

  append(conflicts, roleConflicts(claim, passage));
  append(conflicts, deathConflicts(claim, passage));

  const claimHedge = claim.hedges[0]?.text ?? null;
  const passageHedge = passage.hedges[0]?.text ?? null;
  const relevance = Math.min(1, 0.55 * coverage + 0.45 * entityCoverage);
  let stance: Assessment['stance'] = 'neutral';
  if (conflicts.length > 0 && topical) stance = 'contradicts';
  else if (
    coverage >= SUPPORT_COVERAGE &&
    missing.length === 0 &&
    datesPresent &&
    conflicts.length === 0 &&
    claim.numbers.every((n) => compareNumber(n, passage.numbers).state === 'agree')
  ) {
    stance = 'supports';
  }
  return { stance, relevance, coverage, entityCoverage, sameEvent, conflicts: stance === 'contradicts' ? conflicts : [], agreements, missing, claimHedge, passageHedge };
}

type Compared<T> = { state: 'agree' | 'conflict' | 'absent' | 'unknown'; other?: T; about: string[] };

const LOWER_BOUNDS = new Set(['more than', 'over', 'at least', 'above', 'upwards of', 'in excess of', 'well over', 'just over']);
const UPPER_BOUNDS = new Set(['less than', 'fewer than', 'under', 'below', 'at most', 'up to', 'as many as', 'as much as', 'just under']);

/** Does `ref` fit `claim` ("over 60" fits 70; "about 40" fits 42; 17 does not fit 40)? */
export function numbersFit(claim: CountedNumber, ref: CountedNumber): 'agree' | 'conflict' | 'unknown' {
  const c = claim.value;
  const r = ref.value;
  const close = (tol: number) => Math.abs(c - r) <= tol * Math.max(Math.abs(c), Math.abs(r), 1e-9);
  if (ref.qualifier && (LOWER_BOUNDS.has(ref.qualifier) || UPPER_BOUNDS.has(ref.qualifier))) {
    // the reference gives only a bound: consistent claims are not confirmed by it
    const inside = LOWER_BOUNDS.has(ref.qualifier) ? c >= r : c <= r;
    return inside ? (close(0.005) ? 'agree' : 'unknown') : 'conflict';
  }
  if (claim.qualifier && LOWER_BOUNDS.has(claim.qualifier)) return r >= c ? 'agree' : 'conflict';
  if (claim.qualifier && UPPER_BOUNDS.has(claim.qualifier)) return r <= c ? 'agree' : 'conflict';
  if (claim.qualifier || ref.qualifier) return close(0.15) ? 'agree' : 'conflict';
  return close(0.005) ? 'agree' : 'conflict';
}

function compareNumber(n: CountedNumber, refs: CountedNumber[]): Compared<CountedNumber> {
  const comparable = refs.filter((r) => r.unit === n.unit && (n.about.length === 0 ? false : r.about.some((s) => n.about.includes(s))));
  if (comparable.length === 0) {
    const exact = refs.find((r) => r.unit === n.unit && numbersFit(n, r) === 'agree');
    return exact && n.about.length === 0 ? { state: 'agree', other: exact, about: [] } : { state: 'absent', about: n.about };
  }
  const fits = comparable.map((r) => numbersFit(n, r));
  const agree = comparable[fits.indexOf('agree')];
  if (agree) return { state: 'agree', other: agree, about: n.about };
  const conflict = comparable[fits.indexOf('conflict')];
  if (conflict) return { state: 'conflict', other: conflict, about: n.about };
  return { state: 'unknown', about: n.about };
}

/** "2015" fits "2015-03"; "2015/2020" contains 2017; "2012" does not fit "2016". */
export function datesFit(a: string, b: string): boolean {
  const range = (s: string): [string, string] => {
    const [from, to] = s.split('/');
    return [from, to ?? from];
  };
  const [a1, a2] = range(a);
  const [b1, b2] = range(b);
  const cmp = (x: string, y: string, end: boolean) => {
    const n = Math.min(x.length, y.length);
    const xs = x.slice(0, n);
    const ys = y.slice(0, n);
    return end ? xs >= ys : xs <= ys;
  };
  // overlap of [a1, a2] and [b1, b2] at the coarser precision
  return cmp(a1, b2, false) && cmp(b1, a2, false) && !(a1.startsWith('--') !== b1.startsWith('--'));
}

function compareDate(d: PlacedDate, refs: PlacedDate[]): Compared<PlacedDate> {
  const dated = refs.filter((r) => r.normalized);
  const fitting = dated.find((r) => datesFit(d.normalized!, r.normalized!));
  const sameAbout = dated.filter((r) => r.about.some((s) => d.about.includes(s)));
  if (fitting && (sameAbout.length === 0 || sameAbout.includes(fitting))) return { state: 'agree', other: fitting, about: d.about };
  const conflict = sameAbout.find((r) => !datesFit(d.normalized!, r.normalized!));
  if (conflict) return { state: 'conflict', other: conflict, about: d.about };
  return { state: fitting ? 'agree' : 'absent', other: fitting, about: d.about };
}

/**
 * Only one side negated: the passage negates a word the claim asserts ("no evidence of
 * arson" against "caused by arson"), or the claim negates what the passage states.
 */
function negationConflicts(claim: TextFacts, passage: TextFacts): Conflict[] {
  const lex = verificationLexicon();
  const claimNeg = claim.negations[0];
  if (!claimNeg) {
    for (const neg of passage.negations) {
      const sentence = splitSentences(passage.text).find((s) => s.start <= neg.start && neg.end <= s.end);
      if (!sentence) continue;
      const scope = passage.tokens.filter((t) => t.start > neg.start && t.end <= sentence.end && !lex.stopwords.has(t.norm)).slice(0, 4);
      const hit = scope.find((t) => claim.stemSet.has(stem(t.norm)) && !passage.canonicals.has(t.text));
      if (!hit) continue;
      const said = passage.text.slice(neg.start, hit.end);
      return [{ kind: 'negation', reason: `the reference says "${said}"`, passage: { start: neg.start, end: hit.end }, claim: spanOfStem(claim, stem(hit.norm)) }];
    }
    return [];
  }
  const best = bestSentence(claim, passage);
  if (passage.negations.some((t) => t.start >= best.start && t.end <= best.end)) return [];
  return [{ kind: 'negation', reason: `the claim says "${claimNeg.text}" but the reference states it: "${clip(passage.text, best)}"`, passage: best, claim: { start: claimNeg.start, end: claimNeg.end } }];
}

function spanOfStem(facts: TextFacts, s: string): Span {
  const t = facts.tokens.find((x) => stem(x.norm) === s);
  return t ? { start: t.start, end: t.end } : { start: 0, end: facts.text.length };
}

/** The passage sentence sharing most content words with the claim. */
function bestSentence(claim: TextFacts, passage: TextFacts): Span {
  let best: Span = { start: 0, end: passage.text.length };
  let bestScore = -1;
  for (const s of splitSentences(passage.text)) {
    const stems = new Set(passage.tokens.filter((t) => t.start >= s.start && t.end <= s.end).map((t) => stem(t.norm)));
    const score = [...claim.stemSet].filter((x) => stems.has(x)).length;
    if (score > bestScore) {
      best = s;
      bestScore = score;
    }
  }
  return best;
}

function clip(text: string, span: Span, max = 160): string {
  return clipText(text.slice(span.start, span.end), max);
}

/** "founded in 2016" from the words before a date in the passage. */
function phrase(text: string, d: PlacedDate, about: string[]): string {
  const before = text.slice(Math.max(0, d.start - 40), d.start);
  const words = before.split(/\s+/).filter(Boolean);
  const tail = words.slice(-2).join(' ');
  return about.length > 0 && tail ? `${tail} ${d.text}`.replace(/\s+/g, ' ') : d.text;
}

/** "police officers" after "17" in the passage (content words up to the first function word), for the explanation. */
function wordsAfter(text: string, n: CountedNumber): string {
  const stop = verificationLexicon().stopwords;
  const words: string[] = [];
  for (const m of text.slice(n.end, n.end + 60).matchAll(/[\p{L}'’-]+|[^\s\p{L}]/gu)) {
    if (!/^\p{L}/u.test(m[0]) || stop.has(m[0].toLowerCase()) || words.length === 3) break;
    words.push(m[0]);
  }
  return words.join(' ');
}

function sentencesWith(passage: TextFacts, words: Set<string>): Span[] {
  return splitSentences(passage.text).filter((s) => passage.tokens.some((t) => t.start >= s.start && t.end <= s.end && words.has(t.norm)));
}

/** "X is the leader of G" against a reference naming another leader of G. */
function roleConflicts(claim: TextFacts, passage: TextFacts): Conflict[] {
  const lex = verificationLexicon();
  const out: Conflict[] = [];
  const roles = claim.tokens.filter((t) => lex.roles.has(t.norm));
  const claimPeople = claim.entities.filter((e) => e.type === 'person' && e.confidence >= 0.5);
  if (roles.length === 0 || claimPeople.length === 0) return out;
  const orgs = claim.entities.filter((e) => e.type !== 'person' && e.confidence >= 0.5).map((e) => e.canonical);
  for (const role of roles) {
    for (const sentence of sentencesWith(passage, new Set([role.norm]))) {
      const inside = passage.entities.filter((e) => e.start >= sentence.start && e.end <= sentence.end && e.confidence >= 0.5);
      if (orgs.length > 0 && !orgs.every((o) => inside.some((e) => e.canonical === o))) continue;
      const holders = inside.filter((e) => e.type === 'person');
      if (holders.length === 0 || holders.some((h) => claimPeople.some((p) => p.canonical === h.canonical))) continue;
      if (claimPeople.some((p) => passage.canonicals.has(p.canonical))) continue;
      out.push({
        kind: 'role',
        reason: `the reference names ${holders[0].surface} as ${role.text}${orgs.length ? ` of ${orgs.join(', ')}` : ''}, the claim names ${claimPeople[0].surface}`,
        passage: { start: holders[0].start, end: holders[0].end },
        claim: { start: claimPeople[0].start, end: claimPeople[0].end },
      });
      return out;
    }
  }
  return out;
}

/** The claim has a person acting (present tense or a later date) whom the reference reports killed or dead. */
function deathConflicts(claim: TextFacts, passage: TextFacts): Conflict[] {
  const lex = verificationLexicon();
  if (claim.tokens.some((t) => lex.deaths.has(t.norm))) return [];
  const people = claim.entities.filter((e) => e.type === 'person' && e.confidence >= 0.5);
  if (people.length === 0) return [];
  const living = claim.tokens.find((t) => lex.living.has(t.norm));
  const claimYear = Math.max(0, maxOf(claim.dates.map((d) => Number((d.normalized ?? '').slice(0, 4)) || 0)));
  for (const sentence of sentencesWith(passage, lex.deaths)) {
    const person = passage.entities.find((e) => e.start >= sentence.start && e.end <= sentence.end && people.some((p) => p.canonical === e.canonical));
    if (!person) continue;
    const death = passage.tokens.find((t) => t.start >= person.end && t.end <= sentence.end && lex.deaths.has(t.norm));
    if (!death) continue;
    const date = passage.dates.find((d) => d.start >= sentence.start && d.end <= sentence.end && d.normalized && /^\d{4}/.test(d.normalized));
    const deathYear = date ? Number(date.normalized!.slice(0, 4)) : 0;
    if (!(living || (deathYear && claimYear > deathYear))) continue;
    const when = date ? ` in ${date.text}` : '';
    return [{
      kind: 'death',
      reason: `the reference says ${person.surface} was ${death.norm === 'dead' ? 'dead' : death.text}${when}, the claim has them acting${claimYear > deathYear && claimYear ? ` in ${claimYear}` : ''}`,
      passage: { start: person.start, end: (date && date.end <= sentence.end ? Math.max(date.end, death.end) : death.end) },
      claim: { start: people[0].start, end: people[0].end },
    }];
  }
  return [];
}
