/**
 * Builds the web workbench: bundles src/web/main.ts (plain TypeScript modules, no framework)
 * with esbuild into <out>/static/app.js (d3-force included: nothing comes from a CDN), joins
 * the stylesheets (styles.css, views.css) into <out>/static/app.css and copies
 * the page to <out>/index.html. Default <out> is dist/web; `npm run build` runs this.
 *
 *   tsx scripts/build-web.ts [outDir]
 */
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export async function buildWeb(outDir: string = join(root, 'dist', 'web')): Promise<void> {
  await mkdir(join(outDir, 'static'), { recursive: true });
  await build({
    entryPoints: [join(root, 'src', 'web', 'main.ts')],
    outfile: join(outDir, 'static', 'app.js'),
    bundle: true,
    format: 'esm',
    target: ['chrome110', 'firefox110', 'safari16'],
    minify: true,
    sourcemap: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  // one stylesheet: the shell's, then the newer views' (kept apart so each stays small)
  const css = await Promise.all(['styles.css', 'views.css'].map((f) => readFile(join(root, 'src', 'web', f), 'utf8')));
  await writeFile(join(outDir, 'static', 'app.css'), css.join('\n'));
  await copyFile(join(root, 'src', 'web', 'index.html'), join(outDir, 'index.html'));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = process.argv[2] ? resolve(process.argv[2]) : undefined;
  await buildWeb(out);
  process.stderr.write(`web workbench built in ${out ?? join(root, 'dist', 'web')}\n`);
}
