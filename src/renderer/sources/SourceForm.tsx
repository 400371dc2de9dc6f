import { useEffect, useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { cslTypes, type CslItem, type SaveSourceInput, type SourceRecord, type WhereUsed } from '../../shared/citations'
import { ApiError } from '../../shared/errors'
import { call } from '../api'
import { useNotices } from '../app/notices'

/** The fields an editor edits, as text; everything else in the CSL item is kept as it was. */
interface Fields {
  type: string
  title: string
  authors: string
  journal: string
  journalShort: string
  year: string
  volume: string
  issue: string
  page: string
  doi: string
  pmid: string
  url: string
  language: string
}

const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '')

/** One author per line: "Family, Given", or a group's name as it is written. */
export const authorsToText = (csl: Partial<CslItem>): string =>
  (csl.author ?? []).map((a) => (a.literal ? str(a.literal) : [str(a.family), str(a.given)].filter(Boolean).join(', '))).join('\n')

export const textToAuthors = (text: string): NonNullable<CslItem['author']> =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const at = line.indexOf(',')
      return at > 0 ? { family: line.slice(0, at).trim(), given: line.slice(at + 1).trim() } : { literal: line }
    })

function fieldsOf(csl: Partial<CslItem>): Fields {
  return {
    type: str(csl.type) || 'article-journal',
    title: str(csl.title),
    authors: authorsToText(csl),
    journal: str(csl['container-title']),
    journalShort: str(csl['container-title-short']),
    year: str(csl.issued?.['date-parts']?.[0]?.[0]),
    volume: str(csl.volume),
    issue: str(csl.issue),
    page: str(csl.page),
    doi: str(csl.DOI),
    pmid: str(csl.PMID),
    url: str(csl.URL),
    language: str(csl.language),
  }
}

/** What is wrong with the fields, by field; empty when they can be saved. */
export function problems(f: Fields): Partial<Record<keyof Fields, string>> {
  const out: Partial<Record<keyof Fields, string>> = {}
  if (!f.title.trim() && !f.authors.trim()) out.title = 'form.needTitle'
  if (f.year.trim() && !/^\d{4}$/.test(f.year.trim())) out.year = 'form.badYear'
  if (f.doi.trim() && !/^(?:https?:\/\/(?:dx\.)?doi\.org\/|doi:\s*)?10\.\d{4,9}\/\S+$/i.test(f.doi.trim())) out.doi = 'form.badDoi'
  if (f.pmid.trim() && !/^\d{1,9}$/.test(f.pmid.trim())) out.pmid = 'form.badPmid'
  if (f.url.trim() && !/^https?:\/\/\S+$/i.test(f.url.trim())) out.url = 'form.badUrl'
  return out
}

function cslOf(base: Partial<CslItem>, f: Fields): SaveSourceInput['csl'] {
  const parts = base.issued?.['date-parts']?.[0]
  const sameYear = parts && String(parts[0]) === f.year.trim()
  const { id: _id, ...rest } = base as CslItem
  return {
    ...rest,
    type: f.type,
    title: f.title.trim() || undefined,
    author: textToAuthors(f.authors),
    'container-title': f.journal.trim() || undefined,
    'container-title-short': f.journalShort.trim() || undefined,
    issued: f.year.trim() ? (sameYear ? base.issued : { 'date-parts': [[Number(f.year.trim())]] }) : undefined,
    volume: f.volume.trim() || undefined,
    issue: f.issue.trim() || undefined,
    page: f.page.trim() || undefined,
    DOI: f.doi.trim() || undefined,
    PMID: f.pmid.trim() || undefined,
    URL: f.url.trim() || undefined,
    language: f.language.trim() || undefined,
  }
}

