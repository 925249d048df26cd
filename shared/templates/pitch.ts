import type { Pitcher, TemplateDefinition } from './types.ts'

/** Without a pitch queue, one blank pitch for the facilitator to fill in or duplicate. */
const BLANK_PITCHER: Pitcher = { name: '', offer: '', seek: '' }

const FRAME = { columns: 3, width: 720, height: 980, gap: 100 }
const INNER_WIDTH = FRAME.width - 64

/** One frame per pitch: who, what they offer, what they look for, and room for the audience's questions. */
export const pitch: TemplateDefinition = {
  id: 'pitch',
  title: { de: 'Pitch', en: 'Pitch' },
  description: {
    de: 'Ein Rahmen pro Pitch: was ich anbiete, was ich suche, Fragen aus dem Publikum.',
    en: 'One frame per pitch: what I offer, what I am looking for, questions from the audience.',
  },
  build: (board, { pitchers }) => {
    const top = board.heading(pitch.title, {
      de: 'Jede:r stellt sich kurz vor. Fragen und Reaktionen aus dem Publikum kommen als Notizen in den Rahmen „Fragen“ des Pitches.',
      en: 'Everyone introduces themselves briefly. Questions and reactions from the audience go as notes into the pitch’s “Questions” frame.',
    })
    const queue = pitchers && pitchers.length > 0 ? pitchers : [BLANK_PITCHER]
    const frames = queue.map((person, i) => ({ key: `pitch-${i + 1}`, name: person.name.trim() || `Pitch ${i + 1}`, person }))
    for (const { key, id: parent, person } of board.frameGrid(frames, { top, ...FRAME })) {
      // The frame's own label is small; the name is repeated large for the projector.
      if (person.name.trim()) board.text(`${key}-name`, { x: 32, y: 32, size: 'xl', text: person.name.trim(), parent })
      board.text(`${key}-offer-label`, { x: 32, y: 130, size: 'm', text: board.t({ de: 'Was ich anbiete', en: 'What I offer' }), parent })
      board.box(`${key}-offer`, { x: 32, y: 180, w: INNER_WIDTH, h: 170, text: person.offer.trim(), color: 'grey', align: 'start', parent })
      board.text(`${key}-seek-label`, { x: 32, y: 380, size: 'm', text: board.t({ de: 'Was ich suche', en: 'What I am looking for' }), parent })
      board.box(`${key}-seek`, { x: 32, y: 430, w: INNER_WIDTH, h: 170, text: person.seek.trim(), color: 'grey', align: 'start', parent })
      board.frame(`${key}-questions`, { x: 32, y: 680, w: INNER_WIDTH, h: 268, name: board.t({ de: 'Fragen', en: 'Questions' }), parent })
    }
  },
}
