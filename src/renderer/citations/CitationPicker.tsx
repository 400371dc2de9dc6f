import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react'
import type { Editor } from '@tiptap/react'
import { useTranslation } from 'react-i18next'
import type { SourceSummary } from '../../shared/citations'
import { deriveCitations, runsText } from '../../shared/document/bibliography'
import { locatorTypes, type CitationItem, type LocatorType } from '../../shared/citations'
import { readCitationStyle } from '../../shared/citations'
import { call } from '../api'
import { Dialog } from '../app/Dialog'
import { Icon } from '../app/icons'
import { useNotices } from '../app/notices'
import { useStore } from '../editor/session'
import type { CitationEngine, PickerRequest } from './engine'
import { citationKey } from './extension'

/** A DOI, PMID, doi.org or PubMed link: offered as a new source before any search hit. */
export const looksLikeIdentifier = (text: string): boolean =>
  /^(?:https?:\/\/(?:dx\.)?doi\.org\/|doi:\s*)?10\.\d{4,9}\/\S+$/i.test(text.trim()) ||
  /^(?:PMID:?\s*)?\d{1,9}$/i.test(text.trim()) ||
  /pubmed\.ncbi\.nlm\.nih\.gov\/\d+/i.test(text.trim())

export const sourceLine = (s: Pick<SourceSummary, 'authors' | 'year' | 'title'>): string =>
  [s.authors, s.year && `(${s.year})`, s.title].filter(Boolean).join(' ')

type Option = { kind: 'identifier'; text: string } | { kind: 'source'; source: SourceSummary }

interface Row extends CitationItem {
  line: string
}

