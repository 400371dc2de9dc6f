// UI text in Dutch (default) and English: one i18next setup for the renderer and the native menus.
import i18next, { type i18n } from 'i18next'
import { UiLanguage } from '../settings'
import nlApp from './locales/nl/app.json'
import enApp from './locales/en/app.json'
import nlMenu from './locales/nl/menu.json'
import enMenu from './locales/en/menu.json'
import nlCitations from './locales/nl/citations.json'
import enCitations from './locales/en/citations.json'
import nlPublishing from './locales/nl/publishing.json'
import enPublishing from './locales/en/publishing.json'

export const resources = {
  nl: { app: nlApp, menu: nlMenu, citations: nlCitations, publishing: nlPublishing },
  en: { app: enApp, menu: enMenu, citations: enCitations, publishing: enPublishing },
} as const

/** One namespace per capability with UI of its own; `app` is the workspace, `menu` the native menus and dialogs. */
export const namespaces = ['app', 'menu', 'citations', 'publishing'] as const
export const defaultLanguage: UiLanguage = 'nl'

/** A fresh, initialised i18next instance (synchronous: the resources are bundled). */
export function createI18n(language: UiLanguage = defaultLanguage): i18n {
  const instance = i18next.createInstance()
  void instance.init({
    lng: language,
    fallbackLng: false,
    supportedLngs: ['nl', 'en'],
    ns: [...namespaces],
    defaultNS: 'app',
    resources,
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  })
  return instance
}
