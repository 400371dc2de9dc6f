// The citation: an inline atom that stores which sources a passage cites and where in them; never its own number.
import { Node } from '@tiptap/core'
import { z } from 'zod'

/** Where in a source a citation points: CSL locator labels an editor of medical texts uses. */
export const locatorTypes = ['page', 'figure', 'table', 'paragraph', 'supplement', 'chapter', 'section'] as const
export const LocatorType = z.enum(locatorTypes)
export type LocatorType = z.infer<typeof LocatorType>

/** A source id as the archive keeps it: letters, digits and a few separators, never markup. */
export const SourceId = z.string().regex(/^[\p{L}\p{N}][\p{L}\p{N}_:.\-/]{0,199}$/u, 'a source id is letters, digits and _ : . - /')

export const CitationItem = z
  .object({
    source: SourceId,
    label: LocatorType.optional(),
    locator: z.string().max(40).optional(),
    prefix: z.string().max(200).optional(),
    suffix: z.string().max(200).optional(),
  })
  .strict()
export type CitationItem = z.infer<typeof CitationItem>

/** One citation cites 1 to 20 sources; an empty citation is no citation. */
export const CitationItems = z.array(CitationItem).min(1).max(20)

/** Items from untrusted JSON (pasted HTML, an old revision), or null when they are not a valid citation. */
export function readCitationItems(value: unknown): CitationItem[] | null {
  let raw = value
  if (typeof value === 'string') {
    try {
      raw = JSON.parse(value)
    } catch {
      return null
    }
  }
  const parsed = CitationItems.safeParse(raw)
  if (!parsed.success) return null
  // Empty strings are absent fields: the same citation has one JSON form however it was made.
  return parsed.data.map((item) => {
    const clean: CitationItem = { source: item.source }
    if (item.locator?.trim()) {
      clean.label = item.label ?? 'page'
      clean.locator = item.locator.trim()
    }
    if (item.prefix?.trim()) clean.prefix = item.prefix.trim()
    if (item.suffix?.trim()) clean.suffix = item.suffix.trim()
    return clean
  })
}

/** Text of a citation where no style is at hand (plain-text copy, search index): the cited source ids. */
export const citationFallbackText = (items: readonly CitationItem[]): string => `[${items.map((i) => i.source).join('; ')}]`

export const Citation = Node.create({
  name: 'citation',
  group: 'inline',
  inline: true,
  atom: true,
  selectable: true,
  draggable: true,

  addAttributes() {
    return {
      items: {
        default: [],
        // Only the allow-listed item fields survive a paste; anything else in the attribute is dropped.
        parseHTML: (element) => readCitationItems(element.getAttribute('data-citation')) ?? [],
        renderHTML: (attributes) => ({ 'data-citation': JSON.stringify(attributes.items) }),
      },
    }
  },

  parseHTML() {
    return [
      {
        tag: 'span[data-citation]',
        priority: 60,
        getAttrs: (element) => (readCitationItems((element as { getAttribute(name: string): string | null }).getAttribute('data-citation')) ? null : false),
      },
    ]
  },

  renderHTML({ node, HTMLAttributes }) {
    return ['span', { class: 'citation', ...HTMLAttributes }, citationFallbackText(node.attrs.items as CitationItem[])]
  },

  renderText({ node }) {
    return citationFallbackText(node.attrs.items as CitationItem[])
  },
})
