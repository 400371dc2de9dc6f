// Text the archive refused (full disk, read-only file, lock): written to a recovery file so nothing typed is lost.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { z } from 'zod'
import type { Handlers } from '../../shared/api'
import { SaveArticleInput } from '../../shared/articles'
import { ApiError } from '../../shared/errors'
import type { RecoveryEntry } from '../../shared/recovery'
import type { Archive } from '../archive'

const RecoveryFile = z.object({ keptAt: z.string(), reason: z.string(), save: SaveArticleInput })

/** A recovery folder that is not there, or is a file, holds nothing to remove: never a reason to fail a save. */
function removeQuietly(file: string): void {
  try {
    fs.rmSync(file, { force: true })
  } catch {
    // ENOTDIR, EACCES, EROFS: there is nothing of ours there to remove.
  }
}

/** Errors after which a save's text goes to a recovery file: the archive could not take it, the text was fine. */
const storageCodes = new Set(['disk-full', 'archive-read-only', 'archive-locked', 'archive-corrupt', 'internal'])

export class RecoveryFiles {
  /**
   * `dirs` in order of preference. The first is beside the archive; the system's temporary folder is the fallback,
   * often on another disk, for when the archive's disk is the one that is full or read-only.
   */
  constructor(
    private readonly dirs: string[],
    private readonly now: () => Date = () => new Date(),
  ) {}

  static forArchive(archiveFile: string): RecoveryFiles {
    return new RecoveryFiles([`${archiveFile}.recovery`, path.join(os.tmpdir(), 'kopij-recovery', Buffer.from(archiveFile).toString('base64url').slice(-40))])
  }

  /** Writes the save's text to a recovery file; returns where, or null when no folder would take it either. */
  keep(save: SaveArticleInput, reason: string): string | null {
    const body = JSON.stringify({ keptAt: this.now().toISOString(), reason, save })
    for (const dir of this.dirs) {
      const file = path.join(dir, `${save.id}.json`)
      try {
        fs.mkdirSync(dir, { recursive: true, mode: 0o700 })
        // Written whole then renamed: a recovery file is never half a text.
        fs.writeFileSync(`${file}.tmp`, body, { mode: 0o600 })
        fs.renameSync(`${file}.tmp`, file)
        return file
      } catch {
        removeQuietly(`${file}.tmp`)
      }
    }
    return null
  }

  /** The archive has the article's text again: its recovery files are out of date. */
  forget(articleId: string): void {
    for (const dir of this.dirs) removeQuietly(path.join(dir, `${articleId}.json`))
  }

  list(): RecoveryEntry[] {
    const newest = new Map<string, RecoveryEntry>()
    for (const dir of this.dirs) {
      let names: string[] = []
      try {
        names = fs.readdirSync(dir).filter((n) => n.endsWith('.json'))
      } catch {
        continue
      }
      for (const name of names) {
        const file = path.join(dir, name)
        const kept = this.readFile(file)
        if (!kept) continue
        const entry = { articleId: kept.save.id, title: kept.save.title, keptAt: kept.keptAt, file, reason: kept.reason }
        const seen = newest.get(entry.articleId)
        if (!seen || seen.keptAt < entry.keptAt) newest.set(entry.articleId, entry)
      }
    }
    return [...newest.values()].sort((a, b) => b.keptAt.localeCompare(a.keptAt))
  }

  read(articleId: string): SaveArticleInput | undefined {
    const entry = this.list().find((e) => e.articleId === articleId)
    return entry ? this.readFile(entry.file)?.save : undefined
  }

  private readFile(file: string): z.infer<typeof RecoveryFile> | undefined {
    try {
      const parsed = RecoveryFile.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')))
      return parsed.success ? parsed.data : undefined
    } catch {
      return undefined
    }
  }
}

/**
 * Saves through `save`; when the archive refuses for a storage reason, the text goes to a recovery file and the error
 * says where (details.recoveryFile), so the editor knows the text is safe beyond this window too.
 */
export function saveOrKeep<T>(files: RecoveryFiles, input: SaveArticleInput, save: () => T, classify: (error: unknown) => ApiError): T {
  try {
    const result = save()
    files.forget(input.id)
    return result
  } catch (error) {
    const apiError = error instanceof ApiError ? error : classify(error)
    if (!storageCodes.has(apiError.code)) throw apiError
    const kept = files.keep(input, apiError.code)
    throw new ApiError(apiError.code, apiError.message, { ...(apiError.details as object | undefined), recoveryFile: kept })
  }
}

export function recoveryHandlers(archive: Archive, files: RecoveryFiles): Pick<Handlers, 'recovery.list' | 'recovery.restore' | 'recovery.discard'> {
  return {
    'recovery.list': () => files.list(),
    'recovery.restore': ({ articleId }) => {
      const kept = files.read(articleId)
      if (!kept) throw new ApiError('not-found', `There is no recovered text for article ${articleId}.`)
      const current = archive.articles.get(articleId)
      const { id: _id, baseRevisionId: _base, ...fields } = kept
      // On top of whatever the archive has now: the text it replaces stays in the history.
      const { article } = archive.articles.save({ ...fields, id: articleId, baseRevisionId: current.revisionId })
      files.forget(articleId)
      return article
    },
    'recovery.discard': ({ articleId }) => {
      files.forget(articleId)
      return {}
    },
  }
}
