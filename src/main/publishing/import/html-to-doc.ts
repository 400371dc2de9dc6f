// HTML from a site (imports, "take the site's version") into Kopij's document model: known structure kept, the rest text.
import { createRequire } from 'node:module'
import type { DocumentJson } from '../../../shared/articles'
import { isAllowedHref, isBlockLanguage, parseDocument } from '../../../shared/document'

interface P5Node {
  nodeName: string
  tagName?: string
  value?: string
  attrs?: { name: string; value: string }[]
  childNodes?: P5Node[]
  content?: P5Node
}

type Parse5 = typeof import('parse5')
let parse5: Parse5 | undefined

/**
 * Loads parse5 as a native ES module. Required from CommonJS under a loader hook (the CLI and the bench run through
 * tsx) it parses three times slower, which a 10,000-post import feels; call this before a long run.
 */
export async function loadHtmlParser(): Promise<void> {
  parse5 ??= await import('parse5')
}

const parseFragment = (html: string) => (parse5 ??= createRequire(__filename)('parse5') as Parse5).parseFragment(html)

type Mark = { type: string; attrs?: Record<string, unknown> }
type Inline = { type: 'text'; text: string; marks?: Mark[] } | { type: 'hardBreak' }
type Block = { type: string; attrs?: Record<string, unknown>; content?: unknown[] }

/** Never content: their text is not prose (scripts, styles, forms, embedded objects). */
const dropped = new Set(['script', 'style', 'iframe', 'object', 'embed', 'noscript', 'template', 'form', 'input', 'button', 'select', 'textarea', 'svg', 'math', 'img', 'video', 'audio', 'canvas', 'head', 'title', 'meta', 'link'])
const markOf: Record<string, string> = { strong: 'bold', b: 'bold', em: 'italic', i: 'italic', s: 'strike', del: 'strike', strike: 'strike', u: 'underline', code: 'code', kbd: 'code', tt: 'code' }
const blockTags = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'ul', 'ol', 'pre', 'hr', 'div', 'section', 'article', 'main', 'header', 'footer', 'aside', 'nav', 'figure', 'figcaption', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th', 'caption', 'dl', 'dt', 'dd', 'li', 'address', 'center', 'details', 'summary', 'body', 'html'])

const attr = (node: P5Node, name: string) => node.attrs?.find((a) => a.name === name)?.value
const tag = (node: P5Node) => (node.tagName ?? node.nodeName).toLowerCase()
const children = (node: P5Node): P5Node[] => node.content?.childNodes ?? node.childNodes ?? []

function langAttrs(node: P5Node): Record<string, unknown> | undefined {
  const lang = attr(node, 'lang')?.toLowerCase().split('-')[0]
  return isBlockLanguage(lang) ? { lang } : undefined
}

function inline(node: P5Node, marks: Mark[], out: Inline[], pre: boolean): void {
  if (node.nodeName === '#text') {
    const text = pre ? node.value ?? '' : (node.value ?? '').replace(/[\t\n\r\f ]+/g, ' ')
    if (text) out.push(marks.length ? { type: 'text', text, marks } : { type: 'text', text })
    return
  }
  if (node.nodeName === '#comment') return
  const name = tag(node)
  if (dropped.has(name)) return
  if (name === 'br') return void out.push({ type: 'hardBreak' })
  let next = marks
  const mark = markOf[name]
  // Code excludes every other mark in the schema; other marks are kept once each.
  if (mark === 'code') next = [{ type: 'code' }]
  else if (mark && !marks.some((m) => m.type === mark || m.type === 'code')) next = [...marks, { type: mark }]
  if (name === 'a') {
    const href = attr(node, 'href')?.trim()
    if (href && isAllowedHref(href) && !marks.some((m) => m.type === 'code' || m.type === 'link')) next = [...next, { type: 'link', attrs: { href } }]
  }
  for (const child of children(node)) inline(child, next, out, pre)
}

const sameMarks = (a: Mark[] | undefined, b: Mark[] | undefined) => JSON.stringify(a ?? []) === JSON.stringify(b ?? [])

/** Inline content with neighbouring text of the same marks joined, single spaces, trimmed at its edges. */
function tidy(items: Inline[]): Inline[] {
  const joined: Inline[] = []
  for (const item of items) {
    const last = joined.at(-1)
    if (item.type === 'text' && last?.type === 'text') {
      const text = last.text.endsWith(' ') && !item.marks?.some((m) => m.type === 'code') ? item.text.replace(/^ +/, '') : item.text
      if (sameMarks(last.marks, item.marks)) {
        joined[joined.length - 1] = { ...last, text: last.text + text }
        continue
      }
      if (text) joined.push({ ...item, text })
      continue
    }
    joined.push(item)
  }
  const out = joined.filter((i) => i.type !== 'text' || i.text.length > 0)
  while (out[0]?.type === 'text' && !out[0].text.trim()) out.shift()
  while (out.at(-1)?.type === 'text' && !(out.at(-1) as { text: string }).text.trim()) out.pop()
  const first = out[0]
  if (first?.type === 'text') out[0] = { ...first, text: first.text.replace(/^ +/, '') }
  const last = out.at(-1)
  if (last?.type === 'text') out[out.length - 1] = { ...last, text: last.text.replace(/ +$/, '') }
  while (out.at(-1)?.type === 'hardBreak') out.pop()
  return out.filter((i) => i.type !== 'text' || i.text.length > 0)
}

const paragraph = (content: Inline[], attrs?: Record<string, unknown>): Block | null => {
  const clean = tidy(content)
  return clean.length ? { type: 'paragraph', ...(attrs ? { attrs } : {}), content: clean } : null
}

