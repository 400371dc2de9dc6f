// Quotes: passages of sources with their translation, segment by segment, with a translation memory, a glossary and QA.
import type { Handlers } from '../../shared/api'
import { ApiError } from '../../shared/errors'
import type { DocumentJson } from '../../shared/articles'
import type { NodeOverride } from '../../shared/document'
import { isConfirmed, type Finding, type QuoteCalls, type SegmentEdit } from '../../shared/quotes'
import type { Archive } from '../archive'
import type { EventBus } from '../events'
import { firstSegments, mergeSegments, resegment, splitSegment } from './edits'
import { ExchangeJobs } from './exchange/jobs'
import { writeCsv } from './exchange/csv'
import { writeTbx } from './exchange/tbx'
import { writeTmx } from './exchange/tmx'
import { GlossaryStore } from './glossary/store'
import { publishedQuoteOverride } from '../../shared/document/extensions/bilingual-quote'
import { finding } from './qa/rules'
import { QuoteStore } from './store'
import { TmStore } from './tm/store'
import { QuoteViews, type SourceLookup } from './views'
import { version } from '../../../package.json'

export { QuoteStore } from './store'
export { GlossaryStore } from './glossary/store'
export { TmStore } from './tm/store'
export { seedQuotes } from './seed'

export interface QuotesCapability {
  handlers: Pick<Handlers, QuoteCalls>
  store: QuoteStore
  glossary: GlossaryStore
  tm: TmStore
  views: QuoteViews
  /** Renders an article's bilingual quote blocks for publishing (given to the citations capability's published form). */
  publishedOverride(doc: DocumentJson): NodeOverride
}

/** Quote ids of the bilingual quote blocks in a document's JSON, in order, each once. */
export function quoteIdsOf(doc: DocumentJson): string[] {
  const ids: string[] = []
  const walk = (node: { type?: unknown; attrs?: { quote?: unknown }; content?: unknown }) => {
    if (node.type === 'bilingualQuote' && typeof node.attrs?.quote === 'string') ids.push(node.attrs.quote)
    if (Array.isArray(node.content)) for (const child of node.content) walk(child as typeof node)
  }
  walk(doc as never)
  return [...new Set(ids)]
}

