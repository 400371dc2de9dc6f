import { describe, expect, it } from 'vitest'
import { ApiError, type ErrorCode } from '../../shared/errors'
import { crashLoopQuestion, hungQuestion, startupFailure } from './dialogs'
import { translator } from './text'

const file = '/home/redactie/.config/Kopij/archive.kopij.sqlite'

describe('start-up failure message', () => {
  const cases: [ErrorCode, string, string][] = [
    ['archive-locked', 'in gebruik door een ander programma', 'in use by another program'],
    ['archive-read-only', 'alleen-lezen', 'read-only'],
    ['archive-corrupt', 'beschadigd', 'damaged'],
    ['archive-too-new', 'nieuwere versie van Kopij', 'newer version of Kopij'],
    ['disk-full', 'schijf', 'disk'],
  ]

  it.each(cases)('names the problem (%s) and the file, in Dutch and English', (code, nl, en) => {
    const error = new ApiError(code, `technical: ${code}`)
    const dutch = startupFailure(translator('nl'), error, file)
    expect(dutch.message).toContain(nl)
    expect(dutch.message).toContain(file)
    expect(dutch.detail).toBe(`technical: ${code}`)
    expect(dutch.title).toBe('Kopij kan niet starten')
    const english = startupFailure(translator('en'), error, file)
    expect(english.message).toContain(en)
    expect(english.message).toContain(file)
  })

  it('says the file was left alone whenever Kopij refused it', () => {
    for (const code of ['archive-locked', 'archive-read-only', 'archive-corrupt', 'archive-too-new'] as const) {
      expect(startupFailure(translator('nl'), new ApiError(code, ''), file).message).toContain('niet gewijzigd')
      expect(startupFailure(translator('en'), new ApiError(code, ''), file).message).toContain('not changed')
    }
  })

  it('has a general sentence for anything else', () => {
    expect(startupFailure(translator('en'), new Error('NODE_MODULE_VERSION 127'), file)).toMatchObject({
      message: `Kopij could not open the archive ${file}.`,
      detail: 'NODE_MODULE_VERSION 127',
    })
  })
})

describe('questions about the page', () => {
  it('asks to wait (default) or reload a hung page, closable by a signal', () => {
    const signal = new AbortController().signal
    const options = hungQuestion(translator('nl'), signal)
    expect(options.buttons).toEqual(['Wachten', 'Opnieuw laden'])
    expect(options.defaultId).toBe(0)
    expect(options.cancelId).toBe(0)
    expect(options.signal).toBe(signal)
  })

  it('asks to try again or quit after repeated crashes', () => {
    expect(crashLoopQuestion(translator('en')).buttons).toEqual(['Try Again', 'Quit'])
  })
})
