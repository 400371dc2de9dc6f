// Stroke icons drawn as paths (no icon font, no text glyphs): decorative, the button around them carries the name.
const paths = {
  bold: 'M6 4h5.2a3 3 0 0 1 0 6H6zM6 10h6a3 3 0 0 1 0 6H6z',
  italic: 'M9 4h6M5 16h6M12.5 4l-5 12',
  underline: 'M6 3.5v6a4 4 0 0 0 8 0v-6M5 17h10',
  strike: 'M4 10h12M13.6 6.2C13 4.9 11.7 4 10 4 8 4 6.6 5.1 6.6 6.6c0 1 .6 1.8 1.9 2.3M6.3 13.4c.5 1.5 1.9 2.6 3.8 2.6 2.1 0 3.6-1.1 3.6-2.7 0-.5-.1-.9-.4-1.3',
  heading2: 'M3 4.5v11M10 4.5v11M3 10h7M12.6 8.4a2.1 2.1 0 1 1 3.6 1.5l-3.8 4.6h4.2',
  heading3: 'M3 4.5v11M10 4.5v11M3 10h7M12.8 7.6a2 2 0 1 1 2.2 2.6 2 2 0 1 1-2.3 2.9',
  bulletList: 'M8 5h9M8 10h9M8 15h9M3.6 5h.1M3.6 10h.1M3.6 15h.1',
  orderedList: 'M8.5 5h8.5M8.5 10h8.5M8.5 15h8.5M3 3.6l1.2-.6v4.2M2.8 13h2.2l-2.2 3h2.4',
  blockquote: 'M4 6.5h4v4H5.5c0 2 .8 3 2.5 3.5M11.5 6.5h4v4H13c0 2 .8 3 2.5 3.5',
  link: 'M8.5 11.5a3.2 3.2 0 0 0 4.5 0l2.5-2.5a3.2 3.2 0 0 0-4.5-4.5l-1 1M11.5 8.5a3.2 3.2 0 0 0-4.5 0L4.5 11a3.2 3.2 0 0 0 4.5 4.5l1-1',
  language: 'M10 2.8a7.2 7.2 0 1 0 0 14.4 7.2 7.2 0 0 0 0-14.4zM2.8 10h14.4M10 2.8c2 2 3 4.4 3 7.2s-1 5.2-3 7.2c-2-2-3-4.4-3-7.2s1-5.2 3-7.2z',
  undo: 'M7.5 5 4 8.5 7.5 12M4.5 8.5H12a4 4 0 0 1 0 8H9',
  redo: 'M12.5 5 16 8.5 12.5 12M15.5 8.5H8a4 4 0 0 0 0 8h3',
  close: 'M5 5l10 10M15 5 5 15',
  plus: 'M10 4v12M4 10h12',
  search: 'M8.7 3.5a5.2 5.2 0 1 0 0 10.4 5.2 5.2 0 0 0 0-10.4zM12.6 12.6 16.5 16.5',
  panel: 'M3.5 4.5h13v11h-13zM12 4.5v11',
  keyboard: 'M2.5 5.5h15v9h-15zM5.5 8.5h.1M8.5 8.5h.1M11.5 8.5h.1M14.5 8.5h.1M6.5 11.5h7',
  restore: 'M4 10a6 6 0 1 0 1.8-4.3M4 3.5v3.2h3.2M10 6.8V10l2.2 1.6',
  check: 'M4.5 10.5 8 14l7.5-8',
  alert: 'M10 3.2 17.5 16.5h-15zM10 8.3v3.6M10 14.2h.1',
  chevron: 'M7.5 5 12.5 10 7.5 15',
  // A closing quotation mark over a line: a citation of a source.
  cite: 'M5 5.5h3.5v3.5H6.2c0 1.6.6 2.4 2 2.8M11.5 5.5H15v3.5h-2.3c0 1.6.6 2.4 2 2.8M4 15.5h12',
  library: 'M4 4v12M7.5 4v12M11 4.5l3.5 11.2M3 16.5h14',
  // Publishing: sections, item actions and states.
  upload: 'M10 13V3.5M6 7.5l4-4 4 4M3.5 12.5v3.5h13v-3.5',
  download: 'M10 3.5V13M6 9l4 4 4-4M3.5 12.5v3.5h13v-3.5',
  inbox: 'M3 11.5 5 4.5h10l2 7v4H3zM3 11.5h4l1 2h4l1-2h4',
  site: 'M3 4.5h14v11H3zM3 7.5h14M5.2 6h.1M7.2 6h.1',
  eye: 'M2.5 10s2.8-5 7.5-5 7.5 5 7.5 5-2.8 5-7.5 5-7.5-5-7.5-5zM10 7.8a2.2 2.2 0 1 0 0 4.4 2.2 2.2 0 0 0 0-4.4z',
  'chevron-left': 'M12.5 5 7.5 10l5 5',
  info: 'M10 2.8a7.2 7.2 0 1 0 0 14.4 7.2 7.2 0 0 0 0-14.4zM10 9v4.5M10 6.3h.1',
  retry: 'M15.5 10a5.5 5.5 0 1 1-1.6-3.9M15.8 3.5v3.2h-3.2',
  stop: 'M5.5 5.5h9v9h-9z',
  external: 'M11.5 3.5h5v5M16.5 3.5 9.5 10.5M14.5 11.5v5h-11v-11h5',
  edit: 'M13 3.8 16.2 7 7.5 15.7l-4 .8.8-4zM11.5 5.3l3.2 3.2',
  trash: 'M4 6h12M8 6V4h4v2M5.5 6l.8 10.5h7.4L14.5 6M8.5 9v5M11.5 9v5',
  plug: 'M7 3v4M13 3v4M5 7h10v2.5a5 5 0 0 1-10 0zM10 14.5V17',
  columns: 'M3 4.5h14v11H3zM10 4.5v11',
} as const

export type IconName = keyof typeof paths

export function Icon({ name, size = 18 }: { name: IconName; size?: number }) {
  return (
    <svg className="icon" viewBox="0 0 20 20" width={size} height={size} aria-hidden="true" focusable="false">
      <path d={paths[name]} fill="none" stroke="currentColor" strokeWidth="1.7" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  )
}
