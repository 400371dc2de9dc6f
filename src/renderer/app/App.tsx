// The workspace shell: article list, editor and side panel as landmarks, app-wide shortcuts, menu commands, language.
import { useCallback, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Article, RevisionSummary } from '../../shared/articles'
import { ApiError } from '../../shared/errors'
import type { Settings, UiLanguage } from '../../shared/settings'
import { call, on } from '../api'
import { ArticleList } from '../articles/ArticleList'
import { ArticleEditor, type EditorHandle } from '../editor/ArticleEditor'
import { PublishingView } from '../publishing/PublishingView'
import { usePublishingMode } from '../publishing/usePublishingMode'
import { AboutDialog } from './AboutDialog'
import { ConfirmDialog } from './ConfirmDialog'
import { useFormat } from './format'
import { Icon } from './icons'
import { NoticeList, useNotices } from './notices'
import { RecoveryDialog } from '../recovery/RecoveryDialog'
import { ShortcutHelp } from './ShortcutHelp'
import { useCommands } from './commands'
import { shortcutLabel, shortcuts } from './shortcuts'
import type { PanelTab } from './SidePanel'
import { StatusBar } from './StatusBar'
import { holdKeys, releaseKeys } from './typeahead'

type Open = { article: Article; token: number; focus?: 'title' | 'body' }
type Confirm = { kind: 'restore'; revision: RevisionSummary } | { kind: 'reload' }

const whenIdle = (run: () => void) => (typeof requestIdleCallback === 'function' ? requestIdleCallback(run, { timeout: 2000 }) : setTimeout(run, 0))

