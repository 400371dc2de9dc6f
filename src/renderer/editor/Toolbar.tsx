import { useEffect, useRef, type FocusEvent, type KeyboardEvent } from 'react'
import { useEditorState, type Editor } from '@tiptap/react'
import { redoDepth, undoDepth } from '@tiptap/pm/history'
import { useTranslation } from 'react-i18next'
import type { ArticleLanguage } from '../../shared/articles'
import { Icon, type IconName } from '../app/icons'
import { ariaShortcut, shortcutLabel, shortcuts, type ShortcutName } from '../app/shortcuts'
import { blockLanguageAt } from './session'

interface ToolbarProps {
  editor: Editor
  articleLanguage: ArticleLanguage
  onLink(): void
  onToggleLanguage(): void
  onCite(): void
}

/**
 * Formatting buttons. Their state comes from one useEditorState selector of booleans, so the toolbar re-renders only
 * when a mark or block under the cursor changes, not per keystroke.
 */
export function Toolbar({ editor, articleLanguage, onLink, onToggleLanguage, onCite }: ToolbarProps) {
  const { t } = useTranslation()
  const foreign: ArticleLanguage = articleLanguage === 'nl' ? 'en' : 'nl'
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      underline: e.isActive('underline'),
      strike: e.isActive('strike'),
      heading2: e.isActive('heading', { level: 2 }),
      heading3: e.isActive('heading', { level: 3 }),
      bulletList: e.isActive('bulletList'),
      orderedList: e.isActive('orderedList'),
      blockquote: e.isActive('blockquote'),
      link: e.isActive('link'),
      blockLanguage: blockLanguageAt(e),
      // undoDepth is O(1); editor.can() builds every command's chain on each transaction.
      canUndo: undoDepth(e.state) > 0,
      canRedo: redoDepth(e.state) > 0,
    }),
  })

  const chain = () => editor.chain().focus()
  const ref = useRef<HTMLDivElement>(null)
  const buttons = () => [...(ref.current?.querySelectorAll<HTMLButtonElement>('button') ?? [])]

  // One tab stop for the whole toolbar; arrow keys move between its buttons (the ARIA toolbar pattern).
  useEffect(() => {
    buttons().forEach((b, i) => (b.tabIndex = i === 0 ? 0 : -1))
  }, [])
  const onFocus = (event: FocusEvent) => {
    if (!(event.target instanceof HTMLButtonElement)) return
    for (const b of buttons()) b.tabIndex = b === event.target ? 0 : -1
  }
  const onKeyDown = (event: KeyboardEvent) => {
    const list = buttons().filter((b) => !b.disabled)
    const index = list.indexOf(document.activeElement as HTMLButtonElement)
    if (index < 0) return
    const target = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: list.length - 1 }[event.key]
    if (target === undefined) return
    event.preventDefault()
    list[(target + list.length) % list.length]?.focus()
  }
  const button = (name: ShortcutName & IconName, label: string, pressed: boolean | null, run: () => void, disabled = false) => (
    <button
      key={name}
      type="button"
      className="tool"
      aria-label={label}
      aria-pressed={pressed === null ? undefined : pressed}
      aria-keyshortcuts={ariaShortcut(shortcuts[name])}
      data-tooltip={t('toolbar.tooltip', { label, shortcut: shortcutLabel(shortcuts[name], t) })}
      disabled={disabled}
      // Keep the editor's selection: a toolbar click must not move focus out of the text first.
      onMouseDown={(event) => event.preventDefault()}
      onClick={run}
    >
      <Icon name={name} />
    </button>
  )

  return (
    <div ref={ref} className="toolbar" role="toolbar" aria-label={t('toolbar.label')} aria-controls="article-body" onFocus={onFocus} onKeyDown={onKeyDown}>
      <div className="tool-group">
        {button('bold', t('toolbar.bold'), state.bold, () => chain().toggleBold().run())}
        {button('italic', t('toolbar.italic'), state.italic, () => chain().toggleItalic().run())}
        {button('underline', t('toolbar.underline'), state.underline, () => chain().toggleUnderline().run())}
        {button('strike', t('toolbar.strike'), state.strike, () => chain().toggleStrike().run())}
      </div>
      <div className="tool-group">
        {button('heading2', t('toolbar.heading2'), state.heading2, () => chain().toggleHeading({ level: 2 }).run())}
        {button('heading3', t('toolbar.heading3'), state.heading3, () => chain().toggleHeading({ level: 3 }).run())}
        {button('bulletList', t('toolbar.bulletList'), state.bulletList, () => chain().toggleBulletList().run())}
        {button('orderedList', t('toolbar.orderedList'), state.orderedList, () => chain().toggleOrderedList().run())}
        {button('blockquote', t('toolbar.blockquote'), state.blockquote, () => chain().toggleBlockquote().run())}
      </div>
      <div className="tool-group">
        {button('link', state.link ? t('toolbar.editLink') : t('toolbar.link'), state.link, onLink)}
        {button('cite', t('citations:toolbar.cite'), null, onCite)}
        <button
          type="button"
          className="tool tool-language"
          aria-label={t(`toolbar.markLanguage.${foreign}`)}
          aria-pressed={state.blockLanguage === foreign}
          aria-keyshortcuts={ariaShortcut(shortcuts.blockLanguage)}
          data-tooltip={t('toolbar.tooltip', { label: t(`toolbar.markLanguage.${foreign}`), shortcut: shortcutLabel(shortcuts.blockLanguage, t) })}
          onMouseDown={(event) => event.preventDefault()}
          onClick={onToggleLanguage}
        >
          <Icon name="language" />
          <span className="tool-text" aria-hidden="true">
            {t(`languageCode.${foreign}`)}
          </span>
        </button>
      </div>
      <div className="tool-group">
        {button('undo', t('toolbar.undo'), null, () => chain().undo().run(), !state.canUndo)}
        {button('redo', t('toolbar.redo'), null, () => chain().redo().run(), !state.canRedo)}
      </div>
    </div>
  )
}
