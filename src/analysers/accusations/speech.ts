import type { Span } from '../../core/types.js';
import type { AttributionMatch } from '../claims/attribution.js';
import { subjectBeforeApposition, type Actor } from './actors.js';
import type { Quotation } from './quotes.js';
import { GERUND_AFTER_SUBJECT, ISSUED_BEFORE, type Stance } from './detect.js';
import { cue, matchesIn, type NarrativeLexicons, type WrongdoingRule } from './lexicon.js';

/**
 * Accusations as news reports them: in a party's voice, not the article's.
 * 1. Accusation acts: "X accused Y of …", "X blamed the shelling on Y", "X slammed Y for …",
 *    "X and Y accused each other of …", "…, accusing Y of …" (the speaker of the sentence).
 * 2. Accusatory content of attributed speech: "“Y shelled the plant,” X said", "X said Y had
 *    violated the consensus", "according to X, Y …" — the wrongdoing lexicon finds what Y is
 *    said to have done; Y is the verb's subject (or its agent after "by"), or the party right
 *    before a noun ("Azerbaijani shelling", "X's provocation") or after "of" / "by".
 * The accuser is the speaker; the article only `reports` it — unless the article's own words
 * call it false ("falsely accused"), then it `denies` it. A speaker's own denial inside the
 * quotation ("the allegations are false," the ministry said) is the speaker's, not the
 * article's. Nobody accuses himself or his own state.
 */

export interface VoiceAccusation {
  accuser: string | null;
  accused: string;
  relation: string;
  allegation: string;
  /** reported speech names no group target */
  target: null;
  stance: Stance;
  cue: string;
  trigger: Span & { text: string };
  spans: Span[];
  /** the accused rejects the charge in the same sentence ("X rejected allegations made by Y"): the page gives it a voice */
  rejectedByAccused?: true;
}

export interface VoiceInput extends Span {
  text: string;
  actors: Actor[];
  attributions: AttributionMatch[];
  /** quotations of the paragraph with their speakers (quotes.ts) */
  quotations: Quotation[];
}

interface Speaker {
  actor: Actor;
  /** "X called Y's statements false and an attempt to mislead …": the party whose words or acts are characterised */
  focus?: Actor;
  /** the article's own word that calls the speaker's statement false ("a statement packed with distortions") */
  denial?: string;
  claim: Span;
  verb: string;
  /** an accusation verb of the attribution: its accusation is read as an act */
  accuses: boolean;
  span: Span;
}

/** The last speakers, for "he said" and "the ministry added" in later sentences. */
export interface VoiceMemory {
  lastSpeaker: Actor | null;
  /** "Gan Yu, spokesperson for …", "spokesperson Gan Yu": role word → the person, for a later "the spokesperson said" */
  roles: Map<string, Actor>;
  /** "Rodong Sinmun says in a commentary … It goes on:": the speaker of the sentences that follow the colon, until another speaker */
  continuing: Actor | null;
  /** "Egypt has sent a letter to …", "a statement released by the border service": who issued the document a later "the letter accuses …" / "the statement said" speaks for */
  issuer: Actor | null;
}

export function newVoiceMemory(): VoiceMemory {
  return { lastSpeaker: null, roles: new Map(), continuing: null, issuer: null };
}

const DOCUMENT_NOUN = '(?:statement|letter|communiqu[ée]|press release|note|message|report|declaration|complaint|protest)';
/** "X sent a letter", "X has issued a strongly worded statement": X issues it */
const ISSUES = new RegExp(`(?<![\\p{L}])(?:sent|sends|issued|issues|released|releases|published|publishes|wrote|writes|submitted|submits|delivered|put out|posted|addressed|lodged|filed)\\s+(?:[^,;:.“”"]{0,30}?\\s+)?(?:a|an|its|their|the)\\s+(?:[\\p{L}-]+\\s+){0,2}${DOCUMENT_NOUN}(?![\\p{L}])`, 'giu');
/** "a statement released by X", "the letter from X" */
const ISSUED_BY = new RegExp(`(?<![\\p{L}])${DOCUMENT_NOUN}\\s+(?:(?:released|issued|sent|published|posted|put out|signed)\\s+)?(?:by|from)\\s+(?:the\\s+)?`, 'giu');
/** "The letter accuses …", "the statement also blamed …": a document as the subject of an accusation act */
const DOCUMENT_SUBJECT = new RegExp(`(?:^|[\\s,])(?:the|this|that|its|their)\\s+(?:joint\\s+|official\\s+|written\\s+|[\\p{L}]+['’]s\\s+)?${DOCUMENT_NOUN}\\s+(?:also\\s+|further\\s+|then\\s+|again\\s+)?$`, 'iu');

/** Remember who issued a document the sentence names (see VoiceMemory.issuer). */
function rememberIssuer(text: string, actors: Actor[], input: Span, memory: VoiceMemory): void {
  for (const m of matchesIn(ISSUED_BY, text, input.start, input.end)) {
    const by = firstAfter(text, actors, m.end, input.end, 3);
    if (by && by.kind !== 'place') memory.issuer = by;
  }
  for (const m of matchesIn(ISSUES, text, input.start, input.end)) {
    const from = clauseStart(text, input.start, m.start);
    const subject = subjectsBefore(text, actors, from, m.start).pop() ?? actors.find((a) => a.start >= from && a.end <= m.start && a.kind !== 'place' && words(text.slice(a.end, m.start)) <= 8);
    if (subject) memory.issuer = subject;
  }
}

