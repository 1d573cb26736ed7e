import type { Span } from '../../core/types.js';
import type { EntityMention } from '../../nlp/entities/mentions.js';
import { tokenize, type Token } from '../../nlp/tokens.js';
import type { ClaimLexicons, SpeechKind } from './lexicons.js';

/**
 * Who a sentence's claim belongs to. Rules, in order (an earlier match wins where spans overlap):
 * findable identifiers (UN symbols, URLs, DOIs, numbered resolutions); verbs of saying with their
 * subject before ("X said that …") or after ("…,” notes X"), and agentless passives ("has been
 * accused of …"); "according to X"; social-media channels; and vague or anonymous appeals from the
 * lexicon ("evidence suggests", "it is no secret"). Each source phrase is then classified.
 */

export type AttributionLabel = 'named-person' | 'organisation' | 'document' | 'social-media' | 'anonymous' | 'vague' | 'none';
export type EvidenceStrength = 'verifiable' | 'named' | 'anonymous' | 'vague-appeal' | 'unsupported';

export interface AttributionMatch extends Span {
  label: AttributionLabel;
  /** the verb or phrase that attributes: "said", "according to", "notes" … */
  verb: string | null;
  speechKind: SpeechKind | null;
  /** canonical entity name where the source is an entity, else the source's own words */
  sourceName: string | null;
  /** "a trader from Peshawar", "Ambassador" … where the text gives one */
  role: string | null;
  /** the reported content: the quotation or the clause after the verb, else the sentence */
  claimSpan: Span;
  /** a specific, findable document (symbol, URL, DOI, numbered resolution) */
  verifiable: boolean;
  platform: string | null;
  /** which rule matched, for the explanation */
  rule: 'identifier' | 'speech-verb' | 'postposed' | 'passive' | 'according-to' | 'social-media' | 'appeal';
  confidence: number;
}

/** What earlier sentences of the same document said, for "he said" and quote continuations. */
export interface AttributionMemory {
  lastPerson: { sourceName: string; role: string | null } | null;
  lastSource: { label: AttributionLabel; sourceName: string | null } | null;
}

export function newMemory(): AttributionMemory {
  return { lastPerson: null, lastSource: null };
}

