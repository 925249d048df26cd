import type { TemplateDefinition } from './types.ts'

/** Just the document and a page named in the creator's language, so the first visitor does not name it in theirs. */
export const leer: TemplateDefinition = {
  id: 'leer',
  title: { de: 'Leeres Board', en: 'Blank board' },
  description: { de: 'Eine leere Fläche, ganz ohne Vorgaben.', en: 'An empty canvas without any structure.' },
  build: () => {},
}
