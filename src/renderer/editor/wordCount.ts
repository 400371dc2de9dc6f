import type { Node as PMNode } from '@tiptap/pm/model'
import { countWords } from '../../shared/document'

// ProseMirror nodes are immutable and shared between versions: a block that did not change keeps its count.
const blockCounts = new WeakMap<PMNode, number>()

/** Words in a document, recounting only the top-level blocks that changed since the last count. */
export function documentWords(doc: PMNode): number {
  let total = 0
  doc.forEach((block) => {
    let count = blockCounts.get(block)
    if (count === undefined) {
      count = countWords(block.textBetween(0, block.content.size, '\n', '\n'))
      blockCounts.set(block, count)
    }
    total += count
  })
  return total
}
