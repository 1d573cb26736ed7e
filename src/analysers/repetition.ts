import type { FindingDraft, Span } from '../core/types.js';
import type { DocumentAnalyzer, Sentence } from './analyzer.js';
import type { Token } from '../nlp/tokens.js';

/** Sentences shorter than this repeat by chance ("We agree."). */
const MIN_WORDS = 6;
/** Word-bigram Jaccard at or above which two sentences are near-verbatim repeats. */
const NEAR_THRESHOLD = 0.7;
const SHINGLE = 2;

interface Unit {
  sentence: Sentence;
  words: string[];
  key: string;
  shingles: Set<string>;
}

interface Pair {
  first: number;
  later: number;
  similarity: number;
}

/**
 * Sentences or passages an article repeats verbatim or nearly so — a rhetorical device
 * (PTC's Repetition) and a trace of careless copy-and-paste assembly. Candidate pairs come
 * from an inverted index of word pairs, so long documents stay near-linear.
 */
export const repetitionAnalyzer: DocumentAnalyzer = {
  scope: 'document',
  name: 'repetition',
  version: '1.1.0',
  kinds: ['repetition'],
  description: 'Sentences and passages repeated verbatim or nearly so within one document.',
  analyze(ctx) {
    const units = ctx
      .sentences()
      .filter((s) => s.sectionKind === 'body' || s.sectionKind === 'heading')
      .map((sentence) => toUnit(sentence, ctx.tokens(sentence.start, sentence.end)))
      .filter((u) => u.words.length >= MIN_WORDS);
    return mergeIntoPassages(findPairs(units)).map((passage) => toFinding(ctx.doc.text, units, passage));
  },
};

function toUnit(sentence: Sentence, tokens: Token[]): Unit {
  const words = tokens.map((t) => t.norm);
  const shingles = new Set<string>();
  for (let i = 0; i + SHINGLE <= words.length; i++) shingles.add(words.slice(i, i + SHINGLE).join(' '));
  return { sentence, words, key: words.join(' '), shingles };
}

/** Word pairs in more sentences than this ("of the") generate no candidates: they would make long documents quadratic. */
const MAX_POSTING = 50;

function findPairs(units: Unit[]): Pair[] {
  const exact = new Map<string, number>();
  const index = new Map<string, number[]>();
  const pairs: Pair[] = [];
  units.forEach((unit, later) => {
    const first = exact.get(unit.key);
    let best: Pair | null = first === undefined ? null : { first, later, similarity: 1 };
    const seen = new Set<number>();
    for (const shingle of best ? [] : unit.shingles) {
      const list = index.get(shingle);
      if (!list || list.length > MAX_POSTING) continue;
      for (const candidate of list) {
        if (seen.has(candidate)) continue;
        seen.add(candidate);
        const similarity = jaccard(unit.shingles, units[candidate].shingles);
        if (similarity >= NEAR_THRESHOLD && (!best || similarity > best.similarity)) best = { first: candidate, later, similarity };
      }
    }
    if (best) pairs.push(best);
    if (!exact.has(unit.key)) exact.set(unit.key, later);
    for (const shingle of unit.shingles) {
      const list = index.get(shingle) ?? [];
      if (list.length <= MAX_POSTING) list.push(later);
      index.set(shingle, list);
    }
  });
  return pairs;
}

function jaccard(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const x of a) if (b.has(x)) shared++;
  return shared / (a.size + b.size - shared);
}

interface Passage {
  first: [number, number];
  later: [number, number];
  similarity: number;
}

/** Consecutive repeated sentences (i→j, i+1→j+1, …) form one repeated passage. */
function mergeIntoPassages(pairs: Pair[]): Passage[] {
  const passages: Passage[] = [];
  for (const pair of pairs) {
    const last = passages[passages.length - 1];
    if (last && pair.first === last.first[1] + 1 && pair.later === last.later[1] + 1) {
      const n = last.later[1] - last.later[0] + 1;
      last.first[1] = pair.first;
      last.later[1] = pair.later;
      last.similarity = (last.similarity * n + pair.similarity) / (n + 1);
    } else {
      passages.push({ first: [pair.first, pair.first], later: [pair.later, pair.later], similarity: pair.similarity });
    }
  }
  return passages;
}

function toFinding(text: string, units: Unit[], passage: Passage): FindingDraft {
  const first: Span = { start: units[passage.first[0]].sentence.start, end: units[passage.first[1]].sentence.end };
  const later: Span = { start: units[passage.later[0]].sentence.start, end: units[passage.later[1]].sentence.end };
  const sentences = passage.later[1] - passage.later[0] + 1;
  const verbatim = text.slice(first.start, first.end) === text.slice(later.start, later.end);
  const what = sentences > 1 ? `This passage of ${sentences} sentences` : 'This sentence';
  const how = verbatim ? 'word for word' : `nearly word for word (${Math.round(passage.similarity * 100)}% of word pairs shared)`;
  return {
    kind: 'repetition',
    label: verbatim ? 'verbatim' : 'near-verbatim',
    start: later.start,
    end: later.end,
    score: verbatim ? 1 : passage.similarity,
    explanation: `${what} repeats, ${how}, the text at characters ${first.start}–${first.end}: "${preview(text.slice(first.start, first.end))}".`,
    data: { firstStart: first.start, firstEnd: first.end, sentences, similarity: passage.similarity },
  };
}

function preview(quote: string): string {
  return quote.length > 80 ? `${quote.slice(0, 77)}…` : quote;
}
