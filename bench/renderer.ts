// The renderer under test, built from the working tree for this run (the production build, as Electron loads it).
import fs from 'node:fs'
import path from 'node:path'
import { cacheDir } from './archive'

const root = path.resolve(__dirname, '../src/renderer')

/**
 * Builds src/renderer like electron.config.ts does (root, base './', React plugin), into the bench's own cache so
 * a build running elsewhere in the checkout is neither disturbed nor measured. `readable` keeps names for profiles.
 */
export async function buildRenderer(options: { readable?: boolean } = {}): Promise<string> {
  const outDir = path.join(cacheDir, options.readable ? 'renderer-readable' : 'renderer')
  const { build } = await import('vite')
  const { default: react } = await import('@vitejs/plugin-react')
  await build({
    configFile: false,
    root,
    base: './',
    mode: 'production',
    logLevel: 'error',
    plugins: [react()],
    build: { outDir, emptyOutDir: true, minify: !options.readable, reportCompressedSize: false, chunkSizeWarningLimit: 10_000 },
  })
  if (!fs.existsSync(path.join(outDir, 'index.html'))) throw new Error(`The renderer build left no index.html in ${outDir}`)
  return outDir
}

/** The built stylesheets, for baseline pages laid out like the editor. */
export function stylesheets(rendererDir: string): string[] {
  const html = fs.readFileSync(path.join(rendererDir, 'index.html'), 'utf8')
  return [...html.matchAll(/<link rel="stylesheet"[^>]*href="\.?\/?([^"]+)"/g)].map((m) => `/${m[1]}`)
}
