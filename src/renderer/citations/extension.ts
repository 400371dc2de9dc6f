// The citation in the editor: a plain DOM node view per citation and one plugin that numbers them all and keeps the
// bibliography under the text in step, re-deriving only when a change touches a citation or the style.
import { Extension } from '@tiptap/core'
import type { Node as PMNode } from '@tiptap/pm/model'
import { Plugin, PluginKey, type EditorState, type Transaction } from '@tiptap/pm/state'
import { AddMarkStep, RemoveMarkStep } from '@tiptap/pm/transform'
import type { EditorView, NodeView } from '@tiptap/pm/view'
import { collectCitations, deriveCitations, runsText, type CitationAt, type DerivedCitations } from '../../shared/document/bibliography'
import type { CitationItem } from '../../shared/citations'
import { readCitationStyle } from '../../shared/citations'
import { BibliographyView, type BibliographyTexts } from './bibliography-view'
import type { CitationEngine } from './engine'

interface CitationState {
  citations: CitationAt[]
  derived: DerivedCitations
  /** In-text label by the position of its node. */
  labels: Map<number, string>
}

export const citationKey = new PluginKey<CitationState>('citations')

export interface CitationTexts extends BibliographyTexts {
  /** Accessible name of a citation ("Citation (1): Berman BM, …"). */
  citation(label: string, sources: string): string
}

function derive(doc: PMNode, engine: CitationEngine, citations = collectCitations(doc)): CitationState {
  const style = readCitationStyle(doc.attrs.citationStyle)
  const derived = deriveCitations(citations, style, engine.formattingFor(style))
  const labels = new Map<number, string>()
  citations.forEach((c, i) => labels.set(c.pos, derived.labels[i]!))
  return { citations, derived, labels }
}

const hasCitation = (doc: PMNode, from: number, to: number): boolean => {
  let found = false
  if (from < to)
    doc.nodesBetween(Math.max(0, from), Math.min(to, doc.content.size), (node) => {
      if (found) return false
      if (node.type.name === 'citation') found = true
      return !found && !node.isLeaf
    })
  return found
}

/**
 * Whether a transaction can change the citations: a replaced range that held a citation, or new content that holds
 * one, or a change of attributes (a citation's items, the document's style). Typing touches none of these: then the
 * positions are only mapped, which keeps a keystroke in a long article O(citations) instead of O(document).
 */
function touchesCitations(tr: Transaction): boolean {
  for (let i = 0; i < tr.steps.length; i++) {
    const step = tr.steps[i]!
    if (step instanceof AddMarkStep || step instanceof RemoveMarkStep) continue
    const map = step.getMap()
    let touched = false
    let ranges = 0
    const before = tr.docs[i]!
    const after = i + 1 < tr.docs.length ? tr.docs[i + 1]! : tr.doc
    map.forEach((oldStart, oldEnd, newStart, newEnd) => {
      ranges++
      if (hasCitation(before, oldStart, oldEnd) || hasCitation(after, newStart, newEnd)) touched = true
    })
    // A step that maps nothing changed attributes (AttrStep, DocAttrStep): it may be a citation's or the style.
    if (touched || ranges === 0) return true
  }
  return false
}

class CitationView implements NodeView {
  readonly dom: HTMLElement
  private label = ''

  constructor(
    private node: PMNode,
    private readonly view: EditorView,
    private readonly getPos: () => number | undefined,
    private readonly views: Set<CitationView>,
    private readonly texts: () => CitationTexts,
  ) {
    this.dom = document.createElement('span')
    this.dom.className = 'citation'
    this.dom.contentEditable = 'false'
    this.dom.setAttribute('role', 'button')
    this.views.add(this)
    this.render()
  }

