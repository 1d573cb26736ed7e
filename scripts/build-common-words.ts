/**
 * Builds data/lexicons/common-words.json: words that, in running English text, are almost
 * always written in lower case. A capitalised sentence-initial word from this list
 * ("Later", "Despite") is not the start of a name.
 *
 * Source: the ClaimBuster sentences in ../shared/data/claimbuster/ (CC BY 4.0; see its
 * SOURCE.md). Only word counts are kept, no text. Run: npx tsx scripts/build-common-words.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { packageRoot } from '../src/core/paths.js';

const MIN_LOWER = 8;
const MAX_CAPITAL_SHARE = 0.05;

const file = resolve(packageRoot(), '..', 'shared', 'data', 'claimbuster', 'train.json');
const sentences = JSON.parse(readFileSync(file, 'utf8')) as Array<{ text: string }>;
const lower = new Map<string, number>();
const capitalMid = new Map<string, number>();
for (const { text } of sentences) {
  const words = text.match(/\p{L}+(?:'\p{L}+)?/gu) ?? [];
  words.forEach((word, i) => {
    if (i === 0) return;
    const key = word.toLowerCase();
    if (word === key) lower.set(key, (lower.get(key) ?? 0) + 1);
    else if (/^\p{Lu}\p{Ll}/u.test(word)) capitalMid.set(key, (capitalMid.get(key) ?? 0) + 1);
  });
}
const words = [...lower]
  .filter(([word, n]) => n >= MIN_LOWER && (capitalMid.get(word) ?? 0) / n <= MAX_CAPITAL_SHARE && word.length > 1)
  .map(([word]) => word)
  .sort();
const out = {
  description: 'Words almost always written in lower case in running English text (derived counts from the ClaimBuster sentences, CC BY 4.0; rebuilt by scripts/build-common-words.ts). A capitalised sentence-initial word from this list does not start a name.',
  words,
};
writeFileSync(join(packageRoot(), 'data', 'lexicons', 'common-words.json'), `${JSON.stringify(out)}\n`);
console.log(`${words.length} common words`);
