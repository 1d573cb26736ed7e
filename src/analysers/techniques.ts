import type { FindingDraft } from '../core/types.js';
import type { DocumentAnalyzer, DocumentContext } from './analyzer.js';
import { detect, type Detection } from './techniques/detect.js';
import type { PreparedSentence } from './techniques/features.js';
import { loadLexicons } from './techniques/lexicons.js';
import { loadTechniqueModel } from './techniques/model.js';
import { describesDesignatedGroup } from './techniques/designations.js';
import { DISARM, TECHNIQUE_TITLES, type DisarmTechnique, type Technique } from './techniques/taxonomy.js';

/** `data` of a `technique` finding. */
export interface TechniqueData extends Record<string, unknown> {
  /** one of the 14 SemEval-2020 Task 11 technique names (same as the label) */
  technique: Technique;
  /** closest DISARM Red technique, or null where none fits */
  disarm: DisarmTechnique | null;
  /** the words that led to the finding */
  cues: string[];
  /** 'model' (trained on PTC), 'rule' (a lexicon entry) or 'model+rule' */
  source: Detection['source'];
}

const ANALYSED = new Set(['title', 'heading', 'body', 'comment']);

function quoteList(words: string[]): string {
  return words.map((w) => `'${w}'`).join(', ');
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function explain(d: Detection): string {
  const title = capitalise(TECHNIQUE_TITLES[d.technique]);
  if (d.source === 'rule') return `${title}: ${d.reasons[0]}.`;
  const cues = d.cues.length > 0 ? `cue words ${quoteList(d.cues)}` : 'the wording as a whole, no single cue word';
  const model = `the model trained on the PTC news corpus marks this span (${cues})`;
  return d.source === 'model+rule' ? `${title}: ${d.reasons[0]}, and ${model}.` : `${title}: ${model}.`;
}

/** Propaganda and persuasion techniques at span level (SemEval-2020 Task 11 taxonomy). */
export const techniquesAnalyzer: DocumentAnalyzer = {
  scope: 'document',
  name: 'techniques',
  version: '1.7.0',
  kinds: ['technique'],
  description: 'Propaganda and persuasion techniques (the 14 of SemEval-2020 Task 11) at span level: a joint span-and-technique tagger decoded per technique, a span tagger and classifier, plus lexicon rules',
  analyze(ctx: DocumentContext): FindingDraft[] {
    const sentences: PreparedSentence[] = ctx
      .sentences()
      .filter((s) => ANALYSED.has(s.sectionKind))
      .map((s) => ({ start: s.start, end: s.end, title: s.sectionKind === 'title' || s.sectionKind === 'heading', tokens: ctx.tokens(s.start, s.end) }));
    if (sentences.length === 0) return [];
    // "terrorist" beside a UN-designated group describes the designation: not name-calling
    const detections = detect(ctx.doc.text, sentences, { model: loadTechniqueModel(), rules: loadLexicons().rules }).filter(
      (d) => d.technique !== 'Name_Calling,Labeling' || describesDesignatedGroup(ctx.doc.text, d) === null,
    );
    return detections.map((d): FindingDraft<TechniqueData> => ({
      kind: 'technique',
      label: d.technique,
      start: d.start,
      end: d.end,
      score: Math.round(d.score * 1000) / 1000,
      explanation: explain(d),
      data: { technique: d.technique, disarm: DISARM[d.technique], cues: d.cues, source: d.source },
    }));
  },
};
