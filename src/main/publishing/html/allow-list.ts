// What published HTML may contain: the elements and attributes Kopij's document model renders, nothing an editor adds.
// The citations and quotes issues extend this list when their nodes render new elements or classes.

export const allowedTags = [
  'p', 'h2', 'h3', 'h4', 'blockquote', 'ul', 'ol', 'li', 'pre', 'code', 'hr', 'br',
  'a', 'strong', 'em', 'b', 'i', 'u', 's', 'sup', 'sub', 'cite', 'q', 'abbr', 'span', 'small',
  'section', 'aside', 'footer', 'figure', 'figcaption',
]

/** No style, no event handlers, no data-* (editor state), no contenteditable or draggable. */
export const allowedAttributes = ['href', 'lang', 'title', 'id', 'cite', 'rel', 'start', 'class', 'role']

/** Classes Kopij's renderers put on published elements (citations and bibliography); no editor class gets through. */
const allowedClasses = new Set(['citation', 'bibliography', 'small-caps', 'missing'])
export const isAllowedClass = (name: string): boolean => allowedClasses.has(name) || /^kopij-[a-z0-9-]+$/.test(name)

/**
 * Attribute values DOMPurify checks as URIs: web and mail links, anchors in the page (footnotes, bibliography), and
 * values without a scheme; any other scheme (javascript:, data:, ftp:…) is dropped.
 */
export const allowedUri = /^(?:(?:https?|mailto):|#|[^a-z]|[a-z+.-]+(?:[^a-z+.\-:]|$))/i

/** Attributes whose values are never links. */
export const uriSafeAttributes = ['lang', 'start', 'role']
