import { readFileSync } from 'node:fs';
import { dataPath } from '../../core/paths.js';

interface BoilerplateRule {
  pattern: RegExp;
  reason: string;
}

interface BoilerplateLexicon {
  lines: Array<{ pattern: string; reason: string }>;
}

/** Longer lines are prose, whatever words they contain. */
const MAX_BOILERPLATE_LINE = 160;

let rules: BoilerplateRule[] | null = null;

function loadRules(): BoilerplateRule[] {
  if (rules) return rules;
  const files = [dataPath('lexicons', 'boilerplate.json'), ...(process.env.DISCERN_BOILERPLATE ?? '').split(':').filter(Boolean)];
  rules = files.flatMap((file) => {
    const lexicon = JSON.parse(readFileSync(file, 'utf8')) as BoilerplateLexicon;
    return lexicon.lines.map((entry) => ({ pattern: new RegExp(entry.pattern, 'iu'), reason: entry.reason }));
  });
  return rules;
}

/** Why this (trimmed) line is page furniture, or null if it is not. */
export function boilerplateReason(content: string): string | null {
  if (content.length === 0 || content.length > MAX_BOILERPLATE_LINE) return null;
  for (const rule of loadRules()) {
    if (rule.pattern.test(content)) return rule.reason;
  }
  return null;
}

/** Markers after which a CMS page has only its footer left: the reply form, the copyright line. */
export function endsArticle(content: string): boolean {
  const reason = boilerplateReason(content);
  return reason === 'comment form' || reason === 'copyright line';
}
