import type { FindingDraft, Span } from '../core/types.js';
import type { DocumentAnalyzer, DocumentContext, Sentence } from './analyzer.js';
import { mentionsWithin } from '../nlp/entities/mentions.js';
import {
  findAttributions,
  newMemory,
  strengthOf,
  strongest,
  type AttributionLabel,
  type AttributionMatch,
  type EvidenceStrength,
} from './claims/attribution.js';
import { certaintyLevel, findCertaintyMarkers, type CertaintyLevel, type CertaintyMarker } from './claims/certainty.js';
import { claimType, type ClaimType } from './claims/claim-type.js';
import { extractDates, type DateMention } from './claims/dates.js';
import { loadClaimLexicons } from './claims/lexicons.js';
import { decisionThreshold, loadClaimModel, scoreInContext, scoreSentence } from './claims/model.js';
import { extractNumbers, type NumberMention } from './claims/numbers.js';

/**
 * Check-worthy claims, whose word they rest on, and how sure the text pretends to be.
 * Every body sentence is scored by the trained model (models/claims.json); attributions and
 * certainty markers come from rules and the lexicons in data/lexicons/claims/.
 * Contract: docs/analysers/claims.md ("Findings").
 */

/**
 * The committed model's "check-worthy" cut on its calibrated probability, chosen out of fold by
 * scripts/train-claims.ts (the F1-maximising cut on the ClaimBuster training sentences;
 * docs/thresholds.md). The analyser uses the loaded model's own cut (`decisionThreshold`); this
 * constant is that cut for the committed model (a test checks they agree) and the claims'
 * default display threshold (src/report/thresholds.ts).
 */
export const CHECKWORTHY_THRESHOLD = 0.36;

/** A claim's reference to an attribution: by span and label, because finding ids are assigned later. */
export interface EvidenceAttribution extends Span {
  label: AttributionLabel;
  sourceName: string | null;
  verb: string | null;
  strength: EvidenceStrength;
  /** true when taken from the quotation this sentence continues */
  inherited: boolean;
}

export interface ClaimData extends Record<string, unknown> {
  /** probability that the sentence is check-worthy, in its context (its neighbours move it) */
  checkworthiness: number;
  /** the same for the sentence alone, before its neighbours */
  sentenceScore: number;
  type: ClaimType;
  actors: string[];
  numbers: Array<Omit<NumberMention, never>>;
  dates: DateMention[];
  places: string[];
  evidence: { strength: EvidenceStrength; attributions: EvidenceAttribution[] };
  certainty: CertaintyLevel;
  /** hedges and boosters in the sentence, by span */
  certaintyMarkers: Array<Span & { label: CertaintyMarker['label']; text: string }>;
}

export interface AttributionData extends Record<string, unknown> {
  claimSpan: Span;
  verb: string | null;
  sourceName: string | null;
  role: string | null;
  strength: EvidenceStrength;
  speechKind: AttributionMatch['speechKind'];
  platform: string | null;
  rule: AttributionMatch['rule'];
}

const LABEL_WORDS: Record<AttributionLabel, string> = {
  'named-person': 'a named person',
  organisation: 'an organisation',
  document: 'a document',
  'social-media': 'a social-media source',
  anonymous: 'an anonymous source',
  vague: 'a vague appeal',
  none: 'no source',
};

function attributionExplanation(m: AttributionMatch, quote: string): string {
  if (m.label === 'none') return `"${quote}" reports a claim or accusation without saying who makes it.`;
  const via = m.verb ? ` (${m.verb})` : '';
  const role = m.role ? `, ${m.role}` : '';
  const name = m.sourceName && m.sourceName !== quote ? ` = ${m.sourceName}` : '';
  const findable = m.verifiable ? ', a specific document that can be looked up' : '';
  return `The claim is attributed${via} to ${LABEL_WORDS[m.label]}: "${quote}"${name}${role}${findable}.`;
}

function toReference(m: AttributionMatch, inherited: boolean): EvidenceAttribution {
  return { start: m.start, end: m.end, label: m.label, sourceName: m.sourceName, verb: m.verb, strength: strengthOf(m), inherited };
}

/** Denials report the other side; they do not support the sentence's own claim. */
function supports(ref: EvidenceAttribution, match: AttributionMatch | undefined): boolean {
  return match?.speechKind !== 'deny';
}

