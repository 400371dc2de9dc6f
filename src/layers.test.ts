// Layers by runtime, as VS Code keeps them: this test says in words what the two tsconfigs make a compile error.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const src = __dirname

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return files(full)
    return /\.(ts|tsx|mts|cts)$/.test(entry.name) ? [full] : []
  })
}

const importsOf = (file: string) =>
  [...fs.readFileSync(file, 'utf8').matchAll(/(?:from\s+|import\s*\(\s*|require\s*\(\s*)['"]([^'"]+)['"]/g)].map((m) => m[1]!)

function violations(layer: string, rule: (specifier: string, file: string) => string | undefined): string[] {
  return files(path.join(src, layer)).flatMap((file) =>
    importsOf(file).flatMap((specifier) => {
      const why = rule(specifier, file)
      return why ? [`${path.relative(src, file)} imports ${specifier}: ${why}`] : []
    }),
  )
}

const resolvesInto = (file: string, specifier: string, layer: string) =>
  specifier.startsWith('.') && path.resolve(path.dirname(file), specifier).startsWith(path.join(src, layer) + path.sep)

describe('layers', () => {
  it('the renderer talks only to window.api: no main, no preload, no Node', () => {
    expect(
      violations('renderer', (s, f) =>
        resolvesInto(f, s, 'main') || resolvesInto(f, s, 'preload')
          ? 'the renderer reaches main only through the contract'
          : s.startsWith('node:') || s === 'electron' || s === 'better-sqlite3'
            ? 'the renderer runs in a sandboxed browser'
            : undefined,
      ),
    ).toEqual([])
  })

  it('shared code runs everywhere: no main, renderer, Node or Electron', () => {
    expect(
      violations('shared', (s, f) =>
        resolvesInto(f, s, 'main') || resolvesInto(f, s, 'renderer') || resolvesInto(f, s, 'preload')
          ? 'src/shared is the common layer'
          : s.startsWith('node:') || s === 'electron' || s === 'react'
            ? 'src/shared must run in Node and in the browser'
            : undefined,
      ),
    ).toEqual([])
  })

  it('only the Electron shell and the preload import electron; services never import React', () => {
    expect(
      violations('main', (s, f) =>
        s === 'electron' && !f.startsWith(path.join(src, 'main', 'electron') + path.sep)
          ? 'services run under plain Node, where requiring electron tries to download a binary'
          : s === 'react' || s.startsWith('@tiptap/react') || resolvesInto(f, s, 'renderer')
            ? 'main never imports the renderer'
            : undefined,
      ),
    ).toEqual([])
  })
})
