import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extractPlainText } from '../../src/ingest/plain-text/index.js';
import { loadResources, type Resources } from '../../src/nlp/resources.js';
import { ingestOne } from '../../src/pipeline/ingest-one.js';
import { openPostgresStore } from '../../src/store/postgres.js';
import type { ServableStore } from '../../src/store/queries.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { postgresForTests } from '../support/postgres.js';

/**
 * Invented articles (fictional countries, groups and people) for the timeline, contradictions,
 * outlet and search tests, analysed by the real analysers: two outlets on either side of a
 * dispute about a militant group, written in British and American spelling, that disagree on
 * the year the group was founded; a third outlet reports both sides and calls the group only by
 * its acronym (resolved by the user's gazetteer), and defines an institute's acronym that the
 * first article uses alone (resolved by the corpus).
 */

export const ARTICLE_KARVIA = `Karvia Accuses Ostrel of Harbouring the Red Dawn Front

By Lena Marsh

TORVIK, March 10 (Karvia Herald) - Karvia's Interior Minister Daniel Roos said on Monday that Ostrel is harbouring fighters of the Red Dawn Front in its northern valleys.

The Red Dawn Front was founded in 2016 by defectors from the Ostrel army, according to Karvian officials.

On 4 March 2025, RDF fighters attacked a border post near Torvik, killing three guards, Roos said.

"Ostrel shelters these criminals and lets them organise attacks on our people," Roos told reporters. Researchers at LIPS said the group had received weapons from across the border.
`;

export const ARTICLE_OSTREL = `Ostrel Rejects Karvian Claims About the Red Dawn Front

By Omar Selin

BELGARD, March 12 (Ostrel Times) - Ostrel's Foreign Ministry on Wednesday rejected claims by Karvia that Ostrel was harboring the Red Dawn Front, calling them baseless propaganda.

Foreign Minister Petra Vance said the Red Dawn Front, formed in 2018, has no bases in Ostrel and that Karvia had offered no evidence for its claims.

Vance said an independent commission would visit the northern valleys on 20 March 2025 to organize an inspection.
`;

export const ARTICLE_LOWLAND = `Border Tensions Rise Between Karvia and Ostrel

By Ada Kim

LOWHAVEN, March 15 (Lowland Wire) - Tensions between Karvia and Ostrel rose after the attack of 4 March 2025 on a border post near Torvik.

Karvia accuses Ostrel of sheltering the RDF, while Ostrel says the group operates only inside Karvia.

Analysts at the Lowhaven Institute for Peace Studies (LIPS) said neither government had published evidence about the organization's bases.
`;

/** What a user would add with --gazetteer for this dispute (written to the fixture's folder). */
export const VIEWS_GAZETTEER = {
  entries: [
    { name: 'Karvia', type: 'place', aliases: [], demonyms: ['Karvian'] },
    { name: 'Ostrel', type: 'place', aliases: [], demonyms: ['Ostreli'] },
    { name: 'Red Dawn Front', type: 'group', aliases: ['RDF', 'the Red Dawn'] },
  ],
};

export interface ViewsFixture {
  dir: string;
  store: ServableStore;
  resources: Resources;
  ids: { karvia: string; ostrel: string; lowland: string };
  cleanup(): Promise<void>;
}

export async function makeViewsFixture(backend: 'sqlite' | 'postgres' = 'sqlite'): Promise<ViewsFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'discern-views-'));
  let dbPath = join(dir, 'views.db');
  if (backend === 'postgres') {
    const cluster = await postgresForTests();
    if (!cluster) throw new Error('PostgreSQL is not installed');
    dbPath = await cluster.createDatabase();
  }
  const store: ServableStore = backend === 'postgres' ? await openPostgresStore(dbPath) : openSqliteStore(dbPath);
  const gazetteer = join(dir, 'gazetteer.json');
  writeFileSync(gazetteer, JSON.stringify(VIEWS_GAZETTEER));
  const resources = await loadResources({ gazetteerFiles: [gazetteer] });
  const ingest = async (text: string, outlet: string, publishedAt: string, input: string) => {
    const extracted = extractPlainText(text);
    const result = await ingestOne({ extracted: { ...extracted, source: { ...extracted.source, outlet, publishedAt } }, origin: {}, input, store, resources });
    return result.id;
  };
  const karvia = await ingest(ARTICLE_KARVIA, 'Karvia Herald', '2025-03-10', 'fixture:karvia');
  const ostrel = await ingest(ARTICLE_OSTREL, 'Ostrel Times', '2025-03-12', 'fixture:ostrel');
  const lowland = await ingest(ARTICLE_LOWLAND, 'Lowland Wire', '2025-03-15', 'fixture:lowland');
  return {
    dir,
    store,
    resources,
    ids: { karvia, ostrel, lowland },
    async cleanup() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
