import { actorsProfile } from './actors.js';
import type { DocumentProfile } from './profile.js';
import { sourcingProfile } from './sourcing.js';
import { structureProfile } from './structure.js';
import { techniquesProfile } from './techniques.js';

/** Per-document summaries, in the order reports show them. Adding one: one module, one line. */
export const documentProfiles: readonly DocumentProfile[] = [structureProfile, actorsProfile, sourcingProfile, techniquesProfile];
