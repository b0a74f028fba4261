// The renderers: they turn Results into Markdown, HTML, SVG charts and a terminal summary, and
// never measure.
export { markdown } from './markdown';
export { html } from './html';
export { summaryTable } from './summary';
export { charts, sections } from './sections';
export type { Section, Table } from './model';
