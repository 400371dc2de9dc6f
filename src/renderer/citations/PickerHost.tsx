import type { ArticleSession } from '../editor/session'
import { useStore } from '../editor/session'
import { CitationPicker } from './CitationPicker'

/** The picker of the open article, while it is asked for; subscribes on its own so the pane does not re-render. */
export function PickerHost({ session }: { session: ArticleSession }) {
  const request = useStore(session.citations.picker)
  return request ? <CitationPicker key={JSON.stringify(request)} editor={session.editor} engine={session.citations} request={request} /> : null
}
