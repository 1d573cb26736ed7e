/**
 * npm run eval:lexical -- [--split dev|train] — why our TF-IDF baselines on CheckThat! 2020
 * task 2 are where they are (docs/accuracy.md, "Lexical baselines, configuration by
 * configuration"). A re-implementation of scikit-learn's TfidfVectorizer semantics (token
 * pattern \b\w\w+\b, smoothed idf, raw or sublinear tf, l2 norm; analyzers word, char and
 * char_wb) beside our own tokenisation, each configuration measured four ways:
 *  - MAP@5 with ties in score broken by the claim's position in the file (what eval:verify did until 2026-12-06);
 *  - MAP@5 as the official scorer (trectools) ranks: by score, ties by docid DESCENDING;
 *  - MAP@5 with twins (claims with the same words, checkthat.ts twinGroups) merged into one;
 *  - Recall@5 (official tie rule): the share of tweets with a relevant claim anywhere in the top 5.
 * Each run is tie-complete (ranking.ts topTied), so no cut falls inside a tie.
 * Choose on --split train; dev is the test.
 */
import { join } from 'node:path';
import { CHECKTHAT_DIR, TIE_RULES, cutRun, readQueries, readVerifiedClaims, relevantUnder, tsv, twinGroups } from '../src/reference/factchecks/checkthat.js';
import { meanAveragePrecision, postBody } from '../src/reference/factchecks/match.js';
import { topTied } from '../src/reference/factchecks/ranking.js';
import { words } from '../src/reference/factchecks/tfidf.js';

interface Options {
  analyzer: 'word' | 'char' | 'char_wb';
  min: number;
  max: number;
  sublinear: boolean;
  /** skip l2 normalisation (for one normalisation over concatenated blocks) */
  raw?: boolean;
  stop?: ReadonlySet<string>;
}

/** scikit-learn's analyzers: lower case, then words by \b\w\w+\b or character n-grams (char_wb: within whitespace-split words, padded). */
function analyze(text: string, o: Options): string[] {
  const t = text.toLowerCase();
  const out: string[] = [];
  if (o.analyzer === 'word') {
    const toks = (t.match(/(?<![\p{L}\p{N}\p{M}_])[\p{L}\p{N}\p{M}_]{2,}/gu) ?? []).filter((w) => !o.stop?.has(w));
    for (let n = o.min; n <= o.max; n++) for (let i = 0; i + n <= toks.length; i++) out.push(toks.slice(i, i + n).join(' '));
    return out;
  }
  const grams = (s: string[]) => {
    for (let n = o.min; n <= o.max; n++) {
      if (s.length < n) {
        if (o.analyzer === 'char_wb') out.push(s.join(''));
        break;
      }
      for (let i = 0; i + n <= s.length; i++) out.push(s.slice(i, i + n).join(''));
    }
  };
  if (o.analyzer === 'char') grams(Array.from(t.replace(/\s+/gu, ' ')));
  else for (const w of t.split(/\s+/u)) if (w) grams(Array.from(` ${w} `));
  return out;
}

class Vectorizer {
  private readonly idf = new Map<string, number>();
  private readonly postings = new Map<string, { docs: number[]; weights: number[] }>();

  constructor(docs: readonly string[], fit: readonly string[], private readonly o: Options) {
    const df = new Map<string, number>();
    for (const d of fit) for (const k of new Set(analyze(d, o))) df.set(k, (df.get(k) ?? 0) + 1);
    for (const [k, d] of df) this.idf.set(k, Math.log((1 + fit.length) / (1 + d)) + 1);
    docs.forEach((d, i) => {
      for (const [k, w] of this.vector(d)) {
        let p = this.postings.get(k);
        if (!p) this.postings.set(k, (p = { docs: [], weights: [] }));
        p.docs.push(i);
        p.weights.push(w);
      }
    });
  }

  vector(text: string): Map<string, number> {
    const counts = new Map<string, number>();
    for (const x of analyze(text, this.o)) counts.set(x, (counts.get(x) ?? 0) + 1);
    const v = new Map<string, number>();
    let norm = 0;
    for (const [k, n] of counts) {
      const idf = this.idf.get(k);
      if (idf === undefined) continue;
      const w = (this.o.sublinear ? 1 + Math.log(n) : n) * idf;
      v.set(k, w);
      norm += w * w;
    }
    const by = this.o.raw ? 1 : Math.sqrt(norm) || 1;
    for (const [k, w] of v) v.set(k, w / by);
    return v;
  }

