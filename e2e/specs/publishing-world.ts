// Shared by the publishing specs (and the screenshot script): a reference site in this process, demo articles marked
// ready in the harness's archive, and the site configured in Kopij with its token.
import path from 'node:path'
import type { ArticleFields } from '../../src/shared/articles'
import type { CallInput, CallName, CallOutput } from '../../src/shared/api'
import { ApiError } from '../../src/shared/errors'
import { startReferenceSite, type ReferenceSite } from '../../src/site/server'
import type { Faults } from '../../src/site/faults'
import type { Kopij } from '../../src/main/kopij'

export const seedId = '5e3d7f0a-9c1b-4f7e-8a2d-3b6c1e0f9a41'

export async function dispatch<N extends CallName>(kopij: Kopij, name: N, input: CallInput<N>): Promise<CallOutput<N>> {
  const envelope = await kopij.dispatch(name, input)
  if (!envelope.ok) throw ApiError.from(envelope.error)
  return envelope.value as CallOutput<N>
}

const paragraph = (text: string) => ({ type: 'paragraph', content: [{ type: 'text', text }] })

/** Two more articles of the kind the site publishes, marked ready, beside the demo's own. */
export const demoArticles: ArticleFields[] = [
  {
    title: 'Homeopathie en verdunning: wat zegt het onderzoek?',
    slug: 'homeopathie-en-verdunning',
    language: 'nl',
    status: 'ready',
    categoryPath: ['Behandelwijzen', 'Homeopathie'],
    tags: ['homeopathie', 'onderzoek'],
    excerpt: 'Een overzicht van de systematische reviews over homeopathische verdunningen.',
    doc: {
      type: 'doc',
      content: [
        paragraph('Homeopathische middelen worden zo sterk verdund dat er vaak geen molecuul van de werkzame stof overblijft.'),
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'De reviews' }] },
        paragraph('De Australische NHMRC vond in 2015 geen betrouwbaar bewijs voor een effect bij welke aandoening dan ook.'),
      ],
    },
  },
  {
    title: 'Kruidenthee bij slapeloosheid',
    slug: 'kruidenthee-bij-slapeloosheid',
    language: 'nl',
    status: 'ready',
    categoryPath: ['Behandelwijzen', 'Kruiden'],
    tags: ['slaap', 'valeriaan'],
    excerpt: 'Valeriaan, kamille en citroenmelisse: helpen ze echt om beter te slapen?',
    doc: {
      type: 'doc',
      content: [
        paragraph('Valeriaan is het best onderzochte kruid bij slapeloosheid, maar de studies zijn klein en wisselend van opzet.'),
        { type: 'blockquote', attrs: { lang: 'en' }, content: [paragraph('The evidence for valerian as a sleep aid is inconclusive.')] },
      ],
    },
  },
]

export interface PublishingWorld {
  site: ReferenceSite
  siteId: string | null
  articleIds: string[]
  close(): Promise<void>
}

/** Starts the reference site in `dir`, adds the demo articles, and (unless `configure` is false) the site itself. */
export async function publishingWorld(kopij: Kopij, dir: string, options: { faults?: Faults; configure?: boolean; name?: string } = {}): Promise<PublishingWorld> {
  const site = await startReferenceSite({ dataDir: path.join(dir, 'site'), faults: options.faults, token: 'e2e-token-for-the-reference-site' })
  const articleIds = demoArticles.map((fields) => kopij.archive.articles.insert(fields, 'created').id)
  let siteId: string | null = null
  if (options.configure !== false) {
    const saved = await dispatch(kopij, 'sites.save', { site: { name: options.name ?? 'Referentiesite', kind: 'kopij-api', baseUrl: site.apiUrl, username: '', secret: site.token } })
    siteId = saved.id
  }
  return { site, siteId, articleIds, close: () => site.close() }
}

/** Changes an article on the site behind Kopij's back (as an editor in the site's own admin would). */
export async function editOnSite(site: ReferenceSite, articleId: string, title: string, html: string): Promise<number> {
  const onSite = site.store.article(articleId)
  if (!onSite) throw new Error(`article ${articleId} is not on the site`)
  const response = await fetch(`${site.apiUrl}/articles/${articleId}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${site.token}`, 'content-type': 'application/json', 'if-match': onSite.etag },
    body: JSON.stringify({ slug: onSite.slug, title, html, excerpt: onSite.excerpt, status: 'published' }),
  })
  return response.status
}
