// Words of the native shell (menus, dialogs) in the UI language, from the i18n `menu` namespace.
import { createI18n } from '../../shared/i18n'
import { UiLanguage, defaultSettings } from '../../shared/settings'

export type Translate = (key: string, values?: Record<string, string>) => string

const translators = new Map<UiLanguage, Translate>()

/** The `menu` namespace in one language; a missing key comes back as the key itself, which tests look for. */
export function translator(language: UiLanguage): Translate {
  let t = translators.get(language)
  if (!t) {
    const fixed = createI18n(language).getFixedT(language, 'menu')
    t = (key, values) => String(fixed(key, values ?? {}))
    translators.set(language, t)
  }
  return t
}

/**
 * The language for a dialog shown before the archive (which holds the editor's choice) could be read:
 * the first of the system's preferred languages Kopij speaks, else Kopij's default.
 */
export function systemLanguage(preferred: readonly string[]): UiLanguage {
  for (const tag of preferred) {
    const parsed = UiLanguage.safeParse(tag.toLowerCase().split(/[-_]/)[0])
    if (parsed.success) return parsed.data
  }
  return defaultSettings.language
}
