import type { Localized, TemplateDefinition } from './types.ts'

interface CanvasField {
  readonly key: string
  readonly title: Localized
  /** A guiding question at the top of the frame; the notes go below it. */
  readonly prompt: Localized
}

/** In working order: from the company's challenge to who takes part in the project. */
const FIELDS: readonly CanvasField[] = [
  {
    key: 'herausforderung',
    title: { de: 'Herausforderung', en: 'Challenge' },
    prompt: {
      de: 'Welche Aufgabe bringt das Unternehmen mit? Was soll danach besser sein?',
      en: 'Which task does the company bring? What should be better afterwards?',
    },
  },
  {
    key: 'kompetenzen',
    title: { de: 'Kompetenzen der Kreativen', en: 'Skills of the creatives' },
    prompt: {
      de: 'Was bringen die Kreativen mit – Methoden, Erfahrungen, Blickwinkel?',
      en: 'What do the creatives bring – methods, experience, points of view?',
    },
  },
  {
    key: 'ideen',
    title: { de: 'Ideen', en: 'Ideas' },
    prompt: {
      de: 'Wie könnte eine Lösung aussehen? Erst viele Ideen, dann die besten.',
      en: 'What could a solution look like? Many ideas first, then the best ones.',
    },
  },
  {
    key: 'nutzen',
    title: { de: 'Nutzen für Kunden', en: 'Benefit for customers' },
    prompt: {
      de: 'Was haben die Kund:innen davon? Woran merken sie es?',
      en: 'What do the customers gain? How will they notice?',
    },
  },
  {
    key: 'naechste-schritte',
    title: { de: 'Nächste Schritte', en: 'Next steps' },
    prompt: {
      de: 'Was passiert bis wann? Was ist der erste kleine Schritt?',
      en: 'What happens by when? What is the first small step?',
    },
  },
  {
    key: 'wer-macht-mit',
    title: { de: 'Wer macht mit?', en: 'Who is in?' },
    prompt: {
      de: 'Wer übernimmt was – Kreative, Unternehmen, Institution?',
      en: 'Who takes on what – creatives, companies, institutions?',
    },
  },
]

/** The workshop canvas a group fills in together after the open idea phase. */
export const crossInnovationCanvas: TemplateDefinition = {
  id: 'cross-innovation-canvas',
  title: { de: 'Cross-Innovation-Canvas', en: 'Cross-innovation canvas' },
  description: {
    de: 'Von der Herausforderung des Unternehmens zum gemeinsamen Projekt.',
    en: 'From the company’s challenge to a joint project.',
  },
  build: (board) => {
    const top = board.heading(crossInnovationCanvas.title, {
      de: 'Arbeitet euch von links oben nach rechts unten durch die Felder. Eine Notiz pro Gedanke – sie bekommt die Farbe deiner Seite.',
      en: 'Work through the fields from top left to bottom right. One note per thought – it takes the colour of your side.',
    })
    board.sideLegend(1320, 100)
    const frames = FIELDS.map((field) => ({ key: `frame-${field.key}`, name: board.t(field.title), prompt: field.prompt }))
    for (const frame of board.frameGrid(frames, { top, columns: 3, width: 720, height: 560, gap: 80 })) {
      board.text(`${frame.key}-prompt`, { x: 32, y: 32, w: 656, size: 'm', text: board.t(frame.prompt), parent: frame.id })
    }
  },
}
