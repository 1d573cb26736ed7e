import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ExtractedDocument } from '../../document/extracted.js';
import { haveSeeds, readSeed } from '../../../test/helpers/seeds.js';
import { extractPlainText } from './index.js';

function kinds(doc: ExtractedDocument): Array<[string, string]> {
  return doc.sections.map((s) => [s.kind, doc.text.slice(s.start, s.end)]);
}

function checkSpans(doc: ExtractedDocument): void {
  for (const s of doc.sections) {
    assert.ok(s.start >= 0 && s.end <= doc.text.length && s.start < s.end, `bad span ${s.start}-${s.end}`);
    const quote = doc.text.slice(s.start, s.end);
    assert.equal(quote, quote.trim(), `section has surrounding white space: ${JSON.stringify(quote)}`);
  }
}

test('the text is stored exactly; sections are spans of it', () => {
  const text = '  Title Here\n\nFirst paragraph of the story.\n\nSecond one.  \n';
  const doc = extractPlainText(text);
  assert.equal(doc.text, text);
  assert.deepEqual(kinds(doc), [
    ['title', 'Title Here'],
    ['body', 'First paragraph of the story.'],
    ['body', 'Second one.'],
  ]);
  assert.equal(doc.source.title, 'Title Here');
  checkSpans(doc);
});

test('bylines and date lines at the top go to byline and source', () => {
  const doc = extractPlainText('A Headline\nWritten by Jane Q. Doe | March 3, 2025\nThe story begins here and goes on.\n');
  assert.deepEqual(kinds(doc)[1], ['byline', 'Written by Jane Q. Doe | March 3, 2025']);
  assert.equal(doc.source.author, 'Jane Q. Doe');
  assert.equal(doc.source.publishedAt, '2025-03-03');
});

test('a closing "The writer is …" sentence inside the last paragraph becomes a byline', () => {
  const text = 'Body sentence one. Body sentence two. The writer is John Smith, a reporter based in Lagos.';
  const doc = extractPlainText(text);
  assert.deepEqual(kinds(doc), [
    ['body', 'Body sentence one. Body sentence two.'],
    ['byline', 'The writer is John Smith, a reporter based in Lagos.'],
  ]);
  assert.equal(doc.source.author, 'John Smith');
});

test('short lines between paragraphs are headings; hard-wrapped lines are one paragraph', () => {
  const text = 'Opening paragraph that is long enough to be body text.\nWhat Happened Next\nThe second section starts here and\ncontinues on a wrapped line.\n';
  assert.deepEqual(kinds(extractPlainText(text)), [
    ['body', 'Opening paragraph that is long enough to be body text.'],
    ['heading', 'What Happened Next'],
    ['body', 'The second section starts here and\ncontinues on a wrapped line.'],
  ]);
});

test('comment threads: numbered items, "Name on" headers, indented replies, reply form and footer', () => {
  const text = [
    'Story body with a claim in it.',
    '',
    '3 Comments',
    '',
    '  1. First commenter text without a name.',
    '',
    '    • Bo Lee on March 4, 2025 at 9:15 am',
    '',
    '      A reply to the first.',
    '',
    '  2. Ann K. Moss says:',
    '',
    '    Second top-level comment,',
    '    spread over two lines.',
    '',
    'Leave a Reply',
    '',
    '© 2025 Example Media. All rights reserved.',
  ].join('\n');
  const doc = extractPlainText(text);
  checkSpans(doc);
  const comments = doc.sections.filter((s) => s.kind === 'comment');
  assert.deepEqual(
    comments.map((c) => [doc.text.slice(c.start, c.end), c.author, c.parent === null ? null : doc.sections[c.parent as number].author ?? 'anonymous']),
    [
      ['First commenter text without a name.', null, null],
      ['A reply to the first.', 'Bo Lee', 'anonymous'],
      ['Second top-level comment,\n    spread over two lines.', 'Ann K. Moss', null],
    ],
  );
  assert.equal(comments[1].postedAt, '2025-03-04T09:15');
  assert.deepEqual(
    doc.sections.filter((s) => s.kind === 'boilerplate').map((s) => doc.text.slice(s.start, s.end)),
    ['3 Comments', 'Leave a Reply', '© 2025 Example Media. All rights reserved.'],
  );
  assert.deepEqual(kinds(doc).filter(([k]) => k === 'body'), [['body', 'Story body with a claim in it.']]);
});

test('Markdown: front matter to source, # lines to title and headings', () => {
  const text = '---\ntitle: "Front Title"\nauthor: Ola Nordmann\ndate: 2024-11-02\n---\n\n# Big Title\n\nIntro text here.\n\n## Part two\n\nMore text.\n';
  const doc = extractPlainText(text, { markdown: true });
  assert.equal(doc.format, 'markdown');
  assert.deepEqual(doc.source, { title: 'Front Title', author: 'Ola Nordmann', publishedAt: '2024-11-02' });
  assert.deepEqual(kinds(doc).slice(1), [
    ['title', 'Big Title'],
    ['body', 'Intro text here.'],
    ['heading', 'Part two'],
    ['body', 'More text.'],
  ]);
});

