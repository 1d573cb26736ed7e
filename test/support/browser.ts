import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { buildWeb } from '../../scripts/build-web.js';
import { createApp, type AppOptions } from '../../src/server/app.js';
import { listen, type RunningServer } from '../../src/server/listen.js';
import { LOOPBACK_HOSTS } from '../../src/server/security.js';

/** Debian's Chromium, driven by playwright-core (never a downloaded browser). */
export const CHROMIUM = '/usr/bin/chromium';

/** `describe(…, { skip: chromiumMissing })`: a reason when the browser is not installed. */
export const chromiumMissing: string | false = existsSync(CHROMIUM) ? false : `${CHROMIUM} is not installed (apt-get install -y --no-install-recommends chromium); browser tests skipped`;

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

export interface WorkbenchSession {
  server: RunningServer;
  browser: Browser;
  page: Page;
  /** where screenshots go: DISCERN_SCREENSHOTS or a temp dir (printed) */
  shots: string;
  /** uncaught page errors and dialogs (a dialog is a script that ran: XSS) */
  pageErrors: string[];
  shot(name: string, fullPage?: boolean): Promise<Buffer>;
  /** closes the browser and the server and removes the built workbench (not the store) */
  close(): Promise<void>;
}

/**
 * The workbench built into a temp folder and served over the given store on loopback, with
 * one Chromium page open on it: the setup every browser test shares.
 */
export async function openWorkbench(app: Pick<AppOptions, 'store' | 'resources'> & Partial<AppOptions>, viewport = { width: 1280, height: 800 }): Promise<WorkbenchSession> {
  const webRoot = mkdtempSync(join(tmpdir(), 'discern-web-'));
  const shots = process.env.DISCERN_SCREENSHOTS ?? mkdtempSync(join(tmpdir(), 'discern-shots-'));
  await buildWeb(webRoot);
  const server = await listen(createApp({ rateLimit: null, allowedHosts: LOOPBACK_HOSTS, ...app, webRoot }), '127.0.0.1', 0);
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport });
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('dialog', (dialog) => {
    pageErrors.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  process.stderr.write(`screenshots in ${shots}\n`);
  return {
    server,
    browser,
    page,
    shots,
    pageErrors,
    shot: (name, fullPage = false) => page.screenshot({ path: join(shots, `${name}.png`), fullPage }),
    close: async () => {
      await browser.close();
      await server.close();
      rmSync(webRoot, { recursive: true, force: true });
    },
  };
}