const ROLE_WORD = 'spokes(?:man|woman|person)|minister|ambassador|envoy|governor|director|commander|commissioner|chief|official|president|premier';
const ROLE_AFTER = new RegExp(`^\\s*,\\s+(?:(?:a|an|the|its)\\s+)?(?:[\\p{L}’'-]+\\s+){0,3}?(${ROLE_WORD})(?![\\p{L}])`, 'iu');
/** "the minister", "The spokesman" right before a verb: the person the document named in that role */
const THE_ROLE_BEFORE = new RegExp(`(?:^|[\\s,])(?:the|this)\\s+(?:[\\p{L}-]+\\s+){0,2}?(${ROLE_WORD})\\s+(?:also\\s+|later\\s+|then\\s+)?$`, 'iu');
/** A labelling verb: "X called / described / branded / labelled / characterised Y's move …" (and its participle, "…, labelling Y's operation …") */
const LABEL_VERB = '(?:[Cc]all(?:ed|s|ing)|[Dd]escrib(?:ed|es|ing)|[Tt]erm(?:ed|s|ing)|[Bb]rand(?:ed|s|ing)|[Ll]abel(?:led|ed|s|ling|ing)|[Dd]ub(?:bed|s|bing)|[Cc]haracteri[sz](?:ed|es|ing)|[Pp]ortray(?:ed|s|ing))';
/** "X's accusation at the Assembly in September …", "X's formal protest to the Council …": a speech act X owns, up to the participle (no comma between) */
const POSSESSED_ACT = /^['’]s?\s+(?:[\p{Ll}-]+\s+)?(?:accusations?|protests?|statements?|letters?|complaints?|speech|remarks|address|comments|claims?|charges?|condemnations?|criticism|rebuke|note)(?![\p{L}])[^,;:.“”"]{0,80}$/u;
/** "allegation by X that", "claims from X's ministry that", and right after a possessive, "('s) accusation that": a charge whose owner is named */
/** …with a time or place between the noun and "that" ("X's allegation last year that", "X's pronouncement in parliament on Monday that, …") */
const OWNED_CHARGE = /(?<![\p{L}])(?:allegations?|accusations?|claims?|charges?|assertions?|pronouncements?|suggestions?)\s+(?:(?:made|levelled|leveled)\s+)?(?:(?:by|from)\s+[^,;:.“”"]{2,80}?\s+)?(?:(?:last|this|earlier|on|in|at|during|before)\s+[^,;:.“”"]{1,50}?\s+)?that,?\s+/gu;
/** What a party did or said, as the object of a labelling verb ("the move", "the Y deployment", "the latest statements") */
const ACT_NOUN = '(?:moves?|steps?|incidents?|decisions?|actions?|attacks?|statements?|remarks|comments|claims?|acts?|flights|drills|exercises|installations?|measures?|deployments?|engagements?|operations?|manoeuvres|maneuvers|activit(?:y|ies)|presence|build-?up|polic(?:y|ies)|conduct|behaviou?r|rhetoric|stance|position|construction|projects?|plans?|letter)';
/**
 * "X called it “another provocation by Y”", "described the move as …", "labelled Y's operation of
 * the dam an unlawful act", "branded the Y deployment an act of aggression": X's characterisation
 * of Y's act follows. Group 1: a possessor ("Y's …", any noun after it); an actor inside "the …"
 * (a demonym: "the Y deployment") owns the act too. Case-sensitive: a possessor is capitalised.
 */
const CALLED_IT = new RegExp(`(?<![\\p{L}-])${LABEL_VERB}\\s+(?:(?:it|this|that|them|these|those|the\\s+(?:[\\p{L}-]+\\s+){0,2}?${ACT_NOUN})(?![\\p{L}])\\s*(?:as\\s+)?|(\\p{Lu}[\\p{L}-]*(?:\\s+\\p{Lu}[\\p{L}-]*){0,2})['’]s?\\s+(?=\\p{Ll}))`, 'gu');
const ROLE_INSIDE = new RegExp(`(?<![\\p{L}])(${ROLE_WORD})(?![\\p{L}])`, 'iu');
const ROLE_BEFORE = new RegExp(`(?<![\\p{L}])(${ROLE_WORD})\\s*,?\\s+$`, 'iu');
/** "The spokesman, Wang Lei, said …", "the ministry's spokeswoman, Ana Ruiz, told reporters …": a role, the name set off by commas, then the verb */
const ROLE_THEN_NAME = new RegExp(`(?<![\\p{L}])(?:${ROLE_WORD})\\s*,\\s*$`, 'iu');
const NAME_SAID = /^\s*,\s+(said|says|told reporters|told journalists|told|stated|added|noted|warned|claimed|insisted|stressed|explained|confirmed|charged|alleged|declared)(?:\s+(?:on|in|at|late|early|last)\s+[^,;:.“”"]{2,30}?)?(?:\s+that)?\s+/iu;
const THE_ROLE = new RegExp(`^(?:the|this)\\s+(?:[\\p{L}-]+\\s+){0,2}?(${ROLE_WORD})$`, 'iu');

function roleKeyOf(word: string): string {
  return word.toLowerCase().replace(/^spokes(?:man|woman|person)$/u, 'spokesperson');
}

/** Remember the people the sentence names with a role, in apposition or as a title. */
function rememberRoles(text: string, actors: Actor[], input: Span, memory: VoiceMemory): void {
  for (const a of actors) {
    if (a.kind !== 'person' || a.start < input.start || a.end > input.end) continue;
    // "Moroccan Prime Minister, Saad-Eddine El-Othmani": the actor's own span may hold its role
    const own = ROLE_INSIDE.exec(text.slice(a.start, a.end));
    const role = ROLE_AFTER.exec(text.slice(a.end, Math.min(input.end, a.end + 60)))?.[1] ?? ROLE_BEFORE.exec(text.slice(Math.max(input.start, a.start - 30), a.start))?.[1] ?? own?.[1];
    if (role) memory.roles.set(roleKeyOf(role), a);
  }
}

const CLAUSE_BREAK = /[;:—–]|[“”"]|,\s*(?:while|whereas|but|although)\s|\s(?:while|whereas)\s/giu;
/** Inside a speaker's claim a quotation mark opens no new clause ("Ukrainian forces “struck …”"). */
const CLAIM_CLAUSE_BREAK = /[;:—–]|[.!?](?=\s)|,\s*(?:while|whereas|but|although)\s|\s(?:while|whereas)\s/giu;
const PREPOSITION_BEFORE = /(?:^|\s)(?:in|of|at|near|from|on|to|into|inside|across|with|for|against|over|under|about|between|around|within|toward|towards|along)\s+(?:the\s+)?(?:[\p{Ll}-]+\s+){0,2}(?:(?:[Nn]orth|[Ss]outh|[Ee]ast|[Ww]est)(?:ern|-?[Ee]astern|-?[Ww]estern)?\s+|[Cc]entral\s+)?$/u;
const STATEMENT_FROM = /(?:statement|communiqu[ée]|letter|message|post|note|spokes(?:man|woman|person)|officials?|representative)\s+(?:from|of)\s+(?:the\s+)?$/iu;
/** ", saying …", ", telling the House of Commons that …", ", adding that …": speech as a participle after its speaker's clause */
const PARTICIPLE_SPEECH = /,\s+(?:and\s+)?(?:also\s+)?(saying|stating|adding|arguing|insisting|noting|warning|claiming|asserting|declaring|charging|alleging|stressing|(?:telling|informing|assuring|reminding)\s+(?:[^,;:.“”"]{1,60}?\s+)?that)(?:\s+that)?\s+/giu;
/** "protested to Y", "lodged a strong protest with Y", "delivering a protest regarding Y's …": a protest and the party it is made to or about */
const PROTEST = /(?<![\p{L}])(?:protest(?:ed|ing)\s+(?:strongly\s+|formally\s+|sharply\s+)?(?:to|with|against)\s+(?:the\s+)?|(?:lodg|deliver|fil|mak|issu|register|rais|conve|sen)\p{L}*\s+(?:a|an|its|their|the)\s+(?:[\p{L}-]+\s+){0,2}?protests?\s+(?:(?:to|with|against)\s+(?:the\s+)?|(?:regarding|over|about|concerning|at|on)\s+(?:the\s+)?))/giu;
/** Bodies a protest or a complaint is addressed to as a forum, not as the wrongdoer */
const FORUM = /(?:united nations|^un$|^u\.n\.$|security council|general assembly|human rights council|secretary[- ]general|court|tribunal|commission|committee|council|assembly|league|union|organi[sz]ation)/iu;
/** after a wrongdoing noun, a modal weighing it: "… could constitute", "… would amount to", "… might be considered" */
const MODAL_AFTER = /^(?:\s+[^\s,;:.!?“”"]+){0,8}?\s+(?:could|would|might|may)\s+(?:well\s+|also\s+|potentially\s+|even\s+)?(?:constitute|amount\s+to|be\s+(?:considered|deemed|regarded|seen|treated|viewed|defined|classified|construed)|qualify|trigger|lead\s+to|mean|justify|represent|pose|create|prompt|require)(?![\p{L}])/iu;
/** a conditional opening the words that hold the wrongdoing: "if …", "Should Y …", "in the event of …" */
const CONDITIONAL_LEAD = /(?:^\s*[“"‘]?\s*(?:should|were)\s|(?:^|[,;:]\s*|[“"]\s*|\s)(?:if|unless|in\s+(?:the\s+)?(?:event|case)\s+(?:of|that))\s)(?=[^.;!?]*$)/iu;
/** "summoned", "summons": an envoy called in, most often to hear a protest */
const SUMMONS = /(?<![\p{L}])summon(?:ed|s|ing)?\s+(?:the\s+)?/giu;
/** right after a state: the envoy word ("'s ambassador", " envoy", "'s charge d'affaires") */
const ENVOY_AFTER = /^(?:['’]s)?\s+(?:[\p{Ll}-]+\s+){0,2}(?:ambassador|envoy|charg[ée] d['’]affaires|high commissioner|consul(?: general)?|diplomats?)(?![\p{L}])/iu;
/** A subject pronoun opening a clause after the nearest party ("… and NATO, and he is guilty"). */
const SUBJECT_PRONOUN = /(?:^|[,;]\s*|\s(?:and|but|yet|so|while|because)\s+)(he|she|it|they)\s+(?:[\p{Ll}-]+\s+){0,4}$/iu;
/** A passive auxiliary right before a participle ("has been violated", "were repeatedly shelled"). */
const PASSIVE_BEFORE = /(?<![\p{L}])(?:been|being|is|are|was|were|be|get|got)\s+(?:\p{Ll}+ly\s+)?$/u;
/** ", a spokesman for the China Coast Guard, said that " after a speaker's name. */
const APPOSITION_SAID = /^\s*,\s+(?:(?:a|an|the|its|his|her)\s+|\p{Lu}[\p{L}-]*['’]s\s+)[^,;:.“”"]{3,110}?,\s+(?:(?:had|has|have|also|then|later)\s+)?(said|says|told reporters|stated|added|noted|warned|claimed|insisted|stressed)(?:\s+(?:on|in)\s+[^,;:“”"]{2,30}?)?(?:\s+that)?\s+/iu;
const RECIPROCAL = /^\s*(?:each other|one another)/iu;
/** "The daily X says in a commentary that …", "X wrote in an editorial on Monday that …" */
const SAYS_IN = /^\s+(?:(?:on|last)\s+\p{L}+\s+)?(says|said|writes|wrote|notes|noted|argues|argued|claims|claimed|charges|charged)\s+in\s+(?:a|an|its|the|his|her)\s+(?:[\p{L}-]+\s+)?(?:commentary|editorial|article|statement|op-ed|column|report|interview|letter|post|speech)(?:\s+(?:on|last)\s+\p{L}+)?\s+(?:that\s+)?/iu;
/** "X's case alleging", "X's genocide complaint accusing": a filing owned by X, right before the gerund */
const FILING_BEFORE = /(['’]s?)\s+(?:[\p{L}-]+\s+){0,2}(?:case|complaint|lawsuit|suit|petition|application|claim|motion|appeal|dossier|report|letter)\s+$/iu;
const PRONOUN_SPEAKS = /^\s*(he|she|it|they)\s+(?:also\s+|further\s+|then\s+)?(added|said|says|went on to say|continued|noted|stressed|claimed|charged|alleged|insisted|warned|argued|asserted|wrote)(?:\s+that)?\s+/iu;
/** "denied accusations", "rejected Greece's claims", "dismissed the allegations": the charge of someone else, rejected by the subject */
const REJECTS_CHARGE = /(?<![\p{L}])(?:den(?:y|ies|ied|ying)|reject(?:s|ed|ing)?|dismiss(?:es|ed|ing)?|refut(?:es|ed|ing|e)|rebuff(?:s|ed|ing)?)\s+(?:(?:the|a|an|these|those)\s+)?(?:\p{Ll}+ly\s+)?(?:[\p{Lu}][\p{L}.-]*(?:\s+[\p{Lu}][\p{L}.-]*){0,3}(?:['’]s?)?\s+)?(?:[\p{Ll}-]+\s+)?(?:accusations?|allegations?|claims?|charges?)(?![\p{L}])/gu;
/** A document named only by its kind: its words are its issuer's */
const ISSUED_DOCUMENT = /^(?:the\s+|this\s+|that\s+)?(?:joint\s+|official\s+|written\s+)?(?:statement|report|communiqu[ée]|letter|note|release|press release|declaration|document|message)$/iu;
/** A sentence that hands over to the speaker's own words after a colon ("It goes on:", "The paper says:") */
const CONTINUES = /(?<![\p{L}])(?:goes on|went on|continues|continued|adds|added|says|said|notes|noted|writes|wrote|stresses|stressed|declares|declared)(?:\s+(?:as follows|in part|in the commentary|in its commentary))?\s*:\s*$/iu;
/** "…, it added." / "…, he said on Monday." / "…, the statement said." closing a sentence: the pronoun (or the document) is the last speaker */
const INVERTED_PRONOUN = /,\s*(he|she|it|they|the\s+(?:joint\s+)?(?:statement|report|communiqu[ée]|letter|note|release|declaration))\s+(?:also\s+|further\s+|then\s+)?(added|said|says|noted|stressed|warned|claimed|insisted|continued|argued|asserted|wrote|explained|charged|alleged|reads|read|stated|states)(?:\s+(?:on|in|at|late|early|last)\s+[^,;:.“”"]{1,30})?\s*[.!?]?\s*$/iu;
/** attributions by which an outlet passes on someone's words: "according to X", "X reported", "as quoted by X" */
const RELAY_VERB = /^(?:according to|reported|reports|reporting|quoted|cited|citing|as quoted by|as reported by)$/iu;
/** "the UAE and neighbouring African states including Chad": a list that names more of the accused. */
const INCLUDING = /^\s*,?\s*(?:and\s+)?(?:[\p{L}-]+\s+){0,4}(?:including|such as|namely|notably|among them)\s+(?:the\s+)?$/iu;
/** "The joint forces' spokesperson, Ahmed Mustafa, informed Sudan Tribune that …": a named person set off by commas, then the verb. */
/** "… remarks made by", "the statements of", "a post by": words whose author follows */
const WORDS_BY = /^\s+(?:the\s+|these\s+|those\s+)?(?:[\p{Ll}-]+\s+){0,2}(?:remarks|statements?|comments|words|posts?|speech(?:es)?|messages?|rhetoric)\s+(?:(?:made|posted|published|delivered|issued)\s+)?(?:by|of)\s+/u;
/** "X told a press conference that", "X told parliament on Monday that": the person or body speaks the that-clause */
const TOLD_THAT = /^\s+(?:(?:also|later|then|again|earlier)\s+)?(?:told|informed|assured|briefed)\s+(?!that)[^,;:.“”"]{2,60}?\s+that\s+/iu;
const NAME_THEN_VERB = /^\s*,\s+(said|told|informed|stated|added|noted|warned|claimed|insisted|stressed|explained|confirmed)(?:\s+(?!that)[^,;:.“”"]{2,40}?)?\s+that\s+/iu;
/** "urged X to (immediately) halt / stop / cease / end / refrain from …" right before a wrongdoing word: X is the one doing it. */
const STOP_DEMAND = /(?<![\p{L}])(?:urg(?:es|ed|ing|e)|call(?:s|ed|ing)? (?:up)?on|demand(?:s|ed|ing)?(?: that)?|ask(?:s|ed|ing)?|press(?:es|ed|ing)?|warn(?:s|ed|ing)?|told|tells?)\s+(?:the\s+)?X\s+(?:to\s+)?(?:immediately\s+|urgently\s+|at once\s+)?(?:stop|halt|cease|end|refrain from|desist from|abandon|put an end to|give up|withdraw)\s+(?:all\s+|its\s+|their\s+|these\s+|such\s+|the\s+|any\s+|further\s+)*(?:[\p{Ll}-]+\s+){0,3}$/iu;
/** Between a party and a noun: the party's clause, and its own "its / their" before the noun (no other party between). */
const OWN_NOUN = /^(?:\s+[\p{Ll}-]+){0,8}?\s+(?:its|their)\s+(?:[\p{Ll}-]+\s+){0,2}$/u;
/** A clause opened by a body "of" its owner: "the press center of the Border Forces of …", "the government of …" */
const BODY_OF = /^\s*(?:[\p{L}]+,\s*)?(?:the\s+)?(?:[\p{L}-]+\s+){0,3}?(?:cent(?:er|re)|service|office|directorate|committee|command|ministry|forces|army|troops|military|government|authorities|leadership|regime|side|guards?|units?|comment|statement|spokes(?:man|woman|person))\s+of\s+/iu;
/** "it is X that …": a cleft (its focus follows) */
const CLEFT = /(?<![\p{L}])it\s+(?:is|was)\s+(?:the\s+)?/giu;
/** "The Ministry … calls upon all actors to take note of X's violation", "Y urges the world to …": a party opening its clause with a communicative verb speaks the rest */
const SUBJECT_URGES = /^\s*(?:\([^()]{1,24}\)\s*)?(?:also\s+|further\s+|again\s+|once again\s+)?(?:calls?\s+(?:up)?on|called\s+(?:up)?on|urges?|urged|underscores?|underscored|reiterates?|reiterated|demands?|demanded|appeals?\s+to|appealed\s+to)\s+/iu;
const STATEMENT_SAYING = /(?<![\p{L}])(?:issued|released|published|put out|circulated)\s+(?:a|an)\s+(?:[\p{L}-]+\s+)?(?:statement|communiqu[ée]|press release|note|letter)(?:\s+[\p{L}-]+){0,5}?\s*,?\s*(?:saying|stating|claiming|according to which|in which it (?:said|stated|claimed)|which (?:said|stated|claimed)|that)(?![\p{L}])/giu;

function words(text: string): number {
  return (text.match(/[\p{L}\p{N}]+/gu) ?? []).length;
}

/** Start of the clause that holds `at` (a quotation mark, semicolon or dash opens a new one). */
function clauseStart(text: string, from: number, at: number, breaks = CLAUSE_BREAK): number {
  let start = from;
  for (const m of matchesIn(breaks, text, from, at)) if (!isScareQuote(text, m)) start = m.end;
  return start;
}

function clauseEnd(text: string, at: number, to: number): number {
  const m = matchesIn(CLAUSE_BREAK, text, at, to).find((x) => !isScareQuote(text, x));
  return m ? m.start : to;
}

/** A quotation mark around one to three words ("the “premier” of Kosovo") marks a word, not a quotation. */
function isScareQuote(text: string, m: Span): boolean {
  const mark = text.slice(m.start, m.end);
  if (!/^[“”"]$/u.test(mark)) return false;
  const after = /^[“"]([^“”".,;:!?]{1,40})[”"]/u.exec(text.slice(m.start, m.start + 44));
  if (after && (mark === '“' || mark === '"') && words(after[1]) <= 3) return true;
  const before = /[“"]([^“”".,;:!?]{1,40})[”"]$/u.exec(text.slice(Math.max(0, m.end - 44), m.end));
  return before !== null && (mark === '”' || mark === '"') && words(before[1]) <= 3;
}

/** The subject before `at`: the nearest actor not governed by a preposition, and any actors joined to it by "and". */
function subjectsBefore(text: string, actors: Actor[], from: number, at: number): Actor[] {
  // "a statement from Russia's defence ministry accused …": the body the statement comes from speaks
  const governed = (a: Actor): boolean => {
    const left = text.slice(Math.max(from, a.start - 40), a.start);
    // the object of a gerund ("by crossing the Line of Actual Control and attacked …") is no subject
    return (PREPOSITION_BEFORE.test(left) && !STATEMENT_FROM.test(left)) || /(?<![\p{L}])\p{Ll}{2,}ing\s+(?:the\s+)?$/u.test(left);
  };
  const all = actors.filter((a) => a.start >= from && a.end <= at && !governed(a));
  const before = all.slice(0, subjectBeforeApposition(text, all, at) + 1);
  const last = before[before.length - 1];
  // the apposition's comma stands between the subject and the verb
  if (last && before.length < all.length && words(text.slice(last.end, all[all.length - 1].end)) <= 16) return [last];
  if (!last || words(text.slice(last.end, at)) > 8) return [];
  const chain = [last];
  for (let i = before.length - 2; i >= 0; i--) {
    // "The Ministry of Defence and Prime Minister X accused …": a title before the second name joins it all the same
    if (!/^\s*(?:,|and|&|,\s*and)\s*(?:(?:the|its)\s+)?(?:(?:prime|deputy|vice|foreign|defen[cs]e|interior|state|minister|president|premier|chancellor|ambassador|general|spokes(?:man|woman|person)|secretary|chief|commander|mr|ms|mrs|dr)\.?\s+){0,4}$/iu.test(text.slice(before[i].end, chain[0].start))) break;
    chain.unshift(before[i]);
  }
  return chain;
}

function firstAfter(text: string, actors: Actor[], from: number, to: number, maxWords: number): Actor | null {
  const a = actors.find((x) => x.start >= from && x.end <= to);
  return a && words(text.slice(from, a.start)) <= maxWords ? a : null;
}

/**
 * The party a clause opens with, for a participle that has no subject of its own ("X submitted a
 * protest to the Council labelling …", "X's accusation at the Assembly characterising …"): the first
 * actor within four words of the clause start, not governed by a preposition; a name right after it,
 * joined by capitalised words only ("Chilean Foreign Minister Ana Rojas"), is the same party.
 */
function clauseOpener(text: string, actors: Actor[], from: number, at: number): Actor | undefined {
  const inClause = actors.filter((a) => a.start >= from && a.end <= at);
  let opener = inClause[0];
  if (!opener || words(text.slice(from, opener.start)) > 4 || PREPOSITION_BEFORE.test(text.slice(from, opener.start))) return undefined;
  for (const next of inClause.slice(1)) {
    if (!/^\s+(?:\p{Lu}[\p{L}.-]*\s+){0,3}$/u.test(text.slice(opener.end, next.start))) break;
    opener = next;
  }
  return opener;
}

function classify(lex: NarrativeLexicons, text: string, from: number, to: number): { rule: WrongdoingRule; span: Span & { text: string } } | null {
  let best: { rule: WrongdoingRule; span: Span & { text: string } } | null = null;
  for (const rule of lex.wrongdoing) {
    const m = matchesIn(rule.re, text, from, to)[0];
    if (m && (!best || m.start < best.span.start)) best = { rule, span: m };
  }
  return best;
}

function allegationText(text: string, from: number, to: number): string {
  const words = text.slice(from, to).trim().replace(/^(?:of|for)\s+/iu, '').replace(/[.,;:]+$/u, '').split(/\s+/u);
  return words.slice(0, 12).join(' ');
}

function isInsideQuote(spans: Span[], at: number): boolean {
  return spans.some((s) => s.start <= at && s.end >= at);
}

/** Quotation spans in the sentence (the speaker's own words). */
function quotations(text: string, from: number, to: number): Span[] {
  const out: Span[] = [];
  const re = /[“"]([^“”"]{3,})[”"]/gu;
  for (const m of matchesIn(re, text, from, to)) out.push({ start: m.start, end: m.end });
  return out;
}

function sameSide(a: Actor | null, b: Actor): boolean {
  if (!a) return false;
  return a.name === b.name || (a.country !== null && a.country === b.name) || (b.country !== null && b.country === a.name);
}

/** The actor of an attribution: the actor inside its source span, else its source name. */
function speakerOf(att: AttributionMatch, actors: Actor[], memory: VoiceMemory, text: string): Actor | null {
  // "according to the spokesperson": the person the document named in that role
  if (att.label === 'anonymous') {
    const role = THE_ROLE.exec(text.slice(att.start, att.end).trim())?.[1];
    const holder = role ? memory.roles.get(roleKeyOf(role)) : undefined;
    if (holder) return holder;
  }
  if (att.label === 'social-media') {
    const poster = actors.filter((a) => a.end <= att.start && (a.kind === 'person' || a.kind === 'organisation')).pop();
    return poster ?? memory.lastSpeaker;
  }
  const inside = actors.filter((a) => a.start < att.end && a.end > att.start);
  const person = inside.find((a) => a.kind === 'person');
  if (person) return person;
  if (inside.length > 0) {
    const body = inside.find((a) => a.kind === 'organisation' || a.kind === 'role') ?? inside[inside.length - 1];
    return body;
  }
  if (att.sourceName && att.label !== 'none' && att.label !== 'vague' && att.label !== 'anonymous') {
    if (/^(?:he|she|it|they)$/iu.test(att.sourceName) && memory.lastSpeaker) return memory.lastSpeaker;
    // "the statement said", "the report added": a document speaks for whoever issued it — the last speaker
    // (its issuer, when the document named one: "Egypt has sent a letter …  The letter said …")
    if (ISSUED_DOCUMENT.test(att.sourceName) && memory.issuer) return memory.issuer;
    if (ISSUED_DOCUMENT.test(att.sourceName) && memory.lastSpeaker && memory.lastSpeaker.kind !== 'document') return memory.lastSpeaker;
    return { start: att.start, end: att.end, name: att.sourceName, kind: att.label === 'named-person' ? 'person' : 'organisation', country: null };
  }
  return null;
}

export function detectVoiceAccusations(input: VoiceInput, lex: NarrativeLexicons, memory: VoiceMemory): VoiceAccusation[] {
  const { text, actors } = input;
  const out: VoiceAccusation[] = [];
  const quotes = quotations(text, input.start, input.end);
  const denialAdverb = cue(lex, 'article-denial-adverb');
  const speakers: Speaker[] = [];
  rememberRoles(text, actors, input, memory);
  rememberIssuer(text, actors, input, memory);
  for (const att of input.attributions) {
    if (att.speechKind === 'deny') continue;
    const actor = speakerOf(att, actors, memory, text);
    if (actor) speakers.push({ actor, claim: att.claimSpan, verb: att.verb ?? 'said', accuses: att.speechKind === 'accuse', span: { start: att.start, end: att.end } });
  }
  // "He explained that …, according to Ynet", "X accused Y of …, KAN reported": the outlet or
  // agency relays a speaker named inside its claim; the words are that speaker's, not the relay's
  for (let i = speakers.length - 1; i >= 0; i--) {
    const relay = speakers[i];
    if (!RELAY_VERB.test(relay.verb) || relay.actor.kind === 'person') continue;
    const inner = speakers.some((o) => o !== relay && o.span.start >= relay.claim.start && o.span.end <= relay.claim.end && o.span.end <= relay.span.start);
    const innerAct = matchesIn(cue(lex, 'accusation-act'), text, relay.claim.start, Math.min(relay.claim.end, relay.span.start)).some((m) => subjectsBefore(text, actors, clauseStart(text, input.start, m.start), m.start).length > 0);
    if (inner || innerAct) speakers.splice(i, 1);
  }
  // "It added that Seoul is trying to provoke a war": a sentence opened by a pronoun and a speech
  // verb carries on the last speaker (a person for he/she, a body or outlet for it/they)
  const carried = PRONOUN_SPEAKS.exec(text.slice(input.start, input.end));
  if (carried && memory.lastSpeaker && !speakers.some((sp) => sp.span.start < input.start + carried[0].length)) {
    const person = /^(?:he|she)$/iu.test(carried[1]);
    const last = memory.lastSpeaker;
    // "it" may follow a body the entity layer typed as a person (a newspaper's name); "he" never follows a body
    if (!person || last.kind === 'person') speakers.push({ actor: last, claim: { start: input.start + carried[0].length, end: input.end }, verb: carried[2], accuses: false, span: { start: input.start, end: input.start + carried[1].length } });
  }
  // "According to it, …": the last speaker, as a pronoun
  const accordingTo = /^\s*according to (?:it|him|her|them)\s*,\s*/iu.exec(text.slice(input.start, input.end));
  if (accordingTo && memory.lastSpeaker && !speakers.some((sp) => sp.span.start < input.start + accordingTo[0].length)) {
    speakers.push({ actor: memory.lastSpeaker, claim: { start: input.start + accordingTo[0].length, end: input.end }, verb: 'according to', accuses: false, span: { start: input.start, end: input.start + accordingTo[0].length } });
  }
  // "China is stepping up efforts to distort …, it added.": an inverted pronoun at the end carries on
  // the last speaker too, and a source the attribution layer found inside those words is no speaker
  const inverted = INVERTED_PRONOUN.exec(text.slice(input.start, input.end));
  if (inverted && memory.lastSpeaker) {
    const person = /^(?:he|she)$/iu.test(inverted[1]);
    const last = memory.lastSpeaker;
    const claim = { start: input.start, end: input.start + inverted.index };
    if ((!person || last.kind === 'person') && words(text.slice(claim.start, claim.end)) >= 4) {
      for (let i = speakers.length - 1; i >= 0; i--) if (speakers[i].span.start >= claim.start && speakers[i].span.end <= claim.end) speakers.splice(i, 1);
      speakers.push({ actor: last, claim, verb: inverted[2], accuses: false, span: { start: claim.end, end: input.end } });
    }
  }
  // "Lavrov: NATO is …", "US embassy at the end of May: ‘… forces have erected fences …’": a speaker
  // opening the sentence, a colon, then the words (headline and caption style)
  const colon = /^[^:;“”"‘’]{0,120}?:\s*[“"‘]?/u.exec(text.slice(input.start, input.end));
  if (colon && !speakers.some((sp) => sp.claim.start <= input.start + colon[0].length && sp.claim.end > input.start + colon[0].length)) {
    const head = actors.find((a) => a.start >= input.start && a.end <= input.start + colon[0].length && (a.kind === 'person' || a.kind === 'organisation' || a.kind === 'state' || a.kind === 'role'));
    const lead = head ? text.slice(input.start, head.start) : '';
    const tail = head ? text.slice(head.end, input.start + colon[0].length) : '';
    if (head && words(lead) <= 1 && words(tail) <= 10 && !actors.some((a) => a !== head && a.start >= head.end && a.end <= input.start + colon[0].length) && !/(?<![\p{L}])(?:and|or|vs|versus|between)(?![\p{L}])/iu.test(tail)) {
      speakers.push({ actor: head, claim: { start: input.start + colon[0].length, end: input.end }, verb: 'said', accuses: false, span: head });
    }
  }
  if (memory.continuing && speakers.length === 0 && input.quotations.length === 0) speakers.push({ actor: memory.continuing, claim: { start: input.start, end: input.end }, verb: 'continued', accuses: false, span: { start: input.start, end: input.start } });
  // "X issued a statement according to which …", "X released a communiqué saying …"
  for (const m of matchesIn(STATEMENT_SAYING, text, input.start, input.end)) {
    const subject = subjectsBefore(text, actors, clauseStart(text, input.start, m.start), m.start).pop();
    if (!subject || speakers.some((sp) => sp.claim.start <= m.end && sp.claim.end > m.end)) continue;
    // "issued a statement packed with accusations and distortions, claiming that …": the article's own verdict on it, between the noun and the verb
    const verdict = matchesIn(cue(lex, 'denial'), text, m.start, m.end)[0] ?? matchesIn(/(?<![\p{L}])distortions?(?![\p{L}])/giu, text, m.start, m.end)[0];
    speakers.push({ actor: subject, claim: { start: m.end, end: input.end }, verb: 'statement', accuses: false, span: subject, ...(verdict ? { denial: verdict.text } : {}) });
  }
  // "an allegation by X that Y …", "X's claim that Y …": the owner of the charge speaks the that-clause
  for (const m of matchesIn(OWNED_CHARGE, text, input.start, input.end)) {
    const thatEnd = m.end;
    const by = /(?<![\p{L}])(?:by|from)\s+/u.exec(m.text);
    const owner = by
      ? actors.filter((a) => a.start >= m.start + by.index && a.end <= thatEnd && a.kind !== 'place').pop() ?? actors.filter((a) => a.start >= m.start + by.index && a.end <= thatEnd).pop()
      : actors.filter((a) => a.end <= m.start && /^['’]s?\s*$/u.test(text.slice(a.end, m.start))).pop();
    if (!owner || speakers.some((sp) => sp.claim.start <= thatEnd && sp.claim.end > thatEnd)) continue;
    // "…'s pronouncement … that, “Y agents …” and …": the quotation is the that-clause
    const quoted = /^[“"]([^“”"]{3,})[”"]/u.exec(text.slice(thatEnd, input.end));
    const claim = quoted ? { start: thatEnd + 1, end: thatEnd + 1 + quoted[1].length } : { start: thatEnd, end: clauseEnd(text, thatEnd, input.end) };
    speakers.push({ actor: owner, claim, verb: m.text.trim().split(/\s+/u)[0], accuses: false, span: owner });
  }
  // "The Ministry of Foreign Affairs calls upon all concerned actors to take note of X's flagrant violation"
  for (const a of actors) {
    if (a.start < input.start || a.end > input.end || a.kind === 'place' || words(text.slice(input.start, a.start)) > 2) continue;
    const m = SUBJECT_URGES.exec(text.slice(a.end, Math.min(input.end, a.end + 60)));
    if (!m) continue;
    const claimStart = a.end + m[0].length;
    if (speakers.some((sp) => sp.claim.start <= claimStart && sp.claim.end > claimStart)) continue;
    speakers.push({ actor: a, claim: { start: claimStart, end: input.end }, verb: m[0].trim(), accuses: false, span: a });
    break;
  }
  // "Gan Yu, a spokesman for the China Coast Guard, said that …": a speaker with an apposition
  for (const a of actors) {
    if (a.start < input.start || a.end > input.end || (a.kind !== 'person' && a.kind !== 'organisation' && a.kind !== 'role')) continue;
    const m = APPOSITION_SAID.exec(text.slice(a.end, Math.min(input.end, a.end + 160))) ?? SAYS_IN.exec(text.slice(a.end, Math.min(input.end, a.end + 100))) ?? (a.kind === 'person' ? NAME_THEN_VERB.exec(text.slice(a.end, Math.min(input.end, a.end + 80))) : null) ?? TOLD_THAT.exec(text.slice(a.end, Math.min(input.end, a.end + 90)));
    if (!m) continue;
    const claimStart = a.end + m[0].length;
    if (speakers.some((sp) => sp.claim.start <= claimStart && sp.claim.end > claimStart)) continue;
    speakers.push({ actor: a, claim: { start: claimStart, end: input.end }, verb: m[1], accuses: false, span: a });
  }
  // "X reiterated its objections, saying Y's remarks were …", "X addressed parliament, telling lawmakers
  // that Y …": a participle of speech after a comma has no subject of its own; the party its clause
  // opens with speaks the words after it (any party, either side)
  for (const m of matchesIn(PARTICIPLE_SPEECH, text, input.start, input.end)) {
    const claimStart = m.end;
    const from = clauseStart(text, input.start, m.start);
    // a reading that runs on through the comma ("X reiterated …, saying …") stops at it: the
    // participle's words are a new claim, whose subject is the clause's, not the object before the comma
    const covering = speakers.filter((sp) => sp.claim.start <= m.start && sp.claim.end > claimStart);
    if (covering.some((sp) => sp.span.start < from || sp.span.start >= m.start)) continue;
    const opener = clauseOpener(text, actors, from, m.start) ?? covering[0]?.actor;
    if (!opener || opener.kind === 'place' || opener.kind === 'document') continue;
    for (const sp of covering) sp.claim = { start: sp.claim.start, end: m.start };
    // (a quotation inside the participle's words is part of them: "telling the House that agencies “have been …”")
    const claimStop = matchesIn(CLAIM_CLAUSE_BREAK, text, claimStart, input.end)[0]?.start ?? input.end;
    speakers.push({ actor: opener, claim: { start: claimStart, end: claimStop }, verb: (/\p{L}+ing/u.exec(m.text)?.[0] ?? 'saying').toLowerCase(), accuses: false, span: { start: m.start, end: m.end } });
  }
  // "The spokesman, Wang Lei, said Japan had violated the agreement": a source the attribution
  // layer took from inside those words is no speaker
  for (const a of actors) {
    if (a.kind !== 'person' || a.start < input.start || a.end > input.end) continue;
    if (!ROLE_THEN_NAME.test(text.slice(Math.max(input.start, a.start - 40), a.start))) continue;
    const m = NAME_SAID.exec(text.slice(a.end, Math.min(input.end, a.end + 80)));
    if (!m) continue;
    const claim = { start: a.end + m[0].length, end: input.end };
    for (let i = speakers.length - 1; i >= 0; i--) if (speakers[i].span.start >= claim.start || (speakers[i].claim.start <= claim.start && speakers[i].claim.end > claim.start && speakers[i].actor !== a)) speakers.splice(i, 1);
    speakers.push({ actor: a, claim, verb: m[1], accuses: false, span: a });
  }
  for (const q of input.quotations) {
    const claim = { start: Math.max(q.claim.start, input.start), end: Math.min(q.claim.end, input.end) };
    if (claim.end <= claim.start) continue;
    // the quotation's speaker replaces a weaker reading of the same words ("said on Telegram")
    for (let i = speakers.length - 1; i >= 0; i--) if (speakers[i].claim.start < claim.end && claim.start < speakers[i].claim.end) speakers.splice(i, 1);
    speakers.push({ actor: q.speaker, claim, verb: q.verb, accuses: false, span: q.speaker });
  }

  // "The minister called it “another provocation by Russia”": the subject characterises; the words after are its charge
  // (read after the other speakers: "X issued a statement …, claiming …, and describing Y's stance as …" is X's, with the article's verdict on it)
  for (const m of matchesIn(CALLED_IT, text, input.start, input.end)) {
    const covering = speakers.filter((sp) => sp.claim.start <= m.start && sp.claim.end >= m.end).pop();
    // "called X's statements …": the possessor is the one characterised; "labelled the Y deployment …": the actor inside the object
    const verbEnd = m.start + (/^\p{L}+/u.exec(m.text)?.[0].length ?? 0);
    const owner = actors.find((a) => a.start >= verbEnd && a.end <= m.end && /^['’]s?\s/u.test(text.slice(a.end, a.end + 3))) ?? (/['’]s?\s+$/u.test(m.text) ? undefined : actors.find((a) => a.start >= verbEnd && a.end <= m.end));
    if (covering) {
      // inside a speaker's words the characterisation is that speaker's (its claim already holds a charge without an owner)
      if (owner && !sameSide(covering.actor, owner)) speakers.push({ ...covering, claim: { start: m.end, end: Math.min(covering.claim.end, input.end) }, focus: owner });
      continue;
    }
    const from = clauseStart(text, input.start, m.start);
    const role = THE_ROLE_BEFORE.exec(text.slice(from, m.start))?.[1];
    // "…, labelling Y's operation …", "X's protest to the Council branding …": a participle's subject opens its clause
    const participle = /^\p{L}+ing(?![\p{L}])/u.test(m.text);
    // "… and Foreign Minister X's accusation at the Assembly in September characterising …": the possessor of the act speaks
    const possessor = participle ? actors.filter((a) => a.start >= from && a.end <= m.start && POSSESSED_ACT.test(text.slice(a.end, m.start))).pop() : undefined;
    const subject = subjectsBefore(text, actors, from, m.start).pop() ?? (role ? memory.roles.get(roleKeyOf(role)) : undefined) ?? possessor ?? (participle ? clauseOpener(text, actors, from, m.start) : undefined);
    if (subject && owner && !sameSide(subject, owner)) speakers.push({ actor: subject, claim: { start: m.end, end: input.end }, verb: m.text.trim(), accuses: false, span: { start: m.start, end: m.end }, focus: owner });
    else if (subject && !owner) speakers.push({ actor: subject, claim: { start: m.end, end: input.end }, verb: m.text.trim(), accuses: false, span: { start: m.start, end: m.end } });
  }

  // 1. accusation acts
  const acts = matchesIn(cue(lex, 'accusation-act'), text, input.start, input.end);
  for (const act of acts) {
    if (isInsideQuote(quotes, act.start)) continue;
    const before = text.slice(Math.max(input.start, act.start - 30), act.start);
    // a noun: "the accusations" (a whole word: "further accused" and "rather blamed" are verbs)
    // …and "Polisario's alleged attacks": an adjective, not an act
    if (/(?<![\p{L}])(?:the|these|such|their|its|his|her|of)\s+$|['’]s?\s+$/iu.test(before)) continue;
    // "is accusing" is the progressive, not a passive ("is accused")
    const passive = /(?<![\p{L}])(?:been|is|are|was|were|being|be)\s+$/iu.test(before) && !/ing$/iu.test(act.text);
    const from = clauseStart(text, input.start, act.start);
    const to = clauseEnd(text, act.end, input.end);
    const adverb = matchesIn(denialAdverb, text, Math.max(input.start, act.start - 14), act.start).pop();
    const stance: Stance = adverb ? 'denies' : 'reports';
    const cueText = adverb ? adverb.text : act.text;
    // "accused the president of Kosovo of …": the "of" that opens the charge is outside any actor's name
    // (and one before a gerund when there is one: "accused the EU's rule of law mission of not conducting …")
    const ofs = [...text.slice(act.end, to).matchAll(/\s(?:of|for|over)\s/giu)].filter((m) => !actors.some((a) => a.start < act.end + m.index && a.end > act.end + m.index));
    const ofAt = ofs.find((m) => /^\s*(?:not\s+|allegedly\s+|deliberately\s+)?\p{L}+ing(?![\p{L}])/u.test(text.slice(act.end + m.index + m[0].length, to))) ?? ofs[0] ?? null;
    const allegationFrom = ofAt ? act.end + ofAt.index : act.end;
    let kind = classify(lex, text, allegationFrom, to);
    let relation = kind?.rule.relation ?? 'wrongdoing';
    const charge = allegationText(text, allegationFrom, to);
    // "holds X responsible.": the act is the whole allegation
    let allegation = charge === '' && relation === 'wrongdoing' ? `is blamed (${act.text})` : `${relation === 'wrongdoing' ? 'is accused of' : relation} ${charge}`.trim();
    const trigger = { start: act.start, end: act.end, text: act.text };
    const push = (accuser: Actor | null, accused: Actor, spans: Span[]): void => {
      if (accuser && sameSide(accuser, accused)) return;
      out.push({ accuser: accuser?.name ?? null, accused: accused.name, relation, allegation, target: null, stance, cue: cueText, trigger, spans: [trigger, accused, ...(accuser ? [accuser] : []), ...spans, ...(adverb ? [adverb] : [])] });
    };
    if (passive) {
      // "Y has been accused by X of …"
      const subject = subjectsBefore(text, actors, from, act.start).pop();
      const by = /^\s+by\s/iu.exec(text.slice(act.end, to));
      const agent = by ? firstAfter(text, actors, act.end + by[0].length, to, 3) : null;
      if (subject) push(agent, subject, []);
      continue;
    }
    let subjects = subjectsBefore(text, actors, from, act.start);
    // "X said that accusing Y of … is wrong": a gerund as a subject has no accuser in the sentence
    const gerund = /ing$/iu.test(act.text);
    if (gerund && !/,\s*$/u.test(before) && subjects.length > 0 && !GERUND_AFTER_SUBJECT.test(text.slice(subjects[subjects.length - 1].end, act.start))) subjects = [];
    // "dismisses X's genocide case alleging Y …", "Z's complaint accusing Y": the owner of the
    // case or complaint accuses, not the subject of the sentence that rules on it
    const filing = gerund ? FILING_BEFORE.exec(text.slice(Math.max(input.start, act.start - 60), act.start)) : null;
    const filer = filing ? actors.filter((a) => a.end <= act.start - filing[0].length + filing[1].length && a.end >= act.start - filing[0].length - 2).pop() : undefined;
    if (filer) subjects = [filer];
    // "X released a statement on October 19 accusing Y of …": the statement's issuer accuses
    const issued = gerund && !filer && !/,\s*$/u.test(before) ? ISSUED_BEFORE.exec(text.slice(from, act.start)) : null;
    // (its subject may be a body the entity layer does not know: "the Office of the Border Guard Directorate of X" speaks for X)
    const issuer = issued ? subjectsBefore(text, actors, from, from + issued.index).pop() ?? actors.find((a) => a.start >= from && a.end <= from + issued.index && a.kind !== 'place' && words(text.slice(a.end, from + issued.index)) <= 8) : undefined;
    if (issuer) subjects = [issuer];
    // "…, accusing Y of …": the sentence's speaker accuses
    else if (gerund && /,\s*$/u.test(before)) {
      const s = speakers.find((x) => x.span.end <= act.start)?.actor ?? subjectsBefore(text, actors, input.start, act.start).pop() ?? null;
      subjects = s ? [s] : [];
    }
    // "The letter accuses Y of …": the document's issuer accuses
    if (subjects.length === 0 && DOCUMENT_SUBJECT.test(text.slice(Math.max(input.start, act.start - 50), act.start))) {
      const issuer = memory.issuer ?? memory.lastSpeaker;
      if (issuer) subjects = [issuer];
    }
    if (subjects.length === 0 && /(?:^|\s)(?:he|she)\s+(?:has\s+|had\s+|also\s+)?$/iu.test(before)) {
      // "he" is the last speaker, or else the person this sentence opened with ("X accused …, for which he holds Y responsible")
      const opener = actors.find((a) => a.kind === 'person' && a.start >= input.start && a.end <= act.start);
      const he = memory.lastSpeaker ?? opener;
      if (he) subjects = [he];
    }
    // "In a statement they accused Morocco of …" after "Authorities said …": "they"/"it" is the last
    // speaker when that speaker is a body, never a person
    if (subjects.length === 0 && /(?:^|[\s,])(?:they|it)\s+(?:have\s+|had\s+|has\s+|also\s+|again\s+)?$/iu.test(before) && memory.lastSpeaker && memory.lastSpeaker.kind !== 'person') {
      subjects = [memory.lastSpeaker];
    }
    // "Russia says it is concerned by …, and accuses the US of …": a second verb joined by "and"
    // shares the sentence's subject — its first speaker, or the party it opens with
    if (subjects.length === 0 && /(?:,\s*|\s)and\s+(?:also\s+|then\s+|further\s+|later\s+)?$/iu.test(before)) {
      const opener = speakers.find((x) => x.span.end <= act.start && x.span.start >= input.start)?.actor ?? actors.find((a) => a.start >= input.start && a.end <= act.start && (a.kind === 'state' || a.kind === 'organisation' || a.kind === 'person') && words(text.slice(input.start, a.start)) <= 2);
      if (opener) subjects = [opener];
    }
    if (subjects.length === 0) continue;
    // "X and Y accused each other", "X and Y traded blame"
    const reciprocal = RECIPROCAL.test(text.slice(act.end, to)) || /^(?:trad|exchang)/iu.test(act.text);
    if (reciprocal) {
      if (subjects.length < 2) continue;
      for (const a of subjects) for (const b of subjects) if (a !== b) push(a, b, []);
      continue;
    }
    // "X and Y accused Z": each of them accuses
    const accusers = subjects;
    // "blamed the shelling on Y"
    const on = /^blam/iu.test(act.text) ? /\s(?:on|upon)\s/iu.exec(text.slice(act.end, to)) : null;
    // "held X responsible", "pointed the finger at X": the object may stand inside the act's words
    const inside = /^h(?:old|eld)/iu.test(act.text) ? actors.find((a) => a.start > act.start && a.end < act.end) ?? null : null;
    let object = inside ?? (on ? firstAfter(text, actors, act.end + on.index + on[0].length, to, 3) : firstAfter(text, actors, act.end, ofAt ? act.end + ofAt.index + 1 : to, 6));
    // "criticized past remarks made by former Prime Minister X …": the author of the words is the one criticised
    const wordsBy = !inside && !on ? WORDS_BY.exec(text.slice(act.end, to)) : null;
    if (wordsBy) object = firstAfter(text, actors, act.end + wordsBy[0].length, to, 3) ?? object;
    // "accused Iraq-based Kurdish groups of …": where a group is based is not whom the charge names
    if (object && /^-based(?![\p{L}])/iu.test(text.slice(object.end, object.end + 8))) {
      const based = object;
      object = actors.find((a) => a.start > based.end && a.end <= (ofAt ? act.end + ofAt.index + 1 : to) && words(text.slice(based.end, a.start)) <= 3) ?? null;
    }
    // "criticized the country for …", "accused the regime of …": a nominal anaphor names the last state of the sentence
    if (!object && /^\s+(?:the|this)\s+(?:country|state|kingdom|republic|regime|neighbou?r|government)(?![\p{L}])/iu.test(text.slice(act.end, act.end + 24))) {
      const speakerNames = new Set(subjects.map((x) => x.name));
      object = actors.filter((a) => a.start >= input.start && a.end <= act.start && a.kind === 'state' && !speakerNames.has(a.name)).pop() ?? null;
    }
    // "condemned the unilateral measures of X", "rejected the provocations of X": the "of" after a
    // wrongdoing noun names its author, not the charge
    const nounBefore = !object && ofAt ? classify(lex, text, act.end, act.end + ofAt.index) : null;
    if (nounBefore && ofAt) {
      object = firstAfter(text, actors, act.end + ofAt.index + ofAt[0].length, to, 2);
      kind = nounBefore;
      relation = nounBefore.rule.relation;
      allegation = `${relation} ${allegationText(text, act.end, to)}`.trim();
    }
    // "made a formal protest to Turkey accusing it of …": "it" is the sentence's other party, the last one named before the act
    if (!object && /^\s+(?:it|them)\s+(?:of|for|over)\s/iu.test(text.slice(act.end, act.end + 12))) {
      const speakerNames = new Set(subjects.map((x) => x.name));
      object = actors.filter((a) => a.start >= input.start && a.end <= act.start && a.kind !== 'place' && !subjects.some((x) => sameSide(x, a)) && !speakerNames.has(a.name)).pop() ?? null;
    }
    if (!object) continue;
    // "accused the EU's rule of law mission in Kosovo (EULEX) of …": the body named in brackets, not its owner
    const owner = object;
    const named = actors.find((a) => a.start > owner.end && a.end <= (ofAt ? act.end + ofAt.index : to) && /^['’]s\s+[\p{Ll}\p{Lu}\s-]{3,80}\(\s*$/u.test(text.slice(owner.end, a.start)) && /^\s*\)/u.test(text.slice(a.end)));
    if (named) object = named;
    // "X accused Y and Z of …"
    const objects = [object];
    let prev = object;
    for (const more of actors.filter((a) => a.start > object.end && a.end <= (ofAt ? act.end + ofAt.index : to))) {
      // "the Democratic Progressive Party (DPP)": the same party again, in brackets
      if (more.name === prev.name && /^\s*\($/u.test(text.slice(prev.end, more.start))) {
        prev = more;
        continue;
      }
      // "the DPP authorities in Taiwan and external forces including …": where a party is, not another party
      if ((more.kind === 'place' || more.kind === 'state') && /^\)?\s+(?:[\p{Ll}-]+\s+){0,2}(?:in|of)\s+(?:the\s+)?$/u.test(text.slice(prev.end, more.start))) {
        prev = more;
        continue;
      }
      // "accused the UAE and neighbouring states including Chad, Libya and South Sudan of …"
      if (!/^\s*(?:,|and|&|,\s*and)\s*(?:the\s+|its\s+)?$/iu.test(text.slice(prev.end, more.start)) && !INCLUDING.test(text.slice(prev.end, more.start))) break;
      objects.push(more);
      prev = more;
    }
    for (const accuser of accusers) for (const o of objects) push(accuser, o, []);
  }

  // 1b. "North Korea denied accusations from Seoul that it sent drones", "Turkey rejected Greece's
  // claims of …": the article reports the other party's charge against the one who rejects it
  for (const m of matchesIn(REJECTS_CHARGE, text, input.start, input.end)) {
    if (isInsideQuote(quotes, m.start)) continue;
    const from = clauseStart(text, input.start, m.start);
    const rejecter = subjectsBefore(text, actors, from, m.start).pop();
    const owner = actors.find((a) => a.start >= m.start && a.end <= m.end);
    const by = owner ? null : /^\s*(?:made\s+|levelled\s+|leveled\s+)?(?:by|from)\s+(?:the\s+)?/iu.exec(text.slice(m.end, input.end));
    const accuser = owner ?? (by ? firstAfter(text, actors, m.end + by[0].length, input.end, 2) : null);
    // "Peru dismissed X's claim that Bolivian troops shelled …": the that-clause names its own accused (the owner speaks it, above)
    const thatClause = /^\s+(?:(?:made|levelled|leveled)\s+)?(?:(?:by|from)\s+[^,;:.“”"]{2,80}?\s+)?that\s+/u.exec(text.slice(m.end, input.end));
    const named = thatClause ? firstAfter(text, actors, m.end + thatClause[0].length, clauseEnd(text, m.end + thatClause[0].length, input.end), 3) : null;
    if (rejecter && named && !sameSide(named, rejecter)) continue;
    // a court or panel that rejects a claim rules on it; it is not the accused
    if (!rejecter || !accuser || sameSide(accuser, rejecter) || /(?:court|tribunal|judges?|panel|arbitrat|commission|committee)/iu.test(rejecter.name)) continue;
    const to = clauseEnd(text, m.end, input.end);
    const kind = classify(lex, text, m.end, to);
    // "rejects Beijing's claims and says …", "rejected X's claims to the islands": a claim with no
    // that-clause and no wrongdoing named is a claim of sovereignty or of a right, not a charge
    if (/claims?$/iu.test(m.text) && !thatClause && !kind && !/^\s+(?:of|about|regarding)\s/iu.test(text.slice(m.end, m.end + 12))) continue;
    const relation = kind?.rule.relation ?? 'wrongdoing';
    const trigger = { start: m.start, end: m.end, text: m.text };
    out.push({ accuser: accuser.name, accused: rejecter.name, relation, allegation: `${relation === 'wrongdoing' ? 'is accused of' : relation} ${allegationText(text, m.end, to)}`.trim(), target: null, stance: 'reports', cue: m.text, trigger, spans: [trigger, rejecter, accuser], rejectedByAccused: true });
  }

  // 1c. "X protested to Y over …", "X lodged a strong protest with Y", "…, delivering a protest regarding
  // Y's statements": a diplomatic protest is X's charge against Y (the party it is made to, or
  // the author of what it is about), whatever follows
  for (const m of matchesIn(PROTEST, text, input.start, input.end)) {
    if (isInsideQuote(quotes, m.start)) continue;
    const from = clauseStart(text, input.start, m.start);
    const to = clauseEnd(text, m.end, input.end);
    const participle = /^\p{L}+ing(?![\p{L}])/u.test(m.text);
    const protester = participle ? clauseOpener(text, actors, from, m.start) ?? subjectsBefore(text, actors, from, m.start).pop() : subjectsBefore(text, actors, from, m.start).pop() ?? clauseOpener(text, actors, from, m.start);
    if (!protester || protester.kind === 'place' || protester.kind === 'document') continue;
    // "to / with / against Y": Y; "regarding / over / about Y's …": the author of what is protested
    const about = /(?:regarding|over|about|concerning|at|on)\s+(?:the\s+)?$/iu.test(m.text);
    const next = firstAfter(text, actors, m.end, to, 2);
    // "…summoned Y's ambassador, delivering a protest …": the protest is made to the envoy's state
    const summoned = participle ? summonedEnvoy(text, actors, from, m.start) : null;
    const accused = next && (!about || /^['’]s?\s/u.test(text.slice(next.end, next.end + 3)) || next.kind === 'person') ? next : summoned;
    // a protest to a forum ("to the UN Security Council") asks it to act; the forum is not the accused
    if (!accused || sameSide(protester, accused) || FORUM.test(accused.name)) continue;
    const kind = classify(lex, text, m.end, to);
    const relation = kind?.rule.relation ?? 'wrongdoing';
    const trigger = { start: m.start, end: m.end, text: m.text.trim() };
    out.push({ accuser: protester.name, accused: accused.name, relation, allegation: `${relation === 'wrongdoing' ? 'is protested over' : relation} ${allegationText(text, m.end, to)}`.trim(), target: null, stance: 'reports', cue: 'protest', trigger, spans: [trigger, accused, protester] });
  }

  // 1d. "X summoned Y's ambassador over …", "X summoned the Y envoy to protest …": a summons to protest is X's charge against Y
  for (const m of matchesIn(SUMMONS, text, input.start, input.end)) {
    if (isInsideQuote(quotes, m.start)) continue;
    const from = clauseStart(text, input.start, m.start);
    const to = clauseEnd(text, m.end, input.end);
    const envoy = summonedEnvoy(text, actors, m.start, to);
    const reason = envoy ? /^[^;:.“”"]{0,60}?(?:\s(?:over|regarding|about|concerning)\s|\sto\s+(?:protest|lodge|deliver|convey)\s|,\s*(?:delivering|lodging|conveying|protesting)\s)/iu.exec(text.slice(envoy.end, to)) : null;
    const summoner = subjectsBefore(text, actors, from, m.start).pop() ?? clauseOpener(text, actors, from, m.start);
    if (!envoy || !reason || !summoner || summoner.kind === 'place' || sameSide(summoner, envoy)) continue;
    // a protest after ", delivering …" is read by 1c; here the summons itself
    const accused: Actor = envoy.country ? { ...envoy, name: envoy.country, kind: 'state' } : envoy;
    if (sameSide(summoner, accused) || out.some((o) => o.accuser === summoner.name && o.accused === accused.name)) continue;
    const kind = classify(lex, text, envoy.end, to);
    const relation = kind?.rule.relation ?? 'wrongdoing';
    const trigger = { start: m.start, end: m.end, text: m.text.trim() };
    out.push({ accuser: summoner.name, accused: accused.name, relation, allegation: `${relation === 'wrongdoing' ? 'is protested over' : relation} ${allegationText(text, envoy.end, to)}`.trim(), target: null, stance: 'reports', cue: 'summoned', trigger, spans: [trigger, envoy, summoner] });
  }

  // 2. what attributed speech says the other party did
  for (const { actor: speaker, claim, verb, accuses, span, focus, denial } of speakers) {
    if (accuses && acts.some((a) => a.start >= span.start - 2 && a.end <= span.end + 40)) continue;
    for (const rule of lex.wrongdoing) {
      for (const m of matchesIn(rule.re, text, claim.start, claim.end)) {
        if (isExercise(text, m) || isHypothetical(text, m, claim)) continue;
        const agents = agentsOf(text, actors, rule, m, claim, lex);
        for (const accused of agents.length === 0 && focus ? [focus] : agents) {
          if (sameSide(speaker, accused)) continue;
          const relation = rule.relation;
          out.push({
            accuser: speaker.name, accused: accused.name, relation, allegation: `${relation} (${m.text})`, target: null, stance: denial ? 'denies' : 'reports',
            cue: denial ?? verb, trigger: { start: m.start, end: m.end, text: m.text }, spans: [m, accused, span],
          });
        }
      }
    }
  }
  const named = speakers.map((s) => s.actor).filter((a) => a.kind === 'person' || a.kind === 'organisation' || a.kind === 'state' || a.kind === 'role');
  if (named.length > 0) memory.lastSpeaker = named[named.length - 1];
  // "It goes on:", "The paper adds:": the words after the colon, sentence after sentence, are the speaker's
  if (speakers.length > 0 && !speakers.some((sp) => sp.verb === 'continued')) memory.continuing = null;
  if (CONTINUES.test(text.slice(input.start, input.end))) memory.continuing = speakers[speakers.length - 1]?.actor ?? memory.lastSpeaker;
  return dedupe(out);
}

/** "a drone attack drill", "strike exercises", "assault training": a rehearsal names no violence done to anyone. */
function isExercise(text: string, m: Span): boolean {
  return /^\s+(?:drills?|exercises?|simulations?|training|rehearsals?|practice)(?![\p{L}])/iu.test(text.slice(m.end, m.end + 14));
}

/** "a Y attack on Z could constitute …", "if Y attacked Z, it would …", "Should Y intervene, it will …": a case considered, not a charge. */
function isHypothetical(text: string, m: Span, claim: Span): boolean {
  // the wrongdoing noun is the subject of a modal that weighs what it would be or bring
  if (MODAL_AFTER.test(text.slice(m.end, Math.min(claim.end, m.end + 90)))) return true;
  // a conditional sentence: its condition and its consequence are both hypothetical — unless the
  // condition presupposes the act goes on ("if Y continues its provocations")
  const lead = CONDITIONAL_LEAD.exec(text.slice(claim.start, m.start));
  return lead !== null && !/(?<![\p{L}])(?:continu|keeps?|kept|persist|again|further|still)/iu.test(text.slice(claim.start + lead.index, m.end));
}

/** Between a possessor and a wrongdoing noun: its words or act, then a copula ("'s remarks represented a “crude", "'s move was an act of");
 * the copula may follow the writer's own epithets ("'s manoeuvre is crude and reckless, …, and constitutes a grave") */
const OWNED_PREDICATE = /^['’]s?\s+(?:[\p{Ll}-]+\s+){0,2}(?:remarks|statements?|comments|words|posts?|moves?|manoeuvres?|maneuvers?|acts?|actions?|steps?|behaviou?r|conduct|decision|visit|deployment|policy)\s+(?:(?:is|was)\s+[^.;:!?“”"]{1,90}?,?\s+and\s+)?(?:represent(?:s|ed)?|constitut(?:es|ed|e)|amount(?:s|ed)?\s+to|(?:is|are|was|were))\s+(?:an?\s+|the\s+)?(?:act\s+of\s+)?[“"‘]?(?:[\p{Ll}-]+\s+){0,2}$/u;

/** "X's move constitutes a provocation": the nearest party before a wrongdoing noun owns the act a copula calls it (the copula is the judgement) */
function ownedPredicate(text: string, actors: Actor[], m: Span, from: number): boolean {
  const left = actors.filter((a) => a.end <= m.start && a.start >= from).pop();
  return left !== undefined && OWNED_PREDICATE.test(text.slice(left.end, m.start));
}

/** right before a wrongdoing verb, the writer's reading of a party's intent ("Y seems intent on provoking", "Y appears bent on destabilising"): the writer's own verdict */
const INTENT_BEFORE = /(?<![\p{L}])(?:seems?|seemed|appears?|appeared|is|are|was|were)\s+(?:to\s+be\s+)?(?:(?:hell-)?bent|intent|set)\s+on\s+$/iu;

/** a falsehood and the participle naming who uses it: "propaganda used by", "disinformation spread by" */
const AUTHORED_FALSEHOOD = /^(?:propaganda|disinformation|misinformation)\s+(?:used|spread|peddled|pushed|promoted|circulated|employed|deployed)\s+by\s/iu;

/** a sentence that opens with a possessive pronoun ("Their behaviour is …", "Its move was …") */
const OPENING_POSSESSIVE = /^\s*(?:their|its|his|her)(?![\p{L}])/iu;

/** The party of an opening possessive the copula judges ("Their behaviour is an act of aggression"): the previous sentence's subject, when no party stands before the noun. */
function possessorCarried(text: string, actors: Actor[], m: Span, from: number, previousSubject: Actor | null): Actor | null {
  if (!previousSubject || actors.some((a) => a.start >= from && a.end <= m.start)) return null;
  const opening = OPENING_POSSESSIVE.exec(text.slice(from, m.start));
  // the pronoun stands where a possessor's "'s" would: the same copula frame follows it
  return opening && OWNED_PREDICATE.test(`’s${text.slice(from + opening[0].length, m.start)}`) ? previousSubject : null;
}

/** "agents of the government of", "officials of": people who act for the party named next */
const AGENTS_OF = /^(?:agents?|officials?|operatives?|representatives?|diplomats?|spies)\s+of\s+(?:the\s+)?/iu;

/** The envoy a clause summons ("summoned Y's ambassador", "summoned the Y envoy", "summoned Ambassador Z"), as his state when the text says which, else himself. */
function summonedEnvoy(text: string, actors: Actor[], from: number, to: number): Actor | null {
  const m = matchesIn(SUMMONS, text, from, to).pop();
  if (!m) return null;
  const next = actors.find((a) => a.start >= m.end && a.end <= to);
  if (!next || words(text.slice(m.end, next.start)) > 3) return null;
  // "Y's ambassador", "the Y ambassador": the state named before the envoy word
  if (ENVOY_AFTER.test(text.slice(next.end, next.end + 40))) return next;
  // "China's ambassador" read as one role, "Ambassador Wu" as a person: the state he speaks for
  const envoyRole = next.kind === 'role' && /(?:ambassador|envoy|charg[ée]|commissioner|consul|diplomat)/iu.test(text.slice(next.start, next.end));
  if (envoyRole) return next.country ? { ...next, name: next.country, kind: 'state' } : null;
  return next.kind === 'person' ? (next.country ? { ...next, name: next.country, kind: 'state' } : next) : null;
}

/** Whom a wrongdoing word blames: the subject of a verb (or "by X"), the party before a noun, or "of / by / in X" after it. */
function agentsOf(text: string, actors: Actor[], rule: WrongdoingRule, m: Span, claim: Span, lex: NarrativeLexicons): Actor[] {
  const withConjuncts = (first: Actor | null): Actor[] => {
    if (!first) return [];
    const list = [first];
    for (const a of actors.filter((x) => x.start > first.end && x.end <= claim.end)) {
      // "Washington and London, in the first place, and NATO"
      if (!/^\s*(?:,|and|&)(?:\s*(?:[\p{L}-]+\s+){0,3}[\p{L}-]+,)?\s*(?:and\s*)?$/iu.test(text.slice(list[list.length - 1].end, a.start))) break;
      list.push(a);
    }
    return list;
  };
  // "violated by Azerbaijani units", "the crimes being committed by the Kiev regime"
  // "violated by Azerbaijani units" — not "violated the understanding by crossing the LAC" (a means, not an agent)
  // …and "the destabilising actions carried out by X", "propaganda used / spread by X": the noun a participle describes, then its agent
  const by = /^\s+(?:(?:[\p{Ll}-]+\s+)?(?:being\s+|that\s+(?:is|are|was|were)\s+)?(?:committed|carried out|perpetrated|conducted|launched|waged|unleashed|staged|orchestrated|mounted|imposed|used|spread|peddled|pushed|promoted|circulated|employed|deployed)\s+)?by\s+(?!\p{L}+ing\s)(?:the\s+)?/iu.exec(text.slice(m.end, Math.min(claim.end, m.end + 48)));
  if (by) {
    const agent = firstAfter(text, actors, m.end + by[0].length, claim.end, 2);
    if (agent) return withConjuncts(agent);
  }
  // "urged X to immediately halt these war criminal actions", "called on X to stop its provocations": the party asked to stop does it
  const windowStart = Math.max(0, m.start - 120);
  const asked = actors.filter((a) => a.start >= Math.max(windowStart, claim.start) && a.end <= m.start).reverse().find((a) => STOP_DEMAND.test(`${text.slice(windowStart, a.start)}X${text.slice(a.end, m.start)}`));
  if (asked) return [asked];
  if (rule.form === 'noun') {
    const left = actors.filter((a) => a.end <= m.start && a.start >= claim.start).pop();
    // "Azerbaijani shelling", "X's provocation", "China's repeated aggressive and illegal actions"
    // — not "X condemns the provocation": a party that condemns it is not the one that did it
    const condemnsIt = left !== undefined && matchesIn(cue(lex, 'accusation-act'), text, left.end, m.start).length > 0;
    // "anti-X propaganda", "anti-X moves": X is the target, not the author
    const against = left !== undefined && /anti-?\s*$/iu.test(text.slice(Math.max(0, left.start - 6), left.start));
    // "… in the Batken District in violation of …": a place (not a seat of government) before "in" is where, not who
    const where = left !== undefined && left.kind === 'place' && !lex.metonyms.has(left.name) && /^\s+in\s/iu.test(text.slice(left.end, m.start));
    if (left && !condemnsIt && !against && !where && /^(?:['’]s)?\s*(?:[\p{Ll}-]+\s+){0,2}(?:and\s+(?:[\p{Ll}-]+\s+)?)?$/u.test(text.slice(left.end, m.start)) && !/\s(?:on|against|to|at|with|for|about)\s/iu.test(` ${text.slice(left.end, m.start)}`)) return [left];
    // "Y's remarks represented a “crude interference”", "Y's move was a grave provocation": the owner of the words or act the predicate names
    if (left && !condemnsIt && !against && OWNED_PREDICATE.test(text.slice(left.end, m.start))) return [left];
    // "the provocation of Armenia", "sponsors and founders in Washington and London"
    // "in X" names where violence happened, not who did it ("a war of aggression in Europe")
    // "false reports of X's collapse": after a falsehood "of" names its subject matter; only "by" its author
    // ("a link between Y and the killing": the party after "between")
    const agentPrep = rule.relation === 'attacks' ? /^\s+(?:of|by|between)\s+(?:the\s+)?/iu : rule.relation === 'spreads disinformation' ? /^\s+by\s+(?:the\s+)?/iu : /^\s+(?:of|by|in)\s+(?:the\s+)?/iu;
    const of = agentPrep.exec(text.slice(m.end, Math.min(claim.end, m.end + 12)));
    // "illegal actions in the West Philippine Sea": a place after "in" is where, not who (a country or its capital may be who)
    if (of) {
      // "… of / between agents of the government of Y": the agents' state
      const agentsOf = AGENTS_OF.exec(text.slice(m.end + of[0].length, claim.end));
      const after = firstAfter(text, actors, m.end + of[0].length, claim.end, 2) ?? (agentsOf ? firstAfter(text, actors, m.end + of[0].length + agentsOf[0].length, claim.end, 2) : null);
      if (after && after.kind === 'place' && !lex.metonyms.has(after.name) && /^\s+in\s/iu.test(of[0])) return [];
      return withConjuncts(after);
    }
    // "Cambodia persists in its armed aggression", "X fails to take responsibility for its aggressive actions":
    // the owner of "its" is the party of the clause (not for nouns that name a backer: "its sponsors" are someone else)
    if (left && left.kind !== 'person' && rule.relation !== 'supports' && OWN_NOUN.test(text.slice(left.end, m.start))) return [left];
    return [];
  }
  const from = clauseStart(text, claim.start, m.start, CLAIM_CLAUSE_BREAK);
  // "X's integrity has been consistently violated over the years by Y": the passive's subject
  // suffered it; the agent is the party after a later "by", or nobody named
  if (!/^\p{L}+ing(?![\p{L}])/u.test(text.slice(m.start, m.end)) && PASSIVE_BEFORE.test(text.slice(Math.max(from, m.start - 40), m.start))) {
    const later = /^[^.;:“”"]{0,60}?\sby\s+(?:both\s+|either\s+)?(?:the\s+)?/iu.exec(text.slice(m.end, claim.end));
    const agent = later ? firstAfter(text, actors, m.end + later[0].length, claim.end, 1) : null;
    return agent ? withConjuncts(agent) : [];
  }
  // "X is trying to squeeze Y's farmers by weaponizing the economy": the means belongs to the clause's subject
  if (/(?<![\p{L}])by\s+$/iu.test(text.slice(Math.max(from, m.start - 4), m.start)) && /^\p{L}+ing(?![\p{L}])/u.test(text.slice(m.start, m.end))) {
    const opener = subjectsBefore(text, actors, from, from + Math.max(1, text.slice(from, m.start).search(/(?<![\p{L}])(?:is|are|was|were|has|have|had|will|would|can|could|keeps?|kept|continues?|continued|tries|tried|seeks?|sought)\s/iu)));
    const subject = opener.length > 0 ? opener : actors.filter((a) => a.start >= from && a.end <= m.start).slice(0, 1);
    if (subject.length > 0) return subject.slice(0, 1);
    // "By colluding with external forces …, the DPP authority opposes …": a fronted means; the subject follows its comma
    const comma = text.indexOf(',', m.end);
    if (comma < 0 || comma >= claim.end) return [];
    const after = firstAfter(text, actors, comma + 1, claim.end, 3);
    return after ? [after] : [];
  }
  const chain = subjectsBefore(text, actors, from, m.start);
  // "the press center of the Border Forces of the Republic of X completely distorts …": a body the
  // entity layer does not know, "of" the party it belongs to, is that party (the nearest party before the verb)
  if (chain.length === 0 && BODY_OF.test(text.slice(from, m.start))) {
    const owner = actors.filter((a) => a.start >= from && a.end <= m.start && a.kind !== 'place').pop();
    if (owner && /^\s+(?:(?:\p{Ll}+ly|also|again|now|then|has|have|had|is|are|was|were)\s+){0,3}$/u.test(text.slice(owner.end, m.start))) return [owner];
  }
  const subject = chain[chain.length - 1];
  // "Serbia does not want peace … but it does want to destabilise": a subject pronoun between
  // the nearest party and the verb is the subject; it stands for the claim's first party of its kind
  const pronounFrom = subject ? subject.end : from;
  const pronoun = SUBJECT_PRONOUN.exec(text.slice(pronounFrom, m.start));
  if (pronoun) {
    const at = pronounFrom + pronoun.index;
    const person = /^(?:he|she)$/iu.test(pronoun[1]);
    const referent = actors.find((a) => a.start >= claim.start && a.end <= at && (person ? a.kind === 'person' : a.kind === 'state' || a.kind === 'organisation' || a.kind === 'group'));
    return referent ? [referent] : [];
  }
  // "Eritrea and TPLF are working closely with armed groups": each party of the subject
  if (subject && words(text.slice(subject.end, m.start)) <= 8 && !/\s(?:against|on)\s*$/iu.test(text.slice(subject.end, m.start))) return chain;
  return [];
}

function dedupe(found: VoiceAccusation[]): VoiceAccusation[] {
  const seen = new Set<string>();
  return found.filter((a) => {
    const key = `${a.accuser}|${a.accused}|${a.relation}|${a.stance}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Charges grave enough that stating them in one's own voice is taking a side: atrocities, abuses, aggression. */
const FRAMING_CHARGE = /(?:aggression|massacres?|genocid|atrocit|war crimes?|crimes against humanity|ethnic cleansing|terrorist (?:acts?|attacks?|operations?)|fake news|disinformation|propaganda)/iu;
/** relations the article's own voice charges a party with, beside a framing charge or its own condemning word */
const OWN_VOICE_RELATIONS = new Set(['commits atrocities', 'abuses rights', 'attacks', 'spreads disinformation', 'provokes', 'violates agreements']);
/** of those, the ones plain reports also state of a party ("the army shelled", "the talks broke down after X's provocation"): only beside a condemning word */
const NEEDS_CONDEMNING = new Set(['provokes', 'violates agreements']);

/**
 * The article's own loaded charge: a wrongdoing word in a sentence that attributes nothing, makes
 * no accusation act and stands outside quotation marks, whose charge frames the party ("X's
 * aggression", "committed a massacre") or carries the article's own condemning word ("heinous",
 * "criminal", "barbaric"). Plain event reporting ("the army shelled the town") stays no accusation
 * in a text that attributes: it usually carries on a source's account.
 */
export function detectLoadedCharges(input: VoiceInput, lex: NarrativeLexicons, author: string, quoteSpans: readonly Span[], previousSubject: Actor | null = null): VoiceAccusation[] {
  const { text, actors } = input;
  if (input.attributions.length > 0) return [];
  if (matchesIn(cue(lex, 'accusation-act'), text, input.start, input.end).length > 0) return [];
  // a claim noun names someone's claim — unless the writer names its author as a wrongdoer's ("propaganda used / spread by Y")
  if (matchesIn(cue(lex, 'claim-noun'), text, input.start, input.end).some((c) => !AUTHORED_FALSEHOOD.test(text.slice(c.start, Math.min(input.end, c.end + 30))))) return [];
  const loaded = matchesIn(cue(lex, 'condemning'), text, input.start, input.end).length > 0;
  // "it is Beijing that violates the status quo", "It is X who is pushing Y to escalate": the
  // cleft's focus is the one the writer charges, and the emphasis is the writer's own (as a
  // condemning word is) — whichever side the writer is on
  const clefts: Array<{ focus: Actor; from: number; to: number }> = [];
  for (const c of matchesIn(CLEFT, text, input.start, input.end)) {
    const focus = actors.find((a) => a.start >= c.end && a.start <= c.end + 1);
    const rel = focus ? /^\s+(?:that|who|which)\s/iu.exec(text.slice(focus.end, focus.end + 8)) : null;
    if (!focus || !rel) continue;
    const from = focus.end + rel[0].length;
    clefts.push({ focus, from, to: clauseEnd(text, from, input.end) });
  }
  const out: VoiceAccusation[] = [];
  for (const rule of lex.wrongdoing) {
    if (!OWN_VOICE_RELATIONS.has(rule.relation)) continue;
    for (const m of matchesIn(rule.re, text, input.start, input.end)) {
      if (quoteSpans.some((q) => q.start <= m.start && q.end >= m.end)) continue;
      // the nearest cleft before the word ("It is X that …, and it is Y that …")
      const cleft = clefts.filter((c) => m.start >= c.from && m.end <= c.to).pop();
      // "X's move constitutes a provocation": the copula that calls a party's act a wrongdoing is the writer's own verdict
      const carried = rule.form === 'noun' ? possessorCarried(text, actors, m, input.start, previousSubject) : null;
      const intentAt = rule.form === 'verb' ? INTENT_BEFORE.exec(text.slice(Math.max(input.start, m.start - 40), m.start)) : null;
      // the subject of the hedge ("Y seems intent on …"), the party right before it
      const intended = intentAt ? subjectsBefore(text, actors, input.start, Math.max(input.start, m.start - 40) + intentAt.index) : [];
      const judged = carried !== null || intended.length > 0 || ownedPredicate(text, actors, m, input.start);
      if (!loaded && !cleft && !judged && (NEEDS_CONDEMNING.has(rule.relation) || !FRAMING_CHARGE.test(m.text))) continue;
      if (isExercise(text, m) || isHypothetical(text, m, input)) continue;
      for (const accused of cleft ? [cleft.focus] : carried ? [carried] : intended.length > 0 ? intended : agentsOf(text, actors, rule, m, input, lex)) {
        out.push({
          accuser: author, accused: accused.name, relation: rule.relation, allegation: `${rule.relation} (${m.text})`, target: null, stance: 'asserts',
          cue: 'stated as fact', trigger: { start: m.start, end: m.end, text: m.text }, spans: [m, accused],
        });
      }
    }
  }
  return dedupe(out);
}

