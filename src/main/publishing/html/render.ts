// Published HTML: rendered from the document model, then sanitized with DOMPurify against Kopij's allow-list.
import { createRequire } from 'node:module'
import type { Article } from '../../../shared/articles'
import { documentToHtml, escapeHtml } from '../../../shared/document'
import { allowedAttributes, allowedTags, allowedUri, isAllowedClass, uriSafeAttributes } from './allow-list'

type Purifier = import('dompurify').DOMPurify

let purifier: Purifier | undefined
let removedClasses: string[] = []

/** DOMPurify on one jsdom window, created on first use: loading jsdom costs a few hundred ms Kopij need not pay at start. */
function purify(): Purifier {
  if (purifier) return purifier
  const load = createRequire(__filename)
  const { JSDOM } = load('jsdom') as { JSDOM: new (html: string) => { window: unknown } }
  const createDOMPurify = load('dompurify') as typeof import('dompurify').default
  const instance = createDOMPurify(new JSDOM('').window as unknown as Parameters<typeof createDOMPurify>[0])
  instance.addHook('uponSanitizeAttribute', (_node, data) => {
    if (data.attrName !== 'class') return
    const kept = data.attrValue.split(/\s+/).filter((name) => name && isAllowedClass(name))
    const dropped = data.attrValue.split(/\s+/).filter((name) => name && !isAllowedClass(name))
    if (dropped.length) removedClasses.push(...dropped.map((name) => `class "${name}"`))
    if (kept.length) data.attrValue = kept.join(' ')
    else data.keepAttr = false
  })
  purifier = instance
  return instance
}

export interface Sanitized {
  html: string
  /** What was taken out, e.g. `<script>` or `onclick on <p>`: empty for HTML Kopij rendered itself. */
  removed: string[]
}

/** Sanitizes HTML for the site (or from the site, before Kopij shows it) against the allow-list. */
export function sanitizeHtml(html: string): Sanitized {
  const instance = purify()
  removedClasses = []
  const clean = instance.sanitize(html, {
    ALLOWED_TAGS: allowedTags,
    ALLOWED_ATTR: allowedAttributes,
    ALLOWED_URI_REGEXP: allowedUri,
    ADD_URI_SAFE_ATTR: uriSafeAttributes,
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: true,
    KEEP_CONTENT: true,
  })
  type Removal = { element?: { nodeName: string }; attribute?: { name: string } | null; from?: { nodeName: string } }
  const removed = (instance.removed as unknown as Removal[]).flatMap((entry): string[] => {
    if (entry.element) {
      const name = entry.element.nodeName.toLowerCase()
      // DOMPurify reports its own wrapper elements when the input has none; they are not content.
      return ['body', 'html', 'head'].includes(name) ? [] : [`<${name}>`]
    }
    if (entry.attribute) return [`${entry.attribute.name} on <${entry.from?.nodeName.toLowerCase() ?? '?'}>`]
    return []
  })
  return { html: clean, removed: [...removed, ...removedClasses] }
}

/** The article body before sanitizing, and citations whose sources the archive lacks (the citations capability's). */
export interface RenderedBody {
  html: string
  unresolvedCitations: string[]
}

/**
 * Renders an article's body for the site. The default is the document model's own HTML; the composition root passes
 * the citations capability's renderer (linked citations and a bibliography), and later the quotes issue's.
 */
export type BodyRenderer = (article: Article) => RenderedBody

export const modelBody: BodyRenderer = (article) => ({ html: documentToHtml(article.doc), unresolvedCitations: [] })

export interface Published extends Sanitized {
  unresolvedCitations: string[]
}

/** The article body as the site receives it: rendered, then sanitized against the allow-list. */
export function publishedHtml(article: Article, render: BodyRenderer = modelBody): Published {
  const body = render(article)
  return { ...sanitizeHtml(body.html), unresolvedCitations: body.unresolvedCitations }
}

/** A whole page around the body, for a preview frame that runs no scripts. */
export function previewPage(article: Pick<Article, 'title' | 'language' | 'excerpt'>, body: string): string {
  return [
    '<!doctype html>',
    `<html lang="${escapeHtml(article.language)}">`,
    '<head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src https: data:">`,
    `<title>${escapeHtml(article.title)}</title>`,
    '<style>body{font:17px/1.6 Georgia,serif;max-width:42rem;margin:2rem auto;padding:0 1rem;color:#222}blockquote{border-left:3px solid #bbb;margin-left:0;padding-left:1rem;color:#444}h1{font-size:1.8rem;line-height:1.25}.kopij-excerpt{font-style:italic;color:#555}</style>',
    '</head><body><article>',
    `<h1>${escapeHtml(article.title)}</h1>`,
    article.excerpt ? `<p class="kopij-excerpt">${escapeHtml(article.excerpt)}</p>` : '',
    body,
    '</article></body></html>',
  ].join('\n')
}
