import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Post } from '../ingest/posts.js';
import { generateStream } from '../../test/fixtures/coordination/synthetic-posts.js';
import { analyzePosts, normalizeUrl, postLinks, textWords } from './coordination.js';
import { toEdgeCsv, toGraphML } from '../report/network-export.js';

function post(id: string, author: string, text: string, seconds: number, url: string | null = null): Post {
  const time = Date.UTC(2024, 0, 1) + seconds * 1000;
  return { id, author, text, url, postedAt: new Date(time).toISOString(), time, parent: null, platform: null };
}

test('URLs are normalised for sharing keys', () => {
  assert.equal(normalizeUrl('https://WWW.Example.com/a/b/?utm_source=x&id=3#top'), 'example.com/a/b?id=3');
  assert.equal(normalizeUrl('ftp://example.com/x'), null);
  assert.deepEqual(postLinks({ url: 'http://example.com/x', text: 'see https://example.com/x/ and http://b.example/y.' }), [
    'example.com/x',
    'b.example/y',
  ]);
  assert.deepEqual(textWords('RT @someone Look at THIS https://x.example/1 #wow now'), ['rt', 'look', 'at', 'this', 'now']);
});

test('the window and the minimum of shared items decide an edge', () => {
  const posts = [
    post('1', 'a', 'first link', 0, 'https://x.example/1'),
    post('2', 'b', 'also first', 30, 'https://x.example/1'),
    post('3', 'a', 'second', 1000, 'https://x.example/2'),
    post('4', 'b', 'second too', 1050, 'https://x.example/2'),
    post('5', 'c', 'late', 1200, 'https://x.example/2'), // 200 s after a: outside the window
    post('6', 'c', 'first late', 100, 'https://x.example/1'),
  ];
  const result = analyzePosts(posts, { windowSeconds: 60, minShared: 2, texts: false });
  assert.deepEqual(
    result.network.edges.map((e) => [e.source, e.target, e.weight, e.links]),
    [['a', 'b', 2, 2]],
  );
  assert.equal(result.stats.edgesBeforeThreshold, 1); // c posted 70 s after b and 200 s after a
  assert.equal(result.clusters.length, 1);
  assert.deepEqual(result.clusters[0].accounts, ['a', 'b']);
  const wide = analyzePosts(posts, { windowSeconds: 300, minShared: 2, texts: false });
  assert.deepEqual(wide.clusters[0].accounts, ['a', 'b', 'c']);
});

test('near-identical texts co-posted within the window link accounts', () => {
  const msg = 'everyone needs to read this before the council vote tomorrow night';
  const posts = [
    post('1', 'x', msg, 0),
    post('2', 'y', `${msg}!!`, 20),
    post('3', 'x', 'the real figures on the water bill are much higher than reported', 500),
    post('4', 'y', 'RT the real figures on the water bill are much higher than reported', 510),
    post('5', 'z', 'i had soup for lunch and it was fine thanks for asking', 15),
  ];
  const result = analyzePosts(posts, { windowSeconds: 60, minShared: 2 });
  assert.equal(result.findings.length, 1);
  const finding = result.findings[0];
  assert.equal(finding.kind, 'coordination');
  assert.equal(finding.label, 'similar-text');
  assert.deepEqual(
    finding.members.map((m) => m.doc),
    ['1', '2', '3', '4'],
  );
  assert.equal(finding.members[0].role, 'post by x');
  assert.equal(finding.score, 0.75); // density 1, mean weight 2 over 2·2
});

test('a planted coordinated group is found among organic accounts', () => {
  const stream = generateStream({ posts: 4000, organicAccounts: 400, groups: 1, groupSize: 8, campaignsPerGroup: 6, hours: 24, seed: 7 });
  const result = analyzePosts(stream.posts, { windowSeconds: 60, minShared: 2 });
  assert.equal(result.clusters.length, 1);
  assert.deepEqual([...result.clusters[0].accounts].sort(), [...stream.planted[0]].sort());
  assert.equal(result.clusters[0].edges, 28); // 8 accounts, all pairs
  assert.equal(result.clusters[0].density, 1);
  assert.equal(result.findings[0].label, 'link-and-text');
  assert.equal(result.findings[0].score, 1);
  // every planted account co-posted the 6 links and 6 texts with every other
  assert.ok(result.network.edges.every((e) => e.links === 6 && e.texts === 6));
  assert.equal(result.network.nodes.filter((n) => n.cluster === 0).length, 8);
});

test('GraphML and CSV exports', () => {
  const posts = [
    post('1', 'a&b', 'one', 0, 'https://x.example/1'),
    post('2', 'c"d', 'two', 10, 'https://x.example/1'),
    post('3', 'a&b', 'three', 100, 'https://x.example/2'),
    post('4', 'c"d', 'four', 110, 'https://x.example/2'),
  ];
  const { network } = analyzePosts(posts, { texts: false });
  const graphml = toGraphML(network);
  assert.match(graphml, /<node id="a&amp;b"><data key="posts">2<\/data>/);
  assert.match(graphml, /<edge id="e0" source="a&amp;b" target="c&quot;d"><data key="weight">2<\/data>/);
  assert.equal(
    toEdgeCsv(network),
    'source,target,weight,shared_links,shared_texts,first_at,last_at,cluster\n' +
      'a&b,"c""d",2,2,0,2024-01-01T00:00:00.000Z,2024-01-01T00:01:50.000Z,0\n',
  );
});
