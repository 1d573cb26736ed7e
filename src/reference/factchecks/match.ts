import { maxOf } from '../../core/arrays.js';
import { DiscernError } from '../../core/errors.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../core/paths.js';
import { sigmoid, type SparseFeatures } from '../../nlp/logistic.js';
import type { FactCheck } from '../../store/reference.js';
import { appearanceTexts } from './claimreview.js';
import { byScoreThenText, compareText, competitionRanks, topTied } from './ranking.js';
import { TfidfIndex, words } from './tfidf.js';

/**
 * Is this claim already fact-checked? Two stages: TF-IDF cosine (word 1–2-grams + char
 * 3–5-grams) proposes candidates; a logistic re-ranker trained on CheckThat! 2020 task 2
 * (scripts/train-factcheck-match.ts, weights in models/factcheck-match.json) scores each
 * pair on features that reach past shared words: character overlap of differently
 * inflected or hashtagged words, how rare the shared words are, how much of the checked
 * claim the text covers, shared numbers and names, and each candidate's standing in both
 * rankings. The score is the re-ranker's probability that the pair is a match.
 *
 * A user's own fact-check collection may hold ten items, not ten thousand: a candidate's
 * standing ("best of the collection", the gap to the best) then says little, and with
 * few documents every shared word looks rare. So the standing features are scaled by how
 * large the collection is, the model sees that size, it is trained on collections of 10 to
 * 10,389 fact-checks (scripts/train-factcheck-match.ts), and a pair is reported as a match
 * only when it shares at least one content word, which the explanation names.
 *
 * A fact-check also carries the places its claim appeared (ClaimReview itemReviewed.appearance,
 * as aggregators list the posts that spread it): a new text worded like one of them is the same
 * claim even when the fact-checker's own wording shares few of its words. Each candidate's
 * similarity to its nearest appearance is a feature, and the fact-checks of the nearest
 * appearances join the candidates.
 *
 * A copied post carries a trailer ("— Name (@handle) Month D, YYYY"). The account's name often
 * names the subject, but as often it pulls in a fact-check about the account itself (a
 * commentator's book, a namesake): the re-ranker also sees each candidate's cosines to the
 * post's body without its trailer, and the nearest ones to the body join the candidates.
 *
 * The re-ranker is trained pairwise (each relevant fact-check against each other candidate of
 * the same text), which orders candidates better than judging each pair alone; a second,
 * pointwise layer turns that ranking score, with the collection's size, into the probability
 * that is reported and compared with the threshold.
 */

export const FEATURES = [
  'bias',
  'word-cosine',
  'char-cosine',
  'word-rank',
  'char-rank',
  'word-gap',
  'char-gap',
  'claim-coverage',
  'text-coverage',
  'rare-shared',
  'shared-numbers',
  'shared-names',
  'product',
  'char-squared',
  'word-rank-top',
  'char-rank-top',
  'collection-size',
  'shared-content',
  'appearance-similarity',
  'has-appearances',
  'body-word-cosine',
  'body-char-cosine',
  'body-char-rank',
  'body-char-gap',
] as const;

/** Inputs of the probability layer, in this order. */
export const CALIBRATION_INPUTS = ['ranking-score', 'collection-size', 'ranking-score×collection-size'] as const;

/** Function words and words every fact-check uses, never evidence of the same claim. */
const NOT_CONTENT = new Set(
  'a about above after again against all also am an and any are as at be because been before being below between both but by can could did do does doing down during each even few for from further had has have having he her here hers him his how i if in into is it its just me more most my no nor not now of off on once only or other our out over own same she should so some such than that the their them then there these they this those through to too under until up very was we were what when where which while who whom why will with would you your said says say shows show photo photograph picture image video claim claims'.split(' '),
);

/** Content words of a text (lower case, 3 letters or more, no function words). */
export function contentWords(text: string): Set<string> {
  return new Set(words(text).filter((w) => w.length > 2 && !NOT_CONTENT.has(w)));
}

/** How far a collection's size lets a candidate's standing count: 0 for one item, 1 from 1,000. */
export function standingWeight(size: number): number {
  return Math.min(1, Math.log(1 + size) / Math.log(1 + 1000));
}

