/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { ApiError } from './api.js';
import { clear, h } from './dom.js';
import { href, parseRoute } from './router.js';
import { renderComments } from './views/comments.js';
import { renderContradictions } from './views/contradictions.js';
import { renderDocument } from './views/document.js';
import { renderEntities } from './views/entities.js';
import { renderGraph } from './views/graph.js';
import { renderIngest } from './views/ingest.js';
import { renderAlerts } from './views/alerts.js';
import { renderJobs } from './views/jobs.js';
import { renderOutlet } from './views/outlet.js';
import { forgetOverview, renderOverview } from './views/overview.js';
import { renderSearch } from './views/search.js';
import { renderSources } from './views/sources.js';
import { renderTimeline } from './views/timeline.js';

/**
 * The workbench shell: navigation, theme, keyboard shortcuts, and the hash router that
 * renders one view at a time into <main>.
 */

const NAV: Array<[view: string, label: string, key: string]> = [
  ['overview', 'Corpus', 'c'],
  ['graph', 'Actors & accusations', 'a'],
  ['entities', 'Actors list', 'l'],
  ['timeline', 'Timeline', 't'],
  ['contradictions', 'Contradictions', 'd'],
  ['outlet', 'Outlets', 'u'],
  ['comments', 'Comments', 'm'],
  ['search', 'Search', 's'],
  ['ingest', 'Ingest', 'i'],
  ['jobs', 'Jobs', 'q'],
  ['alerts', 'Alerts', 'w'],
  ['sources', 'Sources', 'o'],
];

const THEMES = ['auto', 'light', 'dark'] as const;

let cleanup: (() => void) | null = null;
let renderId = 0;

function shell(): { main: HTMLElement; nav: HTMLElement } {
  const nav = h('nav', { class: 'top-nav', 'aria-label': 'views' });
  for (const [view, label, key] of NAV) nav.append(h('a', { href: href(view), 'data-view': view, 'aria-keyshortcuts': `g ${key}` }, label));
  const theme = h('button', { type: 'button', class: 'theme', 'aria-label': 'colour theme' });
  const applyTheme = (name: string) => {
    document.documentElement.dataset.theme = name;
    theme.textContent = `Theme: ${name}`;
  };
  applyTheme(localStorage.getItem('discern-theme') ?? 'auto');
  theme.addEventListener('click', () => {
    const current = (document.documentElement.dataset.theme ?? 'auto') as (typeof THEMES)[number];
    const next = THEMES[(THEMES.indexOf(current) + 1) % THEMES.length];
    localStorage.setItem('discern-theme', next);
    applyTheme(next);
  });
  const header = h('header', { class: 'top' }, h('a', { href: href('overview'), class: 'brand' }, 'Discern'), nav, theme);
  const main = h('main', { id: 'main', tabindex: -1 });
  const skip = h('a', { href: '#main', class: 'skip' }, 'Skip to content');
  skip.addEventListener('click', (event) => {
    event.preventDefault();
    main.focus();
  });
  document.body.append(skip, header, main, h('footer', { class: 'foot muted' }, 'Keys: g then c/a/l/t/d/u/m/s/i/q/w/o to switch views · / search · j/k next/previous finding · Esc clear'));
  return { main, nav };
}

async function render(main: HTMLElement, nav: HTMLElement): Promise<void> {
  const id = ++renderId;
  cleanup?.();
  cleanup = null;
  const route = parseRoute(location.hash);
  for (const link of nav.querySelectorAll('a')) {
    if (link.dataset.view === route.view || (route.view === 'doc' && link.dataset.view === 'overview')) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  const view = h('div', { class: `view view-${route.view}` });
  window.scrollTo(0, 0);
  clear(main);
  main.append(view);
  main.setAttribute('aria-busy', 'true');
  try {
    switch (route.view) {
      case 'overview':
        await renderOverview(view, route);
        break;
      case 'doc':
        cleanup = await renderDocument(view, route);
        break;
      case 'graph':
        await renderGraph(view, route);
        break;
      case 'entities':
        await renderEntities(view, route);
        break;
      case 'comments':
        await renderComments(view, route);
        break;
      case 'timeline':
        await renderTimeline(view, route);
        break;
      case 'contradictions':
        await renderContradictions(view);
        break;
      case 'outlet':
        await renderOutlet(view, route);
        break;
      case 'search':
        await renderSearch(view, route);
        break;
      case 'ingest':
        renderIngest(view, forgetOverview);
        break;
      case 'jobs':
        await renderJobs(view);
        break;
      case 'alerts':
        cleanup = await renderAlerts(view, route);
        break;
      case 'sources':
        await renderSources(view);
        break;
      default:
        view.append(h('h1', {}, 'Not found'), h('p', {}, h('a', { href: href('overview') }, 'Back to the corpus')));
    }
    document.title = `${view.querySelector('h1')?.textContent ?? 'Discern'} · Discern`;
  } catch (error) {
    if (id !== renderId) return;
    const message = error instanceof ApiError ? `${error.message} (${error.code})` : error instanceof Error ? error.message : String(error);
    view.append(h('div', { class: 'error', role: 'alert' }, h('strong', {}, 'Could not load this view. '), message));
  } finally {
    if (id === renderId) main.removeAttribute('aria-busy');
  }
}

function keyboard(): void {
  let pendingG = false;
  document.addEventListener('keydown', (event) => {
    const target = event.target as HTMLElement | null;
    if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT')) return;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === '/') {
      event.preventDefault();
      const box = document.getElementById('search-q');
      if (box) box.focus();
      else location.hash = href('search');
      return;
    }
    if (pendingG) {
      pendingG = false;
      const entry = NAV.find(([, , key]) => key === event.key);
      if (entry) location.hash = href(entry[0]);
      return;
    }
    if (event.key === 'g') pendingG = true;
  });
}

function start(): void {
  const { main, nav } = shell();
  keyboard();
  window.addEventListener('hashchange', () => void render(main, nav));
  void render(main, nav);
}

start();
