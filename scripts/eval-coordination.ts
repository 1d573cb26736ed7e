/**
 * npm run eval:coordination — precision and recall of the coordination analysers:
 * comment-section verdicts and reuse links on the fixtures under test/fixtures/coordination,
 * planted groups in a synthetic post stream, and per-comment signals on two public sets read
 * at run time from ../shared/data (YouTube Spam Collection: spam comments; TweepFake: human vs
 * machine-written tweets; the machine-written signal's precision, recall and AUC per tweet and per
 * account). Prints one table; no file is written.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Document, Section } from '../src/core/types.js';
import { assessSection } from '../src/corpus/comment-sections.js';
import { FLAG_THRESHOLD } from '../src/analysers/comments.js';
import { auc } from '../src/analysers/comments/logistic.js';
import { formatReliability, reliability } from '../src/nlp/calibration.js';
import { YOUTUBE_HELD_FILES, loadYoutubeComments } from '../src/analysers/comments/datasets.js';
import { applicable, loadMachineTextModel, scoreText } from '../src/analysers/comments/machine-text-model.js';
import { findReuse } from '../src/corpus/reuse.js';
import { analyzePosts } from '../src/corpus/coordination.js';
import { parsePosts } from '../src/ingest/posts.js';
import { FIXTURE_DIR, fixtureDocument, loadFixture } from '../test/fixtures/coordination/comments/build-doc.js';
import { loadArticles } from '../test/fixtures/coordination/reuse/build-article.js';
import { generateStream } from '../test/fixtures/coordination/synthetic-posts.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shared = path.resolve(root, '../shared/data');

interface Counts {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}
const counts = (): Counts => ({ tp: 0, fp: 0, fn: 0, tn: 0 });
function add(c: Counts, predicted: boolean, actual: boolean): void {
  if (predicted && actual) c.tp++;
  else if (predicted) c.fp++;
  else if (actual) c.fn++;
  else c.tn++;
}
function row(name: string, c: Counts, note = ''): void {
  const p = c.tp + c.fp === 0 ? NaN : c.tp / (c.tp + c.fp);
  const r = c.tp + c.fn === 0 ? NaN : c.tp / (c.tp + c.fn);
  const f = (x: number): string => (Number.isNaN(x) ? '  n/a' : x.toFixed(3));
  const n = c.tp + c.fp + c.fn + c.tn;
  console.log(`${name.padEnd(52)} ${String(n).padStart(6)}  P ${f(p)}  R ${f(r)}  F1 ${f(p + r > 0 ? (2 * p * r) / (p + r) : NaN)}  ${note}`);
}

/** A document whose comment section is the given texts (title only, no article body). */
function commentDocument(id: string, title: string, comments: Array<{ author: string | null; text: string }>): Document {
  let text = title;
  const sections: Section[] = [{ kind: 'title', start: 0, end: title.length }];
  for (const c of comments) {
    const body = c.text.replace(/\s+/g, ' ').trim();
    if (body === '') continue;
    text += '\n\n';
    sections.push({ kind: 'comment', start: text.length, end: text.length + body.length, author: c.author, parent: null });
    text += body;
  }
  return { id, format: 'text', source: { title }, text, sections };
}

console.log('set'.padEnd(52), '     n  precision / recall of the positive class');

// 1. Comment sections (positive = not organic)
const sectionCounts = counts();
let exact = 0;
const fixtures = readdirSync(FIXTURE_DIR).filter((f) => f.endsWith('.json')).sort();
for (const file of fixtures) {
  const fixture = loadFixture(file);
  const verdict = assessSection(fixtureDocument(fixture, file))?.verdict;
  add(sectionCounts, verdict !== 'organic', fixture.label !== 'organic');
  if (verdict === fixture.label) exact++;
}
row('fixtures: comment sections (templated|mixed)', sectionCounts, `exact verdict ${exact}/${fixtures.length}`);

// 2. Reuse (positive = linked pair; label checked separately)
const articles = loadArticles();
const truth = new Map([
  ['a-original~b-edited-copy', 'copy'],
  ['a-original~c-paraphrase', 'rewrite'],
]);
const found = new Map(findReuse(articles.map((doc) => ({ doc, findings: [] }))).map((f) => [(f.data as { documents: string[] }).documents.join('~'), f.label]));
const reuseCounts = counts();
let labelsRight = 0;
for (let i = 0; i < articles.length; i++) {
  for (let j = i + 1; j < articles.length; j++) {
    const key = `${articles[i].id}~${articles[j].id}`;
    // b~c is second-hand reuse (a copy of a paraphrased source): not scored either way
    if (key === 'b-edited-copy~c-paraphrase') continue;
    add(reuseCounts, found.has(key), truth.has(key));
    if (found.has(key) && found.get(key) === truth.get(key)) labelsRight++;
  }
}
row('fixtures: reuse pairs (copy|rewrite)', reuseCounts, `label right ${labelsRight}/${truth.size}`);

