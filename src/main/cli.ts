// The `kopij` command line: list, show and search the archive, sites, publishing and imports, over the same services and contract as the app.
import { parseArgs } from 'node:util'
import type { CallName, CallInput, CallOutput } from '../shared/api'
import type { Article, ArticleListItem, HighlightedText } from '../shared/articles'
import { ApiError } from '../shared/errors'
import { documentText } from '../shared/document'
import { startKopij, type Kopij } from './kopij'
import { defaultArchivePath } from './paths'
import { isPublishingCommand, publishingCli, publishingUsage } from './publishing/cli'
import { commentsCli, commentsUsage, isCommentsCommand } from './comments/cli'
import fs from 'node:fs'
import path from 'node:path'

const usage = `Usage: kopij [--archive PATH] <command> [options]

Commands:
  list [--status S] [--limit N]        articles, newest first (S: all, draft, ready, scheduled, published, archived)
  show <id-or-slug> [--html]           one article as text, or its body as published HTML (citations, bibliography)
  search <query> [--status S] [--limit N]  full-text search with matching passages
${publishingUsage}${commentsUsage}
Options:
  --archive PATH   the archive file (default: ${defaultArchivePath()})
  --json           machine-readable output
  --help           this text
`

export interface CliIo {
  out: (text: string) => void
  err: (text: string) => void
  /** Mark matches in terminal colours (only when writing to a terminal). */
  color: boolean
}

const processIo = (): CliIo => ({
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  color: Boolean(process.stdout.isTTY),
})

/** Runs one command and returns the exit code: 0 done, 1 usage, 2 archive or input error, 3 not found. */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  if (isPublishingCommand(argv)) return publishingCli(argv, io)
  if (isCommentsCommand(argv)) return commentsCli(argv, io)
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        archive: { type: 'string' },
        json: { type: 'boolean', default: false },
        html: { type: 'boolean', default: false },
        status: { type: 'string', default: 'all' },
        limit: { type: 'string', default: '50' },
        help: { type: 'boolean', default: false },
      },
    })
  } catch (error) {
    io.err(`kopij: ${(error as Error).message}\n\n${usage}`)
    return 1
  }
  const { values, positionals } = parsed
  const [command, ...rest] = positionals
  if (values.help || !command) {
    ;(values.help ? io.out : io.err)(usage)
    return values.help ? 0 : 1
  }
  if (!['list', 'show', 'search'].includes(command)) {
    io.err(`kopij: unknown command "${command}"\n\n${usage}`)
    return 1
  }
  const archivePath = path.resolve(values.archive ?? defaultArchivePath())
  let kopij: Kopij | undefined
  try {
    // An existing archive is only read; a missing one is created with the demo article, as the app would.
    kopij = startKopij({ archivePath, host: 'cli', readonly: fs.existsSync(archivePath) })
    const call = async <N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>> => {
      const envelope = await kopij!.dispatch(name, input)
      if (!envelope.ok) throw ApiError.from(envelope.error)
      return envelope.value as CallOutput<N>
    }
    const limit = Number(values.limit)
    if (command === 'list') {
      const result = await call('articles.find', { query: '', status: values.status as never, limit })
      io.out(values.json ? json(result) : listText(result.items, result.total))
    } else if (command === 'search') {
      const query = rest.join(' ')
      if (!query.trim()) throw new CliUsageError('search needs a query, e.g. kopij search acupunctuur')
      const result = await call('articles.find', { query, status: values.status as never, limit })
      io.out(values.json ? json(result) : searchText(result.items, result.total, io.color))
    } else {
      const key = rest[0]
      if (!key) throw new CliUsageError('show needs an article id or slug')
      const article = kopij.archive.articles.resolve(key)
      if (values.html) {
        // The published form: citations linked to the bibliography, which travels with its sources as CSL-JSON.
        const published = kopij.citations.published(article.id)
        io.out(values.json ? json({ id: article.id, html: published.html, sources: published.sources }) : `${published.html}\n`)
      }
      else io.out(values.json ? json(article) : articleText(article))
    }
    return 0
  } catch (error) {
    if (error instanceof CliUsageError) {
      io.err(`kopij: ${error.message}\n`)
      return 1
    }
    const apiError = error instanceof ApiError ? error : new ApiError('internal', (error as Error).message)
    io.err(values.json ? json({ error: apiError.toShape() }) : `kopij: ${apiError.message}\n`)
    return apiError.code === 'not-found' ? 3 : 2
  } finally {
    kopij?.close()
  }
}

class CliUsageError extends Error {}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`

const day = (iso: string) => iso.slice(0, 16).replace('T', ' ')

function listText(items: ArticleListItem[], total: number): string {
  const rows = items.map((a) => `${a.id}  ${a.status.padEnd(9)}  ${day(a.updatedAt)}  ${String(a.wordCount).padStart(6)}  ${a.title || '(untitled)'}`)
  return `${rows.join('\n')}${rows.length ? '\n' : ''}${items.length} of ${total} article(s)\n`
}

function marked(runs: HighlightedText | undefined, color: boolean): string {
  return (runs ?? []).map((r) => (r.match && color ? `\x1b[1;7m${r.text}\x1b[0m` : r.text)).join('')
}

function searchText(items: ArticleListItem[], total: number, color: boolean): string {
  const blocks = items.map((a) => `${a.id}  ${a.status}  ${marked(a.titleHighlight, color) || a.title}\n    ${marked(a.snippet, color).replace(/\s+/g, ' ')}`)
  return `${blocks.join('\n')}${blocks.length ? '\n' : ''}${items.length} of ${total} match(es)\n`
}

function articleText(a: Article): string {
  return [
    a.title,
    '='.repeat(Math.min(a.title.length, 80)),
    `id: ${a.id}`,
    `slug: ${a.slug}`,
    `status: ${a.status}   language: ${a.language}   words: ${a.wordCount}`,
    `category: ${a.categoryPath.join(' > ')}`,
    `tags: ${a.tags.join(', ')}`,
    `updated: ${a.updatedAt}   revision: ${a.revisionId}`,
    '',
    documentText(a.doc),
    '',
  ].join('\n')
}
