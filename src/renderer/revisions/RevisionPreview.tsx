import { useState } from 'react'
import { EditorContent, useEditor, type JSONContent } from '@tiptap/react'
import { useTranslation } from 'react-i18next'
import type { Revision, RevisionSummary } from '../../shared/articles'
import { documentExtensions } from '../../shared/document'
import { useFormat } from '../app/format'
import { Icon } from '../app/icons'
import { useNotices } from '../app/notices'
import { useCall } from '../app/useCall'

interface RevisionPreviewProps {
  revisionId: number
  onClose(): void
  onRestore(revision: RevisionSummary): void
}

/** A revision shown read-only in place of the editor; the live editor stays mounted (and keeps its undo) behind it. */
export function RevisionPreview({ revisionId, onClose, onRestore }: RevisionPreviewProps) {
  const { t } = useTranslation()
  const format = useFormat()
  const { report } = useNotices()
  const revision = useCall('revisions.get', { id: revisionId }, String(revisionId), (e) => report(e, 'notices.revisionFailed'))
  return (
    <section className="revision-preview" aria-label={t('history.previewLabel')}>
      <div className="preview-banner">
        <p>
          {revision.data
            ? t('history.previewing', { when: format.dateTime(revision.data.createdAt) })
            : t('common.loading')}
        </p>
        <span className="spacer" />
        {revision.data ? (
          <button type="button" className="button button-primary button-small" onClick={() => onRestore(revision.data!)}>
            <Icon name="restore" size={14} />
            <span>{t('history.restore')}</span>
          </button>
        ) : null}
        <button type="button" className="button button-small" onClick={onClose}>
          {t('history.closePreview')}
        </button>
      </div>
      {revision.data ? <ReadOnlyArticle key={revision.data.id} revision={revision.data} /> : null}
    </section>
  )
}

function ReadOnlyArticle({ revision }: { revision: Revision }) {
  const { t } = useTranslation()
  const [options] = useState(() => ({
    extensions: documentExtensions(),
    content: revision.fields.doc as JSONContent,
    editable: false,
    injectCSS: false,
    shouldRerenderOnTransaction: false,
    editorProps: {
      attributes: { class: 'article-body', lang: revision.fields.language, role: 'textbox', 'aria-multiline': 'true', 'aria-readonly': 'true', 'aria-label': t('history.previewBody') },
    },
  }))
  const editor = useEditor(options)
  return (
    <div className="editor-scroll">
      <article className="editor-column">
        <h1 className="preview-title">{revision.fields.title || t('list.untitled')}</h1>
        <EditorContent editor={editor} />
      </article>
    </div>
  )
}