export function SourceForm({ sourceId, onSaved, onDeleted }: { sourceId: string | null; onSaved(id: string): void; onDeleted(): void }) {
  const { t } = useTranslation(['citations', 'app'])
  const { report } = useNotices()
  const baseId = useId()
  const [record, setRecord] = useState<SourceRecord | null>(null)
  const [fields, setFields] = useState<Fields>(() => fieldsOf({}))
  const [used, setUsed] = useState<WhereUsed | null>(null)
  const [shown, setShown] = useState<Partial<Record<keyof Fields, string>>>({})
  const [message, setMessage] = useState<string | null>(null)

  useEffect(() => {
    if (!sourceId) return
    Promise.all([call('sources.get', { id: sourceId }), call('sources.whereUsed', { id: sourceId })])
      .then(([r, w]) => {
        setRecord(r)
        setFields(fieldsOf(r.csl))
        setUsed(w)
      })
      .catch((error) => report(error, 'citations:notices.loadFailed'))
  }, [sourceId, report])

  const set = (key: keyof Fields) => (e: { target: { value: string } }) => {
    setFields((f) => ({ ...f, [key]: e.target.value }))
    setMessage(null)
  }

  const save = async (event: FormEvent) => {
    event.preventDefault()
    const found = problems(fields)
    setShown(found)
    if (Object.keys(found).length) return
    try {
      const saved = await call('sources.save', { id: record?.id, csl: cslOf(record?.csl ?? {}, fields), baseUpdatedAt: record?.updatedAt })
      setRecord(saved)
      setFields(fieldsOf(saved.csl))
      setMessage(t('form.saved'))
      onSaved(saved.id)
    } catch (error) {
      report(error, 'citations:notices.saveFailed')
    }
  }

  const remove = async () => {
    if (!record) return
    try {
      await call('sources.delete', { id: record.id })
      onDeleted()
    } catch (error) {
      if (error instanceof ApiError && error.code === 'conflict') setMessage(t('form.inUse', { count: used?.articles.length ?? 0 }))
      else report(error, 'citations:notices.deleteFailed')
    }
  }

  const field = (key: keyof Fields, label: string, options: { multiline?: boolean; wide?: boolean; placeholder?: string } = {}) => {
    const id = `${baseId}-${key}`
    const problem = shown[key]
    const props = { id, value: fields[key], onChange: set(key), 'aria-invalid': !!problem, 'aria-describedby': problem ? `${id}-problem` : undefined, placeholder: options.placeholder }
    return (
      <div className={`field${options.wide ? ' field-wide' : ''}`}>
        <label className="field-label" htmlFor={id}>
          {label}
        </label>
        {options.multiline ? <textarea rows={key === 'authors' ? 4 : 2} {...props} /> : <input type="text" {...props} />}
        {problem ? (
          <p id={`${id}-problem`} className="field-error">
            {t(problem)}
          </p>
        ) : null}
      </div>
    )
  }

  if (sourceId && !record) return <p className="panel-note">{t('app:common.loading')}</p>
  return (
    <form className="source-form" onSubmit={save} noValidate aria-label={record ? t('form.editing', { id: record.id }) : t('form.new')}>
      {record ? (
        <p className="source-form-id">
          <span>{record.id}</span>
          {record.provisional ? <span className="source-badge source-badge-quiet">{t(`lookup.${record.lookup}`)}</span> : null}
          {record.lookupError ? <span className="field-help">{record.lookupError}</span> : null}
        </p>
      ) : null}
      <div className="field">
        <label className="field-label" htmlFor={`${baseId}-type`}>
          {t('form.type')}
        </label>
        <select id={`${baseId}-type`} value={fields.type} onChange={set('type')}>
          {[...new Set([...cslTypes, fields.type])].map((type) => (
            <option key={type} value={type}>
              {(cslTypes as readonly string[]).includes(type) ? t(`type.${type}`) : type}
            </option>
          ))}
        </select>
      </div>
      <div className="source-form-grid">
        {field('title', t('form.title'), { multiline: true, wide: true })}
        {field('authors', t('form.authors'), { multiline: true, wide: true, placeholder: t('form.authorsPlaceholder') })}
        {field('journal', t('form.journal'), { wide: true })}
        {field('journalShort', t('form.journalShort'))}
        {field('year', t('form.year'))}
        {field('volume', t('form.volume'))}
        {field('issue', t('form.issue'))}
        {field('page', t('form.page'))}
        {field('language', t('form.language'))}
        {field('doi', t('form.doi'))}
        {field('pmid', t('form.pmid'))}
        {field('url', t('form.url'), { wide: true })}
      </div>
      {used && (used.articles.length > 0 || used.quotes.length > 0) ? (
        <section className="where-used" aria-labelledby={`${baseId}-used`}>
          <h3 id={`${baseId}-used`}>{t('form.whereUsed')}</h3>
          <ul>
            {used.articles.map((a) => (
              <li key={a.id}>
                {a.title || t('form.untitled')} <span className="field-help">{a.citations ? t('form.citations', { count: a.citations }) : t('form.attached')}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <p className="field-help" role="status">
        {message}
      </p>
      <div className="dialog-actions">
        {record ? (
          <button type="button" className="button button-danger-quiet" onClick={() => void remove()}>
            {t('form.delete')}
          </button>
        ) : null}
        <span className="spacer" />
        <button type="submit" className="button button-primary">
          {record ? t('form.save') : t('form.add')}
        </button>
      </div>
    </form>
  )
}
