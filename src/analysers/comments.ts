import { readFileSync } from 'node:fs';
import type { Document, FindingDraft, Section } from '../core/types.js';
import { dataPath } from '../core/paths.js';
import { splitSentences } from '../nlp/sentences.js';
import { tokenize, type Token } from '../nlp/tokens.js';
import { LshIndex, MinHasher, shingleSet } from '../corpus/minhash.js';
import type { DocumentAnalyzer, DocumentContext } from './analyzer.js';
import { applicable, explainScore, loadMachineTextModel, scoreText, signalScore, type MachineTextModel } from './comments/machine-text-model.js';

/**
 * Per-comment signals of inauthentic commenting: a shared skeleton with other comments once
 * names, topic words and numbers are masked; genericity (praise and vague evaluation with no
 * fact, name or argument of its own); echoing the article's own terms; replies that only
 * agree; uniform length and register across the section; commenter-name patterns; comment
 * spam; and style typical of machine-written text (a trained linear model, models/machine-text.json).
 * Every signal carries the words or features that triggered it. Lexicons: data/lexicons/comments/.
 */

export interface CommentSignal {
  name: SignalName;
  /** 0..1 */
  score: number;
  evidence: string;
}

export type SignalName =
  | 'templated'
  | 'generic-praise'
  | 'headline-echo'
  | 'bare-affirmation'
  | 'uniform-style'
  | 'name-pattern'
  | 'self-promotion'
  | 'machine-written';

export interface CommentAssessment {
  /** index in doc.sections */
  section: number;
  start: number;
  end: number;
  author: string | null;
  parent: number | null;
  text: string;
  /** the comment with topic words (T), names (N) and numbers (#) masked */
  skeleton: string;
  signals: CommentSignal[];
  /** marks of a person in a discussion that lowered the score (disagreement, experience, informal) */
  counter: string[];
  /** 0..1 combined */
  score: number;
  /** the strongest signal, or 'none' */
  label: SignalName | 'none';
  /** index (into the section's assessment list) of the most similar other comment, and its skeleton similarity */
  nearest: { index: number; similarity: number } | null;
  /** probability of machine-written style by the model, or null when the comment is not scored (too short, not English, no model) */
  machine: number | null;
}

// ---- lexicons -------------------------------------------------------------------------

interface PhraseEntry {
  phrase: string;
  weight?: number;
  kind?: string;
  reason: string;
}

interface NamePattern {
  pattern: string;
  weight: number;
  label: string;
  reason: string;
}

export interface CommentLexicons {
  generic: PhraseEntry[];
  meta: PhraseEntry[];
  affirmations: PhraseEntry[];
  organic: PhraseEntry[];
  promotion: PhraseEntry[];
  namePatterns: Array<NamePattern & { regex: RegExp }>;
  givenNames: Set<string>;
  familyNames: Set<string>;
  stopwords: Set<string>;
  /** every word of a generic or meta phrase: part of a template, never "own content" */
  genericWords: Set<string>;
}

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(dataPath('lexicons', 'comments', file), 'utf8')) as T;
}

let cachedLexicons: CommentLexicons | null = null;

export function loadCommentLexicons(): CommentLexicons {
  if (cachedLexicons) return cachedLexicons;
  const generic = readJson<{ entries: PhraseEntry[] }>('generic.json').entries;
  const meta = readJson<{ entries: PhraseEntry[] }>('meta-reference.json').entries;
  const names = readJson<{ patterns: NamePattern[]; common: { given: string[]; family: string[] } }>('names.json');
  const stop = readJson<{ entries: Array<{ words: string[] }> }>('stopwords.json').entries.flatMap((e) => e.words);
  const genericWords = new Set<string>();
  for (const e of [...generic, ...meta]) for (const w of e.phrase.split(' ')) genericWords.add(w);
  cachedLexicons = {
    generic,
    meta,
    affirmations: readJson<{ entries: PhraseEntry[] }>('affirmations.json').entries,
    organic: readJson<{ entries: PhraseEntry[] }>('organic-markers.json').entries,
    promotion: readJson<{ entries: PhraseEntry[] }>('promotion.json').entries,
    namePatterns: names.patterns.map((p) => ({ ...p, regex: new RegExp(p.pattern, 'u') })),
    givenNames: new Set(names.common.given),
    familyNames: new Set(names.common.family),
    stopwords: new Set(stop),
    genericWords,
  };
  return cachedLexicons;
}

