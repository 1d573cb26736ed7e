import type { Command } from 'commander';
import { DiscernError } from '../../core/errors.js';
import { loadResources } from '../../nlp/resources.js';
import { countEvidenceInputs, parseEvidenceDate, readEvidence } from '../../reference/evidence/read.js';
import { createCountedProgress } from '../progress.js';
import { defaultDbLocation, openStore } from '../../store/open.js';
import { DB_HELP, EXIT, openExistingStore, parseBytes, resourceOptions } from '../shared.js';
import { DURATION_HINT, SIZE_HINT, parseDuration } from '../units.js';

/**
 * `discern evidence add|list|remove`: the reference corpus — documents the user trusts,
 * cut into passages that `discern verify`, `analyze` and `report` quote in their verdicts.
 * Evidence is stored apart from articles: never analysed as one, never in the corpus.
 */

interface AddOptions {
  db: string;
  issuer?: string;
  date?: string;
  json?: boolean;
  gazetteer?: string[];
  maxBytes?: string;
  allowPrivate?: boolean;
  timeout?: string;
  encoding?: string;
}



export function registerEvidenceCommand(program: Command): void {
  const evidence = program
    .command('evidence')
    .description('the reference corpus of trusted documents that verdicts quote (add, list, remove)');

  evidence
    .command('add')
    .argument('<inputs...>', 'text, Markdown, HTML or PDF files, folders, http(s) URLs, or - for standard input')
    .description('index trusted documents as passages (title, issuer, date and URL kept with each)')
    .option('--db <file|url>', DB_HELP, defaultDbLocation())
    .option('--issuer <name>', 'who issued the documents (e.g. "UN Monitoring Team")')
    .option('--date <iso>', 'their publication date (2024, 2024-07 or 2024-07-15)')
    .option('--json', 'print one JSON line per document added')
    .option('--gazetteer <file...>', 'extra gazetteer files of actors and aliases')
    .option('--max-bytes <size>', `refuse inputs larger than this (${SIZE_HINT})`, '50MB')
    .option('--allow-private', 'allow URLs that resolve to private or loopback addresses')
    .option('--timeout <duration>', `URL fetch timeout (${DURATION_HINT})`, '15s')
    .option('--encoding <name>', 'decode text files with this encoding instead of detecting it (e.g. windows-1256)')
    .addHelpText(
      'after',
      `
Examples:
  discern evidence add reports/ --issuer "UN Monitoring Team"
  discern evidence add statement.pdf --issuer "Ministry of the Interior" --date 2024-03-09
  discern evidence list`,
    )
    .exitOverride()
    .action(async (inputs: string[], options: AddOptions) => {
      const meta = { issuer: options.issuer ?? null, date: options.date ? parseEvidenceDate(options.date) : null };
      const ingest = { maxBytes: parseBytes(options.maxBytes ?? '50MB'), allowPrivate: options.allowPrivate ?? false, timeoutMs: parseDuration(options.timeout ?? '15s', '--timeout', { min: 1 }), encoding: options.encoding };
      const { gazetteer } = await loadResources(resourceOptions(options));
      const store = await openStore(options.db);
      let failed = 0;
      let done = 0;
      const progress = createCountedProgress('Indexing', () => countEvidenceInputs(inputs));
      try {
        for await (const loaded of readEvidence(inputs, gazetteer, meta, ingest)) {
          done++;
          if (!loaded.ok) {
            failed++;
            progress.finish();
            process.stderr.write(`discern: ${loaded.input}: ${loaded.error.message}\n`);
            progress.update(done, loaded.input, failed);
            continue;
          }
          progress.update(done, loaded.input, failed);
          const { created } = await store.reference.addEvidence(loaded.doc);
          const d = loaded.doc;
          progress.finish();
          if (options.json) {
            process.stdout.write(`${JSON.stringify({ id: d.id, input: loaded.input, created, title: d.title, issuer: d.issuer, date: d.publishedAt, url: d.url, format: d.format, passages: d.passages.length })}\n`);
          } else {
            process.stdout.write(`${created ? 'added' : 'already indexed'}  ${d.id}  ${d.title ?? loaded.input}  (${d.passages.length} passages)\n`);
          }
        }
      } finally {
        progress.finish();
        await store.close();
      }
      process.exitCode = failed > 0 ? EXIT.SOME_INPUTS_FAILED : EXIT.OK;
    });

  evidence
    .command('list')
    .description('list the reference documents')
    .option('--db <file|url>', DB_HELP, defaultDbLocation())
    .option('--json', 'print as JSON')
    .addHelpText('after', '\nExamples:\n  discern evidence list\n  discern evidence list --json > evidence.json')
    .exitOverride()
    .action(async (options: { db: string; json?: boolean }) => {
      const store = await openExistingStore(options.db);
      try {
        const list = await store.reference.listEvidence();
        if (options.json) {
          process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
          return;
        }
        if (list.length === 0) process.stdout.write('The reference corpus is empty: add documents with `discern evidence add FILE...`.\n');
        for (const e of list) {
          const meta = [e.issuer, e.publishedAt, e.format, `${e.passages} passages`].filter(Boolean).join(', ');
          process.stdout.write(`${e.id}  ${e.title ?? e.origin}  (${meta})\n    ${e.url ?? e.origin}\n`);
        }
      } finally {
        await store.close();
      }
    });

  evidence
    .command('remove')
    .argument('<ids...>', 'document ids (or their first 8+ characters), or the path/URL they were added from')
    .description('remove reference documents and their passages')
    .option('--db <file|url>', DB_HELP, defaultDbLocation())
    .addHelpText('after', '\nExample:\n  discern evidence remove statement.pdf    by the path it was added from (or its id)')
    .exitOverride()
    .action(async (ids: string[], options: { db: string }) => {
      const store = await openExistingStore(options.db);
      let missing = 0;
      try {
        for (const key of ids) {
          const removed = await store.reference.removeEvidence(key);
          if (removed.length === 0) {
            missing++;
            process.stderr.write(`discern: ${key}: no reference document has this id (8 characters at least) or origin\n`);
          }
          for (const id of removed) process.stdout.write(`removed  ${id}\n`);
        }
      } finally {
        await store.close();
      }
      if (missing > 0 && missing === ids.length) throw new DiscernError('USAGE', 'nothing was removed', 'discern evidence remove');
      process.exitCode = missing > 0 ? EXIT.SOME_INPUTS_FAILED : EXIT.OK;
    });
}
