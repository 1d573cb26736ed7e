import type { Span } from '../../core/types.js';
import type { GazetteerHit } from './gazetteer.js';
import type { EntityType } from './mentions.js';

/** A possible mention before alias resolution gives it a canonical name. */
export interface Candidate extends Span {
  surface: string;
  type: EntityType;
  confidence: number;
  hit: GazetteerHit | null;
  /** pattern candidates: the type comes from a head word ("… Commission") */
  typedByHead: boolean;
}

/** Lone capitalised words survive only as surnames of people named in full (see resolve.ts). */
export const LONE_WORD_CONFIDENCE = 0.3;
