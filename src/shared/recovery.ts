// Text that could not be saved in the archive, kept in a recovery file until the editor takes it back: the contract.
import { z } from 'zod'
import { Article, ArticleId } from './articles'
import { call, none } from './contract'

export const RecoveryEntry = z.object({
  articleId: ArticleId,
  title: z.string(),
  /** When the text was written to the recovery file (the moment the save failed). */
  keptAt: z.string(),
  file: z.string(),
  /** Why the archive refused it: an ErrorCode such as disk-full or archive-read-only. */
  reason: z.string(),
})
export type RecoveryEntry = z.infer<typeof RecoveryEntry>

/** Said about the archive when it was opened; shown once to the editor. */
export const ArchiveWarning = z.enum([
  /** The write-ahead journal was gone after Kopij had stopped unexpectedly: its last seconds of saves may be lost. */
  'journal-missing',
])
export type ArchiveWarning = z.infer<typeof ArchiveWarning>

export const recoveryCalls = {
  /** Recovery files of articles whose last text never reached the archive. */
  'recovery.list': call(none, z.array(RecoveryEntry)),
  /** Saves the recovered text as the article's newest revision (the one it replaces stays in the history). */
  'recovery.restore': call(z.object({ articleId: ArticleId }).strict(), Article),
  /** Deletes the recovery file without saving its text. */
  'recovery.discard': call(z.object({ articleId: ArticleId }).strict(), z.object({}).strict()),
} as const
