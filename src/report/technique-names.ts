import { TECHNIQUE_TITLES, type Technique } from '../analysers/techniques/taxonomy.js';

/**
 * The names people read for technique labels: "Name calling or labelling", not the SemEval
 * identifier "Name_Calling,Labeling" (which stays the finding's label in the JSON contract).
 */
export function techniqueName(label: string): string {
  const title = (TECHNIQUE_TITLES as Record<string, string | undefined>)[label];
  return title ? title.charAt(0).toUpperCase() + title.slice(1) : label;
}

/** A finding label as shown: technique identifiers by name, every other label as it is. */
export function displayLabel(kind: string, label: string): string {
  return kind === 'technique' ? techniqueName(label) : label;
}

export type { Technique };
