import { useEffect, useId, useRef, useState, type ChangeEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { maxImportChars, type ImportReport } from '../../shared/citations'
import { call, on } from '../api'
import { useFormat } from '../app/format'
import { useNotices } from '../app/notices'

type Phase = { kind: 'idle' } | { kind: 'checking'; jobId: string; done: number; total: number } | { kind: 'checked'; report: ImportReport } | { kind: 'done'; added: number; skipped: number }

const newJobId = () => crypto.randomUUID()

/** Import from a file (an <input type="file">, so the same in Electron and a browser) or pasted text: check, then store. */
export function ImportPanel({ onDone }: { onDone(): void }) {
  const { t } = useTranslation(['citations', 'app'])
  const format = useFormat()
  const { report } = useNotices()
  const baseId = useId()
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' })
  const [pasted, setPasted] = useState('')
  const [skipDuplicates, setSkipDuplicates] = useState(true)
  const [tooLarge, setTooLarge] = useState(false)
  const jobRef = useRef<string | null>(null)

  useEffect(
    () =>
      on('sources.importProgress', (event) => {
        if (event.jobId !== jobRef.current) return
        setPhase((p) => (p.kind === 'checking' ? { ...p, done: event.done, total: event.total } : p))
      }),
    [],
  )
  // Closing the dialog while a file is being read stops the reading.
  useEffect(() => () => void (jobRef.current && call('sources.importCancel', { jobId: jobRef.current }).catch(() => undefined)), [])

  const check = async (text: string, fileName: string) => {
    setTooLarge(false)
    if (text.length > maxImportChars) return setTooLarge(true)
    const jobId = newJobId()
    jobRef.current = jobId
    setPhase({ kind: 'checking', jobId, done: 0, total: 0 })
    try {
      const result = await call('sources.importCheck', { jobId, text, fileName })
      if (jobRef.current !== jobId) return
      setPhase(result.cancelled ? { kind: 'idle' } : { kind: 'checked', report: result })
    } catch (error) {
      report(error, 'citations:notices.importFailed')
      setPhase({ kind: 'idle' })
    }
  }

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0]
    event.target.value = ''
    if (!file) return
    // A file far over the limit is refused before it is read into memory.
    if (file.size > maxImportChars * 4) return setTooLarge(true)
    await check(await file.text(), file.name)
  }

  const cancel = () => {
    const jobId = jobRef.current
    jobRef.current = null
    if (jobId) call('sources.importCancel', { jobId }).catch(() => undefined)
    setPhase({ kind: 'idle' })
  }

  const commit = async (checked: ImportReport) => {
    try {
      const result = await call('sources.importCommit', { jobId: checked.jobId, skipDuplicates })
      jobRef.current = null
      setPhase({ kind: 'done', added: result.added, skipped: result.skipped })
      onDone()
    } catch (error) {
      report(error, 'citations:notices.importFailed')
    }
  }

  if (phase.kind === 'checking') {
    return (
      <div className="import-panel">
        <p id={`${baseId}-progress`}>{phase.total ? t('import.progress', { done: format.number(phase.done), total: format.number(phase.total) }) : t('import.reading')}</p>
        <progress aria-labelledby={`${baseId}-progress`} max={phase.total || 1} value={phase.done} />
        <div className="dialog-actions">
          <button type="button" className="button" onClick={cancel}>
            {t('import.cancel')}
          </button>
        </div>
      </div>
    )
  }

  if (phase.kind === 'checked') {
    const r = phase.report
    const toAdd = r.good - (skipDuplicates ? r.duplicates : 0)
    return (
      <div className="import-panel">
        <h3>{r.format ? t(`import.format.${r.format}`) : t('import.unknownFormat')}</h3>
        <p>{t('import.summary', { records: format.number(r.records), good: format.number(r.good), problems: format.number(r.problemCount) })}</p>
        {r.problemCount ? (
          <section aria-labelledby={`${baseId}-problems`}>
            <h4 id={`${baseId}-problems`}>{t('import.problems', { count: r.problemCount })}</h4>
            <ul className="import-problems">
              {r.problems.map((p) => (
                <li key={`${p.record}-${p.line}`}>
                  <strong>{t('import.where', { record: p.record, line: p.line })}</strong> {p.key ? <code>{p.key}</code> : null} {p.message}
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        {r.duplicates ? (
          <label className="checkbox">
            <input type="checkbox" checked={skipDuplicates} onChange={(e) => setSkipDuplicates(e.target.checked)} />
            <span>{t('import.skipDuplicates', { count: r.duplicates })}</span>
          </label>
        ) : null}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={cancel}>
            {t('import.discard')}
          </button>
          <span className="spacer" />
          <button type="button" className="button button-primary" disabled={toAdd <= 0} onClick={() => void commit(r)}>
            {r.problemCount ? t('import.commitGood', { count: toAdd, formatted: format.number(toAdd) }) : t('import.commit', { count: toAdd, formatted: format.number(toAdd) })}
          </button>
        </div>
      </div>
    )
  }

  return (
    <div className="import-panel">
      {phase.kind === 'done' ? (
        <p role="status" className="import-done">
          {t('import.done', { count: phase.added, formatted: format.number(phase.added), skipped: format.number(phase.skipped) })}
        </p>
      ) : null}
      <p className="panel-note">{t('import.formats')}</p>
      <label className="button import-file">
        <span>{t('import.chooseFile')}</span>
        <input type="file" className="visually-hidden" accept=".bib,.bibtex,.ris,.json,.nbib,.medline,.txt" onChange={(e) => void onFile(e)} />
      </label>
      <div className="field">
        <label className="field-label" htmlFor={`${baseId}-paste`}>
          {t('import.pasteLabel')}
        </label>
        <textarea id={`${baseId}-paste`} rows={6} value={pasted} onChange={(e) => setPasted(e.target.value)} placeholder={t('import.pastePlaceholder')} spellCheck={false} />
      </div>
      {tooLarge ? <p className="field-error">{t('import.tooLarge')}</p> : null}
      <div className="dialog-actions">
        <span className="spacer" />
        <button type="button" className="button button-primary" disabled={!pasted.trim()} onClick={() => void check(pasted, '')}>
          {t('import.check')}
        </button>
      </div>
    </div>
  )
}
