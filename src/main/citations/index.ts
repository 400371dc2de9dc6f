// Sources and citations: the source library, imports, online lookups, formatting and the published form of citations.
import type { Handlers } from '../../shared/api'
import { CitationSettings, citationLocale, defaultCitationSettings, type CslItem } from '../../shared/citations'
import type { ArticleLanguage, DocumentJson } from '../../shared/articles'
import type { NodeOverride } from '../../shared/document'
import { collectCitationsFromJson } from '../../shared/document/bibliography'
import { readCitationStyle, type CitationStyle } from '../../shared/citations'
import { publishedHtml, type PublishedArticle } from '../../shared/document/published'
import { ApiError } from '../../shared/errors'
import type { Archive } from '../archive'
import type { EventBus } from '../events'
import { CitationFormatter } from './formatter'
import { readIdentifier } from './identifiers'
import { ImportJobs } from './import/jobs'
import { LookupQueue, type LookupOptions } from './lookups'
import { SourceStore } from './store'

export { SourceStore } from './store'
export { CitationFormatter } from './formatter'

const settingsKey = 'citations'

type CitationCalls =
  | 'sources.forArticle' | 'sources.search' | 'sources.get' | 'sources.save' | 'sources.delete' | 'sources.whereUsed'
  | 'sources.duplicates' | 'sources.merge' | 'sources.fromIdentifier' | 'sources.markCited' | 'sources.importCheck'
  | 'sources.importCancel' | 'sources.importCommit' | 'citations.format' | 'citations.settings' | 'citations.updateSettings'
  | 'citations.retryLookups'

export interface Citations {
  handlers: Pick<Handlers, CitationCalls>
  store: SourceStore
  lookups: LookupQueue
  formatter: CitationFormatter
  /** The article as it is published: HTML with linked citations and bibliography, and its sources as CSL-JSON. */
  published(articleId: string): PublishedArticle & { sources: CslItem[] }
  /** Another capability renders its own nodes in the published form (quote blocks): given the document, how. */
  publishWith(blocks: (doc: DocumentJson) => NodeOverride): void
  close(): void
}

export function startCitations(archive: Archive, events: EventBus, options: { lookups?: LookupOptions; readonly?: boolean } = {}): Citations {
  const store = new SourceStore(archive.db)
  const formatter = new CitationFormatter()
  const settings = () => archive.settings.read(settingsKey, CitationSettings, defaultCitationSettings)
  const lookups = new LookupQueue(archive, store, events, settings, options.lookups)
  const imports = new ImportJobs(archive, store, events)
  const changed = (ids: string[]) => events.emit('sources.changed', { ids })

  const format = (style: CitationStyle, language: ArticleLanguage, ids: string[]) =>
    formatter.format(style, citationLocale(language), ids, store.getMany(ids))

  let blocks: ((doc: DocumentJson) => NodeOverride) | null = null

  // Lookups that waited for the network when Kopij last closed (a read-only archive, as the CLI opens it, waits on).
  if (!options.readonly) lookups.kick(0)

  const handlers: Citations['handlers'] = {
    'sources.forArticle': ({ articleId }) => {
      const article = archive.articles.get(articleId)
      const cited = [...new Set(collectCitationsFromJson(article.doc).flatMap((c) => c.items.map((i) => i.source)))]
      const records = store.getMany(cited)
      const seen = new Set<string>()
      const out = []
      for (const id of cited) {
        const record = records.get(id)
        if (record && !seen.has(record.id)) {
          seen.add(record.id)
          out.push({ id: record.id, csl: record.csl })
        }
      }
      for (const source of archive.library.sourcesOf(articleId)) if (!seen.has(source.id)) out.push(source)
      return out
    },
    'sources.search': (input) => store.search(input),
    'sources.get': ({ id }) => store.get(id),
    'sources.save': ({ id, csl, baseUpdatedAt }) => {
      const record = archive.transaction(() => (id ? store.update(id, { ...csl, id } as CslItem, baseUpdatedAt) : store.add(csl)))
      changed([record.id])
      return record
    },
    'sources.delete': ({ id }) => {
      const canonical = store.get(id).id
      archive.transaction(() => store.delete(id))
      changed([canonical])
      return {}
    },
    'sources.whereUsed': ({ id }) => store.whereUsed(id),
    'sources.duplicates': () => store.duplicates(),
    'sources.merge': ({ keep, merge }) => {
      const record = archive.transaction(() => store.merge(keep, merge))
      changed([record.id, ...merge])
      return record
    },
    'sources.fromIdentifier': ({ text }) => {
      const identifier = readIdentifier(text)
      if (!identifier) throw new ApiError('invalid-input', 'That is not a DOI, a PMID, or a doi.org or PubMed link.')
      const probe = (identifier.kind === 'doi' ? { id: 'probe', type: 'article-journal', DOI: identifier.value } : { id: 'probe', type: 'article-journal', PMID: identifier.value }) as CslItem
      const existing = store.findExisting(probe)
      if (existing) return { source: store.get(existing), created: false }
      const record = archive.transaction(() => {
        const made = store.add(
          { ...probe, title: identifier.kind === 'doi' ? `DOI ${identifier.value}` : `PMID ${identifier.value}` },
          { provisional: true, preferredId: identifier.kind === 'doi' ? `doi-${identifier.value.toLowerCase().replace(/[^a-z0-9]+/g, '-')}` : `pmid-${identifier.value}` },
        )
        return made
      })
      lookups.enqueue(record.id, identifier)
      changed([record.id])
      return { source: store.get(record.id), created: true }
    },
    'sources.markCited': ({ ids }) => {
      archive.transaction(() => store.markCited(ids))
      return {}
    },
    'sources.importCheck': ({ jobId, text, fileName }) => imports.check(jobId, text, fileName),
    'sources.importCancel': ({ jobId }) => {
      imports.cancel(jobId)
      return {}
    },
    'sources.importCommit': ({ jobId, skipDuplicates }) => imports.commit(jobId, skipDuplicates),
    'citations.format': ({ style, language, ids }) => format(style, language, ids),
    'citations.settings': () => settings(),
    'citations.updateSettings': (patch) => {
      const before = settings()
      const next = CitationSettings.parse({ ...before, ...patch })
      archive.transaction(() => archive.settings.write(settingsKey, next))
      events.emit('citations.settingsChanged', next)
      if (next.onlineLookups !== before.onlineLookups) lookups.retryAll()
      return next
    },
    'citations.retryLookups': () => {
      lookups.retryAll()
      return {}
    },
  }

  return {
    handlers,
    store,
    lookups,
    formatter,
    published(articleId) {
      const article = archive.articles.get(articleId)
      const style = readCitationStyle((article.doc as { attrs?: { citationStyle?: unknown } }).attrs?.citationStyle)
      const ids = [...new Set(collectCitationsFromJson(article.doc).flatMap((c) => c.items.map((i) => i.source)))]
      const formatting = format(style, article.language, ids)
      const result = publishedHtml(article.doc, article.language, formatting, blocks?.(article.doc))
      const byCanonical = new Map([...store.getMany(ids).values()].map((r) => [r.id, r.csl]))
      const sources = result.derived.entries.flatMap((e) => (byCanonical.has(e.id) ? [byCanonical.get(e.id)!] : []))
      return { ...result, sources }
    },
    publishWith: (render) => {
      blocks = render
    },
    close: () => lookups.close(),
  }
}
