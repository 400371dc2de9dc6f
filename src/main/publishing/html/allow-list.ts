// What published HTML may contain: the elements and attributes Kopij's document model renders, nothing an editor adds.
// The citations and quotes issues extend this list when their nodes render new elements or classes.

export const allowedTags = [
  'p', 'h2', 'h3', 'h4', 'blockquote', 'ul', 'ol', 'li', 'pre', 'code', 'hr', 'br',
  'a', 'strong', 'em', 's', 'sup', 'sub', 'cite', 'q', 'abbr', 'span', 'small',
  'section', 'aside', 'footer', 'figure', 'figcaption',
]

/** No style, no event handlers, no data-* (editor state), no contenteditable or draggable. */
export const allowedAttributes = ['href', 'lang', 'title', 'id', 'cite', 'rel', 'start', 'class', 'role']

/** Classes a renderer may put on published elements: Kopij's own, prefixed, so an editor's CSS cannot leak through. */
export const isAllowedClass = (name: string): boolean => /^kopij-[a-z0-9-]+$/.test(name)

/** Links: web, mail, and anchors within the page (footnotes, bibliography). */
export const allowedUri = /^(?:https?:|mailto:|#)/i
