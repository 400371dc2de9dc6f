// HTML from the document model (never from the editor DOM): each node's own render rule, serialized as text.
import type { DOMOutputSpec, Mark, Node as PMNode } from '@tiptap/pm/model'
import type { DocumentJson } from '../articles'
import { parseDocument } from './validate'

const voidElements = new Set(['br', 'hr', 'img', 'input', 'meta', 'link', 'wbr', 'col', 'source'])

export const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)

function attributes(attrs: Record<string, unknown>): string {
  let out = ''
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue
    // A render rule only ever produces plain attribute names; anything else is a bug, not output.
    if (!/^[a-z][a-z0-9-]*$/i.test(name)) throw new Error(`refusing attribute name ${JSON.stringify(name)}`)
    out += value === true ? ` ${name}` : ` ${name}="${escapeHtml(String(value))}"`
  }
  return out
}

/** Serializes a DOMOutputSpec; `hole` renders the node's content where the spec puts 0. */
function renderSpec(spec: DOMOutputSpec, hole: () => string): string {
  if (typeof spec === 'string') return escapeHtml(spec)
  if (!Array.isArray(spec)) throw new Error('DOM nodes in render rules cannot be serialized without a DOM')
  const [rawTag, ...rest] = spec as unknown as [string, ...unknown[]]
  const tag = rawTag.includes(' ') ? rawTag.split(' ')[1]! : rawTag
  let children = rest
  let attrs = ''
  const first = rest[0]
  if (first && typeof first === 'object' && !Array.isArray(first)) {
    attrs = attributes(first as Record<string, unknown>)
    children = rest.slice(1)
  }
  if (voidElements.has(tag)) return `<${tag}${attrs}>`
  const inner = children.map((child) => (child === 0 ? hole() : renderSpec(child as DOMOutputSpec, hole))).join('')
  return `<${tag}${attrs}>${inner}</${tag}>`
}

function renderMarks(marks: readonly Mark[], text: string): string {
  return marks.reduceRight((inner, mark) => {
    const toDOM = mark.type.spec.toDOM
    return toDOM ? renderSpec(toDOM(mark, true), () => inner) : inner
  }, text)
}

/**
 * Renders a node itself instead of its render rule (published citations and quotes), or returns undefined to leave it
 * be; `render` renders a child of it the same way (a quote block's citation).
 */
export type NodeOverride = (node: PMNode, render: (child: PMNode) => string) => string | undefined

function renderNode(node: PMNode, override?: NodeOverride): string {
  if (node.isText) return renderMarks(node.marks, escapeHtml(node.text ?? ''))
  const own = override?.(node, (child) => renderNode(child, override))
  if (own !== undefined) return renderMarks(node.marks, own)
  const toDOM = node.type.spec.toDOM
  const content = () => {
    let out = ''
    node.forEach((child) => (out += renderNode(child, override)))
    return out
  }
  if (!toDOM) return content()
  return renderMarks(node.marks, renderSpec(toDOM(node), content))
}

/** The article body as HTML. Throws ApiError('invalid-input') for a document the schema does not allow. */
export function documentToHtml(doc: DocumentJson, override?: NodeOverride): string {
  const node = parseDocument(doc)
  let out = ''
  node.forEach((child) => (out += renderNode(child, override)))
  return out
}
