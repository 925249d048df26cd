import { useState, type FormEvent } from 'react'
import type { Board } from '../../../shared/api.ts'
import { useMessages } from '../i18n/useMessages.ts'
import type { WorkshopConnection, WorkshopSnapshot } from '../workshop/WorkshopConnection.ts'
import { failureText } from '../speedDating/people.ts'
import { PitchOrderList } from './PitchOrderList.tsx'
import { mergeOrder } from './pitchOrder.ts'
import { PitchQueue } from './PitchQueue.tsx'
import '../speedDating/speedDating.css'

export interface PitchQueuePanelProps {
  connection: WorkshopConnection
  snapshot: WorkshopSnapshot
  boards: readonly Board[]
  /** Lets the owner re-read the boards when the facilitator opens the picker. */
  onBoardPickerFocus?: () => void
}

const DEFAULT_PITCH_MINUTES = 3

/**
 * The pitch queue in the console: which board, how long each pitch, and
 * who pitches in which order (creatives first, then companies); then each
 * pitch started, the next one, or the end.
 */
export function PitchQueuePanel({ connection, snapshot, boards, onBoardPickerFocus }: PitchQueuePanelProps) {
  const { t } = useMessages()
  const pitch = snapshot.state?.pitch ?? null
  const directory = snapshot.state?.directory ?? {}
  const pairBoards = new Set(snapshot.state?.speedDating?.rounds.flatMap((round) => round.groups.map((group) => group.boardId)) ?? [])
  const choosable = boards.filter((board) => !pairBoards.has(board.id))
  const [boardId, setBoardId] = useState(() => pitch?.boardId ?? choosable.find((board) => board.template === 'pitch')?.id ?? '')
  const [minutes, setMinutes] = useState(String(pitch ? pitch.perPitchMs / 60_000 : DEFAULT_PITCH_MINUTES))
  const [arranged, setArranged] = useState<string[]>(() => pitch?.queue.map((entry) => entry.personId) ?? [])
  const [excluded, setExcluded] = useState<ReadonlySet<string>>(() => (pitch ? new Set(Object.keys(directory).filter((id) => !pitch.queue.some((e) => e.personId === id))) : new Set()))
  const [status, setStatus] = useState<{ text: string; failed: boolean } | null>(null)
  const order = mergeOrder(arranged, directory)
  const chosenBoard = boardId || choosable.find((board) => board.template === 'pitch')?.id || ''

  async function configure(event: FormEvent) {
    event.preventDefault()
    const parsed = Number(minutes.replace(',', '.'))
    const perPitchMs = Math.round(Math.min(60, Math.max(0.5, Number.isFinite(parsed) ? parsed : DEFAULT_PITCH_MINUTES)) * 60_000)
    const result = await connection.send('pitch:configure', { boardId: chosenBoard, perPitchMs, order: order.filter((id) => !excluded.has(id)) })
    setStatus(result.ok ? { text: t('pitch.configured'), failed: false } : { text: failureText(result.error, t), failed: true })
  }

  return (
    <section className="sd-panel__section" aria-labelledby="pitch-queue-title">
      <h2 id="pitch-queue-title">{t('pitch.title')}</h2>
      {pitch && <PitchQueue connection={connection} pitch={pitch} directory={directory} />}
      <details className="sd-panel__more">
        <summary>{t('pitch.setUp')}</summary>
        <form className="sd-form" onSubmit={(event) => void configure(event)}>
          <div className="sd-inline sd-inline--wrap">
            <label className="sd-field">
              <span>{t('pitch.board')}</span>
              <select value={chosenBoard} onChange={(e) => setBoardId(e.target.value)} onFocus={onBoardPickerFocus} required>
                <option value="">{t('pitch.boardPick')}</option>
                {choosable.map((board) => (
                  <option key={board.id} value={board.id}>
                    {board.title}
                  </option>
                ))}
              </select>
            </label>
            <label className="sd-field sd-field--narrow">
              <span>{t('pitch.minutes')}</span>
              <input type="number" min={0.5} max={60} step={0.5} value={minutes} onChange={(e) => setMinutes(e.target.value)} />
            </label>
          </div>
          {order.length === 0 ? (
            <p className="sd-hint">{t('pitch.noProfiles')}</p>
          ) : (
            <PitchOrderList order={order} excluded={excluded} directory={directory} onReorder={setArranged} onExclude={setExcluded} />
          )}
          <div className="sd-actions">
            <button type="submit" className="sd-button sd-button--primary" disabled={!chosenBoard || order.every((id) => excluded.has(id))}>
              {t('pitch.configure')}
            </button>
            {status && (
              <p className="sd-status" role="status" data-kind={status.failed ? 'failed' : 'idle'}>
                {status.text}
              </p>
            )}
          </div>
        </form>
      </details>
    </section>
  )
}
