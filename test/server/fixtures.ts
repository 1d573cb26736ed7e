import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Finding } from '../../src/core/types.js';
import { extractPlainText } from '../../src/ingest/plain-text/index.js';
import { loadResources, type Resources } from '../../src/nlp/resources.js';
import { ingestOne } from '../../src/pipeline/ingest-one.js';
import { openPostgresStore } from '../../src/store/postgres.js';
import type { ServableStore } from '../../src/store/queries.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { postgresForTests } from '../support/postgres.js';

/**
 * Small invented articles (fictional countries and people) for the server tests, ingested
 * through the real analysers, plus hand-made accusation findings in the shape the
 * accusations analyser produces: data { accuser, accused, allegation, stance }.
 */

export const ARTICLE_NORVALE = `Norvale Accuses Daskor of Poisoning the Lake

By Mira Okafor

PORT ELLEN, June 3 (Lakeside Courier) - Norvale's Environment Minister Ilse Varga said on Tuesday that the Daskor Federation had dumped industrial waste into Lake Temmer, killing thousands of fish.

"This is a shameful and deliberate attack on our people," Varga told reporters. She said samples taken by the Halden Institute showed lead levels four times the legal limit.

Daskor's foreign ministry called the accusation baseless and said its factories had passed every inspection this year.

Everyone knows the truth, and only a fool would believe Daskor now.

5 Comments

Anna Berg on June 3, 2025 at 9:10 am
Great article, thanks for sharing the truth!

Piotr Lind on June 3, 2025 at 9:12 am
Great article, thanks for sharing the facts!

Carla Moss on June 3, 2025 at 9:15 am
Great article, thanks for sharing the news!

Devi Raman on June 3, 2025 at 10:40 am
I live near the lake and the water has smelled odd since spring. Has anyone asked the fishermen?

Ed Cole on June 3, 2025 at 11:02 am
The inspection reports should be published so we can all read them.
`;

export const ARTICLE_DASKOR = `Daskor Rejects Lake Temmer Claims as Fabricated

By Jonas Weir

KEL MARA, June 4 (Daskor Daily) - The Daskor Federation on Wednesday rejected claims by Norvale that its factories polluted Lake Temmer, calling them a fabricated smear campaign.

Foreign Minister Arno Pell said Norvale had refused to share its water samples with independent experts. "They invent a crisis every summer," Pell said.

Officials said an independent laboratory would review the samples next month.
`;

export const ARTICLE_XSS = `<!doctype html><html><head><title>Harbour &lt;script&gt; report</title></head><body>
<article>
<h1>Harbour report <img src=x onerror="window.__xss=1"></h1>
<p>The port authority said on Friday that cargo volumes rose by 12 percent. <script>window.__xss=2</script>Officials of Norvale welcomed the figures.</p>
<p>Read the <a href="javascript:window.__xss=3">full statement</a> or the text &lt;img src=x onerror=window.__xss=4&gt; printed here.</p>
<p>Analysts said the rise was <b onmouseover="window.__xss=5">driven</b> by grain exports &lt;script&gt;window.__xss=6&lt;/script&gt; to the south.</p>
</article></body></html>`;

export interface Fixture {
  dir: string;
  /** the SQLite file or the PostgreSQL URL */
  dbPath: string;
  store: ServableStore;
  resources: Resources;
  ids: { norvale: string; daskor: string };
  cleanup(): Promise<void>;
}

export type Backend = 'sqlite' | 'postgres';

/** The fixture corpus in a fresh database: a SQLite file, or a database on the test PostgreSQL cluster. */
export async function makeFixture(backend: Backend = 'sqlite'): Promise<Fixture> {
  const dir = mkdtempSync(join(tmpdir(), 'discern-server-'));
  let dbPath = join(dir, 'test.db');
  if (backend === 'postgres') {
    const cluster = await postgresForTests();
    if (!cluster) throw new Error('PostgreSQL is not installed');
    dbPath = await cluster.createDatabase();
  }
  const store: ServableStore = backend === 'postgres' ? await openPostgresStore(dbPath) : openSqliteStore(dbPath);
  const resources = await loadResources();
  const ingest = async (text: string, outlet: string, publishedAt: string, input: string) => {
    const extracted = extractPlainText(text);
    const result = await ingestOne({ extracted: { ...extracted, source: { ...extracted.source, outlet, publishedAt } }, origin: {}, input, store, resources });
    return result.id;
  };
  const norvale = await ingest(ARTICLE_NORVALE, 'Lakeside Courier', '2025-06-03', 'fixture:norvale');
  const daskor = await ingest(ARTICLE_DASKOR, 'Daskor Daily', '2025-06-04', 'fixture:daskor');
  await addAccusations(store, norvale, [
    { quote: 'the Daskor Federation had dumped industrial waste into Lake Temmer', accuser: 'Ilse Varga', accused: 'Daskor Federation', allegation: 'dumped industrial waste into Lake Temmer', stance: 'asserts' },
  ]);
  await addAccusations(store, daskor, [
    { quote: 'calling them a fabricated smear campaign', accuser: 'Daskor Federation', accused: 'Norvale', allegation: 'a fabricated smear campaign', stance: 'asserts' },
    { quote: 'rejected claims by Norvale that its factories polluted Lake Temmer', accuser: 'Daskor Federation', accused: 'Norvale', allegation: 'claims about Lake Temmer', stance: 'denies' },
  ]);
  return {
    dir,
    dbPath,
    store,
    resources,
    ids: { norvale, daskor },
    async cleanup() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

interface AccusationSpec {
  quote: string;
  accuser: string;
  accused: string;
  allegation: string;
  stance: string;
}

/**
 * Stores accusation findings the way the pipeline would. The producer is named `accusations`,
 * like the real analyser, so these replace whatever it found: the tests know exactly which
 * accusations the corpus holds.
 */
export async function addAccusations(store: ServableStore, docId: string, specs: AccusationSpec[]): Promise<void> {
  const doc = await store.getDocument(docId);
  if (!doc) throw new Error(`no document ${docId}`);
  const findings: Finding[] = specs.map((s, i) => {
    const start = doc.text.indexOf(s.quote);
    if (start < 0) throw new Error(`quote not in document: ${s.quote}`);
    return {
      id: `acc-${i + 1}`,
      analyzer: 'accusations@0.0.0-test',
      kind: 'accusation',
      label: s.stance,
      start,
      end: start + s.quote.length,
      quote: s.quote,
      score: 0.9,
      explanation: `${s.accuser} accuses ${s.accused} of ${s.allegation}.`,
      data: { accuser: s.accuser, accused: s.accused, allegation: s.allegation, stance: s.stance },
    };
  });
  await store.saveAnalysis({ doc, origin: 'fixture:accusations', produced: new Map([['accusations@0.0.0-test', findings]]), failures: [], runId: null });
}
