import type { DateMention } from './dates.js';
import type { NumberMention } from './numbers.js';

/**
 * The type of a check-worthy claim, by the first rule that applies:
 * statistic (money, percentages, measures, or counts without a date) · prediction · causal ·
 * event (a dated happening) · attribution (someone said or alleged it) · other-factual.
 */

export type ClaimType = 'statistic' | 'event' | 'attribution' | 'causal' | 'prediction' | 'other-factual';

const PREDICTION = /\b(?:will|won['’]t|shall|(?:is|are|was|were) (?:likely|expected|set|poised|going|projected|forecast) to|is likely to|likely to|(?:predicts?|forecasts?|projects?)\b(?! \w+ed\b))/i;
const CAUSAL = /\b(?:because|due to|as a result|resulted in|results? in|result of|led to|leads? to|leading to|caused|causes|causing|stems? from|stemmed from|thanks to|owing to|therefore|consequently|enabled|enables|fuell?ed|fuels|driven by|contributed to|contributes to|responsible for|blamed for)\b/i;
const PAST_ACTION = /\b\w{3,}ed\b|\b(?:began|began|fell|rose|took|met|won|lost|went|came|made|held|sent|left|struck|shot|killed|launched|fought|built|sold|bought|told|said|gave|began|ran|led|met|hit|spent|found|broke|became)\b/i;

export interface ClaimTypeInput {
  text: string;
  numbers: NumberMention[];
  dates: DateMention[];
  /** the sentence carries reported speech or an accusation by an identified or unidentified source */
  reported: boolean;
}

export function claimType({ text, numbers, dates, reported }: ClaimTypeInput): ClaimType {
  const measured = numbers.some((n) => n.unit !== null);
  if (measured) return 'statistic';
  if (PREDICTION.test(text)) return 'prediction';
  if (CAUSAL.test(text)) return 'causal';
  if (dates.length > 0 && PAST_ACTION.test(text)) return 'event';
  if (numbers.length > 0) return 'statistic';
  if (reported) return 'attribution';
  return 'other-factual';
}
