import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { DiscernError } from '../../core/errors.js';
import { listReviewEntries, type ReviewEntry } from '../../review/listing.js';
import { recordReview } from '../../review/record.js';
import { VERDICTS, type ReviewStatus } from '../../review/types.js';
import { defaultDbLocation } from '../../store/open.js';
import { parseReferenceId } from '../../reference/reference-ids.js';
import { referenceFindingsOf, referenceLookup } from '../reference.js';
import { DB_HELP, openExistingStore } from '../shared.js';
import { clipText } from '../../core/clip.js';

interface ReviewOptions {
  db?: string;
  confirm?: boolean;
  reject?: boolean;
  label?: string;
  accuser?: string;
  accused?: string;
  verdict?: string;
  note?: string;
  by?: string;
  json?: boolean;
}

/** Who reviews: --by, else DISCERN_REVIEWER, else the login name. */
function reviewerName(by: string | undefined): string {
  if (by !== undefined) return by;
  if (process.env.DISCERN_REVIEWER) return process.env.DISCERN_REVIEWER;
  try {
    return userInfo().username;
  } catch {
    return '';
  }
}

export function registerReviewCommands(program: Command): void {
  program
    .command('review')
    .description('record an analyst review of one finding: confirm, reject, correct, a claim verdict or a note')
    .argument('<finding-id>', 'the finding (its id in `discern report --format json`, the API or the workbench)')
    .option('--db <file|url>', DB_HELP, defaultDbLocation())
    .option('--confirm', 'the finding is right')
    .option('--reject', 'the finding is wrong (hidden from reports and exports from now on)')
    .option('--label <label>', 'correct the label')
    .option('--accuser <name>', 'accusations: correct who accuses')
    .option('--accused <name>', 'accusations: correct who is accused')
    .option('--verdict <verdict>', `claims: the fact-check verdict (${Object.keys(VERDICTS).join(', ')})`)
    .option('--note <text>', 'a note for the record')
    .option('--by <name>', 'who reviews (env DISCERN_REVIEWER, else the login name)')
    .option('--json', 'print the stored review as JSON')
    .addHelpText(
      'after',
      `
Reviews are kept as a history; the latest one counts. A review is tied to the
finding's document, kind, span and label, so it survives \`--force\` re-analysis
and analyser upgrades; \`discern reviews\` lists them, orphaned ones included.

Examples (take the ids from \`discern report --format json\` or the workbench):
  discern review <finding-id> --confirm --by ana
  discern review <claim-id> --verdict misleading --note "figure is from 2019" --by ana
  discern review <accusation-id> --accused "Interior Ministry" --by ana

Verdicts (ids "<claim id>.v") and fact-check matches ("<claim id>.f…") are reviewed like any
finding, though they are computed against the reference corpus, not stored. A confirmed match
makes the claim's wording a recorded appearance of that fact-check: the same claim worded
alike in other articles is then matched through it.`,
    )
    .action(async (findingId: string, options: ReviewOptions) => {
      if (options.confirm && options.reject) throw new DiscernError('USAGE', 'a review confirms or rejects, not both', '--confirm');
      const status: ReviewStatus | null = options.confirm ? 'confirmed' : options.reject ? 'rejected' : null;
      const store = await openExistingStore(options.db);
      try {
        const review = await recordReview(store, findingId, {
          status,
          label: options.label,
          accuser: options.accuser,
          accused: options.accused,
          verdict: options.verdict,
          note: options.note,
          reviewer: reviewerName(options.by),
        }, parseReferenceId(findingId) ? referenceLookup(store) : undefined);
        if (options.json) {
          process.stdout.write(`${JSON.stringify(review, null, 2)}\n`);
          return;
        }
        const what = [review.status, review.verdict && `verdict ${review.verdict}`, review.note && 'note'].filter(Boolean).join(', ');
        process.stdout.write(`review ${review.id}: ${review.finding.kind} "${review.finding.label}" ${JSON.stringify(clipText(review.finding.quote, 80))} — ${what} by ${review.reviewer}\n`);
      } finally {
        await store.close();
      }
    });

  program
    .command('reviews')
    .description('list the reviewed findings with the review that counts now; orphaned reviews included')
    .option('--db <file|url>', DB_HELP, defaultDbLocation())
    .option('--doc <id>', 'only reviews of this document')
    .option('--json', 'print as JSON, with each review history')
    .addHelpText(
      'after',
      `
"orphaned" means re-analysis left no finding on the reviewed span (the review is
kept and re-attaches if a later analysis finds it again).

Examples:
  discern reviews
  discern reviews --json > reviews.json`,
    )
    .action(async (options: { db?: string; doc?: string; json?: boolean }) => {
      const store = await openExistingStore(options.db);
      try {
        const entries = await listReviewEntries(store, { doc: options.doc }, referenceFindingsOf(store));
        if (options.json) {
          const orphaned = entries.filter((e) => e.attachment === 'orphaned').length;
          process.stdout.write(`${JSON.stringify({ reviews: entries, reviewed: entries.length, orphaned }, null, 2)}\n`);
          return;
        }
        if (entries.length === 0) {
          process.stdout.write('No reviews yet (see `discern review --help`).\n');
          return;
        }
        for (const e of entries) process.stdout.write(describeEntry(e));
      } finally {
        await store.close();
      }
    });
}


function describeEntry(e: ReviewEntry): string {
  const status = e.status ?? 'no status';
  const correction = e.correction ? ` → ${[e.correction.label, e.correction.accuser && `accuser ${e.correction.accuser}`, e.correction.accused && `accused ${e.correction.accused}`].filter(Boolean).join(', ')}` : '';
  const where = e.attachment === 'orphaned' ? 'ORPHANED (no finding on this span now)' : `finding ${e.findingId}${e.attachment === 'exact' ? '' : ` (${e.attachment})`}`;
  const lines = [
    `${status}${correction}${e.verdict ? `, verdict ${e.verdict}` : ''} — ${e.target.kind} "${e.target.label}" ${JSON.stringify(clipText(e.target.quote, 80))}`,
    `    ${clipText(e.docTitle ?? e.target.doc, 60)} [${e.target.start}, ${e.target.end}) · ${where}`,
    `    by ${e.reviewer} at ${e.updatedAt}${e.history.length > 1 ? ` · ${e.history.length} reviews` : ''}${e.note ? ` · note: ${clipText(e.note, 100)}` : ''}`,
  ];
  return `${lines.join('\n')}\n`;
}
