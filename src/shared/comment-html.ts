// Comment HTML, the same rules in main (on the way in) and the renderer (before it is shown): tags, links, plain text.
import type { Config, DOMPurify } from 'dompurify'

/** WordPress's comment tags ($allowedtags) plus the paragraphs and breaks its wpautop adds, and simple lists. */
export const commentTags = ['p', 'br', 'a', 'abbr', 'acronym', 'b', 'blockquote', 'cite', 'code', 'del', 'em', 'i', 'q', 's', 'strike', 'strong', 'ul', 'ol', 'li', 'pre']

/** No style, class, id, event handlers, target or data-*: a comment brings text and links, nothing more. */
export const commentAttributes = ['href', 'title', 'cite', 'datetime']

/** Only absolute web and mail addresses: javascript:, data:, vbscript:, relative paths and #anchors are dropped. */
export const commentUri = /^(?:https?:\/\/|mailto:)/i

/** What every link in a comment says about itself: the site does not vouch for it, and it gets no window.opener. */
export const commentLinkRel = 'nofollow ugc noopener'

/** Bidirectional overrides and isolates: they let a comment show text in another order than it is written (RLO tricks). */
const bidiControls = /[\u202a-\u202e\u2066-\u2069]/g
/** C0 controls other than tab and newline, and DEL. */
const controls = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g

/** Text as Kopij keeps it: without control characters or direction overrides. */
export const cleanText = (text: string): string => text.replace(controls, '').replace(bidiControls, '')

export const purifyConfig: Config = {
  ALLOWED_TAGS: commentTags,
  ALLOWED_ATTR: commentAttributes,
  ALLOWED_URI_REGEXP: commentUri,
  ADD_URI_SAFE_ATTR: ['datetime'],
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  // The content of a removed element stays as text (a <font> tag loses itself, not its words); script and style
  // contents never do (DOMPurify drops those whole).
  KEEP_CONTENT: true,
  FORBID_CONTENTS: ['script', 'style', 'template', 'noscript', 'noembed', 'noframes', 'iframe', 'object', 'embed', 'svg', 'math', 'title', 'textarea', 'select', 'xmp', 'plaintext'],
}

const hooked = new WeakSet<DOMPurify>()

/** Adds Kopij's comment hook to a DOMPurify instance once: every link says rel="nofollow ugc noopener". */
export function commentPurifier(purify: DOMPurify): DOMPurify {
  if (hooked.has(purify)) return purify
  hooked.add(purify)
  purify.addHook('afterSanitizeAttributes', (node) => {
    if (node.nodeName === 'A') {
      if (node.getAttribute('href')) node.setAttribute('rel', commentLinkRel)
      else node.removeAttribute('rel')
    }
  })
  return purify
}

/**
 * Sanitized comment HTML. Direction overrides and control characters go before parsing (no markup needs them); a
 * link whose address was not allowed is left as its words.
 */
export function sanitizeCommentHtml(purify: DOMPurify, html: string): string {
  const clean = commentPurifier(purify).sanitize(cleanText(html), { ...purifyConfig, RETURN_TRUSTED_TYPE: false }) as unknown as string
  return clean.replace(/<a>([\s\S]*?)<\/a>/g, '$1')
}

export const escapeText = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)

/** Plain text as HTML: paragraphs at blank lines, line breaks inside them; every character escaped. */
export function textToHtml(text: string): string {
  return cleanText(text)
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${escapeText(p).replace(/\n/g, '<br>')}</p>`)
    .join('')
}

const blockStart = /^<(blockquote|ul|ol|pre|p)[\s>]/i

/**
 * What an editor types (a reply, an edit) as HTML, the way WordPress's wpautop reads a comment: blank lines make
 * paragraphs, single newlines breaks; inline tags stay, to be sanitized afterwards like anything else.
 */
export function rawToHtml(raw: string): string {
  return cleanText(raw)
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => (blockStart.test(p) ? p : `<p>${p.replace(/\n/g, '<br>\n')}</p>`))
    .join('\n')
}

/** Sanitized comment HTML back into the form an editor edits (paragraphs as blank lines, inline tags kept). */
export function htmlToRaw(html: string): string {
  return html
    .replace(/<br\s*\/?>\n?/gi, '\n')
    .replace(/<\/p>\s*<p>/gi, '\n\n')
    .replace(/^\s*<p>/i, '')
    .replace(/<\/p>\s*$/i, '')
    .replace(/<\/p>\s*/gi, '\n\n')
    .replace(/\s*<p>/gi, '\n\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}

/** Web addresses written out in plain text (counted as links by the hints, as WordPress counts them). */
export const bareUrls = /\bhttps?:\/\/[^\s<>"']+|\bwww\.[a-z0-9-]+\.[^\s<>"']+/gi
