import type { Span } from '../../core/types.js';
import type { AttributionMatch } from '../claims/attribution.js';
import type { EntityMention } from '../../nlp/entities/mentions.js';

/**
 * "Georgia has made illegal crossings more frequent, the ministry said on Monday.": the reported
 * words stand before the source, set off by a comma, and what follows the verb is only a time,
 * a place or a rider ("on Monday", "in a statement", ", adding …"). The attribution layer reads
 * the clause after the verb as the claim (right for "X said that …"); for this wire shape the
 * claim is the clause before the comma. Without it, an unquoted inverted statement — most of
 * what wires relay from officials — carried no accusation at all.
 */

/** What may follow the verb of an inverted attribution: nothing, a time, a place, a medium, a rider. */
const TRAILER = /^\s*(?:[.!?]|$|,|(?:on|in|at|during|late|early|earlier|later|yesterday|today|tonight|last|this|overnight|after|before|while|when|as|via|through|to|told|citing|without|according)(?![\p{L}])|(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?![\p{L}]))/iu;
/** The comma (with a closing quotation mark left out: quotations have their own speakers) that ends the reported words. */
const COMMA_BEFORE = /,\s*$/u;

export function reclaimInverted(text: string, sentence: Span, attributions: readonly AttributionMatch[]): AttributionMatch[] {
  return attributions.map((a) => {
    // "…, the spokesman said.", "…, officials said.": an unnamed source is one too (the voice layer may know the role's holder)
    if ((a.sourceName === null && a.label !== 'anonymous') || a.label === 'none' || a.label === 'vague') return a;
    if (a.claimSpan.start < a.start) return a;
    const lead = text.slice(sentence.start, a.start);
    // a quotation closed before the comma has its own speaker — unless it is a scare-quoted word or two
    // ('… seeking "Taiwan independence," a spokesperson said'), whose comma is the clause's
    const closed = /[“"‘]([^“”"‘’]{1,40})[”"’]\s*,\s*$|,\s*[”"’]\s*$/u.exec(lead);
    const scare = closed !== null && closed[1] !== undefined && (closed[1].match(/[\p{L}\p{N}]+/gu) ?? []).length <= 3;
    if (!(COMMA_BEFORE.test(lead) || scare) || (/[”"’]\s*,\s*$/u.test(lead) && !scare)) return a;
    // the span is the source; its verb follows ("the ministry said", "Zhu has said")
    const verb = a.verb === null ? null : new RegExp(`^\\s*(?:(?:has|had|have|also|further|then)\\s+)*${a.verb.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')}(?![\\p{L}])`, 'iu').exec(text.slice(a.end, sentence.end));
    if (!verb) return a;
    // "…, X told reporters.", "…, X told Reuters on Monday.": the audience of "told" is no claim
    const audience = /^told$|^tells$/iu.test(a.verb ?? '') ? /^\s+(?:reporters|journalists|the (?:press|media)|\p{Lu}[\p{L}&.-]*(?:\s+\p{Lu}[\p{L}&.-]*){0,3})(?![\p{L}])/u.exec(text.slice(a.end + verb[0].length, sentence.end)) : null;
    const rest = text.slice(a.end + verb[0].length + (audience?.[0].length ?? 0), sentence.end);
    if (!TRAILER.test(rest)) return a;
    // "…, the ministry said on Monday that Y …": the claim does follow the verb
    if (!/^\s*,/u.test(rest) && (/(?<![\p{L}])that(?![\p{L}])/iu.test(rest) || (rest.match(/[\p{L}\p{N}]+/gu) ?? []).length > 10)) return a;
    const commaAt = sentence.start + lead.replace(/\s*,\s*[”"’]?\s*$/u, '').length;
    // the reported words open after the last strong break before the comma (a colon or semicolon)
    const breakAt = Math.max(lead.lastIndexOf(';', commaAt - sentence.start), lead.lastIndexOf(':', commaAt - sentence.start));
    const start = breakAt >= 0 ? sentence.start + breakAt + 1 : sentence.start;
    const words = (text.slice(start, commaAt).match(/[\p{L}\p{N}]+/gu) ?? []).length;
    if (words < 4) return a;
    // "X accused Y of …, Ynet reported": the outlet relays a speaker named in the words; they stay that speaker's
    if (attributions.some((o) => o !== a && o.sourceName !== null && o.start >= start && o.end <= commaAt)) return a;
    return { ...a, claimSpan: { start, end: commaAt } };
  });
}

/**
 * "Kyrgyz border guards opened fire at Tajik nationals, the State Committee for National Security
 * of Tajikistan says." and the headline shape "Greece is fuelling tension, says Turkish defence
 * chief": a present-tense (or verb-first) inverted attribution that the attribution layer leaves
 * unread — "says" there may be a noun, so it waits for more. When a sentence has no attribution
 * with a source, the words before the comma are the source's claim, provided a named party stands
 * between the comma and the end. Any side, any source: only the sentence's shape decides.
 */
const SOURCE_THEN_VERB = /,\s*['’"”]?\s*((?:the\s+|a\s+|an\s+)?[^,;:“”"]{2,120}?)\s+(says|claims|insists|alleges|charges|maintains|notes|states|adds|stresses|warns|asserts)\s*[.!?]?\s*$/iu;
const VERB_THEN_SOURCE = /,\s*['’"”]?\s*(says|said|claims|claimed|charges|charged|insists|insisted|warns|warned)\s+((?:the\s+|a\s+|an\s+)?[^,;:“”"]{2,80}?)\s*[.!?]?\s*$/iu;

/** "Tajikistan initially claimed that …", "the ministry repeatedly said …": an adverb between the source and its verb */
const ADVERB_VERB = /(?<![\p{L}])(?:initially|originally|earlier|later|repeatedly|previously|also|further|again|once again|first|then|separately|reportedly|publicly|officially)\s+(said|says|claimed|claims|alleged|alleges|insisted|insists|charged|charges|argued|argues|stated|states|asserted|asserts|maintained|maintains)\s+(?:that\s+)?/iu;

export function presentInverted(text: string, sentence: Span, attributions: readonly AttributionMatch[], entities: readonly EntityMention[]): AttributionMatch[] {
  if (attributions.some((a) => a.sourceName !== null && a.label !== 'none' && a.label !== 'vague')) return [...attributions];
  const adverb = ADVERB_VERB.exec(text.slice(sentence.start, sentence.end));
  if (adverb) {
    const at = sentence.start + adverb.index;
    // the source: the last named party right before the adverb (at most four words before it), not inside a prepositional phrase
    const source = entities.filter((e) => e.start >= sentence.start && e.end <= at && e.type !== 'document' && (text.slice(e.end, at).match(/[\p{L}\p{N}]+/gu) ?? []).length <= 4).pop();
    if (source && !/(?:^|\s)(?:of|in|to|from|by|with|for|against|on|at)\s+(?:the\s+)?$/iu.test(text.slice(Math.max(sentence.start, source.start - 12), source.start))) {
      const claimStart = at + adverb[0].length;
      const match: AttributionMatch = {
        start: source.start, end: source.end, label: source.type === 'person' ? 'named-person' : 'organisation', verb: adverb[1], speechKind: 'say',
        sourceName: source.canonical, role: null, claimSpan: { start: claimStart, end: sentence.end }, verifiable: false, platform: null, rule: 'speech-verb', confidence: 0.6,
      };
      return [...attributions, match];
    }
  }
  const s = text.slice(sentence.start, sentence.end);
  const a = SOURCE_THEN_VERB.exec(s);
  const b = a ? null : VERB_THEN_SOURCE.exec(s);
  const m = a ?? b;
  if (!m) return [...attributions];
  const source = a ? a[1] : (b as RegExpExecArray)[2];
  const verb = a ? a[2] : (b as RegExpExecArray)[1];
  // the source's offsets: group 1 (or 2) is the last occurrence of its words in the match
  const at = sentence.start + m.index + m[0].lastIndexOf(source);
  const span = { start: at, end: at + source.length };
  const named = entities.filter((e) => e.start >= span.start && e.end <= span.end && e.type !== 'document' && e.type !== 'place');
  const state = entities.filter((e) => e.start >= span.start && e.end <= span.end && e.type === 'place');
  const head = named[0] ?? state[0];
  if (!head) return [...attributions];
  const comma = sentence.start + m.index;
  const claimStart = sentence.start + (s.slice(0, m.index).search(/\S/u) < 0 ? 0 : s.slice(0, m.index).search(/\S/u));
  if ((text.slice(claimStart, comma).match(/[\p{L}\p{N}]+/gu) ?? []).length < 4) return [...attributions];
  const match: AttributionMatch = {
    start: span.start, end: span.end, label: head.type === 'person' ? 'named-person' : 'organisation', verb, speechKind: 'say',
    sourceName: head.canonical, role: null, claimSpan: { start: claimStart, end: comma }, verifiable: false, platform: null, rule: 'postposed', confidence: 0.6,
  };
  return [...attributions, match];
}
