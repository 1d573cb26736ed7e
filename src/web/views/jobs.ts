/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { getJson, type JobsStatus } from '../api.js';
import { h } from '../dom.js';

/** The job queue of a PostgreSQL database: jobs per state, each queued run's progress, dead jobs with their error. */
export async function renderJobs(root: HTMLElement): Promise<void> {
  const status = await getJson<JobsStatus>('/jobs');
  root.append(h('h1', {}, 'Jobs'));
  if (!status.available) {
    root.append(h('p', { class: 'muted' }, 'This database is SQLite: it has no job queue. Run Discern on PostgreSQL (discern ingest --queue, discern worker) to use one; see docs/postgres.md.'));
    return;
  }
  const cell = (n: number) => h('td', { class: 'num' }, n);
  root.append(
    h('section', { class: 'card' }, h('h2', {}, 'Queues'),
      h('table', { class: 'data' },
        h('thead', {}, h('tr', {}, h('th', {}, 'Queue'), h('th', {}, 'Waiting'), h('th', {}, 'Retrying'), h('th', {}, 'Running'), h('th', {}, 'Done'), h('th', {}, 'Dead'))),
        h('tbody', {}, ...status.queues.map((q) => h('tr', {}, h('th', { scope: 'row' }, q.queue), cell(q.created), cell(q.retry), cell(q.active), cell(q.completed), cell(q.failed)))),
      ),
    ),
    h('section', { class: 'card' }, h('h2', {}, 'Queued runs'),
      status.runs.length === 0 ? h('p', { class: 'muted' }, 'No run was queued yet.') : h('table', { class: 'data' },
        h('thead', {}, h('tr', {}, h('th', {}, 'Run'), h('th', {}, 'Status'), h('th', {}, 'Inputs'), h('th', {}, 'Stored'), h('th', {}, 'Dead'), h('th', {}, 'Corpus'))),
        h('tbody', {}, ...status.runs.map((r) => h('tr', {}, h('th', { scope: 'row' }, r.run), h('td', {}, r.status), h('td', { class: 'num' }, r.expected ?? '…'), cell(r.done), cell(r.failed), h('td', {}, r.finishedAt ? 'done' : r.corpusSentAt ? 'queued' : 'waiting')))),
      ),
    ),
    h('section', { class: 'card' }, h('h2', {}, `Dead jobs (${status.dead.length})`),
      status.dead.length === 0 ? h('p', { class: 'muted' }, 'None: every job succeeded or is still being tried.') : h('ol', { class: 'hits' },
        ...status.dead.map((d) => h('li', {}, h('strong', {}, d.input ?? d.queue), h('span', { class: 'muted' }, ` run ${d.run ?? '?'}, ${d.attempts} attempts`), h('p', { class: 'snippet' }, d.error))),
      ),
    ),
  );
}
