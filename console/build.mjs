// Builds the web console into dist/console: one content-hashed script and style sheet (esbuild, minified,
// Preact's JSX) and an index.html that names them, so the page can be revalidated and the assets cached for good.
// Prints what the bundle weighs gzipped.
import { build } from 'esbuild';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = dirname(fileURLToPath(import.meta.url));
const out = join(root, '..', 'dist', 'console');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const result = await build({
  entryPoints: [join(root, 'src', 'main.tsx')],
  bundle: true,
  minify: true,
  format: 'esm',
  target: 'es2022',
  jsx: 'automatic',
  jsxImportSource: 'preact',
  outdir: join(out, 'assets'),
  entryNames: 'console-[hash]',
  metafile: true,
  legalComments: 'none',
  logLevel: 'warning',
});

const outputs = Object.keys(result.metafile.outputs);
const script = outputs.find((f) => f.endsWith('.js'));
const style = outputs.find((f) => f.endsWith('.css'));
const page = readFileSync(join(root, 'index.html'), 'utf8')
  .replace('%SCRIPT%', `/_emulator/ui/assets/${basename(script)}`)
  .replace('%STYLE%', `/_emulator/ui/assets/${basename(style)}`);
writeFileSync(join(out, 'index.html'), page);

const gzipped = [script, style].reduce((sum, f) => sum + gzipSync(readFileSync(f)).length, 0);
console.log(`console: dist/console (${(gzipped / 1024).toFixed(1)} KiB gzipped: script and style sheet)`);
