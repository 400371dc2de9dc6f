// What the bench's page.evaluate callbacks see in the page, typed for the Node project (which has no DOM types).

interface PageElement {
  value?: string
  textContent: string | null
  contains(node: unknown): boolean
  /** Tiptap puts its editor on the ProseMirror element. */
  editor?: { state: { doc: { content: { size: number } } }; getJSON(): unknown }
}

export interface PageGlobals {
  document: { querySelector(selector: string): PageElement | null }
  getSelection(): { isCollapsed: boolean; anchorNode: unknown } | null
  api: { invoke(name: string, input: unknown): Promise<{ ok: boolean; error?: { message: string } }> }
  /** bench/probe.js */
  __bench: {
    start(): void
    stop(): Promise<unknown>
    armOpen(expected: unknown): boolean
    openResult(): Promise<{ duration: number }>
    watchSaves(): boolean
    saves(): { heardAt: number }[]
  }
}