// ---- helpers --------------------------------------------------------------------------

const clamp = (x: number): number => Math.max(0, Math.min(1, x));
const round = (x: number): number => Math.round(x * 1000) / 1000;

/** A crude stem so "nuance"/"nuanced" and "allegation"/"allegations" meet. */
function stem(word: string): string {
  return word.length > 5 ? word.slice(0, 5) : word;
}

function isNumber(token: Token): boolean {
  return /^\p{N}/u.test(token.text);
}

/** Phrases of `entries` found in the comment's normalised word string " w1 w2 … ". */
function matchPhrases(joined: string, entries: PhraseEntry[]): PhraseEntry[] {
  const found: PhraseEntry[] = [];
  for (const e of entries) if (joined.includes(` ${e.phrase} `)) found.push(e);
  // a longer phrase that contains a shorter one counts once: keep the longest
  return found.filter((e) => !found.some((o) => o !== e && o.phrase.length > e.phrase.length && o.phrase.includes(e.phrase)));
}

/** Register features of casual writing (their absence in every comment is uniformity). */
function informalFeatures(text: string): string[] {
  const out: string[] = [];
  if (/(^|[.!?]\s+)\p{Ll}/u.test(text.trim())) out.push('lower-case sentence start');
  if (/\bi\b/.test(text)) out.push('lower-case "i"');
  if (/[!?]{2,}/.test(text)) out.push('repeated punctuation');
  // three capitalised words in a row: shouting, not an acronym
  if (/\b\p{Lu}{2,}\s+\p{Lu}{2,}\s+\p{Lu}{2,}\b/u.test(text)) out.push('shouting capitals');
  if (/\b(dont|cant|wont|didnt|doesnt|isnt|wasnt|thats|its a|youll|im|ive|alot|wasn't it)\b/i.test(text)) out.push('informal spelling');
  if (!/[.!?…)"”]$/u.test(text.trim())) out.push('no final punctuation');
  if (/\p{Extended_Pictographic}/u.test(text)) out.push('emoji');
  return out;
}

interface ArticleVocabulary {
  stems: Set<string>;
  /** surface forms of capitalised words in the article, lower-cased */
  names: Set<string>;
  numbers: Set<string>;
  /** title words (or the body's most frequent content words when there is no title) */
  headline: Set<string>;
}

function articleVocabulary(doc: Document, lex: CommentLexicons): ArticleVocabulary {
  const stems = new Set<string>();
  const names = new Set<string>();
  const numbers = new Set<string>();
  const counts = new Map<string, number>();
  const headline = new Set<string>();
  for (const section of doc.sections) {
    if (section.kind === 'comment' || section.kind === 'boilerplate') continue;
    for (const t of tokenize(doc.text, section.start, section.end)) {
      if (isNumber(t)) {
        numbers.add(t.text.replace(/,/g, ''));
        continue;
      }
      const stemmed = stem(t.norm);
      stems.add(stemmed);
      if (/^\p{Lu}/u.test(t.text)) names.add(t.norm);
      if (lex.stopwords.has(t.norm) || t.norm.length < 3) continue;
      if (section.kind === 'title') headline.add(stemmed);
      counts.set(stemmed, (counts.get(stemmed) ?? 0) + 1);
    }
  }
  const title = doc.source.title;
  if (title) for (const t of tokenize(title)) if (!lex.stopwords.has(t.norm) && t.norm.length >= 3) headline.add(stem(t.norm));
  if (headline.size === 0) {
    const top = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 12);
    for (const [s] of top) headline.add(s);
  }
  return { stems, names, numbers, headline };
}

// ---- skeletons ------------------------------------------------------------------------

interface Skeleton {
  tokens: string[];
  grams: Set<string>;
}

/** Masks numbers (#), capitalised names mid-sentence (N) and the article's topic words (T). */
function skeletonOf(doc: Document, section: Section, tokens: Token[], vocab: ArticleVocabulary, lex: CommentLexicons): Skeleton {
  const sentenceStarts = new Set(splitSentences(doc.text, section.start, section.end).map((s) => s.start));
  const out: string[] = [];
  for (const t of tokens) {
    let mask: string;
    if (isNumber(t)) mask = '#';
    else if (lex.stopwords.has(t.norm) || lex.genericWords.has(t.norm)) mask = t.norm;
    else if (/^\p{Lu}/u.test(t.text) && !sentenceStarts.has(t.start)) mask = 'N';
    else if (vocab.stems.has(stem(t.norm))) mask = 'T';
    else mask = t.norm;
    if ((mask === 'T' || mask === 'N' || mask === '#') && out[out.length - 1] === mask) continue;
    out.push(mask);
  }
  const grams = new Set<string>();
  for (let i = 0; i + 3 <= out.length; i++) grams.add(out.slice(i, i + 3).join(' '));
  return { tokens: out, grams };
}

function gramSimilarity(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let inter = 0;
  for (const g of a) if (b.has(g)) inter++;
  // Dice rather than Jaccard: templated comments differ in length
  return (2 * inter) / (a.size + b.size);
}

/** Largest section compared all-pairs; above it, MinHash LSH proposes the pairs to compare. */
const ALL_PAIRS_LIMIT = 300;

function skeletonCandidates(skeletons: Skeleton[]): (i: number) => number[] {
  const n = skeletons.length;
  if (n <= ALL_PAIRS_LIMIT) return (i) => Array.from({ length: n }, (_, j) => j).filter((j) => j !== i);
  const sets = skeletons.map((s) => shingleSet(s.tokens, 3));
  const index = new LshIndex(new MinHasher({ bands: 32, rows: 2 }), n);
  for (const set of sets) index.add(set);
  const neighbours = Array.from({ length: n }, () => new Set<number>());
  index.forEachCandidate((a, b) => {
    neighbours[a].add(b);
    neighbours[b].add(a);
  }, 16);
  return (i) => [...neighbours[i]].sort((a, b) => a - b);
}

// ---- the assessment -------------------------------------------------------------------

const WEIGHTS: Record<SignalName, number> = {
  templated: 0.8,
  'generic-praise': 0.85,
  'headline-echo': 0.45,
  'bare-affirmation': 0.9,
  'uniform-style': 0.4,
  'name-pattern': 0.35,
  'self-promotion': 0.9,
  // Below FLAG_THRESHOLD / 1 even at full score: alone it never flags a comment. At its
  // threshold the model's precision is 0.85 on TweepFake tweets, but human comments on news
  // (longer, fully punctuated) pass it too often (docs/analysers/coordination.md), so it only
  // corroborates other signals.
  'machine-written': 0.45,
};

/** Comment score at or above which a comment counts as inauthentic in a section verdict. */
export const FLAG_THRESHOLD = 0.5;

interface Assessed {
  text: string;
  /** the sections as they were (a caller that edits the array in place gets a new assessment) */
  shape: string;
  title: string | null | undefined;
  lex: CommentLexicons;
  model: MachineTextModel | null;
  result: CommentAssessment[];
}
/**
 * The last assessment of each document's comments, by its sections array: the comment-signals
 * analyser and the comment-sections corpus extract both assess the same document (the
 * pipeline hands the extract a copy of the document that shares its sections), and the
 * assessment cost ~3 ms of CPU per bench document each time. The result is shared: callers
 * must not modify it.
 */
const assessed = new WeakMap<readonly Section[], Assessed>();

/** Every comment section of the document (all sections of kind 'comment'), assessed together. */
export function assessComments(
  doc: Document,
  lex: CommentLexicons = loadCommentLexicons(),
  model: MachineTextModel | null = loadMachineTextModel(),
): CommentAssessment[] {
  // what the assessment reads: the text, the sections, the title, the lexicons and the model
  const known = assessed.get(doc.sections);
  const shape = sectionsShape(doc.sections);
  if (known && known.text === doc.text && known.shape === shape && known.title === doc.source.title && known.lex === lex && known.model === model) return known.result;
  const result = assessAll(doc, lex, model);
  assessed.set(doc.sections, { text: doc.text, shape, title: doc.source.title, lex, model, result });
  return result;
}

function sectionsShape(sections: readonly Section[]): string {
  return sections.map((s) => `${s.kind}:${s.start}:${s.end}:${s.author ?? ''}:${s.parent ?? ''}`).join('|');
}

function assessAll(doc: Document, lex: CommentLexicons, model: MachineTextModel | null): CommentAssessment[] {
  const comments = doc.sections.map((s, i) => ({ ...s, index: i })).filter((s) => s.kind === 'comment' && s.end > s.start);
  if (comments.length === 0) return [];
  const vocab = articleVocabulary(doc, lex);
  const prepared = comments.map((section) => {
    const tokens = tokenize(doc.text, section.start, section.end);
    return { section, tokens, skeleton: skeletonOf(doc, section, tokens, vocab, lex) };
  });

  const wordCounts = prepared.map((p) => p.tokens.length);
  const mean = wordCounts.reduce((a, b) => a + b, 0) / wordCounts.length;
  const sd = Math.sqrt(wordCounts.reduce((a, b) => a + (b - mean) ** 2, 0) / wordCounts.length);
  const cv = mean > 0 ? sd / mean : 1;
  const informal = prepared.map((p) => informalFeatures(doc.text.slice(p.section.start, p.section.end)));
  // Uniformity needs a section to compare with: four comments at least.
  // People in a real thread mix registers: casual comments in the section cancel the signal.
  const informalShare = informal.filter((f) => f.length > 0).length / comments.length;
  const uniformity = comments.length >= 4 ? clamp((0.5 - cv) / 0.3) * clamp(1 - 2.5 * informalShare) : 0;
  const namedAuthors = comments.map((c) => c.author?.trim() ?? '').filter((a) => a.length > 0);
  const patternedAuthors = namedAuthors.filter((a) => lex.namePatterns.some((p) => p.regex.test(a))).length;

  const candidatesOf = skeletonCandidates(prepared.map((p) => p.skeleton));

  return prepared.map((p, i) => {
    const { section, tokens, skeleton } = p;
    const text = doc.text.slice(section.start, section.end);
    const joined = ` ${tokens.map((t) => t.norm).join(' ')} `;
    const content = tokens.filter((t) => !isNumber(t) && !lex.stopwords.has(t.norm) && t.norm.length >= 3);
    const sentenceStarts = new Set(splitSentences(doc.text, section.start, section.end).map((s) => s.start));
    const ownNumbers = tokens.filter((t) => isNumber(t) && !vocab.numbers.has(t.text.replace(/,/g, '')));
    const ownNames = tokens.filter(
      (t) => /^\p{Lu}\p{Ll}/u.test(t.text) && !sentenceStarts.has(t.start) && !vocab.names.has(t.norm) && !lex.genericWords.has(t.norm),
    );
    const novel = content.filter((t) => !vocab.stems.has(stem(t.norm)) && !lex.genericWords.has(t.norm));
    const novelty = content.length > 0 ? novel.length / content.length : 0;
    const organicHits = matchPhrases(joined, lex.organic);
    const counter = [...organicHits.map((e) => `${e.kind}: "${e.phrase}"`), ...informal[i]];
    if (text.includes('?')) counter.push('asks a question');
    if (ownNumbers.length > 0) counter.push(`own numbers: ${ownNumbers.map((t) => t.text).join(', ')}`);
    if (ownNames.length > 0) counter.push(`own names: ${ownNames.map((t) => t.text).join(', ')}`);
    const specifics = clamp(0.3 * ownNumbers.length + 0.25 * ownNames.length + 0.25 * organicHits.length + 0.2 * informal[i].length + (text.includes('?') ? 0.2 : 0));

    const signals: CommentSignal[] = [];
    const add = (name: SignalName, score: number, evidence: string): void => {
      if (score > 0.05) signals.push({ name, score: round(score), evidence });
    };

    // shared skeleton
    let nearest: CommentAssessment['nearest'] = null;
    for (const j of candidatesOf(i)) {
      const similarity = gramSimilarity(skeleton.grams, prepared[j].skeleton.grams);
      if (!nearest || similarity > nearest.similarity) nearest = { index: j, similarity: round(similarity) };
    }
    const near = nearest as CommentAssessment['nearest'];
    if (near) {
      add('templated', clamp((near.similarity - 0.15) / 0.35), `skeleton ${Math.round(near.similarity * 100)}% like comment ${near.index + 1}: "${prepared[near.index].skeleton.tokens.join(' ')}"`);
    }

    // genericity
    const genericHits = [...matchPhrases(joined, lex.generic), ...matchPhrases(joined, lex.meta)];
    const genericWeight = genericHits.reduce((a, e) => a + (e.weight ?? 0.5), 0);
    const genericScore = clamp(genericWeight / 2) * (1 - specifics) * (novelty < 0.5 ? 1 : 0.6);
    add('generic-praise', genericScore, `vague evaluation with nothing of its own: ${genericHits.map((e) => `"${e.phrase}"`).join(', ')}`);

    // echo of the article's terms
    if (content.length >= 5) {
      const echoed = content.filter((t) => vocab.stems.has(stem(t.norm)) && !lex.genericWords.has(t.norm));
      const headlineHits = [...new Set(content.filter((t) => vocab.headline.has(stem(t.norm))).map((t) => t.norm))];
      const echo = echoed.length / content.length;
      const score = clamp((echo - 0.35) / 0.4) * (headlineHits.length >= 2 ? 1 : 0.6) * (1 - specifics);
      add('headline-echo', score, `${Math.round(echo * 100)}% of its content words come from the article${headlineHits.length ? `, including the headline terms ${headlineHits.map((w) => `"${w}"`).join(', ')}` : ''}`);
    }

    // reply that only agrees
    const firstSentence = splitSentences(doc.text, section.start, section.end)[0];
    if (firstSentence) {
      const first = tokenize(doc.text, firstSentence.start, firstSentence.end).map((t) => t.norm).join(' ');
      const affirmation = lex.affirmations.find((e) => first === e.phrase || (first.startsWith(`${e.phrase} `) && first.split(' ').length <= e.phrase.split(' ').length + 1));
      if (affirmation) {
        const rest = tokens.filter((t) => t.start >= firstSentence.end);
        const restates = rest.length === 0 ? 0.6 : genericWeight >= 0.5 || novelty < 0.3 ? 0.95 : 0.35;
        add('bare-affirmation', restates * (1 - specifics), `opens with "${doc.text.slice(firstSentence.start, firstSentence.end)}"${rest.length ? ' and then restates in general terms' : ' and says nothing else'}`);
      }
    }

    // uniform length and register
    if (uniformity > 0 && informal[i].length === 0 && tokens.length >= 12) {
      add('uniform-style', uniformity, `${comments.length} comments of similar length (${Math.round(mean)} ± ${Math.round(sd)} words) in the same formal register`);
    }

    // commenter names
    const author = section.author?.trim();
    if (author) {
      const pattern = lex.namePatterns.find((np) => np.regex.test(author));
      if (pattern) {
        const parts = author.toLowerCase().split(/\s+/);
        const common = parts.length >= 2 && lex.givenNames.has(parts[0]) && lex.familyNames.has(parts[parts.length - 1]);
        const shared = namedAuthors.length >= 3 && patternedAuthors / namedAuthors.length >= 0.8 ? 1.4 : 1;
        add('name-pattern', clamp(pattern.weight * (common ? 1.3 : 1) * shared), `name "${author}": ${pattern.reason}${common ? ' (very common given and family names)' : ''}`);
      }
    }

    // comment spam
    const promo = matchPhrases(joined, lex.promotion);
    const hasUrl = /https?:\/\/|www\.|\.com\b/i.test(text);
    const promoWeight = promo.reduce((a, e) => a + (e.weight ?? 0.5), 0) + (hasUrl ? 0.4 : 0);
    add('self-promotion', clamp(promoWeight), `calls to action: ${[...promo.map((e) => `"${e.phrase}"`), ...(hasUrl ? ['a link'] : [])].join(', ')}`);

    // machine-written style: present only at or above the model's threshold
    let machine: number | null = null;
    if (model && applicable(text)) {
      const result = scoreText(model, text);
      machine = round(result.probability);
      if (result.probability >= model.threshold) add('machine-written', signalScore(model, result.probability), explainScore(result));
    }

    let keep = 1;
    let strongest: CommentSignal | null = null;
    for (const s of signals) {
      keep *= 1 - WEIGHTS[s.name] * s.score;
      if (!strongest || WEIGHTS[s.name] * s.score > WEIGHTS[strongest.name] * strongest.score) strongest = s;
    }
    signals.sort((a, b) => WEIGHTS[b.name] * b.score - WEIGHTS[a.name] * a.score);
    return {
      section: section.index,
      start: section.start,
      end: section.end,
      author: section.author ?? null,
      parent: section.parent ?? null,
      text,
      skeleton: skeleton.tokens.join(' '),
      signals,
      counter,
      score: round(1 - keep),
      label: strongest ? strongest.name : 'none',
      nearest,
      machine,
    } satisfies CommentAssessment;
  });
}

const LABEL_FOR: Record<SignalName, string> = {
  templated: 'templated',
  'generic-praise': 'generic-praise',
  'headline-echo': 'headline-echo',
  'bare-affirmation': 'bare-affirmation',
  'uniform-style': 'uniform-style',
  'name-pattern': 'name-pattern',
  'self-promotion': 'self-promotion',
  'machine-written': 'machine-written',
};

/** Comments scoring below this produce no finding. */
export const REPORT_THRESHOLD = 0.35;

export function commentFindings(doc: Document): FindingDraft[] {
  return assessComments(doc)
    .filter((a) => a.score >= REPORT_THRESHOLD && a.label !== 'none')
    .map((a) => {
      const top = a.signals[0];
      return {
        kind: 'inauthentic-signal',
        start: a.start,
        end: a.end,
        label: LABEL_FOR[a.label as SignalName],
        score: a.score,
        explanation: `${top.evidence}${a.signals.length > 1 ? `; also ${a.signals.slice(1).map((s) => s.name).join(', ')}` : ''}.`,
        data: { signals: a.signals, skeleton: a.skeleton, counter: a.counter, author: a.author, machine: a.machine },
      };
    });
}

export const commentSignalsAnalyzer: DocumentAnalyzer = {
  scope: 'document',
  name: 'comment-signals',
  version: '1.2.0',
  kinds: ['inauthentic-signal'],
  description: 'Per-comment signals of templated or inauthentic commenting: shared skeletons, generic praise, headline echo, bare affirmations, uniform style, name patterns, spam, machine-written style.',
  analyze(ctx: DocumentContext): FindingDraft[] {
    return commentFindings(ctx.doc);
  },
};

export default commentSignalsAnalyzer;