// 3. Planted coordination in a synthetic stream (positive = planted account)
const stream = generateStream({ posts: 50_000, organicAccounts: 10_000, groups: 5, groupSize: 10, campaignsPerGroup: 4, hours: 72, seed: 11 });
const coordinated = new Set(analyzePosts(stream.posts).clusters.flatMap((c) => c.accounts));
const planted = new Set(stream.planted.flat());
const accountCounts = counts();
for (const account of new Set(stream.posts.map((p) => p.author))) add(accountCounts, coordinated.has(account), planted.has(account));
row('synthetic stream: coordinated accounts', accountCounts, '50k posts, 5 planted groups of 10');

// 4. YouTube Spam Collection: per-comment flags vs spam label, one section per video
const yt = path.join(shared, 'youtube-spam-collection');
if (existsSync(yt)) {
  const perComment = counts();
  const verdicts: string[] = [];
  const signalNames = ['templated', 'generic-praise', 'headline-echo', 'bare-affirmation', 'uniform-style', 'name-pattern', 'self-promotion'];
  const bySignal = new Map(signalNames.map((name) => [name, counts()]));
  for (const file of readdirSync(yt).filter((f) => f.endsWith('.csv')).sort()) {
    const posts = parsePosts(readFileSync(path.join(yt, file), 'utf8'), file, { columns: { id: 'COMMENT_ID', author: 'AUTHOR', text: 'CONTENT', posted_at: 'DATE' } });
    const labels = readLabels(readFileSync(path.join(yt, file), 'utf8'), file);
    const doc = commentDocument(file, file.replace(/^Youtube\d+-|\.csv$/g, ''), posts);
    const a = assessSection(doc);
    if (!a) continue;
    verdicts.push(`${file.replace(/\.csv$/, '')}: ${a.verdict}`);
    a.comments.forEach((c, i) => {
      add(perComment, c.score >= FLAG_THRESHOLD, labels[i] === '1');
      for (const [name, sc] of bySignal) add(sc, c.signals.some((s) => s.name === name && s.score >= 0.5), labels[i] === '1');
    });
  }
  row('youtube-spam: comment flagged vs spam', perComment, verdicts.join(', '));
  for (const [name, sc] of bySignal) row(`  signal ${name} ≥ 0.5`, sc);
} else console.log('youtube-spam-collection not found: skipped');

function readLabels(text: string, name: string): string[] {
  const posts = parsePosts(text, name, { columns: { author: 'AUTHOR', text: 'CONTENT', platform: 'CLASS' } });
  return posts.filter((p) => p.text.replace(/\s+/g, ' ').trim() !== '').map((p) => p.platform ?? '');
}

