import type { FindingDraft, Span } from '../core/types.js';
import type { DocumentAnalyzer, DocumentContext } from './analyzer.js';
import { findAttributions, newMemory } from './claims/attribution.js';
import { loadClaimLexicons } from './claims/lexicons.js';
import { detectAccusations, dismissesPrevious, newDocumentMemory, type Accusation } from './accusations/detect.js';
import { cue, loadNarrativeLexicons, matchesIn } from './accusations/lexicon.js';
import { resolveParty } from './accusations/metonymy.js';
import { append, maxOf, minOf } from '../core/arrays.js';
import { actorsIn, inWireCredit, isCountry, laterHolder, newRoleMemory, sideOf, type Actor } from './accusations/actors.js';
import { detectLoadedCharges, detectVoiceAccusations, newVoiceMemory } from './accusations/speech.js';
import { articleVoice, isAboutTheWriter } from './accusations/voice.js';
import { pairQuotes, quotationsWithSpeakers, type Quotation } from './accusations/quotes.js';
import { presentInverted, reclaimInverted } from './accusations/inverted.js';
import { citedAttributions, finalAttributions } from './accusations/final-attribution.js';

/**
 * Who accuses whom of what, and what the article itself makes of each allegation.
 * Rules over the entity layer and the lexicons in data/lexicons/narratives/.
 * Contract: docs/analysers/narratives.md ("Findings", `accusation`).
 */

export interface AccusationData extends Record<string, unknown> {
  accuser: string | null;
  accused: string;
  /** the place as written when the accuser or accused was a capital, seat or region standing for its country */
  accuserVia?: string;
  accusedVia?: string;
  allegation: string;
  relation: string;
  target: string | null;
  stance: Accusation['stance'];
  cue: string;
  trigger: { start: number; end: number; text: string };
  /** a reported accusation the article keeps its distance from ("the alleged …", "X claimed that …"): relaying it is no lean */
  distanced?: boolean;
  /** the accused rejects the charge in the same sentence ("X rejected allegations made by Y"): the page gives the accused a voice */
  rejectedByAccused?: boolean;
}

const STANCE_WORDS = { asserts: 'asserts', denies: 'denies', reports: 'reports without taking sides on' } as const;

