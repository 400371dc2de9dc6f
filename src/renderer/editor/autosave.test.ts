import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ArticleFields, SaveArticleInput, SaveArticleResult } from '../../shared/articles'
import { ApiError } from '../../shared/errors'
import { Autosave, type AutosaveOptions } from './autosave'

const id = '5e3d7f0a-9c1b-4f7e-8a2d-3b6c1e0f9a41'

function fields(title: string): ArticleFields {
  return { title, slug: '', language: 'nl', status: 'draft', categoryPath: [], tags: [], excerpt: '', doc: { type: 'doc', content: [] } }
}

/** A fake archive: each save resolves when the test says so, and records what it got. */
function fakeArchive() {
  const saves: SaveArticleInput[] = []
  const pending: { resolve: (r: SaveArticleResult) => void; reject: (e: unknown) => void; input: SaveArticleInput }[] = []
  let revision = 1
  const save = (input: SaveArticleInput) =>
    new Promise<SaveArticleResult>((resolve, reject) => {
      saves.push(input)
      pending.push({ resolve, reject, input })
    })
  const answer = async () => {
    const next = pending.shift()!
    revision++
    next.resolve({
      article: { ...next.input, wordCount: 1, revisionId: revision, createdAt: 'c', updatedAt: `2025-01-01T10:0${revision}:00.000Z` },
      warnings: [],
    })
    await vi.advanceTimersByTimeAsync(0)
  }
  const fail = async (error: unknown) => {
    pending.shift()!.reject(error)
    await vi.advanceTimersByTimeAsync(0)
  }
  return { saves, pending, save, answer, fail }
}

let draft = 'a'
let collects = 0
function setup(extra: Partial<AutosaveOptions> = {}) {
  const archive = fakeArchive()
  const autosave = new Autosave({
    articleId: id,
    baseRevisionId: 1,
    savedAt: '2025-01-01T10:00:00.000Z',
    collect: () => {
      collects++
      return fields(draft)
    },
    save: archive.save,
    // Idle callbacks run as timers under fake time.
    whenIdle: (run) => {
      const t = setTimeout(run, 0)
      return () => clearTimeout(t)
    },
    now: () => Date.now(),
    ...extra,
  })
  return { archive, autosave }
}

beforeEach(() => {
  vi.useFakeTimers()
  draft = 'a'
  collects = 0
})
afterEach(() => vi.useRealTimers())

