import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import { ArticleStatus } from '../articles'
import { ErrorCode } from '../errors'
import { CommentStatus } from '../comments'
import { MenuCommand, callNames, eventNames } from '../api'
import { namespaces, resources } from './index'

type Tree = { [key: string]: unknown }
type Resources = Record<string, Record<string, Tree>>

// Both tsconfigs (node and web) check this file, so it reaches Node's fs by URL and without Node's type declarations.
interface DirEntry {
  name: string
  isDirectory(): boolean
}
interface FileSystem {
  readFileSync(file: URL, encoding: 'utf8'): string
  readdirSync(dir: URL, options: { withFileTypes: true }): DirEntry[]
}
const fs = (globalThis as unknown as { process: { getBuiltinModule(id: string): unknown } }).process.getBuiltinModule('node:fs') as FileSystem
const srcDir = new URL('../../', import.meta.url)
/** A source file as the messages name it: its path under src/. */
const relative = (file: URL) => decodeURIComponent(file.href.slice(srcDir.href.length))
const read = (file: URL) => fs.readFileSync(file, 'utf8')
const pluralCategories = ['zero', 'one', 'two', 'few', 'many', 'other'] as const
const pluralSuffix = new RegExp(`_(${pluralCategories.join('|')})$`)

/** Leaf keys of a locale tree as dotted paths, with their values. */
function flatten(tree: unknown, prefix = '', out = new Map<string, unknown>()): Map<string, unknown> {
  if (tree && typeof tree === 'object' && !Array.isArray(tree)) {
    for (const [key, value] of Object.entries(tree)) flatten(value, prefix ? `${prefix}.${key}` : key, out)
  } else out.set(prefix, tree)
  return out
}

const variables = (text: string) => [...text.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((m) => m[1]).sort()

/** Everything that makes one language incomplete against the other; empty when the locales are in step. */
export function localeProblems(all: Resources): string[] {
  const problems: string[] = []
  const languages = Object.keys(all)
  for (const ns of new Set(languages.flatMap((lang) => Object.keys(all[lang]!)))) {
    const flat = Object.fromEntries(languages.map((lang) => [lang, flatten(all[lang]![ns] ?? {})]))
    const bases = new Set<string>()
    for (const lang of languages) {
      for (const [key, value] of flat[lang]!) {
        if (typeof value !== 'string') problems.push(`${lang}/${ns}: ${key} is not text`)
        else if (!value.trim()) problems.push(`${lang}/${ns}: ${key} is empty`)
        const base = key.replace(pluralSuffix, '')
        if (base !== key) bases.add(base)
        else
          for (const other of languages) {
            if (other === lang) continue
            const there = flat[other]!.get(key)
            if (there === undefined) problems.push(`${other}/${ns}: missing ${key} (present in ${lang})`)
            else if (typeof value === 'string' && typeof there === 'string' && variables(value).join() !== variables(there).join())
              problems.push(`${ns}: ${key} uses {{${variables(value)}}} in ${lang} but {{${variables(there)}}} in ${other}`)
          }
      }
    }
    // A plural key needs every form its language's plural rules ask for (Dutch and English: one, other).
    for (const base of bases) {
      for (const lang of languages) {
        const needed = new Intl.PluralRules(lang).resolvedOptions().pluralCategories
        for (const category of needed) {
          if (!flat[lang]!.has(`${base}_${category}`)) problems.push(`${lang}/${ns}: missing plural form ${base}_${category}`)
        }
      }
    }
  }
  return [...new Set(problems)]
}

export interface KeyUse {
  file: string
  key: string
  /** A template like t(`status.${s}`): only its fixed start is known. */
  prefix?: boolean
}

/** Names that look like keys but are the contract's calls, events and menu commands ('comments.forArticle'). */
const contractNames = new Set<string>([...callNames, ...eventNames, ...MenuCommand.options])

/**
 * Keys the code asks for: t('…') and t(`prefix.${x}`) anywhere; in the renderer also key-shaped literals under a
 * known section, since keys are passed around as values there (report(error, 'notices.openFailed')).
 */
export function keyUses(file: string, text: string, sections: Set<string>, literals = true): KeyUse[] {
  const uses: KeyUse[] = []
  for (const m of text.matchAll(/\bt\(\s*(['"])([\w.:-]+)\1/g)) uses.push({ file, key: m[2]! })
  for (const m of text.matchAll(/\bt\(\s*`([\w.:-]*)\$\{/g)) if (m[1]) uses.push({ file, key: m[1], prefix: true })
  if (literals)
    for (const m of text.matchAll(/(['"`])([a-zA-Z]+)\.([\w.-]+)\1/g)) {
      const key = `${m[2]}.${m[3]}`
      if (sections.has(m[2]!) && !contractNames.has(key)) uses.push({ file, key })
    }
  return uses
}

export function missingKeys(uses: KeyUse[], all: Resources): string[] {
  const problems: string[] = []
  const languages = Object.keys(all)
  const flat = (lang: string, ns: string) => flatten(all[lang]![ns] ?? {})
  for (const use of uses) {
    const [ns, key] = use.key.includes(':') ? (use.key.split(':') as [string, string]) : [null, use.key]
    const candidates = ns ? [ns] : Object.keys(all[languages[0]!]!)
    for (const lang of languages) {
      const found = candidates.some((n) => {
        const keys = flat(lang, n)
        if (use.prefix) return [...keys.keys()].some((k) => k.startsWith(key))
        return keys.has(key) || keys.has(`${key}_other`)
      })
      if (!found) problems.push(`${use.file}: ${use.prefix ? 'no key starts with' : 'missing key'} "${use.key}" in ${lang}`)
    }
  }
  return [...new Set(problems)]
}

const namedAttributes = new Set(['aria-label', 'title', 'placeholder', 'alt', 'aria-description', 'aria-roledescription', 'aria-valuetext', 'data-tooltip'])
const hasLetters = (text: string) => /\p{L}/u.test(text)

/** Literal UI text in JSX: text children with letters, and literal strings in attributes people read. */
export function literalUiText(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX)
  const problems: string[] = []
  const where = (node: ts.Node) => `${file}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`
  const literal = (node: ts.Node | undefined): string | null =>
    node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) ? node.text : null
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && hasLetters(node.text)) problems.push(`${where(node)}: literal text "${node.text.trim().slice(0, 40)}"`)
    // {'Text'} as a child is literal text too.
    if (ts.isJsxExpression(node) && (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent))) {
      const value = literal(node.expression)
      if (value !== null && hasLetters(value)) problems.push(`${where(node)}: literal text "${value.slice(0, 40)}"`)
    }
    if (ts.isJsxAttribute(node) && namedAttributes.has(node.name.getText(source))) {
      const init = node.initializer
      const value = init && ts.isJsxExpression(init) ? literal(init.expression) : literal(init)
      if (value !== null && hasLetters(value)) problems.push(`${where(node)}: literal ${node.name.getText(source)}="${value.slice(0, 40)}"`)
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return problems
}

function sourceFiles(dir: URL): URL[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory()) return sourceFiles(new URL(`${entry.name}/`, dir))
    return /\.(ts|tsx)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [new URL(entry.name, dir)] : []
  })
}

