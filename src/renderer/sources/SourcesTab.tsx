// The source library seen from an article: its citation style, the sources it cites, and the door to the library.
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { runsText } from '../../shared/document/bibliography'
import { citationStyles, type CitationStyle } from '../../shared/citations'
import { Icon } from '../app/icons'
import { shortcutLabel, shortcuts } from '../app/shortcuts'
import { useNotices } from '../app/notices'
import { useCall } from '../app/useCall'
import { useStore, type ArticleSession } from '../editor/session'
import { LibraryDialog } from './LibraryDialog'

export function SourcesTab({ session }: { session: ArticleSession }) {
  const { t } = useTranslation(['citations', 'app'])
  const { report } = useNotices()
  const derived = useStore(session.citations.derived)
  const failed = useStore(session.citations.failed)
  const [library, setLibrary] = useState<{ sourceId?: string } | null>(null)
  const articleId = session.article.id
  const attached = useCall('sources.forArticle', { articleId }, articleId, (e) => report(e, 'notices.sourcesFailed'))
  const cited = new Set(derived.entries.map((e) => e.id))
  const uncited = (attached.data ?? []).filter((s) => !cited.has(s.id) && !derived.cited.includes(s.id))

  const setStyle = (style: CitationStyle) => session.editor.chain().setCitationStyle(style).run()

  return (
    <div className="sources-tab">
      <label className="field">
        <span className="field-label">{t('style.label')}</span>
        <select value={derived.style} onChange={(e) => setStyle(e.target.value as CitationStyle)}>
          {citationStyles.map((style) => (
            <option key={style} value={style}>
              {t(`style.${style}`)}
            </option>
          ))}
        </select>
      </label>
      <div className="sources-actions">
        <button type="button" className="button button-small" onClick={() => session.citations.openPicker()}>
          <Icon name="cite" size={16} />
          <span>{t('toolbar.cite')}</span>
        </button>
        <button type="button" className="button button-small" onClick={() => setLibrary({})}>
          <Icon name="library" size={16} />
          <span>{t('library.open')}</span>
        </button>
      </div>
      <h3 className="panel-subheading">{t('tab.cited', { count: derived.entries.length })}</h3>
      {derived.entries.length === 0 ? <p className="panel-empty">{t('tab.noneCited', { shortcut: shortcutLabel(shortcuts.cite, t) })}</p> : null}
      {failed ? <p className="field-error">{t('bibliography.failed')}</p> : null}
      <ol className="source-list cited-list">
        {derived.entries.map((entry) => (
          <li key={entry.id} className={`source${entry.missing ? ' source-missing' : ''}`}>
            <span className="source-number" aria-hidden="true">
              {entry.number}
            </span>
            <div className="source-body">
              <p className="source-entry">{entry.source ? runsText(entry.source.entry) : entry.missing ? t('bibliography.missing', { id: entry.id }) : t('bibliography.pending')}</p>
              {entry.source?.provisional ? <p className="source-flag">{t('tab.provisional')}</p> : null}
              {!entry.missing ? (
                <button type="button" className="link-button" onClick={() => setLibrary({ sourceId: entry.id })}>
                  {t('tab.edit')}
                </button>
              ) : null}
            </div>
          </li>
        ))}
      </ol>
      {uncited.length ? (
        <>
          <h3 className="panel-subheading">{t('tab.attached', { count: uncited.length })}</h3>
          <ul className="source-list">
            {uncited.map((source) => (
              <li key={source.id} className="source">
                <div className="source-body">
                  <p className="source-entry">{source.csl.title ?? source.id}</p>
                  <button type="button" className="link-button" onClick={() => setLibrary({ sourceId: source.id })}>
                    {t('tab.edit')}
                  </button>
                </div>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {library ? (
        <LibraryDialog
          initialSourceId={library.sourceId}
          onClose={() => {
            setLibrary(null)
            attached.reload()
          }}
        />
      ) : null}
    </div>
  )
}