  /** Dot products of the query with every document, and the squared norms of the unnormalised ones. */
  scores(text: string, size: number): Float64Array {
    const out = new Float64Array(size);
    for (const [k, w] of this.vector(text)) {
      const p = this.postings.get(k);
      if (p) for (let j = 0; j < p.docs.length; j++) out[p.docs[j]] += w * p.weights[j];
    }
    return out;
  }

  norms(size: number): { docs: Float64Array; query: (text: string) => number } {
    const docs = new Float64Array(size);
    for (const p of this.postings.values()) for (let j = 0; j < p.docs.length; j++) docs[p.docs[j]] += p.weights[j] ** 2;
    return { docs, query: (text) => [...this.vector(text).values()].reduce((a, w) => a + w * w, 0) };
  }
}

const split = process.argv.includes('--split') ? (process.argv[process.argv.indexOf('--split') + 1] as 'dev' | 'train') : 'dev';
const claims = readVerifiedClaims();
const fields = tsv(join(CHECKTHAT_DIR, 'verified_claims.docs.tsv'));
const queries = readQueries(split, claims);
const tweets = [...readQueries('train', claims).texts, ...readQueries('dev', claims).texts];
const n = claims.texts.length;
const ids = claims.ids.map(Number);
const group = twinGroups(claims.texts);