export function CitationPicker({ editor, engine, request }: { editor: Editor; engine: CitationEngine; request: PickerRequest }) {
  const { t } = useTranslation(['citations', 'app'])
  const { report } = useNotices()
  const baseId = useId()
  const derived = useStore(engine.derived)
  const [query, setQuery] = useState('')
  const [results, setResults] = useState<SourceSummary[]>([])
  const [active, setActive] = useState(0)
  const [busy, setBusy] = useState(false)
  const [searching, setSearching] = useState(true)
  const searchSeq = useRef(0)
  const [rows, setRows] = useState<Row[]>(() => {
    if (request.kind !== 'edit') return []
    const entries = new Map(derived.entries.map((e) => [e.id, e]))
    return request.items.map((item) => ({ ...item, line: entries.get(item.source)?.source ? runsText(entries.get(item.source)!.source!.entry) : item.source }))
  })

  const close = () => {
    engine.closePicker()
    editor.commands.focus()
  }

  useEffect(() => {
    const seq = ++searchSeq.current
    setSearching(true)
    call('sources.search', { query, citedIds: engine.derived.get().cited, limit: 30, offset: 0 })
      .then((found) => {
        if (seq !== searchSeq.current) return
        setResults(found.items)
        setActive(0)
      })
      .catch((error) => report(error, 'citations:notices.searchFailed'))
      .finally(() => seq === searchSeq.current && setSearching(false))
  }, [query, engine, report])

  const options: Option[] = useMemo(
    () => [...(looksLikeIdentifier(query) ? [{ kind: 'identifier' as const, text: query.trim() }] : []), ...results.map((source) => ({ kind: 'source' as const, source }))],
    [query, results],
  )

  const style = readCitationStyle(editor.state.doc.attrs.citationStyle)
  const preview = useMemo(() => {
    if (rows.length === 0) return ''
    const existing = citationKey.getState(editor.state)?.citations ?? []
    const at = request.kind === 'edit' ? request.pos : editor.state.selection.to
    const items = rows.map(({ line: _line, ...item }) => item)
    const citations = [...existing.filter((c) => c.pos !== at), { pos: at, items }].sort((a, b) => a.pos - b.pos)
    const result = deriveCitations(citations, style, engine.formattingFor(style))
    return result.labels[citations.findIndex((c) => c.pos === at)] ?? ''
    // derived: re-computed when main's formatting of the new sources arrives.
  }, [rows, editor, request, style, engine, derived])

  const add = async (option: Option | undefined) => {
    if (!option) return
    let source: SourceSummary | null = option.kind === 'source' ? option.source : null
    if (option.kind === 'identifier') {
      setBusy(true)
      try {
        const made = await call('sources.fromIdentifier', { text: option.text })
        const c = made.source.csl
        source = { id: made.source.id, type: c.type, title: c.title ?? '', authors: '', year: '', journal: '', doi: c.DOI ?? '', pmid: c.PMID ?? '', provisional: made.source.provisional, cited: false, recent: false }
      } catch (error) {
        report(error, 'citations:notices.identifierFailed')
        return
      } finally {
        setBusy(false)
      }
    }
    if (!source) return
    const chosen = source
    setRows((current) => (current.some((r) => r.source === chosen.id) ? current : [...current, { source: chosen.id, line: sourceLine(chosen) }]))
    setQuery('')
    void engine.prepare(style, [chosen.id])
  }

  const submit = async () => {
    if (rows.length === 0) return
    const items: CitationItem[] = rows.map(({ line: _line, label, locator, prefix, suffix, source }) => ({
      source,
      ...(locator?.trim() ? { label: label ?? 'page', locator: locator.trim() } : {}),
      ...(prefix?.trim() ? { prefix: prefix.trim() } : {}),
      ...(suffix?.trim() ? { suffix: suffix.trim() } : {}),
    }))
    setBusy(true)
    await engine.prepare(style, items.map((i) => i.source)).catch(() => undefined)
    setBusy(false)
    engine.closePicker()
    if (request.kind === 'edit') {
      editor.chain().focus().command(({ tr }) => {
        tr.setNodeMarkup(request.pos, undefined, { items })
        return true
      }).run()
    } else {
      const at = editor.state.selection.to
      editor.chain().focus().insertContentAt(at, { type: 'citation', attrs: { items } }).run()
    }
    call('sources.markCited', { ids: items.map((i) => i.source) }).catch(() => undefined)
  }

  const removeCitation = () => {
    if (request.kind !== 'edit') return
    engine.closePicker()
    editor.chain().focus().deleteRange({ from: request.pos, to: request.pos + 1 }).run()
  }

  const onSearchKey = (event: KeyboardEvent<HTMLInputElement>) => {
    const submitNow = event.key === 'Enter' && (event.ctrlKey || event.metaKey)
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault()
      if (options.length) setActive((i) => (i + (event.key === 'ArrowDown' ? 1 : -1) + options.length) % options.length)
    } else if (event.key === 'Enter') {
      event.preventDefault()
      if (query.trim() && options.length) void add(options[active]).then(() => submitNow && undefined)
      else if (submitNow || !query.trim()) void submit()
    } else if (event.key === 'Backspace' && query === '' && rows.length) {
      setRows((current) => current.slice(0, -1))
    }
  }

  const onFieldKey = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key !== 'Enter' || event.target instanceof HTMLButtonElement) return
    if (event.target instanceof HTMLSelectElement && !(event.ctrlKey || event.metaKey)) return
    event.preventDefault()
    void submit()
  }

  const update = (index: number, patch: Partial<Row>) => setRows((current) => current.map((r, i) => (i === index ? { ...r, ...patch } : r)))
  const optionId = (i: number) => `${baseId}-option-${i}`
  const title = request.kind === 'edit' ? t('picker.editTitle') : t('picker.title')

  return (
    <Dialog title={title} onClose={close} className="dialog-wide citation-picker" initialFocus="input[role='combobox']">
      <div className="cite-search">
        <Icon name="search" size={16} />
        <input
          type="text"
          role="combobox"
          aria-label={t('picker.search')}
          aria-expanded={options.length > 0}
          aria-controls={`${baseId}-results`}
          aria-autocomplete="list"
          aria-activedescendant={options.length ? optionId(active) : undefined}
          aria-describedby={`${baseId}-help`}
          placeholder={t('picker.placeholder')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={onSearchKey}
          autoComplete="off"
          spellCheck={false}
        />
      </div>
      <ul className="cite-results" role="listbox" id={`${baseId}-results`} aria-label={t('picker.results')} aria-busy={searching}>
        {options.map((option, i) => (
          <li
            key={option.kind === 'source' ? option.source.id : `identifier:${option.text}`}
            id={optionId(i)}
            role="option"
            aria-selected={i === active}
            className={`cite-option${i === active ? ' is-active' : ''}`}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => void add(option)}
          >
            {option.kind === 'identifier' ? (
              <span className="cite-identifier">{t('picker.fromIdentifier', { identifier: option.text })}</span>
            ) : (
              <>
                {option.source.cited ? <span className="source-badge">{t('picker.cited')}</span> : option.source.recent ? <span className="source-badge source-badge-quiet">{t('picker.recent')}</span> : null}
                <span className="cite-option-line">
                  <span className="cite-authors">{[option.source.authors || t('sources.noAuthors'), option.source.year].filter(Boolean).join(' · ')}</span>
                  <span className="cite-title">{option.source.title || t('sources.noTitle')}</span>
                  <span className="cite-journal">{[option.source.journal, option.source.doi && `doi:${option.source.doi}`, option.source.pmid && `PMID ${option.source.pmid}`].filter(Boolean).join(' · ')}</span>
                </span>
              </>
            )}
          </li>
        ))}
        {options.length === 0 ? <li className="cite-empty">{query ? t('picker.noMatch') : t('picker.libraryEmpty')}</li> : null}
      </ul>
      <p id={`${baseId}-help`} className="field-help">
        {t('picker.help')}
      </p>
      <section className="cite-items" aria-labelledby={`${baseId}-items`}>
        <h3 id={`${baseId}-items`}>{t('picker.items', { count: rows.length })}</h3>
        {rows.length === 0 ? <p className="panel-note">{t('picker.noItems')}</p> : null}
        <ol>
          {rows.map((row, index) => (
            <li key={row.source} className="cite-item" onKeyDown={onFieldKey}>
              <span className="cite-item-line">{row.line}</span>
              <div className="cite-item-fields">
                <select aria-label={t('picker.locatorType', { source: row.line })} value={row.label ?? 'page'} onChange={(e) => update(index, { label: e.target.value as LocatorType })}>
                  {locatorTypes.map((type) => (
                    <option key={type} value={type}>
                      {t(`locator.${type}`)}
                    </option>
                  ))}
                </select>
                <input type="text" className="cite-locator" aria-label={t('picker.locator', { source: row.line })} placeholder={t('picker.locatorPlaceholder')} value={row.locator ?? ''} maxLength={40} onChange={(e) => update(index, { locator: e.target.value })} />
                <input type="text" aria-label={t('picker.prefix', { source: row.line })} placeholder={t('picker.prefixPlaceholder')} value={row.prefix ?? ''} maxLength={200} onChange={(e) => update(index, { prefix: e.target.value })} />
                <input type="text" aria-label={t('picker.suffix', { source: row.line })} placeholder={t('picker.suffixPlaceholder')} value={row.suffix ?? ''} maxLength={200} onChange={(e) => update(index, { suffix: e.target.value })} />
                <button type="button" className="icon-button" aria-label={t('picker.remove', { source: row.line })} onClick={() => setRows((current) => current.filter((_, i) => i !== index))}>
                  <Icon name="close" size={16} />
                </button>
              </div>
            </li>
          ))}
        </ol>
      </section>
      <p className="cite-preview">
        <span>{t('picker.preview')}</span> <output aria-live="polite">{preview || '—'}</output>
      </p>
      <div className="dialog-actions">
        {request.kind === 'edit' ? (
          <button type="button" className="button button-danger-quiet" onClick={removeCitation}>
            {t('picker.removeCitation')}
          </button>
        ) : null}
        <span className="spacer" />
        <button type="button" className="button" onClick={close}>
          {t('app:common.cancel')}
        </button>
        <button type="button" className="button button-primary" disabled={rows.length === 0 || busy} onClick={() => void submit()}>
          {request.kind === 'edit' ? t('picker.update') : t('picker.insert')}
        </button>
      </div>
    </Dialog>
  )
}