const all = resources as unknown as Resources
const sections = new Set(Object.keys(all.nl!.app ?? {}))

describe('the locale files', () => {
  it('have every key, plural form and placeholder in both languages, none empty', () => {
    expect(Object.keys(all).sort()).toEqual(['en', 'nl'])
    for (const lang of Object.keys(all)) expect(Object.keys(all[lang]!).sort()).toEqual([...namespaces].sort())
    expect(localeProblems(all)).toEqual([])
  })

  it('name every error code, article status and comment status', () => {
    const uses = [
      ...ErrorCode.options.map((code) => ({ file: 'errors.ts', key: `errors.${code}` })),
      ...[...ArticleStatus.options, 'all'].map((status) => ({ file: 'articles.ts', key: `status.${status}` })),
      ...CommentStatus.options.map((status) => ({ file: 'library.ts', key: `comments.status.${status}` })),
    ]
    expect(missingKeys(uses, all)).toEqual([])
  })

  it('have every key the source code asks for', () => {
    const files = sourceFiles(srcDir)
    expect(files.length).toBeGreaterThan(10)
    const uses = files.flatMap((file) => keyUses(relative(file), read(file), sections, relative(file).startsWith('renderer/')))
    expect(uses.length).toBeGreaterThan(50)
    expect(missingKeys(uses, all)).toEqual([])
  })

  it('are the only place UI text lives: no literal text in JSX', () => {
    const files = sourceFiles(srcDir).filter((file) => file.pathname.endsWith('.tsx'))
    expect(files.length).toBeGreaterThan(5)
    expect(files.flatMap((file) => literalUiText(relative(file), read(file)))).toEqual([])
  })
})

// The checks above must be able to fail: each is shown a planted violation here.
describe('the checks themselves', () => {
  it('see a key missing in one language, a missing plural form, an empty value and a changed placeholder', () => {
    const planted: Resources = {
      nl: { app: { a: { b: 'x', c: 'y {{n}}' }, words_one: 'woord', words_other: 'woorden', empty: ' ' } },
      en: { app: { a: { b: 'x', c: 'y {{count}}' }, words_other: 'words', empty: 'e', extra: 'only here' } },
    }
    const problems = localeProblems(planted).join('\n')
    expect(problems).toContain('missing plural form words_one')
    expect(problems).toContain('nl/app: empty is empty')
    expect(problems).toContain('nl/app: missing extra')
    expect(problems).toContain('a.c uses')
  })

  it('see a key the code uses that no locale has', () => {
    const uses = keyUses('x.tsx', "t('a.b'); t('a.nope'); t(`zz.${s}`); report(e, 'a.gone'); t('words', { count }); call('comments.forArticle')", new Set(['a', 'comments']))
    const problems = missingKeys(uses, { nl: { app: { a: { b: 'x' }, words_one: 'w', words_other: 'w' } }, en: { app: { a: { b: 'x' }, words_one: 'w', words_other: 'w' } } })
    expect(problems).toEqual([
      'x.tsx: missing key "a.nope" in nl',
      'x.tsx: missing key "a.nope" in en',
      'x.tsx: no key starts with "zz." in nl',
      'x.tsx: no key starts with "zz." in en',
      'x.tsx: missing key "a.gone" in nl',
      'x.tsx: missing key "a.gone" in en',
    ])
  })

  it('see literal JSX text and literal aria-label, title and placeholder', () => {
    const planted = `export const A = () => (
      <div title="Opslaan">
        <button aria-label={'Sluiten'}>Klik hier</button>
        <input placeholder="Zoek" />
        <span>{t('ok')} · 12 — {' '}{"Stiekem"}</span>
        <img alt="" />
      </div>
    )`
    expect(literalUiText('a.tsx', planted)).toEqual([
      'a.tsx:2: literal title="Opslaan"',
      'a.tsx:3: literal aria-label="Sluiten"',
      'a.tsx:3: literal text "Klik hier"',
      'a.tsx:4: literal placeholder="Zoek"',
      'a.tsx:5: literal text "Stiekem"',
    ])
  })
})
