import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { DiscernError } from '../core/errors.js';
import type { Section } from '../core/types.js';
import type { ExtractedDocument } from '../document/extracted.js';
import { extractHtml, isoDate, stripTagsToParagraphs } from './html.js';

const fixture = (name: string) => readFileSync(new URL(`../../test/fixtures/html/${name}`, import.meta.url), 'utf8');

interface SectionView {
  kind: Section['kind'];
  text: string;
  author?: string | null;
  parent?: number | null;
  postedAt?: string | null;
}

/** Sections as (kind, text[, comment fields]) after checking every span is well formed. */
function view(doc: ExtractedDocument): SectionView[] {
  assertWellFormed(doc);
  return doc.sections.map((section) => {
    const text = doc.text.slice(section.start, section.end);
    if (section.kind !== 'comment') return { kind: section.kind, text };
    return { kind: section.kind, text, author: section.author, parent: section.parent, postedAt: section.postedAt };
  });
}

function assertWellFormed(doc: ExtractedDocument): void {
  assert.equal(doc.format, 'html');
  let previousEnd = 0;
  doc.sections.forEach((section, index) => {
    assert.ok(section.start >= previousEnd, `section ${index} overlaps the one before`);
    assert.ok(section.start < section.end && section.end <= doc.text.length, `section ${index} is out of bounds`);
    const text = doc.text.slice(section.start, section.end);
    assert.equal(text, text.trim(), `section ${index} has leading or trailing whitespace`);
    if (typeof section.parent === 'number') {
      assert.ok(section.parent < index && doc.sections[section.parent].kind === 'comment', `section ${index} has a bad parent`);
    }
    previousEnd = section.end;
  });
  // the text is exactly the sections joined by blank lines
  assert.equal(doc.sections.map((s) => doc.text.slice(s.start, s.end)).join('\n\n'), doc.text);
}

test('WordPress article: title, byline, body, nested comments and source', () => {
  const doc = extractHtml(fixture('wordpress-article.html'), { url: 'https://fetched.example/tide' });
  assert.deepEqual(view(doc), [
    { kind: 'title', text: 'Harbour town votes to rebuild its tide gauge' },
    { kind: 'byline', text: 'by Mara Olsen' },
    {
      kind: 'body',
      text: 'The council of Brackwater voted on Monday to rebuild the old tide gauge on the north pier, ending a dispute that had lasted three winters.',
    },
    {
      kind: 'body',
      text: 'Engineers say the gauge stopped reporting in 2021 after a storm bent its stilling well.\nFishing crews have relied on a borrowed sensor since then.',
    },
    { kind: 'heading', text: 'What the council decided' },
    {
      kind: 'body',
      text: 'The motion passed by nine votes to four. It sets aside money for a new well, a radar sensor and a public display at the ferry terminal.',
    },
    { kind: 'body', text: 'A radar sensor replaces the float.' },
    { kind: 'body', text: 'Readings go online every six minutes.' },
    { kind: 'body', text: 'We measure the sea so that nobody has to guess it.' },
    { kind: 'body', text: 'Work is expected to start in late spring, weather permitting, and to take about eight weeks.' },
    {
      kind: 'comment',
      text: "About time. The borrowed sensor was off by a hand's width at spring tides.",
      author: 'Ines Varga',
      parent: null,
      postedAt: '2024-03-04T10:15:00+00:00',
    },
    {
      kind: 'comment',
      text: 'It was calibrated last summer.\nThe error came from the bent well, not the sensor.',
      author: 'Tomas Reed',
      parent: 10,
      postedAt: '2024-03-04T11:02:00+00:00',
    },
    { kind: 'comment', text: 'Will the display show wave height too?', author: 'Priya Nair', parent: null, postedAt: '2024-03-05T07:45:00+00:00' },
  ]);
  assert.deepEqual(doc.source, {
    url: 'https://lantern.example/2024/03/tide-gauge/',
    title: 'Harbour town votes to rebuild its tide gauge',
    author: 'Mara Olsen',
    outlet: 'The Lantern Gazette',
    publishedAt: '2024-03-04T08:30:00+00:00',
  });
  // navigation, share bar, reply form, sidebar newsletter, footer and page furniture are gone
  for (const gone of ['Skip to content', 'Sport', 'Share this', 'Leave a Reply', 'Post Comment', 'typed text', 'newsletter', 'All rights reserved', 'thoughts on', 'says:', 'Reply', 'Posted in', 'tracking script', 'style text']) {
    assert.ok(!doc.text.includes(gone), `"${gone}" should not be in the text`);
  }
  assert.equal(doc.warnings, undefined);
});