function blocks(nodes: P5Node[], out: Block[]): Block[] {
  let buffer: Inline[] = []
  const flush = () => {
    const p = paragraph(buffer)
    if (p) out.push(p)
    buffer = []
  }
  for (const node of nodes) {
    const name = node.nodeName === '#text' ? '#text' : tag(node)
    if (name === '#text' || name === '#comment' || !blockTags.has(name)) {
      inline(node, [], buffer, false)
      continue
    }
    flush()
    if (name === 'p') {
      const items: Inline[] = []
      for (const child of children(node)) inline(child, [], items, false)
      const p = paragraph(items, langAttrs(node))
      if (p) out.push(p)
    } else if (/^h[1-6]$/.test(name)) {
      const items: Inline[] = []
      for (const child of children(node)) inline(child, [], items, false)
      const content = tidy(items)
      const level = Math.min(4, Math.max(2, Number(name[1])))
      if (content.length) out.push({ type: 'heading', attrs: { level, ...langAttrs(node) }, content })
    } else if (name === 'blockquote') {
      const inner = blocks(children(node), [])
      if (inner.length) out.push({ type: 'blockquote', ...(langAttrs(node) ? { attrs: langAttrs(node) } : {}), content: inner })
    } else if (name === 'ul' || name === 'ol') {
      const items = children(node).filter((c) => c.nodeName !== '#text' && c.nodeName !== '#comment').map((li) => {
        const inner = blocks(tag(li) === 'li' ? children(li) : [li], [])
        if (inner[0]?.type !== 'paragraph') inner.unshift({ type: 'paragraph' })
        return { type: 'listItem', content: inner }
      })
      if (!items.length) continue
      const start = Number(attr(node, 'start'))
      out.push(name === 'ol' ? { type: 'orderedList', attrs: { start: Number.isInteger(start) && start > 0 ? start : 1 }, content: items } : { type: 'bulletList', content: items })
    } else if (name === 'pre') {
      const text = textOf(node)
      if (text.trim()) out.push({ type: 'codeBlock', content: [{ type: 'text', text: text.replace(/\n$/, '') }] })
    } else if (name === 'hr') {
      out.push({ type: 'horizontalRule' })
    } else {
      // Containers (div, figure, table cells…): their content, as blocks of its own.
      blocks(children(node), out)
    }
  }
  flush()
  return out
}

function textOf(node: P5Node): string {
  if (node.nodeName === '#text') return node.value ?? ''
  if (node.nodeName !== '#document-fragment' && dropped.has(tag(node))) return ''
  if (tag(node) === 'br') return '\n'
  return children(node).map(textOf).join('')
}

/**
 * Kopij's document for a piece of HTML; what the schema cannot hold is kept as its text. With `check` false the
 * caller validates (the archive does on insert) and falls back to `textDoc` if that fails.
 */
export function htmlToDoc(html: string, check = true): DocumentJson {
  // WordPress keeps paragraphs as blank lines in post_content (wpautop adds the <p> when showing it).
  const source = /<(p|div|h[1-6]|ul|ol|blockquote|pre|table)\b/i.test(html) ? html : autop(html)
  const content = blocks(children(parseFragment(source) as unknown as P5Node), [])
  const doc: DocumentJson = { type: 'doc', content: content.length ? content : [{ type: 'paragraph' }] }
  if (!check) return doc
  try {
    parseDocument(doc)
    return doc
  } catch {
    return textDoc(html)
  }
}

/** The HTML's text as plain paragraphs: what is kept when its structure cannot be (a converter bug must not lose text). */
export function textDoc(html: string): DocumentJson {
  const source = /<(p|div|h[1-6]|ul|ol|blockquote|pre|table)\b/i.test(html) ? html : autop(html)
  const text = textOf(parseFragment(source.replace(/<\/(p|div|h[1-6]|li|blockquote|pre)\s*>/gi, '$&\n\n')) as unknown as P5Node)
  const paragraphs = text.split(/\n\s*\n/).map((t) => t.replace(/\s+/g, ' ').trim()).filter(Boolean)
  return { type: 'doc', content: paragraphs.length ? paragraphs.map((t) => ({ type: 'paragraph', content: [{ type: 'text', text: t }] })) : [{ type: 'paragraph' }] }
}

/** Blank-line paragraphs and single newlines as WordPress's wpautop reads them. */
function autop(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${p.replace(/\n/g, '<br>')}</p>`)
    .join('\n')
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', hellip: '…', ndash: '–', mdash: '—', lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', euml: 'ë', eacute: 'é', egrave: 'è', iuml: 'ï', ouml: 'ö', uuml: 'ü' }

/** Decodes character references (named ones Dutch text uses, and every numeric one). */
export function decodeHtmlEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, code: string) => {
    if (code[0] === '#') {
      const n = code[1]?.toLowerCase() === 'x' ? parseInt(code.slice(2), 16) : parseInt(code.slice(1), 10)
      return Number.isFinite(n) && n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : whole
    }
    return entities[code.toLowerCase()] ?? whole
  })
}

/**
 * A reader comment's HTML as plain text, paragraphs separated by blank lines (how the archive keeps comments).
 * The result is only ever shown as text, so a tag-stripping pass is enough and keeps 100,000 comments fast.
 */
export function commentText(html: string): string {
  const text = html
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|blockquote|li|h[1-6])\s*>/gi, '\n\n')
    .replace(/<[^>]*>/g, '')
  return decodeHtmlEntities(text)
    .split(/\n\s*\n/)
    .map((p) => p.split('\n').map((l) => l.replace(/[ \t\f\r]+/g, ' ').trim()).filter(Boolean).join('\n'))
    .filter(Boolean)
    .join('\n\n')
}
