// Kopij's renderer: the editor workspace (article list, editor, side panel), talking to main only through window.api.
import { createRoot } from 'react-dom/client'
import { I18nextProvider } from 'react-i18next'
import { createI18n } from '../shared/i18n'
import { defaultSettings, type Settings } from '../shared/settings'
import { call } from './api'
import { App } from './app/App'
import { NoticeProvider, useNotices } from './app/notices'
import { useEffect } from 'react'
import './styles/base.css'
import './styles/layout.css'
import './styles/list.css'
import './styles/editor.css'
import './styles/panel.css'
import './styles/dialog.css'
import './styles/citations.css'
import './styles/publishing.css'

/** Reports a failure that happened before React was there to show it. */
function StartupNotice({ error }: { error: unknown }) {
  const { report } = useNotices()
  useEffect(() => {
    if (error) report(error, 'notices.settingsFailed')
  }, [error, report])
  return null
}

async function start() {
  let settings: Settings = defaultSettings
  let startupError: unknown = null
  try {
    settings = await call('settings.get', {})
  } catch (error) {
    startupError = error
  }
  const i18n = createI18n(settings.language)
  document.documentElement.lang = settings.language
  createRoot(document.getElementById('root')!).render(
    <I18nextProvider i18n={i18n}>
      <NoticeProvider>
        <StartupNotice error={startupError} />
        <App initialSettings={settings} />
      </NoticeProvider>
    </I18nextProvider>,
  )
}

void start()