export interface MatchModel {
  features: readonly string[];
  /** the ranking score's weights (pairwise-trained, so no bias of its own) */
  weights: number[];
  /** ranking score, collection size → probability of a match */
  calibration: { inputs: readonly string[]; weights: number[]; bias: number };
  /** candidates re-ranked per text */
  candidates: number;
  /** pairs under this probability are not reported as matches */
  threshold: number;
}

export interface Candidate {
  index: number;
  score: number;
  /** content words the text and the fact-check (or the appearance below) share, rarest in the collection first (at most 5) */
  shared: string[];
  /** the fact-check's recorded appearance the text is worded most like, when it is closer to it than to the fact-check itself */
  appearance?: string;
}

/** The text a fact-check is matched on: the claim as reviewed, and the review's headline. */
export function matchText(check: Pick<FactCheck, 'claimReviewed' | 'headline'>): string {
  return check.headline && check.headline !== check.claimReviewed ? `${check.claimReviewed} ${check.headline}` : check.claimReviewed;
}

/** A matcher over stored fact-checks, with the appearances each one records and those analysts confirmed (per check, in order). */
export function matcherFor(checks: readonly FactCheck[], model?: MatchModel, confirmed: ReadonlyArray<readonly string[]> = []): FactCheckMatcher {
  return new FactCheckMatcher(checks.map(matchText), model, checks.map((c, i) => [...appearanceTexts(c.itemReviewed), ...(confirmed[i] ?? [])]));
}

/** Candidates re-ranked per text, from the fact-checks of this many nearest appearances. */
const APPEARANCE_CANDIDATES = 5;
/** Candidates re-ranked per text, from this many nearest to the post's body without its trailer. */
export const BODY_CANDIDATES = 10;

const MONTHS = 'January|February|March|April|May|June|July|August|September|October|November|December';
/** The trailer a copied post carries: "— Name (@handle) Month D, YYYY" (several when a post quotes another). */
const TRAILER = new RegExp(`[—–]\\s*[^—–\\n]{0,80}?\\(@\\w{1,30}\\)\\s+(?:${MONTHS})\\s+\\d{1,2},\\s+(?:19|20)\\d\\d`, 'gu');

/**
 * A copied post without its trailers. The trailer names the account, and an account's name
 * often names the subject (so it stays in the text that is matched), but as often it names
 * someone a different fact-check is about — a commentator's own book, a namesake: the
 * re-ranker sees the body's similarity beside the whole text's and weighs the two.
 */
export function postBody(text: string): string {
  return text.replace(TRAILER, ' ').trim();
}

export class FactCheckMatcher {
  private readonly word: TfidfIndex;
  private readonly char: TfidfIndex;
  private readonly docWords: Array<Set<string>>;
  private readonly docNames: Array<Set<string>>;
  private readonly docContent: Array<Set<string>>;
  /** every recorded appearance, flat, with the fact-check it belongs to */
  private readonly appearanceText: string[] = [];
  private readonly appearanceOwner: number[] = [];
  private readonly appearanceIndex: TfidfIndex | null;
  private readonly hasAppearances: Uint8Array;

  constructor(
    readonly texts: string[],
    readonly model: MatchModel = loadMatchModel(),
    appearances: ReadonlyArray<readonly string[]> = [],
  ) {
    this.word = new TfidfIndex(texts, 'word');
    this.char = new TfidfIndex(texts, 'char');
    this.docWords = texts.map((t) => new Set(words(t)));
    this.docNames = texts.map(names);
    this.docContent = texts.map(contentWords);
    this.hasAppearances = new Uint8Array(texts.length);
    appearances.forEach((list, owner) => {
      if (owner >= texts.length) return;
      for (const a of list) {
        this.appearanceText.push(a);
        this.appearanceOwner.push(owner);
        this.hasAppearances[owner] = 1;
      }
    });
    this.appearanceIndex = this.appearanceText.length > 0 ? new TfidfIndex(this.appearanceText, 'char') : null;
  }

