// Preferences the editor expects to find again after a restart (UI language, last open article).
import { z } from 'zod'
import { ArticleId } from './articles'

export const UiLanguage = z.enum(['nl', 'en'])
export type UiLanguage = z.infer<typeof UiLanguage>

export const Settings = z.object({
  language: UiLanguage,
  lastArticleId: ArticleId.nullable(),
})
export type Settings = z.infer<typeof Settings>

export const SettingsPatch = Settings.partial().strict()
export type SettingsPatch = z.infer<typeof SettingsPatch>

export const defaultSettings: Settings = { language: 'nl', lastArticleId: null }
