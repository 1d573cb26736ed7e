import type { Command } from 'commander';
import { DiscernError } from '../../core/errors.js';
import { loadResources } from '../../nlp/resources.js';
import { createApp, DEFAULT_MAX_BODY_BYTES } from '../../server/app.js';
import { isLoopback, listen } from '../../server/listen.js';
import { DEFAULT_RATE_LIMIT, LOOPBACK_HOSTS } from '../../server/security.js';
import { createAnalysisPool, defaultPoolSize } from '../../pipeline/pool.js';
import { defaultDbLocation, describeDb, openStore } from '../../store/open.js';
import { DB_HELP, checkExistingDb, parseBytes, parsePositiveInt, resourceOptions, stopOnSignal } from '../shared.js';
import { addLlmOptions, checkLlmOptions, llmAssistFrom, type LlmCliOptions } from '../llm.js';
import { RATE_HINT, SIZE_HINT, formatSize, parseRate } from '../units.js';

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
    .option('--max-bytes <size>', `largest ingest request or fetched page (${SIZE_HINT})`, formatSize(DEFAULT_MAX_BODY_BYTES))
    .option('--rate-limit <rate>', `requests per client (${RATE_HINT}; bursts of ${DEFAULT_RATE_LIMIT.burst / DEFAULT_RATE_LIMIT.perSecond}× the per-second rate)`, `${DEFAULT_RATE_LIMIT.perSecond}/s`)
    .option('--gazetteer <file...>', 'extra gazetteer files for the analysers')
    .option('--workers <n>', 'threads that analyse ingested documents, so reads are answered meanwhile (0: analyse on the request thread)', String(defaultPoolSize()));
  addLlmOptions(command)
    .addHelpText(
      'after',
      `
Open the printed URL. With a token, open it once as URL/?token=T (the page keeps a cookie);
API clients send "Authorization: Bearer T". See docs/server.md.

Examples:
  discern serve --port 0                  on loopback, any free port (the URL is printed)
  DISCERN_TOKEN=use-a-long-random-secret discern serve --host 0.0.0.0 --port 0   on the network, with a token`,
    )
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
      const perSecond = parseRate(options.rateLimit ?? `${DEFAULT_RATE_LIMIT.perSecond}/s`, '--rate-limit');
      const maxBodyBytes = parseBytes(options.maxBytes ?? formatSize(DEFAULT_MAX_BODY_BYTES));
      checkLlmOptions(options);
      checkExistingDb(options.db);

      const store = await openStore(options.db);
      const resources = await loadResources(resourceOptions(options));
      const pool = workers > 0 ? createAnalysisPool({ size: workers, resourceOptions: resourceOptions(options), store: options.db }) : null;
      const app = createApp({
        store,
        resources,
        pool,
        token,
        allowPrivate: options.allowPrivate ?? false,
        maxBodyBytes,
        rateLimit: perSecond === 0 ? null : { perSecond, burst: perSecond * (DEFAULT_RATE_LIMIT.burst / DEFAULT_RATE_LIMIT.perSecond) },
        allowedHosts: loopback ? LOOPBACK_HOSTS : null,
        llm: llmAssistFrom(options, store.reference),
      });
      // the handlers are in place before the URL is printed: a supervisor that stops the
      // server as soon as it is up gets a clean shutdown, not the default kill
      const stop = stopOnSignal();
      const server = await listen(app, options.host, port);
      process.stderr.write(`Discern workbench on ${server.url}/${token ? '?token=…' : ''}  (database ${describeDb(options.db)}; Ctrl-C stops)\n`);
      await stop.requested;
      await server.close();
      await pool?.close();
      await store.close();
    });
}
