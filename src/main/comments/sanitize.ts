// Comment HTML on its way into the archive: sanitized with DOMPurify (in jsdom) and read as plain text for search.
import { createRequire } from 'node:module'
import type { DOMPurify } from 'dompurify'
import { cleanText, sanitizeCommentHtml, textToHtml } from '../../shared/comment-html'

/** The little of jsdom's DOM this file touches (main is compiled without the DOM's types). */
interface TreeNode {
  nodeType: number
  nodeName: string
  textContent: string | null
  childNodes: Iterable<TreeNode>
}

interface Dom {
  purify: DOMPurify
  document: { createElement(tag: 'div'): TreeNode & { innerHTML: string } }
}

let dom: Dom | undefined

/** One jsdom window for every comment, made on first use (jsdom takes a few hundred ms to load). */
function load(): Dom {
  if (dom) return dom
  const require = createRequire(__filename)
  const { JSDOM } = require('jsdom') as { JSDOM: new (html: string) => { window: { document: Dom['document'] } } }
  const createDOMPurify = require('dompurify') as typeof import('dompurify').default
  const window = new JSDOM('<!doctype html><body>').window
  dom = { purify: createDOMPurify(window as unknown as Parameters<typeof createDOMPurify>[0]), document: window.document }
  return dom
}

export interface CleanComment {
  /** Sanitized: comment tags only, links with rel="nofollow ugc noopener", nothing that loads or runs. */
  html: string
  /** Plain text: paragraphs separated by blank lines (search, excerpts, hints, plain-text sites). */
  text: string
}

const blocks = new Set(['P', 'BLOCKQUOTE', 'UL', 'OL', 'LI', 'PRE', 'DIV'])

/** The text of sanitized HTML: blocks become paragraphs, <br> a newline, entities decoded. */
export function htmlToText(html: string): string {
  const { document } = load()
  const holder = document.createElement('div')
  holder.innerHTML = html
  const out: string[] = []
  const walk = (node: TreeNode, pre = false) => {
    for (const child of node.childNodes) {
      // White space in text is one space, as a browser shows it; only <pre> keeps its lines.
      if (child.nodeType === 3) out.push(pre ? (child.textContent ?? '') : (child.textContent ?? '').replace(/\s+/g, ' '))
      else if (child.nodeName === 'BR') out.push('\n')
      else if (child.nodeType === 1) {
        const block = blocks.has(child.nodeName)
        if (block) out.push('\n\n')
        walk(child, pre || child.nodeName === 'PRE')
        if (block) out.push('\n\n')
      }
    }
  }
  walk(holder)
  return out
    .join('')
    .replace(/[ \t\u00a0]*\n[ \t\u00a0]*/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}

/** A comment from a site that sends HTML (WordPress): sanitized, and its text. */
export function cleanHtml(html: string): CleanComment {
  const clean = sanitizeCommentHtml(load().purify, html).trim()
  return { html: clean, text: htmlToText(clean) }
}

/** A comment from a site that sends plain text (Kopij's export API): escaped into paragraphs. */
export function cleanPlain(text: string): CleanComment {
  const plain = cleanText(text).replace(/\r\n?/g, '\n').trim()
  return { html: textToHtml(plain), text: plain }
}
