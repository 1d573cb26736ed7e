import type { Command } from 'commander';
import { DiscernError } from '../../core/errors.js';
import { loadResources } from '../../nlp/resources.js';
import { createApp, DEFAULT_MAX_BODY_BYTES } from '../../server/app.js';
import { isLoopback, listen } from '../../server/listen.js';
import { DEFAULT_RATE_LIMIT, LOOPBACK_HOSTS } from '../../server/security.js';
import { createAnalysisPool, defaultPoolSize } from '../../pipeline/pool.js';
import { defaultDbLocation, describeDb, openStore } from '../../store/open.js';
import { DB_HELP, parseBytes, parsePositiveInt, resourceOptions } from '../shared.js';
import { addLlmOptions, checkLlmOptions, llmAssistFrom, type LlmCliOptions } from '../llm.js';

interface ServeOptions extends LlmCliOptions {
  db: string;
  port: string;
  host: string;
  token?: string;
  allowPrivate?: boolean;
  maxBytes?: string;
  rateLimit?: string;
  gazetteer?: string[];
  workers: string;
}

export function registerServeCommand(program: Command): void {
  const command = program
    .command('serve')
    .description('open the web workbench and the REST API (/api/v1) on a database')
    .option('--db <file|url>', DB_HELP, defaultDbLocation())
    .option('--port <n>', 'port (0 picks a free one)', '8080')
    .option('--host <addr>', 'address to bind; anything but loopback needs --token', '127.0.0.1')
    .option('--token <t>', 'access token every request must carry (env DISCERN_TOKEN)')
    .option('--allow-private', 'let URL ingest fetch private, loopback and link-local addresses')
    .option('--max-bytes <size>', 'largest ingest request or fetched page, e.g. 10MB', String(DEFAULT_MAX_BODY_BYTES))
    .option('--rate-limit <n>', `requests per second per client (0: no limit; bursts of ${DEFAULT_RATE_LIMIT.burst / DEFAULT_RATE_LIMIT.perSecond}× that)`, String(DEFAULT_RATE_LIMIT.perSecond))
    .option('--gazetteer <file...>', 'extra gazetteer files for the analysers')
    .option('--workers <n>', 'threads that analyse ingested documents, so reads are answered meanwhile (0: analyse on the request thread)', String(defaultPoolSize()));
  addLlmOptions(command)
    .addHelpText('after', '\nOpen the printed URL. With a token, open it once as URL/?token=T (the page keeps a cookie); API clients send "Authorization: Bearer T".\nSee docs/server.md.')
    .action(async (options: ServeOptions) => {
      // an empty DISCERN_TOKEN (`DISCERN_TOKEN= discern serve`) means no token, as if unset
      const token = options.token ?? (process.env.DISCERN_TOKEN?.trim() || null);
      const port = Number(options.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new DiscernError('USAGE', `--port needs a port number, not "${options.port}"`, '--port');
      const loopback = isLoopback(options.host);
      if (!loopback && !token) {
        throw new DiscernError('USAGE', `binding ${options.host} exposes the workbench to the network: give --token (or DISCERN_TOKEN)`, '--host');
      }
      if (token !== null && token.length < 16) throw new DiscernError('USAGE', 'the token must be at least 16 characters', '--token');
      const workers = options.workers === '0' ? 0 : parsePositiveInt(options.workers, '--workers');
      const perSecond = Number(options.rateLimit);
      if (!Number.isFinite(perSecond) || perSecond < 0) throw new DiscernError('USAGE', `--rate-limit needs a number, not "${options.rateLimit}"`, '--rate-limit');
      checkLlmOptions(options);

      const store = await openStore(options.db);
      const resources = await loadResources(resourceOptions(options));
      const pool = workers > 0 ? createAnalysisPool({ size: workers, resourceOptions: resourceOptions(options), store: options.db }) : null;
      const app = createApp({
        store,
        resources,
        pool,
        token,
        allowPrivate: options.allowPrivate ?? false,
        maxBodyBytes: parseBytes(options.maxBytes ?? String(DEFAULT_MAX_BODY_BYTES)),
        rateLimit: perSecond === 0 ? null : { perSecond, burst: perSecond * (DEFAULT_RATE_LIMIT.burst / DEFAULT_RATE_LIMIT.perSecond) },
        allowedHosts: loopback ? LOOPBACK_HOSTS : null,
        llm: llmAssistFrom(options, store.reference),
      });
      const server = await listen(app, options.host, port);
      process.stderr.write(`Discern workbench on ${server.url}/${token ? '?token=…' : ''}  (database ${describeDb(options.db)}; Ctrl-C stops)\n`);
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          void server.close().then(() => pool?.close()).then(() => store.close()).then(resolve);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
    });
}
