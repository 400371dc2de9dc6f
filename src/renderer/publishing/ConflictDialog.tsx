import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Conflict, ConflictVersion, OutboxItem } from '../../shared/publishing'
import { call } from '../api'
import { Dialog } from '../app/Dialog'
import { useFormat } from '../app/format'
import { Icon } from '../app/icons'
import { useNotices } from '../app/notices'
import { useCall } from '../app/useCall'
import { alignBlocks, blocksOf, displayHtml, stayInPlace, type PlaceholderLabels } from './display-html'
import { useCodeText } from './text'

interface ConflictDialogProps {
  item: OutboxItem
  onClose(): void
  onResolved(): void
}

export function usePlaceholderLabels(): PlaceholderLabels {
  const { t } = useTranslation('publishing')
  return useMemo(
    () => ({ image: (alt: string) => (alt ? t('preview.image', { alt }) : t('preview.imageNoAlt')), embed: (kind: string) => t('preview.embed', { kind }) }),
    [t],
  )
}

/**
 * An article edited on the site since Kopij last sent it. Three ways on: send mine over it, take the site's version
 * into the archive (as a new revision; mine stays in the history), or first look at both side by side.
 */
export function ConflictDialog({ item, onClose, onResolved }: ConflictDialogProps) {
  const { t } = useTranslation(['publishing', 'app'])
  const { report, inform } = useNotices()
  const conflict = useCall('conflicts.get', { itemId: item.id }, item.id, (e) => report(e, 'publishing:notices.conflictFailed'))
  const [sideBySide, setSideBySide] = useState(false)
  const [busy, setBusy] = useState(false)
  const data = conflict.data

  const resolve = async (choice: 'keep-mine' | 'take-theirs') => {
    setBusy(true)
    try {
      await call('conflicts.resolve', { itemId: item.id, choice })
      inform(choice === 'keep-mine' ? 'publishing:notices.keptMine' : 'publishing:notices.tookTheirs')
      onResolved()
      onClose()
    } catch (error) {
      report(error, 'publishing:notices.resolveFailed')
      setBusy(false)
    }
  }

  return (
    <Dialog title={t('conflict.title', { title: item.title || t('app:list.untitled') })} onClose={onClose} className={sideBySide ? 'dialog-full' : 'dialog-wide'}>
      <p className="dialog-message">{data && !data.theirs ? t('conflict.gone') : t('conflict.explain')}</p>
      {conflict.loading && !data ? <p className="section-note">{t('conflict.loading')}</p> : null}
      {data ? <VersionFacts conflict={data} /> : null}
      {data && sideBySide ? <SideBySide mine={data.mine} theirs={data.theirs} /> : null}
      <div className="dialog-actions">
        {data?.theirs ? (
          <button type="button" className="button" aria-expanded={sideBySide} onClick={() => setSideBySide((v) => !v)}>
            <Icon name="columns" size={16} />
            <span>{sideBySide ? t('conflict.hideBoth') : t('conflict.showBoth')}</span>
          </button>
        ) : null}
        <span className="spacer" />
        <button type="button" className="button" onClick={onClose}>
          {t('conflict.later')}
        </button>
        {data?.theirs ? (
          <button type="button" className="button" disabled={busy} onClick={() => void resolve('take-theirs')}>
            {t('conflict.takeTheirs')}
          </button>
        ) : null}
        <button type="button" className="button button-primary" disabled={busy || !data} onClick={() => void resolve('keep-mine')}>
          {t('conflict.keepMine')}
        </button>
      </div>
    </Dialog>
  )
}

function VersionFacts({ conflict }: { conflict: Conflict }) {
  const { t } = useTranslation(['publishing', 'app'])
  const format = useFormat()
  const { mine, theirs } = conflict
  const text = useCodeText()
  // Site statuses come in the site's words (publish, future, private…; the export API's published, scheduled…).
  const status = (value: string | null) => (value ? text('siteStatus', value, value) : '')
  const rows: [string, string, string, boolean][] = [
    [t('conflict.field.title'), mine.title, theirs?.title ?? '', true],
    [t('conflict.field.slug'), mine.slug, theirs?.slug ?? '', true],
    [t('conflict.field.status'), status(mine.status), status(theirs?.status ?? null), true],
    [t('conflict.field.modified'), t('conflict.notYetSent'), theirs?.modifiedAt ? format.dateTime(theirs.modifiedAt) : '', false],
  ]
  return (
    <table className="conflict-facts">
      <thead>
        <tr>
          <td />
          <th scope="col">{t('conflict.mine')}</th>
          <th scope="col">{t('conflict.theirs')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([label, a, b, compared]) => (
          <tr key={label} className={theirs && compared && a !== b ? 'is-different' : undefined}>
            <th scope="row">{label}</th>
            <td>{a || '—'}</td>
            <td>{theirs ? b || '—' : t('conflict.goneShort')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** Both texts in two columns, block by block, with what differs marked (a diff by paragraph, not by word). */
function SideBySide({ mine, theirs }: { mine: ConflictVersion; theirs: ConflictVersion | null }) {
  const { t } = useTranslation('publishing')
  const labels = usePlaceholderLabels()
  const rows = useMemo(() => alignBlocks(blocksOf(mine.html), blocksOf(theirs?.html ?? '')), [mine.html, theirs?.html])
  const changed = rows.filter((r) => !r.same).length
  // Each cell says whose it is and whether it differs, for a screen reader going row by row.
  const cell = (html: string | undefined, side: 'mine' | 'theirs', same: boolean) =>
    html === undefined ? (
      <div className={`diff-cell diff-empty diff-${side}`} aria-hidden="true" />
    ) : (
      <div className={`diff-cell diff-${side}${same ? '' : ' is-changed'}`}>
        <span className="visually-hidden">{t(same ? `conflict.cell.${side}` : `conflict.cell.${side}Changed`)}</span>
        <div dangerouslySetInnerHTML={{ __html: displayHtml(html, labels) }} />
      </div>
    )
  return (
    <section className="side-by-side" aria-label={t('conflict.sideBySide')}>
      <p className="section-note" role="status">
        {t('conflict.changedBlocks', { count: changed })}
      </p>
      <div className="diff-header" aria-hidden="true">
        <span>{t('conflict.mine')}</span>
        <span>{t('conflict.theirs')}</span>
      </div>
      <div className="diff-rows published-text" onClick={stayInPlace} onAuxClick={stayInPlace} tabIndex={0} role="group" aria-label={t('conflict.sideBySide')}>
        {rows.map((row, index) => (
          <div key={index} className="diff-row">
            {cell(row.mine?.html, 'mine', row.same)}
            {cell(row.theirs?.html, 'theirs', row.same)}
          </div>
        ))}
      </div>
    </section>
  )
}
