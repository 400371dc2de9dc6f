import { useEffect, useRef, type KeyboardEvent, type Ref } from 'react'
import { EditorContent } from '@tiptap/react'
import { useTranslation } from 'react-i18next'
import { ArticleStatus } from '../../shared/articles'
import { Icon } from '../app/icons'
import { fieldLimits } from './fields'
import { PickerHost } from '../citations/PickerHost'
import { LinkDialog } from './LinkDialog'
import type { ArticleSession } from './session'
import { Toolbar } from './Toolbar'

interface EditorPaneProps {
  session: ArticleSession
  titleRef: Ref<HTMLTextAreaElement>
  panelOpen: boolean
  onTogglePanel(): void
  panelId: string
  /** Shown in place of the text (a revision preview); the editor stays mounted underneath. */
  overlay?: React.ReactNode
  banner?: React.ReactNode
}

export function EditorPane({ session, titleRef, panelOpen, onTogglePanel, panelId, overlay, banner }: EditorPaneProps) {
  const { t } = useTranslation()
  const { editor, draft, setField } = session
  const statusRef = useRef<HTMLSelectElement>(null)

  useEffect(() => {
    document.title = draft.title.trim() ? t('app.windowTitle', { title: draft.title.trim() }) : t('app.name')
  }, [draft.title, t])

  // Enter or ArrowDown at the end of the title continues in the text, as in a word processor.
  const onTitleKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    const field = event.currentTarget
    const atEnd = field.selectionStart === field.value.length && field.selectionEnd === field.value.length
    if (event.key === 'Enter' || (event.key === 'ArrowDown' && atEnd)) {
      event.preventDefault()
      // Tiptap's focus command waits a frame; the next key must already land in the text.
      editor.view.focus()
      editor.commands.focus('start')
    }
  }

  return (
    <main className="editor-pane">
      <div className="editor-topbar">
        {/* While a revision is previewed the toolbar would format the hidden text: it is inert until editing resumes. */}
        <div inert={!!overlay} className={overlay ? 'toolbar-inert' : undefined}>
          <Toolbar
            editor={editor}
            articleLanguage={draft.language}
            onLink={() => session.setLinkDialogOpen(true)}
            onToggleLanguage={session.toggleBlockLanguage}
            onCite={() => session.citations.openPicker()}
          />
        </div>
        <span className="spacer" />
        <button
          type="button"
          className="tool"
          aria-label={panelOpen ? t('panel.hide') : t('panel.show')}
          data-tooltip={panelOpen ? t('panel.hide') : t('panel.show')}
          aria-expanded={panelOpen}
          aria-controls={panelId}
          onClick={onTogglePanel}
        >
          <Icon name="panel" />
        </button>
      </div>
      {banner}
      <div className="editor-scroll" hidden={!!overlay}>
        <div className="editor-column">
          <div className="article-meta-row">
            <label className="status-select">
              <span className="visually-hidden">{t('editor.status')}</span>
              <select ref={statusRef} value={draft.status} onChange={(e) => setField('status', e.target.value as ArticleStatus)} className={`status-pill status-${draft.status}`}>
                {ArticleStatus.options.map((status) => (
                  <option key={status} value={status}>
                    {t(`status.${status}`)}
                  </option>
                ))}
              </select>
            </label>
            <span className="article-language">{t(`articleLanguage.${draft.language}`)}</span>
          </div>
          <textarea
            ref={titleRef}
            className="title-field"
            value={draft.title}
            rows={1}
            maxLength={fieldLimits.title}
            onChange={(e) => setField('title', e.target.value.replace(/[\r\n]+/g, ' '))}
            onKeyDown={onTitleKeyDown}
            aria-label={t('editor.title')}
            placeholder={t('editor.titlePlaceholder')}
            lang={draft.language}
          />
          <EditorContent editor={editor} />
        </div>
      </div>
      {overlay}
      {session.linkDialogOpen ? <LinkDialog editor={editor} onClose={() => session.setLinkDialogOpen(false)} /> : null}
      <PickerHost session={session} />
    </main>
  )
}