  render(): void {
    const pos = this.getPos()
    const state = citationKey.getState(this.view.state)
    const label = (pos !== undefined && state?.labels.get(pos)) || '(…)'
    if (label === this.label) return
    this.label = label
    this.dom.textContent = label
    const items = this.node.attrs.items as CitationItem[]
    const entries = new Map(state?.derived.entries.map((e) => [e.id, e]) ?? [])
    const sources = items.map(({ source }) => {
      const entry = entries.get(source)
      return entry?.source ? runsText(entry.source.entry) : source
    })
    this.dom.setAttribute('aria-label', this.texts().citation(label, sources.join('; ')))
    this.dom.title = sources.join('\n')
  }

  update(node: PMNode): boolean {
    if (node.type !== this.node.type) return false
    this.node = node
    this.label = ''
    this.render()
    return true
  }

  selectNode(): void {
    this.dom.classList.add('is-selected')
  }

  deselectNode(): void {
    this.dom.classList.remove('is-selected')
  }

  ignoreMutation(): boolean {
    return true
  }

  destroy(): void {
    this.views.delete(this)
  }
}

export interface CitationEditingOptions {
  engine: CitationEngine
  texts: () => CitationTexts
}

/** Editor-only behaviour of citations: node views, numbering, the bibliography, and Enter on a citation to edit it. */
export const CitationEditing = Extension.create<CitationEditingOptions>({
  name: 'citationEditing',

  addOptions() {
    return { engine: undefined as unknown as CitationEngine, texts: () => ({ citation: (l) => l, region: '', missing: (id) => id, pending: '', failed: '' }) }
  },

  addProseMirrorPlugins() {
    const { engine, texts } = this.options
    const views = new Set<CitationView>()
    return [
      new Plugin<CitationState>({
        key: citationKey,
        state: {
          init: (_, state: EditorState) => derive(state.doc, engine),
          apply: (tr, previous, _old, state) => {
            if (tr.getMeta(citationKey) === 'formatted' || (tr.docChanged && touchesCitations(tr))) return derive(state.doc, engine)
            if (!tr.docChanged) return previous
            const citations = previous.citations.map((c) => ({ pos: tr.mapping.map(c.pos), items: c.items }))
            const labels = new Map<number, string>()
            citations.forEach((c, i) => labels.set(c.pos, previous.derived.labels[i]!))
            return { citations, derived: previous.derived, labels }
          },
        },
        props: {
          nodeViews: {
            citation: (node, view, getPos) => new CitationView(node, view, getPos, views, texts),
          },
          handleKeyDown: (view, event) => {
            if (event.key !== 'Enter' || event.shiftKey || event.ctrlKey || event.metaKey || event.altKey) return false
            // A citation arrowed onto (node selection) or selected with Shift+Arrow (a range of just that node).
            const { from, to } = view.state.selection
            const node = to - from === 1 ? view.state.doc.nodeAt(from) : null
            if (node?.type.name !== 'citation') return false
            engine.openPicker({ kind: 'edit', pos: from, items: node.attrs.items as CitationItem[] })
            return true
          },
          handleDoubleClickOn: (_view, pos, node) => {
            if (node.type.name !== 'citation') return false
            engine.openPicker({ kind: 'edit', pos, items: node.attrs.items as CitationItem[] })
            return true
          },
        },
        view: (view) => {
          const bibliography = new BibliographyView(texts)
          view.dom.after(bibliography.dom)
          const disconnect = engine.connect(() => {
            if (!view.isDestroyed) view.dispatch(view.state.tr.setMeta(citationKey, 'formatted').setMeta('addToHistory', false))
          })
          let shown: DerivedCitations | null = null
          const refresh = () => {
            const state = citationKey.getState(view.state)!
            if (state.derived === shown) return
            shown = state.derived
            engine.derived.set(state.derived)
            for (const citation of views) citation.render()
            bibliography.render(state.derived, engine.articleLanguage, engine.failed.get())
            engine.need(state.derived.style, state.derived.cited)
          }
          refresh()
          const offFailed = engine.failed.subscribe(() => {
            shown = null
            refresh()
          })
          return {
            update: refresh,
            destroy: () => {
              offFailed()
              disconnect()
              bibliography.dom.remove()
            },
          }
        },
      }),
    ]
  },
})
