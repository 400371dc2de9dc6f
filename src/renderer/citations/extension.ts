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
import { BibliographyView, entryElementId, type BibliographyTexts } from './bibliography-view'
import type { CitationEngine } from './engine'

interface CitationState {
  citations: CitationAt[]
  derived: DerivedCitations
  /**
   * In-text label by the node's items array. A label depends on the items alone (and the numbering of the whole
   * document), and ProseMirror keeps an unchanged node's attrs object: a node view finds its label without its
   * position, and typing elsewhere keeps every key.
   */
  labels: Map<readonly CitationItem[], string>
  /** Plain text of each source's entry (by the id cited), for the citations' tooltips. */
  entryTexts: Map<string, string>
  /** The entry each cited id is listed under (a merged duplicate's is the kept source's). */
  canonical: Map<string, string>
}

export const citationKey = new PluginKey<CitationState>('citations')

export interface CitationTexts extends BibliographyTexts {
  /** What a screen reader calls a citation (aria-roledescription); its entries describe it. */
  role: string
}

function derive(doc: PMNode, engine: CitationEngine, previous?: CitationState, citations = collectCitations(doc)): CitationState {
  const style = readCitationStyle(doc.attrs.citationStyle)
  const derived = deriveCitations(citations, style, engine.formattingFor(style))
  const labels = new Map<readonly CitationItem[], string>()
  citations.forEach((c, i) => labels.set(c.items, derived.labels[i]!))
  const formatting = engine.formattingFor(style)
  const canonical = new Map(derived.cited.map((id) => [id, formatting?.sources[id]?.canonical ?? id]))
  const byId = new Map(derived.entries.map((e) => [e.id, e.source ? runsText(e.source.entry) : e.id]))
  const entryTexts = new Map(derived.cited.map((id) => [id, byId.get(canonical.get(id)!) ?? id]))
  // The same texts as before (a renumbering): the same maps, so the node views see nothing to rewrite but labels.
  if (previous && sameMap(previous.entryTexts, entryTexts) && sameMap(previous.canonical, canonical))
    return { citations, derived, labels, entryTexts: previous.entryTexts, canonical: previous.canonical }
  return { citations, derived, labels, entryTexts, canonical }
}

const sameMap = (a: Map<string, string>, b: Map<string, string>) => {
  if (a.size !== b.size) return false
  for (const [key, value] of a) if (b.get(key) !== value) return false
  return true
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
  private entryTexts: Map<string, string> | undefined

  constructor(
    private node: PMNode,
    private readonly view: EditorView,
    private readonly views: Set<CitationView>,
    private readonly names: { role: string },
  ) {
    this.dom = document.createElement('span')
    this.dom.className = 'citation'
    this.dom.contentEditable = 'false'
    this.dom.setAttribute('role', 'button')
    this.views.add(this)
    this.render()
  }

  render(force = false): void {
    const state = citationKey.getState(this.view.state)
    const items = this.node.attrs.items as CitationItem[]
    const label = state?.labels.get(items) || '(…)'
    if (label !== this.label) {
      this.label = label
      // The text node's data, not a new node: renumbering 300 citations then changes text, not the tree.
      const text = this.dom.firstChild
      if (text instanceof Text && !text.nextSibling) text.data = label
      else this.dom.textContent = label
    }
    // Renumbering changes the label only; what a citation cites is said by its entries. Attributes are written only
    // when their text changes: each write costs, and 300 unchanged ones per edit add up.
    if (force || state?.entryTexts !== this.entryTexts) {
      this.entryTexts = state?.entryTexts
      this.write('title', items.map(({ source }) => state?.entryTexts.get(source) ?? source).join('\n'))
      this.write('aria-roledescription', this.names.role)
      this.write('aria-describedby', items.map(({ source }) => entryElementId(state?.canonical.get(source) ?? source)).join(' '))
    }
  }

  private readonly written = new Map<string, string>()
  private write(name: string, value: string): void {
    if (this.written.get(name) === value) return
    this.written.set(name, value)
    this.dom.setAttribute(name, value)
  }

  update(node: PMNode): boolean {
    if (node.type !== this.node.type) return false
    this.node = node
    this.label = ''
    this.render(true)
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
    return { engine: undefined as unknown as CitationEngine, texts: () => ({ role: '', region: '', missing: (id) => id, pending: '', failed: '' }) }
  },

  addProseMirrorPlugins() {
    const { engine, texts } = this.options
    const views = new Set<CitationView>()
    const names = { role: texts().role }
    return [
      new Plugin<CitationState>({
        key: citationKey,
        state: {
          init: (_, state: EditorState) => derive(state.doc, engine),
          apply: (tr, previous, _old, state) => {
            if (tr.getMeta(citationKey) === 'formatted' || (tr.docChanged && touchesCitations(tr))) return derive(state.doc, engine, previous)
            if (!tr.docChanged) return previous
            return { ...previous, citations: previous.citations.map((c) => ({ pos: tr.mapping.map(c.pos), items: c.items })) }
          },
        },
        props: {
          nodeViews: {
            citation: (node, view) => new CitationView(node, view, views, names),
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
          let frame = 0
          let relabel = false
          let lastTexts: CitationTexts | null = null
          /**
           * The other citations' labels and the bibliography are written in the next animation frame, all at once:
           * ProseMirror measures the text right after an edit (to scroll the caret into view), and with 300 labels
           * and the list rewritten first, that measuring would lay out the whole article twice per key.
           */
          const paint = () => {
            frame = 0
            if (view.isDestroyed) return
            const state = citationKey.getState(view.state)!
            for (const citation of views) citation.render(relabel)
            relabel = false
            bibliography.render(state.derived, engine.articleLanguage, engine.failed.get())
          }
          const refresh = () => {
            const state = citationKey.getState(view.state)!
            // The interface language changed: the citations' role is said in the new language.
            const current = texts()
            if (state.derived === shown && current === lastTexts) return
            relabel ||= current !== lastTexts && lastTexts !== null
            lastTexts = current
            names.role = current.role
            shown = state.derived
            engine.derived.set(state.derived)
            frame ||= requestAnimationFrame(paint)
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
              cancelAnimationFrame(frame)
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