export function analyzeAccusations(ctx: DocumentContext): FindingDraft[] {
  const { doc } = ctx;
  const text = doc.text;
  const author = articleVoice(doc);
  const lex = loadNarrativeLexicons();
  const claimLex = loadClaimLexicons();
  const entities = ctx.entities();
  const memory = newDocumentMemory();
  const attributionMemory = newMemory();
  const roleMemory = newRoleMemory();
  const voiceMemory = newVoiceMemory();
  const out: FindingDraft[] = [];
  // violence stated in the article's own voice counts only in a text that quotes and attributes
  // nothing (a statement, a press release, an opinion piece): in a report that attributes, such
  // sentences carry on a source's account ("India's troops … attacked", after "China said")
  const ownVoiceViolence: FindingDraft[] = [];
  let attributed = 0;
  const voiceFound = new Set<Accusation>();
  const body = ctx.sentences().filter((s) => s.sectionKind === 'body' || s.sectionKind === 'title' || s.sectionKind === 'heading');
  let previous: Array<{ draft: FindingDraft; data: AccusationData }> = [];
  const quoteRoles = newRoleMemory();
  const quotations: Quotation[] = [];
  for (const section of doc.sections) {
    if (section.kind === 'body' || section.kind === 'title' || section.kind === 'heading') for (const q of quotationsWithSpeakers(text, section.start, section.end, entities, quoteRoles)) quotations.push(q);
  }
  quotations.sort((a, b) => a.claim.end - b.claim.end);
  const quoteSpans: Span[] = [];
  for (const section of doc.sections) {
    if (section.kind === 'body' || section.kind === 'title' || section.kind === 'heading') append(quoteSpans, pairQuotes(text, section.start, section.end).filter((q) => q.end - q.start >= 12));
  }
  // the party a sentence opens with, carried over sentences that open with a pronoun ("Y's ships … . Their behaviour is …")
  let openingSubject: Actor | null = null;
  for (const sentence of body) {
    // "The writer is a freelance columnist": about the byline, never an accusation
    if (isAboutTheWriter(text.slice(sentence.start, sentence.end))) continue;
    const attributions = presentInverted(text, sentence, citedAttributions(text, sentence, finalAttributions(text, sentence, reclaimInverted(text, sentence, findAttributions(text, sentence, entities, claimLex, attributionMemory)), entities), entities), entities);
    attributed += attributions.filter((a) => a.sourceName !== null && a.label !== 'vague' && a.label !== 'none').length;
    const dismissal = dismissesPrevious(text.slice(sentence.start, sentence.end), lex);
    if (dismissal) {
      for (const p of previous) {
        if (p.data.stance !== 'reports') continue;
        p.data.stance = 'denies';
        p.data.cue = dismissal;
        p.draft.label = 'denies';
        p.draft.explanation = explain(p.data) + ` The next sentence dismisses it ("${dismissal}").`;
      }
    }
    const found: Accusation[] = detectAccusations({ start: sentence.start, end: sentence.end, text, entities, attributions, author }, lex, memory);
    // "BEIJING, Nov. 19 (Agency) -- A spokesperson said …": the agency credits the copy; it never speaks in it
    const actors = actorsIn(text, sentence.start, sentence.end, entities, roleMemory).filter((a) => !inWireCredit(text, a));
    for (const v of detectVoiceAccusations({ start: sentence.start, end: sentence.end, text, actors, attributions, quotations: quotationsOver(quotations, sentence) }, lex, voiceMemory)) {
      // one relation-rule reading per accused; a second speaker of it ("X and Y accused Z") is his own finding
      const same = found.find((a) => a.accused === v.accused && a.relation !== 'attacks' && (!voiceFound.has(a) || a.accuser === v.accuser));
      if (same) {
        voiceFound.add(same);
        // the relation rules' reading stays; the speaker found in the voice wins over an unnamed,
        // authorial or merely national accuser ("Ethiopia" for "Ethiopia's foreign ministry")
        const weak = same.accuser === null || same.accuser === author || isCountry(same.accuser) || lex.metonyms.has(same.accuser);
        if (v.accuser && weak && same.accuser !== v.accuser && !(same.stance === 'denies' && same.accuser === null)) {
          if (same.accuser === author && same.stance === 'asserts') same.stance = v.stance;
          same.accuser = v.accuser;
          append(same.spans, v.spans);
        }
        continue;
      }
      found.push(v);
      voiceFound.add(v);
    }
    // a relation the rules would state as the article's fact, where a named speaker's words say it
    // ("X addressed parliament, telling lawmakers that Y was behind the killing"): the speaker's, not the article's
    const voiced = found.filter((v) => voiceFound.has(v) && v.accuser !== null && v.accuser !== author);
    for (let i = found.length - 1; i >= 0; i--) {
      const a = found[i];
      // (…and an unnamed one's report of the same words: "allegations of a link between Y and …" inside X's telling)
      const unnamed = (a.accuser === author && a.stance === 'asserts') || (a.accuser === null && a.stance === 'reports');
      if (voiceFound.has(a) || !unnamed) continue;
      const from = minOf(a.spans.map((x) => x.start));
      const to = maxOf(a.spans.map((x) => x.end));
      if (voiced.some((v) => v.accused === a.accused && v.trigger.start < to && from < v.trigger.end)) found.splice(i, 1);
    }
    // the article's own loaded charge ("the terrorist militia committed a heinous massacre", "the third day of X's aggression")
    if (author !== null && voiceMemory.continuing === null) {
      for (const v of detectLoadedCharges({ start: sentence.start, end: sentence.end, text, actors, attributions, quotations: [] }, lex, author, quoteSpans, openingSubject)) {
        if (found.some((a) => a.accused === v.accused)) continue;
        found.push(v);
        voiceFound.add(v);
      }
    }
    openingSubject = subjectOpening(text, sentence, actors, openingSubject);
    previous = [];
    const seen = new Set<string>();
    const distancing = matchesIn(cue(lex, 'distance'), text, sentence.start, sentence.end);
    const plainSentence = matchesIn(cue(lex, 'condemning'), text, sentence.start, sentence.end).length === 0 && matchesIn(cue(lex, 'militant'), text, sentence.start, sentence.end).length === 0;
    for (const a of found) {
      // a relation the article would "state as fact" inside quotation marks is the quoted
      // speaker's (or an unnamed one's) words: the article only reports them
      if (a.accuser === author && a.stance === 'asserts' && !voiceFound.has(a)) {
        const quoted = quotedSpeakerAt(quotations, quoteSpans, a.trigger.start);
        if (quoted !== undefined) {
          if (quoted && (quoted.name === a.accused || quoted.country === a.accused)) continue; // a party speaking of itself
          a.accuser = quoted?.name ?? null;
          a.stance = 'reports';
          a.cue = quoted ? quoted.verb : 'quoted';
        }
      }
      const start = minOf(a.spans.map((s) => s.start));
      const end = maxOf(a.spans.map((s) => s.end));
      const accused = resolveParty(a.accused, 'accused', lex);
      const accuser = a.accuser === null || a.accuser === author ? { name: a.accuser, via: null } : resolveParty(a.accuser, 'accuser', lex);
      // nobody accuses himself ("Moscow" and "Russia" are one party once resolved), nor his own
      // state ("Armenian Defense Ministry spokeswoman Shushan Stepanyan" never accuses Armenia)
      if (accuser.name === accused.name) continue;
      if (accuser.name !== null && accuser.name !== author) {
        const side = (n: string): string | null => sideOf(roleMemory, n) ?? sideOf(quoteRoles, n);
        if (side(accuser.name) === accused.name || side(accused.name) === accuser.name) continue;
      }
      const key = `${accuser.name}|${accused.name}|${a.allegation}|${a.stance}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const data: AccusationData = {
        accuser: accuser.name, accused: accused.name, allegation: a.allegation, relation: a.relation, target: a.target, stance: a.stance, cue: a.cue, trigger: a.trigger,
        ...(accuser.via ? { accuserVia: accuser.via } : {}),
        ...(accused.via ? { accusedVia: accused.via } : {}),
        ...(a.stance === 'reports' && (/^claim/iu.test(a.cue) || distancing.length > 0) ? { distanced: true } : {}),
        ...('rejectedByAccused' in a && a.rejectedByAccused ? { rejectedByAccused: true } : {}),
      };
      const draft: FindingDraft = {
        kind: 'accusation', label: a.stance, start, end,
        score: a.stance === 'asserts' && a.cue === 'stated as fact' ? 0.6 : 0.7,
        explanation: explain(data), data,
      };
      // the relation rules' "attacks" (not the voice's): only for a text that attributes nothing;
      // so is a plain "X backs Y" / "X's ties with Y" in the article's voice with no condemning word
      // and no armed group in the sentence: in a report that quotes the parties it is the background
      // every wire repeats ("Algeria backs the Polisario Front, which seeks independence"), not the
      // outlet taking a side ("X supports militants who attacked police posts" still is)
      // (a sentence that attributes the support — "…, the United Nations confirmed" — is no background)
      const background = (data.relation === 'supports' || data.relation === 'engages with') && data.accuser === author && data.stance === 'asserts' && !voiceFound.has(a) && plainSentence && attributions.length === 0;
      // (not when an accusation verb gives it a named accuser: "X released a statement accusing Y of attacks" is X's charge)
      // (and no voice reading of the sentence already gives that charge its speaker)
      const accusedByName = data.accuser !== null && data.accuser !== author && /^(?:accus|blam|alleg|charg)/iu.test(a.cue) && !found.some((v) => v !== a && voiceFound.has(v) && v.accused === a.accused);
      if ((data.relation === 'attacks' && !voiceFound.has(a) && !accusedByName) || background) ownVoiceViolence.push(draft);
      else out.push(draft);
      previous.push({ draft, data });
    }
  }
  if (attributed === 0 && quotations.length === 0) append(out, ownVoiceViolence);
  // "The Ukrainian Minister of Foreign Affairs tweeted …" before "Foreign Minister Dmytro Kuleba": the role is the person named in it
  for (const draft of out) {
    const data = draft.data as AccusationData;
    const holder = data.accuser ? laterHolder(roleMemory, data.accuser) ?? laterHolder(quoteRoles, data.accuser) : null;
    if (holder && holder !== data.accused) {
      data.accuserVia = data.accuser ?? undefined;
      data.accuser = holder;
      draft.explanation = explain(data);
    }
    // …and an accused role ("accused the president of X of …" before "President Y of X")
    const accusedHolder = laterHolder(roleMemory, data.accused) ?? laterHolder(quoteRoles, data.accused);
    if (accusedHolder && accusedHolder !== data.accuser) {
      data.accusedVia = data.accused;
      data.accused = accusedHolder;
      draft.explanation = explain(data);
    }
  }
  return out;
}

/**
 * Who says the words at `at` when they stand inside quotation marks: the quotation's speaker
 * (with its verb), null for a quotation with no speaker found, undefined outside quotation marks.
 */
function quotedSpeakerAt(quotations: Quotation[], spans: Span[], at: number): { name: string; country: string | null; verb: string } | null | undefined {
  const q = quotations.find((x) => x.quote.start <= at && x.quote.end > at);
  if (q) return { name: q.speaker.name, country: q.speaker.country, verb: q.verb };
  return spans.some((s) => s.start <= at && s.end > at) ? null : undefined;
}

/** Quotations whose claim overlaps the sentence (claims are sorted and short: a binary search, then a short walk). */
function quotationsOver(quotations: Quotation[], span: { start: number; end: number }): Quotation[] {
  let lo = 0;
  let hi = quotations.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (quotations[mid].claim.end <= span.start) lo = mid + 1;
    else hi = mid;
  }
  const out: Quotation[] = [];
  for (let i = lo; i < quotations.length && quotations[i].claim.start < span.end; i++) if (quotations[i].claim.end > span.start) out.push(quotations[i]);
  return out;
}

function explain(d: AccusationData): string {
  const who = d.accuser === null ? 'someone unnamed' : d.accuserVia ? `${d.accuser}, as "${d.accuserVia}"` : d.accuser;
  const accused = d.accusedVia ? `${d.accused} (named as "${d.accusedVia}")` : d.accused;
  const cueText = d.cue === 'stated as fact' ? 'stated as fact, with no source' : `cue "${d.cue}"`;
  return `Allegation that ${accused} ${d.allegation} (made by ${who}); the article ${STANCE_WORDS[d.stance as keyof typeof STANCE_WORDS]} it (${cueText}; trigger "${d.trigger.text}").`;
}

export const accusationsAnalyzer: DocumentAnalyzer = {
  scope: 'document',
  name: 'accusations',
  version: '1.16.0',
  kinds: ['accusation'],
  description: 'Who accuses whom of what (harbouring, supporting, engaging with armed groups, spreading disinformation …), and whether the article asserts, denies or only reports each allegation.',
  analyze: analyzeAccusations,
};

/** A pronoun-opened sentence keeps the subject it refers to; else the party within its first words (not a place: "In X, …" names where). */
function subjectOpening(text: string, sentence: Span, actors: Actor[], carried: Actor | null): Actor | null {
  if (/^\s*(?:they|their|it|its|he|his|she|her)(?![\p{L}])/iu.test(text.slice(sentence.start, sentence.end))) return carried;
  const first = actors.find((a) => a.start >= sentence.start && a.end <= sentence.end);
  if (!first || first.kind === 'place' || (text.slice(sentence.start, first.start).match(/[\p{L}\p{N}]+/gu) ?? []).length > 3) return null;
  return first;
}
