import { useEffect, useRef, useState, useSyncExternalStore } from 'react'
import { useEditor, type Editor, type JSONContent } from '@tiptap/react'
import { useTranslation } from 'react-i18next'
import type { Article, DocumentJson } from '../../shared/articles'
import { countWords } from '../../shared/document'
import { call } from '../api'
import { CitationEngine } from '../citations/engine'
import { citationTexts } from '../citations/texts'
import { useNotices } from '../app/notices'
import { Autosave, type SaveState } from './autosave'
import { editorExtensions } from './extensions'
import { draftOf, fieldsForSave, type Draft } from './fields'
import { documentWords } from './wordCount'

/** A value that changes now and then, read by the one small component that shows it. */
export class Store<T> {
  private readonly listeners = new Set<() => void>()
  constructor(private value: T) {}
  get = (): T => this.value
  set(value: T): void {
    if (Object.is(value, this.value)) return
    this.value = value
    for (const listener of [...this.listeners]) listener()
  }
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
}

export const useStore = <T,>(store: Store<T>): T => useSyncExternalStore(store.subscribe, store.get)
export const useSaveState = (autosave: Autosave): SaveState => useSyncExternalStore(autosave.subscribe, autosave.getState)

export interface ArticleSession {
  article: Article
  editor: Editor
  autosave: Autosave
  draft: Draft
  setField<K extends keyof Draft>(key: K, value: Draft[K]): void
  words: Store<number>
  /** The last save kept the old slug because another article has the typed one. */
  slugTaken: boolean
  linkDialogOpen: boolean
  setLinkDialogOpen(open: boolean): void
  /** The article's citations: formatting from main, numbering and bibliography, the picker. */
  citations: CitationEngine
  toggleBlockLanguage(): void
}

const countDelayMs = 250

/**
 * One open article: its form fields, the Tiptap editor and the autosave behind them. Typing in the body touches no
 * React state: the editor marks the autosave dirty and schedules a word count, both O(1) per keystroke.
 */
export function useArticleSession(article: Article): ArticleSession {
  const { t, i18n } = useTranslation()
  const [draft, setDraft] = useState(() => draftOf(article))
  const draftRef = useRef(draft)
  const acceptedSlug = useRef(article.slug)
  const editorRef = useRef<Editor | null>(null)
  const [slugTaken, setSlugTaken] = useState(false)
  const { inform } = useNotices()
  const slugWarned = useRef(false)
  const [linkDialogOpen, setLinkDialogOpen] = useState(false)
  const [words] = useState(() => new Store(article.wordCount))
  const countTimer = useRef<ReturnType<typeof setTimeout>>(undefined)
  const [citations] = useState(() => new CitationEngine(article.language))
  useEffect(() => citations.setLanguage(draft.language), [citations, draft.language])

  const [autosave] = useState(
    () =>
      new Autosave({
        articleId: article.id,
        baseRevisionId: article.revisionId,
        savedAt: article.updatedAt,
        collect: () => fieldsForSave(draftRef.current, editorRef.current!.getJSON() as DocumentJson, acceptedSlug.current),
        save: (input) => call('articles.save', input),
        onSaved: (result) => {
          acceptedSlug.current = result.article.slug
          const taken = result.warnings.includes('slug-taken')
          setSlugTaken(taken)
          // Said once where the editor looks anyway, since the Details tab may be closed; the field says it too.
          if (taken && !slugWarned.current) inform('notices.slugTaken')
          slugWarned.current = taken
        },
      }),
  )
  useEffect(() => () => autosave.close(), [autosave])

  const scheduleCount = () => {
    clearTimeout(countTimer.current)
    countTimer.current = setTimeout(() => {
      const editor = editorRef.current
      if (!editor || editor.isDestroyed) return
      words.set(documentWords(editor.state.doc) + countWords(draftRef.current.title))
    }, countDelayMs)
  }
  useEffect(() => () => clearTimeout(countTimer.current), [])

  const toggleLanguageRef = useRef(() => {})
  const attributes = useRef<Record<string, string>>({})
  attributes.current = {
    id: 'article-body',
    class: 'article-body',
    role: 'textbox',
    'aria-multiline': 'true',
    'aria-label': t('editor.body'),
    lang: draft.language,
    spellcheck: 'true',
  }

  // Stable options: useEditor compares them per render, and a new object would reconfigure the editor each time.
  const [options] = useState(() => ({
    extensions: editorExtensions({
      openLinkDialog: () => setLinkDialogOpen(true),
      toggleBlockLanguage: () => toggleLanguageRef.current(),
      placeholder: () => i18n.t('editor.placeholder'),
      citations,
      citationTexts: () => citationTexts(i18n.t.bind(i18n), i18n.language),
    }),
    content: article.doc as JSONContent,
    injectCSS: false,
    shouldRerenderOnTransaction: false,
    immediatelyRender: true,
    editorProps: { attributes: () => attributes.current },
    onUpdate: () => {
      autosave.markDirty()
      scheduleCount()
    },
  }))
  const editor = useEditor(options)
  editorRef.current = editor

  // The body's label and spellcheck language follow the UI and the article: re-read the attributes once.
  useEffect(() => {
    if (!editor.isDestroyed) editor.view.dispatch(editor.state.tr.setMeta('addToHistory', false))
  }, [editor, i18n.language, draft.language])

  toggleLanguageRef.current = () => {
    // The marked language is the one that is not the article's: English quotes in Dutch text, or the reverse.
    const foreign = draftRef.current.language === 'nl' ? 'en' : 'nl'
    const current = blockLanguageAt(editor)
    editor.chain().focus().setBlockLanguage(current === foreign ? null : foreign).run()
  }

  const setField = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    const next = { ...draftRef.current, [key]: value }
    draftRef.current = next
    setDraft(next)
    autosave.markDirty()
    if (key === 'title') scheduleCount()
  }

  return {
    article,
    editor,
    autosave,
    draft,
    setField,
    words,
    slugTaken,
    linkDialogOpen,
    setLinkDialogOpen,
    citations,
    toggleBlockLanguage: () => toggleLanguageRef.current(),
  }
}

/** The language marked on the cursor's block (or the blockquote around it), null when none is. */
export function blockLanguageAt(editor: Editor): string | null {
  const { $from } = editor.state.selection
  for (let depth = 1; depth <= $from.depth; depth++) {
    const node = $from.node(depth)
    if (node.type.name === 'blockquote') return (node.attrs.lang as string | null) ?? null
  }
  return ($from.parent.attrs.lang as string | null | undefined) ?? null
}