test('Disqus-style thread: three levels of replies; metadata from JSON-LD', () => {
  const doc = extractHtml(fixture('disqus-thread.html'));
  assert.deepEqual(view(doc), [
    { kind: 'title', text: 'Ferry timetable changes explained' },
    { kind: 'body', text: 'Why the summer sailings start a week later this year.' },
    {
      kind: 'body',
      text: 'The operator will move the first summer sailing to the second week of June because one of its two vessels is still in dry dock.',
    },
    {
      kind: 'body',
      text: 'Passengers holding tickets for the cancelled week can rebook without a fee, or ask for a refund at the harbour office.',
    },
    { kind: 'body', text: 'The winter timetable stays in place until then, with three crossings a day on weekdays and two at weekends.' },
    { kind: 'boilerplate', text: 'Listen to this article 0:00' },
    {
      kind: 'comment',
      text: 'Dry dock again? That vessel spends more time out of the water than in it.',
      author: 'harbourwatcher',
      parent: null,
      postedAt: '2024-05-20T09:12:00Z',
    },
    { kind: 'comment', text: 'It had a scheduled inspection.\nEvery ship gets one.', author: 'Agnes K.', parent: 6, postedAt: null },
    { kind: 'comment', text: 'Fair point, thanks.', author: 'harbourwatcher', parent: 7, postedAt: null },
  ]);
  assert.deepEqual(doc.source, {
    url: null,
    title: 'Ferry timetable changes explained',
    author: 'Leo Brandt',
    outlet: 'Coastline Weekly',
    publishedAt: '2024-05-20T06:00:00Z',
  });
  assert.ok(!doc.text.includes('2 Comments'));
});

test('hostile markup: nothing executable or hidden reaches the text, entities are not expanded', () => {
  const doc = extractHtml(fixture('hostile.html'));
  assert.deepEqual(view(doc), [
    { kind: 'title', text: 'Hostile markup test' },
    { kind: 'body', text: 'First paragraph &lol3; with an entity that must stay unexpanded.' },
    { kind: 'body', text: 'An image sits in this sentence.' },
    { kind: 'body', text: 'A link: click and a handler.' },
    // escaped markup is the page's own words, kept as text
    { kind: 'body', text: 'Escaped markup stays text: <b>bold</b>.' },
    { kind: 'body', text: 'Last paragraph of the hostile page.' },
  ]);
  for (const gone of ['alert', 'javascript', 'onerror', 'noscript text', 'template text', 'iframe text', 'object text', 'svg text', 'style text', 'injected', 'hidden text', 'invisible text', 'comment text', 'lollol', 'ENTITY']) {
    assert.ok(!doc.text.includes(gone), `"${gone}" should not be in the text`);
  }
});

test('inline hostile snippets in a bare fragment', () => {
  const doc = extractHtml('<p>Before <script>alert(1)</script>after.</p><p><img src=x onerror=alert(1)><a href="javascript:alert(1)">click</a></p>');
  assert.deepEqual(view(doc), [
    { kind: 'body', text: 'Before after.' },
    { kind: 'body', text: 'click' },
  ]);
});

test('5,000 nested divs do not overflow the stack: the text is walked instead', () => {
  const html = `<html><head><title>Deep page</title></head><body>${'<div>'.repeat(5000)}<p>Deep text here.</p><p>Second <b>one</b>.</p>${'</div>'.repeat(5000)}</body></html>`;
  const doc = extractHtml(html);
  assert.deepEqual(view(doc), [
    { kind: 'title', text: 'Deep page' },
    { kind: 'body', text: 'Deep text here.' },
    { kind: 'body', text: 'Second one.' },
  ]);
  assert.equal(doc.warnings?.length, 1);
  assert.match(doc.warnings![0], /nested 5002 levels deep/);
});

test('empty and textless HTML are INPUT_EMPTY', () => {
  for (const html of ['', '   \n\t ', '<html><head><title> </title><script>alert(1)</script></head><body><img src=x onerror=alert(1)><script>x()</script><style>p{}</style></body></html>']) {
    assert.throws(
      () => extractHtml(html, { url: 'https://x.example/' }),
      (error: unknown) => error instanceof DiscernError && error.code === 'INPUT_EMPTY' && error.input === 'https://x.example/',
    );
  }
});

