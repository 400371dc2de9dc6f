// Writing an article: the open article's editor, side panel and status bar, with autosave behind them.
import { useEffect, useImperativeHandle, useRef, useState, type Ref } from 'react'
import { useTranslation } from 'react-i18next'
import type { Article, RevisionSummary } from '../../shared/articles'
import { useFormat } from '../app/format'
import { SidePanel, type PanelTab } from '../app/SidePanel'
import { typeHeldKeys } from '../app/typeahead'
import { CommentsTab } from '../comments/CommentsTab'
import { QuotesTab } from '../quotes/QuotesTab'
import { HistoryTab } from '../revisions/HistoryTab'
import { RevisionPreview } from '../revisions/RevisionPreview'
import { SourcesTab } from '../sources/SourcesTab'
import { DetailsTab } from './DetailsTab'
import { EditorPane } from './EditorPane'
import { SaveStatus } from './SaveStatus'
import { useArticleSession, useSaveState, useStore, type ArticleSession } from './session'

export interface EditorHandle {
  /** Saves what is unsaved; false when it could not be saved (the article must then stay open). */
  flush(): Promise<boolean>
  focusTitle(): void
  focusBody(): void
  /** Nothing unsaved and no save in flight: safe to replace with a newer version from elsewhere. */
  isClean(): boolean
  revisionId(): number
  /** Opens the citation picker at the cursor (Ctrl/Cmd+Shift+C, the menu). */
  cite(): void
}

interface ArticleEditorProps {
  article: Article
  ref: Ref<EditorHandle>
  /** Where the keyboard goes once this article is on screen (a new article: its title). */
  initialFocus?: 'title' | 'body'
  panelOpen: boolean
  onTogglePanel(): void
  tab: PanelTab
  onTab(tab: PanelTab): void
  onRestore(revision: RevisionSummary): void
  onReload(): void
  statusBar(children: React.ReactNode): React.ReactNode
}

export const panelId = 'side-panel'

export function ArticleEditor({ article, ref, initialFocus, panelOpen, onTogglePanel, tab, onTab, onRestore, onReload, statusBar }: ArticleEditorProps) {
  const session = useArticleSession(article)
  const titleRef = useRef<HTMLTextAreaElement>(null)
  const [preview, setPreview] = useState<number | null>(null)

  useEffect(() => {
    if (initialFocus === 'title') {
      titleRef.current?.focus()
      typeHeldKeys()
    }
    else if (initialFocus === 'body') {
      session.editor.view.focus()
      session.editor.commands.focus('start')
    }
    // Only when this article first shows; the component is keyed per opened article.
  }, [])

  useImperativeHandle(ref, () => ({
    flush: () => session.autosave.flush(),
    focusTitle: () => titleRef.current?.focus(),
    focusBody: () => {
      // While a revision is previewed the text is hidden: the pane's keyboard target is the preview's restore button.
      if (preview !== null) return document.querySelector<HTMLElement>('.preview-banner button')?.focus()
      session.editor.view.focus()
      session.editor.commands.focus()
    },
    isClean: () => session.autosave.getState().kind === 'saved' && !session.autosave.isDirty,
    revisionId: () => session.autosave.revisionId,
    cite: () => {
      if (preview === null) session.citations.openPicker()
    },
  }))

  const banner = <ConflictBanner session={session} onReload={onReload} />
  const overlay =
    preview !== null ? <RevisionPreview revisionId={preview} onClose={() => setPreview(null)} onRestore={onRestore} /> : undefined

  return (
    <>
      <EditorPane session={session} titleRef={titleRef} panelOpen={panelOpen} onTogglePanel={onTogglePanel} panelId={panelId} banner={banner} overlay={overlay} />
      {panelOpen ? (
        <aside className="panel-pane" id={panelId} aria-labelledby={`${panelId}-heading`}>
          <PanelHeading />
          <SidePanel tab={tab} onTab={onTab}>
            {tab === 'details' ? <DetailsTab session={session} /> : null}
            {tab === 'sources' ? <SourcesTab session={session} /> : null}
            {tab === 'quotes' ? <QuotesTab /> : null}
            {tab === 'comments' ? <CommentsTab articleId={article.id} /> : null}
            {tab === 'history' ? <HistoryTab articleId={article.id} selected={preview} onSelect={setPreview} /> : null}
          </SidePanel>
        </aside>
      ) : null}
      {statusBar(
        <>
          <WordCount session={session} />
          <SessionSaveStatus session={session} />
        </>,
      )}
    </>
  )
}

function PanelHeading() {
  const { t } = useTranslation()
  return (
    <h2 id={`${panelId}-heading`} className="visually-hidden">
      {t('panel.label')}
    </h2>
  )
}

function WordCount({ session }: { session: ArticleSession }) {
  const { t } = useTranslation()
  const format = useFormat()
  const words = useStore(session.words)
  return <span className="word-count">{t('statusBar.words', { count: words, formatted: format.number(words) })}</span>
}

/** Subscribes on its own, so a save-state change re-renders this line and not the editor around it. */
function SessionSaveStatus({ session }: { session: ArticleSession }) {
  const state = useSaveState(session.autosave)
  return <SaveStatus state={state} onRetry={() => session.autosave.retryNow()} />
}

function ConflictBanner({ session, onReload }: { session: ArticleSession; onReload(): void }) {
  const { t } = useTranslation()
  const state = useSaveState(session.autosave)
  if (state.kind !== 'conflict') return null
  const currentRevisionId = state.currentRevisionId
  return (
    <div className="banner banner-warning" role="alert">
      <p>{t('conflict.message')}</p>
      <span className="spacer" />
      {currentRevisionId !== null ? (
        <button type="button" className="button button-small" onClick={() => session.autosave.overwrite(currentRevisionId)}>
          {t('conflict.keepMine')}
        </button>
      ) : null}
      <button type="button" className="button button-small" onClick={onReload}>
        {t('conflict.loadTheirs')}
      </button>
    </div>
  )
}