const IDENTIFIERS: Array<{ re: RegExp; what: string }> = [
  { re: /(?<![\p{L}\p{N}/])(?:S|A|E|A\/RES|S\/RES|E\/CN\.\d+|A\/HRC(?:\/RES)?|S\/PRST)\/(?:\d{1,4}\/)*\d{1,5}(?:\/(?:Add|Rev|Corr)\.\d+)*(?![\p{N}/])/gu, what: 'a UN document symbol' },
  { re: /\bhttps?:\/\/[^\s)"'”’>]+[^\s)"'”’>.,;:!?]/gu, what: 'a web address' },
  { re: /\b10\.\d{4,9}\/[^\s"'”’]+[^\s"'”’.,;:!?)]/gu, what: 'a DOI' },
  { re: /\b(?:[Rr]esolution|Act|Decree|Law|Bill|Report)\s+(?:No\.\s*)?\d{2,5}(?:\s*\(\d{4}\))?/gu, what: 'a numbered resolution or law' },
];
const DOCUMENT_LEAD = /(?:\b(?:document|report|resolution|letter|paper|filing|study|dataset)\s+)$/i;

const PRONOUNS_PERSON = new Set(['he', 'she']);
const PRONOUNS_GROUP = new Set(['they']);
const SKIP_BEFORE_VERB = new Set([
  'has', 'have', 'had', 'also', 'further', 'repeatedly', 'reportedly', 'previously', 'recently', 'publicly', 'consistently',
  'once', 'again', 'later', 'then', 'now', 'already', 'openly', 'explicitly', 'allegedly', 'reportedly', 'officially', 'not',
  'never', 'often', 'frequently', 'widely', 'falsely', 'long', 'would', 'will', 'did', 'does', 'do', 'can', 'could', 'may',
  'might', 'must', 'should', 'first', 'even', 'herself', 'himself', 'themselves', 'itself', 'still', 'firmly', 'strongly',
]);
const PASSIVE_AUX = new Set(['been', 'be', 'being', 'was', 'were', 'is', 'are']);
/** Words that open a clause: the subject of a verb of saying starts after them. */
const CLAUSE_OPENERS = new Set([
  'that', 'while', 'whereas', 'although', 'though', 'because', 'since', 'as', 'when', 'if', 'but', 'and', 'yet', 'so',
  'despite', 'after', 'before', 'whilst', 'however', 'moreover', 'meanwhile', 'indeed', 'still', 'then', 'where', 'what',
  'contrary', 'unlike', 'what', 'whom', 'once', 'even', 'or', 'nor',
]);
const PREPOSITIONS = new Set(['by', 'to', 'for', 'with', 'in', 'on', 'about', 'of', 'at', 'from', 'into', 'over', 'under', 'through', 'during', 'against', 'among', 'between', 'without', 'within']);
/** Auxiliaries and verbs that cannot sit inside a subject noun phrase. */
const NOT_IN_SUBJECT = new Set(['is', 'are', 'was', 'were', 'has', 'have', 'had', 'be', 'been', 'will', 'would', 'can', 'could', 'do', 'does', 'did', 'should', 'must', 'may', 'might', 'not']);
const DETERMINERS = new Set(['the', 'a', 'an', 'this', 'that', 'these', 'those', 'its', 'his', 'her', 'their', 'our', 'my', 'your', 'some', 'any', 'each', 'every', 'no']);
const RELATIVES = new Set(['who', 'which']);
/** Words before which a trailing noun phrase stops when read backwards. */
const NP_STOPS_BACKWARD = new Set(['by', 'to', 'in', 'on', 'at', 'from', 'with', 'for', 'about', 'against', 'after', 'before', 'than', 'as', 'like', 'including', 'and', 'or', 'that', 'said', 'says']);
const ANONYMITY = /\b(?:anonymity|unnamed|unidentified|not authori[sz]ed to (?:speak|talk)|declined to be (?:named|identified)|did not want to be named|asked not to be named)\b/i;
const GENERIC_PLURAL = /s$/;

interface Phrase extends Span {
  text: string;
}

function sliceTokens(tokens: Token[], from: number, to: number): Token[] {
  return tokens.slice(Math.max(0, from), Math.max(0, to));
}

function phraseOf(text: string, tokens: Token[]): Phrase | null {
  if (tokens.length === 0) return null;
  let start = tokens[0].start;
  let end = tokens[tokens.length - 1].end;
  // keep a closing bracket of an acronym "(AIG)" and a possessive's apostrophe inside the phrase
  if (text[end] === ')' && text.lastIndexOf('(', end) > start) end++;
  while (start > 0 && text[start - 1] === '(' && text.indexOf(')', start) === end) start--;
  return { start, end, text: text.slice(start, end) };
}

const isCapitalised = (t: Token): boolean => /^\p{Lu}/u.test(t.text);

/** Is `verb` used as a verb here, not as a noun ("the claim", "UN reports document …")? */
function usedAsVerb(tokens: Token[], i: number, text: string): boolean {
  const prev = tokens[i - 1];
  const next = tokens[i + 1];
  const ambiguous = /^(claims?|reports?|notes?|states?|documents?|calls?|posts?|shows?|records?|tweets?|suggests?|indicates?|says|tells|warns|confirms|reveals|accuses|denies|blames|alleges|urges|adds|stresses|maintains|admits)$/.test(tokens[i].norm);
  if (prev && (DETERMINERS.has(prev.norm) || /['’]s$/.test(prev.text))) return false;
  // verbs with a common non-speech sense ("maintained a stance", "added to", "called for") count
  // only before "that", a quotation or a colon, or after a quotation ("…,” added Smith)
  if (/^(maintain|maintains|maintained|add|adds|added|call|calls|called|show|shows|showed|post|posts|posted|stress|stresses|stressed|record|records|recorded)$/.test(tokens[i].norm)) {
    const after = next ? text.slice(tokens[i].end, next.start) : '';
    const beforeGap = prev ? text.slice(prev.end, tokens[i].start) : '';
    return !next || next.norm === 'that' || /[“":]/.test(after) || /[,”"]/.test(beforeGap);
  }
  if (!ambiguous) return true;
  // "Prime Minister Ana Ruiz says agencies are …": after a name "says" is the verb whatever follows
  // (it is no noun in news copy; "claims", "reports", "notes" after a name still may be)
  if (tokens[i].norm === 'says' && prev && isCapitalised(prev) && next && /^\s+$/.test(text.slice(tokens[i].end, next.start)) && /^\p{Ll}/u.test(next.text)) return true;
  if (prev && /ing$/.test(prev.norm)) return false; // "supporting claims"
  if (!next) return false;
  const between = text.slice(tokens[i].end, next.start);
  if (/[;“"]|^,\s*$/.test(between)) return /^(says|tells|notes|claims|adds|warns|insists|stresses|writes)$/.test(tokens[i].norm) && /[“"]/.test(between + text.slice(next.start - 2, next.start));
  return next.norm === 'that' || DETERMINERS.has(next.norm) || isCapitalised(next) || /^(he|she|they|it|we|i|there|otherwise|to|of)$/.test(next.norm);
}

/**
 * A dateline glued before the first subject ("date 2025-08-10 Royal Thai Army spokesman X said",
 * "12 March 2024 The ministry said", "News Investigators/ The ministry said") is not part of it:
 * cut after the last number, slash or dash that a capitalised word follows.
 */
function withoutDateline(subject: Token[], text: string): Token[] {
  let cut = -1;
  for (let k = 0; k < subject.length - 1; k++) {
    if (!isCapitalised(subject[k + 1])) continue;
    // "12 March 2024 The ministry said", "News Investigators/ The ministry said", "KHARTOUM — The army said"
    if (/^\d/u.test(subject[k].text) || /[/|—–]|\s-\s/u.test(text.slice(subject[k].end, subject[k + 1].start))) cut = k;
  }
  return cut >= 0 ? subject.slice(cut + 1) : subject;
}

/** Index of the first token of the clause that ends right before token `i`. */
function clauseStart(tokens: Token[], i: number, text: string): number {
  for (let j = i - 1; j >= 0; j--) {
    if (/[,;:—–“”"]/.test(text.slice(tokens[j].end, tokens[j + 1].start))) return j + 1;
    if (CLAUSE_OPENERS.has(tokens[j].norm)) return j + 1;
  }
  return 0;
}

/** The noun phrase read backwards from the end of `tokens` (for antecedents of "who"). */
function trailingNounPhrase(tokens: Token[]): Token[] {
  let k = tokens.length - 1;
  let taken = 0;
  while (k >= 0 && taken < 8 && !NP_STOPS_BACKWARD.has(tokens[k].norm)) {
    if (taken > 0 && !isCapitalised(tokens[k]) && tokens[k].norm !== 'of' && !DETERMINERS.has(tokens[k].norm) && isCapitalised(tokens[k + 1])) break;
    k--;
    taken++;
  }
  return tokens.slice(k + 1);
}

export interface ClassifiedSource {
  label: AttributionLabel;
  sourceName: string | null;
  role: string | null;
  verifiable: boolean;
}

function findIdentifier(text: string): { match: string; index: number; what: string } | null {
  for (const { re, what } of IDENTIFIERS) {
    re.lastIndex = 0;
    const m = re.exec(text);
    if (m) return { match: m[0], index: m.index, what };
  }
  return null;
}

/** The head noun: the last word before "of", "from", "who" … (or the last word). */
function headOf(tokens: Token[]): Token | null {
  const cut = tokens.findIndex((t, i) => i > 0 && /^(of|from|in|at|with|who|which|that|on|for|based|close)$/.test(t.norm));
  const upto = cut === -1 ? tokens : tokens.slice(0, cut);
  return upto[upto.length - 1] ?? null;
}

/** What kind of source a phrase is; null when it does not name a source at all. */
export function classifySource(
  phrase: Phrase,
  docText: string,
  entities: EntityMention[],
  lex: ClaimLexicons,
  memory: AttributionMemory,
  /** where the sentence's first word starts: its capital is not evidence of a name */
  sentenceStart: number,
): ClassifiedSource | null {
  const tokens = tokenize(docText, phrase.start, phrase.end);
  if (tokens.length === 0) return null;
  const id = findIdentifier(phrase.text);
  if (id) return { label: 'document', sourceName: id.match, role: null, verifiable: true };
  if (ANONYMITY.test(phrase.text)) {
    const role = phrase.text.split(/\s+(?:who|which|speaking|on condition)\b/i)[0].trim();
    return { label: 'anonymous', sourceName: null, role: role || null, verifiable: false };
  }
  const words = tokens.filter((t) => !DETERMINERS.has(t.norm));
  if (words.length === 0) return null;
  if (tokens.length === 1 && PRONOUNS_PERSON.has(tokens[0].norm)) {
    return memory.lastPerson ? { label: 'named-person', sourceName: memory.lastPerson.sourceName, role: memory.lastPerson.role, verifiable: false } : null;
  }
  if (tokens.length === 1 && PRONOUNS_GROUP.has(tokens[0].norm)) {
    return memory.lastSource && memory.lastSource.label !== 'none' ? { ...memory.lastSource, role: null, verifiable: false } : null;
  }
  const inside = entities.filter((e) => e.start >= phrase.start && e.end <= phrase.end);
  const headToken = headOf(tokens);
  const firstWord = words[0];
  const headIsNoun = headToken !== null && lex.sourceNouns.has(headToken.norm) && lex.sourceNouns.get(headToken.norm) !== 'title';
  const governs = (e: EntityMention): boolean =>
    (headToken !== null && e.start <= headToken.start && e.end >= headToken.end) ||
    (!headIsNoun && e.start <= firstWord.start && e.end >= firstWord.end && !/^['’]s\b/.test(docText.slice(e.end, e.end + 3)) && !/['’]s$/.test(e.surface));
  const heads = inside.filter(governs);
  const person = heads.find((e) => e.type === 'person');
  const titleWords = tokens.filter((t) => lex.sourceNouns.get(t.norm) === 'title' && isCapitalised(t)).map((t) => t.text);
  const role = titleWords.length > 0 ? titleWords.join(' ') : null;
  if (person) {
    // "opposition leader Dina Roe": the words before the name are the role
    const before = docText.slice(phrase.start, person.start).replace(/^(?:the|a|an)\s+/i, '').trim();
    return { label: 'named-person', sourceName: person.canonical, role: before && !/[,;]/.test(before) ? before : role, verifiable: false };
  }
  const body = heads.find((e) => e.type === 'organisation' || e.type === 'group');
  if (body) return { label: 'organisation', sourceName: body.canonical, role: null, verifiable: false };
  const document = heads.find((e) => e.type === 'document');
  if (document) return { label: 'document', sourceName: document.canonical, role: null, verifiable: false };
  const place = heads.find((e) => e.type === 'place');
  const namedBody = inside.find((e) => e.type === 'organisation' || e.type === 'group');

  const head = headToken;
  const headClass = head ? lex.sourceNouns.get(head.norm) : undefined;
  // capitals that are not just the first word of the sentence
  const capitals = words.filter((t) => isCapitalised(t) && t.start !== sentenceStart);
  const named = capitals.length > 0 || inside.some((e) => e.type !== 'place' || e.start > phrase.start) || words.some((t) => /^\p{Lu}[\p{Lu}\p{N}]+$/u.test(t.text));
  const plural = head ? GENERIC_PLURAL.test(head.norm) && !/ss$/.test(head.norm) : false;
  const nameText = phrase.text.replace(/^(?:the|a|an)\s+/i, '');

  if (headClass === 'document') {
    if (named) return { label: 'document', sourceName: namedBody?.canonical ?? nameText, role: null, verifiable: false };
    return plural || head?.norm === 'evidence' ? { label: 'vague', sourceName: null, role: null, verifiable: false } : { label: 'document', sourceName: nameText, role: null, verifiable: false };
  }
  if (headClass === 'organisation') {
    if (named || !plural) return { label: 'organisation', sourceName: namedBody?.canonical ?? nameText, role: null, verifiable: false };
    return { label: 'vague', sourceName: null, role: null, verifiable: false };
  }
  if (headClass === 'title' && named) return { label: 'named-person', sourceName: nameText, role, verifiable: false };
  if (headClass === 'anonymous' || headClass === 'title') {
    // "Pakistani officials", "a senior official": a role, no name
    return { label: 'anonymous', sourceName: null, role: words.length > 1 ? nameText : null, verifiable: false };
  }
  if (headClass === 'vague') return { label: 'vague', sourceName: null, role: null, verifiable: false };
  if (place && place.end - place.start >= nameText.length - 2) {
    // a country or city speaking stands for its government
    return { label: 'organisation', sourceName: place.canonical, role: null, verifiable: false };
  }
  const allCaps = capitals.length > 0 && capitals.every((t) => /^[\p{Lu}\p{N}.-]{2,}$/u.test(t.text));
  const capitalisedRun = words.every((t) => isCapitalised(t) || /^(of|the|and|al|bin|ibn|de|von|van)$/.test(t.norm));
  if (!capitalisedRun || words.length > 6 || capitals.length === 0) return null;
  if (allCaps) return { label: 'organisation', sourceName: nameText, role: null, verifiable: false };
  const nameTokens = words.filter((t) => lex.sourceNouns.get(t.norm) !== 'title');
  if (nameTokens.length === 0) return null;
  const sourceName = docText.slice(nameTokens[0].start, nameTokens[nameTokens.length - 1].end).replace(/['’]s$/, '');
  return { label: 'named-person', sourceName, role, verifiable: false };
}

/** ", a trader from Peshawar who …" right after a source: its role. */
function appositiveRole(docText: string, after: number, sentenceEnd: number): string | null {
  const rest = docText.slice(after, sentenceEnd);
  const m = /^,\s+((?:a|an)\s+[^,;.]+?)(?=\s+(?:who|which|that)\b|[,;.]|$)/i.exec(rest);
  return m ? m[1].trim() : null;
}

/** The source after a postposed verb: up to a comma, relative clause or "due to". */
function postposedSource(docText: string, tokens: Token[], from: number, sentenceEnd: number): Phrase | null {
  const rest = docText.slice(tokens[from]?.start ?? sentenceEnd, sentenceEnd);
  if (!rest) return null;
  const base = tokens[from].start;
  const anonymity = /^(.*?\banonymity)\b/i.exec(rest);
  let length: number;
  if (anonymity && anonymity[1].length < 120) length = anonymity[1].length;
  else {
    const stop = /\s+(?:who|which|that|because|due to|after|before|on condition|in a|in an|as|when|while|during)\b|[,;:.!?"”]/i.exec(rest);
    length = stop ? stop.index : rest.length;
  }
  const text = rest.slice(0, length).trimEnd();
  if (!text) return null;
  return { start: base, end: base + text.length, text };
}

function quoteBefore(docText: string, sentence: Span, verbStart: number): Span | null {
  const before = docText.slice(sentence.start, verbStart);
  const close = /([”"])\s*,?\s*$|,\s*([”"])\s*$/.exec(before);
  if (!close) return null;
  const closeAt = sentence.start + before.lastIndexOf(close[1] ?? close[2]);
  const openAt = Math.max(docText.lastIndexOf('“', closeAt - 1), docText.lastIndexOf('"', closeAt - 1));
  if (openAt < sentence.start - 2000 || openAt < 0) return null;
  return { start: openAt + 1, end: closeAt };
}

export function strengthOf(match: Pick<AttributionMatch, 'label' | 'verifiable' | 'sourceName' | 'platform'>): EvidenceStrength {
  switch (match.label) {
    case 'document':
      return match.verifiable ? 'verifiable' : 'named';
    case 'named-person':
    case 'organisation':
      return 'named';
    case 'social-media':
      return match.sourceName && match.sourceName !== match.platform ? 'named' : 'vague-appeal';
    case 'anonymous':
      return 'anonymous';
    case 'vague':
      return 'vague-appeal';
    default:
      return 'unsupported';
  }
}

const STRENGTH_RANK: EvidenceStrength[] = ['verifiable', 'named', 'anonymous', 'vague-appeal', 'unsupported'];

export function strongest(strengths: EvidenceStrength[]): EvidenceStrength {
  let best = STRENGTH_RANK.length - 1;
  for (const s of strengths) best = Math.min(best, STRENGTH_RANK.indexOf(s));
  return STRENGTH_RANK[best];
}

function overlaps(a: Span, list: Span[]): boolean {
  return list.some((b) => a.start < b.end && b.start < a.end);
}

/** All attributions in one sentence `[sentence.start, sentence.end)` of `docText`. */
export function findAttributions(
  docText: string,
  sentence: Span,
  entities: EntityMention[],
  lex: ClaimLexicons,
  memory: AttributionMemory,
): AttributionMatch[] {
  const out: AttributionMatch[] = [];
  const text = docText.slice(sentence.start, sentence.end);
  const tokens = tokenize(docText, sentence.start, sentence.end);
  const sentenceEntities = entities.filter((e) => e.start >= sentence.start && e.end <= sentence.end);
  // capitals of the sentence's first word say nothing about names
  const firstWordStart = tokens[0]?.start ?? sentence.start;
  const add = (m: AttributionMatch): void => {
    if (m.end <= m.start || overlaps(m, out)) return;
    out.push(m);
  };
  const speechVerbAfter = (from: number): Token | null =>
    tokens.find((t, i) => t.start >= from && lex.speechVerbs.has(t.norm) && usedAsVerb(tokens, i, docText)) ?? null;

  // 1. findable identifiers
  for (const { re, what } of IDENTIFIERS) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      let start = sentence.start + m.index;
      const lead = DOCUMENT_LEAD.exec(docText.slice(sentence.start, start));
      if (lead) start -= lead[0].length;
      const verb = speechVerbAfter(sentence.start + m.index + m[0].length);
      add({
        start, end: sentence.start + m.index + m[0].length, label: 'document', verb: verb?.text ?? null, speechKind: verb ? lex.speechVerbs.get(verb.norm) ?? null : null,
        sourceName: m[0], role: null, claimSpan: { ...sentence }, verifiable: true, platform: null, rule: 'identifier', confidence: 0.95,
      });
      void what;
    }
  }

  // 2. verbs of saying and accusing
  tokens.forEach((token, i) => {
    const kind = lex.speechVerbs.get(token.norm);
    // participles ("by falsely accusing X, …") leave the speaker to the main clause: not read here
    if (!kind || /ing$/.test(token.norm) || (i > 0 && isCapitalised(token)) || !usedAsVerb(tokens, i, docText)) return;
    const start = clauseStart(tokens, i, docText);
    let subject = sliceTokens(tokens, start, i);
    while (subject.length > 0 && SKIP_BEFORE_VERB.has(subject[subject.length - 1].norm)) subject = subject.slice(0, -1);
    while (subject.length > 0 && (CLAUSE_OPENERS.has(subject[0].norm) || SKIP_BEFORE_VERB.has(subject[0].norm))) subject = subject.slice(1);
    subject = withoutDateline(subject, docText);
    const auxiliary = tokens[i - 1];
    const afterVerb = docText.slice(token.end, sentence.end);
    const contentStart = token.end + (/^\s+that\b/.exec(afterVerb)?.[0].length ?? 0);
    const clause: Span = { start: Math.min(sentence.end, contentStart + (/^\s*/.exec(docText.slice(contentStart))?.[0].length ?? 0)), end: sentence.end };

    // passive: "has been accused of", "was confirmed by the ministry"
    if (auxiliary && PASSIVE_AUX.has(auxiliary.norm) && /ed$/.test(token.norm)) {
      const by = /^[^,;.:]{0,60}?\bby\s+/.exec(afterVerb);
      if (by) {
        const from = tokens.findIndex((t) => t.start >= token.end + by[0].length);
        const phrase = from >= 0 ? postposedSource(docText, tokens, from, sentence.end) : null;
        const source = phrase ? classifySource(phrase, docText, sentenceEntities, lex, memory, firstWordStart) : null;
        if (phrase && source) add({ ...phrase, ...source, verb: token.text, speechKind: kind, claimSpan: { ...sentence }, platform: null, rule: 'passive', confidence: 0.8 });
        return;
      }
      if (kind === 'accuse' || kind === 'say') {
        const auxStart = tokens[i - 2] && /^(has|have|had)$/.test(tokens[i - 2].norm) ? tokens[i - 2].start : auxiliary.start;
        // "it is claimed", "is believed" belong to the appeals lexicon; here: agentless accusations and reports
        if (tokens[i - 2]?.norm === 'it') return;
        add({
          start: auxStart, end: token.end, label: 'none', verb: token.text, speechKind: kind, sourceName: null, role: null,
          claimSpan: { ...sentence }, verifiable: false, platform: null, rule: 'passive', confidence: 0.6,
        });
      }
      return;
    }

    // postposed: "“…,” notes a regional analyst" / "…, said Jane Doe, a trader"
    const quote = quoteBefore(docText, sentence, token.start);
    // "…, Ahmed Mustafa, informed Sudan Tribune that …": a verb with an addressee and "that" is no inversion
    const inversion = subject.length === 0 && kind === 'say' && /(?:ed|says|notes|adds|told|said|wrote)$/.test(token.norm) && !/^\s+(?:the\s+)?(?:\p{Lu}[\p{L}-]*\s+){1,4}that(?![\p{L}])/u.test(docText.slice(token.end, sentence.end));
    if ((quote || inversion) && /[,”"]\s*$/.test(docText.slice(sentence.start, token.start)) && i + 1 < tokens.length) {
      const phrase = postposedSource(docText, tokens, i + 1, sentence.end);
      const source = phrase ? classifySource(phrase, docText, sentenceEntities, lex, memory, firstWordStart) : null;
      if (phrase && source) {
        const role = appositiveRole(docText, phrase.end, sentence.end) ?? source.role;
        add({ ...phrase, ...source, role, verb: token.text, speechKind: kind, claimSpan: quote ?? { ...sentence }, platform: null, rule: 'postposed', confidence: 0.9 });
        return;
      }
    }
    if (subject.length === 0) return;

    // "…, who conceded that": the subject is the antecedent before the comma
    if (subject.length === 1 && RELATIVES.has(subject[0].norm)) {
      const antecedent = trailingNounPhrase(sliceTokens(tokens, 0, i - 1).filter((t) => t.end <= subject[0].start));
      subject = antecedent;
      if (subject.length === 0) return;
    }
    if (subject.length > 0 && PREPOSITIONS.has(subject[0].norm)) return;
    if (subject.some((t) => NOT_IN_SUBJECT.has(t.norm))) return;
    if (subject.some((t) => t !== subject[0] && lex.speechVerbs.has(t.norm) && usedAsVerb(tokens, tokens.indexOf(t), docText))) return;
    const phrase = phraseOf(docText, subject);
    if (!phrase || subject.length > 10) return;
    const source = classifySource(phrase, docText, sentenceEntities, lex, memory, firstWordStart);
    if (!source) return;
    const role = source.role ?? appositiveRole(docText, phrase.end, token.start);
    add({ ...phrase, ...source, role, verb: token.text, speechKind: kind, claimSpan: clause.end > clause.start ? clause : { ...sentence }, platform: null, rule: 'speech-verb', confidence: 0.9 });
  });

  // 3. according to X
  const according = /\baccording to\s+/gi;
  for (let m = according.exec(text); m; m = according.exec(text)) {
    const from = tokens.findIndex((t) => t.start >= sentence.start + m!.index + m![0].length);
    if (from < 0) continue;
    const phrase = postposedSource(docText, tokens, from, sentence.end);
    const source = phrase ? classifySource(phrase, docText, sentenceEntities, lex, memory, firstWordStart) : null;
    if (phrase && source) {
      const role = source.role ?? appositiveRole(docText, phrase.end, sentence.end);
      add({ ...phrase, ...source, role, verb: 'according to', speechKind: 'say', claimSpan: { ...sentence }, platform: null, rule: 'according-to', confidence: 0.9 });
    }
  }

  // 4. social-media channels
  for (const hit of socialMediaHits(docText, sentence, tokens, lex)) {
    const owner = out.find((o) => o.label === 'named-person' || o.label === 'organisation');
    const verb = speechVerbAfter(hit.end) ?? null;
    add({
      start: hit.start, end: hit.end, label: 'social-media', verb: verb?.text ?? hit.verb, speechKind: verb ? lex.speechVerbs.get(verb.norm) ?? null : null,
      sourceName: owner?.sourceName ?? hit.platform, role: null, claimSpan: { ...sentence }, verifiable: false, platform: hit.platform, rule: 'social-media', confidence: 0.85,
    });
  }

  // 5. appeals without a source
  for (const appeal of lex.appeals) {
    appeal.re.lastIndex = 0;
    for (let m = appeal.re.exec(text); m; m = appeal.re.exec(text)) {
      const start = sentence.start + m.index;
      const span = { start, end: start + m[0].length };
      const label = appeal.label === 'anonymous' ? 'anonymous' : 'vague';
      const verbToken = tokens.find((t, i) => t.start >= span.start && t.end <= span.end && lex.speechVerbs.has(t.norm) && usedAsVerb(tokens, i, docText));
      const existing = out.find((o) => o.start < span.end && span.start < o.end);
      if (existing) {
        // the appeal sharpens a source found by a verb rule ("analyst who requested anonymity",
        // "evidence" + "suggests"): its label wins and the span covers both
        if (existing.label !== 'named-person' && existing.label !== 'document' && existing.label !== 'organisation') {
          existing.label = label;
          existing.start = Math.min(existing.start, span.start);
          existing.end = Math.max(existing.end, span.end);
        }
        continue;
      }
      add({
        ...span, label, verb: verbToken?.text ?? null, speechKind: verbToken ? lex.speechVerbs.get(verbToken.norm) ?? null : null,
        sourceName: null, role: null, claimSpan: { ...sentence }, verifiable: false, platform: null, rule: 'appeal', confidence: 0.75,
      });
    }
  }

  for (const m of out) {
    if (m.label === 'named-person' && m.sourceName) memory.lastPerson = { sourceName: m.sourceName, role: m.role };
    if (m.label !== 'none' && m.label !== 'vague') memory.lastSource = { label: m.label, sourceName: m.sourceName };
  }
  return out.sort((a, b) => a.start - b.start);
}

interface SocialHit extends Span {
  platform: string;
  verb: string | null;
}

const SOCIAL_LEFT_STOPS = new Set(['on', 'in', 'across', 'via', 'through', 'from', 'to', 'by', 'at', 'of', 'over', 'onto']);

const compiledPlatforms = new WeakMap<ClaimLexicons, Array<{ re: RegExp; p: string; cs: boolean }>>();

/** One regular expression per platform name, compiled once per lexicon. */
function platformPatterns(lex: ClaimLexicons): Array<{ re: RegExp; p: string; cs: boolean }> {
  let patterns = compiledPlatforms.get(lex);
  if (!patterns) {
    const names = [...lex.platforms.caseSensitive].map((p) => ({ p, cs: true })).concat([...lex.platforms.folded.values()].map((p) => ({ p, cs: false })));
    patterns = names.map(({ p, cs }) => ({
      p,
      cs,
      re: new RegExp(`(?<![\\p{L}\\p{N}])${p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/[ -]/g, '[ -]')}(?![\\p{L}\\p{N}])`, cs ? 'gu' : 'giu'),
    }));
    compiledPlatforms.set(lex, patterns);
  }
  return patterns;
}

function socialMediaHits(docText: string, sentence: Span, tokens: Token[], lex: ClaimLexicons): SocialHit[] {
  const hits: SocialHit[] = [];
  const text = docText.slice(sentence.start, sentence.end);
  for (const { re, p, cs } of platformPatterns(lex)) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const platformStart = sentence.start + m.index;
      let end = platformStart + m[0].length;
      const paren = /^\s*\([^)]{1,40}\)/.exec(docText.slice(end, sentence.end));
      if (paren) end += paren[0].length;
      const channel = /^\s+([\p{L}]+)/u.exec(docText.slice(end, sentence.end));
      const hasChannel = channel !== null && lex.channels.has(channel[1].toLowerCase());
      if (hasChannel) end += channel[0].length;
      // left: possessives and adjectives up to a preposition ("on his official X account")
      const left = tokens.filter((t) => t.end <= platformStart);
      let k = left.length - 1;
      while (k >= 0 && left.length - k <= 4 && !SOCIAL_LEFT_STOPS.has(left[k].norm) && !/[,;:.]/.test(docText.slice(left[k].end, (left[k + 1] ?? { start: platformStart }).start))) k--;
      const stop = left[k];
      if (cs && !hasChannel && !paren && !(stop && SOCIAL_LEFT_STOPS.has(stop.norm) && k === left.length - 1)) continue;
      const start = k + 1 < left.length ? left[k + 1].start : platformStart;
      let verb: string | null = null;
      if (stop && SOCIAL_LEFT_STOPS.has(stop.norm)) {
        let v = k - 1;
        while (v >= 0 && /ly$/.test(left[v].norm)) v--;
        if (v >= 0 && /(ing|ed)$/.test(left[v].norm)) verb = left[v].text;
      }
      hits.push({ start, end, platform: cs ? m[0] : p, verb });
    }
  }
  return hits.sort((a, b) => a.start - b.start);
}
