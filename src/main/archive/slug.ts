// URL slugs from titles: lowercase ASCII words joined by hyphens, diacritics folded ("ideeën" → "ideeen").

export function slugify(title: string, maxLength = 80): string {
  const words = title
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .match(/[a-z0-9]+/g)
  if (!words) return ''
  let slug = ''
  for (const word of words) {
    const next = slug ? `${slug}-${word}` : word
    if (next.length > maxLength) break
    slug = next
  }
  return slug || words[0]!.slice(0, maxLength)
}
