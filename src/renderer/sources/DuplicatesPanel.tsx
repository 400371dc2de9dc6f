import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { DuplicateGroup } from '../../shared/citations'
import { call } from '../api'
import { useNotices } from '../app/notices'
import { sourceLine } from '../citations/CitationPicker'

/** Likely duplicates, one group at a time: choose the record to keep, the others become aliases of it. */
export function DuplicatesPanel({ onMerged }: { onMerged(): void }) {
  const { t } = useTranslation(['citations', 'app'])
  const { report } = useNotices()
  const [groups, setGroups] = useState<DuplicateGroup[] | null>(null)
  const [keep, setKeep] = useState<Record<string, string>>({})
  const [tick, setTick] = useState(0)

  useEffect(() => {
    call('sources.duplicates', {})
      .then(setGroups)
      .catch((error) => report(error, 'citations:notices.loadFailed'))
  }, [tick, report])

  const merge = async (group: DuplicateGroup) => {
    const kept = keep[group.key] ?? group.sources[0]!.id
    try {
      await call('sources.merge', { keep: kept, merge: group.sources.map((s) => s.id).filter((id) => id !== kept) })
      setTick((n) => n + 1)
      onMerged()
    } catch (error) {
      report(error, 'citations:notices.mergeFailed')
    }
  }

  if (!groups) return <p className="panel-note">{t('app:common.loading')}</p>
  if (groups.length === 0) return <p className="panel-empty">{t('duplicates.none')}</p>
  return (
    <div className="duplicates">
      <p className="panel-note">{t('duplicates.intro')}</p>
      {groups.map((group) => (
        <fieldset key={`${group.reason}:${group.key}`} className="duplicate-group">
          <legend>{t(`duplicates.reason.${group.reason}`, { key: group.key })}</legend>
          {group.sources.map((source) => (
            <label key={source.id} className="duplicate-choice">
              <input type="radio" name={`keep-${group.key}`} checked={(keep[group.key] ?? group.sources[0]!.id) === source.id} onChange={() => setKeep((k) => ({ ...k, [group.key]: source.id }))} />
              <span>
                <code>{source.id}</code> {sourceLine(source)}
              </span>
            </label>
          ))}
          <button type="button" className="button button-small" onClick={() => void merge(group)}>
            {t('duplicates.merge', { count: group.sources.length })}
          </button>
        </fieldset>
      ))}
    </div>
  )
}
