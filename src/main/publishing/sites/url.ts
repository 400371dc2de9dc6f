// A site's address: https anywhere, plain http only to this computer (loopback), no credentials in the URL.
import { ApiError } from '../../../shared/errors'

const isLoopback = (host: string): boolean =>
  host === 'localhost' || host === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(host)

/** The normalized address (no trailing slash, no query), or an invalid-input error saying what is wrong. */
export function checkSiteUrl(input: string): string {
  let url: URL
  try {
    url = new URL(input.trim())
  } catch {
    throw new ApiError('invalid-input', `"${input.slice(0, 200)}" is not a web address (it should start with https://).`)
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new ApiError('invalid-input', `A site's address starts with https:// (not ${url.protocol}).`)
  if (url.protocol === 'http:' && !isLoopback(url.hostname))
    throw new ApiError('invalid-input', `Plain http would send the password unencrypted: use https:// for ${url.hostname} (http is only allowed to this computer).`)
  if (url.username || url.password) throw new ApiError('invalid-input', 'Put the user name and password in their own fields, not in the address.')
  if (url.search || url.hash) throw new ApiError('invalid-input', 'A site address has no ?query or #fragment.')
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`
}