// 5. TweepFake: per-tweet flags vs machine-written, one section per account
const tf = path.join(shared, 'tweepfake', 'validation.csv');
if (existsSync(tf)) {
  const posts = parsePosts(readFileSync(tf, 'utf8'), 'validation.csv', { columns: { author: 'screen_name', text: 'text', platform: 'account.type' } });
  const byAccount = new Map<string, typeof posts>();
  for (const p of posts) {
    if (!byAccount.has(p.author)) byAccount.set(p.author, []);
    byAccount.get(p.author)?.push(p);
  }
  const perTweet = counts();
  const perAccount = counts();
  const signalTweet = counts();
  const signalAccount = counts();
  const byGenerator = new Map<string, { hit: number; n: number }>();
  const generatorOf = new Map(parsePosts(readFileSync(tf, 'utf8'), 'validation.csv', { columns: { text: 'text', platform: 'class_type' } }).map((p, i) => [i, p.platform ?? '']));
  const tweetScores: number[] = [];
  const tweetLabels: boolean[] = [];
  const accountMeans: number[] = [];
  const accountLabels: boolean[] = [];
  let scoredTweets = 0;
  const allMeans: number[] = [];
  const allLabels: boolean[] = [];
  const allMeanCounts = counts();
  const model = loadMachineTextModel();
  const index = new Map(posts.map((p, i) => [p, i]));
  for (const [account, list] of [...byAccount.entries()].sort()) {
    const kept = list.filter((p) => p.text.replace(/\s+/g, ' ').trim() !== '');
    const a = assessSection(commentDocument(account, account, kept));
    if (!a) continue;
    const bot = kept[0].platform === 'bot';
    a.comments.forEach((c, i) => {
      add(perTweet, c.score >= FLAG_THRESHOLD, kept[i].platform === 'bot');
      const signal = c.signals.some((s) => s.name === 'machine-written');
      add(signalTweet, signal, kept[i].platform === 'bot');
      const generator = generatorOf.get(index.get(kept[i]) ?? -1) ?? '';
      const g = byGenerator.get(generator) ?? { hit: 0, n: 0 };
      g.n++;
      if (signal) g.hit++;
      byGenerator.set(generator, g);
      if (model) {
        tweetScores.push(scoreText(model, c.text).probability);
        tweetLabels.push(kept[i].platform === 'bot');
      }
      if (c.machine !== null) scoredTweets++;
    });
    add(perAccount, a.verdict !== 'organic', bot);
    if (model) {
      // every tweet of the account, scored or not: the plain per-account aggregation
      const mean = kept.reduce((sum, p) => sum + scoreText(model, p.text.replace(/\s+/g, ' ').trim()).probability, 0) / kept.length;
      allMeans.push(mean);
      allLabels.push(bot);
      add(allMeanCounts, mean >= model.sectionThreshold, bot);
    }
    if (a.machine) {
      accountMeans.push(a.machine.mean);
      accountLabels.push(bot);
      add(signalAccount, a.machine.above, bot);
    }
  }
  row('tweepfake (validation): tweet flagged vs bot', perTweet);
  row('tweepfake (validation): account section not organic', perAccount, `${byAccount.size} accounts`);
  if (model) {
    const rates = [...byGenerator.entries()].sort().map(([g, v]) => `${g} ${(v.hit / v.n).toFixed(3)}`).join(', ');
    row('  signal machine-written (per tweet)', signalTweet, `AUC ${auc(tweetScores, tweetLabels).toFixed(3)} (all tweets); ${scoredTweets} scored; share flagged: ${rates}`);
    row('  section rule: mean of ≥ 5 scored tweets ≥ threshold', signalAccount, `AUC ${auc(accountMeans, accountLabels).toFixed(3)} (${accountMeans.length} accounts); threshold ${model.sectionThreshold}`);
    row('  account: mean of all its tweets ≥ threshold', allMeanCounts, `AUC ${auc(allMeans, allLabels).toFixed(3)} (${allMeans.length} accounts)`);
    // how far the model's probability can be read as P(machine-written), per tweet
    for (const line of formatReliability('  calibration of the machine-written probability per tweet (not recalibrated)', reliability(tweetScores, tweetLabels.map((b) => (b ? 1 : 0))))) console.log(line);
  }
} else console.log('tweepfake not found: skipped');

// 6. The machine-written signal on human writing outside tweets: every comment here is human
const machineModel = loadMachineTextModel();
if (machineModel) {
  const rate = (texts: string[]): string => {
    const scored = texts.filter((t) => applicable(t));
    const hits = scored.filter((t) => scoreText(machineModel, t).probability >= machineModel.threshold).length;
    return `${hits}/${scored.length} scored = ${scored.length ? (hits / scored.length).toFixed(3) : 'n/a'}`;
  };
  const youtube = YOUTUBE_HELD_FILES.flatMap((f) => loadYoutubeComments(f));
  if (youtube.length > 0) {
    console.log(`machine-written on human YouTube comments (${YOUTUBE_HELD_FILES.join(', ')}, not trained on): ham ${rate(youtube.filter((c) => !c.spam).map((c) => c.text))}, spam ${rate(youtube.filter((c) => c.spam).map((c) => c.text))}`);
  }
  const organic = fixtures.filter((f) => f.startsWith('organic')).flatMap((f) => loadFixture(f).comments.map((c) => c.text.replace(/\s+/g, ' ').trim()));
  const sections = fixtures.filter((f) => f.startsWith('organic')).map((f) => assessSection(fixtureDocument(loadFixture(f), f))?.machine?.mean ?? NaN);
  console.log(`machine-written on the human discussion fixtures: comments ${rate(organic)}; section means ${sections.map((m) => m.toFixed(3)).join(', ')} (threshold ${machineModel.sectionThreshold})`);
}
