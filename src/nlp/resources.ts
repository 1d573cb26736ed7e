import { loadGazetteer, type Gazetteer } from './entities/gazetteer.js';
import { loadLanguageIdentifier, type LanguageIdentifier } from './language.js';

/**
 * Everything the analysers share that is expensive to load: loaded once per process,
 * before any document, so that analysis itself stays synchronous and pure.
 */
export interface Resources {
  gazetteer: Gazetteer;
  language: LanguageIdentifier;
}

export interface ResourceOptions {
  /** extra gazetteer files (JSON or YAML) on top of the built-in one */
  gazetteerFiles?: string[];
}

let cached: Promise<Resources> | null = null;

export function loadResources(options: ResourceOptions = {}): Promise<Resources> {
  const extra = options.gazetteerFiles ?? [];
  if (extra.length > 0) return build(extra);
  cached ??= build([]);
  return cached;
}

async function build(gazetteerFiles: string[]): Promise<Resources> {
  const [gazetteer, language] = await Promise.all([loadGazetteer(gazetteerFiles), loadLanguageIdentifier()]);
  return { gazetteer, language };
}
