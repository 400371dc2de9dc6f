// Helpers for the jsdom component tests: the app's i18n around a component, and a fake window.api.
import type { ReactNode } from 'react'
import { I18nextProvider } from 'react-i18next'
import { cleanup, render } from '@testing-library/react'
import { afterEach } from 'vitest'
import type { CallName, KopijBridge } from '../shared/api'
import { createI18n } from '../shared/i18n'
import type { UiLanguage } from '../shared/settings'
import { NoticeProvider } from './app/notices'

// Without vitest globals, Testing Library cannot unmount between tests by itself.
afterEach(() => cleanup())

export function renderIn(language: UiLanguage, ui: ReactNode) {
  const i18n = createI18n(language)
  return render(
    <I18nextProvider i18n={i18n}>
      <NoticeProvider>{ui}</NoticeProvider>
    </I18nextProvider>,
  )
}

type Answer = (input: any) => unknown | Promise<unknown>

/** Installs window.api answering the given calls; returns the log of calls made. */
export function fakeApi(answers: Partial<Record<CallName, Answer>>) {
  const log: { name: string; input: any }[] = []
  const api: KopijBridge = {
    invoke: (async (name: CallName, input: unknown) => {
      log.push({ name, input })
      const answer = answers[name]
      if (!answer) return { ok: false, error: { code: 'unknown-call', message: name } }
      return { ok: true, value: await answer(input) }
    }) as KopijBridge['invoke'],
    on: () => () => {},
  }
  Object.defineProperty(window, 'api', { value: api, configurable: true })
  return log
}
