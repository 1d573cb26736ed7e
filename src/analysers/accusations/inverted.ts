import type { Span } from '../../core/types.js';
import type { AttributionMatch } from '../claims/attribution.js';

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
    if (a.sourceName === null || a.label === 'none' || a.label === 'vague') return a;
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
    const rest = text.slice(a.end + verb[0].length, sentence.end);
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
