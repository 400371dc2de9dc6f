// Published HTML as Kopij shows it (preview, conflicts): main sanitized it already; this sanitizes again (defence in
// depth) and takes out everything that would load from elsewhere or trip the CSP, leaving a named placeholder.
import DOMPurify from 'dompurify'

/** Elements that fetch, embed or run something: replaced by a placeholder (images) or dropped. */
const media = ['img', 'picture', 'video', 'audio', 'iframe', 'object', 'embed', 'svg', 'math', 'canvas', 'frame', 'frameset']
const forbidden = [...media, 'source', 'track', 'style', 'link', 'meta', 'base', 'script', 'noscript', 'template', 'form', 'input', 'button', 'select', 'textarea', 'option']

export interface PlaceholderLabels {
  /** "[Afbeelding: {alt}]" */
  image(alt: string): string
  /** "[Ingesloten inhoud: iframe]" */
  embed(kind: string): string
}

/**
 * Safe HTML for `dangerouslySetInnerHTML`. Parsing happens in an inert document (DOMParser), where nothing loads;
 * media become `<span class="media-placeholder">` with words before DOMPurify sees the rest; inline styles go
 * (the CSP refuses them, with a console error each); links keep their address but open nothing (see `stayInPlace`).
 */
export function displayHtml(html: string, labels: PlaceholderLabels): string {
  const doc = new DOMParser().parseFromString(`<!doctype html><body>${html}`, 'text/html')
  for (const element of [...doc.body.querySelectorAll(media.join(','))]) {
    // An image inside another replaced element (a <picture>) is already gone with its parent.
    if (!element.isConnected) continue
    const name = element.tagName.toLowerCase()
    const placeholder = doc.createElement('span')
    placeholder.className = 'media-placeholder'
    const alt = name === 'img' ? element.getAttribute('alt')?.trim() ?? '' : (element.querySelector('img')?.getAttribute('alt')?.trim() ?? '')
    placeholder.textContent = name === 'img' || name === 'picture' ? labels.image(alt) : labels.embed(name)
    element.replaceWith(placeholder)
  }
  return DOMPurify.sanitize(doc.body.innerHTML, {
    FORBID_TAGS: forbidden,
    FORBID_ATTR: ['style', 'srcset', 'src', 'poster', 'background', 'formaction', 'action', 'ping'],
    ALLOW_DATA_ATTR: false,
    KEEP_CONTENT: true,
  })
}

/** Click handler for a container of shown HTML: a link in a preview must not navigate Kopij's own window. */
export function stayInPlace(event: { target: EventTarget | null; preventDefault(): void }): void {
  if (event.target instanceof Element && event.target.closest('a')) event.preventDefault()
}

export interface Block {
  html: string
  /** The block's text with spaces normalized: what "the same block" is compared by. */
  text: string
}

/** The top-level blocks of an HTML body (paragraphs, headings, lists, quotes), parsed inertly. */
export function blocksOf(html: string): Block[] {
  const doc = new DOMParser().parseFromString(`<!doctype html><body>${html}`, 'text/html')
  const blocks: Block[] = []
  for (const node of [...doc.body.childNodes]) {
    const text = (node.textContent ?? '').replace(/\s+/g, ' ').trim()
    // An empty paragraph (what is left of a removed image) is no block to compare; a lone image or rule is.
    const element = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : null
    if (element && (text || element.matches('hr, img') || element.querySelector(media.join(','))))
      blocks.push({ html: element.outerHTML, text: text || element.outerHTML })
    else if (text) blocks.push({ html: `<p>${text.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`, text })
  }
  return blocks
}

export interface Row {
  mine: Block | null
  theirs: Block | null
  same: boolean
}

/**
 * Both versions block by block, aligned on their longest common run of equal blocks (LCS), so a side-by-side
 * view lines up what stayed and marks what changed, was added or was removed. Beyond 1,500 blocks a side the
 * alignment is by position (an article that long is not read side by side).
 */
export function alignBlocks(mine: Block[], theirs: Block[]): Row[] {
  const n = mine.length
  const m = theirs.length
  if (n > 1500 || m > 1500) {
    return Array.from({ length: Math.max(n, m) }, (_, i) => {
      const a = mine[i] ?? null
      const b = theirs[i] ?? null
      return { mine: a, theirs: b, same: !!a && !!b && a.text === b.text }
    })
  }
  const lcs = Array.from({ length: n + 1 }, () => new Uint16Array(m + 1))
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      lcs[i]![j] = mine[i]!.text === theirs[j]!.text ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!)
  const rows: Row[] = []
  let i = 0
  let j = 0
  while (i < n || j < m) {
    if (i < n && j < m && mine[i]!.text === theirs[j]!.text) {
      rows.push({ mine: mine[i++]!, theirs: theirs[j++]!, same: true })
    } else if (i < n && j < m && lcs[i + 1]![j + 1]! === lcs[i]![j]!) {
      // Neither block is part of the common run: one block changed in place, shown on one row.
      rows.push({ mine: mine[i++]!, theirs: theirs[j++]!, same: false })
    } else if (j >= m || (i < n && lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) {
      rows.push({ mine: mine[i++]!, theirs: null, same: false })
    } else {
      rows.push({ mine: null, theirs: theirs[j++]!, same: false })
    }
  }
  return rows
}
