// `kopij sites|publish|import`: sites, scheduled batch publishing and imports from the command line, over the contract.
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import type { CallInput, CallName, CallOutput } from '../../shared/api'
import { ApiError } from '../../shared/errors'
import type { Batch, ImportProgress, OutboxItem, PreflightResult, Site, SiteKind } from '../../shared/publishing'
import { startKopij, type Kopij } from '../kopij'
import { defaultArchivePath } from '../paths'

export const publishingUsage = `  sites add --name N --kind wordpress|kopij-api --url URL [--user U] (--secret-env VAR | --secret-stdin)
  sites test NAME | sites list          check a site's address and credentials; list sites
  publish --site NAME (--ready | ID…) [--dry-run] [--draft | --schedule ISO-TIME] [--wait SECONDS]
                                       pre-flight, then send through the outbox (exit 4: some failed, 5: some wait)
  import wxr FILE [--site NAME]        a WordPress export file into the archive
  import wordpress --site NAME         pull a WordPress site over its REST API
`

export const isPublishingCommand = (argv: readonly string[]): boolean => {
  const first = argv.find((a, i) => !a.startsWith('-') && argv[i - 1] !== '--archive')
  return first === 'sites' || first === 'publish' || first === 'import'
}

export interface Io {
  out: (text: string) => void
  err: (text: string) => void
  /** Reads the secret for --secret-stdin. */
  stdin?: () => string
  env?: NodeJS.ProcessEnv
}

