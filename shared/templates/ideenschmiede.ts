import type { TemplateDefinition } from './types.ts'

const CLUSTER_COUNT = 6

/** The open brainstorming phase: everyone writes notes, then the room clusters them and votes. */
export const ideenschmiede: TemplateDefinition = {
  id: 'ideenschmiede',
  title: { de: 'Freie Ideenschmiede', en: 'Open idea forge' },
  description: {
    de: 'Ideen sammeln, in Clustern ordnen und punkten.',
    en: 'Collect ideas, sort them into clusters and vote.',
  },
  build: (board) => {
    const top = board.heading(ideenschmiede.title, {
      de: [
        'So geht’s:',
        '1. Schreib jede Idee auf eine eigene Notiz – sie bekommt automatisch die Farbe deiner Seite.',
        '2. Schiebt ähnliche Ideen gemeinsam in einen Cluster-Rahmen und gebt ihm einen Namen (Doppelklick auf den Titel).',
        '3. Beim Punkten verteilst du deine Punkte auf die Ideen, die ihr weiterverfolgen solltet.',
      ].join('\n'),
      en: [
        'How it works:',
        '1. Write each idea on a note of its own – it takes the colour of your side.',
        '2. Together, move similar ideas into a cluster frame and give it a name (double-click its title).',
        '3. When voting, spend your dots on the ideas worth taking further.',
      ].join('\n'),
    })
    board.sideLegend(1320, 100)
    const clusters = Array.from({ length: CLUSTER_COUNT }, (_, i) => ({ key: `cluster-${i + 1}`, name: `Cluster ${i + 1}` }))
    board.frameGrid(clusters, { top, columns: 3, width: 720, height: 520, gap: 80 })
  },
}