/** Our tokenisation (src/reference/factchecks/tfidf.ts words(): URLs out, letters and digits only), re-joined by spaces. */
const clean = (t: string) => words(t).join(' ');
const camel = (t: string) => t.replace(/#(\w+)/gu, (_, h: string) => h.replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2'));
const URL = /\b(?:https?:\/\/|pic\.twitter\.com\/|t\.co\/)\S+/giu;
const STOP = new Set(['the', 'a', 'an', 'of', 'to', 'in', 'and', 'or', 'is', 'are', 'was', 'were', 'be', 'been', 'for', 'on', 'at', 'by', 'with', 'that', 'this', 'it', 'as', 'from', 'his', 'her', 'their', 'has', 'have', 'had', 'will', 'not']);
const W = (o: Partial<Options> = {}): Options => ({ analyzer: 'word', min: 1, max: 2, sublinear: false, ...o });
const C = (o: Partial<Options> = {}): Options => ({ analyzer: 'char', min: 3, max: 5, sublinear: false, ...o });

const docsRaw = claims.texts;
const docsClean = docsRaw.map(clean);
const qRaw = queries.texts;
const qClean = qRaw.map(clean);

type Scores = Float64Array[];
function scoresOf(docs: readonly string[], o: Options, qs: readonly string[], fit: readonly string[] = docs): Scores {
  const v = new Vectorizer(docs, fit, o);
  return qs.map((t) => v.scores(t, n));
}

function measure(label: string, parts: Scores[], weights: number[] = parts.map(() => 1 / parts.length)): void {
  const map = { official: 0, merged: 0, file: 0 };
  let recall = 0;
  queries.texts.forEach((_, q) => {
    const s = new Float64Array(n);
    parts.forEach((p, j) => {
      for (let d = 0; d < n; d++) s[d] += weights[j] * p[q][d];
    });
    // a tie-complete run (ranking.ts), cut under each tie rule (checkthat.ts cutRun)
    const run = topTied(s, 10).map((index) => ({ index, score: s[index] }));
    for (const rule of TIE_RULES) map[rule] += meanAveragePrecision([cutRun(run, rule, ids, group)], [relevantUnder(queries.relevant[q], rule, group)], 5);
    recall += cutRun(run, 'official', ids, group).some((d) => queries.relevant[q].has(d)) ? 1 : 0;
  });
  const m = queries.texts.length;
  console.log(`| ${label} | ${(map.file / m).toFixed(3)} | ${(map.official / m).toFixed(3)} | ${(map.merged / m).toFixed(3)} | ${(recall / m).toFixed(3)} |`);
}

console.log(`CheckThat! 2020 task 2 ${split} (${queries.texts.length} tweets, ${n} claims)`);
console.log('| configuration | MAP@5, ties by file order | MAP@5, official tie rule | MAP@5, twins merged | Recall@5 |\n|---|---|---|---|---|');
// scikit-learn defaults on the raw texts
const skW = scoresOf(docsRaw, W(), qRaw);
const skC = scoresOf(docsRaw, C(), qRaw);
const skCwb = scoresOf(docsRaw, C({ analyzer: 'char_wb' }), qRaw);
measure('sklearn defaults, raw text: word 1–2', [skW]);
measure('sklearn defaults, raw text: char 3–5', [skC]);
measure('sklearn defaults, raw text: word 1–2 + char 3–5 (hstack, cosine)', [skW, skC]);
measure('sklearn defaults, raw text: word 1–2 + char_wb 3–5', [skW, skCwb]);
measure('raw text, char_wb 3–5, sublinear tf', [scoresOf(docsRaw, C({ analyzer: 'char_wb', sublinear: true }), qRaw)]);
measure('raw text less URLs, char_wb 3–5, sublinear tf', [scoresOf(docsRaw, C({ analyzer: 'char_wb', sublinear: true }), qRaw.map((t) => t.replace(URL, ' ')))]);
// our tokenisation (punctuation and URLs out)
const A = C({ analyzer: 'char_wb', sublinear: true });
const cA = scoresOf(docsClean, A, qClean);
const cW = scoresOf(docsClean, W({ sublinear: true }), qClean);
measure('our tokens: char_wb 3–5, sublinear tf (= our char analyzer)', [cA]);
measure('our tokens: char_wb 3–5, raw tf', [scoresOf(docsClean, C({ analyzer: 'char_wb' }), qClean)]);
measure('our tokens: char 3–5 across words, sublinear', [scoresOf(docsClean, C({ sublinear: true }), qClean)]);
measure('our tokens: char_wb 2–5, sublinear', [scoresOf(docsClean, C({ analyzer: 'char_wb', sublinear: true, min: 2 }), qClean)]);
measure('our tokens: char_wb 3–6, sublinear', [scoresOf(docsClean, C({ analyzer: 'char_wb', sublinear: true, max: 6 }), qClean)]);
measure('our tokens: word 1–2, sublinear, no stop words', [cW]);
measure('our tokens: word 1–2 + char_wb 3–5, each l2 (= hstack then cosine = mean of cosines)', [cW, cA]);
measure('our tokens: word 1–2 (our stop words) + char_wb 3–5', [scoresOf(docsClean, W({ sublinear: true, stop: STOP }), qClean), cA]);
for (const w of [0.2, 0.3]) measure(`our tokens: ${w} × word 1–2 + ${1 - w} × char_wb 3–5`, [cW, cA], [w, 1 - w]);
{
  // one l2 normalisation over the concatenated word and char blocks
  const wv = new Vectorizer(docsClean, docsClean, W({ sublinear: true, raw: true }));
  const cv = new Vectorizer(docsClean, docsClean, C({ analyzer: 'char_wb', sublinear: true, raw: true }));
  const wn = wv.norms(n);
  const cn = cv.norms(n);
  const joint = qClean.map((t) => {
    const s = wv.scores(t, n);
    const c = cv.scores(t, n);
    const qn = Math.sqrt(wn.query(t) + cn.query(t)) || 1;
    return s.map((x, d) => (x + c[d]) / (qn * (Math.sqrt(wn.docs[d] + cn.docs[d]) || 1)));
  });
  measure('our tokens: word 1–2 ⊕ char_wb 3–5 unnormalised, one l2 over both', [joint]);
}
measure('our tokens: char_wb 3–5, IDF fitted on claims + all train/dev tweets', [scoresOf(docsClean, A, qClean, [...docsClean, ...tweets.map(clean)])]);
measure('our tokens: char_wb 3–5, vclaim only', [scoresOf(fields.map((f) => clean(f[1] ?? '')), A, qClean)]);
measure('our tokens: char_wb 3–5, title only', [scoresOf(fields.map((f) => clean(f[2] ?? '')), A, qClean)]);
measure('our tokens: char_wb 3–5, tweet without its "— name (@handle) date" trailer', [scoresOf(docsClean, A, qRaw.map((t) => clean(postBody(t))))]);
measure('our tokens: char_wb 3–5, camel-case hashtags split', [scoresOf(docsClean, A, qRaw.map((t) => clean(camel(t))))]);