class UsageError extends Error {}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`

/** Runs one publishing command: 0 done, 1 usage, 2 error, 3 not found, 4 items failed or in conflict, 5 items still waiting. */
export async function publishingCli(argv: string[], io: Io): Promise<number> {
  let values: Record<string, string | boolean | undefined>
  let positionals: string[]
  try {
    ;({ values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        archive: { type: 'string' },
        json: { type: 'boolean', default: false },
        name: { type: 'string' },
        kind: { type: 'string' },
        url: { type: 'string' },
        user: { type: 'string', default: '' },
        'secret-env': { type: 'string' },
        'secret-stdin': { type: 'boolean', default: false },
        site: { type: 'string' },
        ready: { type: 'boolean', default: false },
        'dry-run': { type: 'boolean', default: false },
        draft: { type: 'boolean', default: false },
        schedule: { type: 'string' },
        wait: { type: 'string', default: '600' },
      },
    }))
  } catch (error) {
    io.err(`kopij: ${(error as Error).message}\n`)
    return 1
  }
  const [command, sub, ...rest] = positionals
  const archivePath = path.resolve((values.archive as string | undefined) ?? defaultArchivePath())
  let kopij: Kopij | undefined
  try {
    kopij = startKopij({ archivePath, host: 'cli', outbox: { start: command === 'publish' && !values['dry-run'] } })
    const k = kopij
    const call = async <N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>> => {
      const envelope = await k.dispatch(name, input)
      if (!envelope.ok) throw ApiError.from(envelope.error)
      return envelope.value as CallOutput<N>
    }
    const site = (name: string | undefined): Site => {
      if (!name) throw new UsageError('name the site with --site NAME (see `kopij sites list`)')
      return k.publishing.service.toSite(k.publishing.service.sites.resolve(name))
    }
    const say = (value: unknown, text: string) => io.out(values.json ? json(value) : text)

    if (command === 'sites' && sub === 'list') {
      const sites = await call('sites.list', {})
      say(sites, sites.map(siteLine).join('') || 'No sites yet: add one with `kopij sites add`.\n')
      return 0
    }
    if (command === 'sites' && sub === 'test') {
      const target = site(rest[0] ?? (values.site as string | undefined))
      const result = await call('sites.test', { id: target.id })
      say(result, `${result.ok ? 'OK' : 'FAILED'}: ${result.message}\n`)
      return result.ok ? 0 : 2
    }
    if (command === 'sites' && sub === 'add') {
      const secret = readSecret(values, io)
      const saved = await call('sites.save', {
        site: { name: String(values.name ?? ''), kind: String(values.kind ?? '') as SiteKind, baseUrl: String(values.url ?? ''), username: String(values.user ?? ''), secret },
      })
      const test = await call('sites.test', { id: saved.id })
      say({ site: saved, test }, `Added ${saved.name}; its secret is kept in ${saved.secretStore}.\nConnection: ${test.ok ? 'OK' : 'FAILED'}: ${test.message}\n`)
      return test.ok ? 0 : 2
    }
    if (command === 'publish') {
      const target = site(values.site as string | undefined)
      const ids = values.ready
        ? (k.archive.db.prepare(`SELECT id FROM articles WHERE status = 'ready' ORDER BY updated_at`).all() as { id: string }[]).map((r) => r.id)
        : [sub, ...rest].filter((x): x is string => Boolean(x)).map((key) => k.archive.articles.resolve(key).id)
      if (!ids.length) throw new UsageError(values.ready ? 'no article is marked ready' : 'name the articles (id or slug), or use --ready')
      const options = values.schedule
        ? { remoteStatus: 'future' as const, publishAt: new Date(String(values.schedule)).toISOString() }
        : { remoteStatus: values.draft ? ('draft' as const) : ('publish' as const) }
      if (values['dry-run']) {
        const check = await call('publishing.preflight', { siteId: target.id, articleIds: ids, ...options })
        say(check, preflightText(check))
        return check.blocked ? 4 : 0
      }
      const started = await call('publish.start', { siteId: target.id, articleIds: ids, ...options })
      if (!values.json && started.leftOut.length) io.out(preflightText({ items: started.leftOut, siteFindings: [], publishable: 0, blocked: started.leftOut.length }))
      if (!started.batch) {
        say({ batch: null, items: [], leftOut: started.leftOut }, 'Nothing to send.\n')
        return 4
      }
      const batch = await waitFor(k, started.batch.id, Number(values.wait) * 1000)
      const items = (await call('outbox.list', { batchId: batch.id, limit: 1000 })).items
      say({ batch, items, leftOut: started.leftOut }, items.map(itemLine).join('') + batchLine(batch))
      if (batch.counts.failed || batch.counts.conflict || started.leftOut.length) return 4
      return batch.finished ? 0 : 5
    }
    if (command === 'import' && (sub === 'wxr' || sub === 'wordpress')) {
      const started =
        sub === 'wxr'
          ? await call('import.start', { kind: 'wxr', path: requireFile(rest[0]), ...(values.site ? { siteId: site(values.site as string).id } : {}) })
          : await call('import.start', { kind: 'wordpress', siteId: site(values.site as string | undefined).id })
      const stop = values.json ? () => {} : k.events.subscribe((name, payload) => name === 'import.progress' && io.err(`\r${progressText(payload as ImportProgress)}`))
      const done = await k.publishing.imports.whenDone(started.id)
      stop()
      say(done, `${values.json ? '' : '\n'}${progressText(done)}\n`)
      if (done.error && !values.json) io.err(`kopij: ${done.error}\n`)
      return done.state === 'done' ? 0 : 2
    }
    throw new UsageError(`unknown command "${[command, sub].filter(Boolean).join(' ')}"\n\n${publishingUsage}`)
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

/** Secrets never come on the command line (other users see it in the process list): from a variable or stdin. */
function readSecret(values: Record<string, string | boolean | undefined>, io: Io): string | undefined {
  if (values['secret-env']) {
    const value = (io.env ?? process.env)[String(values['secret-env'])]
    if (!value) throw new UsageError(`the environment variable ${String(values['secret-env'])} is empty or not set`)
    return value.trim()
  }
  if (values['secret-stdin']) {
    const value = (io.stdin ?? (() => fs.readFileSync(0, 'utf8')))().trim()
    if (!value) throw new UsageError('no secret on standard input')
    return value
  }
  return undefined
}

function requireFile(file: string | undefined): string {
  if (!file) throw new UsageError('import wxr needs the export file')
  return path.resolve(file)
}

/** Waits until the batch is finished, or `ms` passed (what still waits goes out on a later run). */
async function waitFor(kopij: Kopij, batchId: string, ms: number): Promise<Batch> {
  const until = Date.now() + ms
  for (;;) {
    await kopij.publishing.service.worker.whenIdle()
    const batch = kopij.publishing.service.outbox.batch(batchId)
    if (batch.finished || Date.now() >= until) return batch
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}

const siteLine = (s: Site) =>
  `${s.name.padEnd(24)} ${s.kind.padEnd(10)} ${s.baseUrl}${s.username ? ` (${s.username})` : ''}${s.hasSecret ? '' : '  [no secret]'}${s.problem ? `  PROBLEM: ${s.problem.message}` : ''}\n`

const itemLine = (i: OutboxItem) =>
  `${i.state.padEnd(9)} ${i.title || i.articleId}${i.remoteUrl ? `  ${i.remoteUrl}` : ''}${i.error ? `\n          ${i.error.message}` : ''}\n`

const batchLine = (b: Batch) =>
  `${b.counts.done} done, ${b.counts.failed} failed, ${b.counts.conflict} in conflict, ${b.counts.queued + b.counts.sending} waiting (of ${b.total})\n`

function preflightText(check: PreflightResult): string {
  const lines = check.siteFindings.map((f) => `site: ${f.message}\n`)
  for (const item of check.items)
    for (const f of item.findings) lines.push(`${f.severity === 'block' ? 'BLOCK' : 'warn '}  ${item.title || item.articleId}: ${f.message}\n`)
  lines.push(`${check.publishable} to publish, ${check.blocked} blocked\n`)
  return lines.join('')
}

const progressText = (p: ImportProgress) =>
  `${p.state}: ${p.posts} posts, ${p.comments} comments, ${p.skipped} skipped${p.totalPosts !== null ? ` (of ${p.totalPosts})` : ''}`
