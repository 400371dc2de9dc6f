// `kopij comments sync|list`: reading a site's comments into the archive, and the moderation queue as text or JSON.
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import type { CallInput, CallName, CallOutput } from '../../shared/api'
import { StatusFilter, type CommentRow, type SyncResult } from '../../shared/comments'
import { ApiError } from '../../shared/errors'
import { startKopij, type Kopij } from '../kopij'
import { defaultArchivePath } from '../paths'

export const commentsUsage = `  comments sync [--site NAME]          read new and changed comments from a site (every site without --site)
  comments list [--status S] [--article ID] [--search WORDS] [--limit N]
                                       the moderation queue, newest first (S: pending, approved, spam, trash, all)
`

export const isCommentsCommand = (argv: readonly string[]): boolean => argv.find((a, i) => !a.startsWith('-') && argv[i - 1] !== '--archive') === 'comments'

export interface Io {
  out: (text: string) => void
  err: (text: string) => void
}

class UsageError extends Error {}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`

/** Runs one comments command: 0 done, 1 usage, 2 error (a site that could not be read), 3 not found. */
export async function commentsCli(argv: string[], io: Io): Promise<number> {
  let values: Record<string, string | boolean | undefined>
  let positionals: string[]
  try {
    ;({ values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        archive: { type: 'string' },
        json: { type: 'boolean', default: false },
        site: { type: 'string' },
        status: { type: 'string', default: 'pending' },
        article: { type: 'string' },
        search: { type: 'string', default: '' },
        limit: { type: 'string', default: '50' },
      },
    }))
  } catch (error) {
    io.err(`kopij: ${(error as Error).message}\n`)
    return 1
  }
  const [, sub] = positionals
  const archivePath = path.resolve((values.archive as string | undefined) ?? defaultArchivePath())
  let kopij: Kopij | undefined
  try {
    if (sub !== 'sync' && sub !== 'list') throw new UsageError(`unknown command "comments${sub ? ` ${sub}` : ''}"\n\n${commentsUsage}`)
    // Listing only reads an archive that exists; a sync writes what it reads (and never sends anything).
    kopij = startKopij({ archivePath, host: 'cli', readonly: sub === 'list' && fs.existsSync(archivePath), outbox: { start: false } })
    const k = kopij
    const call = async <N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>> => {
      const envelope = await k.dispatch(name, input)
      if (!envelope.ok) throw ApiError.from(envelope.error)
      return envelope.value as CallOutput<N>
    }
    if (sub === 'sync') {
      const siteId = values.site ? k.publishing.service.sites.resolve(String(values.site)).id : undefined
      if (!siteId && k.publishing.service.sites.list().length === 0) throw new UsageError('no site yet: add one with `kopij sites add`')
      const result = await call('comments.sync', siteId ? { siteId } : {})
      io.out(values.json ? json(result) : result.sites.map(syncLine).join(''))
      return result.sites.every((s) => s.ok) ? 0 : 2
    }
    const status = StatusFilter.safeParse(values.status)
    if (!status.success) throw new UsageError(`--status is one of ${StatusFilter.options.join(', ')}, not "${String(values.status)}"`)
    const limit = Number(values.limit)
    if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new UsageError('--limit is a number from 1 to 500')
    const articleId = values.article ? k.archive.articles.resolve(String(values.article)).id : undefined
    const result = await call('comments.list', { status: status.data, query: String(values.search), limit, ...(articleId ? { articleId } : {}) })
    io.out(values.json ? json(result) : listText(result.items, result.total, status.data))
    return 0
  } catch (error) {
    if (error instanceof UsageError) {
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

const syncLine = (s: SyncResult) =>
  `${s.siteName}: ${s.ok ? 'OK' : 'FAILED'}, ${s.added} new, ${s.updated} changed, ${s.skipped} under posts not in the archive${s.error ? `\n  ${s.error.message}` : ''}\n`

const hintWords: Record<string, (count: number) => string> = {
  links: (n) => `${n} link${n === 1 ? '' : 's'}`,
  'first-time': () => 'first-time commenter',
  long: (n) => `${n} characters`,
  repeated: (n) => `same text ${n}x elsewhere`,
}

function listText(items: CommentRow[], total: number, status: string): string {
  const rows = items.map((c) => {
    const hints = c.hints.map((h) => hintWords[h.code]!(h.count)).join(', ')
    const waiting = c.delivery && c.delivery.state !== 'done' ? `  [${c.delivery.state}]` : ''
    return `${c.id}  ${c.status.padEnd(8)}  ${c.postedAt.slice(0, 16).replace('T', ' ')}  ${c.authorName || '(anonymous)'} on "${c.articleTitle}"${waiting}\n    ${c.excerpt.slice(0, 160)}${hints ? `\n    why it waits: ${hints}` : ''}`
  })
  return `${rows.join('\n')}${rows.length ? '\n' : ''}${items.length} of ${total} comment(s)${status === 'all' ? '' : ` ${status}`}\n`
}