const opensQuote = (text: string): boolean => /^[“"‘]/.test(text);

export function analyzeClaims(ctx: DocumentContext): FindingDraft[] {
  const { text } = ctx.doc;
  const lex = loadClaimLexicons();
  const model = loadClaimModel();
  const threshold = decisionThreshold(model);
  const entities = ctx.entities();
  const memory = newMemory();
  const out: FindingDraft[] = [];
  let previous: { section: number; matches: AttributionMatch[] } | null = null;

  const body = ctx.sentences().filter((s: Sentence) => s.sectionKind === 'body');
  // every body sentence with words is scored and is context for its neighbours (as every line
  // of a debate is in training); only those of 12 characters or more can be reported
  const scored = body.filter((s) => /\p{L}{2}/u.test(text.slice(s.start, s.end)));
  const alone = scored.map((s) => scoreSentence(text.slice(s.start, s.end), model));
  const inContext = scoreInContext(alone, model);
  const scoreOf = new Map(scored.map((s, i) => [s, { alone: alone[i], score: inContext[i] }]));
  for (const sentence of body) {
    const sentenceText = text.slice(sentence.start, sentence.end);
    const inside = mentionsWithin(entities, sentence.start, sentence.end);
    const matches = findAttributions(text, sentence, inside, lex, memory);
    const markers = findCertaintyMarkers(text, sentence, lex.certainty);

    for (const m of matches) {
      const quote = text.slice(m.start, m.end);
      const data: AttributionData = {
        claimSpan: m.claimSpan, verb: m.verb, sourceName: m.sourceName, role: m.role, strength: strengthOf(m),
        speechKind: m.speechKind, platform: m.platform, rule: m.rule,
      };
      out.push({ kind: 'attribution', label: m.label, start: m.start, end: m.end, score: m.confidence, explanation: attributionExplanation(m, quote), data });
    }
    for (const marker of markers) {
      out.push({
        kind: 'certainty', label: marker.label, start: marker.start, end: marker.end, score: 0.7,
        explanation: `"${marker.text}" is a ${marker.label === 'hedge' ? 'hedge, lowering' : 'booster, raising'} how sure the sentence says it is: ${marker.reason}.`,
        data: { reason: marker.reason },
      });
    }

    // a quotation continuing the previous sentence's quotation keeps its source
    const inherited = matches.length === 0 && opensQuote(sentenceText) && previous?.section === sentence.section ? previous.matches : [];
    if (matches.length > 0) previous = { section: sentence.section, matches };

    const scores = scoreOf.get(sentence);
    if (sentenceText.length < 12 || !scores) continue;
    const { score } = scores;
    if (score < threshold) continue;

    const refs = [...matches.map((m) => toReference(m, false)), ...inherited.map((m) => toReference(m, true))];
    const all = [...matches, ...inherited];
    const supporting = refs.filter((r, i) => supports(r, all[i]));
    const strength = supporting.length > 0 ? strongest(supporting.map((r) => r.strength)) : 'unsupported';
    const numbers = extractNumbers(sentenceText, sentence.start);
    const dates = extractDates(sentenceText, sentence.start).filter((d) => !numbers.some((n) => n.start < d.end && d.start < n.end));
    const actors = unique(inside.filter((e) => e.type !== 'place' && e.type !== 'document').map((e) => e.canonical));
    const places = unique(inside.filter((e) => e.type === 'place').map((e) => e.canonical));
    const reported = all.some((m) => m.label !== 'vague' && m.label !== 'document' && m.speechKind !== null && m.speechKind !== 'suggest');
    const type = claimType({ text: sentenceText, numbers, dates, reported });
    const certainty = certaintyLevel(markers);
    const data: ClaimData = {
      checkworthiness: round(score),
      sentenceScore: round(scores.alone),
      type,
      actors,
      numbers,
      dates,
      places,
      evidence: { strength, attributions: refs },
      certainty,
      certaintyMarkers: markers.map((m) => ({ start: m.start, end: m.end, label: m.label, text: m.text })),
    };
    const main = supporting.find((r) => r.strength === strength);
    const source = main ? `: ${LABEL_WORDS[main.label]} "${text.slice(main.start, main.end)}"${main.inherited ? ' (quotation continued)' : ''}` : '';
    out.push({
      kind: 'claim',
      label: type,
      start: sentence.start,
      end: sentence.end,
      score: round(score),
      explanation: `A check-worthy ${type} claim (model score ${score.toFixed(2)}${contextNote(score, scores.alone)}); evidence ${strength}${source}; certainty ${certainty}.`,
      data,
    });
  }
  return out;
}

/** How the context (the neighbouring sentences) moved the score, when it moved it visibly. */
function contextNote(score: number, alone: number): string {
  if (Math.abs(score - alone) < 0.005) return '';
  return `; ${alone.toFixed(2)} alone, ${score > alone ? 'raised' : 'lowered'} by the sentences around it`;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

export const claimsAnalyzer: DocumentAnalyzer = {
  scope: 'document',
  name: 'claims',
  version: '1.7.0',
  kinds: ['claim', 'attribution', 'certainty'],
  description: 'Check-worthy claims (trained model) with their type, numbers, dates, actors and evidence strength; who each is attributed to; hedges and boosters.',
  analyze: analyzeClaims,
};