  /** Per fact-check: the cosine to its nearest appearance and which appearance that is (−1: none). */
  private nearestAppearances(text: string): { score: Float32Array; which: Int32Array; top: number[] } {
    const score = new Float32Array(this.texts.length);
    const which = new Int32Array(this.texts.length).fill(-1);
    if (!this.appearanceIndex) return { score, which, top: [] };
    const s = this.appearanceIndex.scores(text);
    for (let a = 0; a < s.length; a++) {
      const owner = this.appearanceOwner[a];
      if (s[a] > score[owner]) {
        score[owner] = s[a];
        which[owner] = a;
      }
    }
    return { score, which, top: topTied(s, APPEARANCE_CANDIDATES).map((a) => this.appearanceOwner[a]) };
  }

  /** The baseline: word + char TF-IDF cosine, averaged; the k best and any tied with the k-th (ranking.ts). */
  baseline(text: string, k: number): Candidate[] {
    const w = this.word.scores(text);
    const c = this.char.scores(text);
    const sum = w.map((x, i) => (x + c[i]) / 2);
    return topTied(sum, k)
      .map((index) => ({ index, score: sum[index], shared: [] }))
      .sort(byScoreThenText(this.texts));
  }

  /** Feature vectors of the top candidates (for training and for scoring). */
  candidateFeatures(text: string): Array<{ index: number; x: number[]; shared: string[]; appearance?: string }> {
    const w = this.word.scores(text);
    const c = this.char.scores(text);
    const sum = w.map((x, i) => (x + c[i]) / 2);
    const near = this.nearestAppearances(text);
    const body = postBody(text);
    const stripped = body !== text.trim() && body !== '';
    const bw = stripped ? this.word.scores(body) : w;
    const bc = stripped ? this.char.scores(body) : c;
    // every pool is tie-complete and every rank a competition rank (ranking.ts), so that
    // neither which candidates are seen nor their features depend on the collection's order
    const bodyPool = stripped ? topTied(bw.map((x, i) => (x + bc[i]) / 2), BODY_CANDIDATES) : [];
    const pool = [...new Set([...topTied(sum, this.model.candidates), ...bodyPool, ...near.top])].sort((a, b) => sum[b] - sum[a] || compareText(this.texts[a], this.texts[b]) || a - b);
    if (pool.length === 0) return [];
    const bcRank = competitionRanks(bc, pool);
    const bcTop = maxOf(pool.map((i) => bc[i]));
    const wRank = competitionRanks(w, pool);
    const cRank = competitionRanks(c, pool);
    const wTop = maxOf(pool.map((i) => w[i]));
    const cTop = maxOf(pool.map((i) => c[i]));
    const qWords = new Set(words(text));
    const qNames = names(text);
    const qNumbers = [...qWords].filter((x) => /^\d/.test(x));
    const qContent = contentWords(text);
    const standing = standingWeight(this.texts.length);
    return pool.map((index) => {
      const dWords = this.docWords[index];
      const shared = [...dWords].filter((x) => qWords.has(x));
      const content = [...dWords].filter((x) => x.length > 2);
      const rare = shared.reduce((m, x) => Math.max(m, this.word.idfOf(x)), 0) / (Math.log(1 + this.word.size) + 1);
      const sharedNumbers = qNumbers.filter((x) => dWords.has(x)).length;
      const sharedNames = [...qNames].filter((x) => this.docNames[index].has(x)).length;
      const viaAppearance = near.which[index] >= 0 && near.score[index] > c[index] ? this.appearanceText[near.which[index]] : undefined;
      const matched = viaAppearance === undefined ? this.docContent[index] : new Set([...this.docContent[index], ...contentWords(viaAppearance)]);
      const sharedContent = [...matched].filter((x) => qContent.has(x)).sort((a, b) => this.word.idfOf(b) - this.word.idfOf(a) || (a < b ? -1 : 1));
      const x = [
        1,
        w[index],
        c[index],
        standing / wRank.get(index)!,
        standing / cRank.get(index)!,
        standing * (w[index] - wTop),
        standing * (c[index] - cTop),
        content.length ? content.filter((t) => qWords.has(t)).length / content.length : 0,
        qWords.size ? shared.length / qWords.size : 0,
        rare,
        Math.min(sharedNumbers, 3) / 3,
        Math.min(sharedNames, 3) / 3,
        w[index] * c[index],
        c[index] * c[index],
        wRank.get(index) === 1 ? standing : 0,
        cRank.get(index) === 1 ? standing : 0,
        standing,
        Math.min(sharedContent.length, 4) / 4,
        near.score[index],
        this.hasAppearances[index],
        bw[index],
        bc[index],
        standing / bcRank.get(index)!,
        standing * (bc[index] - bcTop),
      ];
      return { index, x, shared: sharedContent.slice(0, 5), ...(viaAppearance === undefined ? {} : { appearance: viaAppearance }) };
    });
  }

