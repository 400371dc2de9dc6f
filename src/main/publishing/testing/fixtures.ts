// Test helpers: an archive with a reference site configured, and articles to publish.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { CallInput, CallName, CallOutput } from '../../../shared/api'
import { ApiError } from '../../../shared/errors'
import type { ArticleFields } from '../../../shared/articles'
import { startReferenceSite, type ReferenceSite } from '../../../site/server'
import type { Faults } from '../../../site/faults'
import { startKopij, type Kopij, type KopijOptions } from '../../kopij'
import { MemoryCredentialStore } from '../credentials'

export const tempDir = (prefix: string) => fs.mkdtempSync(path.join(os.tmpdir(), prefix))

export async function call<N extends CallName>(kopij: Kopij, name: N, input: CallInput<N>): Promise<CallOutput<N>> {
  const envelope = await kopij.dispatch(name, input)
  if (!envelope.ok) throw ApiError.from(envelope.error)
  return envelope.value as CallOutput<N>
}

export function articleFields(n: number, extra: Partial<ArticleFields> = {}): ArticleFields {
  return {
    title: `Artikel ${n}: acupunctuur en rugpijn`,
    slug: `artikel-${n}`,
    language: 'nl',
    status: 'ready',
    categoryPath: ['Behandelwijzen', 'Acupunctuur'],
    tags: ['rugpijn'],
    excerpt: `Samenvatting ${n}.`,
    doc: {
      type: 'doc',
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: `Tekst van artikel ${n}. ` }, { type: 'text', marks: [{ type: 'bold' }], text: 'Vet.' }] },
        { type: 'blockquote', attrs: { lang: 'en' }, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'A quotation.' }] }] },
      ],
    },
    ...extra,
  }
}

export interface World {
  dir: string
  site: ReferenceSite
  kopij: Kopij
  siteId: string
  credentials: MemoryCredentialStore
  close(): Promise<void>
}

/** An archive (without the demo) and a reference site, the site configured in Kopij with its token. */
export async function world(options: { faults?: Faults; kopij?: Partial<KopijOptions> } = {}): Promise<World> {
  const dir = tempDir('kopij-publishing-')
  const site = await startReferenceSite({ dataDir: path.join(dir, 'site'), faults: options.faults, token: 'test-token' })
  const credentials = new MemoryCredentialStore()
  const kopij = startKopij({ archivePath: path.join(dir, 'archive.sqlite'), host: 'cli', demo: false, checkOutput: true, credentials, ...options.kopij })
  const saved = await call(kopij, 'sites.save', { site: { name: 'Referentie', kind: 'kopij-api', baseUrl: site.apiUrl, username: '', secret: site.token } })
  return {
    dir,
    site,
    kopij,
    siteId: saved.id,
    credentials,
    close: async () => {
      kopij.close()
      await site.close()
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}
