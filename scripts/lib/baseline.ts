/**
 * The classic baseline of every evaluation: TF-IDF (word 1–2-grams + char 2–5-grams, src/nlp/tfidf.ts)
 * and logistic regression (the shared trainer, src/nlp/logistic.ts), trained in the same run on
 * the same training data as Discern's model and scored on the same held-out split. Its
 * hyper-parameters are fixed here (learning rate chosen among 0.02–0.2 on the claims dev fold of
 * the training part, `npm run train:claims -- --dev`), never on a held-out test split.
 */
import { linearScore, sigmoid, softmaxScores, trainLogistic, trainSoftmax, type LogisticOptions } from '../../src/nlp/logistic.js';
import { TfidfVectorizer } from '../../src/nlp/tfidf.js';

export const BASELINE_DIM = 1 << 19;
const OPTIONS: LogisticOptions = { dim: 2 * BASELINE_DIM, epochs: 8, learningRate: 0.05, l2: 1e-6, seed: 1, epsilon: 1e-8 };

export interface BinaryItem {
  text: string;
  label: 0 | 1;
  weight?: number;
}

export function trainBaselineBinary(items: readonly BinaryItem[]): (text: string) => number {
  const vectorizer = TfidfVectorizer.fit(items.map((i) => i.text), { dim: BASELINE_DIM, minDf: 2 });
  const model = trainLogistic(
    items.map((i) => ({ x: vectorizer.transform(i.text), y: i.label, weight: i.weight ?? 1 })),
    OPTIONS,
  );
  return (text) => sigmoid(linearScore(model.weights, model.bias, vectorizer.transform(text)));
}

export function trainBaselineMulti(items: ReadonlyArray<{ text: string; y: number }>, classes: number): (text: string) => Float64Array {
  const vectorizer = TfidfVectorizer.fit(items.map((i) => i.text), { dim: BASELINE_DIM, minDf: 2 });
  const model = trainSoftmax(items.map((i) => ({ x: vectorizer.transform(i.text), y: i.y })), classes, { ...OPTIONS, epochs: 6 });
  return (text) => softmaxScores(model, vectorizer.transform(text));
}