export function App({ initialSettings }: { initialSettings: Settings }) {
  const { t, i18n } = useTranslation()
  const format = useFormat()
  const { report, inform } = useNotices()
  const [open, setOpen] = useState<Open | null>(null)
  const [empty, setEmpty] = useState(false)
  const [refreshKey, setRefreshKey] = useState(0)
  const [panelOpen, setPanelOpen] = useState(true)
  const [tab, setTab] = useState<PanelTab>('details')
  const [dialog, setDialog] = useState<'help' | 'about' | null>(null)
  const [confirm, setConfirm] = useState<Confirm | null>(null)
  const editorRef = useRef<EditorHandle>(null)
  const searchRef = useRef<HTMLInputElement>(null)
  const openRef = useRef(open)
  openRef.current = open
  // Opening, creating and restoring run one at a time: each first saves what is open.
  const queue = useRef<Promise<unknown>>(Promise.resolve())
  const serial = useCallback(<T,>(task: () => Promise<T>) => {
    const next = queue.current.then(task, task)
    queue.current = next.catch(() => undefined)
    return next
  }, [])

  useEffect(() => {
    document.documentElement.lang = i18n.language
  }, [i18n.language])
  useEffect(() => {
    if (!open) document.title = t('app.name')
  }, [open, t])

  const show = useCallback(
    (article: Article, focus?: 'title' | 'body') => {
      setOpen((current) => ({ article, token: (current?.token ?? 0) + 1, focus }))
      setEmpty(false)
      call('settings.update', { lastArticleId: article.id }).catch((error) => report(error, 'notices.settingsFailed'))
    },
    [report],
  )

  /** Saves the open article; false (and a notice) when it could not be saved, so it stays open and nothing is lost. */
  const leave = useCallback(async () => {
    const ok = (await editorRef.current?.flush()) ?? true
    if (!ok) inform('notices.stayUnsaved')
    return ok
  }, [inform])

  const openArticle = useCallback(
    (id: string, focus?: 'title' | 'body') =>
      serial(async () => {
        if (openRef.current?.article.id === id) return
        if (!(await leave())) return
        try {
          show(await call('articles.get', { id }), focus)
        } catch (error) {
          report(error, 'notices.openFailed')
          setRefreshKey((k) => k + 1)
        }
      }),
    [leave, report, serial, show],
  )

  const newArticle = useCallback(
    () =>
      serial(async () => {
        // What the editor types before the new title field is on screen goes into that title, not the old article.
        holdKeys()
        if (!(await leave())) return void releaseKeys()
        try {
          show(await call('articles.create', { title: '', language: 'nl' }), 'title')
          setRefreshKey((k) => k + 1)
        } catch (error) {
          releaseKeys()
          report(error, 'notices.createFailed')
        }
      }),
    [leave, report, serial, show],
  )

  const restore = useCallback(
    (revision: RevisionSummary) =>
      serial(async () => {
        if (!(await leave())) return
        try {
          show(await call('revisions.restore', { articleId: revision.articleId, revisionId: revision.id }), 'body')
          setRefreshKey((k) => k + 1)
        } catch (error) {
          report(error, 'notices.restoreFailed')
        }
      }),
    [leave, report, serial, show],
  )

  /** Replaces the open article with its newest version from the archive (after a conflict, or a change elsewhere). */
  const reload = useCallback(
    () =>
      serial(async () => {
        const current = openRef.current
        if (!current) return
        try {
          show(await call('articles.get', { id: current.article.id }))
        } catch (error) {
          report(error, 'notices.openFailed')
        }
      }),
    [report, serial, show],
  )

  // Start where the editor left off: the remembered article, else the newest one. Once per window.
  const started = useRef(false)
  useEffect(() => {
    if (started.current) return
    started.current = true
    void serial(async () => {
      const remembered = initialSettings.lastArticleId
      if (remembered) {
        try {
          return show(await call('articles.get', { id: remembered }))
        } catch (error) {
          if (!(error instanceof ApiError && error.code === 'not-found')) report(error, 'notices.openFailed')
        }
      }
      try {
        const first = await call('articles.find', { query: '', status: 'all', limit: 1, offset: 0 })
        if (first.items[0]) show(await call('articles.get', { id: first.items[0].id }))
        else setEmpty(true)
      } catch (error) {
        report(error, 'notices.openFailed')
      }
    })
  }, [initialSettings.lastArticleId, report, serial, show])

  const setLanguage = useCallback(
    (language: UiLanguage) => {
      void i18n.changeLanguage(language)
      call('settings.update', { language }).catch((error) => report(error, 'notices.settingsFailed'))
    },
    [i18n, report],
  )

  const focusSearch = () => {
    searchRef.current?.focus()
    searchRef.current?.select()
  }
  const openHistory = () => {
    setPanelOpen(true)
    setTab('history')
    requestAnimationFrame(() => document.querySelector<HTMLElement>('[role="tab"][data-tab="history"]')?.focus())
  }

  const publishing = usePublishingMode({ leave, show, serial, report, openId: () => openRef.current?.article.id, refresh: () => setRefreshKey((k) => k + 1) })

  useCommands({
    'article.new': publishing.writing(() => void newArticle()),
    'article.saveNow': () => void editorRef.current?.flush(),
    'search.focus': publishing.writing(focusSearch),
    'history.open': publishing.writing(openHistory),
    'shortcuts.open': () => setDialog('help'),
    'about.open': () => setDialog('about'),
    'citation.insert': () => editorRef.current?.cite(),
    'publishing.open': publishing.toggle,
    'publishing.preview': () => void publishing.enter({ section: 'preview', articleId: openRef.current?.article.id }),
    findInList: () => !publishing.route && focusSearch(),
    focusMain: () => {
      if (editorRef.current) editorRef.current.focusBody()
      else (document.querySelector<HTMLElement>('#root main [role="tabpanel"]:not([hidden]) h2') ?? document.querySelector<HTMLElement>('#root main button'))?.focus()
    },
  })

  // Events from main: language changed in the menu or another window, articles saved anywhere.
  useEffect(() => {
    let refreshTimer: ReturnType<typeof setTimeout> | undefined
    const offs = [
      on('settings.changed', (settings) => {
        if (settings.language !== i18n.language) void i18n.changeLanguage(settings.language)
      }),
      on('article.saved', (event) => {
        // The list catches up once the saves pause (not every 600 ms while the editor types), in an idle moment.
        clearTimeout(refreshTimer)
        refreshTimer = setTimeout(() => whenIdle(() => setRefreshKey((k) => k + 1)), 800)
        const handle = editorRef.current
        // Changed elsewhere while this window has nothing unsaved: show the newer version.
        if (event.articleId === openRef.current?.article.id && handle?.isClean() && event.revisionId > handle.revisionId()) void reload()
      }),
      // The window is closing: main waits for this answer before it lets the window go.
      on('app.closing', () => {
        void (async () => {
          const saved = (await editorRef.current?.flush()) ?? true
          await call('app.readyToClose', { saved }).catch(() => undefined)
        })()
      }),
    ]
    return () => {
      clearTimeout(refreshTimer)
      offs.forEach((off) => off())
    }
  }, [i18n, reload])

  // Leaving the window or closing it: commit what is typed (the save itself cannot be awaited here).
  useEffect(() => {
    const flush = () => void editorRef.current?.flush()
    const onVisibility = () => document.visibilityState === 'hidden' && flush()
    window.addEventListener('beforeunload', flush)
    window.addEventListener('pagehide', flush)
    document.addEventListener('visibilitychange', onVisibility)
    return () => {
      window.removeEventListener('beforeunload', flush)
      window.removeEventListener('pagehide', flush)
      document.removeEventListener('visibilitychange', onVisibility)
    }
  }, [])

  const statusBar = (children?: React.ReactNode) => (
    <StatusBar onLanguage={setLanguage} onHelp={() => setDialog('help')} helpShortcut={shortcutLabel(shortcuts.help, t)} onPublishing={(section) => void publishing.enter({ section })}>
      {children}
    </StatusBar>
  )

  return (
    <div className={`workspace${panelOpen && open && !publishing.route ? ' with-panel' : ''}${publishing.route ? ' publishing-mode' : ''}`}>
      {/* Hidden, not closed, while publishing: the search and the place in the list are there on the way back. */}
      <nav className="list-pane" aria-label={t('list.pane')} hidden={!!publishing.route}>
        <ArticleList
          openId={open?.article.id ?? null}
          onOpen={(id) => void openArticle(id)}
          onNew={() => void newArticle()}
          refreshKey={refreshKey}
          searchRef={searchRef}
          onError={(error) => report(error, 'notices.searchFailed')}
        />
      </nav>
      {publishing.route ? (
        <>
          <PublishingView route={publishing.route} onRoute={publishing.setRoute} onClose={(id) => void publishing.exit(id)} openArticleId={open?.article.id ?? null} />
          {statusBar()}
        </>
      ) : open ? (
        <ArticleEditor
          key={open.token}
          ref={editorRef}
          article={open.article}
          initialFocus={open.focus}
          panelOpen={panelOpen}
          onTogglePanel={() => setPanelOpen((v) => !v)}
          tab={tab}
          onTab={setTab}
          onRestore={(revision) => setConfirm({ kind: 'restore', revision })}
          onReload={() => setConfirm({ kind: 'reload' })}
          statusBar={statusBar}
        />
      ) : (
        <>
          <main className="editor-pane editor-empty">
            <div className="empty-state">
              <p>{empty ? t('editor.noArticles') : t('common.loading')}</p>
              {empty ? (
                <button type="button" className="button button-primary" onClick={() => void newArticle()}>
                  <Icon name="plus" size={16} />
                  <span>{t('list.new')}</span>
                </button>
              ) : null}
            </div>
          </main>
          {statusBar()}
        </>
      )}
      <NoticeList />
      <RecoveryDialog onRestored={(id) => void (openRef.current?.article.id === id ? reload() : openArticle(id))} />
      {dialog === 'help' ? <ShortcutHelp onClose={() => setDialog(null)} /> : null}
      {dialog === 'about' ? <AboutDialog onClose={() => setDialog(null)} /> : null}
      {confirm?.kind === 'restore' ? (
        <ConfirmDialog
          title={t('history.confirmTitle')}
          message={t('history.confirmMessage', { when: format.dateTime(confirm.revision.createdAt) })}
          confirmLabel={t('history.restore')}
          onCancel={() => setConfirm(null)}
          onConfirm={() => {
            setConfirm(null)
            void restore(confirm.revision)
          }}
        />
      ) : null}
      {confirm?.kind === 'reload' ? (
        <ConfirmDialog
          title={t('conflict.confirmTitle')}
          message={t('conflict.confirmMessage')}
          confirmLabel={t('conflict.loadTheirs')}
          danger
          onCancel={() => setConfirm(null)}
          onConfirm={() => {
            setConfirm(null)
            void reload()
          }}
        />
      ) : null}
    </div>
  )
}
