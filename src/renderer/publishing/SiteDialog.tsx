import { useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { Site, SiteDraft, SiteKind, SiteTestResult } from '../../shared/publishing'
import { asApiError, call } from '../api'
import { Dialog } from '../app/Dialog'
import { Icon } from '../app/icons'
import { useNotices } from '../app/notices'
import { TestOutcome } from './TestOutcome'

/** Why an address cannot be a site's, before main is asked: not a URL, not http(s), or plain http off this computer. */
export function addressProblem(value: string): 'required' | 'invalid' | 'insecure' | null {
  const text = value.trim()
  if (!text) return 'required'
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return 'invalid'
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'invalid'
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname) || /^127\./.test(url.hostname)
  if (url.protocol === 'http:' && !loopback) return 'insecure'
  return null
}

interface SiteDialogProps {
  /** The site to change, or null for a new one. */
  site: Site | null
  /** Where secrets are kept, in main's words (known once any site exists). */
  secretStore: string | null
  onClose(): void
}

/**
 * Adding or changing a site. The password or token is typed into a password field, sent to main once (on test or
 * save) and forgotten with the dialog: main never sends it back, and this form never shows a kept one.
 */
export function SiteDialog({ site, secretStore, onClose }: SiteDialogProps) {
  const { t } = useTranslation(['publishing', 'app'])
  const { report, inform } = useNotices()
  const id = useId()
  const [name, setName] = useState(site?.name ?? '')
  const [kind, setKind] = useState<SiteKind>(site?.kind ?? 'wordpress')
  const [baseUrl, setBaseUrl] = useState(site?.baseUrl ?? '')
  const [username, setUsername] = useState(site?.username ?? '')
  const [secret, setSecret] = useState('')
  const [tried, setTried] = useState(false)
  const [busy, setBusy] = useState<'test' | 'save' | null>(null)
  const [result, setResult] = useState<SiteTestResult | null>(null)
  const [refused, setRefused] = useState<string | null>(null)

  const address = addressProblem(baseUrl)
  const nameMissing = !name.trim()
  const userMissing = kind === 'wordpress' && !username.trim()
  const secretMissing = !secret && !site?.hasSecret
  const invalid = nameMissing || !!address || userMissing || secretMissing
  const draft = (): SiteDraft => ({ name: name.trim() || baseUrl.trim(), kind, baseUrl: baseUrl.trim(), username: kind === 'wordpress' ? username.trim() : '', ...(secret ? { secret } : {}) })
  // A saved site whose address, kind and user are unchanged can be tested with its kept secret.
  const unchanged = !!site && site.kind === kind && site.baseUrl === baseUrl.trim() && site.username === (kind === 'wordpress' ? username.trim() : '')

  const test = async () => {
    setResult(null)
    setRefused(null)
    if (address || (kind === 'wordpress' && userMissing)) return setTried(true)
    if (!secret && !(unchanged && site?.hasSecret)) return setRefused(t('siteForm.testNeedsSecret'))
    setBusy('test')
    try {
      setResult(await call('sites.test', !secret && site ? { id: site.id } : { draft: draft() }))
    } catch (error) {
      report(error, 'publishing:notices.testFailed')
    } finally {
      setBusy(null)
    }
  }

  const save = async (event: FormEvent) => {
    event.preventDefault()
    setTried(true)
    setRefused(null)
    if (invalid) return
    setBusy('save')
    try {
      await call('sites.save', { ...(site ? { id: site.id } : {}), site: draft() })
      setSecret('')
      inform(site ? 'publishing:notices.siteSaved' : 'publishing:notices.siteAdded')
      onClose()
    } catch (error) {
      const apiError = asApiError(error)
      // Main's reason (an address it will not use, a name too long) is the most useful thing to show here.
      if (apiError.code === 'invalid-input') setRefused(apiError.message)
      else report(error, 'publishing:notices.siteSaveFailed')
    } finally {
      setBusy(null)
    }
  }

  const fieldError = (show: boolean, key: string, helpKey?: string) =>
    show ? <p className="field-error">{t(key)}</p> : helpKey ? <p className="field-help">{t(helpKey)}</p> : null

  return (
    <Dialog title={site ? t('siteForm.editTitle', { name: site.name }) : t('siteForm.addTitle')} onClose={onClose} className="dialog-site">
      <form onSubmit={(e) => void save(e)} noValidate>
        <fieldset className="kind-choice">
          <legend className="field-label">{t('siteForm.kind')}</legend>
          {(['wordpress', 'kopij-api'] as const).map((k) => (
            <label key={k} className={`kind-option${kind === k ? ' is-checked' : ''}`}>
              <input type="radio" name={`${id}-kind`} value={k} checked={kind === k} onChange={() => setKind(k)} />
              <span>
                <strong>{t(`sites.kinds.${k}`)}</strong>
                <span className="kind-help">{t(`siteForm.kindHelp.${k}`)}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label className="field-label" htmlFor={`${id}-name`}>
            {t('siteForm.name')}
          </label>
          <input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} maxLength={100} autoComplete="off" aria-invalid={tried && nameMissing} placeholder={t('siteForm.namePlaceholder')} />
          {fieldError(tried && nameMissing, 'siteForm.nameRequired')}
        </div>
        <div className="field">
          <label className="field-label" htmlFor={`${id}-url`}>
            {t(`siteForm.address.${kind}`)}
          </label>
          <input
            id={`${id}-url`}
            type="url"
            value={baseUrl}
            onChange={(e) => setBaseUrl(e.target.value)}
            maxLength={2000}
            autoComplete="off"
            spellCheck={false}
            aria-invalid={tried && !!address}
            aria-describedby={`${id}-url-help`}
            placeholder={t(`siteForm.addressPlaceholder.${kind}`)}
          />
          <div id={`${id}-url-help`}>{fieldError(tried && !!address, `siteForm.addressProblem.${address ?? 'required'}`, `siteForm.addressHelp.${kind}`)}</div>
        </div>
        {kind === 'wordpress' ? (
          <div className="field">
            <label className="field-label" htmlFor={`${id}-user`}>
              {t('siteForm.user')}
            </label>
            <input id={`${id}-user`} value={username} onChange={(e) => setUsername(e.target.value)} maxLength={200} autoComplete="off" spellCheck={false} aria-invalid={tried && userMissing} />
            {fieldError(tried && userMissing, 'siteForm.userRequired')}
          </div>
        ) : null}
        <div className="field">
          <label className="field-label" htmlFor={`${id}-secret`}>
            {t(`siteForm.secret.${kind}`)}
          </label>
          <input
            id={`${id}-secret`}
            type="password"
            value={secret}
            onChange={(e) => setSecret(e.target.value)}
            maxLength={4000}
            autoComplete="new-password"
            spellCheck={false}
            aria-invalid={tried && secretMissing}
            aria-describedby={`${id}-secret-help`}
            placeholder={site?.hasSecret ? t('siteForm.secretKeptPlaceholder') : undefined}
          />
          <p id={`${id}-secret-help`} className={tried && secretMissing ? 'field-error' : 'field-help'}>
            {tried && secretMissing
              ? t('siteForm.secretRequired')
              : [t(`siteForm.secretHelp.${kind}`), site?.hasSecret ? t('siteForm.secretKeep') : null].filter(Boolean).join(' ')}
          </p>
          <p className="field-help">
            {secretStore ? (
              <>
                {t('sites.keptIn')} <span lang="en">{secretStore}</span>
              </>
            ) : (
              t('siteForm.notInArchive')
            )}
          </p>
        </div>
        <div className="site-test-line" role="status">
          {busy === 'test' ? <span className="test-outcome">{t('sites.testing')}</span> : null}
          {result ? <TestOutcome result={result} /> : null}
          {refused ? <span className="test-outcome test-failed">{refused}</span> : null}
        </div>
        <div className="dialog-actions">
          <button type="button" className="button" onClick={() => void test()} disabled={busy !== null}>
            <Icon name="plug" size={16} />
            <span>{t('sites.test')}</span>
          </button>
          <span className="spacer" />
          <button type="button" className="button" onClick={onClose}>
            {t('app:common.cancel')}
          </button>
          <button type="submit" className="button button-primary" disabled={busy !== null}>
            {site ? t('siteForm.save') : t('siteForm.add')}
          </button>
        </div>
      </form>
    </Dialog>
  )
}