  /**
   * The best matches for a text, by the re-ranker's probability, best first (equal ones by the
   * fact-check's text, never by its position in the collection). With a
   * minimum score above 0 (reporting matches, not ranking every candidate), a pair that
   * shares no content word is never a match, whatever its character overlap.
   */
  match(text: string, k: number, minScore = this.model.threshold): Candidate[] {
    const standing = standingWeight(this.texts.length);
    return this.candidateFeatures(text)
      .map(({ x, ...rest }) => ({ ...rest, score: matchProbability(this.model, rankingScore(this.model, x), standing) }))
      .filter((c) => c.score >= minScore && (minScore <= 0 || c.shared.length > 0))
      .sort(byScoreThenText(this.texts))
      .slice(0, k);
  }
}

/** The pairwise-trained ranking score of one candidate's features. */
export function rankingScore(model: MatchModel, x: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += model.weights[i] * x[i];
  return s;
}

/** Inputs of the probability layer (CALIBRATION_INPUTS). */
export function calibrationInputs(ranking: number, standing: number): number[] {
  return [ranking, standing, ranking * standing];
}

export function matchProbability(model: MatchModel, ranking: number, standing: number): number {
  const { weights, bias } = model.calibration;
  const inputs = calibrationInputs(ranking, standing);
  let z = bias;
  for (let i = 0; i < inputs.length; i++) z += weights[i] * inputs[i];
  return sigmoid(z);
}

export function dense(x: number[]): SparseFeatures {
  return { indices: x.map((_, i) => i), values: x };
}

/**
 * Capitalised words that are not sentence-initial: a cheap stand-in for names. A name ends on a
 * letter: a closing quote mark is no part of it (claims alike but for ' and " share their names).
 */
export function names(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(/(?<=[\p{L}\p{N},;:]\s+)(\p{Lu}[\p{L}'’-]+\p{L})/gu)) out.add(m[1].toLowerCase());
  return out;
}

export const MATCH_MODEL_PATH = join(packageRoot(), 'models', 'factcheck-match.json');
let loaded: MatchModel | null = null;

export function loadMatchModel(): MatchModel {
  loaded ??= checkMatchModel(JSON.parse(readFileSync(MATCH_MODEL_PATH, 'utf8')) as MatchModel, MATCH_MODEL_PATH);
  return loaded;
}

/** A model file trained on other features than these would score garbage: refuse it. */
export function checkMatchModel(model: MatchModel, source: string): MatchModel {
  const calibration = model.calibration as MatchModel['calibration'] | undefined;
  if (model.features.join(',') !== FEATURES.join(',') || model.weights.length !== FEATURES.length || calibration?.inputs.join(',') !== CALIBRATION_INPUTS.join(',') || calibration.weights.length !== CALIBRATION_INPUTS.length) {
    throw new DiscernError('INPUT_MALFORMED', 'the fact-check re-ranker was trained on other features than this Discern computes: run `npm run train:factcheck-match`', source);
  }
  return model;
}

/** MAP@k with one or more relevant items per query (CheckThat! 2020 task 2's official metric). */
export function meanAveragePrecision(ranked: number[][], relevant: Array<Set<number>>, k: number): number {
  let total = 0;
  ranked.forEach((list, q) => {
    const rel = relevant[q];
    let hits = 0;
    let sum = 0;
    list.slice(0, k).forEach((doc, i) => {
      if (rel.has(doc)) {
        hits++;
        sum += hits / (i + 1);
      }
    });
    total += rel.size ? sum / Math.min(rel.size, k) : 0;
  });
  return ranked.length ? total / ranked.length : 0;
}