test('generic comment markup: author and content children, replies nested in a wrapper', () => {
  const html = `<html><head><title>Generic page</title></head><body>
    <article><h1>Generic page</h1><p>The body of the page says something worth a comment or two, at some length.</p></article>
    <section id="user-comments"><h3>Comments (3)</h3>
      <div class="user-comment"><span class="comment-username">Zed</span>
        <span class="comment-date"><time datetime="2024-01-02T03:04:05Z">Jan 2</time></span>
        <div class="comment-text"><p>First generic comment.</p></div>
        <div class="comment-replies">
          <div class="user-comment"><cite>Yan</cite><div class="comment-text">A reply to Zed.</div></div>
        </div>
      </div>
      <div class="user-comment"><span class="comment-username">Xu</span><div class="comment-text">Another top-level comment.</div></div>
    </section></body></html>`;
  assert.deepEqual(view(extractHtml(html)), [
    { kind: 'title', text: 'Generic page' },
    { kind: 'body', text: 'The body of the page says something worth a comment or two, at some length.' },
    { kind: 'comment', text: 'First generic comment.', author: 'Zed', parent: null, postedAt: '2024-01-02T03:04:05Z' },
    { kind: 'comment', text: 'A reply to Zed.', author: 'Yan', parent: 2, postedAt: null },
    { kind: 'comment', text: 'Another top-level comment.', author: 'Xu', parent: null, postedAt: null },
  ]);
});

test('generic comment markup: parts in an inner wrapper beside the replies list', () => {
  const html = `<html><body><p>Article text that is here.</p>
    <div class="comments">
      <div class="comment"><div class="comment-inner"><b class="comment-author">Ana</b><div class="comment-body">Top comment.</div></div>
        <div class="comment-children"><div class="comment"><div class="comment-inner"><b class="comment-author">Ben</b><div class="comment-body">Reply to Ana.</div></div></div></div>
      </div>
    </div></body></html>`;
  assert.deepEqual(view(extractHtml(html)), [
    { kind: 'body', text: 'Article text that is here.' },
    { kind: 'comment', text: 'Top comment.', author: 'Ana', parent: null, postedAt: null },
    { kind: 'comment', text: 'Reply to Ana.', author: 'Ben', parent: 1, postedAt: null },
  ]);
});

test('generic comment markup: <article class="comment"> items; an opinion section labelled "comment" stays the article', () => {
  const comments = extractHtml(
    `<html><body><main><p>A short article body for the test.</p></main><div class="comments">
      <article class="comment"><header><span class="commenter-name">Lee</span></header><div class="comment-message">Nice piece.</div></article>
      <article class="comment"><header><span class="commenter-name">Max</span></header><div class="comment-message">Disagree.</div></article>
    </div></body></html>`,
  );
  assert.deepEqual(view(comments), [
    { kind: 'body', text: 'A short article body for the test.' },
    { kind: 'comment', text: 'Nice piece.', author: 'Lee', parent: null, postedAt: null },
    { kind: 'comment', text: 'Disagree.', author: 'Max', parent: null, postedAt: null },
  ]);

  const opinion = extractHtml(
    `<html><body><div class="section-comment"><h1>Why the bridge matters</h1><span class="author-name">Ola Berg</span>
      <div class="article-body"><p>The bridge is the only road out of the valley in winter.</p></div></div></body></html>`,
  );
  assert.deepEqual(
    view(opinion).map((s) => s.kind),
    ['title', 'byline', 'body'],
  );
  assert.equal(opinion.text, 'Why the bridge matters\n\nOla Berg\n\nThe bridge is the only road out of the valley in winter.');
});

test('a deleted WordPress comment passes its replies to its own parent', () => {
  const comment = (id: number, author: string, text: string, children = '') =>
    `<li class="comment" id="c${id}"><div class="comment-body"><div class="comment-author"><cite class="fn">${author}</cite> says:</div>` +
    `<div class="comment-meta"><a href="#">May 1, 2024</a></div><p>${text}</p><div class="reply"><a>Reply</a></div></div>${children ? `<ul class="children">${children}</ul>` : ''}</li>`;
  const html = `<html><body><article><p>Some article text.</p></article><ol class="commentlist">${comment(
    1,
    'Old Theme',
    'Top.',
    comment(2, 'Gone', '', comment(3, 'Deep', 'Deep reply.')),
  )}</ol></body></html>`;
  assert.deepEqual(view(extractHtml(html)), [
    { kind: 'body', text: 'Some article text.' },
    { kind: 'comment', text: 'Top.', author: 'Old Theme', parent: null, postedAt: null },
    { kind: 'comment', text: 'Deep reply.', author: 'Deep', parent: 1, postedAt: null },
  ]);
});