export function startQuotes(archive: Archive, events: EventBus, sources: SourceLookup): QuotesCapability {
  const store = new QuoteStore(archive.db)
  const glossary = new GlossaryStore(archive.db)
  const tm = new TmStore(archive.db)
  const views = new QuoteViews(store, glossary, sources)
  const exchange = new ExchangeJobs(archive, tm, glossary, events)
  const changed = (...ids: string[]) => events.emit('quotes.changed', { ids })

  /** A segment edit: done in one transaction, answered with the segment and the quote's findings after it. */
  const editSegment = (quoteId: string, segmentId: string, work: () => void): SegmentEdit => {
    archive.transaction(work)
    changed(quoteId)
    const quote = views.quote(quoteId)
    const segment = quote.segments.find((s) => s.id === segmentId)
    if (!segment) throw new ApiError('not-found', `Quote ${quoteId} has no segment ${segmentId}.`)
    return { version: quote.version, segment, findings: quote.findings }
  }

  /** A change of the quote's structure, refused when made from an older version of it. */
  const restructure = (quoteId: string, baseVersion: number, work: () => void) => {
    archive.transaction(() => {
      store.checkVersion(quoteId, baseVersion)
      work()
    })
    changed(quoteId)
    return views.quote(quoteId)
  }

  const handlers: QuotesCapability['handlers'] = {
    'quotes.forArticle': ({ articleId, usedIds }) => views.summaries(store.forArticle(articleId, usedIds)),
    'quotes.search': ({ query, limit, offset }) => {
      const { ids, total } = store.search(query, limit, offset)
      return { items: views.summaries(ids), total }
    },
    'quotes.get': ({ id }) => views.quote(id),
    'quotes.blocks': ({ ids }) => views.blocks(ids),
    'quotes.create': ({ articleId, sourceId, locatorLabel, locator, original, translation }) => {
      if (articleId) archive.articles.get(articleId)
      const id = archive.transaction(() => store.insert({ articleId, sourceId, locatorLabel: locatorLabel ?? 'page', locator: locator ?? '' }, firstSegments(original, translation)))
      changed(id)
      return views.quote(id)
    },
    'quotes.update': ({ quoteId, baseVersion, articleId, sourceId, locatorLabel, locator }) =>
      restructure(quoteId, baseVersion, () => store.updateMeta(quoteId, { articleId, sourceId, locatorLabel, locator })),
    'quotes.setOriginal': ({ quoteId, baseVersion, original }) =>
      restructure(quoteId, baseVersion, () => {
        const old = store.segments(quoteId)
        store.replace(quoteId, old.map((s) => s.id), resegment(old, original))
      }),
    'quotes.delete': ({ id }) => {
      const used = store.usedIn(id)
      if (used.length) throw new ApiError('conflict', `Quote ${id} is in the text of ${used.length} article(s); remove it there first.`, { usedIn: used })
      archive.transaction(() => store.delete(id))
      changed(id)
      return {}
    },
    'quotes.qa': ({ articleId, usedIds }) => {
      const article = archive.articles.get(articleId)
      const inText = [...new Set([...quoteIdsOf(article.doc), ...usedIds])]
      const ids = store.forArticle(articleId, inText)
      const checked = new Map(views.checkMany(ids).map((c) => [c.row.id, c.findings]))
      const summaries = views.summaries([...checked.keys()])
      const missing: Finding[] = inText.filter((id) => !checked.has(id)).map((id) => finding(id, 'quote-missing', null))
      return { quotes: summaries.map((quote) => ({ quote, findings: checked.get(quote.id) ?? [] })), missing }
    },
    'segments.translate': ({ quoteId, segmentId, translation }) => editSegment(quoteId, segmentId, () => store.setTranslation(quoteId, segmentId, translation)),
    'segments.setStatus': ({ quoteId, segmentId, status, translation }) => {
      const result = editSegment(quoteId, segmentId, () => {
        if (translation !== undefined) store.setTranslation(quoteId, segmentId, translation)
        const segment = store.setStatus(quoteId, segmentId, status)
        // Every confirmed pair goes into the memory, for this archive's next quotes.
        if (isConfirmed(status)) tm.fromSegment(segment.id, quoteId, segment.original, segment.translation)
      })
      if (isConfirmed(status)) events.emit('tm.changed', { units: tm.count() })
      return result
    },
    'segments.setOriginal': ({ quoteId, baseVersion, segmentId, original }) => {
      if (!original.trim()) throw new ApiError('invalid-input', 'An original cannot be empty; merge the segment with another instead.')
      return restructure(quoteId, baseVersion, () => store.setOriginal(quoteId, segmentId, original))
    },
    'segments.split': ({ quoteId, baseVersion, segmentId, at, translationAt }) =>
      restructure(quoteId, baseVersion, () => store.replace(quoteId, [segmentId], splitSegment(store.segment(quoteId, segmentId), at, translationAt))),
    'segments.merge': ({ quoteId, baseVersion, segmentId }) =>
      restructure(quoteId, baseVersion, () => {
        const all = store.segments(quoteId)
        const index = all.findIndex((s) => s.id === segmentId)
        if (index < 0) throw new ApiError('not-found', `Quote ${quoteId} has no segment ${segmentId}.`)
        if (index === all.length - 1) throw new ApiError('invalid-input', 'The last segment has no next one to join.')
        store.replace(quoteId, [all[index]!.id, all[index + 1]!.id], [mergeSegments(all[index]!, all[index + 1]!)])
      }),
    'segments.restore': ({ quoteId, baseVersion, replace, segments }) => restructure(quoteId, baseVersion, () => store.replace(quoteId, replace, segments)),
    'tm.lookup': ({ text, limit, minScore }) => ({ matches: tm.lookup(text, limit, minScore) }),
    'tm.search': ({ query, limit, offset }) => tm.search(query, limit, offset),
    'tm.delete': ({ id }) => {
      tm.delete(id)
      events.emit('tm.changed', { units: tm.count() })
      return {}
    },
    'tm.export': () => {
      const { text, count } = writeTmx(tm.all(), version)
      return { text, count, fileName: 'kopij-vertaalgeheugen.tmx' }
    },
    'glossary.list': ({ query, limit, offset }) => glossary.list(query, limit, offset),
    'glossary.save': ({ id, entry }) => {
      const saved = archive.transaction(() => glossary.save(entry, id))
      events.emit('glossary.changed', {})
      return saved
    },
    'glossary.delete': ({ id }) => {
      archive.transaction(() => glossary.delete(id))
      events.emit('glossary.changed', {})
      return {}
    },
    'glossary.export': ({ format }) => {
      const entries = glossary.all()
      return format === 'csv'
        ? { text: writeCsv(entries), count: entries.length, fileName: 'kopij-termenlijst.csv' }
        : { text: writeTbx(entries), count: entries.length, fileName: 'kopij-termenlijst.tbx' }
    },
    'quotes.importCheck': ({ jobId, target, text, fileName }) => exchange.check(jobId, target, text, fileName),
    'quotes.importCancel': ({ jobId }) => {
      exchange.cancel(jobId)
      return {}
    },
    'quotes.importCommit': ({ jobId }) => exchange.commit(jobId),
  }

  return { handlers, store, glossary, tm, views, publishedOverride: (doc) => publishedQuoteOverride(views.blocks(quoteIdsOf(doc))) }
}
