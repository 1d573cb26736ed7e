/**
 * The benchmarks' synthetic corpus: deterministic (seed 42) articles with bylines, numbers,
 * names from a small list and comment sections, over a Zipf-distributed vocabulary of
 * pseudo-words so that word n-grams repeat about as rarely as in real text.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { seededRandom } from '../src/core/random.js';

const FUNCTION_WORDS = 'the of and to in a is that for on was with as by at from said would could has been were their its which after'.split(' ');
/** A Zipf-distributed vocabulary of pseudo-words, so that word n-grams repeat about as rarely as in real text. */
function vocabulary(rand: () => number, size: number): string[] {
  const syllables = 'ka ri to men sa lo vi de ra un ter po li an es mo ba ne ti sol'.split(' ');
  return Array.from({ length: size }, () => Array.from({ length: 2 + Math.floor(rand() * 2) }, () => syllables[Math.floor(rand() * syllables.length)]).join(''));
}
function zipfPick(rand: () => number, words: string[]): string {
  return words[Math.min(words.length - 1, Math.floor(words.length ** rand()) - 1)];
}
const NAMES = ['Northern Water Authority', 'Serin River Basin Commission', 'United Nations', 'World Bank', 'Karstan Herald', 'Tomas Halloran', 'Leyla Demir', 'Ostrava', 'Geneva', 'European Union'];
const COMMENTS = ['This article raises important questions about the evidence.', 'I disagree, the numbers from the gauge were 12% lower last week.', 'Absolutely. A balanced approach is essential.', 'Where is the source for the 40 percent figure?'];

function article(rand: () => number, words: number, index: number, vocab: string[]): string {
  const pick = <T>(list: T[]) => list[Math.floor(rand() * list.length)];
  const paragraphs: string[] = [`Report ${index}: ${pick(NAMES)} and the ${pick(NAMES)}`, `By Writer ${index % 97}`];
  let count = 0;
  while (count < words) {
    const sentences: string[] = [];
    for (let s = 0; s < 5; s++) {
      const n = 12 + Math.floor(rand() * 14);
      const body = Array.from({ length: n }, () => (rand() < 0.06 ? pick(NAMES) : rand() < 0.45 ? pick(FUNCTION_WORDS) : zipfPick(rand, vocab)));
      body.splice(3, 0, String(Math.floor(rand() * 2000)));
      sentences.push(`${body.join(' ')}.`.replace(/^./, (c) => c.toUpperCase()));
      count += n + 1;
    }
    paragraphs.push(sentences.join(' '));
  }
  const comments = Array.from({ length: 3 + Math.floor(rand() * 6) }, (_, i) => `  ${i + 1}. ${pick(COMMENTS)}`);
  return `${paragraphs.join('\n\n')}\n\n${comments.length} Comments\n\n${comments.join('\n\n')}\n\nLeave a Reply\n`;
}

/** Writes `docs` articles of about `words` words (1,000 per subfolder); returns the bytes written. */
export function generate(dir: string, docs: number, words: number): number {
  const rand = seededRandom(42);
  const vocab = vocabulary(rand, 20_000);
  let bytes = 0;
  for (let i = 0; i < docs; i++) {
    const sub = join(dir, String(Math.floor(i / 1000)));
    if (i % 1000 === 0) mkdirSync(sub, { recursive: true });
    const text = article(rand, words, i, vocab);
    bytes += Buffer.byteLength(text);
    writeFileSync(join(sub, `article-${i}.txt`), text);
  }
  return bytes;
}

