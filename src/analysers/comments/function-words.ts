/**
 * English function words: the closed classes (articles, pronouns, auxiliaries, prepositions,
 * conjunctions, common adverbs and quantifiers). The machine-text model sees these words as
 * they are and every other word only as its shape, so it learns how a text is written, not
 * what it is about. English only: the model was trained on English tweets.
 */
export const FUNCTION_WORDS: ReadonlySet<string> = new Set(
  `a an the this that these those some any each every no none all both either neither much many more most
few little less least other another such what which who whom whose where when why how whatever whoever
i me my mine myself we us our ours ourselves you your yours yourself yourselves he him his himself she her
hers herself it its itself they them their theirs themselves one ones
is am are was were be been being have has had having do does did doing done will would shall should can
could may might must ought get gets got
i'm i've i'll i'd you're you've you'll you'd he's she's it's we're we've we'll they're they've they'll
that's there's here's what's who's let's isn't aren't wasn't weren't don't doesn't didn't haven't hasn't
hadn't won't wouldn't can't cannot couldn't shouldn't mustn't
of to in on at by for with about from into onto over under after before between through during without
within against among around across along behind below above beside besides beyond near off out up down
since until till upon toward towards via per than like unlike
and or but nor so yet if then else because although though while whereas unless whether as once
not very too also just only even still already again ever never always often sometimes really quite
rather almost enough here there now then today soon well yes no oh ok okay
`.split(/\s+/).filter((w) => w.length > 0),
);

/** Inflectional and derivational endings kept on masked words: morphology, not topic. */
export const SUFFIXES: readonly string[] = ['ing', 'ed', 'ly', 'tion', 'ness', 'ment', 'est', 'er', 'ful', 'ous', 'ive', 'able', 'ies', 's'];
