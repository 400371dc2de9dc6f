import { describe, expect, it } from 'vitest'
import { withoutStyleAttributes } from './paste-without-styles'

describe('withoutStyleAttributes', () => {
  it('drops style attributes from tags and nothing else', () => {
    expect(withoutStyleAttributes('<p style="color:red" class="x">a</p><span STYLE=\'font: 1px\'>b</span><b style=bold>c</b>')).toBe(
      '<p class="x">a</p><span>b</span><b>c</b>',
    )
  })

  it('leaves text that merely mentions style= alone', () => {
    const html = '<p>Use style="x" in CSS &lt;p style="y"&gt;</p>'
    expect(withoutStyleAttributes(html)).toBe(html)
  })
})
