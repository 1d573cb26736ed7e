import type { Span } from '../../core/types.js';
import type { AttributionMatch } from '../claims/attribution.js';
import type { EntityMention } from '../../nlp/entities/mentions.js';

/**
 * A speaker at the end of the sentence, after the reported words (issue 14, voice): "…, Ana Rojas,
 * the foreign ministry's spokesperson, said on Monday." and "…, X, a spokeswoman for the ministry
 * and former ambassador to Y, said Tuesday." — a name, an apposition set off by commas, a speech
 * verb and only a time, place or medium after it. The attribution layer reads nothing there (or
 * takes the weekday after "said" for the source); the words before the first comma are the
 * named speaker's, and the article only reports them. Any side: only the sentence's shape decides.
 */

/** Words the attribution layer may take for a source right after "said" ("…, X said Tuesday."): a time, never a speaker. */
const TIME_SOURCE = /^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tonight|earlier|later|january|february|march|april|may|june|july|august|september|october|november|december)$/iu;

/** ", <name>, <apposition>, <verb> <trailer>." at the end of the sentence */
const NAME_APPOSITION_VERB = /,\s*([^,;:“”"]{2,60}?)\s*,\s+(?:(?:a|an|the|its|his|her|their)\s+|\p{Lu}[\p{L}-]*['’]s\s+)[^;:“”"]{3,140}?,\s+(?:(?:had|has|also|then|later|further)\s+)?(said|says|told reporters|told journalists|told|stated|added|noted|warned|claimed|insisted|stressed|explained|charged|alleged|wrote|declared)([^,;:“”"]{0,40}?)\s*[.!?]?\s*$/u;

/** What may follow the verb: nothing, a time, a place, a medium, the audience of "told". */
const TRAILER = /^(?:|\s+(?:(?:on|in|at|during|late|early|earlier|later|last|this|via|through|to|from)\s+[^,;:“”"]{1,36}|(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tonight)(?:\s+[^,;:“”"]{1,24})?|reporters|journalists|the (?:press|media)))$/iu;

function words(text: string): number {
  return (text.match(/[\p{L}\p{N}]+/gu) ?? []).length;
}

export function finalAttributions(text: string, sentence: Span, attributions: readonly AttributionMatch[], entities: readonly EntityMention[]): AttributionMatch[] {
  // a weekday or month is no speaker, whatever the layer below made of "said Tuesday"
  const kept = attributions.filter((a) => !(a.sourceName !== null && TIME_SOURCE.test(text.slice(a.start, a.end).trim())));
  const s = text.slice(sentence.start, sentence.end);
  const m = NAME_APPOSITION_VERB.exec(s);
  if (!m || !TRAILER.test(m[3])) return kept;
  const nameAt = sentence.start + m.index + m[0].indexOf(m[1]);
  const name = { start: nameAt, end: nameAt + m[1].length };
  // the name is one entity (a person, a body or a state), not a clause that happens to sit between commas
  const speaker = entities.filter((e) => e.start >= name.start && e.end <= name.end && e.type !== 'document');
  if (speaker.length !== 1 || words(text.slice(name.start, speaker[0].start)) > 1 || words(text.slice(speaker[0].end, name.end)) > 0) return kept;
  const comma = sentence.start + m.index;
  const claim = { start: sentence.start + (s.search(/\S/u) < 0 ? 0 : s.search(/\S/u)), end: comma };
  // a quotation closed before the comma has its own speaker (quotes.ts)
  if (/[”"’]\s*$/u.test(text.slice(claim.start, comma)) || words(text.slice(claim.start, claim.end)) < 4) return kept;
  // an attribution inside the reported words ("X accused Y of …, Z said") stays its own speaker's
  if (kept.some((a) => a.sourceName !== null && a.start >= claim.start && a.end <= claim.end && a.label !== 'none' && a.label !== 'vague')) return kept;
  const e = speaker[0];
  const match: AttributionMatch = {
    start: e.start, end: e.end, label: e.type === 'person' ? 'named-person' : 'organisation', verb: m[2], speechKind: 'say',
    sourceName: e.canonical, role: null, claimSpan: claim, verifiable: false, platform: null, rule: 'postposed', confidence: 0.6,
  };
  // the layer's reading of the same speaker (with the words after the verb as its claim) gives way
  return [...kept.filter((a) => !(a.start >= name.start && a.end <= sentence.end)), match];
}

/** "cited X as saying (that)", "quoted Foreign Minister X as telling reporters …" */
const CITED_AS = /(?<![\p{L}])(?:cited|cites|citing|quoted|quotes|quoting)\s+([^,;:.“”"]{2,80}?)\s+as\s+(saying|stating|claiming|charging|warning|writing|telling\s+[^,;:.“”"]{1,40}?)(?:\s+that)?\s+/giu;

/**
 * "Media cited X as saying that Y …", "State television quoted Foreign Minister X as saying …": the
 * words after "as saying" are X's (the outlet that cites them only relays them), so the article
 * reports them — it does not state them as fact.
 */
export function citedAttributions(text: string, sentence: Span, attributions: readonly AttributionMatch[], entities: readonly EntityMention[]): AttributionMatch[] {
  const out = [...attributions];
  CITED_AS.lastIndex = 0;
  const s = text.slice(sentence.start, sentence.end);
  for (let m = CITED_AS.exec(s); m; m = CITED_AS.exec(s)) {
    const nameAt = sentence.start + m.index + m[0].indexOf(m[1]);
    const quoted = entities.filter((e) => e.start >= nameAt && e.end <= nameAt + m[1].length && e.type !== 'document').pop();
    if (!quoted) continue;
    const claim = { start: sentence.start + m.index + m[0].length, end: sentence.end };
    // a reading of the same words with the relay (or nobody) as the source gives way
    for (let i = out.length - 1; i >= 0; i--) if (out[i].claimSpan.start <= claim.start && out[i].claimSpan.end > claim.start) out.splice(i, 1);
    out.push({
      start: quoted.start, end: quoted.end, label: quoted.type === 'person' ? 'named-person' : 'organisation', verb: m[2].split(/\s+/u)[0], speechKind: 'say',
      sourceName: quoted.canonical, role: null, claimSpan: claim, verifiable: false, platform: null, rule: 'speech-verb', confidence: 0.7,
    });
  }
  return out;
}
