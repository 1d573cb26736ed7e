import { writeFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import { DiscernError } from '../../core/errors.js';
import { analyzePosts, type CoordinationResult } from '../../corpus/coordination.js';
import { POST_FIELDS, readPosts, type ColumnMapping, type Post, type PostField } from '../../ingest/posts.js';
import { toEdgeCsv, toGraphML } from '../../report/network-export.js';
import { append } from '../../core/arrays.js';
import { checkOutPath } from '../shared.js';
import { DURATION_HINT, parseDuration } from '../units.js';

/** "60s", "5m", "2h", "1d" → seconds; a bare number is refused (see units.ts). */
export function parseWindow(value: string): number {
  return parseDuration(value, '--window') / 1000;
}

/** "id=tweet_id,author=user" → { id: 'tweet_id', author: 'user' } */
export function parseColumns(value: string): ColumnMapping {
  const mapping: ColumnMapping = {};
  for (const part of value.split(',').map((p) => p.trim()).filter(Boolean)) {
    const [field, column] = part.split('=').map((x) => x?.trim());
    if (!field || !column || !(POST_FIELDS as readonly string[]).includes(field)) {
      throw new DiscernError('USAGE', `--columns takes FIELD=COLUMN pairs with FIELD one of ${POST_FIELDS.join(', ')}; got "${part}"`, '--columns');
    }
    mapping[field as PostField] = column;
  }
  return mapping;
}

function parsePositiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new DiscernError('USAGE', `--min-shared takes a whole number ≥ 1, not "${value}"`, '--min-shared');
  return n;
}

interface PostsOptions {
  window: number;
  minShared: number;
  similarity: number;
  format: 'json' | 'md';
  graphml?: string;
  csv?: string;
  columns?: ColumnMapping;
  links: boolean;
  texts: boolean;
  encoding?: string;
}

export function markdownReport(result: CoordinationResult, files: string[]): string {
  const { stats, clusters, network } = result;
  const lines = [
    '# Coordination',
    '',
    `${stats.posts} posts by ${stats.accounts} accounts from ${files.join(', ')}; window ${network.windowSeconds} s, edges need ${network.minShared} shared items.`,
    `${network.edges.length} account pairs above the threshold, ${clusters.length} cluster${clusters.length === 1 ? '' : 's'}.` +
      (stats.untimed > 0 ? ` ${stats.untimed} posts without a time were left out of the windowed comparison.` : ''),
    '',
  ];
  clusters.forEach((cluster, i) => {
    const finding = result.findings[i];
    lines.push(`## Cluster ${i + 1}: ${cluster.accounts.length} accounts (${finding.label}, score ${finding.score})`, '', finding.explanation, '');
    lines.push(`Accounts: ${cluster.accounts.join(', ')}`, '');
    for (const item of cluster.items.slice(0, 10)) {
      const key = item.key.replace(/\s+/g, ' ').slice(0, 160);
      lines.push(`- ${item.kind} \`${key}\` — ${item.posts.length} posts by ${item.accounts.length} accounts`);
    }
    if (cluster.items.length > 10) lines.push(`- … and ${cluster.items.length - 10} more shared items`);
    lines.push('');
  });
  return lines.join('\n');
}

export function registerPostsCommand(program: Command): void {
  program
    .command('posts')
    .description('find accounts that post the same links or near-identical texts within a time window (coordinated sharing)')
    .argument('<files...>', 'posts as CSV (.csv, any separator) or JSON Lines (.jsonl, .ndjson)')
    .addOption(new Option('--window <duration>', `how close in time two posts must be to count as co-posting (${DURATION_HINT})`).argParser(parseWindow).default(60, '60s'))
    .option('--min-shared <n>', 'distinct links or texts two accounts must have co-posted to be linked', parsePositiveInt, 2)
    .option('--similarity <jaccard>', 'how alike two texts must be to count as the same text (Jaccard of word 3-grams, 0..1)', (v: string) => {
      const n = Number(v);
      if (!(n > 0 && n <= 1)) throw new DiscernError('USAGE', `--similarity takes a number in (0, 1], not "${v}"`, '--similarity');
      return n;
    }, 0.7)
    .option('--no-links', 'ignore shared links, compare texts only')
    .option('--no-texts', 'ignore texts, compare shared links only')
    .option('--columns <mapping>', 'which input columns hold which field, e.g. id=tweet_id,author=user,posted_at=created_at', parseColumns)
    .option('--format <format>', 'report format: json or md', 'json')
    .option('--encoding <name>', 'decode the files with this encoding instead of detecting it (e.g. windows-1251)')
    .option('--graphml <file>', 'also write the account network as GraphML (Gephi, Cytoscape, networkx)')
    .option('--csv <file>', 'also write the network edges as CSV')
    .addHelpText(
      'after',
      `
How it works:
  Two accounts are linked each time they post the same link (URLs are normalised:
  no tracking parameters, no www) or near-identical text (MinHash-LSH candidates,
  checked by exact Jaccard) within --window of each other. A link between two
  accounts counts once per shared item; pairs that share at least --min-shared items
  are kept, and connected groups of kept pairs are reported as clusters. This is the
  method of CooRnet and the coordination-network-toolkit; coordination is evidence
  of organised behaviour, not proof of inauthenticity (newsrooms and fan clubs
  co-post too) — read the shared items.

Input columns (found by name, or map them with --columns):
  id, author (required), text (required), url, posted_at (ISO 8601 or epoch
  seconds; no zone = UTC), parent, platform.

Examples:
  discern posts tweets.csv --window 5m --format md
  discern posts export.jsonl --columns author=user.screen_name,posted_at=created_at --graphml net.graphml
  discern posts a.csv b.csv --min-shared 3 --csv edges.csv`,
    )
    .action(async (files: string[], options: PostsOptions) => {
      if (options.format !== 'json' && options.format !== 'md') {
        throw new DiscernError('USAGE', `--format takes json or md, not "${options.format}"`, '--format');
      }
      checkOutPath(options.graphml, '--graphml');
      checkOutPath(options.csv, '--csv');
      const posts: Post[] = [];
      for (const file of files) append(posts, await readPosts(file, { columns: options.columns, encoding: options.encoding }));
      const result = analyzePosts(posts, {
        windowSeconds: options.window,
        minShared: options.minShared,
        textSimilarity: options.similarity,
        links: options.links,
        texts: options.texts,
      });
      if (options.graphml) await writeFile(options.graphml, toGraphML(result.network, { onlyLinked: posts.length > 100_000 }));
      if (options.csv) await writeFile(options.csv, toEdgeCsv(result.network));
      if (options.format === 'md') {
        process.stdout.write(markdownReport(result, files) + '\n');
      } else {
        const { network, ...rest } = result;
        const linked = network.nodes.filter((n) => n.degree > 0);
        process.stdout.write(JSON.stringify({ ...rest, network: { ...network, nodes: linked } }, null, 2) + '\n');
      }
    });
}
