import type { Command } from 'commander';
import { jobsStatus } from '../../queue/status.js';
import { defaultDbLocation, describeDb } from '../../store/open.js';
import { DB_HELP, openExistingStore, parsePositiveInt } from '../shared.js';

export function registerJobsCommand(program: Command): void {
  program
    .command('jobs')
    .description('PostgreSQL: the job queue — jobs per state, dead jobs with their error, progress of queued runs')
    .option('--db <url>', DB_HELP, defaultDbLocation())
    .option('--limit <n>', 'dead jobs and runs to list', '20')
    .option('--json', 'print it as JSON')
    .addHelpText(
      'after',
      `
Examples:
  discern jobs --db postgres://localhost/discern          jobs per state, queued runs, dead jobs
  discern jobs --db postgres://localhost/discern --json   the same as JSON (dead jobs under "dead")`,
    )
    .action(async (options: { db: string; limit: string; json?: boolean }) => {
      const limit = parsePositiveInt(options.limit, '--limit');
      const store = await openExistingStore(options.db);
      try {
        const status = await jobsStatus(store, { deadLimit: limit, runLimit: limit });
        if (options.json) {
          process.stdout.write(`${JSON.stringify(status, null, 2)}\n`);
          return;
        }
        if (!status.available) {
          process.stdout.write(`${describeDb(options.db)} is a SQLite database: it has no job queue (use --db postgres://… with ingest --queue).\n`);
          return;
        }
        const lines = ['queue              waiting  retry  active  done  dead'];
        for (const q of status.queues) lines.push(`${q.queue.padEnd(18)} ${String(q.created).padStart(7)} ${String(q.retry).padStart(6)} ${String(q.active).padStart(7)} ${String(q.completed).padStart(5)} ${String(q.failed).padStart(5)}`);
        if (status.runs.length > 0) {
          lines.push('', 'run  status    inputs  done  dead  corpus');
          for (const r of status.runs) lines.push(`${String(r.run).padEnd(4)} ${r.status.padEnd(9)} ${String(r.expected ?? '…').padStart(6)} ${String(r.done).padStart(5)} ${String(r.failed).padStart(5)}  ${r.finishedAt ? 'done' : r.corpusSentAt ? 'queued' : 'waiting'}`);
        }
        if (status.dead.length > 0) {
          lines.push('', 'dead jobs (failed on every attempt):');
          for (const d of status.dead) lines.push(`  ${d.queue} ${d.input ?? ''} (run ${d.run ?? '?'}, ${d.attempts} attempts): ${d.error}`);
        }
        process.stdout.write(`${lines.join('\n')}\n`);
      } finally {
        await store.close();
      }
    });
}
