// UI text in Dutch (default) and English: one i18next setup for the renderer and the native menus.
import i18next, { type i18n } from 'i18next'
import { UiLanguage } from '../settings'
import nlApp from './locales/nl/app.json'
import enApp from './locales/en/app.json'
import nlMenu from './locales/nl/menu.json'
import enMenu from './locales/en/menu.json'

export const resources = {
  nl: { app: nlApp, menu: nlMenu },
  en: { app: enApp, menu: enMenu },
} as const

export const namespaces = ['app', 'menu'] as const
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
