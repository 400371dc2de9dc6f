// Reading untrusted XML (TMX, TBX) in slices: no DTD, no entity expansion, bounded depth, progress and cancel.
import { SaxesParser } from 'saxes'

/** A file Kopij will not read, with the line where it found out (0: the file as a whole). */
export class ExchangeError extends Error {
  constructor(
    message: string,
    readonly line = 0,
  ) {
    super(message)
    this.name = 'ExchangeError'
  }
}

export interface XmlHandlers {
  open(name: string, attributes: Record<string, string>, line: number): void
  text(text: string): void
  close(name: string): void
}

export interface ReadControl {
  cancelled(): boolean
  progress(done: number, total: number): void
}

/** Characters fed to the parser between two looks at the event loop (saves and cancels get their turn). */
const sliceChars = 512 * 1024
const maxDepth = 64

/**
 * Parses `text` with saxes, which knows no DTD: a reference to an entity other than XML's five is an error, never an
 * expansion (so neither billion laughs nor external entities can happen). A DOCTYPE that declares entities is refused
 * outright with words an editor can read; one that only names a DTD (`<!DOCTYPE tmx SYSTEM "tmx14.dtd">`) is allowed
 * and never fetched. Returns false when cancelled.
 */
export async function readXml(text: string, handlers: XmlHandlers, control: ReadControl): Promise<boolean> {
  const parser = new SaxesParser({ xmlns: false, position: true })
  let depth = 0
  let failure: ExchangeError | null = null
  const fail = (error: ExchangeError) => {
    failure ??= error
  }
  parser.on('doctype', (doctype) => {
    if (/<!ENTITY/i.test(doctype))
      fail(new ExchangeError('The file declares XML entities (<!ENTITY …>). Kopij does not expand them: a file can use them to grow to gigabytes or to read other files.', parser.line))
  })
  parser.on('opentag', (node) => {
    if (failure) return
    if (++depth > maxDepth) return fail(new ExchangeError(`Elements are nested more than ${maxDepth} deep.`, parser.line))
    handlers.open(node.name, node.attributes as Record<string, string>, parser.line)
  })
  parser.on('text', (t) => !failure && handlers.text(t))
  parser.on('cdata', (t) => !failure && handlers.text(t))
  parser.on('closetag', (node) => {
    depth--
    if (!failure) handlers.close(node.name)
  })
  parser.on('error', (error) => {
    const message = error.message.replace(/^[^:]*:\d+:\d+:\s*/, '')
    fail(new ExchangeError(/undefined entity/.test(message) ? `The file uses an XML entity Kopij does not know (${message}); only &amp; &lt; &gt; &quot; &apos; and character references are read.` : `The file is not well-formed XML: ${message}`, parser.line))
  })
  for (let at = 0; at < text.length; at += sliceChars) {
    if (at > 0) {
      await new Promise((resolve) => setImmediate(resolve))
      if (control.cancelled()) return false
      control.progress(at, text.length)
    }
    parser.write(text.slice(at, at + sliceChars))
    if (failure) throw failure
  }
  parser.close()
  if (failure) throw failure
  control.progress(text.length, text.length)
  return true
}

const invalidXml = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu

/** Text for an element or attribute: escaped, and without characters XML 1.0 cannot hold. */
export const xmlText = (text: string): string =>
  text.replace(invalidXml, '').replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!)

/** The language of an element: en, nl or another code (xml:lang, or TMX 1.1's lang), without region. */
export const languageOf = (attributes: Record<string, string>): string => (attributes['xml:lang'] ?? attributes.lang ?? '').toLowerCase().split(/[-_]/)[0]!
