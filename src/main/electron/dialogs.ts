// The shell's own questions and messages (start-up failure, hung or crashing page), in the UI language.
import type { MessageBoxOptions } from 'electron'
import { ApiError } from '../../shared/errors'
import type { Translate } from './text'

const startupCodes = ['archive-locked', 'archive-read-only', 'archive-corrupt', 'archive-too-new', 'disk-full'] as const

/**
 * What Kopij says when the archive cannot be opened: which file, what is wrong, that it was left alone;
 * the technical message goes in the detail for whoever helps the editor.
 */
export function startupFailure(t: Translate, error: unknown, archivePath: string): MessageBoxOptions {
  const code = error instanceof ApiError ? error.code : 'internal'
  const key = (startupCodes as readonly string[]).includes(code) ? code : 'other'
  return {
    type: 'error',
    title: t('dialogs.startup.title'),
    message: t(`dialogs.startup.${key}`, { file: archivePath }),
    detail: String((error as Error)?.message ?? error),
    buttons: [t('dialogs.quit')],
    defaultId: 0,
    noLink: true,
  }
}

export function hungQuestion(t: Translate, signal: AbortSignal): MessageBoxOptions {
  return {
    type: 'warning',
    title: t('dialogs.unresponsive.title'),
    message: t('dialogs.unresponsive.message'),
    detail: t('dialogs.unresponsive.detail'),
    buttons: [t('dialogs.unresponsive.wait'), t('dialogs.unresponsive.reload')],
    defaultId: 0,
    cancelId: 0,
    noLink: true,
    signal,
  }
}

export function crashLoopQuestion(t: Translate): MessageBoxOptions {
  return {
    type: 'error',
    title: t('dialogs.crashed.title'),
    message: t('dialogs.crashed.message'),
    detail: t('dialogs.crashed.detail'),
    buttons: [t('dialogs.crashed.reload'), t('dialogs.quit')],
    defaultId: 0,
    cancelId: 1,
    noLink: true,
  }
}

export function unsavedQuestion(t: Translate): MessageBoxOptions {
  return {
    type: 'warning',
    title: t('dialogs.unsaved.title'),
    message: t('dialogs.unsaved.message'),
    detail: t('dialogs.unsaved.detail'),
    buttons: [t('dialogs.unsaved.keep'), t('dialogs.unsaved.close')],
    defaultId: 0,
    cancelId: 0,
    noLink: true,
  }
}