test('page furniture (audio widget, share bar, newsletter prompt) is boilerplate', () => {
  const text = 'Listen to this article\n2:41\nThe actual story text is here.\nShare on Facebook | Tweet | Email\nSign up for our newsletter to get updates.\nMore story text.';
  const boiler = extractPlainText(text).sections.filter((s) => s.kind === 'boilerplate').map((s) => text.slice(s.start, s.end));
  assert.deepEqual(boiler, ['Listen to this article', '2:41', 'Share on Facebook | Tweet | Email', 'Sign up for our newsletter to get updates.']);
});

test('seed 001: nine comments, authors where given, two replies linked, none in the body', { skip: !haveSeeds }, () => {
  const text = readSeed('001_');
  const doc = extractPlainText(text);
  checkSpans(doc);
  const comments = doc.sections.map((s, i) => ({ ...s, i })).filter((s) => s.kind === 'comment');
  assert.equal(comments.length, 9);
  const replies = comments.filter((c) => typeof c.parent === 'number');
  assert.equal(replies.length, 2);
  for (const reply of replies) {
    const parent = doc.sections[reply.parent as number];
    assert.equal(parent.kind, 'comment');
    assert.ok(parent.start < reply.start, 'a reply follows its parent');
    assert.ok(reply.author, 'replies carry their author');
  }
  assert.equal(comments.filter((c) => c.author).length, 3);
  const body = doc.sections.filter((s) => s.kind === 'body');
  const lastBodyEnd = Math.max(...body.map((s) => s.end));
  assert.ok(lastBodyEnd < comments[0].start, 'no comment text inside the body');
  const boiler = doc.sections.filter((s) => s.kind === 'boilerplate').map((s) => text.slice(s.start, s.end));
  assert.ok(boiler.includes('Listen to the article'));
  assert.ok(boiler.some((b) => b.startsWith('©')));
});

test('seed 004: "Author:" byline gives the author', { skip: !haveSeeds }, () => {
  const doc = extractPlainText(readSeed('004_'));
  assert.equal(doc.source.author, 'Ahmad Safi');
  assert.equal(doc.sections[0].kind, 'byline');
});

test('seed 003: the closing writer note is a byline, the rest is body', { skip: !haveSeeds }, () => {
  const text = readSeed('003_');
  const doc = extractPlainText(text);
  const byline = doc.sections.find((s) => s.kind === 'byline');
  assert.ok(byline);
  assert.match(text.slice(byline.start, byline.end), /^The writer is /);
  assert.equal(doc.sections.filter((s) => s.kind === 'body').length, 1);
});

test('a WordPress page saved as text: dated byline, "Name says:" with the date below, reply links', () => {
  const text = [
    'Headline About The Talks',
    '',
    'Posted on March 3, 2025 by Jane Roe',
    '',
    'The talks opened on Monday with both delegations present.',
    '',
    'Share this:',
    'Facebook',
    '',
    '2 thoughts on “Headline About The Talks”',
    '',
    'John Doe says:',
    'March 3, 2025 at 10:15 am',
    '',
    'I think the figures are wrong.',
    '',
    'Reply',
    'Mary Major says:',
    'March 3, 2025 at 11:02 pm',
    '',
    'Agreed, the union data is public.',
    '',
    'Reply',
    '',
    'Leave a Reply Cancel reply',
  ].join('\n');
  const doc = extractPlainText(text);
  checkSpans(doc);
  assert.deepEqual([doc.source.author, doc.source.publishedAt], ['Jane Roe', '2025-03-03']);
  const comments = doc.sections.filter((s) => s.kind === 'comment');
  assert.deepEqual(
    comments.map((c) => [c.author, c.postedAt, text.slice(c.start, c.end)]),
    [
      ['John Doe', '2025-03-03T10:15', 'I think the figures are wrong.'],
      ['Mary Major', '2025-03-03T23:02', 'Agreed, the union data is public.'],
    ],
  );
  assert.deepEqual(kinds(doc).filter(([k]) => k === 'body'), [['body', 'The talks opened on Monday with both delegations present.']]);
});

// the quadratic regex took minutes on this; the timeout turns a hang into a failure
test('a front-matter title that is a 1 MB run of spaces is read in linear time (it used to hang)', { timeout: 60_000 }, () => {
  const text = `---\ntitle: ${' '.repeat(1_000_000)}\nurl: ${' '.repeat(500_000)}x\n---\n\nThe minister said the dam opens in May.\n`;
  const extracted = extractPlainText(text, { markdown: true });
  assert.equal(extracted.source.title, undefined, 'an all-space title is no title');
  assert.equal(extracted.source.url, undefined);
  assert.match(extracted.warnings?.join('\n') ?? '', /not an absolute http\(s\) URL/);
});
