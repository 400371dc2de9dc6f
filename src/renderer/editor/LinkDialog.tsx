import { useState, type FormEvent } from 'react'
import type { Editor } from '@tiptap/react'
import { useTranslation } from 'react-i18next'
import { isAllowedHref } from '../../shared/document'
import { Dialog } from '../app/Dialog'

/** What the editor typed, as a link Kopij keeps (http, https, mailto), or null. "example.org" becomes https. */
export function normalizeHref(input: string): string | null {
  const text = input.trim()
  if (!text) return null
  if (/^[\w.+-]+@[\w-]+(\.[\w-]+)+$/.test(text)) return `mailto:${text}`
  const candidate = /^[a-z][a-z0-9+.-]*:/i.test(text) ? text : `https://${text}`
  if (!isAllowedHref(candidate)) return null
  // "https://" alone or "https://foo" without a dot is almost always a typo, not an intranet host.
  if (/^https?:/i.test(candidate)) {
    const host = new URL(candidate).hostname
    if (!host.includes('.') && host !== 'localhost') return null
  }
  return candidate
}

export function LinkDialog({ editor, onClose }: { editor: Editor; onClose(): void }) {
  const { t } = useTranslation()
  const existing = (editor.getAttributes('link').href as string | undefined) ?? ''
  const [value, setValue] = useState(existing)
  const [problem, setProblem] = useState(false)

  const close = () => {
    onClose()
    editor.commands.focus()
  }

  const apply = (event: FormEvent) => {
    event.preventDefault()
    const href = normalizeHref(value)
    if (!href) return setProblem(true)
    const { empty } = editor.state.selection
    const chain = editor.chain().focus().extendMarkRange('link')
    if (empty && !existing) chain.insertContent({ type: 'text', text: value.trim(), marks: [{ type: 'link', attrs: { href } }] }).run()
    else chain.setLink({ href }).run()
    onClose()
  }

  const remove = () => {
    editor.chain().focus().extendMarkRange('link').unsetLink().run()
    onClose()
  }

  return (
    <Dialog title={existing ? t('link.editTitle') : t('link.title')} onClose={close} className="dialog-small">
      <form onSubmit={apply} noValidate>
        <label className="field">
          <span className="field-label">{t('link.address')}</span>
          <input
            type="url"
            value={value}
            onChange={(e) => {
              setValue(e.target.value)
              setProblem(false)
            }}
            placeholder={t('link.placeholder')}
            aria-invalid={problem}
            aria-describedby="link-help"
            autoComplete="off"
            spellCheck={false}
          />
        </label>
        <p id="link-help" className={problem ? 'field-error' : 'field-help'}>
          {problem ? t('link.invalid') : t('link.help')}
        </p>
        <div className="dialog-actions">
          {existing ? (
            <button type="button" className="button button-danger-quiet" onClick={remove}>
              {t('link.remove')}
            </button>
          ) : null}
          <span className="spacer" />
          <button type="button" className="button" onClick={close}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button button-primary">
            {t('link.apply')}
          </button>
        </div>
      </form>
    </Dialog>
  )
}