test('line breaks, lists, tables, preformatted text and pages without <body>', () => {
  const doc = extractHtml(
    '<html><head><title>No body</title></head><div>line one<br>line   two<br><br>new para</div><ol><li>first item</li><li>second <i>item</i></li></ol>' +
      '<table><tr><td>A</td><td>B</td></tr></table><pre>keep\n  lines</pre></html>',
  );
  assert.deepEqual(view(doc), [
    { kind: 'title', text: 'No body' },
    { kind: 'body', text: 'line one\nline two' },
    { kind: 'body', text: 'new para' },
    { kind: 'body', text: 'first item' },
    { kind: 'body', text: 'second item' },
    { kind: 'body', text: 'A B' },
    { kind: 'body', text: 'keep\nlines' },
  ]);
});

test('source: fallbacks for title, author, outlet, date and URL', () => {
  const page = (head: string, body = '<p>Some words of the article.</p>') => `<html><head>${head}</head><body>${body}</body></html>`;
  // <title> without the site name; meta author; relative canonical resolved against the fetched URL
  let doc = extractHtml(
    page('<title>Water prices rise | Daily Ledger</title><meta property="og:site_name" content="Daily Ledger"><meta name="author" content="By Kai Moreno"><link rel="canonical" href="/water">'),
    { url: 'https://ledger.example/news/123' },
  );
  assert.deepEqual(doc.source, { url: 'https://ledger.example/water', title: 'Water prices rise', author: 'Kai Moreno', outlet: 'Daily Ledger', publishedAt: null });
  assert.equal(view(doc)[0].text, 'Water prices rise');

  // a javascript: canonical is ignored and the fetched URL is kept; og:url is used when there is no canonical
  doc = extractHtml(page('<link rel="canonical" href="javascript:alert(1)"><title>T</title>'), { url: 'https://fetched.example/a' });
  assert.equal(doc.source.url, 'https://fetched.example/a');
  doc = extractHtml(page('<meta property="og:url" content="https://og.example/b"><title>T</title>'), { url: 'https://fetched.example/a' });
  assert.equal(doc.source.url, 'https://og.example/b');

  // h1 as the title; rel=author byline; first <time datetime> in the article
  doc = extractHtml(
    page('', '<article><h1>Only a heading</h1><p class="byline">By <a rel="author" href="/a">Noor Haddad</a> | Staff</p><time datetime="2023-11-02">2 Nov</time><p>The article says this at some length.</p></article>'),
  );
  assert.deepEqual(doc.source, { url: null, title: 'Only a heading', author: 'Noor Haddad', outlet: null, publishedAt: '2023-11-02' });
  assert.deepEqual(view(doc).slice(0, 2), [
    { kind: 'title', text: 'Only a heading' },
    { kind: 'byline', text: 'By Noor Haddad | Staff' },
  ]);
  assert.equal(doc.text.split('Only a heading').length, 2, 'the title is not repeated');

  // JSON-LD with a string author and a malformed second block
  doc = extractHtml(
    page(
      '<script type="application/ld+json">{"@type":"BlogPosting","headline":"LD headline","author":"Ravi Das","datePublished":"March 4, 2025"}</script><script type="application/ld+json">{not json</script>',
    ),
  );
  assert.deepEqual(doc.source, { url: null, title: 'LD headline', author: 'Ravi Das', outlet: null, publishedAt: '2025-03-04' });
});

test('boilerplate that stays in the article is marked, not mixed into the body', () => {
  const doc = extractHtml(
    '<html><body><article><p>The harbour reopened on Friday after the storm had passed over the coast.</p>' +
      '<p>Sign up for our newsletter to get updates in your inbox.</p><p>© 2024 Some Outlet</p></article></body></html>',
  );
  assert.deepEqual(
    view(doc).map((s) => s.kind),
    ['body', 'boilerplate', 'boilerplate'],
  );
});

test('stripTagsToParagraphs: last-resort text without a DOM', () => {
  assert.deepEqual(
    stripTagsToParagraphs('<!DOCTYPE x [<!ENTITY a "b">]><html><head><title>t</title><script>alert(1)</script></head><body><p>One &amp; two<br>three</p><style>p{}</style><div>Four&#33;</div><script>never closed'),
    ['One & two\nthree', 'Four!'],
  );
});

test('isoDate keeps ISO forms and reads plain dates', () => {
  assert.equal(isoDate('2024-03-04T08:30:00+00:00'), '2024-03-04T08:30:00+00:00');
  assert.equal(isoDate('2024-03-04T08:30:00.000Z'), '2024-03-04T08:30:00.000Z');
  assert.equal(isoDate('2024-03-04 08:30'), '2024-03-04T08:30');
  assert.equal(isoDate('4 March 2024'), '2024-03-04');
  assert.equal(isoDate('yesterday'), null);
});
