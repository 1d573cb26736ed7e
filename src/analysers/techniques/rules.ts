import type { Span } from '../../core/types.js';
import type { Token } from '../../nlp/tokens.js';
import type { LexiconRule } from './lexicons.js';
import type { Technique } from './taxonomy.js';

export interface RuleHit extends Span {
  technique: Technique;
  score: number;
  reason: string;
  /** the words that matched */
  cue: string;
}

export interface RuleSentence extends Span {
  tokens: Token[];
}

/** Word rules by their first word, per rule list: a token then meets only the rules it can start. */
const byFirstWord = new WeakMap<readonly LexiconRule[], Map<string, number[]>>();
function wordRuleIndex(rules: readonly LexiconRule[]): Map<string, number[]> {
  let index = byFirstWord.get(rules);
  if (!index) {
    index = new Map();
    rules.forEach((rule, r) => {
      if (!rule.words) return;
      const list = index!.get(rule.words[0]);
      if (list) list.push(r);
      else index!.set(rule.words[0], [r]);
    });
    byFirstWord.set(rules, index);
  }
  return index;
}

/** Every lexicon rule that matches a sentence, rule by rule in list order, each rule's hits in text order. */
export function applyRules(text: string, sentence: RuleSentence, rules: readonly LexiconRule[]): RuleHit[] {
  const hits: RuleHit[] = [];
  const toks = sentence.tokens;
  // word rules: the token positions where each rule matches, found through the first-word index
  const wordMatches = new Map<number, number[]>();
  const index = wordRuleIndex(rules);
  for (let i = 0; i < toks.length; i++) {
    const candidates = index.get(toks[i].norm);
    if (!candidates) continue;
    for (const r of candidates) {
      const w = rules[r].words!;
      if (i + w.length > toks.length) continue;
      let ok = true;
      for (let j = 1; j < w.length && ok; j++) ok = toks[i + j].norm === w[j];
      if (!ok) continue;
      const at = wordMatches.get(r);
      if (at) at.push(i);
      else wordMatches.set(r, [i]);
    }
  }
  let slice: string | undefined;
  let plain: boolean | undefined;
  rules.forEach((rule, r) => {
    if (rule.words) {
      const w = rule.words;
      for (const i of wordMatches.get(r) ?? []) {
        const cue = { start: toks[i].start, end: toks[i + w.length - 1].end };
        hits.push(hit(text, rule, rule.extent === 'sentence' ? sentence : cue, cue));
      }
    } else if (rule.regex) {
      slice ??= text.slice(sentence.start, sentence.end);
      plain ??= plainSafe(slice);
      const regex = plain && rule.plainRegex ? rule.plainRegex : rule.regex;
      regex.lastIndex = 0;
      for (let m = regex.exec(slice); m; m = regex.exec(slice)) {
        if (m[0].length === 0) {
          regex.lastIndex++;
          continue;
        }
        let start = sentence.start + m.index;
        let end = start + m[0].length;
        const spanText = m.groups?.span;
        if (spanText !== undefined) {
          const at = m[0].indexOf(spanText);
          start += at;
          end = start + spanText.length;
        }
        const cue = trim(text, { start, end });
        if (cue.end <= cue.start) continue;
        hits.push(hit(text, rule, rule.extent === 'sentence' ? sentence : cue, cue));
      }
    }
  });
  return hits;
}

/** No surrogate, no ſ (U+017F), no Kelvin sign (U+212A): a rule's `plainRegex` matches here exactly as its `regex` (lexicons.ts plainTwin). */
export function plainSafe(sentence: string): boolean {
  return !/[\uD800-\uDFFF\u017F\u212A]/.test(sentence);
}

function trim(text: string, span: Span): Span {
  let { start, end } = span;
  while (start < end && /[\s.,;:]/u.test(text[start])) start++;
  while (end > start && /[\s.,;:]/u.test(text[end - 1])) end--;
  return { start, end };
}

function hit(text: string, rule: LexiconRule, span: Span, cue: Span): RuleHit {
  return { start: span.start, end: span.end, technique: rule.technique, score: rule.score, reason: rule.reason, cue: text.slice(cue.start, cue.end) };
}
