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

/** Every lexicon rule that matches a sentence. */
export function applyRules(text: string, sentence: RuleSentence, rules: readonly LexiconRule[]): RuleHit[] {
  const hits: RuleHit[] = [];
  const toks = sentence.tokens;
  for (const rule of rules) {
    if (rule.words) {
      const w = rule.words;
      for (let i = 0; i + w.length <= toks.length; i++) {
        let ok = true;
        for (let j = 0; j < w.length && ok; j++) ok = toks[i + j].norm === w[j];
        if (!ok) continue;
        const cue = { start: toks[i].start, end: toks[i + w.length - 1].end };
        hits.push(hit(text, rule, rule.extent === 'sentence' ? sentence : cue, cue));
      }
    } else if (rule.regex) {
      const slice = text.slice(sentence.start, sentence.end);
      rule.regex.lastIndex = 0;
      for (let m = rule.regex.exec(slice); m; m = rule.regex.exec(slice)) {
        if (m[0].length === 0) {
          rule.regex.lastIndex++;
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
  }
  return hits;
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
