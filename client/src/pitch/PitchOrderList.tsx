import { useState, type DragEvent } from 'react'
import { useMessages } from '../i18n/useMessages.ts'
import { moveItem } from './pitchOrder.ts'
import type { Directory } from '../speedDating/people.ts'
import { nameWithSide } from '../speedDating/RoundPlan.tsx'

interface PitchOrderListProps {
  order: readonly string[]
  excluded: ReadonlySet<string>
  directory: Directory
  onReorder: (order: string[]) => void
  onExclude: (excluded: ReadonlySet<string>) => void
}

/** The pitch order: drag and drop with the mouse, up and down buttons for the keyboard, a checkbox for who pitches at all. */
export function PitchOrderList({ order, excluded, directory, onReorder, onExclude }: PitchOrderListProps) {
  const { t } = useMessages()
  const [dragging, setDragging] = useState<number | null>(null)
  const [over, setOver] = useState<number | null>(null)

  function drop(event: DragEvent, index: number) {
    event.preventDefault()
    if (dragging !== null && dragging !== index) onReorder(moveItem(order, dragging, index))
    setDragging(null)
    setOver(null)
  }

  function toggle(id: string, included: boolean) {
    const next = new Set(excluded)
    if (included) next.delete(id)
    else next.add(id)
    onExclude(next)
  }

  return (
    <div className="sd-field">
      <span>{t('pitch.order')}</span>
      <small className="sd-hint">{t('pitch.orderHint')}</small>
      <ol className="sd-order">
        {order.map((id, index) => {
          const name = directory[id]?.name ?? t('panel.unknownPerson')
          return (
            <li
              key={id}
              className="sd-order__item"
              draggable
              data-dragging={dragging === index || undefined}
              data-over={over === index || undefined}
              data-excluded={excluded.has(id) || undefined}
              onDragStart={(event) => {
                event.dataTransfer.effectAllowed = 'move'
                event.dataTransfer.setData('text/plain', id)
                setDragging(index)
              }}
              onDragOver={(event) => {
                event.preventDefault()
                setOver(index)
              }}
              onDragLeave={() => setOver((current) => (current === index ? null : current))}
              onDrop={(event) => drop(event, index)}
              onDragEnd={() => {
                setDragging(null)
                setOver(null)
              }}
            >
              <span className="sd-order__grip" aria-hidden="true">
                ⠿
              </span>
              <label className="sd-check sd-order__name">
                <input type="checkbox" checked={!excluded.has(id)} aria-label={t('pitch.include', { name })} onChange={(e) => toggle(id, e.target.checked)} />
                {nameWithSide(directory, id, t)}
              </label>
              <button type="button" className="sd-icon-button" aria-label={t('pitch.up', { name })} disabled={index === 0} onClick={() => onReorder(moveItem(order, index, index - 1))}>
                ↑
              </button>
              <button
                type="button"
                className="sd-icon-button"
                aria-label={t('pitch.down', { name })}
                disabled={index === order.length - 1}
                onClick={() => onReorder(moveItem(order, index, index + 1))}
              >
                ↓
              </button>
            </li>
          )
        })}
      </ol>
    </div>
  )
}