describe('Autosave', () => {
  it('saves once, 400 ms after the last change, with the base revision', async () => {
    const { archive, autosave } = setup()
    for (let i = 0; i < 5; i++) {
      draft += 'b'
      autosave.markDirty()
      await vi.advanceTimersByTimeAsync(100)
    }
    expect(autosave.getState().kind).toBe('unsaved')
    expect(collects).toBe(0)
    await vi.advanceTimersByTimeAsync(300)
    expect(archive.saves).toHaveLength(1)
    expect(archive.saves[0]).toMatchObject({ id, baseRevisionId: 1, title: 'abbbbb' })
    expect(autosave.getState().kind).toBe('saving')
    await archive.answer()
    expect(autosave.getState()).toEqual({ kind: 'saved', at: '2025-01-01T10:02:00.000Z' })
    expect(autosave.revisionId).toBe(2)
  })

  it('does not read the document per keystroke, and commits each key within a second while the editor types on', async () => {
    const { archive, autosave } = setup()
    const keys: number[] = []
    const saveTimes: number[] = []
    // 3 s of typing at 10 keys a second against an archive that answers at once.
    for (let i = 0; i < 30; i++) {
      keys.push(Date.now())
      autosave.markDirty()
      await vi.advanceTimersByTimeAsync(100)
      while (archive.pending.length) {
        saveTimes.push(Date.now())
        await archive.answer()
      }
    }
    expect(collects).toBe(archive.saves.length)
    expect(archive.saves.length).toBeGreaterThanOrEqual(4)
    expect(archive.saves.length).toBeLessThanOrEqual(6)
    // Every key typed before the last save went out was in a save that left within 700 ms of it.
    for (const key of keys.filter((k) => k < saveTimes[saveTimes.length - 1]!)) {
      const next = saveTimes.find((t) => t >= key)!
      expect(next - key).toBeLessThanOrEqual(700)
    }
  })

  it('keeps one save in flight and saves changes made during it right after', async () => {
    const { archive, autosave } = setup()
    autosave.markDirty()
    await vi.advanceTimersByTimeAsync(400)
    draft = 'second'
    autosave.markDirty()
    await vi.advanceTimersByTimeAsync(1_000)
    expect(archive.saves).toHaveLength(1)
    await archive.answer()
    await vi.advanceTimersByTimeAsync(0)
    expect(archive.saves).toHaveLength(2)
    expect(archive.saves[1]).toMatchObject({ title: 'second', baseRevisionId: 2 })
    await archive.answer()
    expect(autosave.getState().kind).toBe('saved')
  })

  it('does not chain saves back to back while the editor keeps typing', async () => {
    const { archive, autosave } = setup()
    // 6 s of typing at 10 keys a second; each save is answered 50 ms after the next key, so keys land during saves.
    for (let i = 0; i < 60; i++) {
      const started = archive.pending.length > 0
      autosave.markDirty()
      await vi.advanceTimersByTimeAsync(50)
      if (started) await archive.answer()
      await vi.advanceTimersByTimeAsync(50)
    }
    // One save per 600 ms ceiling (about 10), not one per key (60).
    expect(archive.saves.length).toBeGreaterThanOrEqual(8)
    expect(archive.saves.length).toBeLessThanOrEqual(12)
    await vi.advanceTimersByTimeAsync(400)
    await archive.answer()
    expect(autosave.getState().kind).toBe('saved')
  })

  it('flush saves at once and waits for the save in flight', async () => {
    const { archive, autosave } = setup()
    autosave.markDirty()
    const flushed = autosave.flush()
    await vi.advanceTimersByTimeAsync(0)
    expect(archive.saves).toHaveLength(1)
    await archive.answer()
    await expect(flushed).resolves.toBe(true)
    await expect(autosave.flush()).resolves.toBe(true)
    expect(archive.saves).toHaveLength(1)
  })

  it('keeps the text and retries with backoff after an error, and reports the code', async () => {
    const { archive, autosave } = setup()
    autosave.markDirty()
    await vi.advanceTimersByTimeAsync(400)
    await archive.fail(new ApiError('disk-full', 'full'))
    const state = autosave.getState()
    expect(state).toMatchObject({ kind: 'error', code: 'disk-full' })
    expect(autosave.isDirty).toBe(true)
    await vi.advanceTimersByTimeAsync(999)
    expect(archive.saves).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(1)
    expect(archive.saves).toHaveLength(2)
    await archive.fail(new ApiError('disk-full', 'full'))
    await vi.advanceTimersByTimeAsync(1_999)
    expect(archive.saves).toHaveLength(2)
    await vi.advanceTimersByTimeAsync(1)
    expect(archive.saves).toHaveLength(3)
    await archive.answer()
    expect(autosave.getState().kind).toBe('saved')
    expect(autosave.isDirty).toBe(false)
  })

  it('a failed flush says so, and the retry button tries again at once', async () => {
    const { archive, autosave } = setup()
    autosave.markDirty()
    const flushed = autosave.flush()
    await vi.advanceTimersByTimeAsync(0)
    await archive.fail(new Error('bridge gone'))
    await expect(flushed).resolves.toBe(false)
    expect(autosave.getState()).toMatchObject({ kind: 'error', code: 'internal' })
    autosave.retryNow()
    await vi.advanceTimersByTimeAsync(0)
    expect(archive.saves).toHaveLength(2)
  })

  it('stops on a conflict until the editor chooses, then saves on top of the current revision', async () => {
    const { archive, autosave } = setup()
    autosave.markDirty()
    await vi.advanceTimersByTimeAsync(400)
    await archive.fail(new ApiError('conflict', 'changed', { currentRevisionId: 7 }))
    expect(autosave.getState()).toEqual({ kind: 'conflict', currentRevisionId: 7 })
    autosave.markDirty()
    await vi.advanceTimersByTimeAsync(60_000)
    expect(archive.saves).toHaveLength(1)
    await expect(autosave.flush()).resolves.toBe(false)
    autosave.overwrite(7)
    await vi.advanceTimersByTimeAsync(0)
    expect(archive.saves[1]).toMatchObject({ baseRevisionId: 7 })
  })

  it('tells listeners about state changes, not about every keystroke', async () => {
    const { autosave } = setup()
    const listener = vi.fn()
    autosave.subscribe(listener)
    for (let i = 0; i < 10; i++) autosave.markDirty()
    expect(listener).toHaveBeenCalledTimes(1)
  })

  it('on close, takes the unsaved text at once and saves it after the save in flight', async () => {
    const { archive, autosave } = setup()
    autosave.markDirty()
    await vi.advanceTimersByTimeAsync(400)
    draft = 'typed during the switch'
    autosave.markDirty()
    autosave.close()
    draft = 'the editor is gone'
    await vi.advanceTimersByTimeAsync(1_000)
    expect(archive.saves).toHaveLength(1)
    await archive.answer()
    expect(archive.saves).toHaveLength(2)
    expect(archive.saves[1]).toMatchObject({ title: 'typed during the switch', baseRevisionId: 2 })
  })

  it('on close, sends nothing when all is saved or in conflict', async () => {
    const { archive, autosave } = setup()
    autosave.close()
    await vi.advanceTimersByTimeAsync(1_000)
    expect(archive.saves).toHaveLength(0)
  })

  it('does nothing after dispose', async () => {
    const { archive, autosave } = setup()
    autosave.markDirty()
    autosave.dispose()
    await vi.advanceTimersByTimeAsync(5_000)
    expect(archive.saves).toHaveLength(0)
  })
})
