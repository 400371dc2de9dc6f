import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { ArticleLanguage } from '../../shared/articles'
import { fieldLimits, isValidSlug, parseTags } from './fields'
import type { ArticleSession } from './session'

/** The article's metadata: language, slug, category path, tags, excerpt; saved with the text by the same autosave. */
export function DetailsTab({ session }: { session: ArticleSession }) {
  const { t } = useTranslation()
  const id = useId()
  const { draft, setField, slugTaken } = session
  const slugInvalid = draft.slug !== '' && !isValidSlug(draft.slug)
  const tags = parseTags(draft.tags)
  return (
    <form className="details" onSubmit={(e) => e.preventDefault()}>
      <div className="field">
        <label className="field-label" htmlFor={`${id}-language`}>
          {t('details.language')}
        </label>
        <select id={`${id}-language`} value={draft.language} onChange={(e) => setField('language', e.target.value as ArticleLanguage)}>
          {ArticleLanguage.options.map((language) => (
            <option key={language} value={language}>
              {t(`articleLanguage.${language}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label className="field-label" htmlFor={`${id}-slug`}>
          {t('details.slug')}
        </label>
        <input
          id={`${id}-slug`}
          value={draft.slug}
          onChange={(e) => setField('slug', e.target.value)}
          aria-invalid={slugInvalid || slugTaken}
          aria-describedby={`${id}-slug-help`}
          maxLength={200}
          spellCheck={false}
          autoComplete="off"
          placeholder={t('details.slugPlaceholder')}
        />
        <p id={`${id}-slug-help`} className={slugInvalid || slugTaken ? 'field-error' : 'field-help'} aria-live="polite">
          {slugInvalid ? t('details.slugInvalid') : slugTaken ? t('details.slugTaken') : t('details.slugHelp')}
        </p>
      </div>
      <div className="field">
        <label className="field-label" htmlFor={`${id}-category`}>
          {t('details.category')}
        </label>
        <input
          id={`${id}-category`}
          value={draft.category}
          onChange={(e) => setField('category', e.target.value)}
          aria-describedby={`${id}-category-help`}
          placeholder={t('details.categoryPlaceholder')}
          autoComplete="off"
        />
        <p id={`${id}-category-help`} className="field-help">
          {t('details.categoryHelp')}
        </p>
      </div>
      <div className="field">
        <label className="field-label" htmlFor={`${id}-tags`}>
          {t('details.tags')}
        </label>
        <input
          id={`${id}-tags`}
          value={draft.tags}
          onChange={(e) => setField('tags', e.target.value)}
          aria-describedby={`${id}-tags-help`}
          placeholder={t('details.tagsPlaceholder')}
          autoComplete="off"
        />
        <p id={`${id}-tags-help`} className="field-help">
          {t('details.tagsHelp', { count: tags.length })}
        </p>
        {tags.length > 0 ? (
          <ul className="tag-chips" aria-hidden="true">
            {tags.map((tag) => (
              <li key={tag}>{tag}</li>
            ))}
          </ul>
        ) : null}
      </div>
      <div className="field">
        <label className="field-label" htmlFor={`${id}-excerpt`}>
          {t('details.excerpt')}
        </label>
        <textarea
          id={`${id}-excerpt`}
          value={draft.excerpt}
          onChange={(e) => setField('excerpt', e.target.value)}
          maxLength={fieldLimits.excerpt}
          rows={5}
          aria-describedby={`${id}-excerpt-help`}
        />
        <p id={`${id}-excerpt-help`} className="field-help">
          {t('details.excerptHelp', { count: draft.excerpt.length, max: fieldLimits.excerpt })}
        </p>
      </div>
    </form>
  )
}
