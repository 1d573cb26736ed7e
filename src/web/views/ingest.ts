/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { postForm, type IngestResult } from '../api.js';
import { clear, h } from '../dom.js';
import { href } from '../router.js';

/**
 * Ingest: paste a text, give a URL, or choose or drop files. The analysis runs on the
 * server; one new document opens at once, several are listed with links.
 */

export function renderIngest(root: HTMLElement, onIngested: () => void): void {
  const text = h('textarea', { name: 'text', id: 'ingest-text', rows: 12, placeholder: 'Paste an article, with its comments if you have them' });
  const title = h('input', { name: 'title', id: 'ingest-title', placeholder: 'title (optional: read from the text)' });
  const outlet = h('input', { name: 'outlet', id: 'ingest-outlet', placeholder: 'outlet (optional)' });
  const format = h('select', { name: 'format', id: 'ingest-format' }, h('option', { value: '' }, 'detect format'), h('option', { value: 'text' }, 'plain text'), h('option', { value: 'markdown' }, 'Markdown'), h('option', { value: 'html' }, 'HTML'));
  const url = h('input', { name: 'url', id: 'ingest-url', type: 'url', placeholder: 'https://…' });
  const files = h('input', { name: 'file', id: 'ingest-files', type: 'file', multiple: true, accept: '.txt,.md,.markdown,.html,.htm,.xhtml,text/*' });
  const dropped: File[] = [];
  const dropList = h('ul', { class: 'dropped' });
  const status = h('div', { class: 'ingest-status', role: 'status', 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit' }, 'Analyse');
  const form = h(
    'form',
    { class: 'ingest-form' },
    h('fieldset', {}, h('legend', {}, 'Text'), h('label', { for: 'ingest-text' }, 'Text'), text, h('div', { class: 'row' }, h('label', {}, 'Title ', title), h('label', {}, 'Outlet ', outlet), h('label', {}, 'Format ', format))),
    h('fieldset', {}, h('legend', {}, 'or a URL'), h('label', { for: 'ingest-url' }, 'URL'), url),
    h('fieldset', { class: 'dropzone' }, h('legend', {}, 'or files'), h('label', { for: 'ingest-files' }, 'Choose .txt, .md or .html files, or drop them here'), files, dropList),
    h('p', {}, submit),
    status,
  );
  root.append(h('h1', {}, 'Ingest'), form);

  const zone = form.querySelector('.dropzone') as HTMLElement;
  zone.addEventListener('dragover', (event) => {
    event.preventDefault();
    zone.classList.add('over');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (event) => {
    event.preventDefault();
    zone.classList.remove('over');
    for (const file of event.dataTransfer?.files ?? []) {
      dropped.push(file);
      dropList.append(h('li', {}, file.name));
    }
  });

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const body = new FormData();
    if (text.value.trim()) body.set('text', text.value);
    if (url.value.trim()) body.set('url', url.value.trim());
    for (const file of [...(files.files ?? []), ...dropped]) body.append('file', file, file.name);
    if (title.value.trim()) body.set('title', title.value.trim());
    if (outlet.value.trim()) body.set('outlet', outlet.value.trim());
    if (format.value) body.set('format', format.value);
    if (!body.has('text') && !body.has('url') && !body.has('file')) {
      show(status, 'error', 'Give a text, a URL or files.');
      return;
    }
    submit.disabled = true;
    show(status, 'busy', 'Analysing…');
    postForm<IngestResult>('/ingest', body)
      .then((result) => {
        onIngested();
        clear(status);
        status.className = 'ingest-status ok';
        status.append(
          h('p', {}, `${result.documents.length} document${result.documents.length === 1 ? '' : 's'} analysed:`),
          h('ul', {}, ...result.documents.map((d) => h('li', {}, h('a', { href: href('doc', d.id) }, d.title ?? d.id), ` — ${d.state}${d.failures.length ? ` (${d.failures.length} analyser failures)` : ''}`))),
        );
        if (result.documents.length === 1) location.hash = href('doc', result.id);
      })
      .catch((error: Error) => show(status, 'error', error.message))
      .finally(() => {
        submit.disabled = false;
      });
  });
}

function show(status: HTMLElement, kind: string, message: string): void {
  clear(status);
  status.className = `ingest-status ${kind}`;
  status.append(h('p', {}, message));
}
