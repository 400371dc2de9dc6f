// The editor's preferences (UI language, last open article): read, changed, and announced to every window.
import type { Handlers } from '../../shared/api'
import { Settings, defaultSettings, type SettingsPatch } from '../../shared/settings'
import type { Archive } from '../archive'
import type { EventBus } from '../events'

const key = 'preferences'

export function readSettings(archive: Archive): Settings {
  return archive.settings.read(key, Settings, defaultSettings)
}

export function updateSettings(archive: Archive, events: EventBus, patch: SettingsPatch): Settings {
  const next = Settings.parse({ ...readSettings(archive), ...patch })
  archive.transaction(() => archive.settings.write(key, next))
  events.emit('settings.changed', next)
  return next
}

export function settingsHandlers(archive: Archive, events: EventBus): Pick<Handlers, 'settings.get' | 'settings.update'> {
  return {
    'settings.get': () => readSettings(archive),
    'settings.update': (patch) => updateSettings(archive, events, patch),
  }
}
