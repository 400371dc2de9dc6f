import { useTranslation } from 'react-i18next'
import { Dialog } from './Dialog'
import { shortcutLabel, shortcuts, type Shortcut, type ShortcutName } from './shortcuts'

const groups: { title: string; items: (ShortcutName | [ShortcutName, ShortcutName])[] }[] = [
  { title: 'workspace', items: ['newArticle', 'saveNow', 'focusSearch', 'history', 'publishing', 'previewPublished', ['nextPane', 'previousPane'], ['help', 'helpAlt']] },
  {
    title: 'text',
    items: ['bold', 'italic', 'underline', 'strike', 'heading2', 'heading3', 'bulletList', 'orderedList', 'blockquote', 'link', 'blockLanguage', 'cite', 'undo', 'redo'],
  },
]

/** Keys inside a list (not app-wide): a fixed text, or a shortcut shown as Ctrl or ⌘ like the others. */
const keyGroups: { title: string; keys: { name: string; shortcut?: Shortcut }[] }[] = [
  { title: 'list', keys: [{ name: 'listMove' }, { name: 'listOpen' }, { name: 'listSearch' }] },
  { title: 'publishing', keys: [{ name: 'pickMove' }, { name: 'pickToggle' }, { name: 'pickAll', shortcut: { mod: true, key: 'a' } }, { name: 'pickCheck' }] },
]

/** Every keyboard path in one overlay (F1 or Mod-/); a modal dialog, so Escape closes it and focus returns. */
export function ShortcutHelp({ onClose }: { onClose(): void }) {
  const { t } = useTranslation()
  const label = (name: ShortcutName) => shortcutLabel(shortcuts[name], t)
  return (
    <Dialog title={t('help.title')} onClose={onClose} className="dialog-wide">
      <div className="shortcut-groups">
        {groups.map((group) => (
          <section key={group.title} className="shortcut-group">
            <h3>{t(`help.group.${group.title}`)}</h3>
            <dl>
              {group.items.map((item) => {
                const [first, second] = Array.isArray(item) ? item : [item, null]
                return (
                  <div key={first} className="shortcut-row">
                    <dt>{t(`help.action.${first}`)}</dt>
                    <dd>
                      <kbd>{label(first)}</kbd>
                      {second ? (
                        <>
                          {' '}
                          <span className="shortcut-or">{t('help.or')}</span> <kbd>{label(second)}</kbd>
                        </>
                      ) : null}
                    </dd>
                  </div>
                )
              })}
            </dl>
          </section>
        ))}
        {keyGroups.map((group) => (
          <section key={group.title} className="shortcut-group">
            <h3>{t(`help.group.${group.title}`)}</h3>
            <dl>
              {group.keys.map((key) => (
                <div key={key.name} className="shortcut-row">
                  <dt>{t(`help.action.${key.name}`)}</dt>
                  <dd>
                    <kbd>{key.shortcut ? shortcutLabel(key.shortcut, t) : t(`help.keys.${key.name}`)}</kbd>
                  </dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
      <div className="dialog-actions">
        <span className="spacer" />
        <button type="button" className="button button-primary" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
    </Dialog>
  )
}
