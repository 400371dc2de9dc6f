import { useTranslation } from 'react-i18next'
import type { SiteTestResult } from '../../shared/publishing'
import { Icon } from '../app/icons'
import { useCodeText } from './text'

interface TestOutcomeProps {
  result: Pick<SiteTestResult, 'ok' | 'code' | 'message' | 'user'>
  /** A problem the site has now (not a test just run): the text alone, without the icon. */
  problem?: boolean
}

/** What "test connection" found, in words: who the site says the credentials belong to, or what is wrong. */
export function TestOutcome({ result, problem }: TestOutcomeProps) {
  const { t } = useTranslation('publishing')
  const text = useCodeText()
  if (result.ok)
    return (
      <span className="test-outcome test-ok">
        <Icon name="check" size={15} />
        <span>{result.user ? t('test.okAs', { user: result.user }) : t('test.ok')}</span>
      </span>
    )
  const words = text('siteProblem', result.code, '')
  return (
    <span className={`test-outcome test-failed${problem ? ' is-problem' : ''}`}>
      {problem ? null : <Icon name="alert" size={15} />}
      <span>
        {words || t('test.failed')}
        {result.message ? (
          <span className="test-detail" lang="en">
            {' '}
            ({result.message})
          </span>
        ) : null}
      </span>
    </span>
  )
}
