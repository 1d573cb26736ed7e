import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { tokenize } from '../../nlp/tokens.js';
import { loadLexicons, plainTwin, type LexiconRule } from './lexicons.js';
import { applyRules, plainSafe } from './rules.js';

/** Every match of a global regex on a string: index and text. */
function matches(re: RegExp, s: string): Array<[number, string]> {
  const out: Array<[number, string]> = [];
  re.lastIndex = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    out.push([m.index, m[0]]);
  }
  return out;
}

/**
 * A rough string the pattern is likely to match: an alternative of each group, optional parts
 * sometimes, one or two of a repeated part, letters for classes. Not every sample matches; most do.
 */
function sample(source: string, next: (n: number) => number): string {
  let i = 0;
  const seq = (): string => {
    const alternatives: string[] = [];
    let cur = '';
    while (i < source.length && source[i] !== ')') {
      const c = source[i];
      let atom: string;
      if (c === '|') {
        alternatives.push(cur);
        cur = '';
        i++;
        continue;
      } else if (c === '(') {
        i++;
        if (source[i] === '?') {
          if (source[i + 1] === '<' && source[i + 2] !== '=' && source[i + 2] !== '!') i = source.indexOf('>', i) + 1;
          else i += 2;
        }
        atom = seq();
        i++; // ')'
      } else if (c === '\\') {
        const e = source[i + 1];
        i += 2;
        if (e === 'p' || e === 'P') {
          i = source.indexOf('}', i) + 1;
          atom = 'word';
        } else atom = e === 'b' || e === 'B' ? '' : e === 's' ? ' ' : e === 'w' || e === 'S' ? 'x' : e === 'd' ? '7' : e;
      } else if (c === '[') {
        const end = source.indexOf(']', i + 1);
        const body = source.slice(i + 1, end).replace(/^\^/, '');
        atom = body.startsWith('\\') ? 'x' : body.charAt(0) || 'x';
        if (/^\^/.test(source.slice(i + 1, end))) atom = 'x';
        i = end + 1;
      } else if (c === '.') {
        atom = 'some words';
        i++;
      } else if (c === '^' || c === '$') {
        atom = '';
        i++;
      } else {
        atom = c;
        i++;
      }
      const q = source[i];
      if (q === '?') {
        i++;
        if (next(2) === 0) atom = '';
      } else if (q === '*' || q === '+') {
        i++;
        atom = q === '*' && next(2) === 0 ? '' : atom;
      } else if (q === '{') {
        const end = source.indexOf('}', i);
        const min = Number(source.slice(i + 1, end).split(',')[0]);
        i = end + 1;
        atom = atom.repeat(Math.max(min, 1));
      }
      if (source[i] === '?') i++; // lazy
      cur += atom;
    }
    alternatives.push(cur);
    return alternatives[next(alternatives.length)];
  };
  return seq();
}

/** Sentences around samples of the patterns, so the rules fire: seeded, with capitals, quotes and punctuation. */
function sentences(rules: readonly LexiconRule[], count: number): string[] {
  const words = [...new Set(rules.flatMap((r) => r.source.toLowerCase().match(/[a-z']+/g) ?? []))].filter((w) => w.length > 1).sort();
  let seed = 99;
  const next = (n: number): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return (seed >>> 8) % n;
  };
  const extras = ['“', '”', '"', ',', '—', '!', '?', '#', '’', 'é', 'Über'];
  const out: string[] = [];
  for (let k = 0; k < count; k++) {
    const parts: string[] = [];
    const n = 2 + next(8);
    for (let i = 0; i < n; i++) {
      let w = next(4) === 0 ? sample(rules[next(rules.length)].source, next) : next(6) === 0 ? extras[next(extras.length)] : words[next(words.length)];
      if (next(5) === 0) w = w.charAt(0).toUpperCase() + w.slice(1);
      if (next(9) === 0) w = w.toUpperCase();
      parts.push(w);
    }
    out.push(parts.join(next(7) === 0 ? '  ' : ' '));
  }
  return out;
}

test('a pattern needing the u flag gets no plain twin; one without gets it', () => {
  assert.equal(plainTwin('\\b(?:the )?\\p{L}+ regime\\b'), undefined);
  assert.equal(plainTwin('\\bpeace\\u{1F54A}'), undefined);
  assert.equal(plainTwin('\\bÉcole\\b'), undefined, 'a cased non-ASCII letter folds differently');
  assert.ok(plainTwin('\\b(?:so-called|“so-called”)\\b'), 'uncased quotes are fine');
  const rules = loadLexicons().rules.filter((r) => r.regex);
  assert.ok(rules.filter((r) => r.plainRegex).length >= rules.length / 2, 'most built-in patterns have a twin');
});

test('the guard: ſ, the Kelvin sign and surrogate pairs go to the u pattern, because there the modes differ', () => {
  assert.equal(/\bask\b/iu.test('a\u017Fk'), true);
  assert.equal(/\bask\b/i.test('a\u017Fk'), false);
  assert.equal(/wor\w/iu.test('wor\u212A'), true);
  assert.equal(/wor\w/i.test('wor\u212A'), false);
  assert.equal(plainSafe('a\u017Fk'), false);
  assert.equal(plainSafe('wor\u212A'), false);
  assert.equal(plainSafe('peace 🕊 now'), false);
  assert.equal(plainSafe('“So-called” experts — agree!'), true);
});

test('every built-in pattern and its plain twin find the same matches on safe sentences, and applyRules the same hits', () => {
  const rules = loadLexicons().rules;
  const patterned = rules.filter((r) => r.plainRegex);
  const texts = sentences(patterned, 4000);
  // real text too: the seed articles' lines (read, never copied)
  const seeds = new URL('../../../../shared/seeds/', import.meta.url);
  if (existsSync(seeds)) for (const f of readdirSync(seeds).sort()) for (const line of readFileSync(new URL(f, seeds), 'utf8').split('\n')) if (line.trim()) texts.push(line);
  let found = 0;
  for (const s of texts) {
    if (!plainSafe(s)) continue;
    for (const r of patterned) {
      const a = matches(r.regex!, s);
      assert.deepEqual(matches(r.plainRegex!, s), a, `${r.source} on ${JSON.stringify(s)}`);
      found += a.length;
    }
  }
  assert.ok(found > 500, `the sentences hold matches to compare (${found})`);
  const withoutTwins = rules.map(({ plainRegex: _unused, ...r }) => r);
  for (const s of [...texts.slice(0, 600), 'a\u017Fk what about them', 'Everyone knows 🕊 it']) {
    const sentence = { start: 0, end: s.length, tokens: tokenize(s) };
    assert.deepEqual(applyRules(s, sentence, rules), applyRules(s, sentence, withoutTwins), s);
  }
});
