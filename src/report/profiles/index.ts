import { actorsProfile } from './actors.js';
import type { DocumentProfile } from './profile.js';
import { structureProfile } from './structure.js';

/** Per-document summaries, in the order reports show them. Adding one: one module, one line. */
export const documentProfiles: readonly DocumentProfile[] = [structureProfile, actorsProfile];
