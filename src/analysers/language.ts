import type { FindingDraft } from '../core/types.js';
import type { DocumentAnalyzer } from './analyzer.js';

/** Comments shorter than this are not worth a language finding of their own. */
const MIN_COMMENT_CHARS = 40;

/**
 * The article's language, and any comment written in another one (a comment section in a
 * second language is itself a signal worth seeing).
 */
export const languageAnalyzer: DocumentAnalyzer = {
  scope: 'document',
  name: 'language',
  version: '1.0.0',
  kinds: ['language'],
  description: "Identifies the article's language (fastText lid.176) and comments written in a different one.",
  analyze(ctx) {
    const findings: FindingDraft[] = [];
    const main = ctx.language();
    const prose = ctx.sectionsOf('title', 'heading', 'body');
    if (main.code && prose.length > 0) {
      findings.push({
        kind: 'language',
        label: main.code,
        start: prose[0].start,
        end: prose[prose.length - 1].end,
        score: main.score,
        explanation: `The article text reads as language "${main.code}" with probability ${main.score.toFixed(2)}.`,
        data: { scope: 'article' },
      });
    }
    for (const comment of ctx.sectionsOf('comment')) {
      if (comment.end - comment.start < MIN_COMMENT_CHARS) continue;
      const guess = ctx.resources.language.identify(ctx.doc.text.slice(comment.start, comment.end));
      if (!guess.code || guess.code === main.code || guess.score < 0.5) continue;
      findings.push({
        kind: 'language',
        label: guess.code,
        start: comment.start,
        end: comment.end,
        score: guess.score,
        explanation: `This comment reads as language "${guess.code}" (probability ${guess.score.toFixed(2)}), unlike the article ("${main.code ?? 'unknown'}").`,
        data: { scope: 'comment', section: comment.index },
      });
    }
    return findings;
  },
};
