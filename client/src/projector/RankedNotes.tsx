import { useValue, type Editor, type TLShapeId } from 'tldraw'
import { richTextToPlainText } from '../../../shared/richText.ts'
import type { VoteState } from '../../../shared/workshop/index.ts'
import { useMessages } from '../i18n/useMessages.ts'
import { dotsLabel } from '../workshop/voting/votableShapes.ts'

const TOP = 5

/** After the reveal the room reads the winners, not 20-pixel badges: the top notes with their points, ranked. */
export function RankedNotes({ editor, vote }: { editor: Editor; vote: VoteState }) {
  const { t } = useMessages()
  const ranked = useValue(
    'ranked notes',
    () =>
      Object.entries(vote.results)
        .filter(([, points]) => points > 0)
        .sort((a, b) => b[1] - a[1])
        .slice(0, TOP)
        .map(([shapeId, points]) => {
          const shape = editor.getShape(shapeId as TLShapeId)
          const props: unknown = shape?.props
          const richText = typeof props === 'object' && props !== null && 'richText' in props ? props.richText : null
          return { shapeId, points, text: richTextToPlainText(richText) || t('projector.noteWithoutText') }
        }),
    [editor, vote.results],
  )
  if (ranked.length === 0) return null
  return (
    <section className="projector-ranking" aria-labelledby="projector-ranking-title" data-testid="projector-ranking">
      <h2 id="projector-ranking-title">{t('projector.ranking')}</h2>
      <ol>
        {ranked.map((note) => (
          <li key={note.shapeId}>
            <span className="projector-ranking__points">{dotsLabel(note.points, t)}</span>
            <span className="projector-ranking__text">{note.text}</span>
          </li>
        ))}
      </ol>
    </section>
  )
}
