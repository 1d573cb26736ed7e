/**
 * The 14 technique labels of the SemEval-2020 Task 11 Propaganda Techniques Corpus (PTC),
 * spelled exactly as the official scorer accepts them, with the closest DISARM Red
 * technique (for STIX export) where one fits.
 */

export const TECHNIQUES = [
  'Appeal_to_Authority',
  'Appeal_to_fear-prejudice',
  'Bandwagon,Reductio_ad_hitlerum',
  'Black-and-White_Fallacy',
  'Causal_Oversimplification',
  'Doubt',
  'Exaggeration,Minimisation',
  'Flag-Waving',
  'Loaded_Language',
  'Name_Calling,Labeling',
  'Repetition',
  'Slogans',
  'Thought-terminating_Cliches',
  'Whataboutism,Straw_Men,Red_Herring',
] as const;

export type Technique = (typeof TECHNIQUES)[number];

export function isTechnique(label: string): label is Technique {
  return (TECHNIQUES as readonly string[]).includes(label);
}

export interface DisarmTechnique {
  id: string;
  name: string;
}

/** Closest DISARM Red framework technique; null where none is a fair fit (see docs/techniques.md). */
export const DISARM: Record<Technique, DisarmTechnique | null> = {
  'Appeal_to_Authority': { id: 'T0100', name: 'Co-opt Trusted Sources' },
  'Appeal_to_fear-prejudice': { id: 'T0083', name: 'Integrate Target Audience Vulnerabilities into Narrative' },
  'Bandwagon,Reductio_ad_hitlerum': { id: 'T0019', name: 'Generate information pollution' },
  'Black-and-White_Fallacy': { id: 'T0079', name: 'Divide' },
  'Causal_Oversimplification': { id: 'T0023', name: 'Distort facts' },
  'Doubt': { id: 'T0075', name: 'Dismiss' },
  'Exaggeration,Minimisation': { id: 'T0023', name: 'Distort facts' },
  'Flag-Waving': { id: 'T0003', name: 'Leverage Existing Narratives' },
  'Loaded_Language': { id: 'T0076', name: 'Distort' },
  'Name_Calling,Labeling': { id: 'T0066', name: 'Degrade Adversary' },
  'Repetition': { id: 'T0060', name: 'Continue to Amplify' },
  'Slogans': null,
  'Thought-terminating_Cliches': { id: 'T0075', name: 'Dismiss' },
  'Whataboutism,Straw_Men,Red_Herring': { id: 'T0077', name: 'Distract' },
};

/** Human wording of each technique for explanations. */
export const TECHNIQUE_TITLES: Record<Technique, string> = {
  'Appeal_to_Authority': 'appeal to authority',
  'Appeal_to_fear-prejudice': 'appeal to fear or prejudice',
  'Bandwagon,Reductio_ad_hitlerum': 'bandwagon or reductio ad Hitlerum',
  'Black-and-White_Fallacy': 'black-and-white fallacy',
  'Causal_Oversimplification': 'causal oversimplification',
  'Doubt': 'casting doubt',
  'Exaggeration,Minimisation': 'exaggeration or minimisation',
  'Flag-Waving': 'flag-waving',
  'Loaded_Language': 'loaded language',
  'Name_Calling,Labeling': 'name calling or labelling',
  'Repetition': 'repetition',
  'Slogans': 'slogan',
  'Thought-terminating_Cliches': 'thought-terminating cliché',
  'Whataboutism,Straw_Men,Red_Herring': 'whataboutism, straw man or red herring',
};
